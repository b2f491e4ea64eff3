"""``netlog import vcard`` and ``netlog import linkedin``: person files from contacts.

Three small stages. A parser turns a contacts file into :class:`Contact`
values and :class:`Note` problems (pure: text in, values out; a card or row
it cannot read is a problem, never an exception). :func:`plan` decides,
against the people already in the log (by slug form of name or aka, SPEC
section 3) and the contacts before it, which contacts become person files
and which are skipped. The command prints the plan and writes it with the
writer of ``netlog person`` (``authoring.person_text`` and ``create_file``).
Only a file that cannot be read at all stops the command (exit 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from dataclasses import dataclass

import click

from .authoring import (PeopleIndex, PersonExists, check_new_person, create_file, load_people,
                        load_project, one_line, person_text, shown)
from .slug import slugify


class Unreadable(Exception):
    """The whole file cannot be read as contacts; the message says why."""


@dataclass(frozen=True, slots=True)
class Contact:
    """One person found in a contacts file."""

    line: int  # where the card or row starts in the file
    where: str  # "card 3", "row 5": how the user finds it
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
            raw = fh.read()
    except OSError as e:
        raise Unreadable(f"cannot read {path}: {e.strerror or e}") from None
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


def _links(pairs) -> tuple[tuple[str, str], ...]:
    """``(label, value)`` pairs with repeated labels numbered: email, email-2, email-3 …"""
    out: list[tuple[str, str]] = []
    counts: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for label, value in pairs:
        value = one_line(value)
        if not value or (label, value) in seen:
            continue
        seen.add((label, value))
        counts[label] = counts.get(label, 0) + 1
        out.append((label if counts[label] == 1 else f"{label}-{counts[label]}", value))
    return tuple(out)


# --------------------------------------------------------------------------- vCard


_VCARD_USED = {"VERSION", "FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "URL", "NOTE", "KIND"}
_PROPERTY_NAME = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)[;:]")


def split_cards(text: str) -> tuple[list[tuple[int, list[str]]], list[Note]]:
    """The ``BEGIN:VCARD`` … ``END:VCARD`` blocks of ``text``: (first line number, lines)."""
    cards: list[tuple[int, list[str]]] = []
    notes: list[Note] = []
    current: tuple[int, list[str]] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        # a folded line starts with a space or tab, so it never ends or starts a card
        key = line.rstrip().upper()
        if key == "BEGIN:VCARD":
            if current is not None:
                notes.append(Note(current[0], "error", f"card {len(cards) + 1}: no END:VCARD before the "
                                                       f"next card (line {number}); skipped"))
            current = (number, [line])
        elif current is not None:
            current[1].append(line)
            if key == "END:VCARD":
                cards.append(current)
                current = None
    if current is not None:
        notes.append(Note(current[0], "error", f"card {len(cards) + 1}: no END:VCARD; skipped"))
    return cards, notes


def _unfold(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line[:1] in (" ", "\t") and out:
            out[-1] += line[1:]
        elif line.strip():
            out.append(line)
    return out


def _read_card(lines: list[str]):
    """A vobject component for a card; on failure, one more try with only the lines netlog uses."""
    import vobject

    try:
        return vobject.readOne("\r\n".join(lines) + "\r\n"), None
    except Exception as first:  # noqa: BLE001 - vobject raises many kinds of errors on bad input
        kept = [line for line in _unfold(lines)
                if line.upper() in ("BEGIN:VCARD", "END:VCARD")
                or ((m := _PROPERTY_NAME.match(line)) and m.group(1).upper() in _VCARD_USED)]
        try:
            return vobject.readOne("\r\n".join(kept) + "\r\n"), first
        except Exception:  # noqa: BLE001
            raise first from None


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(one_line(v) for v in value if one_line(str(v)))
    return one_line(str(value)) if value is not None else ""


def _values(card, name: str) -> list:
    return [prop.value for prop in card.contents.get(name, [])]


def _card_name(card) -> str:
    for fn in _values(card, "fn"):
        if _text(fn):
            return _text(fn)
    for n in _values(card, "n"):
        parts = [_text(getattr(n, part, "")) for part in ("given", "additional", "family")]
        name = one_line(" ".join(p for p in parts if p))
        if name:
            return name
    return ""


def _error_text(e: Exception) -> str:
    return one_line(str(e)) or type(e).__name__


def parse_vcards(text: str) -> tuple[list[Contact], list[Note]]:
    """Contacts from vCard text (3.0 or 4.0, several cards, folded lines); Unreadable when there are none."""
    cards, notes = split_cards(text)
    if not cards and not notes:
        raise Unreadable("no vCard in the file (no BEGIN:VCARD line)")
    contacts: list[Contact] = []
    for number, (line, lines) in enumerate(cards, start=1):
        where = f"card {number}"
        try:
            card, partial = _read_card(lines)
        except Exception as e:  # noqa: BLE001
            notes.append(Note(line, "error", f"{where}: cannot read it ({_error_text(e)}); skipped"))
            continue
        if partial is not None:
            notes.append(Note(line, "warning", f"{where}: some lines could not be read "
                                               f"({_error_text(partial)}); imported the name, "
                                               "organisation, title, addresses and note"))
        name = _card_name(card)
        if not slugify(name):
            notes.append(Note(line, "error", f"{where}: no name (FN or N); skipped"))
            continue
        kind = _text((_values(card, "kind") or [""])[0]).lower()
        if kind in ("group", "org", "location"):
            notes.append(Note(line, "warning", f"{where}: {name!r} is not a person (KIND:{kind}); skipped"))
            continue
        links = [("email", _strip_scheme(_text(v), "mailto:")) for v in _values(card, "email")]
        links += [("phone", _strip_scheme(_text(v), "tel:")) for v in _values(card, "tel")]
        links += [("url", _text(v)) for v in _values(card, "url")]
        notes_text = "\n\n".join(str(v).strip() for v in _values(card, "note") if str(v).strip())
        contacts.append(Contact(
            line=line, where=where, name=name,
            org=next((t for t in map(_text, _values(card, "org")) if t), None),
            role=next((t for t in map(_text, _values(card, "title")) if t), None),
            links=_links(links), note=notes_text.replace("\r\n", "\n").replace("\r", "\n")))
    return contacts, notes


def _strip_scheme(value: str, scheme: str) -> str:
    return value[len(scheme):] if value.lower().startswith(scheme) else value


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
            "company": "company", "position": "position", "connected on": "connected"}


def parse_linkedin(text: str) -> tuple[list[Contact], list[Note]]:
    """Contacts from LinkedIn's Connections.csv (its "Notes:" lines before the header are skipped)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: dict[str, int] | None = None
    contacts: list[Contact] = []
    notes: list[Note] = []
    try:
        start = 1
        for row in reader:
            line, start = start, reader.line_num + 1
            cells = [c.strip() for c in row]
            if header is None:
                names = {c.lower(): i for i, c in enumerate(cells)}
                if "first name" in names and "last name" in names:
                    header = {key: names[col] for col, key in _COLUMNS.items() if col in names}
                continue
            if not any(cells):
                continue
            contact, note = _linkedin_row(cells, header, line)
            if note is not None:
                notes.append(note)
            if contact is not None:
                contacts.append(contact)
    except csv.Error as e:
        raise Unreadable(f"not a CSV file (line {reader.line_num}: {e})") from None
    if header is None:
        raise Unreadable("no header row with First Name and Last Name: is this LinkedIn's Connections.csv?")
    return contacts, notes


