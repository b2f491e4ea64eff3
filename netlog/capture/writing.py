"""What the capture paths share (docs/format.md §12): sources and entry text.

- :func:`known_sources`: every ``source`` value already in an entry or a
  draft, so importing the same calendar twice changes nothing;
- :func:`entry_file_text`: an entry as ``netlog new`` writes it
  (``entrytext.entry_text``), with the keys ``new`` has no option for
  (``channel``, ``tags``, ``source``) filled in where ``new`` leaves a
  commented hint, and notes below;
- :func:`check_entries`: entry texts checked as ``netlog check`` checks them.

People are matched by the people index (``people.PeopleIndex``: refs, and
e-mail addresses with ``by_email``). Pure except :func:`known_sources`, which
reads the log folder.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

import yaml

from .. import readfile
from ..entrytext import entry_text
from ..yamlemit import reads_as_itself, yaml_line
from ..dates import Offset
from ..model import Kind

#: The folder of drafts, relative to the log (a `_` folder: check and build skip it).
DRAFTS = "_drafts"


_SOURCE_LINE = re.compile(r"^source[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)


def _front_matter(text: str) -> str | None:
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        return None
    end = re.search(r"^---[ \t]*\r?$", text[3:], re.M)
    return text[3:3 + end.start()] if end else None


@dataclass(frozen=True, slots=True)
class DraftEntry:
    """A draft an import will write (``netlog import ics``, ``import mail``): its entry's
    keys, the keys ``netlog new`` has no option for (``extra``: channel, direction, source),
    its notes; ``what`` names it in the command's output (date, kind, people, title)."""

    date: dt.date
    kind: str
    with_: tuple[str, ...]
    via: tuple[str, ...]
    title: str | None
    extra: dict
    notes: str

    @property
    def what(self) -> str:
        via = f" via {', '.join(self.via)}" if self.via else ""
        return (f"{self.date.isoformat()} {self.kind} with {', '.join(self.with_)}{via}"
                + (f": {self.title}" if self.title else ""))

    @property
    def source(self) -> str | None:
        return self.extra.get("source")


def source_of(text: str) -> str | None:
    """The ``source`` value of an entry's text (its front matter), or None."""
    fm = _front_matter(text)
    if fm is None:
        return None
    found = _SOURCE_LINE.search(fm)
    if not found:
        return None
    raw = found.group(1)
    if reads_as_itself(raw):  # most sources (``mail:<id>@<date>``, ``ics:<uid>``): no YAML parser needed
        return raw
    try:
        value = yaml.safe_load(raw)
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
                head = readfile.head(os.path.join(dirpath, name), 64 * 1024)
            except OSError:
                continue
            if b"source" not in head:
                continue
            value = source_of(head.decode("utf-8", errors="replace"))
            if value:
                found.add(value)
    return found


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
        hinted = f"# {key}:"
        at = None
        for n in range(1, end):  # the first hint line of the key (a loop: a generator costs more, per draft)
            if lines[n].startswith(hinted):
                at = n
                break
        if at is None:
            lines.insert(end, line)
            end += 1
        else:
            lines[at] = line
    out = "\n".join(lines)
    if notes:
        out = out.rstrip("\n") + "\n\n" + notes.rstrip("\n") + "\n"
    return out


def check_entries(people, texts: dict[str, str], options):
    """``(entries by path, problems by path)`` for entry ``texts`` (path in the log -> text),
    checked as ``netlog check`` checks an entry, against the person files ``people``.

    Only the problems of the given paths are returned: the person files'
    own problems are ``check``'s business.
    """
    from .. import frontmatter, hostile
    from ..load import SourceFile, build_log

    parsed = []
    problems: dict[str, list] = {path: [] for path in texts}
    for path, text in texts.items():
        # as load.read_files reads a file: the size limit, then the notes Markdown would choke on
        decoded, errors = frontmatter.decode(path, text.encode("utf-8"))
        if decoded is None:
            problems[path].extend(errors)
            continue
        fm = frontmatter.parse(path, decoded)
        problems[path].extend(fm.problems)
        if fm.data is not None and fm.body:
            problems[path].extend(hostile.problems(path, fm.body, fm.body_line))
        parsed.append(SourceFile(path, fm))
    log, more = build_log(list(people) + parsed, options)
    for p in more:
        if p.path in problems:
            problems[p.path].append(p)
    entries = {e.path: e for e in log.entries if e.path in texts}
    for path in problems:
        problems[path].sort(key=lambda p: p.sort_key())
    return entries, problems
