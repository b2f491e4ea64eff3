"""mkdocs.yml with a [[[[…]]]] of 20,000 levels (far past Python's recursion limit)."""
def make(root):
    n = 20_000
    (root / "mkdocs.yml").write_text("site_name: t\ndocs_dir: log\nplugins: [netlog]\nextra: " + "[" * n + "]" * n + "\n")
