"""Mail import (docs/format.md §12): an ``.eml`` file, an mbox or a Maildir -> drafts of entries.

Three stages, the same shape as the calendar import (``capture/ics.py``):

1. :func:`read_messages`: PATH -> the raw messages, one at a time (an mbox is
   split as it is read, never loaded whole, so memory does not grow with the
   file; a Maildir is read with :class:`mailbox.Maildir`), each with where it
   is (``message 3``, its line); a file or folder that is no mail is one
   ``mail-unreadable`` problem;
2. :func:`plan`: messages + the log's people -> drafts and skips. The standard
   library's ``email`` package (policy ``default``) parses each message: MIME,
   encoded words, quoted-printable and base64, charsets. Skipped, in this order:
   outside the window, bulk mail, no known person (unless ``--all``), a thread
   and date already imported. The messages of one thread on one date make one
   draft: its kind (``intro``, ``introduced``, ``rejection``, else ``email``),
   people, direction, title and notes (:func:`body_text`, :func:`trimmed`);
3. the command (``netlog import mail``, ``commands/imports.py``) writes the
   drafts with the calendar import's writer.

What a thread on a date keeps while the mailbox is read is small (who, the
kind's evidence, where its first message is, and where the messages not from
you that may say a rejection phrase are); their text is read again when the
draft is written, one draft at a time, each message once: the first
message's text serves both the notes and the search for a phrase, and an
intro's messages are never searched. Nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
import email.errors
import email.message
from email import policy
from email.header import decode_header, make_header
from email.parser import BytesParser
from html.parser import HTMLParser

from .. import readfile
from ..model import ERROR, WARNING, Kind, Problem
from ..people import PeopleIndex, email_address
from ..slug import slugify
from ..titles import join_names
from ..yamlemit import one_line
from .writing import DraftEntry

#: The most characters of a message's text that go into a draft's notes.
MAX_BODY = 1000

#: Phrases that make a message from someone else a rejection (compared in any case).
REJECTION_PHRASES = (
    "move forward with other candidates", "moving forward with other candidates", "not be moving forward",
    "decided not to proceed", "position has been filled", "chosen someone else", "selected another candidate",
    "pursue other candidates",
)
#: Local parts of senders whose mail is machine-sent.
BULK_SENDERS = frozenset({"noreply", "no-reply", "donotreply", "do-not-reply", "mailer-daemon", "notifications"})
_PREFIX = re.compile(r"^(?:\s*(?:re|fwd|fw|aw|wg|sv)\s*(?:\[[0-9]+\])?\s*:)+\s*", re.I)
_ID = re.compile(r"<([^<>\s]+)>")


# --------------------------------------------------------------------------- 1. read


@dataclass(frozen=True, slots=True)
class RawMessage:
    """One message as stored: the file that holds it, the line of its first header, how the
    user finds it (``message 3`` in an mbox; ``the message`` when the file is the message,
    an ``.eml`` or a Maildir's file) and its bytes."""

    path: str
    line: int
    where: str
    data: bytes
    offset: int = 0  # where ``data`` starts in the file, in bytes (to read it again: :func:`reread`)


def kind_of_path(path: str) -> str | None:
    """``maildir``, ``mbox``, ``eml`` or ``folder`` (a folder of ``.eml`` files, or Apple Mail's
    ``X.mbox`` folder with its ``mbox`` file), or None when ``path`` is none of them."""
    if os.path.isdir(path):
        if os.path.isdir(os.path.join(path, "cur")) or os.path.isdir(os.path.join(path, "new")):
            return "maildir"
        return "folder"
    if not os.path.exists(path):
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return "eml"  # read_messages names the error
    first = head.lstrip(b"\r\n\t \xef\xbb\xbf")
    return "mbox" if first.startswith(b"From ") else "eml"


def read_messages(path: str, problems: list[Problem]) -> Iterator[RawMessage]:
    """The messages at ``path`` (an ``.eml`` file, an mbox file, a Maildir or a folder of
    ``.eml`` files or Apple Mail's ``X.mbox`` folder), one at a time; problems found on the way
    are appended to ``problems`` (a message over :data:`readfile.LIMITS` ``mail`` is left out
    with a warning; a path that holds no mail is one ``mail-unreadable`` error)."""
    kind = kind_of_path(path)
    if kind is None:
        problems.append(Problem(path, 1, ERROR, "no such file or folder", "mail-unreadable"))
    elif kind == "mbox":
        yield from _mbox(path, problems)
    elif kind == "eml":
        yield from _eml(path, problems)
    elif kind == "maildir":
        yield from _maildir(path, problems)
    else:
        inner = os.path.join(path, "mbox")
        if os.path.isfile(inner):  # Apple Mail's export: Inbox.mbox/mbox
            yield from _mbox(inner, problems)
            return
        try:
            names = sorted(n for n in os.listdir(path) if n.lower().endswith(".eml") and not n.startswith("."))
        except OSError as e:
            problems.append(Problem(path, 1, ERROR, f"cannot read folder: {e.strerror or e}", "mail-unreadable"))
            return
        if not names:
            problems.append(Problem(path, 1, ERROR, "not a Maildir (no cur/ or new/ folder), nor a folder of .eml "
                                                    "files or an Apple Mail .mbox export", "mail-unreadable"))
        for name in names:
            yield from _eml(os.path.join(path, name), problems, alone=False)


def _eml(path: str, problems: list[Problem], alone: bool = True) -> Iterator[RawMessage]:
    """The message in the file at ``path`` (an ``.eml``, a Maildir's file): the file names it.
    A file that is not a message is an error when it is all there is (``alone``), else a
    warning that leaves it out (``mail-message-left-out``)."""

    def refuse(line: int, message: str) -> None:
        if alone:
            problems.append(Problem(path, line, ERROR, message, "mail-unreadable"))
        else:
            problems.append(Problem(path, line, WARNING, f"{message}; left out", "mail-message-left-out"))

    data, read = readfile.read_bytes(path, "mail")
    if data is None:
        for p in read:
            refuse(p.line, p.message)
        return
    start = data[:2048].lstrip(b"\r\n\xef\xbb\xbf")
    if not re.match(rb"[!-9;-~]+:", start):
        refuse(1, "not an e-mail message: it does not start with a header line such as 'From: ...' "
                  "(nor with an mbox's 'From ' line)")
        return
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    yield RawMessage(path, 1, "the message", data[bom:], bom)


def _maildir(path: str, problems: list[Problem]) -> Iterator[RawMessage]:
    import mailbox

    box = mailbox.Maildir(path, factory=None, create=False)
    try:
        keys = sorted(box.iterkeys())
    except OSError as e:
        problems.append(Problem(path, 1, ERROR, f"cannot read the Maildir: {e.strerror or e}", "mail-unreadable"))
        return
    for key in keys:
        try:
            file = os.path.join(path, box._lookup(key))  # noqa: SLF001 - the one way to a message's file
        except KeyError:
            continue  # moved or deleted by a mail client while we read
        yield from _eml(file, problems, alone=False)


#: How much of an mbox is read at a time (:func:`_mbox`): memory stays this and the largest message.
MBOX_PIECE = 1 << 20
#: A line's end, a blank line (LF or CR LF) and a ``From `` line: where an mbox's next message starts
#: (the ``From `` line's first byte is 5 before the end of the match).
_SEPARATOR = re.compile(rb"\n\r?\nFrom ")


def _mbox(path: str, problems: list[Problem]) -> Iterator[RawMessage]:
    """An mbox split at its ``From `` lines (at the start, or after a blank line: a line of LF or
    CR LF alone), as it is read: a piece of :data:`MBOX_PIECE` bytes at a time, cut after its
    last whole line, its ``From `` lines found by :data:`_SEPARATOR` (the same lines a loop over
    the file's lines finds: a test compares the two)."""
    limit = readfile.limit_of("mail")
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below; a generator keeps it open between messages
    except OSError as e:
        problems.append(Problem(path, 1, ERROR, f"cannot read file: {e.strerror or e}", "mail-unreadable"))
        return
    with fh:
        number = start = 0  # messages met; the line of the last one's From line
        chunks: list[bytes] = []  # the last message's bytes so far (none once it is too big)
        size = offset = 0  # its size so far; where it starts in the file
        line, pos = 1, 0  # the line and the file position where ``buf`` starts
        blank = True  # the line before ``buf`` is blank, or there is none
        rest = b""
        while True:
            piece = fh.read(MBOX_PIECE)
            buf = rest + piece
            cut = buf.rfind(b"\n") + 1 if piece else len(buf)  # whole lines only, but at the end
            if piece and not cut:
                rest = buf
                continue
            rest = buf[cut:]
            found = [m.end() - 5 for m in _SEPARATOR.finditer(buf, 0, cut)]
            if buf.startswith((b"\nFrom ", b"\r\nFrom "), 0, cut):  # a blank line first: no match has it
                found.insert(0, buf.index(b"From "))
            elif blank and buf.startswith(b"From ", 0, cut):
                found.insert(0, 0)
            at = counted = 0  # where the last message's bytes go on; up to where lines are counted
            for sep in found:
                if number:
                    size, too_big = _add(chunks, buf[at:sep], size, limit)
                    yield from _mbox_message(path, start, number, chunks, too_big, size, offset, problems)
                line += buf.count(b"\n", counted, sep)
                counted = sep
                nl = buf.find(b"\n", sep, cut)
                at = cut if nl < 0 else nl + 1
                number, start, chunks, size, offset = number + 1, line, [], 0, pos + at
            if number and at < cut:
                size, _ = _add(chunks, buf[at:cut], size, limit)
            line += buf.count(b"\n", counted, cut)
            last = buf.rfind(b"\n", 0, cut - 1) + 1
            blank = buf[last:cut] in (b"\n", b"\r\n")
            pos += cut
            if not piece:
                break
        if number:
            yield from _mbox_message(path, start, number, chunks, size > limit, size, offset, problems)


def _add(chunks: list[bytes], data: bytes, size: int, limit: int) -> tuple[int, bool]:
    """Add ``data`` to a message's ``chunks`` of ``size`` bytes: (its size now, whether it is over
    ``limit``). Over the limit, ``chunks`` is emptied and stays empty (memory)."""
    size += len(data)
    if size > limit:
        chunks.clear()
        return size, True
    chunks.append(data)
    return size, False


def _mbox_message(path: str, start: int, number: int, chunks: list[bytes], too_big: bool, size: int,
                  offset: int, problems: list[Problem]) -> Iterator[RawMessage]:
    where = f"message {number}"
    if too_big:
        problems.append(Problem(path, start, WARNING, f"{where}: {readfile.too_large(path, 'mail', size).message}; "
                                                      "left out", "mail-message-left-out"))
        return
    yield RawMessage(path, start + 1, where, b"".join(chunks), offset)


def reread(path: str, offset: int, size: int) -> bytes:
    """The ``size`` bytes of a message at ``offset`` in ``path``, read again (a draft's notes are
    made when it is written, so the text of every thread's first message is not kept in memory);
    empty when the file cannot be read any more."""
    with Rereader() as files:
        return files.read(path, offset, size)


class Rereader:
    """:func:`reread` for many messages: the file of the last one stays open for the next (the
    messages of an mbox are all in one file). A context manager; :meth:`close` closes it."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.fh = None

    def read(self, path: str, offset: int, size: int) -> bytes:
        try:
            if path != self.path:
                self.close()
                self.path = path
                self.fh = open(path, "rb")  # noqa: SIM115 - kept open for the next message; closed by close()
            if self.fh is None:
                return b""
            self.fh.seek(offset)
            return self.fh.read(size)
        except OSError:
            self.close()
            self.path = None
            return b""

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
        self.fh = None

    def __enter__(self) -> Rereader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --------------------------------------------------------------------------- 2. read one message


@dataclass(frozen=True, slots=True)
class Party:
    """An address of a message: the bare address (case-folded) and the display name, if any."""

    address: str | None
    name: str | None

    def shown(self) -> str:
        if self.name and self.address:
            return f"{self.name} <{self.address}>"
        return self.name or self.address or "?"


@dataclass(slots=True)
class Message:
    """What netlog uses of one message: when, which thread, the subject, and its headers as
    written (those of :data:`USED_HEADERS`, by lower-case name); who sent it and to whom are read only when needed (:meth:`read_parties`), so a
    message outside the window or of a thread already imported costs little."""

    raw: RawMessage
    when: dt.datetime
    thread: str
    subject: str
    headers: dict[str, list[str]]
    sender: Party | None = None
    recipients: tuple[Party, ...] = ()
    bulk: str | None = None

    @property
    def date(self) -> dt.date:
        return self.when.date()  # in the message's own offset (docs/format.md §12)

    def read_parties(self) -> None:
        """Read the sender (the first From address), the recipients (To and Cc) and whether
        it is bulk mail (:func:`bulk_reason`)."""
        senders = _parties(self.headers, "from")
        self.sender = senders[0] if senders else None
        self.recipients = tuple(_parties(self.headers, "to") + _parties(self.headers, "cc"))
        self.bulk = bulk_reason(self.headers, self.sender)


#: The ``compat32`` policy: header values stay text, read with ``email.utils`` and
#: ``email.header`` where netlog needs them. The ``default`` policy builds an object for every
#: header it is asked for, which made the import 8 times slower (docs/format.md §12, measured
#: with benchmarks/bench_mail.py); the MIME parsing, transfer encodings and charsets are the same.
#: Headers first (``headersonly``): the MIME parts are parsed only for a message whose text is needed.
_PARSER = BytesParser(policy=policy.compat32)


def header_text(value: str | None) -> str:
    """A header value as text: encoded words (``=?UTF-8?Q?…?=``) decoded; an unknown charset
    read as UTF-8 with replacement characters rather than refused."""
    if not value:
        return ""
    if "=?" not in value:
        return value
    try:
        return text_of(str(make_header(decode_header(value))))
    except (LookupError, ValueError, UnicodeError, email.errors.HeaderParseError):
        pass
    try:
        chunks = decode_header(value)
    except (ValueError, email.errors.HeaderParseError):
        return value
    out = []
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            out.append(chunk)
            continue
        try:
            out.append(chunk.decode(charset or "utf-8", "replace"))
        except LookupError:
            out.append(chunk.decode("utf-8", "replace"))
    return text_of("".join(out))


def text_of(value: object) -> str:
    """A header or body as text: raw 8-bit bytes (which the email package keeps as surrogates)
    read as UTF-8, or U+FFFD where they are not UTF-8."""
    text = str(value)
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _line_of(raw: RawMessage, header: str) -> int:
    """The line of ``header`` in ``raw`` (its first line when it is not there)."""
    m = re.search(rb"(?im)^" + re.escape(header.encode()) + rb"[ \t]*:", raw.data)
    return raw.line + (raw.data.count(b"\n", 0, m.start()) if m else 0)


#: The headers a message is read by (:class:`Message`): its date, thread, subject, parties and
#: whether it is bulk mail (:func:`bulk_reason`). No other header is read.
USED_HEADERS = frozenset({"date", "subject", "from", "to", "cc", "message-id", "in-reply-to", "references",
                          "list-id", "list-unsubscribe", "precedence", "auto-submitted"})


def _headers(items) -> dict[str, list[str]]:
    """Header ``(name, value)`` pairs as written (a message's ``raw_items``: no header objects), by
    lower-case name, 8-bit bytes read as UTF-8."""
    out: dict[str, list[str]] = {}
    for name, value in items:
        out.setdefault(name.lower(), []).append(text_of(value))
    return out


#: A header block of plain lines only: each ``Name: value`` (a name of printable ASCII without
#: ``:``, as the parser's ``headerRE`` has it, at least one character) or a continuation line
#: (a space or tab first) after the first, each ended by LF (no CR anywhere), then a blank line.
_SIMPLE_BLOCK = re.compile(rb"[!-9;-~]+:[^\r\n]*\n(?:(?:[!-9;-~]+:|[ \t])[^\r\n]*\n)*\n")
#: One header of such a block: its lines (its ``Name:`` line and the continuation lines after it), its name.
_HEADER_ITEM = re.compile(r"(([!-9;-~]+):[^\n]*\n(?:[ \t][^\n]*\n)*)")


def header_items(block: bytes, names: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """The ``raw_items`` of the header block ``block`` (a message's bytes up to and including the
    blank line after its headers) as ``BytesParser(policy=compat32).parsebytes(block,
    headersonly=True)`` gives them; with ``names`` (lower case), only the headers of those names.

    A block of plain lines (:data:`_SIMPLE_BLOCK`) is split into its headers here, each read by
    the policy's own ``header_source_parse`` as the parser calls it (given the header's lines as
    one string: it strips the blanks before the value and the line end after it, the same): for
    such a block the parser's line loop finds the same lines and no defect, and that loop is most
    of what reading the headers of a mailbox costs; a header not in ``names`` is not read at all
    (an export's messages carry dozens: Received, DKIM-Signature, ARC-…). Anything else (CR line
    ends, a ``From `` line, a first line that continues, a line that is no header) goes through
    the parser; a test compares the two on the corpus and on generated blocks."""
    if _SIMPLE_BLOCK.fullmatch(block) is None:
        items = _PARSER.parsebytes(block, headersonly=True).raw_items()
        return [item for item in items if names is None or item[0].lower() in names]
    return _plain_items(block, names)


def _plain_items(block: bytes, names: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """:func:`header_items` of a block :data:`_SIMPLE_BLOCK` matches."""
    parse = policy.compat32.header_source_parse
    text = block.decode("ascii", "surrogateescape")
    found = _HEADER_ITEM.findall(text, 0, len(text) - 1)  # back to back: the block is plain lines
    if names is None:
        return [parse([lines]) for lines, _ in found]
    return [parse([lines]) for lines, name in found if name.lower() in names]


def parse_head(block: bytes, names: frozenset[str] | None = None):
    """The header block ``block`` (as :func:`header_items`) parsed: the message object
    ``BytesParser(policy=compat32).parsebytes(block, headersonly=True)`` gives. For a block of
    plain lines that is a ``Message`` with those headers (with ``names``, those of these names
    only), no defects and an empty payload, made here from :func:`header_items`; anything else
    is the parser's, with every header."""
    if _SIMPLE_BLOCK.fullmatch(block) is None:
        return _PARSER.parsebytes(block, headersonly=True)
    head = email.message.Message(policy=policy.compat32)
    for name, value in _plain_items(block, names):
        head.set_raw(name, value)
    head.set_payload("")
    return head


def _first(headers: dict[str, list[str]], name: str) -> str | None:
    values = headers.get(name)
    return values[0] if values else None


#: One address of a plain list (``Ana Ruiz <ana@x.example>`` or ``ana@x.example``): no quotes,
#: comments, groups or escapes, whose reading by ``email.utils.getaddresses`` is not in doubt.
_PLAIN_ADDRESS = re.compile(r"\s*(?:([^<>@,]*?)\s*<([^<>\s@,]+@[^<>\s@,]+)>|([^<>\s@,]+@[^<>\s@,]+))\s*")
_NOT_PLAIN = re.compile(r'["()\\;:\[\]]')


def addresses(values: list[str]) -> list[tuple[str, str]]:
    """``(display name, address)`` of each address in the header ``values``, as
    ``email.utils.getaddresses`` reads them; plain lists (most headers) are read directly,
    which is several times quicker and gives the same pairs (a test compares the two)."""
    out: list[tuple[str, str]] = []
    for value in values:
        if _NOT_PLAIN.search(value):
            return email.utils.getaddresses(values)
        for part in value.split(","):
            if not part.strip():
                continue
            m = _PLAIN_ADDRESS.fullmatch(part)
            if m is None:
                return email.utils.getaddresses(values)
            out.append((" ".join(m.group(1).split()), m.group(2)) if m.group(2) else ("", m.group(3)))
    return out


def _parties(headers: dict[str, list[str]], name: str) -> list[Party]:
    """The addresses of header ``name`` (from, to, cc) as ``email.utils.getaddresses`` reads
    them (:func:`addresses`); display names decoded; parts with neither address nor name left out."""
    values = headers.get(name)
    return list(_parties_of(tuple(values))) if values else []


@functools.lru_cache(maxsize=4096)
def _parties_of(values: tuple[str, ...]) -> tuple[Party, ...]:
    """:func:`_parties` of the values of one header. Remembered for the last few thousand
    values (a mailbox names the same people, and you, over and over): the same answer, read once."""
    out: list[Party] = []
    for display, addr in addresses(list(values)):
        party = Party(email_address(addr), one_line(header_text(display)) or None)
        if party.address or party.name:
            out.append(party)
    return tuple(out)


def _thread(headers: dict[str, list[str]]) -> str | None:
    """The first id of References, else In-Reply-To, else Message-ID (without ``<>``)."""
    for name in ("references", "in-reply-to", "message-id"):
        value = _first(headers, name)
        if value:
            found = _ID.search(value)
            words = value.split()
            text = found.group(1) if found else words[0] if words else ""
            if text:
                return text
    return None


def bulk_reason(headers: dict[str, list[str]], sender: Party | None) -> str | None:
    """Why a message with ``headers`` (lower-case names, :func:`_headers`) from ``sender`` is
    bulk mail (docs/format.md §12), or None."""
    for name in ("List-Id", "List-Unsubscribe"):
        if name.lower() in headers:
            return f"bulk mail ({name})"
    precedence = (_first(headers, "precedence") or "").strip().lower()
    if precedence in ("bulk", "list", "junk"):
        return f"bulk mail (Precedence: {precedence})"
    auto = (_first(headers, "auto-submitted") or "").split(";")[0].strip().lower()
    if auto and auto != "no":
        return f"bulk mail (Auto-Submitted: {auto})"
    if sender is not None and sender.address:
        local = sender.address.split("@", 1)[0]
        if local in BULK_SENDERS:
            return f"bulk mail (sent by {local}@…)"  # one reason per kind of sender, whatever the domain
    return None


_HEADER_END = re.compile(rb"\r?\n\r?\n")


def read_message(raw: RawMessage) -> tuple[Message | None, Problem | None]:
    """``raw`` parsed: the message, or None and a warning naming the message and what is wrong
    with it, in its own words (``mail-message-left-out``)."""
    end = _HEADER_END.search(raw.data)
    try:
        # only the header block: with headersonly the parser would still read the whole body
        headers = _headers(header_items(raw.data[:end.end()], USED_HEADERS) if end else
                           (item for item in _PARSER.parsebytes(raw.data, headersonly=True).raw_items()
                            if item[0].lower() in USED_HEADERS))
    except Exception:  # noqa: BLE001 - the email package's errors are its own; say which message
        return None, _left_out(raw, raw.line, "cannot be read as an e-mail message")
    date_value = _first(headers, "date")
    if date_value is None:
        return None, _left_out(raw, raw.line, "has no Date header")
    try:
        when = email.utils.parsedate_to_datetime(date_value)
    except (TypeError, ValueError, IndexError, OverflowError):
        when = None
    if when is None:
        return None, _left_out(raw, _line_of(raw, "Date"), f"has a Date that is not a date: "
                                                           f"{one_line(date_value)[:80]!r}")
    subject = one_line(header_text(_first(headers, "subject")))
    thread = _thread(headers)
    if thread is None:
        # no Message-ID: a hash of its Date, From and subject (docs/format.md §12)
        key = "\n".join((date_value, _first(headers, "from") or "", subject)).encode("utf-8", "surrogateescape")
        thread = "sha1-" + hashlib.sha1(key).hexdigest()[:20]
    return Message(raw, when, thread, subject, headers), None


def _left_out(raw: RawMessage, line: int, why: str) -> Problem:
    """``message 3 has no Date header; left out`` (``the message`` when the file is the message)."""
    return Problem(raw.path, line, WARNING, f"{raw.where} {why}; left out", "mail-message-left-out")


# --------------------------------------------------------------------------- the text of a message


class _Text(HTMLParser):
    """HTML reduced to its text: block elements end lines; scripts and styles are dropped."""

    _BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                         "table", "ul", "ol", "hr", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.quote = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        elif tag == "blockquote":
            self.quote += 1
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag == "blockquote":
            self.quote = max(0, self.quote - 1)
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            text = " ".join(data.split())
            if text:
                # quoted HTML replies count as quoted lines
                self.parts.append(("> " if self.quote else "") + text + " ")


#: HTML of bare tags only: ``<name>`` and ``</name>`` (a letter, then letters and digits; no
#: attributes, blanks or ``/>``) and text without ``<`` or ``&`` between them: no comments,
#: declarations, character references. Such HTML is split at its tags without the parser.
_BARE_HTML = re.compile(r"(?:[^<&]|</?[a-zA-Z][a-zA-Z0-9]*>)*")  # what html_text checks, for the tests
_BARE_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)>")
#: Elements whose content html.parser reads as text, not tags (scripts and styles; titles and
#: text areas in newer versions, and more in older browsers' terms): their HTML goes to the parser.
_RAW_TEXT = frozenset({"script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes",
                       "noscript", "plaintext"})


