"""Calendar import (docs/format.md §12): an iCalendar export -> drafts of entries.

Three pure stages, each returning ``(result, problems)`` or plain values:

1. :func:`read_calendar`: bytes -> an ``icalendar.Calendar`` (``icalendar``
   parses, unfolds lines and decodes parameters such as a non-ASCII CN);
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

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

import icalendar
import recurring_ical_events
from icalendar import vDDDTypes
from icalendar.parser import Contentline, Contentlines, unescape_backslash
from icalendar.parser.ical import CalendarIcalParser

from .. import readfile
from ..yamlemit import one_line
from ..model import ERROR, WARNING, Kind, Problem
from ..people import PeopleIndex, email_address
from ..slug import slugify

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
    so a moved occurrence keeps its source).
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
        lines = ["Drafted from a calendar by `netlog import ics`: add what was said and what came of it."]
        o = self.occurrence
        if o.location and not VIDEO_LINK.search(o.location):
            lines += ["", f"Location: {one_line(o.location)}"]
        if self.unmatched:
            lines += ["", "Attendees not in the log:", ""] + [f"- {a}" for a in self.unmatched]
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
    except Exception as e:  # noqa: BLE001 - icalendar raises ValueError, KeyError, IndexError ...
        return None, [Problem(path, 1, ERROR, f"not a readable iCalendar file: {_one(e)}", "ics-unreadable")]
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


def _why_no_calendar(text: str) -> str:
    """Why icalendar found no calendar in ``text``, which starts with BEGIN:VCALENDAR."""
    names = [line.strip().upper() for line in text.splitlines()]
    if "END:VCALENDAR" not in names:
        begun = [n for n, name in enumerate(names, 1) if name == "BEGIN:VEVENT"]
        ended = names.count("END:VEVENT")
        inside = f", inside the event that begins on line {begun[-1]}" if len(begun) > ended else ""
        return f"it ends without END:VCALENDAR{inside}; the export looks cut short (export it again)"
    return "no VCALENDAR in it"


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
    the file (:data:`_SHARED`) once per distinct line. Raises what icalendar
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
    return _Parser(lines, icalendar.ComponentFactory(), icalendar.Calendar.types_factory).parse()


#: Properties whose parsed value depends on their line alone (not on a time zone defined
#: elsewhere in the file): one value serves every event with the same line.
_SHARED = frozenset({"ATTENDEE", "ORGANIZER", "LOCATION", "DESCRIPTION", "STATUS", "SEQUENCE"})


class _Parser(CalendarIcalParser):
    """icalendar's calendar parser, adding the value it made for a line of :data:`_SHARED` to
    every further component with the same line, rather than making it again."""

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
    lo = since - dt.timedelta(days=2)
    hi = until + dt.timedelta(days=2)
    out: list = []  # lines, and the events held back (UID, lines) until every UID is known
    uids: Counter = Counter()
    event: list[str] | None = None  # the physical lines of the VEVENT being read
    uid: list[str] = []  # the physical lines of its UID
    in_uid = False  # the last line read is the UID's
    recurring = False
    start: dt.date | None = None
    skip_depth = 0  # inside a component left out (VALARM, VTODO …)
    keep_line = True
    for raw in text.splitlines(keepends=True):
        if raw[:1] in (" ", "\t"):  # a folded continuation: goes with its line
            if keep_line and not skip_depth:
                (event if event is not None else out).append(raw)
                if in_uid:
                    uid.append(raw)
            continue
        in_uid = False
        line = raw.rstrip("\r\n")
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


def _text(component, name: str) -> str | None:
    value = component.get(name)
    if value is None:
        return None
    if isinstance(value, list):
        value = value[0] if value else None
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
    organizer = event.get("ORGANIZER")
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


def _line_of(text: str, uid: str | None, name: str | None = None) -> int:
    """The line of property ``name`` (``DTSTART``, ``RRULE`` …) in the event with UID ``uid`` in
    the calendar's text, else of its ``UID:`` line; 1 when the event cannot be found."""
    if not text or not uid:
        return 1
    at = text.find(f"UID:{uid}")
    if at < 0:
        return 1
    if name:
        begin, end = text.rfind("BEGIN:VEVENT", 0, at), text.find("END:VEVENT", at)
        found = re.compile(rf"^{re.escape(name)}[;:]", re.M | re.I).search(text, max(begin, 0),
                                                                           end if end >= 0 else len(text))
        if found:
            at = found.start()
    return text.count("\n", 0, at) + 1


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


def set_aside_broken(cal, path: str, text: str = "") -> list[Problem]:
    """Take out of ``cal`` the events whose timing cannot be read: no DTSTART, or a DTSTART,
    RRULE, RDATE, EXDATE or RECURRENCE-ID that icalendar could not parse. Each gets a warning
    at the faulty line of ``text`` (the file as read), so that one bad event does not stop the
    import. Whether a readable recurrence can be expanded is recurring-ical-events' to say
    (:func:`occurrences`).
    """
    problems: list[Problem] = []
    for component in list(cal.subcomponents):
        unread = _unreadable_timing(component) if component.name == "VEVENT" else None
        if unread is None:
            continue
        why, where = unread
        cal.subcomponents.remove(component)
        uid = _text(component, "UID")
        what = f"event {uid!r}" if uid else "an event without UID"
        problems.append(Problem(path, _line_of(text, uid, where), WARNING, f"{what} left out: {why}",
                                "ics-event-left-out"))
    return problems


