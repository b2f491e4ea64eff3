"""An entry saved as Latin-1: the error names the line of the first bad byte."""
def make(root):
    (root / "log/2026").mkdir(parents=True, exist_ok=True)
    text = "---\ndate: 2026-01-05\nkind: coffee\nwith: [Jane Doe]\ntitle: Café with José\n---\n"
    (root / "log/2026/latin1.md").write_bytes(text.encode("latin-1"))
