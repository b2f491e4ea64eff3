"""YAML emitting: front matter text written by netlog, every value quoted where YAML needs it.

One line per key (``yaml_line``), flow-style lists, and commented hints
(``hint``) for the keys a new file leaves out. Used by every writer that makes
an entry, a person or a draft (docs/format.md §3).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import yaml

_WIDTH = 2**30  # never fold a long value over two lines
_HINT_COLUMN = 28

# --------------------------------------------------------------------------- YAML text


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) made one space."""
    return " ".join(str(text).split())


# words that start with a letter and that YAML 1.1 reads as something else than a string
_YAML_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})
_PLAIN_TEXT = re.compile(r"[^\W\d_](?:[\w .'/()-]*[\w.)])?")
# an identifier such as a calendar source, ``ics:<UID>@<date>``: ASCII, a letter first, no
# spaces, a colon only between other characters
_PLAIN_TOKEN = re.compile(r"[A-Za-z][\w.@/+=-]*(?::[\w.@/+=-]+)*", re.ASCII)


def _plain_name(text: str) -> bool:
    return bool(_PLAIN_TEXT.fullmatch(text)) and "  " not in text and text.lower() not in _YAML_WORDS


def _plain(value) -> str | None:
    """``yaml_value``'s result without PyYAML for the values that need no quoting: a date, a
    name-like string (a letter first; letters, digits, `` ._'/()-`` after), an ASCII identifier
    (``ics:abc@example.com``: no spaces, a colon only inside) or a list of names.
    None for anything else (PyYAML decides). Drafting thousands of entries from a calendar
    spends most of its time in PyYAML's emitter otherwise."""
    if type(value) is dt.date:
        return value.isoformat()
    if type(value) is str:
        return value if _plain_name(value) or _PLAIN_TOKEN.fullmatch(value) and value.lower() not in _YAML_WORDS \
            else None
    if type(value) is list:  # in a flow list a colon would need quotes: names only
        return "[" + ", ".join(value) + "]" if all(type(v) is str and _plain_name(v) for v in value) else None
    return None


def reads_as_itself(text: str) -> bool:
    """True when YAML reads ``text``, a value written alone, as that very string: it is one that
    :func:`yaml_value` writes without quotes (a name-like string or an ASCII identifier; the
    writer's tests read each back). False says nothing: ask a YAML parser."""
    return type(text) is str and _plain(text) is not None


def yaml_value(value) -> str:
    """``value`` as YAML text on one line: strings quoted where YAML needs it, lists in flow style.

    ``O'Neil: "x"``, ``- [a]``, ``yes`` and ``2026-01-01`` all come back from
    a YAML parser as the very strings they were.
    """
    fast = _plain(value)
    if fast is not None:
        return fast
    if type(value) is str:
        return _dumped(value)
    if type(value) is list and all(type(v) is str for v in value):
        return _dumped_list(tuple(value))
    return _dump(value)


@functools.lru_cache(maxsize=4096)
def _dumped(value: str) -> str:
    """:func:`_dump` of a string, remembered: an import writes the same titles and names over and
    over (thousands of drafts titled ``Coffee next week?``), and PyYAML's emitter is slow."""
    return _dump(value)


@functools.lru_cache(maxsize=4096)
def _dumped_list(values: tuple[str, ...]) -> str:
    """:func:`_dump` of a list of strings (given as a tuple, to be remembered), as :func:`_dumped`."""
    return _dump(list(values))


def _dump(value) -> str:
    """``value`` as PyYAML writes it in flow style on one line (no document end marker)."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=_WIDTH)
    if text.endswith("\n...\n"):  # PyYAML ends a lone plain scalar with a document end marker
        text = text[:-len("...\n")]
    return text.rstrip("\n")


# a value alone after its key (block context), where a comma, ``&`` or ``+`` inside needs no
# quotes either: ``org: Marlowe, Stroud & Co``, ``role: Partner, Disputes``
_PLAIN_BLOCK = re.compile(r"[^\W\d_](?:[\w .,'/()&+-]*[\w.)])?")
# a phone number written as groups of digits with single spaces (``+44 20 7946 0958``): the
# spaces keep YAML from reading it as a number, and with no ``-`` or ``:`` it is no date or time
_PLAIN_PHONE = re.compile(r"\+?[0-9]+(?: [0-9]+)+", re.ASCII)


def _block_value(value) -> str:
    """:func:`yaml_value` of a value that stands alone after ``key:`` (never inside a flow list):
    names with commas and ampersands, as contacts' companies and positions have, are written
    plain without PyYAML's emitter (issue 27: imports of thousands of people), and so are phone
    numbers of digits and single spaces (``+44 20 7946 0958``)."""
    if (type(value) is str and (_PLAIN_BLOCK.fullmatch(value) and "  " not in value
                                and value.lower() not in _YAML_WORDS or _PLAIN_PHONE.fullmatch(value))):
        return value
    return yaml_value(value)


def yaml_line(key: str, value) -> str:
    """One front matter line ``key: value``; a mapping value is written as a block below the key."""
    if isinstance(value, dict):
        return "\n".join([f"{key}:"] + [f"  {yaml_value(k)}: {_block_value(v)}" for k, v in value.items()])
    return f"{key}: {_block_value(value)}"


@functools.lru_cache(maxsize=256)
def hint(example: str, why: str) -> str:
    """A commented-out key with an explanation: ``# follow_up: 2w      # ...``."""
    return f"# {example:<{_HINT_COLUMN - 2}} # {why}"


def front_matter(lines: list[str], body: str = "") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body