def html_text(html: str) -> str:
    """The text of an HTML body (the standard library's html.parser; nothing is fetched).

    HTML of bare tags (:data:`_BARE_HTML`, no element of :data:`_RAW_TEXT`) is split at its tags
    here and its pieces given to the same handlers: for it the parser calls them with the same
    pieces (each run of text between two tags as it is, having no ``&`` to decode; each tag by
    its name in lower case) and its tag loop is most of what reducing HTML costs. A test
    compares the two (:func:`_html_text_by_parser`) on the corpus and on generated HTML."""
    if "&" in html:
        return _html_text_by_parser(html)
    pieces = _BARE_TAG.split(html)  # text, slash, name, text, slash, name, …, text
    names = [name.lower() for name in pieces[2::3]]
    # every < a bare tag's (no & anywhere): the HTML _BARE_HTML describes
    if html.count("<") != len(names) or not _RAW_TEXT.isdisjoint(names):
        return _html_text_by_parser(html)
    parser = _Text()
    data, start, end = parser.handle_data, parser.handle_starttag, parser.handle_endtag
    for n, name in enumerate(names):
        if pieces[3 * n]:
            data(pieces[3 * n])
        if pieces[3 * n + 1]:
            end(name)
        else:
            start(name, [])
    if pieces[-1]:
        data(pieces[-1])
    return _joined(parser)


