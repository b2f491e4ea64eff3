"""Notes that would make Python-Markdown take minutes: found by ``check``, defused for the site.

Python-Markdown (what MkDocs renders notes with) takes far more than linear time
on some inputs (issue 9, kind 6; measured with benchmarks/bench_hostile.py):

- many ``[`` in one paragraph: 8,000 take about 20 s, 70,000 over five minutes
  (its link patterns rescan the paragraph from each bracket);
- many ``<`` that open no complete tag (``<a <a <a``): the raw-HTML patterns
  rescan the rest of the page from each one;
- list or quote markers nested on one line (``1. 1. 1. …``, ``> > > …``): one
  level of recursion each, so a few hundred crash it;
- very long notes in general: cost per paragraph, table row and list item that
  adds up to tens of seconds for a 2 MiB file of tiny paragraphs or table rows.

netlog's defence, applied to every entry's and person's notes before they reach
Markdown (:func:`defuse`), and reported by ``check`` (:func:`problems`):

1. notes longer than :data:`MAX_MARKDOWN_CHARS` are shown as plain text (a warning);
2. a paragraph with more than :data:`MAX_BRACKETS` ``[`` is shown as plain text, so
   it has no links or other markup (a warning);
3. so is a paragraph with a line that starts with more than :data:`MAX_NESTING` nested
   list or quote markers (a warning);
4. notes with more than :data:`MAX_STRAY_LT` ``<`` that start no complete tag on their
   line show those as text, ``&lt;`` (a warning; inside code spans they then show as
   ``&lt;``).
"""

from __future__ import annotations

import re

from .model import WARNING, Problem

#: Notes longer than this (characters) are shown as plain text.
MAX_MARKDOWN_CHARS = 32 * 1024
#: A paragraph with more ``[`` than this shows them as text.
MAX_BRACKETS = 100
#: A line starting with more nested list/quote markers than this shows them as text.
MAX_NESTING = 8
#: Notes with more ``<`` that start no complete tag than this show them as text.
MAX_STRAY_LT = 100

# patterns compiled when first used (re caches them): every note is asked _MARKERS_ANY_LINE, only
# the few it or _worth_a_look flag the others (start-up, issue 27)
_TAG = r"<(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|/[A-Za-z][A-Za-z0-9-]*\s*|!--.*?--|![A-Za-z][^<>]*|\?[^<>]*\?)>"
_MARKERS = r"[ \t]*(?:>[ \t]*|(?:[-*+]|[0-9]{1,9}[.)])[ \t]+){%d,}" % (MAX_NESTING + 1)
_MARKERS_ANY_LINE = re.compile("^" + _MARKERS, re.M)


def _escape(text: str) -> str:
    """``html.escape(text, quote=False)``; the html module is imported only for the site, not by
    ``netlog check`` (start-up, issue 27)."""
    import html

    return html.escape(text, quote=False)


def plain_text_block(body: str) -> str:
    """``body`` as an HTML block of escaped text with its line breaks kept."""
    return ('<div class="nl-plain-notes" style="white-space: pre-wrap; overflow-wrap: anywhere">'
            + _escape(body) + "</div>")


def _paragraphs(lines: list[str]):
    """(first line index, last line index + 1) of each run of non-blank lines."""
    start = None
    for n, line in enumerate(lines):
        if line.strip():
            if start is None:
                start = n
        elif start is not None:
            yield start, n
            start = None
    if start is not None:
        yield start, len(lines)


