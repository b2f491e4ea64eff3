"""Building blocks for the generated pages: escaping, URLs, links, tables.

Pages are Markdown whose headings are Markdown (for the table of contents)
and whose tables, lists and facts are raw HTML blocks: Python-Markdown
passes those through untouched, which keeps a 10,000-entry build fast.
The few Markdown contexts (headings) use :func:`esc`. Front matter never
injects HTML or Markdown.

HTML built here is markupsafe's :class:`~markupsafe.Markup`: "already
escaped" is a type. :func:`h` turns text into Markup; :func:`table`,
:func:`ul`, :func:`p` and :func:`facts <netlog.pages.parts.facts>` escape
every cell or item that is not Markup, so plain text can be handed to them
as it is, and HTML must be made as Markup (``h``, ``Site.a``, or
``Markup(...)`` around a template whose values are Markup or numbers).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re

from markupsafe import Markup

from ..paths import url_path

# Python-Markdown's own backslash escapes; everything else that extensions may read
# (emoji colons, tilde, caret, mark, math) becomes a character reference.
_MD_SPECIAL = set("\\`*_{}[]()#+-.!")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", '"': "&quot;", "$": "&#36;",
             ":": "&#58;", "~": "&#126;", "^": "&#94;", "=": "&#61;", "@": "&#64;"}


# HTML blocks are marked with these two control characters (stripped from every value),
# so the plugin can keep them out of Python-Markdown's way (see Site.for_mkdocs).
BLOCK_START, BLOCK_END = "\x02", "\x03"


def block(html: str) -> Markup:
    """Mark a raw HTML block (nested marks are dropped: the outermost block wins). ``html`` is
    taken as HTML as it is: Markup, or a note's own HTML (hostile.py)."""
    return _markup(BLOCK_START + unmark(html) + BLOCK_END)


def block_line(html: str) -> Markup:
    """:func:`block` followed by a newline: a block on lines of its own in a page."""
    return _markup(BLOCK_START + unmark(html) + BLOCK_END + "\n")


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


#: Markup of a string that is HTML already (escaped just now, or a block's raw HTML), without
#: Markup.__new__'s checks: they cost more than the escaping on the ~10^5 values of a big site
_markup = functools.partial(str.__new__, Markup)
_escape_text = html.escape


def markup(html: str) -> Markup:
    """``html`` (made here from Markup values, numbers and fixed text) as Markup."""
    return _markup(html)


def h(text: object) -> Markup:
    """``text`` as HTML (element content or a quoted attribute): escaped, newlines folded.
    Markup is HTML already and is returned as it is."""
    if type(text) is Markup:
        return text
    s = text if type(text) is str else str(text)
    if "\x02" in s or "\x03" in s or "\x00" in s:
        s = unmark(s).replace("\x00", "")
    if "\n" in s or "\r" in s:
        s = " ".join(s.split())
    return _markup(html.escape(s, quote=True))


def escape(value: object) -> Markup:
    """``value`` as HTML: Markup as it is, anything else escaped (as markupsafe.escape, with the
    same entities as :func:`h`)."""
    return value if type(value) is Markup else _markup(html.escape(str(value), quote=True))


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


@functools.lru_cache(maxsize=4096)
def _rel_dir(to_dir: str, from_dir: str) -> str:
    return posixpath.relpath(to_dir or ".", from_dir or ".")


def href(from_uri: str, to_uri: str, directory_urls: bool) -> str:
    """The relative URL from the page ``from_uri`` to ``to_uri`` (both source paths)."""
    if not directory_urls:
        # the common case, and a hot one (a 10,000-entry site makes ~10^5 links): only the
        # folders need a relative path, and there are few of them
        folder, name = posixpath.split(dest_uri(to_uri, False))
        up = _rel_dir(folder, posixpath.dirname(from_uri))
        return url_path(name if up == "." else f"{up}/{name}")  # `#`, `?`, `%` encoded (paths.py)
    src = dest_uri(from_uri, directory_urls)
    dst = dest_uri(to_uri, directory_urls)
    base = src.rstrip("/") if (directory_urls and from_uri.endswith(".md")) else posixpath.dirname(src)
    rel = posixpath.relpath(dst.rstrip("/") or ".", base or ".")
    if directory_urls and to_uri.endswith(".md"):
        rel = "./" if rel == "." else rel + "/"
    return url_path(rel)


