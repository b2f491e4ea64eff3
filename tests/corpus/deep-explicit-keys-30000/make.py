"""`? ? ? … x`: 30,000 levels of explicit mapping keys on one line (60 KB, under the size limit).

No bracket, dash or new line: a cheap pre-check that counts those misses this nesting.
"""
def make(root):
    (root / "log").mkdir(exist_ok=True)
    (root / "log/deep.md").write_text("---\ndate: 2026-01-05\nkind: talk\n" + "? " * 30_000 + "x\n---\n")
