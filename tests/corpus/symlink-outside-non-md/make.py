"""A picture that is a link to a file outside the log (it would be published)."""
import os

def make(root):
    (root / "outside").mkdir()
    (root / "outside/secret.txt").write_text("a secret that must not be published\n")
    (root / "log").mkdir(exist_ok=True)
    os.symlink(root / "outside/secret.txt", root / "log/photo.jpg")
