"""Binary files with a .md name: not UTF-8, or UTF-8 with NUL bytes."""
def make(root):
    (root / "log").mkdir(exist_ok=True)
    (root / "log/junk.md").write_bytes(bytes(range(256)) * 4)  # 0x80 is the first bad byte, on line 2
    (root / "log/image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (root / "log/nul.md").write_bytes(b"text\x00with\x00nul bytes\n")
