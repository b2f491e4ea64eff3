"""Drafts (docs/format.md §12): the entries waiting in ``_drafts/`` until accepted.

:func:`survey` reads every draft and checks it as ``netlog check`` checks an
entry (against the log's person files and kinds); :func:`accept` moves one
that passes into ``<year>/``, under the same name or with a ``-2``, ``-3`` …
suffix, never overwriting (``userfiles.create_numbered``), and removes the
draft only once the entry exists.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..userfiles import create_numbered, remove_file
from ..model import ERROR, Entry, Problem
from .writing import DRAFTS

#: Where discarded drafts go, relative to the log (inside ``_drafts/``: never checked or built,
#: and still read for the ``source`` values already imported).
DISCARDED = f"{DRAFTS}/discarded"


@dataclass(frozen=True, slots=True)
class DraftFile:
    """A draft: its path in the log (``_drafts/x.md``), the entry it makes (None when it
    cannot be read as one), and its ``check`` problems."""

    path: str
    entry: Entry | None
    problems: tuple[Problem, ...] = ()
    data: dict | None = None  # the front matter as read, for showing a draft that fails

    def shown(self, names: dict[str, str]) -> tuple[str, str, str] | None:
        """(date, kind, people) to list: from the entry, else as written in the front matter."""
        if self.entry is not None:
            e = self.entry
            return e.date.isoformat(), e.kind, ", ".join(names.get(s, s) for s in e.with_) or "-"
        if not isinstance(self.data, dict):
            return None
        people = self.data.get("with")
        people = people if isinstance(people, list) else [people] if people is not None else []
        return (str(self.data.get("date", "?")), str(self.data.get("kind", "?")),
                ", ".join(str(p) for p in people) or "-")

    @property
    def passes(self) -> bool:
        return self.entry is not None and not any(p.severity == ERROR for p in self.problems)


@dataclass(slots=True)
class Survey:
    drafts: list[DraftFile] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # slug -> display name (stubs included)


def draft_paths(docs_dir: str) -> list[str]:
    """``_drafts/*.md`` in the log, sorted (paths relative to the log, ``/`` separated)."""
    from ..load import markdown_in

    return markdown_in(docs_dir, DRAFTS)


def survey(docs_dir: str, options, paths: list[str] | None = None) -> Survey:
    """Every draft (or those of ``paths``), each checked against the log's people and kinds."""
    from ..load import build_log, read_files, read_person_files

    paths = draft_paths(docs_dir) if paths is None else paths
    files, read_problems = read_files(docs_dir, paths)
    log, problems = build_log(read_person_files(docs_dir) + files, options)
    by_path: dict[str, list[Problem]] = {p: [] for p in paths}
    for p in read_problems + problems:
        if p.path in by_path:
            by_path[p.path].append(p)
    entries = {e.path: e for e in log.entries}
    data = {f.path: f.fm.data for f in files}
    out = Survey(names={slug: p.name for slug, p in log.people.items()})
    for path in paths:
        found = sorted(by_path[path], key=Problem.sort_key)
        out.drafts.append(DraftFile(path, entries.get(path), tuple(found), data.get(path)))
    return out


def accept(docs_dir: str, draft: DraftFile) -> str:
    """Move a passing draft into ``<year>/``; the new path (absolute).

    The entry is created first (exclusively, with a suffix where the name
    is taken), then the draft removed, so nothing is lost if this stops half
    way. OSError when the draft cannot be read or the entry written.
    """
    if not draft.passes:
        raise ValueError(f"{draft.path} does not pass check")
    source = os.path.join(docs_dir, *draft.path.split("/"))
    with open(source, "rb") as fh:
        data = fh.read()
    stem = os.path.basename(draft.path)[:-len(".md")]
    folder = os.path.join(docs_dir, f"{draft.entry.date.year:04d}")
    path = create_numbered(folder, stem, data)  # makes the folder, and removes it again on a failure
    remove_file(source)
    return path


def discard(docs_dir: str, path: str) -> str:
    """Move the draft at ``path`` (in the log, ``_drafts/x.md``) into ``_drafts/discarded/``;
    the new path (absolute).

    Created there first (exclusively, a ``-2`` suffix where the name is taken), then the draft
    removed: nothing is lost if this stops half way, and the ``source`` it carries still counts
    as imported (``writing.known_sources`` reads ``_drafts/`` and its folders). OSError when
    the draft cannot be read or the copy written.
    """
    source = os.path.join(docs_dir, *path.split("/"))
    with open(source, "rb") as fh:
        data = fh.read()
    stem = os.path.basename(path)[:-len(".md")]
    target = create_numbered(os.path.join(docs_dir, *DISCARDED.split("/")), stem, data)
    os.unlink(source)
    return target
