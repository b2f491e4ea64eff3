"""Writing into a log: the library side of ``netlog init``, ``new``, ``person`` and the imports.

It renders front matter with every value quoted by PyYAML, resolves refs
and refuses clashes with the people index (``people.py``, docs/format.md §3),
and creates files exclusively (``sitebuild.atomic_write(..., exclusive=True)``):
nothing is ever overwritten, not even by two runs at once. Errors are
:mod:`netlog.errors` values; the commands (``commands/authoring.py``) print.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
from dataclasses import dataclass, field
from importlib import resources

import yaml

from . import safeio
from .dates import Offset
from .errors import PersonExists, ReservedName
from .kinds import VISIBILITY
from .model import Kind
from .people import PeopleIndex
from .report import shown
from .slug import slugify
from .titles import kind_label

#: Longest slug netlog puts into a new entry's file name (cut at a hyphen).
MAX_NAME_SLUG = 60
_WIDTH = 2**30  # never fold a long value over two lines
_HINT_COLUMN = 28


# --------------------------------------------------------------------------- YAML text


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) made one space."""
    return " ".join(str(text).split())


# words that start with a letter and that YAML 1.1 reads as something else than a string
_YAML_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})
_PLAIN_TEXT = re.compile(r"[^\W\d_](?:[\w .'/()-]*[\w.)])?")
# an identifier such as a calendar source, ``ics:<UID>@<date>``: ASCII, a letter first, no
# spaces, a colon only between other characters
_PLAIN_TOKEN = re.compile(r"[A-Za-z][\w.@/+=-]*(?::[\w.@/+=-]+)*", re.ASCII)


def _plain_name(text: str) -> bool:
    return bool(_PLAIN_TEXT.fullmatch(text)) and "  " not in text and text.lower() not in _YAML_WORDS


def _plain(value) -> str | None:
    """``yaml_value``'s result without PyYAML for the values that need no quoting: a date, a
    name-like string (a letter first; letters, digits, `` ._'/()-`` after), an ASCII identifier
    (``ics:abc@example.com``: no spaces, a colon only inside) or a list of names.
    None for anything else (PyYAML decides). Drafting thousands of entries from a calendar
    spends most of its time in PyYAML's emitter otherwise."""
    if type(value) is dt.date:
        return value.isoformat()
    if type(value) is str:
        return value if _plain_name(value) or _PLAIN_TOKEN.fullmatch(value) and value.lower() not in _YAML_WORDS \
            else None
    if type(value) is list:  # in a flow list a colon would need quotes: names only
        return "[" + ", ".join(value) + "]" if all(type(v) is str and _plain_name(v) for v in value) else None
    return None


def yaml_value(value) -> str:
    """``value`` as YAML text on one line: strings quoted where YAML needs it, lists in flow style.

    ``O'Neil: "x"``, ``- [a]``, ``yes`` and ``2026-01-01`` all come back from
    a YAML parser as the very strings they were.
    """
    fast = _plain(value)
    if fast is not None:
        return fast
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=_WIDTH)
    if text.endswith("\n...\n"):  # PyYAML ends a lone plain scalar with a document end marker
        text = text[:-len("...\n")]
    return text.rstrip("\n")


def yaml_line(key: str, value) -> str:
    """One front matter line ``key: value``; a mapping value is written as a block below the key."""
    if isinstance(value, dict):
        return "\n".join([f"{key}:"] + [f"  {yaml_value(k)}: {yaml_value(v)}" for k, v in value.items()])
    return f"{key}: {yaml_value(value)}"


def hint(example: str, why: str) -> str:
    """A commented-out key with an explanation: ``# follow_up: 2w      # ...``."""
    return f"# {example:<{_HINT_COLUMN - 2}} # {why}"


def front_matter(lines: list[str], body: str = "") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body


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


# --------------------------------------------------------------------------- writing files


def create_file(path: str, data: bytes, *, sync: bool = True) -> None:
    """Create ``path`` with ``data``; FileExistsError when it is there, even in a race.

    A write to a temporary file and a hard link (``atomic_write``), so a
    reader never sees half a file. Where the filesystem has no hard links
    (FAT, exFAT, some network shares), an ``O_EXCL`` create does the same
    job without the atomicity.
    """
    from .sitebuild import atomic_write

    try:
        atomic_write(path, data, exclusive=True, sync=sync)
    except FileExistsError:
        raise
    except OSError as e:
        if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK):
            raise
        with safeio.new_folders(os.path.dirname(path)):  # atomic_write removed the ones it made
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            try:
                with safeio.naming(path), os.fdopen(fd, "wb") as fh:
                    fh.write(data)
            except BaseException:
                os.unlink(path)  # ours (O_EXCL): no half-written file stays
                raise


#: How many names ``<stem>.md``, ``<stem>-2.md`` … are tried before giving up.
NUMBERED_LIMIT = 10_000


def numbered_names(stem: str, limit: int = NUMBERED_LIMIT):
    """``<stem>.md``, ``<stem>-2.md``, ``<stem>-3.md`` … ``<stem>-<limit>.md``: the names
    :func:`create_numbered` tries, in that order."""
    yield f"{stem}.md"
    for n in range(2, limit + 1):
        yield f"{stem}-{n}.md"


def first_free_name(stem: str, taken: set[str]) -> str:
    """The name :func:`create_numbered` would write in a folder holding ``taken``; added to ``taken``
    (for a dry run that names several files). FileExistsError when every name is taken."""
    for name in numbered_names(stem):
        if name not in taken:
            taken.add(name)
            return name
    raise FileExistsError(errno.EEXIST, f"{NUMBERED_LIMIT} files named {stem}-N.md already exist")


