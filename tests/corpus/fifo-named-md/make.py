"""A named pipe called pipe.md in the log: reading it would wait forever for a writer."""
import os


def make(root):
    (root / "log").mkdir(exist_ok=True)
    os.mkfifo(root / "log/pipe.md")
    (root / "log/talk.md").write_text("---\ndate: 2026-01-05\nkind: talk\n---\n")
