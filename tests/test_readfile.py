"""The one reader of a user's file (netlog/readfile.py): size, byte order mark, UTF-8, wording."""

from __future__ import annotations

import os

import pytest

from netlog import readfile
from netlog.checks import CHECKS
from netlog.model import ERROR, WARNING


@pytest.mark.parametrize("kind", sorted(readfile.LIMITS))
def test_every_kind_refuses_a_file_over_its_limit_in_the_same_words(tmp_path, kind, monkeypatch):
    limit, noun, hint = readfile.LIMITS[kind]
    monkeypatch.setitem(readfile.LIMITS, kind, (1024, noun, hint))
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 3 * 1024 * 1024)
    text, problems = readfile.read_text(str(big), kind)
    assert text is None
    [p] = problems
    assert (p.path, p.line, p.severity, p.code) == (str(big), 1, ERROR, "file-too-large")
    assert p.message == f"file is 3.0 MiB; netlog reads {noun} of at most 0.0 MiB{hint}"


def test_limits_are_named_in_mib():
    p = readfile.too_large("x.md", "entry", 5 * 1024 * 1024)
    assert p.message == "file is 5.0 MiB; netlog reads files of at most 2 MiB"
    assert "contacts files of at most 64 MiB; export without photos" in readfile.too_large("a.vcf", "contacts", 1 << 27).message


def test_a_device_is_read_no_further_than_the_limit(monkeypatch):
    monkeypatch.setitem(readfile.LIMITS, "inbox", (4096, "inboxes", ""))
    raw, problems = readfile.read_bytes("/dev/zero", "inbox")
    assert raw is None and problems[0].code == "file-too-large"


def test_a_file_of_many_chunks_is_read_whole(tmp_path):
    data = os.urandom(5 * readfile._CHUNK + 123)
    f = tmp_path / "f.md"
    f.write_bytes(data)
    assert readfile.read_bytes(str(f), "entry") == (data, [])


def _fifo_writer(path, pieces):
    """A thread that writes ``pieces`` one by one into the FIFO at ``path`` (a reader sees short
    reads), and stops quietly when the reader goes away."""
    import threading

    def write():
        try:
            with open(path, "wb", buffering=0) as fh:
                for piece in pieces:
                    fh.write(piece)
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_pipe_is_read_to_its_end_across_short_reads(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    pieces = [bytes([65 + n % 26]) * (n * 37 % 5000 + 1) for n in range(60)]
    thread = _fifo_writer(fifo, pieces)
    assert readfile.read_bytes(str(fifo), "entry") == (b"".join(pieces), [])
    thread.join(5)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_pipe_is_read_no_further_than_the_limit(tmp_path, monkeypatch):
    monkeypatch.setitem(readfile.LIMITS, "inbox", (4096, "inboxes", ""))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    thread = _fifo_writer(fifo, [b"x" * 1000] * 10)
    raw, problems = readfile.read_bytes(str(fifo), "inbox")
    assert raw is None and problems[0].code == "file-too-large"
    thread.join(5)


@pytest.mark.parametrize("data, text", [
    (b"\xef\xbb\xbfhello\r\n", "hello\r\n"),  # a UTF-8 BOM is dropped, line ends kept
    ("Zoë\n".encode(), "Zoë\n"),
    (b"", ""),
])
def test_utf8_with_or_without_a_bom(tmp_path, data, text):
    f = tmp_path / "f"
    f.write_bytes(data)
    assert readfile.read_text(str(f), "entry") == (text, [])


@pytest.mark.parametrize("encoding, name", [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")])
def test_a_wide_bom_is_named(encoding, name):
    raw = ("\ufeff" if encoding.endswith("be") else "").encode(encoding) + "FN:Zoë\n".encode(encoding)
    text, [p] = readfile.decode("c.vcf", raw)
    assert text is None and p.code == "not-utf8"
    assert p.message == f"the file is {name} text, not UTF-8; save it as UTF-8"


def test_the_first_byte_that_is_not_utf8_is_named_with_its_line():
    text, [p] = readfile.decode("a.md", "---\nname: ok\n".encode() + b"org: Caf\xe9\n")
    assert text is None
    assert (p.line, p.severity, p.code) == (3, ERROR, "not-utf8")
    assert p.message == "not valid UTF-8 (byte 0xE9 on line 3); save the file as UTF-8"


def test_replace_reads_anyway_with_a_warning_of_the_callers_code():
    code = "ics-not-utf8"
    assert CHECKS[code].severity == WARNING
    text, [p] = readfile.decode("c.ics", b"A\nB\xe9\n", replace=code)
    assert text == "A\nB\ufffd\n"
    assert (p.line, p.severity, p.code) == (2, WARNING, code)
    assert p.message.startswith("not valid UTF-8 (byte 0xE9 on line 2)")


def test_a_file_that_cannot_be_opened(tmp_path):
    text, [p] = readfile.read_text(str(tmp_path / "missing.vcf"), "contacts", at="missing.vcf")
    assert text is None
    assert (p.path, p.code, p.message) == ("missing.vcf", "unreadable-file", "cannot read file: No such file or directory")


def test_a_folder_is_a_file_that_cannot_be_read(tmp_path):
    _, [p] = readfile.read_bytes(str(tmp_path), "mail")
    assert p.code == "unreadable-file" and os.strerror(21) in p.message


def test_every_code_it_gives_is_registered():
    for code in ("file-too-large", "not-utf8", "unreadable-file"):
        assert CHECKS[code].severity == ERROR
