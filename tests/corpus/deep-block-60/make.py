"""Block-style mappings 60 levels deep: depth 51 is reached on line 54."""
def make(root):
    (root / "log").mkdir(exist_ok=True)
    lines = ["x:"] + ["  " * i + f"k{i}:" for i in range(1, 61)]
    lines[-1] += " leaf"
    (root / "log/deep.md").write_text("---\ndate: 2026-01-05\nkind: talk\n" + "\n".join(lines) + "\n---\n")
