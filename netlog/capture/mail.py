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

What a group keeps is small (who, the first message's trimmed text): a
mailbox of 20,000 messages is read in bounded memory. Nothing here reads the
clock.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from html.parser import HTMLParser

from .. import readfile
from ..model import ERROR, WARNING, Kind, Problem
from ..people import PeopleIndex, email_address
from ..slug import slugify
from ..yamlemit import one_line

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
            yield from _eml(os.path.join(path, name), problems)


def _eml(path: str, problems: list[Problem]) -> Iterator[RawMessage]:
    """The message in the file at ``path`` (an ``.eml``, a Maildir's file): the file names it."""
    data, read = readfile.read_bytes(path, "mail")
    if data is None:
        problems += [Problem(p.path, p.line, p.severity, p.message, "mail-unreadable") for p in read]
        return
    start = data[:2048].lstrip(b"\r\n\xef\xbb\xbf")
    if not re.match(rb"[!-9;-~]+:", start):
        problems.append(Problem(path, 1, ERROR, "not an e-mail message: it does not start with a header line "
                                                "such as 'From: ...' (nor with an mbox's 'From ' line)",
                                "mail-unreadable"))
        return
    yield RawMessage(path, 1, "the message", data.removeprefix(b"\xef\xbb\xbf"))


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
        yield from _eml(file, problems)


def _mbox(path: str, problems: list[Problem]) -> Iterator[RawMessage]:
    """An mbox split at its ``From `` lines (at the start, or after a blank line), as it is read."""
    limit = readfile.limit_of("mail")
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below; a generator keeps it open between messages
    except OSError as e:
        problems.append(Problem(path, 1, ERROR, f"cannot read file: {e.strerror or e}", "mail-unreadable"))
        return
    with fh:
        number = line = start = 0
        chunks: list[bytes] = []
        size = 0
        too_big = False
        blank = True
        for raw in fh:
            line += 1
            if raw.startswith(b"From ") and blank:
                if number:
                    yield from _mbox_message(path, start, number, chunks, too_big, size, problems)
                number, start, chunks, size, too_big = number + 1, line, [], 0, False
                blank = False
                continue
            blank = raw in (b"\n", b"\r\n")
            if number == 0:
                continue  # text before the first From line (a BOM, blank lines)
            size += len(raw)
            if size > limit:
                too_big, chunks = True, []
            elif not too_big:
                chunks.append(raw)
        if number:
            yield from _mbox_message(path, start, number, chunks, too_big, size, problems)


def _mbox_message(path: str, start: int, number: int, chunks: list[bytes], too_big: bool, size: int,
                  problems: list[Problem]) -> Iterator[RawMessage]:
    where = f"message {number}"
    if too_big:
        problems.append(Problem(path, start, WARNING, f"{where}: {readfile.too_large(path, 'mail', size).message}; "
                                                      "left out", "mail-message-left-out"))
        return
    yield RawMessage(path, start + 1, where, b"".join(chunks))


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
    """What netlog uses of one message: when, which thread, who, the subject, why it is bulk."""

    raw: RawMessage
    when: dt.datetime
    thread: str
    subject: str
    sender: Party | None
    recipients: tuple[Party, ...]
    bulk: str | None

    @property
    def date(self) -> dt.date:
        return self.when.date()  # in the message's own offset (docs/format.md §12)


#: Headers first (``headersonly``): the MIME parts are parsed only for a message whose text is needed.
_PARSER = BytesParser(policy=policy.default)


def _line_of(raw: RawMessage, header: str) -> int:
    """The line of ``header`` in ``raw`` (its first line when it is not there)."""
    m = re.search(rb"(?im)^" + re.escape(header.encode()) + rb"[ \t]*:", raw.data)
    return raw.line + (raw.data.count(b"\n", 0, m.start()) if m else 0)


def _parties(msg, name: str) -> list[Party]:
    """The addresses of header ``name`` (From, To, Cc); unreadable parts left out."""
    out: list[Party] = []
    for value in msg.get_all(name) or ():
        try:
            addresses = value.addresses
        except (AttributeError, ValueError, IndexError, TypeError):
            addresses = ()
            for display, addr in email.utils.getaddresses([str(value)]):
                out.append(Party(email_address(addr), one_line(display) or None))
        for a in addresses:
            out.append(Party(email_address(a.addr_spec), one_line(a.display_name) or None))
    return [p for p in out if p.address or p.name]


def _thread(msg) -> str | None:
    """The first id of References, else In-Reply-To, else Message-ID (without ``<>``)."""
    for name in ("References", "In-Reply-To", "Message-ID"):
        value = msg.get(name)
        if value:
            found = _ID.search(str(value))
            text = found.group(1) if found else str(value).split()[0] if str(value).split() else ""
            if text:
                return text
    return None


def bulk_reason(msg, sender: Party | None) -> str | None:
    """Why ``msg`` is bulk mail (docs/format.md §12), or None."""
    for name in ("List-Id", "List-Unsubscribe"):
        if msg.get(name) is not None:
            return f"bulk mail ({name})"
    precedence = str(msg.get("Precedence", "")).strip().lower()
    if precedence in ("bulk", "list", "junk"):
        return f"bulk mail (Precedence: {precedence})"
    auto = str(msg.get("Auto-Submitted", "")).strip().lower()
    if auto and auto.split(";")[0].strip() != "no":
        return f"bulk mail (Auto-Submitted: {auto.split(';')[0].strip()})"
    if sender is not None and sender.address:
        local = sender.address.split("@", 1)[0]
        if local in BULK_SENDERS:
            return f"bulk mail (sent by {sender.address})"
    return None


def read_message(raw: RawMessage) -> tuple[Message | None, Problem | None]:
    """``raw`` parsed: the message, or None and a warning naming the message and what is wrong
    with it, in its own words (``mail-message-left-out``)."""
    try:
        msg = _PARSER.parsebytes(raw.data, headersonly=True)
        date_value = msg.get("Date")
    except Exception:  # noqa: BLE001 - the email package's errors are its own; say which message
        return None, _left_out(raw, raw.line, "cannot be read as an e-mail message")
    if date_value is None:
        return None, _left_out(raw, raw.line, "has no Date header")
    when = getattr(date_value, "datetime", None)
    if when is None:
        try:
            when = email.utils.parsedate_to_datetime(str(date_value))
        except (TypeError, ValueError, IndexError):
            when = None
    if when is None:
        return None, _left_out(raw, _line_of(raw, "Date"), f"has a Date that is not a date: "
                                                           f"{one_line(str(date_value))[:80]!r}")
    subject = one_line(str(msg.get("Subject", "") or ""))
    senders = _parties(msg, "From")
    sender = senders[0] if senders else None
    recipients = tuple(_parties(msg, "To") + _parties(msg, "Cc"))
    thread = _thread(msg)
    if thread is None:
        # no Message-ID: a hash of its Date, From and subject (docs/format.md §12)
        key = "\n".join((str(date_value), str(msg.get("From", "")), subject)).encode("utf-8", "surrogateescape")
        thread = "sha1-" + hashlib.sha1(key).hexdigest()[:20]
    return Message(raw, when, thread, subject, sender, recipients, bulk_reason(msg, sender)), None


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


def html_text(html: str) -> str:
    """The text of an HTML body (the standard library's html.parser; nothing is fetched)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return "\n".join(lines)


def message_text(data: bytes) -> str:
    """The plain text of the message ``data`` (:func:`body_text`); empty when it cannot be parsed."""
    try:
        return body_text(_PARSER.parsebytes(data))
    except Exception:  # noqa: BLE001 - the email package's own errors: no text rather than no draft
        return ""


def body_text(msg) -> str:
    """The plain text of ``msg``: its text/plain part (multipart/alternative: plain text
    preferred), else its HTML reduced to text; decoded from its transfer encoding and charset.
    An unknown charset is read as UTF-8 with replacement characters."""
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
    except Exception:  # noqa: BLE001 - a broken MIME structure: no body rather than no draft
        return ""
    if part is None:
        return ""
    try:
        text = part.get_content()
    except Exception:  # noqa: BLE001 - unknown charset (LookupError), broken base64 ...
        payload = part.get_payload(decode=True) or b""
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)
    if not isinstance(text, str):
        return ""
    if part.get_content_subtype() == "html":
        text = html_text(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


_ATTRIBUTION = re.compile(r".*(?:wrote|schrieb|a écrit|escribió|scrisse|schreef|skrev|napisał)\s*:\s*$|.*:\s*$",
                          re.I)
_ORIGINAL = re.compile(r"^\s*(?:-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}"
                       r"|_{10,}\s*)$", re.I)


def trimmed(text: str, limit: int = MAX_BODY) -> str:
    """``text`` without quoted lines (``>``), the line that introduces them (``On … wrote:``),
    an Outlook ``-----Original Message-----`` block, and the signature after ``-- ``; blank
    runs made one; at most ``limit`` characters (cut with ``…``)."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        bare = line.rstrip("\r")
        if bare in ("-- ", "--") or _ORIGINAL.match(bare):
            break
        if bare.lstrip().startswith(">"):
            # the attribution just before the quote goes too (with blank lines between)
            while out and not out[-1].strip():
                out.pop()
            if out and _ATTRIBUTION.match(out[-1]):
                out.pop()
            continue
        out.append(bare.rstrip())
    kept = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    if len(kept) > limit:
        kept = kept[:limit - 1].rstrip() + "…"
    return kept


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
    body: str


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
    rejection: tuple[str, str] | None = None  # (phrase, who said it)

    @property
    def source(self) -> str:
        return f"mail:{self.thread}@{self.date.isoformat()}"


@dataclass(frozen=True, slots=True)
class Draft:
    """A thread on a date kept: what its entry will say."""

    date: dt.date
    kind: str
    with_: tuple[str, ...]
    via: tuple[str, ...]
    title: str | None
    direction: str
    source: str
    notes: str
    messages: int


@dataclass(frozen=True, slots=True)
class Skip:
    """Messages in the window that get no draft, and why (``count`` of them, ``what`` names one)."""

    what: str
    reason: str


@dataclass(slots=True)
class Plan:
    drafts: list[Draft] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)  # threads already imported
    counts: dict[str, int] = field(default_factory=dict)  # reason -> messages (bulk, no known person)
    read: int = 0  # messages read
    in_window: int = 0
    problems: list[Problem] = field(default_factory=list)


