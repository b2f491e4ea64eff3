"""A new person's file: its text, its links, and where it goes (``netlog person``, the imports).

Refuses clashes with the people index (``people.py``, docs/format.md §3).
Errors are :mod:`netlog.errors` values; the commands print.
"""

from __future__ import annotations

import datetime as dt
import os

from .dates import Offset
from .errors import PersonExists, ReservedName
from .people import PeopleIndex
from .registry import is_reserved
from .report import shown
from .slug import slugify
from .yamlemit import front_matter, hint, one_line, yaml_line

# --------------------------------------------------------------------------- people


def numbered_links(pairs) -> tuple[tuple[str, str], ...]:
    """``(label, value)`` pairs for a person's ``links``, repeated labels numbered: email, email-2,
    email-3 …; values made one line, empty and repeated pairs dropped."""
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


def person_text(name: str, *, aka=(), org: str | None = None, role: str | None = None, tags=(),
                cadence: Offset | str | None = None, met: dt.date | None = None,
                links: dict[str, str] | None = None, body: str = "") -> str:
    """A person file: the given keys, commented hints for the others, then ``body``."""
    lines = [yaml_line("name", name)]
    lines.append(yaml_line("aka", list(aka)) if aka else
                 hint("aka: []", "other names, spellings or initials that mean this person"))
    lines.append(yaml_line("org", org) if org else hint("org: Acme LLP", "where they work"))
    lines.append(yaml_line("role", role) if role else hint("role: General Counsel", "what they do"))
    lines.append(yaml_line("tags", list(tags)) if tags else
                 hint("tags: [mentor]", "the `cadence` option can give a tag a cadence"))
    lines.append(yaml_line("cadence", str(cadence)) if cadence else
                 hint("cadence: 2m", "keep in touch at least this often (d, w, m, y)"))
    lines.append(yaml_line("met", met) if met else hint("met: YYYY-MM-DD", "when you first met"))
    lines.append(hint("met_via: ...", "who introduced you (a slug, name or aka)"))
    if links:
        lines.append(yaml_line("links", dict(links)))
    else:
        lines += [hint("links:", "email, phone, profile addresses"), "#   email: name@example.com"]
    lines.append(hint("private: true", "leave out of a `netlog build --share` copy"))
    if body and not body.endswith("\n"):
        body += "\n"
    return front_matter(lines, body)


# --------------------------------------------------------------------------- netlog person


def reserved_person_path(name: str) -> str | None:
    """``people/<slug>.md`` when that path is netlog's (the people index), else None."""
    path = f"people/{slugify(name)}.md"
    return path if is_reserved(path) else None


def check_new_person(index: PeopleIndex, docs_dir: str, name: str) -> str:
    """The path for a new person called ``name``; PersonExists when that would clash.

    ReservedName when the file would be ``people/index.md``, the page netlog
    generates for the list of people.
    """
    reserved = reserved_person_path(name)
    if reserved is not None:
        raise ReservedName(f"{name!r} would be {reserved}, the people index page netlog generates; "
                           "add a word to the name")
    path = os.path.join(docs_dir, "people", f"{slugify(name)}.md")
    if os.path.lexists(path):
        raise PersonExists(shown(path))
    found = index.claimant(name)
    if found is not None:
        person, how = found
        raise PersonExists(shown(os.path.join(docs_dir, person.path)) if person.path else person.slug, how)
    return path