def _linkedin_row(cells: list[str], header: dict[str, int], line: int) -> tuple[Contact | None, Note | None]:
    def get(key: str) -> str:
        i = header.get(key)
        return one_line(cells[i]) if i is not None and i < len(cells) else ""

    where = f"line {line}"
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
    links = _links([("linkedin", get("url")), ("email", get("email"))])
    return Contact(line=line, where=where, name=name, org=get("company") or None,
                   role=get("position") or None, met=met, links=links), note


# --------------------------------------------------------------------------- plan and write


@dataclass(frozen=True, slots=True)
class Step:
    """What happens to one contact: a path to create, or the reason it is skipped."""

    contact: Contact
    path: str | None = None
    skipped: str | None = None


def plan(contacts: list[Contact], index: PeopleIndex, docs_dir: str) -> list[Step]:
    """Create a person file for each new contact; skip people in the log and repeats in the file."""
    steps: list[Step] = []
    first: dict[str, Contact] = {}
    for c in contacts:
        form = slugify(c.name)
        if form in first:
            earlier = first[form]
            steps.append(Step(c, skipped=f"same person as {earlier.where} ({earlier.name!r}) in this file"))
            continue
        first[form] = c
        try:
            steps.append(Step(c, path=check_new_person(index, docs_dir, c.name)))
        except PersonExists as e:
            how = f" ({e.how})" if e.how else ""
            steps.append(Step(c, skipped=f"already in the log: {e.where}{how}"))
    return steps


