def make(root):
    log = root / "log"
    entry = "---\ndate: 2026-01-02\nkind: article\n---\n"
    (log / ("a" * 251 + ".md")).write_text(entry)
    (log / ("b" * 250 + ".md")).write_text(entry)
    (log / "stub.md").write_text("---\ndate: 2026-01-02\nkind: coffee\nwith: " + "Ж" * 126 + "\n---\n")
