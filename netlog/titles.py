"""Entry titles (docs/format.md §2): the one home of the title rules.

An entry's title is its ``title:`` key, else the first level-1 ``# `` heading
of its notes, else the default ``<Kind> with <names>``. Used by ``load.py``
(the title) and ``pages/entries.py`` (an entry page prints the title itself,
so it drops that very heading line from the notes shown below).

Which line is the title heading:

- a line that starts, in column 1, with one ``#`` followed by a space or a tab
  (``##`` and deeper headings never count, nor does ``#tag``);
- its text is trimmed, and a closing run of ``#`` (after a space or tab) is dropped;
- lines inside a fenced code block (opened by three or more backticks or
  tildes, closed by a line of at least as many of the same character) never count;
- only the first 200 lines of the notes are searched, and the first heading wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Lines of the notes searched for a title heading.
MAX_LINES = 200

_HEADING = re.compile(r"#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")


@dataclass(frozen=True, slots=True)
class TitleHeading:
    """The title heading of some notes: its text and its 0-based line index in the notes."""

    text: str
    index: int


def find_title_heading(body: str) -> TitleHeading | None:
    """The first ``# Title`` line of ``body`` outside code fences, or None.

    ``body`` is the notes after the front matter, ``\\n`` line ends.
    """
    if not body.startswith("#") and "\n#" not in body:
        return None  # no line starts with `#`
    fence: str | None = None
    for n, line in enumerate(body.split("\n", MAX_LINES)[:MAX_LINES]):
        m = _FENCE.match(line)
        if m:
            run = m.group(1)
            if fence is None:
                fence = run
            elif run[0] == fence[0] and len(run) >= len(fence) and not line[m.end():].strip():
                fence = None
            continue
        if fence is not None or not line.startswith("#") or line.startswith("##"):
            continue
        heading = _HEADING.fullmatch(line)
        if heading:
            text = heading.group(1).strip()
            if text:
                return TitleHeading(text, n)
    return None


def title_from_body(body: str) -> str | None:
    """The text of the notes' title heading (see :func:`find_title_heading`), or None."""
    found = find_title_heading(body)
    return found.text if found else None


def body_without_title(body: str, title: str) -> str:
    """``body`` without its title heading line, when that heading's text is ``title``; else ``body``."""
    found = find_title_heading(body)
    if found is None or found.text != title:
        return body
    lines = body.split("\n")
    del lines[found.index]
    return "\n".join(lines)


def join_names(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def kind_label(kind: str) -> str:
    """A kind's name with a capital first letter: ``coffee`` -> ``Coffee``."""
    return kind[:1].upper() + kind[1:]


def default_title(kind: str, names: list[str]) -> str:
    """``<Kind> with <names>`` (or just ``<Kind>`` when no one is named)."""
    label = kind_label(kind)
    return f"{label} with {join_names(names)}" if names else label
