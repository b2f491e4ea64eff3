"""mkdocs.yml saved as Latin-1."""
def make(root):
    (root / "mkdocs.yml").write_bytes("site_name: Café\ndocs_dir: log\nplugins: [netlog]\n".encode("latin-1"))
