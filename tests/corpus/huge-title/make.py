"""A 10,000-character title on one line is fine."""
def make(root):
    (root / "log/2026").mkdir(parents=True, exist_ok=True)
    (root / "log/2026/long.md").write_text(
        "---\ndate: 2026-01-05\nkind: coffee\nwith: [Jane Doe]\ntitle: " + "x" * 10_000 + "\n---\n")
