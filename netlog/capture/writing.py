"""What the capture paths share (SPEC section 10): addresses, sources, entry text.

- :class:`AddressBook`: the e-mail addresses in people's ``links``, so a
  calendar attendee can be matched to a person file;
- :func:`known_sources`: every ``source`` value already in an entry or a
  draft, so importing the same calendar twice changes nothing;
- :func:`entry_file_text` and :func:`entry_stem`: an entry as ``netlog new``
  writes it (``authoring.entry_text``), with the keys ``new`` has no option
  for (``channel``, ``tags``, ``source``) filled in where ``new`` leaves a
  commented hint, and notes below.

Pure except :func:`known_sources`, which reads the log folder.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field

import yaml

from ..authoring import PeopleIndex, entry_text, short_slug, yaml_line
from ..dates import Offset
from ..model import Kind
from ..slug import slugify

_EMAIL = re.compile(r"[^@\s<>\"',;:]+@[^@\s<>\"',;:]+")

#: The folder of drafts, relative to the log (a `_` folder: check and build skip it).
DRAFTS = "_drafts"


def address_of(value: object) -> str | None:
    """``value`` as a bare lower-case e-mail address (``mailto:`` dropped), or None when it is not one.

    ``"MAILTO:Jane@Example.com"`` -> ``"jane@example.com"``; ``"https://x.org"`` -> None.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text[:7].lower() == "mailto:":
        text = text[7:]
    text = text.strip().lower()
    return text if _EMAIL.fullmatch(text) else None


@dataclass(slots=True)
class AddressBook:
    """Lower-case e-mail address -> person slug, from every person's ``links`` values.

    ``clashes`` lists addresses that two people share (the first file by slug
    keeps it); ``me`` holds the option ``me``'s addresses, which are never
    anyone else's.
    """

    owners: dict[str, str] = field(default_factory=dict)
    clashes: list[tuple[str, str, str]] = field(default_factory=list)  # (address, kept slug, other slug)
    me: frozenset[str] = frozenset()

    @classmethod
    def of(cls, index: PeopleIndex, me=()) -> AddressBook:
        book = cls(me=frozenset(a for a in (address_of(m) for m in me) if a))
        for slug in sorted(index.people):
            for _label, value in index.people[slug].links:
                address = address_of(value)
                if address is None or address in book.me:
                    continue
                owner = book.owners.setdefault(address, slug)
                if owner != slug:
                    book.clashes.append((address, owner, slug))
        return book

    def person(self, address: str | None) -> str | None:
        """The slug of the person with this address, or None."""
        return self.owners.get(address) if address else None

    def is_me(self, address: str | None) -> bool:
        return bool(address) and address in self.me


_SOURCE_LINE = re.compile(r"^source[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)


def _front_matter(text: str) -> str | None:
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        return None
    end = re.search(r"^---[ \t]*\r?$", text[3:], re.M)
    return text[3:3 + end.start()] if end else None


def source_of(text: str) -> str | None:
    """The ``source`` value of an entry's text (its front matter), or None."""
    fm = _front_matter(text)
    if fm is None:
        return None
    found = _SOURCE_LINE.search(fm)
    if not found:
        return None
    try:
        value = yaml.safe_load(found.group(1))
    except yaml.YAMLError:
        return None
    return str(value).strip() if value not in (None, "") else None


def known_sources(docs_dir: str) -> set[str]:
    """Every ``source`` value in the log's entries and drafts (``_drafts/``).

    A quick scan of each Markdown file's front matter for a ``source:``
    line, not a full load: it runs on every import. Folders starting with
    ``.`` and other ``_`` folders than ``_drafts`` are skipped, as are files
    that cannot be read.
    """
    found: set[str] = set()
    for dirpath, dirs, files in os.walk(docs_dir):
        top = os.path.relpath(dirpath, docs_dir) == "."
        dirs[:] = [d for d in dirs if not d.startswith(".") and (not d.startswith("_") or (top and d == DRAFTS))]
        for name in files:
            if not name.endswith(".md") or name.startswith("."):
                continue
            try:
                with open(os.path.join(dirpath, name), "rb") as fh:
                    head = fh.read(64 * 1024)
            except OSError:
                continue
            if b"source" not in head:
                continue
            value = source_of(head.decode("utf-8", errors="replace"))
            if value:
                found.add(value)
    return found


def entry_stem(kind: str, date: dt.date, with_refs: list[str], title: str | None, index: PeopleIndex) -> str:
    """``<date>-<kind>-<slug>`` as ``netlog new`` names a file: the slug of the first
    ``with`` person (their file's slug when the ref names one person), else of the title."""
    slug = ""
    if with_refs:
        found = index.resolve(with_refs[0])
        slug = found[0].slug if len(found) == 1 else short_slug(with_refs[0])
    elif title:
        slug = short_slug(title)
    return f"{date.isoformat()}-{slugify(kind) or 'entry'}" + (f"-{slug}" if slug else "")


def entry_file_text(kind: Kind, date: dt.date, with_: list[str], via: list[str],
                    follow_up: dt.date | Offset | None, title: str | None, *,
                    extra: dict | None = None, notes: str = "") -> str:
    """``netlog new``'s entry text, with ``extra`` keys (e.g. channel, tags, source) set and ``notes`` below.

    Each extra key takes the place of ``new``'s commented hint for it, or
    goes last in the front matter when there is none. Values are written by
    the same YAML writer as every other key.
    """
    text = entry_text(kind, date, with_, via, follow_up, title)
    lines = text.split("\n")
    end = next(n for n in range(1, len(lines)) if lines[n] == "---")
    for key, value in (extra or {}).items():
        if value in (None, "", (), []):
            continue
        line = yaml_line(key, list(value) if isinstance(value, tuple) else value)
        at = next((n for n in range(1, end) if lines[n].startswith(f"# {key}:")), None)
        if at is None:
            lines.insert(end, line)
            end += 1
        else:
            lines[at] = line
    out = "\n".join(lines)
    if notes:
        out = out.rstrip("\n") + "\n\n" + notes.rstrip("\n") + "\n"
    return out


def people_files(docs_dir: str):
    """The parsed person files of the log (``load.SourceFile``), for checking entries against them."""
    from ..load import read_files

    folder = os.path.join(docs_dir, "people")
    try:
        names = sorted(n for n in os.listdir(folder)
                       if n.endswith(".md") and not n.startswith(".") and os.path.isfile(os.path.join(folder, n)))
    except OSError:
        names = []
    files, _problems = read_files(docs_dir, [f"people/{n}" for n in names])
    return files


def check_entries(people, texts: dict[str, str], options):
    """``(entries by path, problems by path)`` for entry ``texts`` (path in the log -> text),
    checked as ``netlog check`` checks an entry, against the person files ``people``.

    Only the problems of the given paths are returned: the person files'
    own problems are ``check``'s business.
    """
    from .. import frontmatter
    from ..load import SourceFile, build_log

    parsed = []
    problems: dict[str, list] = {path: [] for path in texts}
    for path, text in texts.items():
        fm = frontmatter.parse(path, text.lstrip("\ufeff"))
        problems[path].extend(fm.problems)
        parsed.append(SourceFile(path, fm))
    log, more = build_log(list(people) + parsed, options)
    for p in more:
        if p.path in problems:
            problems[p.path].append(p)
    entries = {e.path: e for e in log.entries if e.path in texts}
    for path in problems:
        problems[path].sort(key=lambda p: p.sort_key())
    return entries, problems
