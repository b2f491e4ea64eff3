"""[[[[…]]]] of 30,000 levels (60 KB, under the size limit), closed and unclosed."""
def make(root):
    (root / "log").mkdir(exist_ok=True)
    n = 30_000
    (root / "log/deep.md").write_text("---\ndate: 2026-01-05\nkind: talk\nx: " + "[" * n + "]" * n + "\n---\n")
    (root / "log/deep-map.md").write_text("---\ndate: 2026-01-05\nkind: talk\nx: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n---\n")
    (root / "log/unclosed.md").write_text("---\ndate: 2026-01-05\nkind: talk\nx: " + "[" * n + "\n---\n")