def _html_text_by_parser(html: str) -> str:
    """:func:`html_text` through the parser's own loop (``HTMLParser.feed``)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return _joined(parser)


def _joined(parser: _Text) -> str:
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return "\n".join(lines)


#: The headers :func:`body_text` reads of a message (through ``get_content_type``,
#: ``get_content_charset``, ``get_content_disposition``, ``get_payload(decode=True)``).
MIME_HEADERS = frozenset({"content-type", "content-transfer-encoding", "content-disposition"})


def message_text(data: bytes) -> str:
    """The plain text of the message ``data`` (:func:`body_text`); empty when it cannot be parsed."""
    try:
        return body_text(parse_message(data, MIME_HEADERS))
    except Exception:  # noqa: BLE001 - the email package's own errors: no text rather than no draft
        return ""


#: A Content-Type header of several parts in a header block: parsed whole at once (:func:`parse_message`).
_COMPOUND = re.compile(rb"(?im)^content-type[ \t]*:[ \t]*(?:\r?\n[ \t]+)?(?:multipart|message)/")


def parse_message(data: bytes, names: frozenset[str] | None = None):
    """``data`` parsed by the ``email`` package (``compat32``), as ``BytesParser.parsebytes``
    parses it: the same message object, headers and payloads. With ``names`` (lower case), the
    message's own headers of other names may be left out (its parts keep theirs): for
    :func:`body_text`, which reads :data:`MIME_HEADERS` only, the same text with less to read.

    A message of one part (not ``multipart/*`` nor ``message/*``) has its header block parsed
    and the rest of ``data`` set as its payload, which is what the parser does with it after
    running every line of it through its line splitter, the part that costs the most; a test
    compares the two on every message of the corpus. Anything else (several parts, a header
    block with a defect, no blank line after the headers) is parsed whole."""
    end = _HEADER_END.search(data)
    if end is not None and not _COMPOUND.search(data, 0, end.end()):
        head = parse_head(data[:end.end()], names)
        if (not head.defects and head.get_payload() == ""
                and head.get_content_maintype() not in ("multipart", "message")):
            head.set_payload(data[end.end():].decode("ascii", "surrogateescape"))
            return head
    elif end is not None and b"\r" not in data:
        whole = _multipart(data, end.end(), names)
        if whole is not None:
            return whole
    return _PARSER.parsebytes(data)


#: What may follow a multipart's ``--boundary`` on its line for the line to be a boundary line, as
#: the parser's ``boundaryre`` has it (``--`` for the last, blanks, the line end) in text of LF lines.
_BOUNDARY_REST = re.compile(rb"(--)?[ \t]*\n?")


def _multipart(data: bytes, start: int, names: frozenset[str] | None = None):
    """:func:`parse_message` of a multipart message ``data`` of LF lines (no CR anywhere) whose
    header block ends at ``start``, or None when it is not of the plain shape parsed here.

    The shape: a header block without a defect, ``multipart/*`` (not ``multipart/digest``,
    whose parts default to ``message/rfc822``) with an ASCII boundary and no transfer encoding
    the parser calls a defect; then a preamble, boundary lines each followed by a part that is
    no boundary line, the closing boundary line, and an epilogue; each part of one part itself
    (neither ``multipart/*`` nor ``message/*``). For it the parser's line loop (``FeedParser``)
    finds the same boundary lines and makes each part from the lines between two of them as it
    parses a message of those lines, less the line end before the boundary; the preamble loses
    its last line end and the epilogue is what follows the closing line. That loop over every
    line is most of what parsing a Gmail message costs; here the boundary lines are found with
    ``bytes.find`` and each part goes through :func:`parse_message`. Anything else is None and
    goes through the parser; a test compares the two on the corpus and on generated messages.
    ``names``: as :func:`parse_message` has it, for the message's own headers."""
    head = parse_head(data[:start], names)
    if head.defects or head.get_payload() != "" or head.get_content_maintype() != "multipart" \
            or head.get_content_type() == "multipart/digest":
        return None
    boundary = head.get_boundary()
    if boundary is None or not boundary.isascii() \
            or str(head.get("content-transfer-encoding", "8bit")).lower() not in ("7bit", "8bit", "binary"):
        return None
    sep = b"--" + boundary.encode("ascii")
    lines = _boundary_lines(data, start, sep)
    if not lines or lines[0][2]:
        return None  # no boundary line, or a closing one before any part: the parser's StartBoundaryNotFoundDefect
    head.set_payload(None)
    first = lines[0][0]
    if first > start:  # the preamble's last line end belongs to the boundary (RFC 2046)
        head.preamble = data[start:first - 1].decode("ascii", "surrogateescape")
    for (_, after, _), (following, end, closing) in zip(lines, lines[1:]):
        if following == after:
            return None  # two boundary lines in a row: the parser skips the second
        part = parse_message(data[after:following])
        if part.get_content_maintype() in ("multipart", "message"):
            return None
        payload = part._payload  # noqa: SLF001 - what the parser strips its line end from
        if isinstance(payload, str) and payload.endswith("\n"):
            part._payload = payload[:-1]  # noqa: SLF001 - the line end before a boundary is the boundary's
        head.attach(part)
        if closing:
            head.epilogue = data[end:].decode("ascii", "surrogateescape")
            return head
    return None  # no closing boundary line: the parser's CloseBoundaryNotFoundDefect


def _boundary_lines(data: bytes, start: int, sep: bytes) -> list[tuple[int, int, bool]]:
    """The boundary lines of ``sep`` (``--`` and the boundary) in ``data`` from ``start`` (a line's
    start), in order: where each starts, where the next line starts, and whether it is the last
    (``--`` after the boundary)."""
    out: list[tuple[int, int, bool]] = []
    at = data.find(sep, start)
    while at >= 0:
        if at == start or data[at - 1] == 10:  # at the start of a line
            nl = data.find(b"\n", at)
            end = len(data) if nl < 0 else nl + 1
            rest = _BOUNDARY_REST.fullmatch(data, at + len(sep), end)
            if rest is not None:
                out.append((at, end, rest.group(1) is not None))
        at = data.find(sep, at + 1)
    return out


def _text_parts(part, found: dict[str, object]) -> None:
    """The first text/plain and the first text/html part of ``part`` that are not attachments,
    into ``found``; a forwarded message (message/rfc822) is not looked into, as
    ``EmailMessage.get_body`` does not."""
    if part.is_multipart():
        if part.get_content_type() == "message/rfc822":
            return
        for sub in part.get_payload():
            if "plain" in found:
                return
            _text_parts(sub, found)
        return
    if part.get_content_disposition() == "attachment":
        return
    subtype = part.get_content_type()
    if subtype in ("text/plain", "text/html"):
        found.setdefault(subtype[5:], part)


def body_text(msg) -> str:
    """The plain text of ``msg``: its text/plain part (multipart/alternative: plain text
    preferred), else its HTML reduced to text; decoded from its transfer encoding
    (quoted-printable, base64) and charset. An unknown charset is read as UTF-8 with
    replacement characters."""
    found: dict[str, object] = {}
    _text_parts(msg, found)
    # not ``found.get("plain") or ...``: a part is a Message, whose truth is its number of headers,
    # so a part with none (text/plain by default) would be passed over
    part = found.get("plain")
    if part is None:
        part = found.get("html")
    if part is None:
        return ""
    try:
        payload = part.get_payload(decode=True) or b""
    except Exception:  # noqa: BLE001 - broken base64 and the like: no text rather than no draft
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        text = payload.decode(charset, "replace")
    except (LookupError, UnicodeError):
        text = payload.decode("utf-8", "replace")
    if part is found.get("html") and "plain" not in found:
        text = html_text(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


_ATTRIBUTION = re.compile(r".*(?:wrote|schrieb|a écrit|escribió|scrisse|schreef|skrev|napisał)\s*:\s*$|.*:\s*$",
                          re.I)
_ORIGINAL = re.compile(r"^\s*(?:-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}"
                       r"|_{10,}\s*)$", re.I)


_BLANK_RUN = re.compile(r"\n{3,}")


def trimmed(text: str, limit: int = MAX_BODY) -> str:
    """``text`` without quoted lines (``>``), the line that introduces them (``On … wrote:``),
    an Outlook ``-----Original Message-----`` block, and the signature after ``-- ``; blank
    runs made one; at most ``limit`` characters (cut with ``…``)."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        bare = line.rstrip("\r")
        first = bare.lstrip()[:1]  # str.lstrip strips what the patterns' \s matches (str.isspace)
        if bare in ("-- ", "--") or (first in ("-", "_") and _ORIGINAL.match(bare)):
            break
        if first == ">":
            # the attribution just before the quote goes too (with blank lines between)
            while out and not out[-1].strip():
                out.pop()
            if out and _ATTRIBUTION.match(out[-1]):
                out.pop()
            continue
        out.append(bare.rstrip())
    kept = "\n".join(out)
    if "\n\n\n" in kept:
        kept = _BLANK_RUN.sub("\n\n", kept)
    kept = kept.strip()
    if len(kept) > limit:
        kept = kept[:limit - 1].rstrip() + "…"
    return kept


#: A word of each rejection phrase: a message whose bytes hold none of them (and whose text is not
#: base64, where no word shows) cannot hold a phrase, and its text need not be decoded.
_PHRASE_WORDS = re.compile(rb"candidate|forward|proceed|filled|someone|base64")
_SOFT_BREAK = re.compile(rb"=\r?\n")


def may_hold_a_phrase(data: bytes) -> bool:
    """False when the message ``data`` cannot contain a rejection phrase: none of the phrases'
    words is in its bytes (quoted-printable soft line breaks joined) and nothing is base64."""
    return _PHRASE_WORDS.search(_SOFT_BREAK.sub(b"", data.lower())) is not None


def rejection_phrase(text: str) -> str | None:
    """The first phrase of :data:`REJECTION_PHRASES` in ``text`` (any case), or None."""
    folded = " ".join(text.casefold().split())
    for phrase in REJECTION_PHRASES:
        if phrase in folded:
            return phrase
    return None


def title_of(subject: str) -> str:
    """The subject without leading ``Re:``, ``Fwd:``, ``Fw:``, ``AW:``, ``WG:``, ``SV:`` (any
    case, repeated)."""
    return _PREFIX.sub("", subject).strip()


def is_intro_subject(subject: str) -> bool:
    """An introduction: the subject's slug form starts with ``intro``, or it contains ``<>``."""
    title = title_of(subject)
    return slugify(title).startswith("intro") or "<>" in title


# --------------------------------------------------------------------------- 3. plan


@dataclass(slots=True)
class _First:
    """What a draft needs of the first message of its thread that day."""

    when: dt.datetime
    subject: str
    sender: Party | None
    mine: bool
    recipients: tuple[str, ...]  # the people it was written to (display names), you left out
    at: tuple[str, int, int] | None  # (file, offset, size) of the message, to read its text again
    strangers: tuple[str, ...] = ()  # the display names it was written to of people not in the log


@dataclass(slots=True)
class _Group:
    """One thread on one date, as much as a draft needs (kept small: see the module docstring)."""

    thread: str
    date: dt.date
    first: _First | None = None
    count: int = 0
    from_me: int = 0
    from_others: int = 0
    people: dict[str, str] = field(default_factory=dict)  # slug form -> ref, in the order met
    rejection: tuple[str, str] | None = None  # (phrase, who said it) of a message whose subject says it
    # the messages not from you read before that one whose text may say a phrase, in the order read:
    # (where, subject, who); their text is read only when the draft's kind depends on it (:func:`_rejection`)
    unread: list[tuple[tuple[str, int, int], str, str]] = field(default_factory=list)

    @property
    def source(self) -> str:
        return f"mail:{self.thread}@{self.date.isoformat()}"


@dataclass(frozen=True, slots=True)
class Skip:
    """A thread on a date that gets no draft, and why (``what``: its date and subject)."""

    what: str
    reason: str


@dataclass(slots=True)
class Plan:
    drafts: Iterator[DraftEntry] = field(default_factory=lambda: iter(()))  # made as written (memory)
    count: int = 0  # how many drafts ``drafts`` gives
    skips: list[Skip] = field(default_factory=list)  # threads already imported
    counts: dict[str, int] = field(default_factory=dict)  # reason -> messages (bulk, no known person)
    read: int = 0  # messages read
    in_window: int = 0
    problems: list[Problem] = field(default_factory=list)


def _who(m: Message) -> str:
    return m.sender.shown() if m.sender else "?"


def _refs(m: Message, index: PeopleIndex, me: frozenset,
          unknown_as_refs: bool) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(sender's refs, recipients' refs, recipients not in the log) of ``m``: slug form -> ref.
    A person of the log by an address in their ``links`` (``PeopleIndex.by_email``), else by a
    display name that is a ref of exactly one person (as a calendar's CN); any other display
    name is a ref of the third mapping (a recipient's) or, with ``unknown_as_refs``, of the
    first two. You are left out."""
    found: list[dict[str, str]] = [{}, {}, {}]
    for n, parties in enumerate(((m.sender,) if m.sender else (), m.recipients)):
        for party in parties:
            if party.address in me:
                continue
            owners = index.by_email(party.address)
            named = index.resolve(party.name) if not owners and party.name else []
            if owners:
                found[n].setdefault(owners[0].slug, owners[0].name)
            elif len(named) == 1:  # a display name that is a ref of one person, as a calendar's CN
                found[n].setdefault(named[0].slug, named[0].name)
            elif party.name and slugify(party.name) and (unknown_as_refs or n == 1):
                found[n if unknown_as_refs else 2].setdefault(slugify(party.name), party.name)
    found[2] = {form: name for form, name in found[2].items() if form not in found[0] and form not in found[1]}
    return found[0], found[1], found[2]


def plan(raws, index: PeopleIndex, me, kinds: dict[str, Kind], sources: set[str], since: dt.date,
         until: dt.date, *, unknown_as_refs: bool = False, no_body: bool = False) -> Plan:
    """Drafts and skips for the messages ``raws`` (an iterable of :class:`RawMessage`, read once,
    in any order): the rules of docs/format.md §12, in order.

    ``me`` are your addresses (``people.email_address`` form); ``sources`` the ``source``
    values already in entries and drafts (``writing.known_sources``). A message left out
    (no date, unreadable) is a ``mail-message-left-out`` warning. Skipped messages are
    counted by reason (``Plan.counts``); threads already imported are listed (``Plan.skips``),
    and their messages are not read further than their date and thread.
    """
    me = frozenset(me)
    out = Plan()
    groups: dict[tuple[str, dt.date], _Group] = {}
    for raw in raws:
        out.read += 1
        m, problem = read_message(raw)
        if m is None:
            out.problems.append(problem)
            continue
        if not since <= m.date <= until:
            continue
        out.in_window += 1
        key = (m.thread, m.date)
        g = groups.get(key)
        if g is None and f"mail:{m.thread}@{m.date.isoformat()}" in sources:
            g = groups[key] = _Group(m.thread, m.date, _First(m.when, m.subject, None, False, (), None))
        if g is not None and g.source in sources:  # a thread already imported: nothing more to read
            g.count += 1
            continue
        m.read_parties()
        if m.bulk:
            out.counts[m.bulk] = out.counts.get(m.bulk, 0) + 1
            continue
        sender, recipients, strangers = _refs(m, index, me, unknown_as_refs)
        if not sender and not recipients:
            reason = "no known person" + ("" if unknown_as_refs else " (--all drafts them, display names as refs)")
            out.counts[reason] = out.counts.get(reason, 0) + 1
            continue
        if g is None:
            g = groups[key] = _Group(m.thread, m.date)
        g.count += 1
        mine = m.sender is not None and m.sender.address in me
        g.from_me += mine
        g.from_others += not mine
        for form, ref in {**sender, **recipients}.items():
            g.people.setdefault(form, ref)
        first = g.first is None or _earlier(m.when, g.first.when)
        at = (m.raw.path, m.raw.offset, len(m.raw.data))
        if not mine and g.rejection is None:
            if may_hold_a_phrase(m.raw.data):
                g.unread.append((at, m.subject, _who(m)))  # read when its draft is made, if it must be
            else:
                phrase = rejection_phrase(m.subject + "\n")
                if phrase:
                    g.rejection = (phrase, _who(m))
        if first:
            g.first = _First(m.when, m.subject, m.sender, mine, tuple(recipients.values()), at,
                             tuple(strangers.values()))
    for g in groups.values():
        if g.source in sources:
            what = f"{g.date.isoformat()} {g.first.subject or '(no subject)'}"
            out.skips.append(Skip(what, f"already imported ({g.source})"))
    kept = sorted((g for g in groups.values() if g.source not in sources), key=lambda g: (g.date, g.source))
    out.drafts = _drafts(kept, index, kinds, no_body)
    out.count = len(kept)
    return out


def _drafts(groups: list[_Group], index: PeopleIndex, kinds: dict[str, Kind], no_body: bool) -> Iterator[DraftEntry]:
    """The draft of each group, made as it is asked for (its notes read the first message again)."""
    with Rereader() as files:
        for g in groups:
            yield _draft(g, index, kinds, no_body, files)


def _earlier(a: dt.datetime, b: dt.datetime) -> bool:
    try:
        return a < b
    except TypeError:  # a naive and an aware time (a Date without an offset): by the wall clock
        return a.replace(tzinfo=None) < b.replace(tzinfo=None)


_INTRO_WHY = "the subject starts with \u201cintro\u201d or holds \u201c<>\u201d"


class _Texts:
    """The text of the messages of one draft (:func:`message_text`), each read from its file
    once: the first message's serves both its notes and the search for a rejection phrase."""

    def __init__(self, files: Rereader) -> None:
        self.files = files
        self.read: dict[tuple[str, int, int], str] = {}

    def __call__(self, at: tuple[str, int, int]) -> str:
        text = self.read.get(at)
        if text is None:
            text = self.read[at] = message_text(self.files.read(*at))
        return text


def _rejection(g: _Group, texts: _Texts) -> tuple[str, str] | None:
    """(phrase, who said it) of the first message of ``g`` not from you that says a rejection
    phrase (in its subject or its text), in the order the messages were read; None when none does."""
    for at, subject, who in g.unread:
        phrase = rejection_phrase(subject + "\n" + texts(at))
        if phrase:
            return phrase, who
    return g.rejection


def _draft(g: _Group, index: PeopleIndex, kinds: dict[str, Kind], no_body: bool, files: Rereader) -> DraftEntry:
    first = g.first
    texts = _Texts(files)
    people = list(g.people.values())
    via: list[str] = []
    kind, why = "email", ""
    if is_intro_subject(first.subject):
        new = list(first.strangers)  # an introduction is about them: they go into `with` as named
        if first.mine:
            if first.recipients or new:
                kind, people = "introduced", list(first.recipients) + new
                why = f"you sent an introduction ({_INTRO_WHY})"
        elif first.sender is not None:
            introducer = _introducer(first.sender, index)
            others = [p for p in people if slugify(p) != slugify(introducer or "")] + new
            if introducer and others:
                kind, via, people = "intro", [introducer], others
                why = f"{first.sender.shown()} introduced you ({_INTRO_WHY})"
        if kind != "email" and new:
            why += (f"; {join_names(new)} {'is' if len(new) == 1 else 'are'} not in the log yet: accepted, "
                    "the draft names them as written (`netlog person NAME` gives them a file first)")
    rejection = _rejection(g, texts) if kind == "email" and "rejection" in kinds else None
    if rejection is not None:
        kind = "rejection"
        why = f"the message from {rejection[1]} says \u201c{rejection[0]}\u201d"
    if kind not in kinds:
        kind, why = "email", ""
    direction = "out" if not g.from_others else "in" if not g.from_me else "mutual"
    return DraftEntry(g.date, kind, tuple(people), tuple(via), title_of(first.subject) or None,
                      {"direction": direction, "channel": "email", "source": g.source},
                      _notes(g, kind, why, None if no_body else texts))


def _introducer(sender: Party, index: PeopleIndex) -> str | None:
    """The ref of an introduction's sender: the person of the log with their address, else
    the one their display name names, else that name."""
    owners = index.by_email(sender.address)
    if owners:
        return owners[0].name
    named = index.resolve(sender.name) if sender.name else []
    return named[0].name if len(named) == 1 else sender.name


def _notes(g: _Group, kind: str, why: str, texts: _Texts | None) -> str:
    from ..sanitize import literal_note

    many = f" ({g.count} messages of one thread that day)" if g.count > 1 else ""
    lines = [f"Drafted from mail by `netlog import mail`{many}: add what came of it."]
    if why:
        lines += ["", f"Kind `{kind}`: {literal_note(why)}."]
    body = trimmed(texts(g.first.at)) if texts is not None and g.first.at else ""
    if body:
        lines += ["", "The first message:", ""] + [f"> {line}" if line else ">"
                                                   for line in literal_note(body).split("\n")]
    return "\n".join(lines) + "\n"
