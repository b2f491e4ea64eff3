"""Follow-up items as an iCalendar feed (``netlog due --format ics`` and the site's
``follow-ups.ics``), written with the ``icalendar`` package.

Each item becomes one all-day event whose UID depends only on what the item
is about (source, person, entry), not on its date, so a calendar app that
re-reads the feed moves the event instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import icalendar

from .model import FollowUp


def item_uid(item: FollowUp) -> str:
    key = "\x1f".join((item.source, item.person or "", item.entry or ""))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:24] + "@netlog"


def to_ics(items: list[FollowUp], today: dt.date) -> bytes:
    """An iCalendar file with one all-day VEVENT per item."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//netlog//follow-ups//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "netlog follow-ups")
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    for item in items:
        event = icalendar.Event()
        event.add("uid", item_uid(item))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        if item.due < dt.date.max:  # an all-day event without DTEND lasts its one day anyway
            event.add("dtend", item.due + dt.timedelta(days=1))
        summary = f"{item.action} ({item.name})" if item.name and item.name not in item.action else item.action
        event.add("summary", summary)
        lines = [f"Source: {item.source}", f"Status on {today.isoformat()}: {item.status}"]
        if item.name:
            lines.insert(0, f"Person: {item.name}")
        if item.entry:
            lines.append(f"Entry: {item.entry}")
        if item.snoozed_from is not None:
            lines.append(f"Snoozed from: {item.snoozed_from.isoformat()}")
        event.add("description", "\n".join(lines))
        event.add("categories", ["netlog", item.source])
        cal.add_component(event)
    return cal.to_ical()
