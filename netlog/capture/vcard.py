"""vCard import (docs/format.md §12): a contacts export (vCard 2.1, 3.0, 4.0) -> people.

The parser of ``netlog import vcard``: text in, :class:`~netlog.capture.contacts.ImportedPerson`
values and :class:`~netlog.model.Problem` values out (a card it cannot read is a problem,
never an exception); vobject reads each content line. The plan and the person file are
``capture/contacts.py``'s, shared with LinkedIn.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from ..model import ERROR, WARNING, Problem
from ..persontext import numbered_links
from ..slug import slugify
from ..yamlemit import one_line
from .contacts import ImportedPerson, without_honorifics


# --------------------------------------------------------------------------- vCard


_QP_HEADER = re.compile(r"[^:]*QUOTED-PRINTABLE[^:]*:", re.I)
_LINE_END = re.compile(r"\r\n|\r|\n")


def split_cards(text: str, path: str = "") -> tuple[list[tuple[int, int, list[str]]], list[Problem]]:
    """The ``BEGIN:VCARD`` … ``END:VCARD`` blocks of ``text``: (card number, first line, lines)."""
    cards: list[tuple[int, int, list[str]]] = []
    notes: list[Problem] = []
    current: tuple[int, int, list[str]] | None = None
    count = 0
    for number, line in enumerate(_LINE_END.split(text), start=1):
        # a folded line starts with a space or tab, so it never ends or starts a card
        key = line.rstrip().upper()
        if key == "BEGIN:VCARD":
            if current is not None:
                notes.append(Problem(path, current[1], ERROR, f"card {current[0]}: no END:VCARD before the "
                                                              f"next card (line {number}); skipped",
                                     "contacts-skipped"))
            count += 1
            current = (count, number, [line])
        elif current is not None:
            current[2].append(line)
            if key == "END:VCARD":
                cards.append(current)
                current = None
    if current is not None:
        notes.append(Problem(path, current[1], ERROR, f"card {current[0]}: no END:VCARD; skipped",
                             "contacts-skipped"))
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
    r"""``value`` split at each ``sep`` not escaped by a backslash (escapes kept).

    A ``sep`` is escaped when an odd run of backslashes comes before it (``\\;`` is an
    escaped backslash, then a separator)."""
    pieces = value.split(sep)
    if "\\" not in value:
        return pieces
    parts = [pieces[0]]
    for piece in pieces[1:]:
        last = parts[-1]
        if (len(last) - len(last.rstrip("\\"))) % 2:
            parts[-1] = f"{last}{sep}{piece}"
        else:
            parts.append(piece)
    return parts


def unescape(value: str) -> str:
    r"""A vCard text value as text: ``\n`` is a new line, ``\,`` ``\;`` ``\:`` ``\\`` the character."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(_unescaped, value)


_ESCAPE = re.compile(r"\\(.)", re.S)


def _unescaped(m: re.Match) -> str:
    return "\n" if m.group(1) in "nN" else m.group(1)


def _strip_scheme(value: str, scheme: str) -> str:
    return value[len(scheme):] if value.lower().startswith(scheme) else value


@dataclass(slots=True)
class _Card:
    """The properties of one card that netlog uses, as text."""

    fn: str = ""
    n: str = ""
    nickname: list[str] = field(default_factory=list)
    bday: str = ""
    bday_line: int = 0
    bday_omit_year: str = ""  # Apple's X-APPLE-OMIT-YEAR: the year written when none is known
    org: str = ""
    title: str = ""
    kind: str = ""
    company: bool = False  # Apple's X-ABShowAs:COMPANY: the card is a company, not a person
    links: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)  # properties netlog does not import, once each


#: The part of a line before its first colon, as vobject's line pattern (``vobject.base.patterns``)
#: reads it when no parameter value is quoted: an optional group (``item1.``), the name, and
#: parameters, each ``;NAME`` followed by values ``=value`` or ``,value`` (without ``"``, ``;``,
#: ``:`` or ``,``). Names are letters, digits, ``-`` and ``_``.
_UNQUOTED_HEAD = re.compile(r"(?:[a-zA-Z0-9_-]+\.)?([a-zA-Z0-9_-]+)((?:;[a-zA-Z0-9_-]+(?:[=,][^\";:,]*)*)*)")


