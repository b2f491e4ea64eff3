"""A raw NUL byte inside a front matter value (line 5)."""
def make(root):
    (root / "log/2026").mkdir(parents=True, exist_ok=True)
    (root / "log/2026/nul.md").write_bytes(
        b"---\ndate: 2026-01-05\nkind: coffee\nwith: [Jane Doe]\ntitle: a\x00b\n---\n")
