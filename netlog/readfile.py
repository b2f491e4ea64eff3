"""Reading a user's file: one size, byte-order-mark and UTF-8 policy, and one wording, for
every file a person hands netlog (docs/format.md §8, "Reading a file").

Entries and person files, contacts exports (vCard, LinkedIn), calendars, mail
and the inbox are all read here:

- **size**: each kind of file has a limit (:data:`LIMITS`, bytes); no more
  than the limit plus one byte is ever read, so ``/dev/zero``, a pipe or a
  huge file costs bounded memory. Over the limit: ``file is 5.0 MiB; netlog
  reads <kind> of at most 2 MiB`` (code ``file-too-large``);
- **byte order mark**: a UTF-8 BOM is dropped; a UTF-16 or UTF-32 BOM is
  named (``the file is UTF-16 text; save it as UTF-8``, code ``not-utf8``);
- **UTF-8**: text must be UTF-8; the first byte that is not is named with its
  line (``not valid UTF-8 (byte 0xE9 on line 5); save the file as UTF-8``,
  code ``not-utf8``). Formats whose exports are often not UTF-8 although they
  should be (calendars) may pass ``replace=CODE``: the bytes become U+FFFD
  and the same words come as a warning with their own registered code;
- **cannot open**: ``cannot read file: <reason>`` (code ``unreadable-file``).

Line ends are left as they are: each parser has its own rule for CR and LF.
Everything is returned as :class:`~netlog.model.Problem` values (errors are
values); nothing here raises on bad user data.
"""

from __future__ import annotations

import codecs
import os

from .model import ERROR, WARNING, Problem

MIB = 1024 * 1024

#: kind of file -> (the most bytes netlog reads, how the message names such files, a hint).
LIMITS: dict[str, tuple[int, str, str]] = {
    "entry": (2 * MIB, "files", ""),  # a person file or an entry of the log (docs/format.md §8)
    "contacts": (64 * MIB, "contacts files", "; export without photos, or in parts"),
    "calendar": (32 * MIB, "calendars", "; export a shorter stretch of the calendar"),
    "mail": (64 * MIB, "messages", "; save the message without its attachments"),
    "inbox": (4 * MIB, "inboxes", "; split it into several files"),
}

_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
              (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))

_CHUNK = 64 * 1024  # bytes asked for by each read after the first (see _read)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no line-end translation, as open(path, "rb")


def limit_of(kind: str) -> int:
    """The most bytes netlog reads of a file of ``kind`` (a key of :data:`LIMITS`)."""
    return LIMITS[kind][0]


def _mib(n: int) -> str:
    return f"{n / MIB:.1f} MiB" if n % MIB else f"{n // MIB} MiB"


def too_large(path: str, kind: str, size: int) -> Problem:
    """The ``file-too-large`` problem for a file of ``kind`` that is ``size`` bytes long."""
    limit, noun, hint = LIMITS[kind]
    return Problem(path, 1, ERROR, f"file is {size / MIB:.1f} MiB; netlog reads {noun} of at most "
                                   f"{_mib(limit)}{hint}", "file-too-large")


def read_bytes(path: str, kind: str, *, at: str | None = None) -> tuple[bytes | None, list[Problem]]:
    """``(bytes, [])`` of the file at ``path`` (an OS path), or ``(None, [problem])``.

    ``at`` is the path the problem names (default ``path``): the log's
    loader names files relative to the log. Reads at most the limit of
    ``kind`` plus one byte, whatever the file is (a pipe, a device).
    """
    at = path if at is None else at
    limit = limit_of(kind)
    try:
        fd = os.open(path, os.O_RDONLY | _BINARY)
        try:
            size = os.fstat(fd).st_size
            # read(n) allocates n bytes up front: a regular file that fits is asked for its size
            # (and read to its end), anything else for at most the limit and one byte
            raw = _read(fd, size + 1, None) if 0 < size <= limit else _read(fd, _CHUNK, limit + 1)
        finally:
            os.close(fd)
    except OSError as e:
        return None, [Problem(at, 1, ERROR, f"cannot read file: {e.strerror or e}", "unreadable-file")]
    if len(raw) > limit:
        return None, [too_large(at, kind, max(size, len(raw)))]
    return raw, []


def head(path: str, most: int) -> bytes:
    """The first ``most`` bytes of the file at ``path`` (all of it when shorter), with plain
    ``os.read`` calls (:func:`_read`). OSError as the system raises it."""
    fd = os.open(path, os.O_RDONLY | _BINARY)
    try:
        return _read(fd, most, most)
    finally:
        os.close(fd)


def _read(fd: int, first: int, most: int | None) -> bytes:
    """The bytes of ``fd`` to its end, or its first ``most`` bytes when it has more; the first
    read asks for ``first`` bytes, the next for a chunk each. Plain ``os.read`` calls: for the
    thousands of small files of a log, the file objects of ``open`` cost more than the reading
    (issue 27)."""
    data = os.read(fd, first if most is None else min(first, most))
    if not data:
        return data
    parts, got = [data], len(data)
    while most is None or got < most:
        data = os.read(fd, _CHUNK if most is None else min(_CHUNK, most - got))
        if not data:
            break
        parts.append(data)
        got += len(data)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def decode(path: str, raw: bytes, *, replace: str | None = None) -> tuple[str | None, list[Problem]]:
    """``raw`` as text by the policy above: ``(text, problems)``; text is None on an error.

    With ``replace`` (a warning's code in ``checks.CHECKS``), bytes that are
    not UTF-8 become U+FFFD and the problem is that warning (the first such
    byte, with its line).
    """
    for bom, name in _WIDE_BOMS:
        if raw.startswith(bom):
            return None, [Problem(path, 1, ERROR, f"the file is {name} text, not UTF-8; save it as UTF-8",
                                  "not-utf8")]
    try:
        text = raw.decode("utf-8")
        problems: list[Problem] = []
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        bad = raw[e.start:e.start + 1].hex().upper()
        words = f"not valid UTF-8 (byte 0x{bad} on line {line}); save the file as UTF-8"
        if replace is None:
            return None, [Problem(path, line, ERROR, words, "not-utf8")]
        text = raw.decode("utf-8", errors="replace")
        problems = [Problem(path, line, WARNING, words + " (characters it could not read are shown as \ufffd)",
                            replace)]
    return text.removeprefix("\ufeff"), problems


def read_text(path: str, kind: str, *, at: str | None = None,
              replace: str | None = None) -> tuple[str | None, list[Problem]]:
    """:func:`read_bytes` then :func:`decode`: ``(text, problems)``, text None on an error."""
    raw, problems = read_bytes(path, kind, at=at)
    if raw is None:
        return None, problems
    return decode(path if at is None else at, raw, replace=replace)