@functools.cache
def _vobject():
    """vobject's line parser and ``ContentLine``, imported when a line needs them: most files
    never do, and vobject brings ``dateutil``, ``pytz``, ``socket`` and ``logging`` (start-up)."""
    from vobject.base import ContentLine, parseLine

    return parseLine, ContentLine


def _content_line(text: str, number: int) -> tuple[str, object, dict[str, list[str]]]:
    """(NAME, value, parameters) of one unfolded line as vobject's ``textLineToContentLine``
    reads it (its name upper-cased, a quoted-printable value decoded); vobject's errors as it
    raises them (ParseError, a decoding error).

    vobject's ``ContentLine`` object, whose attribute setting costs more than the parse (issue
    27: a 5,000-card file), is made only where it changes the value or netlog reads its
    parameters: a line with an ``ENCODING`` or ``QUOTED-PRINTABLE`` parameter (the only ones
    that make it decode the value), and ``BDAY`` (``X-APPLE-OMIT-YEAR``). Elsewhere the value is
    what vobject's line parser (``parseLine``) gives, and the parameters (netlog reads none) are
    left empty. A line whose part before the first colon has no quote and matches vobject's own
    line pattern (:data:`_UNQUOTED_HEAD`: ``NAME:value``, ``item1.EMAIL;TYPE=WORK:value``, nearly
    every line) is split at that colon without the parser: parseLine's result, made cheaply
    (that colon is where its pattern ends the parameters, since they hold no colon unquoted).
    """
    head, colon, value = text.partition(":")
    read = _UNQUOTED_HEAD.fullmatch(head) if colon else None
    if read is not None:
        name = read.group(1).replace("_", "-").upper()
        params = read.group(2).upper()
        if not params or name != "BDAY" and "ENCODING" not in params and "QUOTED-PRINTABLE" not in params:
            return name, value, {}
    parse_line, content_line = _vobject()
    name, params, value, group = parse_line(text, number)
    name = name.upper()
    if params and (name == "BDAY" or any(p[0].upper() == "ENCODING" or "QUOTED-PRINTABLE" in p for p in params)):
        line = content_line(name, params, value, group, encoded=True, lineNumber=number)
        return line.name, line.value, line.params
    return name, value, {}


def _read_card(lines: list[tuple[int, str]]) -> tuple[_Card, list[tuple[int, str]]]:
    """The properties netlog uses, read with vobject's line parser; the lines it could not read.

    Values are unescaped here, not by vobject's vCard behaviour, which keeps
    only the part before the first unescaped comma of a text value (so
    ``TITLE:VP, Sales`` would lose ``Sales``).
    """
    card = _Card()
    bad: list[tuple[int, str]] = []
    for number, text in lines:
        if text in ("BEGIN:VCARD", "END:VCARD"):  # every card's first and last: nothing to read
            continue
        try:
            name, raw, params = _content_line(text, number)
        except Exception:  # noqa: BLE001 - vobject raises several kinds of errors on bad input
            bad.append((number, _unreadable_line(text)))
            continue
        value = raw if isinstance(raw, str) else ""
        if name == "FN" and not card.fn:
            card.fn = one_line(unescape(value))
        elif name == "N" and not card.n:
            if "\\" in value or "," in value:
                fields = [" ".join(one_line(unescape(v)) for v in _parts(part, ",")) for part in _parts(value, ";")]
            else:  # no escape and no list (most names): what the line above gives, without its steps
                fields = [one_line(part) for part in value.split(";")]
            fields += [""] * (5 - len(fields))
            # the honorific prefix (fields[3]) and suffix (fields[4]) are not part of the name
            family, given, additional = fields[0], fields[1], fields[2]
            card.n = one_line(" ".join((given, additional, family)))
        elif name == "NICKNAME":
            card.nickname += [one_line(unescape(v)) for v in _parts(value, ",") if one_line(unescape(v))]
        elif name == "BDAY" and not card.bday:
            card.bday, card.bday_line = one_line(unescape(value)), number
            omit = params.get("X-APPLE-OMIT-YEAR")
            card.bday_omit_year = str(omit[0]) if omit else ""
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
                and (value.strip() or not isinstance(raw, str)):
            card.unused.append(name)
    return card, bad


#: vCard properties that carry no information about the person (or repeat FN and N).
_BOOKKEEPING = frozenset({"BEGIN", "END", "VERSION", "PRODID", "REV", "UID", "FN", "N", "ORG", "TITLE",
                          "KIND", "EMAIL", "TEL", "URL", "NOTE", "SOURCE", "CLIENTPIDMAP", "NICKNAME", "BDAY"})