def create_numbered(folder: str, stem: str, data: bytes, limit: int = NUMBERED_LIMIT, *, sync: bool = True) -> str:
    """Create ``<stem>.md`` in ``folder``, else ``<stem>-2.md``, ``<stem>-3.md`` …; the path written."""
    for name in numbered_names(stem, limit):
        path = os.path.join(folder, name)
        try:
            create_file(path, data, sync=sync)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(errno.EEXIST, f"{limit} files named {stem}-N.md already exist", folder)


def short_slug(text: str, limit: int = MAX_NAME_SLUG) -> str:
    """The slug form of ``text``, cut at a hyphen to at most ``limit`` characters."""
    slug = slugify(text)
    if len(slug) <= limit:
        return slug
    cut = slug[:limit + 1]
    return cut[:cut.rfind("-")] if "-" in cut[:limit] else slug[:limit]


# --------------------------------------------------------------------------- netlog init


INIT_TEMPLATES = ("templates", "init")


def init_templates() -> list[tuple[str, bytes]]:
    """The files of a new project: (path with ``dot-`` and ``{{...}}`` still in it, content)."""
    out: list[tuple[str, bytes]] = []

    def visit(node, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name == "__pycache__" or child.name.startswith("."):
                continue
            if child.is_dir():
                visit(child, f"{prefix}{child.name}/")
            else:
                out.append((f"{prefix}{child.name}", child.read_bytes()))

    visit(resources.files("netlog").joinpath(*INIT_TEMPLATES), "")
    return out


def _fill(text: str, today: dt.date) -> str:
    return text.replace("{{date}}", today.isoformat()).replace("{{year}}", f"{today.year:04d}")


def _target_path(template_path: str, today: dt.date, docs_dir: str) -> str:
    """Where a template goes: ``dot-x`` is ``.x`` (dotfiles survive packaging), ``log/`` is the docs_dir."""
    parts = [("." + p[4:]) if p.startswith("dot-") else p for p in _fill(template_path, today).split("/")]
    if parts[0] == "log":
        return os.path.join(docs_dir, *parts[1:])
    return os.path.join(*parts)


def _has_markdown(folder: str) -> bool:
    for _dirpath, _dirs, files in os.walk(folder):
        if any(f.endswith(".md") for f in files):
            return True
    return False


@dataclass(slots=True)
class InitResult:
    created: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)
    examples_skipped: bool = False
    docs_dir: str = "log"


def init_project(root: str, today: dt.date) -> InitResult:
    """Write the files of a new log into ``root``, leaving every existing file as it is.

    The example person and entry go in only when the log has no Markdown
    file yet: they would be noise in a log that has real people. All or nothing: on an
    error (OSError) the files and folders this run made are removed again.
    """
    result = InitResult()
    made: list[str] = []
    try:
        safeio.makedirs(root, made)
        _init_files(root, today, result, made)
    except BaseException:
        safeio.undo(result.created, made)  # nothing half-done: what this run made goes again
        raise
    return result


def _init_files(root: str, today: dt.date, result: InitResult, made: list[str]) -> None:
    from .config import CONFIG_NAMES, docs_dir_in

    existing = docs_dir_in(root)
    docs_rel = existing if existing is not None else "log"
    docs_dir = os.path.join(root, docs_rel)
    result.docs_dir = docs_dir
    result.examples_skipped = _has_markdown(docs_dir)
    for template, data in init_templates():
        if template.startswith("log/") and result.examples_skipped:
            continue
        path = os.path.join(root, _target_path(template, today, docs_rel))
        if template == "mkdocs.yml" and existing is not None:
            result.left_alone.extend(os.path.join(root, n) for n in CONFIG_NAMES
                                     if os.path.isfile(os.path.join(root, n)))
            continue
        try:
            safeio.makedirs(os.path.dirname(path), made)
            create_file(path, _fill(data.decode("utf-8"), today).encode("utf-8"))
        except FileExistsError:
            if not os.path.lexists(path):  # a file stands where a folder should be
                raise
            result.left_alone.append(path)
        else:
            result.created.append(path)
    safeio.makedirs(os.path.join(docs_dir, "people"), made)


def gitignore_lacks_site(path: str) -> bool:
    """True when the .gitignore at ``path`` has no line that ignores site/ (False when unreadable)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = {line.strip() for line in fh}
    except OSError:
        return False
    return not lines & {"site", "site/", "/site", "/site/"}


# --------------------------------------------------------------------------- netlog new


# an example value for the `channel:` hint
_CHANNELS = {"call": "phone", "video": "video", "email": "email", "message": "message",
             "thank-you": "email", "follow-up": "email", "offer": "email", "rejection": "email",
             "referral": "email", "intro": "email"}


def entry_text(kind: Kind, date: dt.date, with_: list[str], via: list[str],
               follow_up: dt.date | Offset | None, title: str | None) -> str:
    """A new entry: the given keys, and a commented hint for every other key that suits ``kind``."""
    from .kinds import OUTWARD_KINDS

    showcase = kind.group == VISIBILITY
    lines = [yaml_line("date", date), yaml_line("kind", kind.name)]
    if with_:
        lines.append(yaml_line("with", with_))
    elif showcase:
        lines.append(hint("with: [Jane Doe]", "optional: people who took part or saw it"))
    else:
        lines.append("with: []" + " " * (_HINT_COLUMN - len("with: []")) +
                     "# required: who was there (slugs, names or aka)")
    lines.append(yaml_line("via", via) if via else
                 hint("via: [Jane Doe]", "who brought this about: introduced you, recommended you, passed on the lead"))
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


# --------------------------------------------------------------------------- netlog person


def reserved_person_path(name: str) -> str | None:
    """``people/<slug>.md`` when that path is netlog's (the people index), else None."""
    from .load import is_reserved

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

