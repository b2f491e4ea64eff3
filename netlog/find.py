"""Searching the log (docs/format.md §14): ``netlog find TEXT`` and the assistant's ``find`` tool.

A pure stage after loading: :func:`search` takes the log, the query and the
line each file's notes start on, and returns the people and entries whose
text contains the query, compared in slug form (docs/format.md §3: accents
and case ignored, runs of letters and digits joined by ``-``, so ``nunez``
finds ``Núñez`` and ``jane doe`` finds ``Jane-Doe``). Each hit says where it
matched; a match in the notes names its file line. Notes are searched line
by line, so that each match has a line to jump to.

:func:`load` loads the log keeping those lines (``load_log``'s ``read``
hook), and :func:`to_json` gives the JSON of docs/format.md §14.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Entry, Log, Person, Problem
from .slug import slug_form, slugify

#: Where a query can match, in the order a hit lists them.
PERSON_FIELDS = ("name", "aka", "org", "role", "tags", "notes")
ENTRY_FIELDS = ("title", "with", "via", "outcome", "tags", "notes")


@dataclass(frozen=True, slots=True)
class Match:
    """One place a query matched: the field (one of :data:`PERSON_FIELDS` or
    :data:`ENTRY_FIELDS`), the value as written (for notes, the line), and for notes the
    line of the file (1-based), else None."""

    field: str
    text: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class PersonHit:
    person: Person
    matches: tuple[Match, ...]


@dataclass(frozen=True, slots=True)
class EntryHit:
    entry: Entry
    matches: tuple[Match, ...]


@dataclass(frozen=True, slots=True)
class Found:
    """What :func:`search` found: people by name (then slug), entries newest first (then by path)."""

    query: str
    people: tuple[PersonHit, ...] = ()
    entries: tuple[EntryHit, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.people or self.entries)


class _Needle:
    """Does a text contain the query's slug form ``form`` in its own slug form?

    For ASCII text, without making its slug form: the slug form joins the
    text's runs of letters and digits with ``-``, so it contains ``a-b``
    exactly when the lower-cased text has ``a``, then characters that are no
    letter or digit, then ``b`` (a regular expression search, several times
    faster on long notes than making the slug form). Other text is compared
    by its slug form.
    """

    def __init__(self, form: str):
        self.form = form
        self.pattern = re.compile("[\\W_]+".join(re.escape(w) for w in form.split("-")))

    def __call__(self, text: str) -> bool:
        if text.isascii():
            return self.pattern.search(text.lower()) is not None
        return self.form in slug_form(text)


def _values(needle: _Needle, field: str, values) -> list[Match]:
    return [Match(field, v) for v in values if v and needle(v)]


def _notes(needle: _Needle, body: str, first_line: int) -> list[Match]:
    """The lines of ``body`` (which starts on file line ``first_line``) that contain the query."""
    if not body or not needle(body):  # one pass over the whole notes rules most out
        return []
    return [Match("notes", line.strip(), first_line + n) for n, line in enumerate(body.splitlines())
            if needle(line)]


def search(log: Log, query: str, body_lines: dict[str, int] | None = None) -> Found:
    """The people and entries of ``log`` whose text contains ``query`` in slug form.

    People match on name, aka, org, role, tags and notes; entries on title,
    outcome, tags, notes and the names of the people in ``with`` and ``via``
    (stubs included, by the name they were first written with).
    ``body_lines`` maps a file's path in the log to the line its notes start
    on (from :func:`load`; 1 where missing). Raises ValueError when
    ``query`` has no letters or digits (its slug form is empty).
    """
    form = slugify(query)
    if not form:
        raise ValueError(f"{query!r} has no letters or digits to search for")
    needle = _Needle(form)
    lines = body_lines or {}
    people: list[PersonHit] = []
    named: dict[str, str] = {}  # slug -> name, for the people whose name matches
    for slug, p in log.people.items():
        matches = _values(needle, "name", [p.name])
        if matches:
            named[slug] = p.name
        matches += _values(needle, "aka", p.aka) + _values(needle, "org", [p.org]) + _values(needle, "role", [p.role])
        matches += _values(needle, "tags", p.tags)
        if p.path is not None:
            matches += _notes(needle, p.body, lines.get(p.path, 1))
        if matches:
            people.append(PersonHit(p, tuple(matches)))
    people.sort(key=lambda h: (h.person.name.casefold(), h.person.slug))
    entries: list[EntryHit] = []
    for e in log.entries:
        matches = _values(needle, "title", [e.title])
        matches += [Match("with", named[s]) for s in e.with_ if s in named]
        matches += [Match("via", named[s]) for s in e.via if s in named]
        matches += _values(needle, "outcome", [e.outcome]) + _values(needle, "tags", e.tags)
        matches += _notes(needle, e.body, lines.get(e.path, 1))
        if matches:
            entries.append(EntryHit(e, tuple(matches)))
    entries.sort(key=lambda h: h.entry.path)
    entries.sort(key=lambda h: h.entry.date, reverse=True)  # stable: same day by path
    return Found(query, tuple(people), tuple(entries))


def to_json(found: Found) -> dict:
    """``{"query", "people": [{"slug", "name", "org"}], "entries": [{"path", "date", "kind",
    "title"}]}`` (docs/format.md §14); paths are in the log, dates ``YYYY-MM-DD``."""
    return {
        "query": found.query,
        "people": [{"slug": h.person.slug, "name": h.person.name, "org": h.person.org} for h in found.people],
        "entries": [{"path": h.entry.path, "date": h.entry.date.isoformat(), "kind": h.entry.kind,
                     "title": h.entry.title} for h in found.entries],
    }


def load(docs_dir: str, options) -> tuple[Log, list[Problem], dict[str, int]]:
    """``load_log``'s ``(log, problems)`` and the line each file's notes start on (path in the
    log -> line), which :func:`search` needs to name the line of a match in the notes."""
    from .load import load_log, read_files

    lines: dict[str, int] = {}

    def read(folder: str, paths: list[str]):
        files, problems = read_files(folder, paths)
        for f in files:
            lines[f.path] = f.fm.body_line
        return files, problems

    log, problems = load_log(docs_dir, options, read=read)
    return log, problems, lines
