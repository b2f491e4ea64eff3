"""Plain English for the pages: dates, distances in time, numbers, why an item exists,
and the command that records it done.

Pure functions of their arguments (no MkDocs, no I/O). Everything date-relative
takes ``today`` explicitly.
"""

from __future__ import annotations

import datetime as dt

from ..items import FollowUp, Source
from ..model import Entry
from ..titles import join_names
from .md import MONTHS, plural


def number(n: int) -> str:
    """``12,345``."""
    return f"{n:,}"


def short_date(d: dt.date, today: dt.date) -> str:
    """``18 Nov`` in today's year, ``18 Nov 2024`` otherwise."""
    text = f"{d.day} {MONTHS[d.month - 1][:3]}"
    return text if d.year == today.year else f"{text} {d.year}"


def _span(days: int) -> str:
    """A distance of ``days`` (> 0) in the largest unit that reads naturally."""
    if days < 14:
        return plural(days, "day")
    if days < 60:
        return plural(days // 7, "week")
    if days < 730:
        return plural(days // 30, "month")
    return plural(days // 365, "year")


def when(due: dt.date, today: dt.date) -> str:
    """How late or how soon ``due`` is: ``3 days overdue``, ``due today``, ``tomorrow``, ``in 2 weeks``."""
    days = (due - today).days
    if days < 0:
        return f"{_span(-days)} overdue"
    if days == 0:
        return "due today"
    if days == 1:
        return "tomorrow"
    return f"in {_span(days)}"


def ago(d: dt.date, today: dt.date) -> str:
    """``today``, ``yesterday``, ``3 days ago``, ``in 2 days`` (a planned date)."""
    days = (today - d).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return f"in {_span(-days)}"
    return f"{_span(days)} ago"


_UNITS = {"d": "day", "w": "week", "m": "month", "y": "year"}


def offset_words(offset) -> str:
    """An offset (dates.Offset) in words: ``2w`` -> ``2 weeks``, ``1m`` -> ``a month``."""
    unit = _UNITS[offset.unit]
    return f"a {unit}" if offset.n == 1 else plural(offset.n, unit)


def every_words(offset) -> str:
    """A cadence in words: ``1m`` -> ``every month``, ``2w`` -> ``every 2 weeks``."""
    return f"every {_UNITS[offset.unit]}" if offset.n == 1 else f"every {offset_words(offset)}"


def kind_words(kind: str) -> str:
    """A kind as words: ``thank-you`` -> ``thank-you``, ``lunch-and-learn`` -> ``lunch and learn``."""
    return kind if kind in ("thank-you", "follow-up") else kind.replace("-", " ")


# the kinds whose name is not the noun a sentence needs ("after the introduced on ...")
_KIND_NOUNS = {"intro": "the introduction", "introduced": "the introduction you made",
               "video": "the video call", "volunteer": "the volunteering", "takeaways": "the takeaways you shared",
               "meal": "the meal", "message": "the message"}


def kind_phrase(kind: str) -> str:
    """An entry of ``kind`` as the object of a sentence: ``the event``, ``the introduction``
    (intro), ``the introduction you made`` (introduced), ``the lunch and learn``."""
    return _KIND_NOUNS.get(kind) or "the " + kind_words(kind)


def quoted(title: str) -> str:
    """A title inside a sentence, in quotation marks: ``“Interview: GC role”``."""
    return f"\u201c{title}\u201d"


def reason(item: FollowUp, entry: Entry | None, names: dict[str, str], today: dt.date,
           last: dt.date | None) -> str:
    """Why ``item`` exists, in plain words (plain text; the caller escapes it).

    ``names`` maps slugs to display names (for "introduced you to ..."); ``last``
    is the person's last contact (cadence items) or the last showcase (visibility).
    """
    if item.source == Source.CADENCE:  # the action names the cadence ("Keep in touch (every 2m)")
        if last is not None:
            return f"last contact {short_date(last, today)}, {ago(last, today)}"
        return "no contact yet"
    if item.source == Source.BIRTHDAY:
        return "their birthday"
    if item.source == Source.VISIBILITY:
        if last is not None:
            return f"last showcase {short_date(last, today)}"
        return "no showcase yet"
    if entry is None:
        return item.source
    on = short_date(entry.date, today)
    if item.source == Source.THANKS:
        others = [names[s] for s in entry.with_ if s in names and s != item.person]
        if entry.kind == "intro" and others:
            return "introduced you to " + join_names(others)
        return f"opened the door to {quoted(entry.title)} ({on})"
    if item.source == Source.RULE:
        return f"after {kind_phrase(entry.kind)} on {on}"
    if item.source == Source.EXPLICIT:
        return f"you asked to follow up after {kind_phrase(entry.kind)} on {on}"
    if item.source == Source.LOOP:
        return f"their introduction led to {quoted(entry.title)} ({on})"
    return item.source


def snooze_note(item: FollowUp, today: dt.date) -> str:
    """``snoozed until 3 Dec (was due 25 Nov)`` for an item a snooze moved, else ""
    (docs/format.md §6, Snoozing)."""
    if item.snoozed_from is None:
        return ""
    return f"snoozed until {short_date(item.due, today)} (was due {short_date(item.snoozed_from, today)})"


def done_command(item: FollowUp, entry: Entry | None) -> str:
    """The ``netlog done`` command that records ``item`` done (an entry with the person today).

    The kind is the one the item calls for (``acting.kind_for``, docs/format.md §13),
    given with ``--kind`` so that the command closes this very item whatever the
    person's other items are. A visibility item is closed by a showcase.
    """
    from ..acting import kind_for

    if item.source == Source.VISIBILITY or item.person is None:
        return 'netlog new takeaways --title "What I learned"'
    return f"netlog done {item.person} --kind {kind_for(item.source, entry.kind if entry else None)}"
