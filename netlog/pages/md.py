"""Building blocks for the generated pages: escaping, URLs, links, tables.

Pages are Markdown whose headings are Markdown (for the table of contents)
and whose tables, lists and facts are raw HTML blocks: Python-Markdown
passes those through untouched, which keeps a 10,000-entry build fast, and
every value in them goes through :func:`h`. The few Markdown contexts
(headings) use :func:`esc`. Front matter never injects HTML or Markdown.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
from urllib.parse import quote

# Python-Markdown's own backslash escapes; everything else that extensions may read
# (emoji colons, tilde, caret, mark, math) becomes a character reference.
_MD_SPECIAL = set("\\`*_{}[]()#+-.!")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", '"': "&quot;", "$": "&#36;",
             ":": "&#58;", "~": "&#126;", "^": "&#94;", "=": "&#61;", "@": "&#64;"}


# HTML blocks are marked with these two control characters (stripped from every value),
# so the plugin can keep them out of Python-Markdown's way (see Site.for_mkdocs).
BLOCK_START, BLOCK_END = "\x02", "\x03"


def block(html: str) -> str:
    """Mark a raw HTML block (nested marks are dropped: the outermost block wins)."""
    return BLOCK_START + unmark(html) + BLOCK_END


def unmark(text: str) -> str:
    return text.replace(BLOCK_START, "").replace(BLOCK_END, "")


def esc(text: object) -> str:
    """``text`` as literal Markdown text: inline markup, HTML and newlines neutralised."""
    out = []
    for ch in unmark(str(text)):
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


def h(text: object) -> str:
    """``text`` for HTML (element content or a quoted attribute); newlines folded."""
    s = unmark(str(text)).replace("\x00", "")
    if "\n" in s or "\r" in s:
        s = " ".join(s.split())
    return html.escape(s, quote=True)


def dest_uri(src_uri: str, directory_urls: bool) -> str:
    """The URL (relative to the site root) MkDocs gives a page: ``a/b.html`` or ``a/b/``."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def href(from_uri: str, to_uri: str, directory_urls: bool) -> str:
    """The relative URL from the page ``from_uri`` to ``to_uri`` (both source paths)."""
    src = dest_uri(from_uri, directory_urls)
    base = src.rstrip("/") if (directory_urls and from_uri.endswith(".md")) else posixpath.dirname(src)
    return _href_from(base, to_uri, directory_urls)


@functools.lru_cache(maxsize=1 << 16)
def _href_from(base: str, to_uri: str, directory_urls: bool) -> str:
    # pages in one folder share their links: relpath was most of a 10,000-entry build_pages
    dst = dest_uri(to_uri, directory_urls)
    rel = posixpath.relpath(dst.rstrip("/") or ".", base or ".")
    if directory_urls and to_uri.endswith(".md"):
        rel = "./" if rel == "." else rel + "/"
    return quote(rel, safe="/#-._~")


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A raw HTML table; cells are HTML already (escaped by the caller).

    No class attribute: Material styles ``table:not([class])``.
    """
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{x}</th>" for x in headers) + "</tr></thead>",
           "<tbody>"]
    out += ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows]
    out.append("</tbody></table>")
    return block("\n".join(out)) + "\n"


def ul(items: list[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return block(f"<ul{attr}>\n" + "\n".join(f"<li>{i}</li>" for i in items) + "\n</ul>") + "\n"


def p(content: str, cls: str = "") -> str:
    """A paragraph of HTML (already escaped)."""
    attr = f' class="{cls}"' if cls else ""
    return block(f"<p{attr}>{content}</p>") + "\n"


def empty(text: str) -> str:
    return p(f"<em>{h(text)}</em>", "nl-empty")


def day(d: dt.date | None) -> str:
    return d.isoformat() if d else "—"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