def _unreadable_timing(event) -> tuple[str, str] | None:
    """``(why, property)`` when ``event`` has no DTSTART or one of :data:`_TIMING` that icalendar
    could not read (a vBroken, or a DTSTART that is not a date); None when its timing reads."""
    if event.get("DTSTART") is None:
        return "it has no DTSTART", "UID"
    for name in _TIMING:
        for value in _values(event.get(name)):
            if name == "DTSTART" and not _is_date(value):
                return f"DTSTART {_written(value)!r} is not a date or a date-time", name
            if isinstance(value, icalendar.vBroken):
                return f"{name} {_written(value)!r} cannot be read", name
    return None


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
    for event in cal.walk("VEVENT"):
        start = event.get("DTSTART")
        zone = getattr(start, "params", {}).get("TZID")
        if not zone or zone in seen:
            continue
        when = start.dt
        if isinstance(when, dt.datetime) and when.tzinfo is None:
            seen.add(zone)
            problems.append(Problem(path, _line_of(text, _text(event, "UID"), "DTSTART"), WARNING,
                                    f"time zone {str(zone)!r} is unknown: its times are read as written, "
                                    "without a zone", "ics-unknown-zone"))
    return problems


def _calendar_zone(cal):
    """The calendar's ``X-WR-TIMEZONE`` as a time zone, or None; ValueError when it names none."""
    import zoneinfo

    name = cal.get("X-WR-TIMEZONE")
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
    uids = Counter(str(e["UID"]) for e in events if "UID" in e)
    expand = recurring | {uid for uid, n in uids.items() if n > 1}
    series = [e for e in events if _recurs(e) or "UID" in e and str(e["UID"]) in expand]
    in_series = {id(e) for e in series}
    try:
        zone = _calendar_zone(cal)
    except ValueError as e:
        return [], [Problem(path, 1, ERROR, f"cannot expand the calendar's events: {_one(e)}", "ics-unreadable")]
    found = [(e, _single_start(e["DTSTART"].dt, zone)) for e in events if id(e) not in in_series]
    problems: list[Problem] = []
    try:
        found += expanded(_with_events(cal, series), since, until) if series else []
    except Exception:  # noqa: BLE001 - a recurrence the library cannot expand: find which, below
        by_uid: dict[str, list] = {}
        for e in series:
            by_uid.setdefault(_text(e, "UID") or "", []).append(e)
        for uid, group in by_uid.items():  # one bad series must not stop the others
            try:
                found += expanded(_with_events(cal, group), since, until)
            except Exception as e:  # noqa: BLE001 - whatever the library makes of the user's file
                what = f"event {uid!r}" if uid else "an event without UID"
                problems.append(Problem(path, _line_of(text, uid, "RRULE"), WARNING,
                                        f"{what} left out: its recurrence cannot be expanded: {_one(e)}",
                                        "ics-event-left-out"))
    cancel_all = str(cal.get("METHOD", "")).upper() == "CANCEL"
    return occurrences_of(found, recurring, cancel_all, since, until), problems


def _with_events(cal, events: list):
    """``cal`` with only ``events`` as its events: its properties (X-WR-TIMEZONE …) and time zones kept."""
    out = cal.copy()
    out.subcomponents = [c for c in cal.subcomponents if c.name != "VEVENT"] + events
    return out


def _recurs(event) -> bool:
    return "RRULE" in event or "RDATE" in event or "RECURRENCE-ID" in event


def recurring_uids(events) -> set[str]:
    """The UIDs of ``events`` that have an RRULE, RDATE or RECURRENCE-ID."""
    return {str(e["UID"]) for e in events if "UID" in e and _recurs(e)}


def expanded(cal, since: dt.date, until: dt.date) -> list:
    """``(event, start)`` of each occurrence ``recurring-ical-events`` finds in ``cal`` around the window.

    A day more on each side: the window is on start dates in each event's own zone.
    """
    return [(e, e["DTSTART"].dt) for e in recurring_ical_events.of(cal, components=["VEVENT"])
            .between(since - dt.timedelta(days=1), until + dt.timedelta(days=2))]


def occurrences_of(found, recurring: set[str], cancel_all: bool, since: dt.date, until: dt.date) -> list[Occurrence]:
    """:class:`Occurrence` of each ``(event, start)`` in ``found`` whose start date is in the window,
    sorted by date, then source. ``recurring``: the UIDs whose sources get ``@<original date>``;
    ``cancel_all``: the calendar is a cancellation (METHOD:CANCEL)."""
    out: list[Occurrence] = []
    known: dict = {}  # _people's memo: the calendar keeps every key's parameters alive
    for event, start in found:
        day = _day(start)
        if day is None or not since <= day <= until:
            continue
        in_series = "UID" in event and str(event["UID"]) in recurring
        uid = _text(event, "UID")
        summary = _text(event, "SUMMARY")
        if uid is None:  # RFC 5545 requires one; without it, the event's start and summary stand in
            uid = "nouid-" + hashlib.sha1(f"{vDDDTypes(start).to_ical()!r}|{summary}".encode()).hexdigest()[:16]
        source = f"ics:{uid}"
        if in_series:
            rid = event.get("RECURRENCE-ID")
            original = _day(rid.dt) if rid is not None else day
            source += f"@{(original or day).isoformat()}"
        cancelled = cancel_all or (_text(event, "STATUS") or "").upper() == "CANCELLED"
        out.append(Occurrence(uid=uid, date=day, source=source, summary=summary,
                              location=_text(event, "LOCATION"), description=_text(event, "DESCRIPTION"),
                              cancelled=cancelled, attendees=_people(event, known)))
    out.sort(key=lambda o: (o.date, o.source))
    return out


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

    Skipped: an occurrence whose source is in ``sources`` (already in an
    entry or a draft) or earlier in ``found``; a cancelled one; one that an
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
    seen = set(sources)
    for o in found:
        if o.source in seen:
            out.skips.append(Skip(o, f"already imported ({o.source})"))
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
