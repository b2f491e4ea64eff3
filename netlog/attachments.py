"""Files the notes refer to (images, PDFs ...), and which of them only private notes use.

``netlog build --share`` leaves out private entries and people; an attachment
that only they link to or show would otherwise still be copied into the site
(issue 9, kind 3d). References are found in Markdown links and images
(inline ``[x](a.png)`` and ``![x](a.png)``, reference definitions ``[x]: a.png``)
and in HTML ``src``/``href`` attributes, resolved against the note's folder
(``/`` against the log's root), with ``?query``, ``#fragment`` and
percent-encoding removed. Outside URLs are no attachments.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

_INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)")
_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M)
_ATTRIBUTE = re.compile(r"""\b(?:src|href|data|poster|srcset)\s*=\s*["']?([^"'\s>]+)""", re.I)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def references(body: str, page: str) -> set[str]:
    """The log paths (``/``-separated, relative to the log) that ``body`` of file ``page`` refers to."""
    found: set[str] = set()
    folder = posixpath.dirname(page)
    for pattern in (_INLINE, _DEFINITION, _ATTRIBUTE):
        for m in pattern.finditer(body):
            target = m.group(1).replace("\\", "/")
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
