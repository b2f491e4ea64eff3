"""Where YAML's reading of front matter differs from the text a person typed.

YAML (1.1, as PyYAML reads it) turns some plain, unquoted text into other
things: ``0612345670`` is the octal number 103402424, ``+33612345670`` loses its
``+``, ``1_000`` is 1000, ``1:20`` is 80, ``yes`` is true, ``2026-01-02`` is a
date, ``Null`` is nothing, and ``tags: #mentor`` is an empty key followed by a
comment. netlog never lets that change what a person meant without saying so
(issue 9, kind 1): :func:`scan` records, while the front matter is parsed, the
text as typed of every plain scalar that YAML did not read as text (on demand:
:func:`scan`), and :func:`comments` warns about every value left empty by a ``#``
comment. ``load.py`` then keeps the
typed text where text is expected (``links`` values) or names the quoted form to
write in its error (text fields, list items).

Everything here works on PyYAML nodes and never raises on user input.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .model import WARNING, Problem

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"

#: A position below a top-level key: None (the value itself), an int (a list item),
#: or a str (the value of that key in a mapping).
Sub = None | int | str


@dataclass(frozen=True, slots=True)
class Typed:
    """A plain scalar YAML did not read as text: what was typed and on which line."""

    text: str
    line: int


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escaping is valid YAML)."""
    import json  # only for messages: `netlog check` imports no json (start-up, issue 27)

    return json.dumps(text, ensure_ascii=False)


def write_as(key: str, text: str, sub: Sub = None) -> str:
    """The line to write instead: ``key: "text"``, ``- "text"`` or ``label: "text"``."""
    if isinstance(sub, int):
        return f'- {quoted(text)}'
    if isinstance(sub, str):
        return f"{sub}: {quoted(text)}"
    return f"{key}: {quoted(text)}"


def differs(value: object, text: str) -> bool:
    """True when showing YAML's reading ``value`` would not show the ``text`` typed."""
    if isinstance(value, bool) or value is None:
        return True
    return str(value) != text


def scan(top, source: str, line_of) -> dict[tuple, Typed]:
    """The typed text of every non-text plain scalar one level below each top-level key,
    keyed by ``(key, sub)``.

    ``top`` is the document's mapping node, ``source`` the front matter text and
    ``line_of`` the mark-to-file-line function of ``frontmatter.py``.
    """
    typed: dict[tuple, Typed] = {}
    for key, sub, node in _plain_non_text(top):
        if not (node.tag == _NULL and node.value == ""):
            typed[(key, sub)] = Typed(node.value, line_of(node.start_mark))
    return typed


def comments(path: str, top, source: str, line_of) -> list[Problem]:
    """A warning for every value (one level below each top-level key) a ``#`` comment left empty
    (``yaml-comment``, docs/format.md §2)."""
    problems: list[Problem] = []
    lines = source.split("\n")
    for key, sub, node in _plain_non_text(top):
        if node.tag == _NULL and node.value == "":
            comment = _comment_after(lines, node.start_mark)
            if comment is not None:
                problems.append(Problem(path, line_of(node.start_mark), WARNING, comment_emptied(key, sub, comment),
                                        "yaml-comment"))
    return problems


def _plain_non_text(top):
    """(key, sub, node) for each plain scalar below a top-level key that YAML did not read as text."""
    scalar = yaml.ScalarNode
    for key_node, value_node in top.value:
        if type(key_node) is not scalar:
            continue
        for sub, node in _children(value_node):
            if type(node) is scalar and node.tag != _STR and not node.style:
                yield key_node.value, sub, node


def _children(node):
    """(sub, node) for the value itself, its list items and its mapping values."""
    yield None, node
    if isinstance(node, yaml.SequenceNode):
        for n, item in enumerate(node.value):
            yield n, item
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                yield k.value, v


def _comment_after(lines: list[str], mark) -> str | None:
    """The comment that starts where an empty value should be (``#mentor``), else None."""
    if mark.line >= len(lines):
        return None
    rest = lines[mark.line][mark.column:].strip()
    return rest if rest.startswith("#") else None


def comment_emptied(key: str, sub: Sub, comment: str) -> str:
    """The warning for ``key: #text``: YAML reads everything from `` #`` on as a comment."""
    where = f"{key!r}" if sub is None else (f"{key!r} item {sub + 1}" if isinstance(sub, int)
                                            else f"{key!r}: {sub!r}")
    return (f"{where} is empty: YAML reads {comment!r} as a comment, not as the value; "
            f"to keep the text write {write_as(key, comment, sub)}")


def reading_hint(key: str, value: object, found: Typed | None, sub: Sub = None) -> str:
    """`` (write key: "0123")`` for an error about a value that should be text, plus what YAML
    made of it when that is not what was typed; a plain hint when the typed text is unknown."""
    if found is None:
        return " (put it in quotes)"
    if value is None and found.text in ("~", "null"):
        return ""  # the usual ways to write "nothing": meant, not a misreading
    shown = "" if not differs(value, found.text) else f"; YAML read {found.text} that way"
    return f"{shown} (write {write_as(key, found.text, sub)})"
