import os


def make(root):
    log = root / "log"
    entry = b"---\ndate: 2026-01-02\nkind: article\n---\n"
    (log / os.fsdecode(b"caf\xe9.md")).write_bytes(entry)
    (log / os.fsdecode(b"d\xff")).mkdir()
    (log / os.fsdecode(b"d\xff") / "x.md").write_bytes(entry)
    (log / "fine.md").write_bytes(entry)
