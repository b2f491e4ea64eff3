"""Calendar import (docs/format.md §12): an iCalendar export -> drafts of entries.

Three pure stages, each returning ``(result, problems)`` or plain values:

1. :func:`read_calendar`: bytes -> an ``icalendar.Calendar`` (``icalendar``
   parses, unfolds lines and decodes parameters such as a non-ASCII CN,
   through the speed layer :func:`netlog.capture.icsparse.parse`);
2. :func:`occurrences`: every occurrence whose start date lies in a window,
   recurrences expanded with ``recurring-ical-events`` (RRULE, RDATE, EXDATE,
   RECURRENCE-ID overrides, Windows time-zone names, the calendar's
   X-WR-TIMEZONE) rather than hand-written RRULE code;
3. :func:`plan`: occurrences + the log's people -> drafts to write and
   skips with their reasons (cancelled, declined, no known person, already
   imported).

The command (``netlog import ics``, ``netlog/commands/imports.py``) writes the
drafts into ``_drafts/`` with ``writing.entry_file_text``. Nothing here reads
the clock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace

import icalendar
import recurring_ical_events
from icalendar import vDDDTypes
from icalendar.parser import Contentline

from .. import readfile
from ..yamlemit import one_line
from ..model import ERROR, WARNING, Kind, Problem
from ..people import PeopleIndex, email_address
from ..slug import slugify
from .icsparse import ParseError, parse

#: Larger files are refused: an export of years of a busy calendar is a few MB.
MAX_BYTES = readfile.limit_of("calendar")

#: Links that make an occurrence a `video` entry (the services of docs/format.md §12).
VIDEO_LINK = re.compile(
    r"https?://(?:[\w-]+\.)*(?:zoom\.us|zoom\.com|zoomgov\.com|meet\.google\.com|teams\.microsoft\.com"
    r"|teams\.live\.com|webex\.com|whereby\.com|meet\.jit\.si|8x8\.vc)(?:[/?#:]|\s|$)"
    r"|https?://jitsi\.[\w.-]+", re.I)
_PHONE_LINK = re.compile(r"\btel:\+?[\d\s().-]{5,}", re.I)
_NOT_PEOPLE = {"ROOM", "RESOURCE"}


@dataclass(frozen=True, slots=True)
class Attendee:
    """An ATTENDEE or the ORGANIZER: bare lower-case address (or None), CN (or None), PARTSTAT."""

    address: str | None
    name: str | None
    partstat: str | None = None
    organizer: bool = False

    def shown(self) -> str:
        if self.name and self.address:
            return f"{self.name} <{self.address}>"
        return self.name or self.address or "?"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of a VEVENT, recurrences expanded.

    ``date`` is the start's date in its own time zone (a UTC start in the
    calendar's X-WR-TIMEZONE when it has one; a floating or all-day start as
    written). ``source`` is ``ics:<UID>``, or ``ics:<UID>@<original date>``
    for an occurrence of a recurring event (the date of its RECURRENCE-ID,
    so a moved occurrence keeps its source); when a series has several
    occurrences on one original date, the first keeps that source and each
    other gets ``ics:<UID>@<original date>T<HH:MM>`` (its original time).
    """

    uid: str
    date: dt.date
    source: str
    summary: str | None
    location: str | None
    description: str | None
    cancelled: bool
    attendees: tuple[Attendee, ...]


@dataclass(frozen=True, slots=True)
class Draft:
    """An occurrence kept: what its entry will say (refs are display names or CNs)."""

    occurrence: Occurrence
    kind: str
    with_: tuple[str, ...]
    title: str | None
    channel: str
    unmatched: tuple[str, ...]

    @property
    def source(self) -> str:
        return self.occurrence.source

    def notes(self) -> str:
        """The draft's notes: where it came from, where it was, who else was invited."""
        from ..sanitize import literal_note  # anyone who sends an invite writes these

        lines = ["Drafted from a calendar by `netlog import ics`: add what was said and what came of it."]
        o = self.occurrence
        if o.location and not VIDEO_LINK.search(o.location):
            lines += ["", f"Location: {literal_note(one_line(o.location))}"]
        if self.unmatched:
            lines += ["", "Attendees not in the log:", ""] + [f"- {literal_note(one_line(a))}" for a in self.unmatched]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class Skip:
    """An occurrence in the window that gets no draft, and why."""

    occurrence: Occurrence
    reason: str


@dataclass(slots=True)
class Plan:
    drafts: list[Draft] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)


# --------------------------------------------------------------------------- 1. read