def table(headers: list[str], rows: list[list[str]], cls: str = "",
          row_ids: list[str | None] | None = None, row_data: list[dict[str, str]] | None = None,
          sorts: str = "") -> Markup:
    """A raw HTML table in a ``<div class="nl-table">``; headers and cells that are not Markup
    are escaped.

    Each cell carries its column's header as ``data-label``: on a phone the
    stylesheet turns rows into stacked cards labelled that way. ``cls`` adds
    classes to the wrapper (``nl-fixed nl-cols-4``: the same column widths in
    every table of that shape); ``row_ids`` gives rows an ``id`` (None: none). No
    class on the table itself: Material styles ``table:not([class])``.

    ``sorts`` makes a list people can filter and sort (netlog's own script,
    assets/netlog/netlog.js; without it the table is shown as it is): the sort
    orders offered, ``key:Label:asc|desc`` separated by ``|``, each read from
    the rows' ``data-<key>`` values in ``row_data`` (dicts of key -> text).
    """
    headers = [h(x) for x in headers]
    labels = [escape(_TAG.sub("", x.unescape() if "&" in x else x)) for x in headers]
    wrap = f' data-nl-sorts="{h(sorts)}"' if sorts else ""
    out = [f'<div class="nl-table{" nl-list" if sorts else ""}{" " + cls if cls else ""}"{wrap}><table>',
           "<thead><tr>" + "\n".join(f"<th>{x}</th>" for x in headers) + "</tr></thead>", "<tbody>"]
    ids = row_ids or [None] * len(rows)
    data = row_data or [{}] * len(rows)
    out += [("<tr" + (f' id="{escape(rid)}"' if rid else "") + "".join(f' data-{k}="{h(v)}"' for k, v in d.items()) + ">")
            + "\n".join(f'<td data-label="{label}">'
                        f'{cell if type(cell) is Markup else _escape_text(str(cell), True)}</td>'  # escape(), inline
                        for label, cell in zip(labels, row))
            + "</tr>" for row, rid, d in zip(rows, ids, data)]
    out.append("</tbody></table></div>")
    return block_line("\n".join(out))


_TAG = re.compile(r"<[^>]*>")


def command(text: str) -> Markup:
    """A shell command to copy, as ``<pre class="nl-cmd"><code>`` HTML: each word in a span the
    stylesheet keeps whole, so a narrow screen wraps it between words, never inside a slug
    (``thomas-`` / ``brennan``). The copy button copies the text, spans or not."""
    words = " ".join(f'<span class="nl-word">{h(w)}</span>' for w in text.split(" "))
    return _markup(f'<pre class="nl-cmd"><code>{words}</code></pre>')


def ul(items: list[str], cls: str = "") -> Markup:
    """A list; items that are not Markup are escaped."""
    attr = f' class="{cls}"' if cls else ""
    return block_line(f"<ul{attr}>\n" + "\n".join(f"<li>{escape(i)}</li>" for i in items) + "\n</ul>")


def p(content: str, cls: str = "") -> Markup:
    """A paragraph; ``content`` that is not Markup is escaped."""
    attr = f' class="{cls}"' if cls else ""
    return block_line(f"<p{attr}>{escape(content)}</p>")


def empty(text: str) -> Markup:
    return p(Markup("<em>%s</em>") % h(text), "nl-empty")


_NO_DAY = Markup("—")


def day(d: dt.date | None) -> Markup:
    """``2026-11-25`` or ``—``: Markup, as an ISO date has nothing to escape."""
    return _markup(d.isoformat()) if d else _NO_DAY


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 person``, ``2 people``, ``1,234 entries`` (thousands separators)."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
