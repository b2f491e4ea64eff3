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
#: Scripts whose combining marks are accents (docs/format.md §3); elsewhere marks are part of words.
_ACCENTED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


@functools.lru_cache(maxsize=4096)
def _takes_accents(base: str) -> bool:
    """True when ``base`` is a Latin, Greek or Cyrillic letter (its marks are accents)."""
    return unicodedata.name(base, "").startswith(_ACCENTED_SCRIPTS)


def _drop_accents(text: str) -> str:
    """NFKD, the combining marks after a Latin, Greek or Cyrillic letter removed, then NFC."""
    if text.isascii():  # no ASCII character decomposes or is a mark: nothing to drop
        return text
    out: list[str] = []
    accented = False  # the last base character takes accents
    for c in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(c):
            if not accented:
                out.append(c)
        else:
            accented = _takes_accents(c)
            out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


def drop_accents(text: str) -> str:
    """``text`` with the accents of Latin, Greek and Cyrillic letters dropped (``Núñez`` ->
    ``Nunez``), case and everything else kept: the folding slugs use, for search (search.py)."""
    return _drop_accents(text)


@functools.lru_cache(maxsize=65536)  # refs and names repeat across thousands of entries
def slugify(text: str) -> str:
    """Return the slug form of ``text`` (docs/format.md §3): the accents of Latin, Greek and
    Cyrillic letters dropped, composed (NFC), lower case, runs of letters, marks and digits
    joined by ``-``.

    >>> slugify("José Núñez"), slugify("Anne-Marie O'Neil"), slugify("王伟")
    ('jose-nunez', 'anne-marie-o-neil', '王伟')
    >>> slugify("राहुल शर्मा")
    'राहुल-शर्मा'
    """
    lowered = _drop_accents(text).lower()
    if lowered.isascii():
        return "-".join(_RUN.findall(lowered))
    runs: list[str] = []
    current: list[str] = []
    for c in unicodedata.normalize("NFC", lowered):
        if c != "_" and (c.isalnum() or (current and unicodedata.category(c)[0] == "M")):
            current.append(c)  # a mark belongs to the word it follows; alone it is no word
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return "-".join(runs)


@functools.lru_cache(maxsize=4096)
def old_slugify(text: str) -> str:
    """The slug form netlog made before docs/format.md §3 was amended (every combining mark
    dropped, no NFC): used only to tell people how to rename files named by that rule."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "-".join(_RUN.findall(stripped.lower()))


def is_slug(text: str) -> bool:
    """True when ``text`` is already a slug (its own slug form, and not empty)."""
    return bool(text) and slugify(text) == text


def stem_by_old_rule(stem: str, names) -> str | None:
    """The stem a person file should have when ``stem`` was made from one of ``names``
    (name, aka) by the old slug rule and the current rule makes another; else None."""
    for name in names:
        new = slugify(name)
        if new and stem != new and stem == old_slugify(name):
            return new
    return None


def slug_form(text: str) -> str:
    """:func:`slugify` of ``text`` without its cache, for long texts read once (the notes
    ``netlog find`` searches, docs/format.md §3): ASCII text takes a shorter road to the
    same result (it has no accents to drop and nothing to compose)."""
    if text.isascii():
        return "-".join(_RUN.findall(text.lower()))
    # Latin text with accents (José, Núñez): its accents are the only non-ASCII left after NFKD,
    # each after an ASCII letter (or another such accent), so dropping them is all _drop_accents does
    decomposed = unicodedata.normalize("NFKD", text)
    plain = re.sub(_LATIN_ACCENTS, "", decomposed)
    if plain.isascii() and not re.search(_LONE_ACCENT, decomposed):
        return "-".join(_RUN.findall(plain.lower()))
    return slugify.__wrapped__(text)


# compiled when first needed (re caches them): only text with accents asks (start-up, issue 27)
_LATIN_ACCENTS = "[\u0300-\u036f]+"
_LONE_ACCENT = "(?<![A-Za-z\u0300-\u036f])[\u0300-\u036f]"
