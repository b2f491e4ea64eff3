"""Person files from contacts exports: the library of ``netlog import vcard`` and ``linkedin``.

Three small stages. A parser turns a contacts file into :class:`ImportedPerson`
values and :class:`Note` problems (pure: text in, values out; a card or row
it cannot read is a problem, never an exception). :func:`plan` decides,
against the people index (by slug form of name or aka, docs/format.md §3)
and the people before it in the file, which become person files and which
are skipped. The command (``commands/imports.py``) prints the plan and
writes it with :func:`person_file_text` and ``userfiles.create_file``. Only a
file that cannot be read at all (:class:`~netlog.errors.Unreadable`) stops it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from .persontext import check_new_person, numbered_links, person_text
from .yamlemit import one_line
from .errors import PersonExists, ReservedName, Unreadable
from .people import PeopleIndex
from .slug import slugify

#: The largest contacts file netlog reads (bytes): 5,000 cards with small photos fit.
MAX_IMPORT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ImportedPerson:
    """One person found in a contacts file (a vCard card or a LinkedIn row)."""

    line: int  # where the card or row starts in the file
    where: str  # "card 3", "row 5" (data rows after the header): how the user finds it
    name: str
    org: str | None = None
    role: str | None = None
    met: dt.date | None = None
    links: tuple[tuple[str, str], ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Note:
    """A problem with one card or row: an ``error`` skips it, a ``warning`` imports it anyway."""

    line: int
    severity: str
    message: str


def read_text(path: str) -> str:
    """The file's text (UTF-8, with or without a BOM; UTF-16 with a BOM); Unreadable otherwise."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_IMPORT_BYTES + 1)  # /dev/zero, a pipe, a huge file: never without limit
    except OSError as e:
        raise Unreadable(f"cannot read {path}: {e.strerror or e}") from None
    if len(raw) > MAX_IMPORT_BYTES:
        limit = (f"{MAX_IMPORT_BYTES // (1024 * 1024)} MiB" if MAX_IMPORT_BYTES >= 1024 * 1024
                 else f"{MAX_IMPORT_BYTES} bytes")
        raise Unreadable(f"{path} is larger than {limit}; netlog reads contacts "
                         "files up to that size (export without photos, or in parts)")
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = raw.decode("utf-16")
        else:
            text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise Unreadable(f"{path} is not UTF-8 text (line {line}); export it as UTF-8") from None
    if "\x00" in text:
        raise Unreadable(f"{path} is a binary file, not a contacts export")
    return text


# --------------------------------------------------------------------------- vCard


_QP_HEADER = re.compile(r"[^:]*QUOTED-PRINTABLE[^:]*:", re.I)
_LINE_END = re.compile(r"\r\n|\r|\n")


def split_cards(text: str) -> tuple[list[tuple[int, int, list[str]]], list[Note]]:
    """The ``BEGIN:VCARD`` … ``END:VCARD`` blocks of ``text``: (card number, first line, lines)."""
    cards: list[tuple[int, int, list[str]]] = []
    notes: list[Note] = []
    current: tuple[int, int, list[str]] | None = None
    count = 0
    for number, line in enumerate(_LINE_END.split(text), start=1):
        # a folded line starts with a space or tab, so it never ends or starts a card
        key = line.rstrip().upper()
        if key == "BEGIN:VCARD":
            if current is not None:
                notes.append(Note(current[1], "error", f"card {current[0]}: no END:VCARD before the "
                                                       f"next card (line {number}); skipped"))
            count += 1
            current = (count, number, [line])
        elif current is not None:
            current[2].append(line)
            if key == "END:VCARD":
                cards.append(current)
                current = None
    if current is not None:
        notes.append(Note(current[1], "error", f"card {current[0]}: no END:VCARD; skipped"))
    return cards, notes


