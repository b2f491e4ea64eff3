"""What changed since your last review (docs/format.md §15): pure functions of (log, today).

One home for the review mark and the "since" span, so that every place that
says "since your last review" says the same thing: the audit's Since part
(``audit.py``, ``netlog audit --since``) uses it now; the dashboard and
``netlog digest`` will use it too (a later issue), with no logic of their own.

- :func:`review_mark`: the last ``review`` entry dated before today; with
  none, 30 days before today.
- :func:`contacts_as_of`: each person's first and last contact and how many
  there are, as of a day. A contact is an entry with the person in ``with``
  dated on or before that day; entries of the ``self`` group are nobody's
  contact (docs/format.md §5).
- :func:`since`: from the day after the mark to today, the entries (not of
  the ``self`` group), the people met, the people first met, the openings
  and the ``introduced`` entries.

"As of the mark" is the same computation with today = the mark, on the same
files, so a report about a past span is reproducible.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .intros import INTRODUCED, is_opening
from .model import Entry, Group, Log

#: The kind whose entries mark a review of your network (docs/format.md §5).
REVIEW_KIND = "review"
#: With no review before today, the span starts this many days before today.
DEFAULT_DAYS = 30


@dataclass(frozen=True, slots=True)
class Contact:
    """One person's contacts as of a day: the ``first`` and ``last`` dates and their number ``n``."""

    first: dt.date
    last: dt.date
    n: int


def contacts_as_of(log: Log, day: dt.date) -> dict[str, Contact]:
    """``{slug: Contact}`` for every person with at least one contact dated on or before ``day``.

    One pass over the log (entries are sorted by date, then path).
    """
    first: dict[str, dt.date] = {}
    last: dict[str, dt.date] = {}
    n: dict[str, int] = {}
    for e in log.entries:
        if e.date > day:
            break
        for slug in e.contacts:  # nobody's, for an entry of the self group
            first.setdefault(slug, e.date)
            last[slug] = e.date
            n[slug] = n.get(slug, 0) + 1
    return {slug: Contact(first[slug], last[slug], n[slug]) for slug in first}


def review_mark(log: Log, today: dt.date) -> tuple[dt.date, Entry | None]:
    """(the mark, the review entry that set it): the last ``review`` entry dated before
    ``today``; with none, ``today`` − 30 days (or the calendar's first day) and None."""
    found = None
    for e in log.entries:
        if e.date >= today:
            break
        if e.kind == REVIEW_KIND:
            found = e
    if found is not None:
        return found.date, found
    try:
        return today - dt.timedelta(days=DEFAULT_DAYS), None
    except OverflowError:
        return dt.date.min, None


@dataclass(slots=True)
class Since:
    """What happened from the day after ``mark`` to ``today``, both included.

    ``entries``: not of the ``self`` group, oldest first; ``met``: slugs of the
    people in their ``with``; ``first_met``: slugs of the people whose ``met``
    (else their first contact) lies in the span; ``openings`` and
    ``introduced``: entries of those kinds in the span. People are sorted by
    name, then slug. ``review`` is the entry that set the mark, or None.
    """

    mark: dt.date
    today: dt.date
    review: Entry | None = None
    entries: list[Entry] = field(default_factory=list)
    met: list[str] = field(default_factory=list)
    first_met: list[str] = field(default_factory=list)
    openings: list[Entry] = field(default_factory=list)
    introduced: list[Entry] = field(default_factory=list)

    @property
    def start(self) -> dt.date:
        """The first day of the span (the day after the mark)."""
        return self.mark if self.mark == dt.date.max else self.mark + dt.timedelta(days=1)


def since(log: Log, today: dt.date, mark: dt.date | None = None,
          contacts: dict[str, Contact] | None = None) -> Since:
    """The :class:`Since` of ``log`` from the day after ``mark`` (default :func:`review_mark`)
    to ``today``. ``contacts`` is :func:`contacts_as_of` ``today``, when the caller has it."""
    review = None
    if mark is None:
        mark, review = review_mark(log, today)
    out = Since(mark, today, review)
    if contacts is None:
        contacts = contacts_as_of(log, today)
    met: set[str] = set()
    for e in log.entries:
        if e.date > today:
            break
        if e.date <= mark or e.group == Group.SELF:
            continue
        out.entries.append(e)
        met.update(e.with_)
        if is_opening(log, e):
            out.openings.append(e)
        if e.kind == INTRODUCED:
            out.introduced.append(e)
    first: list[str] = []
    for slug, p in log.people.items():
        day = p.met if p.met is not None else (contacts[slug].first if slug in contacts else None)
        if day is not None and mark < day <= today:
            first.append(slug)

    def by_name(slugs):
        return sorted(slugs, key=lambda s: (log.people[s].name.casefold(), s))

    out.met = by_name(met)
    out.first_met = by_name(first)
    return out