def read_calendar(data: bytes, path: str, since: dt.date | None = None, until: dt.date | None = None):
    """``(calendar, problems)``: the parsed file, or None and one error saying why it is not iCalendar.

    Accepts a UTF-8 byte order mark, CRLF or LF line ends and folded lines.
    Refuses files over :data:`MAX_BYTES`. With ``since`` and ``until``, only
    what can matter for that window is parsed (:func:`trim`).
    """
    if len(data) > MAX_BYTES:
        return None, [readfile.too_large(path, "calendar", len(data))]
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # unfolded as bytes first (RFC 5545 3.1): a fold may split a character's UTF-8 bytes
        unfolded = _FOLD.sub(b"", data)
        try:
            text = unfolded.decode("utf-8")
        except UnicodeDecodeError as e:
            text = unfolded.decode("utf-8", errors="replace")
            problems.append(Problem(path, _line_at(data, e.start), WARNING,
                                    "the file is not UTF-8, as iCalendar files are: characters it could not "
                                    "read are shown as \ufffd (export it again as UTF-8)", "ics-not-utf8"))
    text = text.lstrip("\ufeff")
    first = text.lstrip().split("\n", 1)[0].strip().upper()
    if first != "BEGIN:VCALENDAR":
        line = text[:len(text) - len(text.lstrip())].count("\n") + 1
        return None, [Problem(path, line, ERROR, "not an iCalendar file: it does not start with "
                                                 "BEGIN:VCALENDAR (export the calendar as .ics)",
                                      "ics-unreadable")]
    try:
        cals = parse(trim(text, since, until) if since is not None and until is not None else text)
    except ParseError as e:
        line, what = _unreadable_line(text, e.line, e.nth)
        return None, [Problem(path, line, ERROR, f"not a readable iCalendar file: {what}", "ics-unreadable")]
    except Exception:  # noqa: BLE001 - what icalendar makes of the whole file, at no line
        return None, [Problem(path, 1, ERROR, "not a readable iCalendar file: icalendar cannot read it "
                                              "(export it again)", "ics-unreadable")]
    if not cals:  # said of the whole file: trimming leaves events out, and their lines
        return None, [Problem(path, 1, ERROR, "not a readable iCalendar file: " + _why_no_calendar(text),
                              "ics-unreadable")]
    cal = cals[0]
    for extra in cals[1:]:  # several calendars in one file: read them as one
        for component in extra.subcomponents:
            cal.add_component(component)
    return cal, problems


#: A folded line's break: a line end and one space or tab (several line ends, as icalendar allows).
_FOLD = re.compile(rb"(?:\r?\n)+[ \t]")


def _line_at(data: bytes, offset: int) -> int:
    """The line of ``data`` (as folded) that holds byte ``offset`` of ``data`` unfolded."""
    for fold in _FOLD.finditer(data):
        if fold.start() > offset:
            break
        offset += len(fold.group())
    return data.count(b"\n", 0, offset) + 1


def logical_lines(text: str):
    """``(line number, content line)`` of each content line of ``text``: folded lines unfolded
    (RFC 5545 3.1: a line end and one space or tab; blank lines between a line and its
    continuation are skipped, as icalendar skips them), numbered by their first physical line."""
    number = start = 0
    parts: list[str] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r")
        if raw[:1] in (" ", "\t") and parts:
            parts.append(raw[1:])
            continue
        if not raw:
            continue
        if parts:
            yield start, "".join(parts)
        start, parts = number, [raw]
    if parts:
        yield start, "".join(parts)


def _shorten(text: str, limit: int = 80) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _unreadable_line(text: str, bad: str | None, nth: int = 1) -> tuple[int, str]:
    """``(line, what)``: where the ``nth`` content line ``bad`` (unfolded, as icalendar was given
    it) stands in ``text`` and what cannot be read there, in the file's words; line 1 and the
    whole file when it cannot be found."""
    if bad is not None:
        for number, line in logical_lines(text):
            if line == bad:
                nth -= 1
            if line == bad and nth <= 0:
                try:
                    name, _params, value = Contentline(line).parts()
                except ValueError:
                    return number, f"line {_shorten(line)!r} is not a content line (NAME:VALUE)"
                name = name.upper()
                if name == "END":
                    return number, f"{_shorten(line)!r} ends a component that was never begun"
                return number, f"{name} value {_shorten(value)!r} cannot be read"
    return 1, "icalendar cannot read it (export it again)"


def _why_no_calendar(text: str) -> str:
    """Why icalendar found no calendar in ``text``, which starts with BEGIN:VCALENDAR."""
    names = [line.strip().upper() for line in text.splitlines()]
    if "END:VCALENDAR" not in names:
        begun = [n for n, name in enumerate(names, 1) if name == "BEGIN:VEVENT"]
        ended = names.count("END:VEVENT")
        inside = f", inside the event that begins on line {begun[-1]}" if len(begun) > ended else ""
        return f"it ends without END:VCALENDAR{inside}; the export looks cut short (export it again)"
    return "no VCALENDAR in it"


def _one(e: Exception) -> str:
    return one_line(str(e)) or type(e).__name__


# --------------------------------------------------------------------------- 1b. trim


#: Event properties netlog never reads: left out before parsing (icalendar parses every
#: content line it is given, and a big export is mostly these, alarms, and old events).
_UNUSED = frozenset({"DTEND", "DURATION", "DTSTAMP", "CREATED", "LAST-MODIFIED", "CLASS", "TRANSP", "PRIORITY",
                     "ATTACH", "CATEGORIES", "URL", "GEO", "COMMENT", "CONTACT", "RESOURCES", "RELATED-TO",
                     "REQUEST-STATUS"})
