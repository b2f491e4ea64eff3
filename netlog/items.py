"""The follow-up items (docs/format.md §6): where each comes from, its state, the item itself.

Made by ``followups.py`` and read by ``netlog due``, the pages, the feed, the digest and the
acting commands; nothing here does I/O. Apart from :mod:`netlog.model` so that ``netlog check``,
which has no items, does not make their classes (start-up, issue 27).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Source(StrEnum):
    """Where a follow-up comes from (docs/format.md §6). Adding a source is one line here
    (and the rule in followups.py that makes its items)."""

    EXPLICIT = "explicit"  # the entry's own `follow_up`
    RULE = "rule"  # the kind's rule (`after`)
    THANKS = "thanks"  # thank the people in `via`
    CADENCE = "cadence"  # keep in touch with a person
    VISIBILITY = "visibility"  # time for the next showcase
    LOOP = "loop"  # tell the people behind an opening what came of it (docs/format.md §11)
    BIRTHDAY = "birthday"  # wish a person a happy birthday (docs/format.md §6, source 7)


#: Follow-ups of these sources are closed by a later entry with the person (docs/format.md §6).
CLOSABLE_SOURCES = frozenset({Source.EXPLICIT, Source.RULE, Source.THANKS, Source.LOOP})


class Status(StrEnum):
    """A follow-up's state as of today (docs/format.md §6)."""

    OVERDUE = "overdue"
    TODAY = "today"
    UPCOMING = "upcoming"
    LATER = "later"
    CLOSED = "closed"


#: The statuses of open follow-ups, most urgent first.
OPEN_STATUSES = (Status.OVERDUE, Status.TODAY, Status.UPCOMING, Status.LATER)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A follow-up (docs/format.md §6). ``person`` and ``entry`` may be None."""

    due: dt.date
    person: str | None  # slug
    name: str | None  # display name
    source: Source
    action: str
    entry: str | None  # the entry's path in the log
    status: Status | str = ""  # "" until followups.compute gives it one
    closed: bool = False  # only follow-ups of CLOSABLE_SOURCES can be closed
    snoozed_from: dt.date | None = None  # the due date before a snooze moved it (docs/format.md §6)

    def sort_key(self) -> tuple:
        return (self.due, self.name or "", self.source, self.entry or "")

    def with_status(self, status: Status | str) -> FollowUp:
        """This item with ``status``: ``dataclasses.replace(self, status=status)`` at a fraction of
        its cost (every item of ``netlog due`` gets one; issue 27)."""
        return FollowUp(self.due, self.person, self.name, self.source, self.action, self.entry, status,
                        self.closed, self.snoozed_from)

    def to_json(self) -> dict:
        return {
            "due": self.due.isoformat(),
            "status": self.status,
            "person": self.person,
            "name": self.name,
            "source": self.source,
            "action": self.action,
            "entry": self.entry,
            "snoozed_from": self.snoozed_from.isoformat() if self.snoozed_from else None,
        }
