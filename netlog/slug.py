"""Slugs and slug forms (docs/format.md §3).

A slug is lower-case letters and digits in runs joined by single ``-``.
The slug form of any string is what :func:`slugify` makes of it; refs,
names and aka are compared by their slug forms.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_RUN = re.compile(r"[^\W_]+")


@functools.lru_cache(maxsize=65536)  # refs and names repeat across thousands of entries
def slugify(text: str) -> str:
    """Return the slug form of ``text``: accents dropped, lower case, runs joined by ``-``.

    >>> slugify("José Núñez"), slugify("Anne-Marie O'Neil"), slugify("王伟")
    ('jose-nunez', 'anne-marie-o-neil', '王伟')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "-".join(_RUN.findall(stripped.lower()))


def is_slug(text: str) -> bool:
    """True when ``text`` is already a slug (its own slug form, and not empty)."""
    return bool(text) and slugify(text) == text
