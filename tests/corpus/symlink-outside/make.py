"""Links that lead outside the log are errors and are not followed; a broken one too."""
import os

def make(root):
    entry = "---\ndate: 2026-01-05\nkind: talk\n---\n"
    (root / "outside").mkdir()
    (root / "outside/secret.md").write_text(entry)
    (root / "log").mkdir(exist_ok=True)
    os.symlink(root / "outside/secret.md", root / "log/absolute.md")
    os.symlink("../outside/secret.md", root / "log/relative.md")
    os.symlink(root / "outside", root / "log/folder")
    os.symlink("nowhere.md", root / "log/broken.md")
    (root / "log/real.md").write_text(entry)
    os.symlink("real.md", root / "log/inside.md")  # inside the log: read as an entry
