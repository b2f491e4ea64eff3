"""[[[[…]]]] of 100,000 levels: over the front matter size limit."""
def make(root):
    (root / "log").mkdir(exist_ok=True)
    n = 100_000
    (root / "log/deep.md").write_text("---\ndate: 2026-01-05\nkind: talk\nx: " + "[" * n + "]" * n + "\n---\n")
