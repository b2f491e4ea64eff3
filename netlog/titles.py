"""The title heading rule: which line of an entry's notes is its title (SPEC section 2).

One home for the rule, used by ``load.py`` (the title) and ``pages/entries.py``
(the page drops that very line, since it prints the title itself):

- the heading is a line that starts, in column 1, with one ``#`` followed by a
  space or a tab (``##`` and deeper headings never count, nor does ``#tag``);
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
    """The title a heading gives, or None."""
    found = find_title_heading(body)
    return found.text if found else None


def body_without_title(body: str, title: str) -> str:
    """``body`` without its title heading line, when that heading's text is ``title``."""
    found = find_title_heading(body)
    if found is None or found.text != title:
        return body
    lines = body.split("\n")
    del lines[found.index]
    return "\n".join(lines)