def _who(m: Message) -> str:
    return m.sender.shown() if m.sender else "?"


def _refs(m: Message, index: PeopleIndex, me: frozenset, unknown_as_refs: bool) -> tuple[dict[str, str], dict[str, str]]:
    """(sender's refs, recipients' refs) of ``m``: slug form -> ref. A person of the log by an
    address in their ``links`` (``PeopleIndex.by_email``); with ``unknown_as_refs``, another
    party's display name (the person it names, else itself as a ref). You are left out."""
    found: list[dict[str, str]] = [{}, {}]
    for n, parties in enumerate(((m.sender,) if m.sender else (), m.recipients)):
        for party in parties:
            if party.address in me:
                continue
            owners = index.by_email(party.address)
            if owners:
                found[n].setdefault(owners[0].slug, owners[0].name)
            elif unknown_as_refs and party.name and slugify(party.name):
                named = index.resolve(party.name)
                if len(named) == 1:
                    found[n].setdefault(named[0].slug, named[0].name)
                else:
                    found[n].setdefault(slugify(party.name), party.name)
    return found[0], found[1]


def plan(raws, index: PeopleIndex, me, kinds: dict[str, Kind], sources: set[str], since: dt.date,
         until: dt.date, *, unknown_as_refs: bool = False, no_body: bool = False) -> Plan:
    """Drafts and skips for the messages ``raws`` (an iterable of :class:`RawMessage`, read once,
    in any order): the rules of docs/format.md §12, in order.

    ``me`` are your addresses (``people.email_address`` form); ``sources`` the ``source``
    values already in entries and drafts (``writing.known_sources``). A message left out
    (no date, unreadable) is a ``mail-message-left-out`` warning. Skipped messages are
    counted by reason (``Plan.counts``); threads already imported are listed (``Plan.skips``).
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
        if m.bulk:
            out.counts[m.bulk] = out.counts.get(m.bulk, 0) + 1
            continue
        sender, recipients = _refs(m, index, me, unknown_as_refs)
        if not sender and not recipients:
            reason = "no known person" + ("" if unknown_as_refs else " (--all drafts them, display names as refs)")
            out.counts[reason] = out.counts.get(reason, 0) + 1
            continue
        key = (m.thread, m.date)
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(m.thread, m.date)
        g.count += 1
        if g.source in sources:
            if g.first is None:
                g.first = _First(m.when, m.subject, None, False, (), "")
            continue
        mine = m.sender is not None and m.sender.address in me
        g.from_me += mine
        g.from_others += not mine
        for form, ref in {**sender, **recipients}.items():
            g.people.setdefault(form, ref)
        first = g.first is None or _earlier(m.when, g.first.when)
        text = ""
        if (not mine and g.rejection is None) or (first and not no_body):
            text = message_text(m.raw.data)
        if not mine and g.rejection is None:
            phrase = rejection_phrase(m.subject + "\n" + text)
            if phrase:
                g.rejection = (phrase, _who(m))
        if first:
            g.first = _First(m.when, m.subject, m.sender, mine, tuple(recipients.values()),
                             "" if no_body else trimmed(text))
    for g in groups.values():
        if g.source in sources:
            what = f"{g.date.isoformat()} {g.first.subject or '(no subject)'}"
            out.skips.append(Skip(what, f"already imported ({g.source})"))
            continue
        out.drafts.append(_draft(g, index, kinds))
    out.drafts.sort(key=lambda d: (d.date, d.source))
    return out


def _earlier(a: dt.datetime, b: dt.datetime) -> bool:
    try:
        return a < b
    except TypeError:  # a naive and an aware time (a Date without an offset): by the wall clock
        return a.replace(tzinfo=None) < b.replace(tzinfo=None)


_INTRO_WHY = "the subject starts with \u201cintro\u201d or holds \u201c<>\u201d"


def _draft(g: _Group, index: PeopleIndex, kinds: dict[str, Kind]) -> Draft:
    first = g.first
    people = list(g.people.values())
    via: list[str] = []
    kind, why = "email", ""
    if is_intro_subject(first.subject):
        if first.mine and first.recipients:
            kind, people = "introduced", list(first.recipients)
            why = f"you sent an introduction ({_INTRO_WHY})"
        elif not first.mine and first.sender is not None:
            owners = index.by_email(first.sender.address)
            introducer = owners[0].name if owners else first.sender.name
            others = [p for p in people if p != introducer]
            if introducer and others:
                kind, via, people = "intro", [introducer], others
                why = f"{first.sender.shown()} introduced you ({_INTRO_WHY})"
    if kind == "email" and g.rejection is not None:
        kind = "rejection"
        why = f"the message from {g.rejection[1]} says \u201c{g.rejection[0]}\u201d"
    if kind not in kinds:
        kind, why = "email", ""
    direction = "out" if not g.from_others else "in" if not g.from_me else "mutual"
    return Draft(g.date, kind, tuple(people), tuple(via), title_of(first.subject) or None, direction,
                 g.source, _notes(g, kind, why), g.count)


def _notes(g: _Group, kind: str, why: str) -> str:
    from ..sanitize import literal_note

    many = f" ({g.count} messages of one thread that day)" if g.count > 1 else ""
    lines = [f"Drafted from mail by `netlog import mail`{many}: add what came of it."]
    if why:
        lines += ["", f"Kind `{kind}`: {literal_note(why)}."]
    if g.first.body:
        lines += ["", "The first message:", ""] + [f"> {line}" if line else ">"
                                                   for line in literal_note(g.first.body).split("\n")]
    return "\n".join(lines) + "\n"
