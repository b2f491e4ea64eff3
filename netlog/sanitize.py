"""Showing only what the log means to show: in the site, in the terminal, in imported notes.

- :func:`loads_from_outside`: whether a URL written in mkdocs.yml (``theme.logo``,
  ``theme.favicon``, ``extra_css``, ``extra_javascript``, ``extra.polyfills``) makes a
  page load something from outside the site, in every form a browser accepts
  (``HTTPS://``, ``//host``, ``/\\host``, ``https:host``, tabs or newlines inside
  the scheme, ``data:``/``javascript:`` and any other scheme).
- :func:`for_terminal`: text with control characters (escape sequences, C1 controls,
  bidirectional overrides) written visibly as ``\\x1b``, ``\\u202e`` ..., so that a
  name in the log cannot move the cursor, retitle the terminal or reorder a line.
- :func:`literal_note`: imported text (a vCard ``NOTE``, a message's body, a calendar's
  ``LOCATION`` or attendee names) as Markdown that shows it as written and can make no
  HTML, link, image or attribute (``attr_list``'s ``{: onclick=...}``).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

# The patterns here are compiled when first used (re caches them): `netlog due` needs one of them at
# most (start-up, issue 27).
_SCHEME = r"^[A-Za-z][A-Za-z0-9+.\-]*:"
# a browser removes these from anywhere in a URL before it reads it (WHATWG URL standard)
_URL_IGNORED = r"[\t\n\r]"


def loads_from_outside(url: object) -> bool:
    """True when a page would fetch ``url`` from somewhere other than its own site.

    Relative paths inside the site (``assets/x.css``) stay in it; anything with a scheme,
    anything a browser reads as starting with ``/`` (the root of the host, or of the disk when
    the site is opened from a folder) and anything that climbs above the site (``../x``) does not.
    """
    text = re.sub(_URL_IGNORED, "", str(url)).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                 "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                                 "\x1d\x1e\x1f ")
    text = text.replace("\\", "/")
    if text.startswith("/") or re.match(_SCHEME, text):
        return True  # another host, or (from file://) the disk's root: outside the site
    return posixpath.normpath(text).startswith("../")


_SAFE_CONTROLS = frozenset("\n")
#: Control (Cc), format (Cf) and line/paragraph separator characters of Unicode 14, the joiners
#: U+200C/U+200D and the newline aside: a fast test before the exact per-character one.
_UNSAFE = ("[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u0600-\u0605\u061c\u06dd"
                     "\u070f\u0890-\u0891\u08e2\u180e\u200b\u200e-\u200f\u2028-\u202e\u2060-\u2064"
                     "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
                     "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")


def _unsafe(c: str) -> bool:
    cat = unicodedata.category(c)
    return (cat == "Cc" and c not in _SAFE_CONTROLS) or cat in ("Cf", "Zl", "Zp") and c not in "\u200c\u200d"


def for_terminal(text: object, *, keep_newlines: bool = False) -> str:
    """``text`` with control and format characters written as escapes (``\\x1b``, ``\\u202e``).

    Zero-width joiners (needed by several scripts and emoji) are kept; newlines only with
    ``keep_newlines``.
    """
    s = str(text)
    if s.isprintable() and "\u200c" not in s and "\u200d" not in s:
        return s  # the common case, fast: no control or format character at all
    out = []
    for c in s:
        if c == "\n" and keep_newlines:
            out.append(c)
        elif _unsafe(c) or c == "\n":
            code = ord(c)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(c)
    return "".join(out)


def json_for_terminal(text: str) -> str:
    """JSON text (``ensure_ascii=False``) with control and format characters as ``\\uXXXX``
    escapes: the same data, safe to print (JSON escapes only C0 controls by itself)."""
    if text.replace("\n", "").isprintable():
        return text  # the common case, fast: every character of _UNSAFE is unprintable (a test checks it)
    unsafe = re.compile(_UNSAFE)
    if unsafe.search(text) is None:
        return text

    def escape(m):
        code = ord(m.group(0))
        if code <= 0xFFFF:
            return f"\\u{code:04x}"
        code -= 0x10000  # a surrogate pair, as JSON writes characters beyond the BMP
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"

    return unsafe.sub(escape, text)


# what Python-Markdown would read as markup, and nothing else, so the file stays readable
# ("Q&A", "3 < 5", "a -> b" as written): an ``&`` that starts a character reference, a
# ``<`` that could open a tag, comment or autolink (any non-space after it but ``>``, and
# not a plain ``<name@host>``, which Python-Markdown makes a mailto link and nothing else),
# a ``>`` that starts a line (a quote), and every backslash, bracket and brace (escapes,
# links and images, attr_list's attributes)
_REFERENCE_AMP = r"&(?=#?[A-Za-z0-9]+;)"
_TAG_LT = r"<(?![A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+>)(?=[^\s>])"  # <a@b.c> stays: a mailto link
_QUOTE_GT = r"(?m)^([ \t]*)>"
_ESCAPED = str.maketrans({"[": "\\[", "]": "\\]", "{": "\\{", "}": "\\}"})


def literal_note(text: str) -> str:
    """Imported free text as Markdown that shows it as written and can make no HTML, link,
    image or attribute (docs/format.md §12): a string of the same lines, with ``&`` before a
    character reference and ``<`` before a non-space (but ``<>`` and a plain ``<name@host>``) as
    references, a line's first ``>``,
    backslashes, brackets and braces escaped with a backslash; other characters kept."""
    if not text:
        return text
    text = re.sub(_REFERENCE_AMP, "&amp;", text.replace("\\", "\\\\"))
    text = re.sub(_QUOTE_GT, r"\1\\>", re.sub(_TAG_LT, "&lt;", text))
    return text.translate(_ESCAPED)
