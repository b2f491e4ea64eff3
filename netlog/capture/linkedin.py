"""LinkedIn import (docs/format.md §12): ``Connections.csv`` -> people.

The parser of ``netlog import linkedin``: text in, :class:`~netlog.capture.contacts.ImportedPerson`
values and :class:`~netlog.model.Problem` values out (a row it cannot read is a problem, never
an exception). ``Connected On`` is read in every form LinkedIn's exports have used, and in
the forms a spreadsheet saves them in (:func:`parse_connected_on`). The plan and the person
file are ``capture/contacts.py``'s, shared with vCard.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys

from ..model import ERROR, WARNING, Problem
from ..persontext import numbered_links
from ..slug import slugify
from ..yamlemit import one_line
from .contacts import ImportedPerson, without_honorifics

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
# 23 Apr 2023, 23 April 2023, 23-Apr-23 (Excel), 23-Apr-2023
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})[ -]([A-Za-z]{3,9})\.?[ -]([0-9]{2}|[0-9]{4})")
# 4/23/23, 1/8/18, 6:14 PM (LinkedIn 2018, US month first), 04/23/2023
_US = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{2}|[0-9]{4})(?:,?\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\s*(?:[AaPp][Mm])?)?")
# Apr 23, 2023
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]{3,9})\.? ([0-9]{1,2}),? ([0-9]{4})")


def _month(word: str) -> int | None:
    """1-12 for an English month name or its first three letters (``Sept`` too)."""
    word = word.lower()
    for number, name in enumerate(_MONTHS, start=1):
        if word in (name, name[:3]) or (number == 9 and word == "sept"):
            return number
    return None


def _year(text: str) -> int:
    """A year of four digits, or of two (a spreadsheet's ``23``: 2000-2068; LinkedIn began in 2003)."""
    year = int(text)
    return year if len(text) == 4 else 2000 + year


def parse_connected_on(text: str) -> dt.date | None:
    """LinkedIn's ``Connected On`` in each form its exports have used: ``23 Apr 2023``
    (also ``23 April 2023``), ``23-Apr-23`` (saved by Excel), ``4/23/23`` and
    ``1/8/18, 6:14 PM`` (month first, 2018 exports), ``Apr 23, 2023`` and ``2023-04-23``;
    None otherwise (also for a day the month lacks)."""
    text = one_line(text)
    try:
        m = _DAY_MONTH_YEAR.fullmatch(text)
        if m:
            month = _month(m.group(2))
            return dt.date(_year(m.group(3)), month, int(m.group(1))) if month else None
        m = _US.fullmatch(text)
        if m:
            return dt.date(_year(m.group(3)), int(m.group(1)), int(m.group(2)))
        m = _MONTH_DAY_YEAR.fullmatch(text)
        if m:
            month = _month(m.group(1))
            return dt.date(int(m.group(3)), month, int(m.group(2))) if month else None
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
#: The longest cell netlog reads (characters); the csv module's default is 128 KiB.
MAX_CELL = 1024 * 1024


def _delimiter(text: str) -> str:
    """The separator of the header row (the first line naming First Name), else a comma."""
    for line in text.splitlines():
        if "first name" in line.lower():
            return max(_DELIMITERS, key=line.count)
    return ","


def parse_linkedin(text: str, path: str = "") -> tuple[list[ImportedPerson], list[Problem]]:
    """People from LinkedIn's Connections.csv (its "Notes:" lines before the header are skipped),
    and the problems of its rows, each at the row's line (``path`` names the file in them).

    A file that is not CSV, or has no header row, is one ``contacts-unreadable`` error at the
    line where reading stopped.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header: dict[str, int] | None = None
    found: list[ImportedPerson] = []
    notes: list[Problem] = []
    unused: dict[int, str] = {}  # column -> its name, for columns netlog does not import
    used_unused: set[int] = set()
    header_line = 1
    old_limit = csv.field_size_limit(min(MAX_CELL, sys.maxsize))
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
            person, note = _linkedin_row(cells, header, line, f"row {rows}", path)
            if note is not None:
                notes.append(note)
            if person is not None:
                found.append(person)
    except csv.Error as e:
        why = str(e)
        if "field larger than field limit" in why:
            why = f"a cell is longer than {MAX_CELL // 1024 // 1024} MiB of text; is this LinkedIn's Connections.csv?"
        else:  # the csv module's words name no line or cell: say what it found, in the file's terms
            why = (f"the CSV cannot be read from line {start} on (a quote that is never closed, or a "
                   "row the spreadsheet cut)")
        return found, notes + [Problem(path, start, ERROR, f"{why}; nothing after line {start - 1} was read",
                                       "contacts-unreadable")]
    finally:
        csv.field_size_limit(old_limit)
    if header is None:
        return [], [Problem(path, 1, ERROR, "no header row with First Name and Last Name: is this "
                                            "LinkedIn's Connections.csv?", "contacts-unreadable")]
    if used_unused:
        names = ", ".join(unused[i] for i in sorted(used_unused))
        notes.insert(0, Problem(path, header_line, WARNING, "columns not imported (netlog reads First Name, "
                                f"Last Name, URL, Email Address, Company, Position, Connected On): {names}",
                                "contacts-not-imported"))
    return found, notes


def _linkedin_row(cells: list[str], header: dict[str, int], line: int,
                  where: str, path: str) -> tuple[ImportedPerson | None, Problem | None]:
    values = {key: one_line(cells[i]) for key, i in header.items() if i < len(cells)}  # each cell once

    def get(key: str) -> str:
        return values.get(key, "")

    name = without_honorifics(one_line(f"{get('first')} {get('last')}"))
    if not slugify(name):
        return None, Problem(path, line, ERROR, f"{where}: no name (First Name, Last Name); skipped",
                             "contacts-skipped")
    note = None
    met = None
    if get("connected"):
        met = parse_connected_on(get("connected"))
        if met is None:
            note = Problem(path, line, WARNING, f"{where}: Connected On {get('connected')[:80]!r} is not a date "
                                                "such as 23 Apr 2023; imported without `met`", "contacts-bad-date")
    links = numbered_links([("linkedin", get("url")), ("email", get("email"))])
    return ImportedPerson(line=line, where=where, name=name, org=get("company") or None,
                          role=get("position") or None, met=met, links=links), note