def findings(body: str) -> list[tuple[int, str]]:
    """(0-based line in ``body``, what netlog does about it) for each hostile part of ``body``."""
    if len(body) > MAX_MARKDOWN_CHARS:
        return [(0, f"the notes are {len(body):,} characters long; netlog shows notes longer than "
                    f"{MAX_MARKDOWN_CHARS:,} characters as plain text (Markdown would take too long)")]
    if not _worth_a_look(body):
        return []
    out: list[tuple[int, str]] = []
    lines = body.split("\n")
    stray = _stray_lt(body)
    if stray > MAX_STRAY_LT:
        first = next(n for n, line in enumerate(lines) if "<" in line)
        out.append((first, f"{stray:,} '<' that start no HTML tag (more than {MAX_STRAY_LT}); netlog shows them "
                           "as text (Markdown would take minutes)"))
    for first, end in _paragraphs(lines):
        count = sum(lines[n].count("[") for n in range(first, end))
        if count > MAX_BRACKETS:
            out.append((first, f"a paragraph with {count:,} '[' (more than {MAX_BRACKETS}); netlog shows the "
                               "paragraph as plain text, without links (Markdown would take minutes)"))
    markers = re.compile(_MARKERS)
    for n, line in enumerate(lines):
        if markers.match(line):
            out.append((n, f"a line that starts with more than {MAX_NESTING} nested list or quote markers; "
                           "netlog shows its paragraph as plain text (Markdown would crash)"))
    out.sort()
    return out


def _worth_a_look(body: str) -> bool:
    """False for notes too small in markup to hold anything hostile (nearly all): fast."""
    return (body.count("[") > MAX_BRACKETS or body.count("<") > MAX_STRAY_LT
            or _MARKERS_ANY_LINE.search(body) is not None)


def _stray_lt(body: str) -> int:
    """How many ``<`` in ``body`` start no complete tag on their line."""
    if "<" not in body:
        return 0
    tags = re.compile(_TAG)
    return body.count("<") - sum(1 for line in body.split("\n") if "<" in line for _ in tags.finditer(line))


def defuse(body: str) -> tuple[str, bool]:
    """``body`` made safe for Python-Markdown, and whether it became a raw HTML block
    (the caller marks it so Markdown never reads it). A hostile paragraph becomes a raw
    HTML block of its own inside the notes (marked as pages/md.py marks blocks)."""
    from .pages.md import block, unmark

    body = unmark(body)
    if len(body) > MAX_MARKDOWN_CHARS:
        return plain_text_block(body), True
    if not _worth_a_look(body):
        return body, False
    if _stray_lt(body) > MAX_STRAY_LT:
        body = "\n".join(_escape_stray_lt(line) if "<" in line else line for line in body.split("\n"))
    lines = body.split("\n")
    hostile = []
    markers = re.compile(_MARKERS)
    for first, end in _paragraphs(lines):
        if (sum(lines[n].count("[") for n in range(first, end)) > MAX_BRACKETS
                or any(markers.match(lines[n]) for n in range(first, end))):
            hostile.append((first, end))
    for first, end in reversed(hostile):
        text = "\n".join(lines[first:end])
        lines[first:end] = [block('<p class="nl-plain-notes" style="white-space: pre-wrap; overflow-wrap: anywhere">'
                                  + _escape(text) + "</p>")]
    return "\n".join(lines), False


def _escape_stray_lt(line: str) -> str:
    """``line`` with each ``<`` that starts no complete tag written as ``&lt;``."""
    out, pos = [], 0
    tags = re.compile(_TAG)
    for m in re.finditer("<", line):
        start = m.start()
        if start < pos:
            continue
        tag = tags.match(line, start)
        if tag:
            out.append(line[pos:tag.end()])
            pos = tag.end()
        else:
            out.append(line[pos:start] + "&lt;")
            pos = start + 1
    out.append(line[pos:])
    return "".join(out)


def notes_markdown(body: str) -> str:
    """The notes as the Markdown of a page: defused, and raw HTML marked as a block (pages/md.py)
    when they are shown as plain text."""
    from .pages.md import block

    text, is_html = defuse(body)
    return block(text) if is_html else text


def problems(path: str, body: str, first_line: int) -> list:
    """A warning (``path:line``) for each hostile part of ``body``, which starts on file line
    ``first_line`` (``hostile-notes``, docs/format.md §8)."""
    return [Problem(path, first_line + n, WARNING, message, "hostile-notes") for n, message in findings(body)]
