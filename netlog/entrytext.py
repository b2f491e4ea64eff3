"""A new entry's file: its text and its name (``netlog new``, the inbox, the imports).

It renders front matter with every value quoted by PyYAML and a commented
hint for every other key that suits the kind, and names the file
``<year>/<date>-<kind>-<slug>.md``, created exclusively (``userfiles``).
"""

from __future__ import annotations

import datetime as dt
import os

from .dates import Offset
from .kinds import SELF, VISIBILITY
from .model import Kind
from .people import PeopleIndex
from .slug import slugify
from .titles import kind_label
from .userfiles import create_numbered
from .yamlemit import _HINT_COLUMN, front_matter, hint, yaml_line

#: Longest slug netlog puts into a new entry's file name (cut at a hyphen).
MAX_NAME_SLUG = 60


def short_slug(text: str, limit: int = MAX_NAME_SLUG) -> str:
    """The slug form of ``text``, cut at a hyphen to at most ``limit`` characters."""
    slug = slugify(text)
    if len(slug) <= limit:
        return slug
    cut = slug[:limit + 1]
    return cut[:cut.rfind("-")] if "-" in cut[:limit] else slug[:limit]


# --------------------------------------------------------------------------- netlog new


# an example value for the `channel:` hint
_CHANNELS = {"call": "phone", "video": "video", "email": "email", "message": "message",
             "thank-you": "email", "follow-up": "email", "offer": "email", "rejection": "email",
             "referral": "email", "intro": "email"}


# the placeholder in `with`/`via` hints: never a person's name, since no name is sure to
# exist in the log (the example person of `netlog init` may be gone)
_SOMEONE = "<name or slug>"


def entry_text(kind: Kind, date: dt.date, with_: list[str], via: list[str],
               follow_up: dt.date | Offset | None, title: str | None) -> str:
    """A new entry: the given keys, and a commented hint for every other key that suits ``kind``."""
    from .kinds import OUTWARD_KINDS

    showcase = kind.group == VISIBILITY
    lines = [yaml_line("date", date), yaml_line("kind", kind.name)]
    if with_:
        lines.append(yaml_line("with", with_))
    elif showcase:
        lines.append(hint(f"with: [{_SOMEONE}]", "optional: people who took part or saw it"))
    elif kind.group == SELF:
        lines.append(hint(f"with: [{_SOMEONE}]", "optional: people it is about (not a contact with them)"))
    else:
        lines.append("with: []" + " " * (_HINT_COLUMN - len("with: []")) +
                     "# required: who was there (slugs, names or aka)")
    lines.append(yaml_line("via", via) if via else
                 hint(f"via: [{_SOMEONE}]", "who brought this about: introduced you, recommended you, passed on the lead"))
    if title:
        lines.append(yaml_line("title", title))
    else:
        default = "the first `# ` heading of the notes, else " + (
            kind_label(kind.name) + ("" if showcase else " with <names>"))
        lines.append(hint("title: ...", f"else {default}"))
    if follow_up is not None:
        lines.append(yaml_line("follow_up", follow_up if isinstance(follow_up, dt.date) else str(follow_up)))
    elif kind.after is not None and not showcase:
        rule = f"{kind.action or 'Follow up: <title>'}, {kind.after} after the entry"
        lines.append(hint("follow_up: 2w", f"without it the {kind.name} rule applies ({rule}); false turns it off"))
    else:
        lines.append(hint("follow_up: 2w", "a date, an offset, {in: 2w, action: ...}, or false"))
    if showcase:
        lines.append(hint("audience: 20", "how many people it reached"))
    if kind.name in OUTWARD_KINDS:
        lines.append(hint("direction: out", f"out, in or mutual (out is the default for a {kind.name})"))
    else:
        lines.append(hint("direction: out", "who reached out: out, in or mutual"))
    lines.append(hint(f"channel: {_CHANNELS.get(kind.name, 'in-person')}", "in-person, video, phone, email, ..."))
    lines.append(hint("outcome: ...", "what came of it"))
    lines.append(hint("tags: []", "shown as tags on the site"))
    lines.append(hint("private: true", "leave out of a `netlog build --share` copy"))
    return front_matter(lines, "\n")


# --------------------------------------------------------------------------- a new entry's file


def follow_up_due(follow_up: dt.date | Offset, date: dt.date) -> dt.date:
    """The due date of ``--follow-up`` (a date, or an offset from the entry's ``date``).

    Raises :class:`~netlog.errors.OutsideCalendar` past 9999-12-31, and
    ValueError when it is before the entry's date.
    """
    due = follow_up if isinstance(follow_up, dt.date) else follow_up.add_to(date)
    if due < date:
        raise ValueError(f"{due.isoformat()} is before the entry's date {date.isoformat()}")
    return due


def entry_stem(index: PeopleIndex, kind: str, date: dt.date, with_refs: list[str], title: str | None) -> str:
    """A new entry's file name without ``.md``: ``<date>-<kind>-<slug>``, the slug made from the
    first ``with`` person (their file's slug when the ref names one), else the title."""
    slug = ""
    if with_refs:
        found = index.resolve(with_refs[0])
        slug = found[0].slug if len(found) == 1 else short_slug(with_refs[0])
    elif title:
        slug = short_slug(title)
    return fit_entry_stem(f"{date.isoformat()}-{slugify(kind) or 'entry'}", slug)


def fit_entry_stem(prefix: str, slug: str) -> str:
    """``<prefix>-<slug>`` with the slug cut so the stem, with a ``-NNNNN`` to tell files apart,
    stays a page name netlog can publish (paths.MAX_PAGE_NAME_BYTES, docs/format.md §8)."""
    from .paths import MAX_PAGE_NAME_BYTES, cut_slug

    room = MAX_PAGE_NAME_BYTES - len(prefix.encode("utf-8")) - len("--10000")
    prefix = cut_slug(prefix, MAX_PAGE_NAME_BYTES - len("-10000"))
    slug = cut_slug(slug, room) if room > 0 else ""
    return prefix + (f"-{slug}" if slug else "")


def write_entry(docs_dir: str, date: dt.date, stem: str, text: str) -> str:
    """Create ``<docs_dir>/<year>/<stem>.md`` (``-2``, ``-3`` … when taken); the path written."""
    return create_numbered(os.path.join(docs_dir, f"{date.year:04d}"), stem, text.encode("utf-8"))
