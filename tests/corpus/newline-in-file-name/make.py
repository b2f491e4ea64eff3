"""A file name with a line break: its check line must still be one line (the name escaped)."""
def make(root):
    (root / "log").mkdir(exist_ok=True)
    (root / "log/new\nline.md").write_text("---\ndate: 2026-01-05\nkind: talk\nfolow_up: 1d\n---\n")
