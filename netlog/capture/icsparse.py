"""The calendar speed layer (docs/format.md §12): iCalendar text -> icalendar's components, fast.

One function, :func:`parse`, gives what ``icalendar.Calendar.from_ical(text,
multiple=True)`` gives (and fails where it fails, as :class:`ParseError` naming the
content line), using icalendar's own parser and types; its
differential test against icalendar (``tests/test_capture_icsparse.py``) is
the contract. This is the only module that subclasses icalendar's internals
(``Contentline``, ``CalendarIcalParser``): an icalendar upgrade that changes
them breaks that test here, and nothing else in netlog.
"""

from __future__ import annotations

import re

import icalendar
from icalendar.parser import Contentline, Contentlines, unescape_backslash
from icalendar.parser.ical import CalendarIcalParser

__all__ = ["ParseError", "parse"]


def parse(text: str) -> list:
    """The components of iCalendar ``text`` (normally one VCALENDAR), as ``Calendar.from_ical(text,
    multiple=True)`` gives them: icalendar's own parser, handed each distinct content line once.

    A calendar repeats many lines word for word (your own ATTENDEE line is
    in every event, a colleague's in every meeting with them, a room in
    every booking), and lines that differ mostly share their name and
    parameters (``SUMMARY:``, ``DTSTART;TZID=Europe/London:``). Splitting a
    line into name, parameters and value is most of icalendar's parsing
    time. The parser takes a list of content lines; identical lines are
    given as one :class:`_Line`, which splits itself once and has icalendar
    split each distinct name-and-parameters part once, and :class:`_Parser`
    makes the value of a property whose value depends on nothing else in
    the file (:data:`_SHARED`) once per distinct line. Raises :class:`ParseError`
    (the content line being read; icalendar's exception chained) where icalendar
    raises for text it cannot read.
    """
    distinct: dict[str, _Line] = {}
    heads: dict[str, tuple] = {}
    lines = []
    for line in Contentlines.from_ical(text):
        same = distinct.get(line)
        if same is None:
            same = distinct[line] = _Line(line, heads)
        lines.append(same)
    parser = _Parser(lines, icalendar.ComponentFactory(), icalendar.Calendar.types_factory)
    try:
        return parser.parse()
    except Exception as e:  # noqa: BLE001 - icalendar raises ValueError, KeyError, IndexError …
        if parser.current is None:
            raise ParseError(None) from e
        bad = str(parser.current)
        raise ParseError(bad, sum(1 for line in lines[:parser.position + 1] if line == bad)) from e


class ParseError(ValueError):
    """icalendar could not read the calendar at content line ``line`` (unfolded, as given to
    icalendar; None when the failure came after the last line), its ``nth`` time in the text
    given. The cause is chained."""

    def __init__(self, line: str | None, nth: int = 1):
        super().__init__(line)
        self.line = line
        self.nth = nth  # the same line given this many times up to the failure (this one included)


#: Properties whose parsed value depends on their line alone (not on a time zone defined
#: elsewhere in the file): one value serves every event with the same line.
_SHARED = frozenset({"ATTENDEE", "ORGANIZER", "LOCATION", "DESCRIPTION", "STATUS", "SEQUENCE"})


class _Parser(CalendarIcalParser):
    """icalendar's calendar parser, adding the value it made for a line of :data:`_SHARED` to
    every further component with the same line, rather than making it again; ``current`` is
    the content line being read (None before the first and after the last), so that a failure
    can be named at its line."""

    current = None
    position = -1

    def initialize_parsing(self):
        super().initialize_parsing()
        self._content_lines_iterator = self._tracked(self._content_lines_iterator)

    def _tracked(self, lines):
        for self.position, line in enumerate(lines):
            self.current = line
            yield line
        self.current = None

    def handle_property(self, name, params, vals, line):
        component = self.component
        if name not in _SHARED or type(line) is not _Line or component is None:
            return super().handle_property(name, params, vals, line)
        value = line.value
        if value is not None:
            component.add(name, value, encode=False)
            return None
        errors = len(component.errors)
        super().handle_property(name, params, vals, line)
        added = component.get(name)
        if isinstance(added, list):
            added = added[-1]
        if added is not None and len(component.errors) == errors:
            line.value = added
        return None


#: A content line's name and parameters, as icalendar's splitter reads them: up to the first
#: colon that is neither quoted nor escaped (the value may hold any character). Outside quotes a
#: run of backslashes escapes the character after it; inside, a backslash is a character.
_HEAD = re.compile(r'(?:[^"\\:]|\\+[^\\]|"[^"]*")*', re.DOTALL)


class _Line(Contentline):
    """A content line that keeps its parts (name, parameters, value) once split, and the
    property value :class:`_Parser` made of it.

    Both are shared by every component the line appears in: netlog reads
    parsed calendars and never changes them. The name and parameters are
    split by icalendar once per distinct head (``heads``: the text up to
    and with the value's colon -> icalendar's name and parameters for it);
    the value is unescaped as icalendar unescapes it. A line whose head
    :data:`_HEAD` cannot find (an unclosed quote, a trailing backslash, no
    colon) is split by icalendar whole, so it fails as icalendar fails.
    """

    __slots__ = ("_parts", "_heads", "value")

    def __new__(cls, value, heads: dict[str, tuple]):
        self = super().__new__(cls, value)
        self._heads = heads
        self.value = None
        return self

    def parts(self):
        try:
            return self._parts
        except AttributeError:
            pass
        end = _HEAD.match(self).end()
        if 0 < end < len(self) and self[end] == ":":
            head = self[:end + 1]
            split = self._heads.get(head)
            if split is None:
                try:
                    name, params, _ = Contentline(head, strict=self.strict).parts()
                except ValueError:  # split whole below, for icalendar's own message
                    pass
                else:
                    split = self._heads[head] = (name, params)
            if split is not None:
                self._parts = (split[0], split[1], unescape_backslash(self[end + 1:]))
                return self._parts
        self._parts = super().parts()
        return self._parts
