"""Valid front matter, then a bad byte on line 8 of the body."""
def make(root):
    (root / "log/2026").mkdir(parents=True, exist_ok=True)
    head = b"---\ndate: 2026-01-05\nkind: coffee\nwith: [Jane Doe]\n---\nline six\nline seven\n"
    (root / "log/2026/bad-byte.md").write_bytes(head + b"bad \xc3\x28 byte\nline nine\n")
