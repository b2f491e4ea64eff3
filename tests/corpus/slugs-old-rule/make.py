import unicodedata


def make(root):
    name = unicodedata.normalize("NFD", "김민준")
    (root / "log" / "people" / f"{name}.md").write_text("---\nname: 김민준\n---\n", encoding="utf-8")
