def make(root):
    log = root / "log"
    (log / "people").mkdir(parents=True, exist_ok=True)
    (log / "people" / "jane-doe.md").write_text("---\nname: Jane Doe\n---\n" + "1. " * 3000 + "x\n")
    head = "---\ndate: 2026-01-02\nkind: coffee\nwith: Jane Doe\n---\n"
    (log / "brackets.md").write_text(head + "intro\n\n" + "[" * 8000 + "\n")
    (log / "angles.md").write_text(head + "<a " * 5000 + "\n")
    (log / "long.md").write_text(head + "x\n\n" * 30000)
