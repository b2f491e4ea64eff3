"""Follow-up items as an iCalendar feed (``netlog due --format ics`` and the site's
``follow-ups.ics``), written with the ``icalendar`` package.

Each item becomes one all-day event whose UID depends only on what the item
is about (source, person, entry), not on its date, so a calendar app that
re-reads the feed moves the event instead of adding a second one. An item
overdue as of today is dated today (a calendar shows it where you look, not
on a day already past), its description saying since when it is due. Every
event carries a ``VALARM`` (``ACTION:DISPLAY``) at the option ``alarm``'s
time of day on the event's date (docs/format.md §16).
"""

from __future__ import annotations

import datetime as dt
import hashlib

import icalendar

from .items import FollowUp


def item_uid(item: FollowUp) -> str:
    """The event's UID: a hash of the item's source, person and entry (never of its date)."""
    key = "\x1f".join((item.source, item.person or "", item.entry or ""))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:24] + "@netlog"


def alarm(at: dt.time, summary: str) -> icalendar.Alarm:
    """A ``VALARM`` (``ACTION:DISPLAY``) at time of day ``at`` on an all-day event's date: a
    trigger relative to the event's start (its midnight, in the calendar's own time zone),
    as calendar apps write their own all-day alerts (``TRIGGER;RELATED=START:PT9H``)."""
    out = icalendar.Alarm()
    out.add("action", "DISPLAY")
    out.add("description", summary)
    out.add("trigger", dt.timedelta(hours=at.hour, minutes=at.minute), parameters={"RELATED": "START"})
    return out


def to_ics(items: list[FollowUp], today: dt.date, alarm_at: dt.time | None = dt.time(9, 0),
           memo: dict | None = None) -> bytes:
    """An iCalendar file with one all-day VEVENT per item, dated its due date, or today when
    it is overdue; each with an alarm at ``alarm_at`` on that day (None: no alarms).

    ``memo`` (a dict the caller keeps, as ``netlog serve`` does): each event's bytes are kept
    (under its key ``"ics"``) by what they follow from (the item, ``today``, ``alarm_at``) and
    reused; the file is
    the same with or without it (the calendar's lines, then its events' lines, as
    ``icalendar`` writes a calendar with those events).
    """
    cal = icalendar.Calendar()
    cal.add("prodid", "-//netlog//follow-ups//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "netlog follow-ups")
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    if not head.endswith(end):  # pragma: no cover - icalendar writes its END line last
        raise AssertionError("unexpected calendar layout")
    events = []
    old: dict = memo.get("ics", {}) if memo is not None else {}
    new: dict = {}  # the events of these items only: what went away is not kept
    for item in items:
        key = (item, today, alarm_at)
        kept = old.get(key)
        if kept is None:
            kept = event_ics(item, today, alarm_at)
        new[key] = kept
        events.append(kept)
    if memo is not None:
        memo["ics"] = new
    return head[:-len(end)] + b"".join(events) + end


def event_ics(item: FollowUp, today: dt.date, alarm_at: dt.time | None) -> bytes:
    """The VEVENT of one item (see :func:`to_ics`), as the lines ``icalendar`` writes."""
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    event = icalendar.Event()
    event.add("uid", item_uid(item))
    event.add("dtstamp", stamp)
    day = max(item.due, today)  # overdue: shown today, where a calendar is looked at
    event.add("dtstart", day)
    if day < dt.date.max:  # an all-day event without DTEND lasts its one day anyway
        event.add("dtend", day + dt.timedelta(days=1))
    summary = f"{item.action} ({item.name})" if item.name and item.name not in item.action else item.action
    event.add("summary", summary)
    lines = [f"Source: {item.source}", f"Status on {today.isoformat()}: {item.status}"]
    if item.due < today:
        lines.insert(0, f"Overdue since {item.due.isoformat()}")
    if item.name:
        lines.insert(0, f"Person: {item.name}")
    if item.entry:
        lines.append(f"Entry: {item.entry}")
    if item.snoozed_from is not None:
        lines.append(f"Snoozed from: {item.snoozed_from.isoformat()}")
    event.add("description", "\n".join(lines))
    event.add("categories", ["netlog", item.source])
    if alarm_at is not None:
        event.add_component(alarm(alarm_at, summary))
    return event.to_ical()
