"""`audience:` followed by a 5,000-digit number: more digits than Python converts by default."""
def make(root):
    (root / "log").mkdir(exist_ok=True)
    (root / "log/huge.md").write_text("---\ndate: 2026-01-05\nkind: talk\naudience: " + "9" * 5000 + "\n---\n")