def _contact_text(c: Contact) -> str:
    return person_text(c.name, org=c.org, role=c.role, met=c.met, links=dict(c.links), body=c.note)


def run_import(ctx: click.Context, path: str, parse, dry_run: bool) -> None:
    """Parse ``path``, plan against the log, print every step, write unless ``dry_run``."""
    project = load_project(ctx)
    try:
        contacts, notes = parse(read_text(path))
    except Unreadable as e:
        raise click.ClickException(str(e)) from None
    if not contacts and any(n.severity == "error" for n in notes):
        for n in notes:
            click.echo(f"{shown(path)}:{n.line}: {n.severity}: {n.message}", err=True)
        raise click.ClickException(f"nothing in {shown(path)} could be read as a contact")
    index = load_people(project.docs_dir, project.options)
    steps = plan(contacts, index, project.docs_dir)
    problems = [f"{shown(path)}:{n.line}: {n.severity}: {n.message}" for n in notes]
    created = skipped = 0
    failed = False
    for step in steps:
        c = step.contact
        if step.skipped is not None:
            skipped += 1
            click.echo(f"skipped  {c.name} ({c.where}): {step.skipped}")
            continue
        if dry_run:
            created += 1
            click.echo(f"would create  {shown(step.path)}  ({c.name})")
            continue
        try:
            create_file(step.path, _contact_text(c).encode("utf-8"))
        except FileExistsError:
            skipped += 1
            click.echo(f"skipped  {c.name} ({c.where}): {shown(step.path)} appeared meanwhile")
        except OSError as e:
            failed = True
            problems.append(f"{shown(path)}:{c.line}: error: {c.where}: cannot write "
                            f"{shown(step.path)}: {e.strerror or e}")
        else:
            created += 1
            click.echo(f"created  {shown(step.path)}  ({c.name})")
    for p in problems:
        click.echo(p, err=True)
    dry = " (dry run: nothing was written)" if dry_run else ""
    click.echo(f"{created} created, {skipped} skipped, {len(problems)} problems{dry}")
    if failed:
        ctx.exit(1)


# --------------------------------------------------------------------------- commands


@click.group("import")
def import_group() -> None:
    """Write person files from a contacts export (vCard, LinkedIn).

    People already in the log (by name or aka) are reported and left
    untouched; so is the second of two contacts with the same name.

    \b
    Example:
        netlog import vcard contacts.vcf --dry-run
    """


_FILE = click.argument("file", type=click.Path(dir_okay=True, allow_dash=False))
_DRY_RUN = click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")


@import_group.command("vcard")
@_FILE
@_DRY_RUN
@click.pass_context
def import_vcard(ctx: click.Context, file: str, dry_run: bool) -> None:
    """Write a person file for each new contact in a vCard file (3.0 or 4.0).

    FN (or N) gives the name, ORG the org, TITLE the role, EMAIL, TEL and
    URL the links (email, phone, url; the second is email-2 ...), NOTE the
    notes. A card that cannot be read is a problem line; the rest go on.
    Ends with a summary: created, skipped, problems.

    \b
    Example:
        netlog import vcard contacts.vcf --dry-run
        netlog import vcard contacts.vcf
    """
    run_import(ctx, file, parse_vcards, dry_run)


@import_group.command("linkedin")
@_FILE
@_DRY_RUN
@click.pass_context
def import_linkedin(ctx: click.Context, file: str, dry_run: bool) -> None:
    """Write a person file for each new connection in LinkedIn's Connections.csv.

    First and Last Name give the name, Company the org, Position the role,
    Connected On the `met` date, URL and Email Address the links (linkedin,
    email). Ends with a summary: created, skipped, problems.

    \b
    Example:
        netlog import linkedin ~/Downloads/Connections.csv --dry-run
        netlog import linkedin ~/Downloads/Connections.csv
    """
    run_import(ctx, file, parse_linkedin, dry_run)