def logical_lines(lines: list[str], first: int) -> list[tuple[int, str]]:
    """Unfold a card's lines: (line number, text) for each property.

    A line that starts with a space or tab continues the one before (RFC 6350
    folding; the one whitespace character goes); a quoted-printable value
    (vCard 2.1) that ends with ``=`` continues on the next line.
    """
    out: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=first):
        if out and line[:1] in (" ", "\t"):
            out[-1] = (out[-1][0], out[-1][1] + line[1:])
        elif out and out[-1][1].endswith("=") and _QP_HEADER.match(out[-1][1]):
            out[-1] = (out[-1][0], out[-1][1] + "\n" + line)
        elif line.strip():
            out.append((number, line))
    return out


def _parts(value: str, sep: str) -> list[str]:
    """``value`` split at each ``sep`` not escaped by a backslash (escapes kept)."""
    parts, current, i = [], [], 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            current.append(value[i:i + 2])
            i += 2
            continue
        if c == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
        i += 1
    parts.append("".join(current))
    return parts


def unescape(value: str) -> str:
    r"""A vCard text value as text: ``\n`` is a new line, ``\,`` ``\;`` ``\:`` ``\\`` the character."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value, flags=re.S)


def _strip_scheme(value: str, scheme: str) -> str:
    return value[len(scheme):] if value.lower().startswith(scheme) else value


@dataclass(slots=True)
class _Card:
    """The properties of one card that netlog uses, as text."""

    fn: str = ""
    n: str = ""
    org: str = ""
    title: str = ""
    kind: str = ""
    company: bool = False  # Apple's X-ABShowAs:COMPANY: the card is a company, not a person
    links: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)  # properties netlog does not import, once each


def _read_card(lines: list[tuple[int, str]]) -> tuple[_Card, list[tuple[int, str]]]:
    """The properties netlog uses, read with vobject's line parser; the lines it could not read.

    Values are unescaped here, not by vobject's vCard behaviour, which keeps
    only the part before the first unescaped comma of a text value (so
    ``TITLE:VP, Sales`` would lose ``Sales``).
    """
    from vobject.base import textLineToContentLine

    card = _Card()
    bad: list[tuple[int, str]] = []
    for number, text in lines:
        try:
            line = textLineToContentLine(text, number)
        except Exception as e:  # noqa: BLE001 - vobject raises several kinds of errors on bad input
            bad.append((number, _error_text(e)))
            continue
        name = line.name.upper()
        value = line.value if isinstance(line.value, str) else ""
        if name == "FN" and not card.fn:
            card.fn = one_line(unescape(value))
        elif name == "N" and not card.n:
            fields = [" ".join(one_line(unescape(v)) for v in _parts(part, ",")) for part in _parts(value, ";")]
            fields += [""] * (5 - len(fields))
            family, given, additional = fields[0], fields[1], fields[2]
            card.n = one_line(" ".join((given, additional, family)))
        elif name == "ORG" and not card.org:
            card.org = ", ".join(u for u in (one_line(unescape(p)) for p in _parts(value, ";")) if u)
        elif name == "TITLE" and not card.title:
            card.title = one_line(unescape(value))
        elif name == "KIND":
            card.kind = one_line(unescape(value)).lower()
        elif name == "EMAIL":
            card.links.append(("email", _strip_scheme(one_line(unescape(value)), "mailto:")))
        elif name == "TEL":
            card.links.append(("phone", _strip_scheme(one_line(unescape(value)), "tel:")))
        elif name == "URL":
            card.links.append(("url", one_line(unescape(value))))
        elif name == "NOTE":
            note = unescape(value).replace("\r\n", "\n").replace("\r", "\n").strip()
            if note:
                card.notes.append(note)
        elif name == "X-ABSHOWAS":
            card.company = card.company or one_line(unescape(value)).upper() == "COMPANY"
        elif name not in _BOOKKEEPING and not name.startswith("X-") and name not in card.unused \
                and (value.strip() or not isinstance(line.value, str)):
            card.unused.append(name)
    return card, bad


#: vCard properties that carry no information about the person (or repeat FN and N).
_BOOKKEEPING = frozenset({"BEGIN", "END", "VERSION", "PRODID", "REV", "UID", "FN", "N", "ORG", "TITLE",
                          "KIND", "EMAIL", "TEL", "URL", "NOTE", "SOURCE", "CLIENTPIDMAP"})


def _error_text(e: Exception) -> str:
    text = re.sub(r"^At line [0-9]+:\s*", "", one_line(str(e)))  # the caller names the line
    return text or type(e).__name__


def parse_vcards(text: str) -> tuple[list[ImportedPerson], list[Note]]:
    """People from vCard text (3.0 or 4.0, several cards, folded lines); Unreadable when there are none.

    A line of a card that cannot be read is a warning when the card still has
    a name, else the card is skipped with an error.
    """
    cards, notes = split_cards(text)
    if not cards and not notes:
        raise Unreadable("no vCard in the file (no BEGIN:VCARD line)")
    found: list[ImportedPerson] = []
    for number, first, lines in cards:
        where = f"card {number}"
        card, bad = _read_card(logical_lines(lines, first))
        unread = "; ".join(f"line {n}: {why}" for n, why in bad)
        name = card.fn or card.n
        if not slugify(name):
            why = f"cannot read it ({unread})" if bad else "no name (FN or N)"
            notes.append(Note(first, "error", f"{where}: {why}; skipped"))
            continue
        if card.kind in ("group", "org", "location"):
            notes.append(Note(first, "warning", f"{where}: {name!r} is not a person (KIND:{card.kind}); skipped"))
            continue
        if card.company:
            notes.append(Note(first, "warning", f"{where}: {name!r} is not a person (a company card: "
                                                "X-ABShowAs:COMPANY); skipped"))
            continue
        if card.unused:
            notes.append(Note(first, "warning", f"{where}: not imported (netlog keeps name, org, title, "
                                                f"email, phone, URL and note): {', '.join(card.unused)}"))
        if bad:
            notes.append(Note(first, "warning", f"{where}: some lines could not be read and were left out "
                                                f"({unread})"))
        found.append(ImportedPerson(line=first, where=where, name=name, org=card.org or None,
                                role=card.title or None, links=numbered_links(card.links),
                                note="\n\n".join(card.notes)))
    return found, notes


# --------------------------------------------------------------------------- LinkedIn


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})[ -]([A-Za-z]{3,9})\.?[ -]([0-9]{4})")


def _month(word: str) -> int | None:
    """1-12 for an English month name or its first three letters (``Sept`` too)."""
    word = word.lower()
    for number, name in enumerate(_MONTHS, start=1):
        if word in (name, name[:3]) or (number == 9 and word == "sept"):
            return number
    return None


def parse_connected_on(text: str) -> dt.date | None:
    """LinkedIn's ``12 Mar 2024`` (also ``12 March 2024`` and ``2024-03-12``); None otherwise."""
    text = text.strip()
    try:
        m = _DAY_MONTH_YEAR.fullmatch(text)
        if m:
            month = _month(m.group(2))
            return dt.date(int(m.group(3)), month, int(m.group(1))) if month else None
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        return None
    return None


