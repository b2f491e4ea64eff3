"""Markdown building blocks for the generated pages: escaping, links, tables.

Every front matter value goes through :func:`esc` (or :func:`html.escape` in
raw HTML), so names, titles and tags never inject HTML or Markdown.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from urllib.parse import quote

# Python-Markdown's own backslash escapes; everything else that extensions may read
# (emoji colons, tilde, caret, mark, math) becomes a character reference.
_MD_SPECIAL = set("\\`*_{}[]()#+-.!")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", '"': "&quot;", "$": "&#36;",
             ":": "&#58;", "~": "&#126;", "^": "&#94;", "=": "&#61;", "@": "&#64;"}


def esc(text: object) -> str:
    """``text`` as literal Markdown text: inline markup, HTML and newlines neutralised."""
    out = []
    for ch in str(text):
        if ch in _ENTITIES:
            out.append(_ENTITIES[ch])
        elif ch in _MD_SPECIAL:
            out.append("\\" + ch)
        elif ch in "\r\n\t":
            out.append(" ")
        elif ch == "\x00":
            continue
        else:
            out.append(ch)
    return "".join(out)


def attr(text: object) -> str:
    """``text`` for an HTML attribute or element in a raw HTML block."""
    return html.escape(str(text).replace("\x00", ""), quote=True)


def rel(from_uri: str, to_uri: str) -> str:
    """The relative link from page ``from_uri`` to ``to_uri`` (both src URIs), URL-quoted."""
    base = posixpath.dirname(from_uri) or "."
    return quote(posixpath.relpath(to_uri, base), safe="/#-._~")


def link(text: object, from_uri: str, to_uri: str) -> str:
    return f"[{esc(text)}]({rel(from_uri, to_uri)})"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells are Markdown already (escaped by the caller)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def day(d: dt.date | None) -> str:
    return d.isoformat() if d else "—"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
