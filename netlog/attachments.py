"""Files the notes refer to (images, PDFs ...), and which of them only private notes use.

``netlog build --share`` leaves out private entries and people; an attachment
that only they link to or show would otherwise still be copied into the site
(issue 9, kind 3d). References are found in Markdown links and images
(inline ``[x](a.png)`` and ``![x](a.png)``, reference definitions ``[x]: a.png``)
in HTML ``src``/``href``/``data``/``poster``/``srcset`` attributes and CSS ``url()``
(character references such as ``&amp;`` decoded), resolved against the note's folder
(``/`` against the log's root), with ``?query``, ``#fragment`` and
percent-encoding removed. Outside URLs are no attachments.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote

_INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)")
_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M)
_ATTRIBUTE = re.compile(r"""\b(?:src|href|data|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^"'\s>]+))""", re.I)
_SRCSET = re.compile(r"""\bsrcset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^"'\s>]+))""", re.I)
#: CSS ``url(…)`` in a style attribute or a <style> block, quoted or not
_CSS_URL = re.compile(r"""\burl\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.I)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _targets(body: str):
    """Every link target written in ``body``, as written: Markdown links and definitions, HTML
    attributes (each candidate of a ``srcset``), CSS ``url()``."""
    for pattern in (_INLINE, _DEFINITION):
        for m in pattern.finditer(body):
            yield m.group(1)
    for m in _ATTRIBUTE.finditer(body):
        yield next(g for g in m.groups() if g is not None)
    for m in _SRCSET.finditer(body):
        for candidate in next(g for g in m.groups() if g is not None).split(","):
            yield candidate.strip().split(" ", 1)[0]
    for m in _CSS_URL.finditer(body):
        yield next(g for g in m.groups() if g is not None)


def references(body: str, page: str) -> set[str]:
    """The log paths (``/``-separated, relative to the log) that ``body`` of file ``page`` refers to.

    Each target is taken both as written and with HTML character references
    decoded (``a&amp;b.png``, ``it&#39;s.png``: what a browser asks for), so a
    file is found however its name is escaped.
    """
    found: set[str] = set()
    folder = posixpath.dirname(page)
    decoded = html.unescape(body)  # a style="background: url(&quot;a.png&quot;)" as the browser reads it
    written_targets = set(_targets(body)) | (set(_targets(decoded)) if decoded != body else set())
    for written in written_targets:
        for target in {written.strip(), html.unescape(written).strip()}:
            target = target.replace("\\", "/")
            if target.startswith("//") or _SCHEME.match(target):
                continue
            target = unquote(target.split("#", 1)[0].split("?", 1)[0])
            if not target:
                continue
            joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            path = posixpath.normpath(joined)
            if not path.startswith("../") and path != "..":
                found.add(path)
    return found


def private_only(log) -> set[str]:
    """Attachments that private entries or people refer to and nothing public does."""
    private: set[str] = set()
    public: set[str] = set()
    for e in log.entries:
        (private if e.private else public).update(references(e.body, e.path))
    for p in log.people.values():
        if p.path is not None:
            (private if p.private else public).update(references(p.body, p.path))
    return private - public
