def make(root):
    log = root / "log"
    (log / "people").mkdir(parents=True, exist_ok=True)
    (log / "people" / "jane-doe.md").write_text("---\nname: Jane Doe\n---\n")
    for n, name in enumerate(["Coffee #2 with José", "a?b", "100% sure", "it's \"q\"", "x&y", "a+b=c"]):
        (log / f"{name}.md").write_text(f"---\ndate: 2026-01-0{n + 1}\nkind: coffee\nwith: Jane Doe\n---\n")
