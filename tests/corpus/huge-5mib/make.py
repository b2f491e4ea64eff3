"""A 5 MiB file, over the 2 MiB limit (valid front matter, a huge body)."""
def make(root):
    (root / "log").mkdir(exist_ok=True)
    head = b"---\ndate: 2026-01-05\nkind: talk\n---\n"
    body = (b"lorem ipsum dolor sit amet " * 40 + b"\n")
    data = head + body * (5 * 1024 * 1024 // len(body) + 1)
    (root / "log/huge.md").write_bytes(data[:5 * 1024 * 1024])
