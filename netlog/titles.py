"""Entry titles (docs/format.md §2): the one home of the title rules.

An entry's title is its ``title:`` key, else the first level-1 ``# `` heading
of its notes (outside fenced code, within the first 200 lines), else the
default ``<Kind> with <names>``. An entry page prints the title itself, so
the heading that gave it is taken out of the notes shown below.
"""

from __future__ import annotations

import re

#: Only this many lines of the notes are searched for the title heading.
HEADING_LINES = 200
_HEADING = re.compile(r"#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")


def title_heading(body: str) -> tuple[int, str] | None:
    """(line index, text) of the first ``# `` heading of ``body`` outside fenced code, or None."""
    fence = None
    for n, line in enumerate(body.split("\n", HEADING_LINES)[:HEADING_LINES]):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            fence = None if fence == marker else (fence or marker)
            continue
        if fence is None and line.startswith("#") and not line.startswith("##"):
            m = _HEADING.fullmatch(line)
            if m:
                return n, m.group(1).strip()
    return None


def title_from_body(body: str) -> str | None:
    """The text of the notes' title heading (see :func:`title_heading`), or None."""
    found = title_heading(body)
    return found[1] if found else None


def body_without_title(body: str, title: str) -> str:
    """``body`` without its title heading when that heading reads ``title``; else ``body``."""
    found = title_heading(body)
    if found is None or found[1] != title:
        return body
    lines = body.split("\n")
    return "\n".join(lines[:found[0]] + lines[found[0] + 1:])


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
