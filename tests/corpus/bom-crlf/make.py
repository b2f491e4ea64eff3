"""A UTF-8 BOM and CRLF line ends are accepted; line numbers stay right."""
def make(root):
    (root / "log/people").mkdir(parents=True, exist_ok=True)
    (root / "log/people/jane-doe.md").write_bytes(b"\xef\xbb\xbf---\r\nname: Jane Doe\r\n---\r\n")
    (root / "log/2026").mkdir(parents=True, exist_ok=True)
    (root / "log/2026/crlf.md").write_bytes(
        b"\xef\xbb\xbf---\r\ndate: 2026-01-05\r\nkind: coffee\r\nwith: [Jane Doe]\r\n"
        b"folow_up: 3d\r\n---\r\n# Coffee\r\n\r\nNotes.\r\n")
    (root / "log/2026/cr-only.md").write_bytes(
        b"---\rdate: 2026-01-06\rkind: call\rwith: Jane Doe\r---\r")
