"""Front matter of 70,000 characters (the file itself is small enough)."""
def make(root):
    (root / "log").mkdir(exist_ok=True)
    lines = "".join(f"key{i:05d}: value\n" for i in range(4500))
    (root / "log/big-fm.md").write_text("---\ndate: 2026-01-05\nkind: talk\n" + lines + "---\n")
