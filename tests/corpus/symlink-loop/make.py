"""Links to the log itself and to a parent folder inside it: loops that MkDocs would follow."""
import os


def make(root):
    (root / "log/sub").mkdir(parents=True, exist_ok=True)
    (root / "log/a.md").write_text("---\ndate: 2026-01-05\nkind: talk\n---\n")
    (root / "log/photo.jpg").write_text("a picture\n")
    os.symlink(".", root / "log/loop")
    os.symlink("..", root / "log/sub/up")