_RECURRING = frozenset({"RRULE", "RDATE", "RECURRENCE-ID"})
_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})")


def shifted(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held within the calendar (0001-01-01 to 9999-12-31): a window
    at the calendar's edge widens to the edge rather than failing."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min if days < 0 else dt.date.max


def trim(text: str, since: dt.date, until: dt.date) -> str:
    """The calendar text without what cannot matter for occurrences from ``since`` to ``until``.

    A speed-up for big exports, not a filter of meaning: a VEVENT is left
    out only when its DTSTART's date lies more than two days outside the
    window (no time zone moves a date that far) and its UID is on no other
    event (so it is neither part of a recurring event nor one version of an
    event in several). Left out too: alarms (VALARM), to-dos, journal
    entries, free/busy blocks, vendors' ``X-`` properties of events, and the
    event properties in :data:`_UNUSED` (DTEND and DURATION among them:
    occurrences are chosen by their start). Folded lines stay folded;
    everything else is kept as it is and in its order, so icalendar parses
    the rest exactly as it would have.
    """
    lo, hi = shifted(since, -2), shifted(until, 2)
    out: list = []  # lines, and the events held back (UID, lines) until every UID is known
    uids: Counter = Counter()
    event: list[str] | None = None  # the physical lines of the VEVENT being read
    uid: list[str] = []  # the physical lines of its UID
    in_uid = False  # the last line read is the UID's
    recurring = False
    start: dt.date | None = None
    skip_depth = 0  # inside a component left out (VALARM, VTODO …)
    keep_line = True
    # lines end at \n only, as icalendar reads them (str.splitlines would also cut at U+2028,
    # \x0b, \x0c, \x85 … inside a value)
    for raw in re.findall(r"[^\n]*\n|[^\n]+", text):
        if raw[:1] in (" ", "\t"):  # a folded continuation: goes with its line
            if keep_line and not skip_depth:
                (event if event is not None else out).append(raw)
                if in_uid:
                    uid.append(raw)
            continue
        line = raw.rstrip("\r\n")
        if not line:  # a blank line: icalendar skips it, even between a line and its continuation,
            if keep_line and not skip_depth:  # so it changes nothing about the line before it
                (event if event is not None else out).append(raw)
            continue
        in_uid = False
        name = line.split(":", 1)[0].split(";", 1)[0].upper()
        if skip_depth:
            if name == "BEGIN":
                skip_depth += 1
            elif name == "END":
                skip_depth -= 1
            keep_line = False
            continue
        if name == "BEGIN":
            what = line.split(":", 1)[-1].strip().upper()
            if what in ("VALARM", "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY"):
                skip_depth = 1
                keep_line = False
                continue
            if what == "VEVENT" and event is None:
                event, uid, recurring, start = [raw], [], False, None
                keep_line = True
                continue
        if event is not None:
            if name == "END" and line.split(":", 1)[-1].strip().upper() == "VEVENT":
                event.append(raw)
                key = "".join(part.rstrip("\r\n")[1:] if n else part.rstrip("\r\n")
                              for n, part in enumerate(uid)).split(":", 1)[-1] if uid else None
                if key is not None:
                    uids[key] += 1
                if recurring or start is None or lo <= start <= hi or key is None:
                    out.extend(event)
                else:
                    out.append((key, event))
                event = None
                keep_line = True
                continue
            if name in _RECURRING:
                recurring = True
            elif name == "DTSTART" and start is None:
                found = _DIGITS.search(line.rsplit(":", 1)[-1])
                if found:
                    try:
                        start = dt.date(int(found[1]), int(found[2]), int(found[3]))
                    except ValueError:
                        start = None
            keep_line = not (name in _UNUSED or name.startswith("X-"))
            if keep_line:
                event.append(raw)
                if name == "UID" and not uid:
                    uid, in_uid = [raw], True
            continue
        keep_line = True
        out.append(raw)
    if event is not None:  # no END:VEVENT: let icalendar say what is wrong
        out.extend(event)
    kept: list[str] = []
    for item in out:
        if type(item) is str:
            kept.append(item)
        elif uids[item[0]] > 1:
            kept.extend(item[1])
    return "".join(kept)


# --------------------------------------------------------------------------- 2. occurrences


def _day(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()  # in its own zone; a floating time as written
    if isinstance(value, dt.date):
        return value
    return None


#: The properties netlog reads from an event that RFC 5545 allows once: an event with one of
#: them twice is left out (:func:`set_aside_broken`), whatever else it holds.
ONCE = ("UID", "DTSTART", "RECURRENCE-ID", "SUMMARY", "LOCATION", "DESCRIPTION", "STATUS", "ORGANIZER")


_ONCE = frozenset(ONCE)


class Repeated(ValueError):
    """A property of :data:`ONCE` that a component has several times: ``name`` and ``values``."""

    def __init__(self, name: str, values: list):
        super().__init__(f"{name} appears {len(values)} times")
        self.name = name
        self.values = values


def single(component, name: str):
    """The one value of property ``name`` of ``component`` (an icalendar property value), or
    None when it has none. :class:`Repeated` when it has several: icalendar then gives a
    list, which no caller expecting one value can read. The one accessor of :data:`ONCE`;
    ``name`` is upper-case, as icalendar stores names."""
    value = dict.get(component, name)  # icalendar keeps names upper-case; its own get costs 4 calls more
    if type(value) is list:
        if len(value) > 1 and len({_identity(v) for v in value}) > 1:
            raise Repeated(name, value)
        return value[0] if value else None  # the same line twice says it once
    return value


def _identity(value) -> tuple:
    """A property value as written: its text and parameters (two equal lines give equal identities)."""
    return _written(value), tuple(sorted((str(k), str(v)) for k, v in (getattr(value, "params", None) or {}).items()))


def _text(component, name: str) -> str | None:
    value = single(component, name)
    text = str(value).strip() if value is not None else ""
    return text or None


def _person(value, is_organizer: bool) -> Attendee | None:
    """An ATTENDEE or ORGANIZER value as an :class:`Attendee`; None for a room or a resource."""
    params = getattr(value, "params", {}) or {}
    if str(params.get("CUTYPE", "")).upper() in _NOT_PEOPLE:
        return None
    address = email_address(str(value))
    name = one_line(str(params.get("CN", ""))).strip().strip('"') or None
    if name and email_address(name):  # Google writes the address as CN when it knows no name
        name = None
    partstat = str(params.get("PARTSTAT", "")).upper() or None
    return Attendee(address, name, partstat, is_organizer)


def _people(event, known: dict | None = None) -> tuple[Attendee, ...]:
    """The event's attendees, then its organizer when not an attendee; rooms and resources left out.

    ``known``: a memo for one calendar, keyed by the parameters' identity (a
    line repeated word for word shares them: :func:`parse`) and the value.
    """
    out: list[Attendee] = []
    seen: set[str] = set()
    values = _values(event.get("ATTENDEE"))
    organizer = single(event, "ORGANIZER")
    pairs = [(v, False) for v in values] + ([(organizer, True)] if organizer is not None else [])
    for value, is_organizer in pairs:
        if known is None:
            person = _person(value, is_organizer)
        else:
            memo_key = (id(getattr(value, "params", None)), str(value), is_organizer)
            person = known[memo_key] if memo_key in known else known.setdefault(memo_key, _person(value, is_organizer))
        if person is None:
            continue
        key = person.address or (person.name or "").lower()
        if not key or key in seen:
            continue
        seen.add(key)
        out.append(person)
    return tuple(out)


class EventLines:
    """Where each event's properties stand in the calendar's ``text`` (the file as read), found
    by the event's UID and its rank among the events with that UID (an event without one: its
    rank among those); scanned once, on the first question (only a problem asks)."""

    def __init__(self, text: str):
        self.text = text
        self._events: dict[str | None, list[tuple[int, dict[str, list[int]]]]] | None = None

    def _scan(self) -> dict:
        events: dict[str | None, list] = {}
        current: tuple[int, dict[str, list[int]]] | None = None
        uid: str | None = None
        depth = 0
        for number, line in logical_lines(self.text):
            name = line.split(":", 1)[0].split(";", 1)[0].upper()
            value = line.split(":", 1)[-1].strip()
            if current is None:
                if name == "BEGIN" and value.upper() == "VEVENT":
                    current, uid, depth = (number, {}), None, 0
                continue
            if name == "BEGIN":
                depth += 1
            elif name == "END" and depth:
                depth -= 1
            elif name == "END" and value.upper() == "VEVENT":
                events.setdefault(uid, []).append(current)
                current = None
            elif not depth:
                current[1].setdefault(name, []).append(number)
                if name == "UID" and uid is None:
                    uid = _unescape(line.split(":", 1)[-1]).strip() or None
        return events

    def words(self, uid: str | None, rank: int, name: str, nth: int = 1) -> str | None:
        """The value of the ``nth`` line of property ``name`` of the event, as the file writes it
        (unfolded); None when it cannot be found."""
        number = self.line(uid, rank, name, nth)
        for at, line in logical_lines(self.text):
            if at == number:
                head = line.split(":", 1)[0].split(";", 1)[0].upper()
                return line.split(":", 1)[1] if head == name and ":" in line else None
            if at > number:
                break
        return None

    def line(self, uid: str | None, rank: int = 0, name: str | None = None, nth: int = 1) -> int:
        """The line of the ``nth`` property ``name`` of the event (else of its UID, else of its
        BEGIN:VEVENT); 1 when the event cannot be found."""
        if self._events is None:
            self._events = self._scan()
        found = self._events.get(uid) or []
        if not found:
            return 1
        begin, names = found[min(rank, len(found) - 1)]
        lines = names.get(name or "UID") or names.get("UID") or [begin]
        return lines[min(nth, len(lines)) - 1]


def _unescape(value: str) -> str:
    """A TEXT value as icalendar reads it (RFC 5545 3.3.11 escapes)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def _ranked(events):
    """``(event, uid, rank)`` of each event: its UID as text (None without one, or with
    several) and its rank among the events before it with that UID, as :class:`EventLines`
    finds it."""
    seen: Counter = Counter()
    for event in events:
        try:
            uid = _text(event, "UID")
        except Repeated as e:
            uid = str(e.values[0]).strip() or None
        yield event, uid, seen[uid]
        seen[uid] += 1


#: The properties an event's occurrences are made of: an event with one icalendar could not read
#: cannot be expanded.
_TIMING = ("DTSTART", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")


def _values(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _written(value) -> str:
    """A property value as the file has it."""
    if isinstance(value, icalendar.vBroken):
        return str(value)
    try:
        return value.to_ical().decode("utf-8", errors="replace")
    except Exception:  # noqa: BLE001 - a value icalendar cannot write back
        return str(value)


def set_aside_broken(cal, path: str, text: str = "", until: dt.date | None = None) -> list[Problem]:
    """Take out of ``cal`` the events netlog cannot read: a property of :data:`ONCE` that comes
    several times; no DTSTART, or a DTSTART, RRULE, RDATE, EXDATE or RECURRENCE-ID that
    icalendar could not parse or that is not a date (an RDATE of times of day); a recurrence
    that would take more than :data:`MAX_STEPS` steps to expand up to ``until`` (the window's
    last day; not checked without it). Each gets a warning at the
    faulty line of ``text`` (the file as read), in the file's words, so that one bad event does
    not stop the import. Whether a readable recurrence can be expanded is recurring-ical-events'
    to say (:func:`occurrences`).
    """
    problems: list[Problem] = []
    where = EventLines(text)
    events = [c for c in cal.subcomponents if c.name == "VEVENT"]
    for component, uid, rank in _ranked(events):
        unread = _unreadable(component, until, lambda name, nth, value: where.words(uid, rank, name, nth)
                             or _written(value))
        if unread is None:
            continue
        why, name, nth = unread
        cal.subcomponents.remove(component)
        what = f"event {uid!r}" if uid else "an event without UID"
        problems.append(Problem(path, where.line(uid, rank, name, nth), WARNING, f"{what} left out: {why}",
                                "ics-event-left-out"))
    return problems


#: A recurrence netlog expands at most this many steps (periods of its FREQ from its DTSTART,
#: times the values of its BY… parts): recurring-ical-events walks every one of them, so an
#: RRULE:FREQ=SECONDLY of a few bytes would otherwise cost minutes and gigabytes. A daily
#: meeting since 1900 is about 46,000 steps; an hourly one for ten years about 88,000.
MAX_STEPS = 200_000

_PERIOD = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400, "WEEKLY": 7 * 86400,
           "MONTHLY": 28 * 86400, "YEARLY": 365 * 86400}


def _unreadable(event, until: dt.date | None = None, words=None) -> tuple[str, str, int] | None:
    """``(why, property, which of its lines)`` when netlog cannot read ``event``
    (:func:`set_aside_broken`); None when it can. ``words(name, nth, value)``: the value of the
    ``nth`` line of property ``name`` as the file writes it (icalendar writes an RRULE's parts
    in its own order)."""
    words = words or (lambda name, nth, value: _written(value))
    several = [name for name, value in dict.items(event) if type(value) is list and name in _ONCE]
    for name in sorted(several, key=ONCE.index):  # one look at the event; rarely anything to do
        try:
            value = single(event, name)
        except Repeated as e:
            shown = " and ".join(repr(_shorten(_written(v), 40)) for v in e.values[:2])
            more = f" (and {len(e.values) - 2} more)" if len(e.values) > 2 else ""
            return f"it has {len(e.values)} {name} lines ({shown}{more}); an event has one", name, 2
        event[name] = value  # the same line twice: one value, for the libraries too
    start = dict.get(event, "DTSTART")
    if start is None:
        return "it has no DTSTART", "UID", 1
    for name in _TIMING:
        for nth, value in enumerate(_values(dict.get(event, name)), start=1):
            if name == "DTSTART" and not _is_date(value):
                return f"DTSTART {_written(value)!r} is not a date or a date-time", name, nth
            if isinstance(value, icalendar.vBroken):
                return f"{name} {_written(value)!r} cannot be read", name, nth
            if name in ("RDATE", "EXDATE") and not _dates_only(value):
                return f"{name} {_written(value)!r} is not a list of dates or date-times", name, nth
    for nth, rule in enumerate(_values(dict.get(event, "RRULE")) if until is not None else (), start=1):
        steps = _steps(rule, start.dt, until)
        if steps > MAX_STEPS:
            return (f"RRULE {words('RRULE', nth, rule)!r} repeats too often to expand (about {steps:,} times from "
                    f"its DTSTART {_written(start)!r}; netlog expands at most {MAX_STEPS:,})"), "RRULE", nth
    return None


def _dates_only(value) -> bool:
    """True when an RDATE or EXDATE value holds dates, date-times or periods only (not times of day)."""
    for item in getattr(value, "dts", None) or []:
        when = item.dt[0] if isinstance(item.dt, tuple) else item.dt
        if not isinstance(when, dt.date):
            return False
    return True


def _steps(rule, start, until: dt.date) -> int:
    """About how many steps expanding ``rule`` from ``start`` up to the window's last day
    ``until`` walks: its periods until its UNTIL, its COUNT or a few days after ``until``
    (:func:`expanded` looks that far), times the values of its BY… parts."""
    freq = str((rule.get("FREQ") or ["YEARLY"])[0]).upper()
    period = _PERIOD.get(freq, _PERIOD["YEARLY"])
    try:
        interval = max(int((rule.get("INTERVAL") or [1])[0]), 1)
    except (TypeError, ValueError):
        interval = 1
    spread = 1
    for key, values in rule.items():
        if key.startswith("BY") and key != "BYSETPOS" and isinstance(values, list):
            spread *= max(len(values), 1)
    first = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    end = dt.datetime.combine(shifted(until, 3), dt.time())
    last = (rule.get("UNTIL") or [None])[0]
    if isinstance(last, dt.date):
        last = last if isinstance(last, dt.datetime) else dt.datetime.combine(last, dt.time())
        end = min(end, last.replace(tzinfo=None))
    try:
        seconds = (end - first.replace(tzinfo=None)).total_seconds()
    except (OverflowError, TypeError):
        seconds = 0
    periods = max(int(seconds // (period * interval)), 0) + 1
    count = (rule.get("COUNT") or [None])[0]
    if isinstance(count, int) and count >= 0:
        periods = min(periods, count)
    return periods * spread


def _is_date(value) -> bool:
    try:
        return isinstance(value.dt, dt.date)
    except Exception:  # noqa: BLE001 - a vBroken raises; whatever icalendar makes of the user's file
        return False


def unknown_zones(cal, path: str, text: str = "") -> list[Problem]:
    """A warning for each time zone (``TZID``) of a DTSTART that neither the file (VTIMEZONE) nor
    the system knows, at its first event: icalendar reads such a time as written, with no zone."""
    problems: list[Problem] = []
    seen: set[str] = set()
    where = EventLines(text)
    for event, uid, rank in _ranked(cal.walk("VEVENT")):
        start = single(event, "DTSTART")
        zone = getattr(start, "params", {}).get("TZID")
        if not zone or zone in seen:
            continue
        when = start.dt
        if isinstance(when, dt.datetime) and when.tzinfo is None:
            seen.add(zone)
            problems.append(Problem(path, where.line(uid, rank, "DTSTART"), WARNING,
                                    f"time zone {str(zone)!r} is unknown: its times are read as written, "
                                    "without a zone", "ics-unknown-zone"))
    return problems


def _calendar_zone(cal):
    """The calendar's ``X-WR-TIMEZONE`` as a time zone, or None; ValueError when it names none."""
    import zoneinfo

    name = single(cal, "X-WR-TIMEZONE")
    if name is None:
        return None
    try:
        return zoneinfo.ZoneInfo(str(name).strip())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as e:
        raise ValueError(f"X-WR-TIMEZONE {str(name)!r} is not a time zone ({_one(e)})") from None


def _single_start(start, zone):
    """A single event's start as it is dated: a UTC date-time in ``zone`` (the calendar's
    X-WR-TIMEZONE, when it has one), anything else as written. The rule ``x-wr-timezone``
    applies for ``recurring-ical-events``, so single and recurring events are dated alike."""
    if zone is not None and isinstance(start, dt.datetime) and start.tzinfo is not None \
            and (start.tzname() or "").upper() == "UTC":
        return start.astimezone(zone)
    return start


def occurrences(cal, since: dt.date, until: dt.date, path: str = "",
                text: str = "") -> tuple[list[Occurrence], list[Problem]]:
    """Every occurrence of the calendar's events whose start date lies from ``since`` to ``until``
    (both included), sorted by date, then source. Problems: an error when the calendar's
    X-WR-TIMEZONE names no time zone; a warning for each recurring event that
    recurring-ical-events cannot expand, which is left out (at its line in ``text``). Call
    :func:`set_aside_broken` first to leave out the events whose timing cannot be read.

    Events of a UID with an RRULE, RDATE or RECURRENCE-ID, or of a UID on
    several events, are expanded by ``recurring-ical-events``; every other
    event is its own one occurrence and is read directly (in a big export
    that is nearly all of them, and the expansion machinery copies each one).
    """
    events = cal.walk("VEVENT")
    recurring = recurring_uids(events)
    # a UID on several events is one event in several versions (RFC 5545): which one stands
    # (the highest SEQUENCE, else the first) is the library's business too
    uids = Counter(str(single(e, "UID")) for e in events if "UID" in e)
    expand = recurring | {uid for uid, n in uids.items() if n > 1}
    series = [e for e in events if _recurs(e) or "UID" in e and str(single(e, "UID")) in expand]
    in_series = {id(e) for e in series}
    try:
        zone = _calendar_zone(cal)
        method = single(cal, "METHOD")
    except Repeated as e:
        return [], [Problem(path, _calendar_line(text, e.name, 2), ERROR,
                            f"the calendar has {len(e.values)} {e.name} lines; it has one", "ics-unreadable")]
    except ValueError as e:
        return [], [Problem(path, _calendar_line(text, "X-WR-TIMEZONE"), ERROR,
                            f"cannot expand the calendar's events: {_one(e)}", "ics-unreadable")]
    found = [(e, _single_start(single(e, "DTSTART").dt, zone), None) for e in events if id(e) not in in_series]
    problems: list[Problem] = []
    try:
        found += expanded(_with_events(cal, series), since, until) if series else []
    except Exception:  # noqa: BLE001 - a recurrence the library cannot expand: find which, below
        by_uid: dict[str, list] = {}
        for e in series:
            by_uid.setdefault(_text(e, "UID"), []).append(e)
        where = EventLines(text)
        for uid, group in by_uid.items():  # one bad series must not stop the others
            try:
                found += expanded(_with_events(cal, group), since, until)
            except Exception:  # noqa: BLE001 - whatever the library makes of the user's file
                what = f"event {uid!r}" if uid else "an event without UID"
                first = group[0]
                rule = ", ".join(f"{name} {_shorten(where.words(uid, 0, name) or _written(v), 60)!r}"
                                 for name in ("DTSTART", "RRULE", "RDATE") for v in _values(first.get(name))[:1])
                problems.append(Problem(path, where.line(uid, 0, "RRULE" if "RRULE" in first else "DTSTART"),
                                        WARNING, f"{what} left out: its recurrence ({rule}) cannot be expanded",
                                        "ics-event-left-out"))
    cancel_all = str(method or "").upper() == "CANCEL"
    return occurrences_of(found, recurring, cancel_all, since, until), problems


def _calendar_line(text: str, name: str, nth: int = 1) -> int:
    """The line of the ``nth`` calendar property ``name`` in ``text`` (outside every component); 1 if none."""
    depth, seen = 0, 0
    for number, line in logical_lines(text):
        key = line.split(":", 1)[0].split(";", 1)[0].upper()
        if key == "BEGIN":
            depth += 1
        elif key == "END":
            depth -= 1
        elif depth == 1 and key == name:
            seen += 1
            if seen == nth:
                return number
    return 1


def _with_events(cal, events: list):
    """``cal`` with only ``events`` as its events: its properties (X-WR-TIMEZONE …) and time zones kept."""
    out = cal.copy()
    out.subcomponents = [c for c in cal.subcomponents if c.name != "VEVENT"] + events
    return out


def _recurs(event) -> bool:
    return "RRULE" in event or "RDATE" in event or "RECURRENCE-ID" in event


def recurring_uids(events) -> set[str]:
    """The UIDs of ``events`` that have an RRULE, RDATE or RECURRENCE-ID."""
    return {str(single(e, "UID")) for e in events if "UID" in e and _recurs(e)}


def expanded(cal, since: dt.date, until: dt.date) -> list:
    """``(event, start, original start)`` of each occurrence ``recurring-ical-events`` finds in
    ``cal`` around the window; the original start is the one the series' rule gave it (its
    RECURRENCE-ID), which a moved occurrence keeps.

    A day more on each side: the window is on start dates in each event's own zone. An
    override with ``RECURRENCE-ID;RANGE=THISANDFUTURE`` moves every later occurrence by as
    much as it moves its own; recurring-ical-events gives each of them the override's
    RECURRENCE-ID, so their original start is their start moved back by that much.
    """
    shifts = {}
    for e in cal.walk("VEVENT"):
        rid = e.get("RECURRENCE-ID")
        if rid is not None and str(rid.params.get("RANGE", "")).upper() == "THISANDFUTURE":
            with contextlib.suppress(TypeError, ValueError, AttributeError):
                shifts[(str(e.get("UID")), rid.dt)] = e["DTSTART"].dt - rid.dt
    out = []
    for e in recurring_ical_events.of(cal, components=["VEVENT"]).between(
            shifted(since, -1), shifted(until, 2)):
        start = e["DTSTART"].dt
        rid = e.get("RECURRENCE-ID")
        original = rid.dt if rid is not None else start
        shift = shifts.get((str(e.get("UID")), original)) if shifts and rid is not None else None
        if shift is not None:
            with contextlib.suppress(TypeError, ValueError, OverflowError):
                original = start - shift
        out.append((e, start, original))
    return out


def occurrences_of(found, recurring: set[str], cancel_all: bool, since: dt.date, until: dt.date) -> list[Occurrence]:
    """:class:`Occurrence` of each ``(event, start)`` in ``found`` whose start date is in the window,
    sorted by date, then source. ``recurring``: the UIDs whose sources get ``@<original date>``;
    ``cancel_all``: the calendar is a cancellation (METHOD:CANCEL)."""
    out: list[Occurrence] = []
    known: dict = {}  # _people's memo: the calendar keeps every key's parameters alive
    same_day: dict[str, list] = {}  # a series' source by original date -> (original start, index in out)
    for event, start, original in found:
        day = _day(start)
        if day is None or not since <= day <= until:
            continue
        in_series = "UID" in event and str(single(event, "UID")) in recurring
        uid = _text(event, "UID")
        summary = _text(event, "SUMMARY")
        if uid is None:  # RFC 5545 requires one; without it, the event's start and summary stand in
            uid = "nouid-" + hashlib.sha1(f"{vDDDTypes(start).to_ical()!r}|{summary}".encode()).hexdigest()[:16]
        source = f"ics:{uid}"
        if in_series:
            original = start if original is None else original
            source += f"@{(_day(original) or day).isoformat()}"
            same_day.setdefault(source, []).append((original, len(out)))
        cancelled = cancel_all or (_text(event, "STATUS") or "").upper() == "CANCELLED"
        out.append(Occurrence(uid=uid, date=day, source=source, summary=summary,
                              location=_text(event, "LOCATION"), description=_text(event, "DESCRIPTION"),
                              cancelled=cancelled, attendees=_people(event, known)))
    for source, group in same_day.items():
        if len(group) > 1:  # several occurrences of one series on one original date: all but the first
            group.sort(key=lambda item: _sort_time(item[0]))  # get the original time too
            for original, at in group[1:]:
                out[at] = replace(out[at], source=f"{source}T{_clock(original)}")
    out.sort(key=lambda o: (o.date, o.source))
    return out


def _sort_time(when) -> tuple:
    """An original start as a sort key: its wall-clock time in its own zone (a date: midnight)."""
    return (when.time() if isinstance(when, dt.datetime) else dt.time(), str(when))


def _clock(when) -> str:
    """``HH:MM`` (``HH:MM:SS`` when it has seconds) of an original start, wall-clock in its own zone."""
    if not isinstance(when, dt.datetime):
        return "00:00"
    return when.strftime("%H:%M:%S" if when.second else "%H:%M")


# --------------------------------------------------------------------------- 3. plan


def is_video(o: Occurrence) -> bool:
    """True when LOCATION or DESCRIPTION holds a link to a video-meeting service."""
    return any(VIDEO_LINK.search(t) for t in (o.location, o.description) if t)


def channel_of(o: Occurrence) -> str:
    """``video`` (a video-meeting link), ``phone`` (a ``tel:`` link and no location), else ``in-person``."""
    if is_video(o):
        return "video"
    if (o.location and _PHONE_LINK.search(o.location)) or (
            not o.location and o.description and _PHONE_LINK.search(o.description)):
        return "phone"
    return "in-person"


def plan(found: list[Occurrence], index: PeopleIndex, me, kinds: dict[str, Kind],
         sources: set[str], *, unknown_as_refs: bool = False) -> Plan:
    """Drafts and skips for ``found``: the rules of docs/format.md §12, in order.

    Skipped, each with one of the reasons docs/capture.md lists: an
    occurrence whose own source is in ``sources`` (already in an entry or a
    draft); one whose source is earlier in ``found`` (the same occurrence
    again in the file); a cancelled one; one that an
    address of ``me`` (the option: addresses as ``people.email_address``
    gives them) declined; one with no known person (an attendee's or the
    organizer's address in a person's ``links``: ``index.by_email``; else a
    CN that is a ref of exactly one person) unless ``unknown_as_refs``, when
    unknown CNs become refs. An address in the links of several people is
    matched to the first (see ``PeopleIndex.shared_emails``).
    """
    me = frozenset(me)

    def is_me(address: str | None) -> bool:
        return address is not None and address in me

    out = Plan()
    seen: set[str] = set()  # the sources of the occurrences before, in this file
    for o in found:
        if o.source in sources:  # its own source, in an entry or a draft: nothing else counts
            out.skips.append(Skip(o, f"already imported ({o.source})"))
            continue
        if o.source in seen:
            out.skips.append(Skip(o, f"the same occurrence again in this file ({o.source})"))
            continue
        seen.add(o.source)
        if o.cancelled:
            out.skips.append(Skip(o, "cancelled"))
            continue
        if any(is_me(a.address) and a.partstat == "DECLINED" for a in o.attendees):
            out.skips.append(Skip(o, "you declined it"))
            continue
        refs: list[str] = []
        slugs: set[str] = set()
        unmatched: list[str] = []
        unknown: list[str] = []
        for a in o.attendees:
            if is_me(a.address):
                continue
            owners = index.by_email(a.address)
            slug = owners[0].slug if owners else None
            if slug is None and a.name:
                named = index.resolve(a.name)
                slug = named[0].slug if len(named) == 1 else None
            if slug is not None:
                if slug not in slugs:
                    slugs.add(slug)
                    refs.append(index.people[slug].name)
            elif unknown_as_refs and a.name and slugify(a.name):
                unknown.append(a.name)
            else:
                unmatched.append(a.shown())
        for name in unknown:
            if name not in refs:
                refs.append(name)
        if not refs:
            others = [a for a in o.attendees if not is_me(a.address)]
            if not others:
                why = "no attendees but you"
            elif unknown_as_refs:
                why = "no attendee has a name (CN) to use as a ref"
            else:
                why = "no known person (" + ", ".join(a.shown() for a in others[:3]) + \
                      (", …" if len(others) > 3 else "") + "; --all drafts it anyway)"
            out.skips.append(Skip(o, why))
            continue
        kind = "video" if is_video(o) and "video" in kinds else "meeting"
        out.drafts.append(Draft(o, kind, tuple(refs), one_line(o.summary) if o.summary else None,
                                channel_of(o), tuple(unmatched)))
    return out