def _unreadable_line(text: str) -> str:
    """Why a line of a card cannot be read, in the file's own words (the line as written, cut),
    not vobject's (docs/format.md §12: never a library's internal error)."""
    shown = one_line(text)
    shown = shown if len(shown) <= 60 else shown[:59] + "…"
    if ":" not in text:
        return f"{shown!r} is not a property (NAME:value: it has no colon)"
    return f"{shown!r} is not a property (NAME;PARAM=x:value) that can be read"


_BDAY = re.compile(r"(?:(?P<year>[0-9]{4})-?|--)(?P<month>[0-9]{2})-?(?P<day>[0-9]{2})(?:T.*)?")


def birthday(value: str, omit_year: str = "") -> str | None:
    """A vCard ``BDAY`` as ``YYYY-MM-DD`` or ``MM-DD`` (docs/format.md §3); None when it is
    not a date. ``--MMDD`` and ``--MM-DD`` have no year, nor has the year Apple writes in
    ``X-APPLE-OMIT-YEAR`` (1604) for a birthday without one."""
    m = _BDAY.fullmatch(value.strip())
    if not m:
        return None
    year = m.group("year")
    month, day = int(m.group("month")), int(m.group("day"))
    try:
        dt.date(2000, month, day)  # a leap year: 02-29 is a birthday
        if year and year != omit_year:
            return dt.date(int(year), month, day).isoformat()
    except ValueError:
        return None
    return f"{month:02d}-{day:02d}"


def parse_vcards(text: str, path: str = "") -> tuple[list[ImportedPerson], list[Problem]]:
    """People from vCard text (2.1, 3.0 or 4.0, several cards, folded lines) and the problems
    of the cards, each at its card's first line (``path`` names the file in them).

    A file with no card at all is one ``contacts-unreadable`` error. A line of a card that
    cannot be read is a warning when the card still has a name, else the card is skipped
    with an error. The name is ``N`` without its honorific prefix and suffix, else ``FN``
    without honorifics (``contacts.without_honorifics``); ``NICKNAME`` values become aka,
    ``BDAY`` the birthday.
    """
    cards, notes = split_cards(text, path)
    if not cards and not notes:
        return [], [Problem(path, 1, ERROR, "no vCard in the file (no BEGIN:VCARD line)", "contacts-unreadable")]
    found: list[ImportedPerson] = []
    for number, first, lines in cards:
        where = f"card {number}"

        def note(severity: str, message: str, code: str, line: int = first) -> None:
            notes.append(Problem(path, line, severity, f"{where}: {message}", code))

        card, bad = _read_card(logical_lines(lines, first))
        unread = "; ".join(f"line {n}: {why}" for n, why in bad)
        name = without_honorifics(card.n if slugify(card.n) else card.fn)
        if not slugify(name):
            note(ERROR, f"cannot read it ({unread}); skipped" if bad else "no name (FN or N); skipped",
                 "contacts-skipped")
            continue
        if card.kind in ("group", "org", "location"):
            note(WARNING, f"{name!r} is not a person (KIND:{card.kind}); skipped", "contacts-not-a-person")
            continue
        if card.company:
            note(WARNING, f"{name!r} is not a person (a company card: X-ABShowAs:COMPANY); skipped",
                 "contacts-not-a-person")
            continue
        if card.unused:
            note(WARNING, "not imported (netlog keeps name, nickname, birthday, org, title, email, phone, URL "
                          f"and note): {', '.join(card.unused)}", "contacts-not-imported")
        if bad:
            note(WARNING, f"some lines could not be read and were left out ({unread})", "contacts-line-unread")
        born = birthday(card.bday, card.bday_omit_year) if card.bday else None
        if card.bday and born is None:
            note(WARNING, f"BDAY {card.bday!r} is not a date such as 1985-04-23 or --04-23; imported without "
                          "`birthday`", "contacts-bad-date", card.bday_line)
        aka = tuple(a for a in dict.fromkeys(card.nickname) if slugify(a) and slugify(a) != slugify(name))
        found.append(ImportedPerson(line=first, where=where, name=name, org=card.org or None,
                                    role=card.title or None, links=numbered_links(card.links),
                                    note="\n\n".join(card.notes), aka=aka, birthday=born))
    return found, notes
