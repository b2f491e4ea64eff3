"""What a path of the log must be to be published, and how it is written in a URL.

One home for the rules of issue 9, kind 2 (every path netlog reads, links or
writes): ``check`` reports what cannot be published, and everything it accepts
builds, links and round-trips.

- Names must be UTF-8: a name with other bytes cannot be linked, written into
  the search index or printed as JSON.
- A page name (an entry file's stem, a person's slug, a stub's slug) is at
  most :data:`MAX_PAGE_NAME_BYTES` bytes of UTF-8, so that ``<name>.html`` (and
  ``<name>.md`` when rendered) fits the 255-byte file name limit of ext4, APFS,
  NTFS and most other file systems.
- Folders whose names start with ``_`` or ``.`` are never published, whatever
  the files in them are. :func:`may_publish` is the one rule of what a file
  of the log may be copied into the site as it is; ``build``, ``--share`` and
  ``serve`` (its full build and its page-by-page updates) all ask it.
- URLs encode every character that is not unreserved (RFC 3986) or ``/``:
  ``#``, ``?``, ``%``, spaces, quotes and non-ASCII letters.
"""

from __future__ import annotations

import os
from urllib.parse import quote

#: The longest file name (bytes) of common file systems.
MAX_NAME_BYTES = 255
#: The longest page name (bytes): room for ``.html``.
MAX_PAGE_NAME_BYTES = MAX_NAME_BYTES - len(".html")


def url_path(path: str) -> str:
    """``path`` (``/``-separated, relative) as a URL path: only ``A-Za-z0-9-._~/`` left as they are."""
    return quote(path, safe="/-._~")


def not_utf8(name: str) -> bool:
    """True for a name that holds bytes that are not UTF-8 (Python keeps them as surrogates)."""
    if name.isascii():  # nearly every name: no surrogate in it
        return False
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def shown_name(name: str) -> str:
    """A name fit to print: bytes that are not UTF-8 written as ``\\xE9``."""
    if not not_utf8(name):
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def bad_byte(name: str) -> str:
    """The first byte of ``name`` that is not UTF-8, as ``0xE9``."""
    raw = os.fsencode(name)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return f"0x{raw[e.start]:02X}"
    return "?"


def page_name_too_long(name: str) -> int | None:
    """The length in bytes of page name ``name`` when it is over the limit, else None."""
    size = len(name) if name.isascii() else len(name.encode("utf-8", "surrogateescape"))
    return size if size > MAX_PAGE_NAME_BYTES else None


def too_long_message(what: str, size: int) -> str:
    return (f"{what} is {size} bytes long; netlog's limit is {MAX_PAGE_NAME_BYTES} bytes of UTF-8 "
            f"(the page <name>.html must fit the {MAX_NAME_BYTES}-byte file name limit); use a shorter name")


def cut_slug(slug: str, max_bytes: int) -> str:
    """``slug`` cut (at a ``-`` where possible) to at most ``max_bytes`` bytes of UTF-8."""
    if len(slug.encode("utf-8")) <= max_bytes:
        return slug
    cut = slug.encode("utf-8")[:max_bytes + 1].decode("utf-8", "ignore")
    while len(cut.encode("utf-8")) > max_bytes:
        cut = cut[:-1]
    if "-" in cut[1:]:
        cut = cut[:cut.rfind("-")]
    return cut.strip("-")


def unpublished(src_uri: str) -> bool:
    """True for a file under a folder whose name starts with ``_`` or ``.`` (or a dot file)."""
    parts = src_uri.split("/")
    return any(p.startswith(("_", ".")) for p in parts[:-1]) or parts[-1].startswith(".")


#: Files MkDocs takes for Markdown pages: netlog makes every page itself, so none is copied as it is.
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def may_publish(src_uri: str, hidden: frozenset[str] | set[str] = frozenset()) -> bool:
    """True for a file of the log (``src_uri``: ``/``-separated, relative to the log) that the
    site may hold as it is: not a Markdown page, not under a ``_`` or ``.`` folder, not a dot
    file, and not in ``hidden`` (a ``--share`` build's attachments of private entries)."""
    return not (src_uri.lower().endswith(PAGE_SUFFIXES) or unpublished(src_uri) or src_uri in hidden)