_COLUMNS = {"first name": "first", "last name": "last", "url": "url", "email address": "email",
            "company": "company", "position": "position", "connected on": "connected",
            # older exports
            "e-mail address": "email", "job title": "position", "profile url": "url"}
#: The separators a spreadsheet may have saved Connections.csv with (Excel: `;` in many locales).
_DELIMITERS = (",", ";", "\t")


def _delimiter(text: str) -> str:
    """The separator of the header row (the first line naming First Name), else a comma."""
    for line in text.splitlines():
        if "first name" in line.lower():
            return max(_DELIMITERS, key=line.count)
    return ","


def parse_linkedin(text: str) -> tuple[list[ImportedPerson], list[Note]]:
    """People from LinkedIn's Connections.csv (its "Notes:" lines before the header are skipped)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header: dict[str, int] | None = None
    found: list[ImportedPerson] = []
    notes: list[Note] = []
    unused: dict[int, str] = {}  # column -> its name, for columns netlog does not import
    used_unused: set[int] = set()
    header_line = 1
    try:
        start = 1
        rows = 0
        for row in reader:
            line, start = start, reader.line_num + 1
            cells = [c.strip() for c in row]
            if header is None:
                names = {c.lower(): i for i, c in enumerate(cells)}
                if "first name" in names and "last name" in names:
                    header = {}
                    for col, key in _COLUMNS.items():
                        if col in names and key not in header:
                            header[key] = names[col]
                    unused = {i: c for i, c in enumerate(cells) if c and c.lower() not in _COLUMNS}
                    header_line = line
                continue
            if not any(cells):
                continue
            used_unused.update(i for i in unused if i < len(cells) and cells[i])
            rows += 1
            person, note = _linkedin_row(cells, header, line, f"row {rows}")
            if note is not None:
                notes.append(note)
            if person is not None:
                found.append(person)
    except csv.Error as e:
        raise Unreadable(f"not a CSV file (line {reader.line_num}: {e})") from None
    if header is None:
        raise Unreadable("no header row with First Name and Last Name: is this LinkedIn's Connections.csv?")
    if used_unused:
        names = ", ".join(unused[i] for i in sorted(used_unused))
        notes.insert(0, Note(header_line, "warning", f"columns not imported (netlog reads First Name, Last Name, "
                                                     f"URL, Email Address, Company, Position, Connected On): {names}"))
    return found, notes


def _linkedin_row(cells: list[str], header: dict[str, int], line: int,
                  where: str) -> tuple[ImportedPerson | None, Note | None]:
    def get(key: str) -> str:
        i = header.get(key)
        return one_line(cells[i]) if i is not None and i < len(cells) else ""

    name = one_line(f"{get('first')} {get('last')}")
    if not slugify(name):
        return None, Note(line, "error", f"{where}: no name (First Name, Last Name); skipped")
    note = None
    met = None
    if get("connected"):
        met = parse_connected_on(get("connected"))
        if met is None:
            note = Note(line, "warning", f"{where}: Connected On {get('connected')!r} is not a date such as "
                                         "12 Mar 2024; imported without `met`")
    links = numbered_links([("linkedin", get("url")), ("email", get("email"))])
    return ImportedPerson(line=line, where=where, name=name, org=get("company") or None,
                   role=get("position") or None, met=met, links=links), note


# --------------------------------------------------------------------------- plan


@dataclass(frozen=True, slots=True)
class Step:
    """What happens to one person: a path to create, or the reason it is skipped."""

    person: ImportedPerson
    path: str | None = None
    skipped: str | None = None


def plan(found: list[ImportedPerson], index: PeopleIndex, docs_dir: str) -> list[Step]:
    """Create a person file for each new person; skip people in the log and repeats in the file."""
    steps: list[Step] = []
    first: dict[str, ImportedPerson] = {}
    for c in found:
        form = slugify(c.name)
        if form in first:
            earlier = first[form]
            steps.append(Step(c, skipped=f"same person as {earlier.where} ({earlier.name!r}) in this file"))
            continue
        first[form] = c
        try:
            steps.append(Step(c, path=check_new_person(index, docs_dir, c.name)))
        except ReservedName as e:
            steps.append(Step(c, skipped=str(e)))
        except PersonExists as e:
            how = f" ({e.how})" if e.how else ""
            steps.append(Step(c, skipped=f"already in the log: {e.where}{how}"))
    return steps


def person_file_text(c: ImportedPerson) -> str:
    """The person file for ``c``: its name, org, role, met, links, and its notes as the body
    (imported text shown as written: no HTML, no links; sanitize.literal_note)."""
    from .sanitize import literal_note

    return person_text(c.name, org=c.org, role=c.role, met=c.met, links=dict(c.links), body=literal_note(c.note))
