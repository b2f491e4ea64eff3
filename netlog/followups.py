"""Follow-ups (docs/format.md §6): pure functions of (log, today, options).

Third stage of the pipeline. Every page, ``netlog due`` and the calendar feed
read items from :func:`compute`, so there is one source of truth.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import replace

from .dates import Offset, add_or_never
from .items import CLOSABLE_SOURCES, OPEN_STATUSES, FollowUp, Source, Status
from .kinds import SAME_DAY_CLOSERS, VISIBILITY
from .model import Birthday, Entry, Log, Person
from .titles import join_names

STATUSES = OPEN_STATUSES  # overdue, today, upcoming, later
VISIBILITY_ACTION = "Showcase your work: give a talk, volunteer, circulate takeaways"


class Contacts:
    """Every person's contacts: a *contact* is an entry with the person in ``with``, dated
    on or before today (docs/format.md §6). netlog uses the word in this one sense: the
    latest contact closes follow-ups, starts a cadence, and is "last contact" on pages."""

    def __init__(self, log: Log, today: dt.date):
        self.last: dict[str, dt.date] = {}
        self.closers: dict[tuple[str, dt.date], list[str]] = {}  # same-day closer entry paths
        for e in log.entries:
            if e.date > today:
                continue
            for slug in e.contacts:  # a `self` entry is nobody's contact (docs/format.md §5)
                last = self.last.get(slug)
                if last is None or e.date > last:  # no sentinel date: 0001-01-01 is a real contact
                    self.last[slug] = e.date
                if e.kind in SAME_DAY_CLOSERS:
                    self.closers.setdefault((slug, e.date), []).append(e.path)

    def closed(self, slug: str, entry: Entry) -> bool:
        """Is the item for ``slug`` from ``entry`` closed by another entry?"""
        last = self.last.get(slug)
        if last is None or last < entry.date:
            return False
        if last > entry.date:
            return True
        # the latest contact is on the entry's own day: only another thank-you/follow-up closes
        return any(path != entry.path for path in self.closers.get((slug, entry.date), ()))


def _date(e: Entry) -> dt.date:
    return e.date


def closed_by(contacts: list[Entry], entry: Entry, today: dt.date) -> Entry | None:
    """The entry that closed a person's item from ``entry`` (the rule of :meth:`Contacts.closed`),
    given the entries with that person in ``with``, oldest first: the first one dated on or
    before today that is later than ``entry``, or a same-day thank-you/follow-up other than it."""
    # entries dated before ``entry`` close nothing: start at its date (contacts are oldest first)
    for n in range(bisect.bisect_left(contacts, entry.date, key=_date), len(contacts)):
        f = contacts[n]
        if f.date > today:
            break
        if not f.contacts:  # a `self` entry closes nothing
            continue
        if f.date > entry.date or (f.date == entry.date and f.path != entry.path and f.kind in SAME_DAY_CLOSERS):
            return f
    return None


def person_cadence(person: Person, options_cadence: dict[str, Offset],
                   start: dt.date) -> Offset | None:
    """The person's own cadence, else the shortest one its tags give (shortest from ``start``)."""
    if person.cadence is not None:
        return person.cadence
    best: Offset | None = None
    for tag in person.tags:
        off = options_cadence.get(tag)
        if off is not None and (best is None or (add_or_never(off, start), str(off)) < (add_or_never(best, start), str(best))):
            best = off
    return best


def status_of(due: dt.date, today: dt.date, upcoming_until: dt.date) -> Status:
    if due < today:
        return Status.OVERDUE
    if due == today:
        return Status.TODAY
    if due <= upcoming_until:
        return Status.UPCOMING
    return Status.LATER


def raw_items(log: Log, today: dt.date) -> list[FollowUp]:
    """Every item, closed ones (``closed=True``) included, without status, unsorted."""
    people = log.people
    options = log.options
    contacts = Contacts(log, today)
    items: list[FollowUp] = []
    for e in log.entries:
        kind = log.kinds[e.kind]
        if e.follow_up is not None:
            action = e.follow_up.action or f"Follow up: {e.title}"
            for slug in e.with_:
                items.append(FollowUp(e.follow_up.due, slug, people[slug].name, Source.EXPLICIT, action, e.path,
                                  closed=contacts.closed(slug, e)))
        elif not e.follow_up_off and kind.after is not None:
            due = add_or_never(kind.after, e.date)
            action = kind.action or f"Follow up: {e.title}"
            for slug in e.with_:
                items.append(FollowUp(due, slug, people[slug].name, Source.RULE, action, e.path,
                                  closed=contacts.closed(slug, e)))
        if e.via:
            due = add_or_never(options.thanks_after, e.date)
            for slug in e.via:
                name = people[slug].name
                items.append(FollowUp(due, slug, name, Source.THANKS, thanks_action(log, e, name), e.path,
                                  closed=contacts.closed(slug, e)))
    items += loop_items(log, today, contacts)
    for person in people.values():
        if person.stub:
            continue
        last = contacts.last.get(person.slug)
        start = last or person.met or today
        cadence = person_cadence(person, options.cadence, start)
        if cadence is None:
            continue
        due = add_or_never(cadence, start) if (last or person.met) else today
        items.append(FollowUp(due, person.slug, person.name, Source.CADENCE,
                          f"Keep in touch (every {cadence})", None))
    items += birthday_items(log, today, contacts)
    last_show = max((e.date for e in log.entries if e.group == VISIBILITY and e.date <= today),
                    default=None)
    # no showcase yet: count the gap from the log's first entry (its start), not from today,
    # so the item falls due once and can become overdue (docs/format.md §6, a departure)
    start = last_show or min((e.date for e in log.entries if e.date <= today), default=None)
    due = add_or_never(options.visibility_gap, start) if start else today
    items.append(FollowUp(due, None, None, Source.VISIBILITY, VISIBILITY_ACTION, None))
    return items


def thanks_action(log: Log, e: Entry, name: str) -> str:
    """Source 3's action: ``Thank <name> for introducing you to A, B and C`` for an ``intro``
    entry, else ``Thank <name> for <title>``."""
    if e.kind == "intro" and e.with_:
        return f"Thank {name} for introducing you to {join_names([log.people[s].name for s in e.with_])}"
    return f"Thank {name} for {e.title}"


def loop_items(log: Log, today: dt.date, contacts: Contacts) -> list[FollowUp]:
    """Source 6, ``loop``: for each opening E dated on or before today, one item for each
    introducer X on the chain of E's first ``with`` person who is not in E's ``with`` or
    ``via``, due ``date + thanks_after``, closed like sources 1-3 (docs/format.md §6 and §11)."""
    from .intros import chain, introducers, openings

    found = openings(log, today)
    if not found:
        return []
    intros = introducers(log, today)
    out: list[FollowUp] = []
    for e in found:
        if not e.with_:
            continue
        due = add_or_never(log.options.thanks_after, e.date)
        skip = set(e.with_) | set(e.via)
        for slug in chain(intros, e.with_[0]):
            if slug in skip:
                continue
            name = log.people[slug].name
            out.append(FollowUp(due, slug, name, Source.LOOP,
                                f"Tell {name} what came of their introduction: {e.title}",
                                e.path, closed=contacts.closed(slug, e)))
    return out


#: How many days after a birthday its item stays due when no entry with the person followed
#: (docs/format.md §6, source 7).
BIRTHDAY_GRACE = 7


def birthday_occurrences(birthday: Birthday, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """(the latest day the birthday fell on, on or before ``today``; the next one after ``today``);
    None where that falls outside years 1-9999."""
    def on(year: int) -> dt.date | None:
        try:
            return birthday.in_year(year)
        except ValueError:
            return None
    this = on(today.year)
    if this is not None and this <= today:
        return this, on(today.year + 1)
    return on(today.year - 1), this


def birthday_items(log: Log, today: dt.date, contacts: Contacts) -> list[FollowUp]:
    """Source 7, ``birthday`` (docs/format.md §6): one item per person with a ``birthday``.

    Due on the latest birthday O when O is at most :data:`BIRTHDAY_GRACE` days ago and no
    contact is dated from O to today (an entry before the day does not close it); else due
    on the next birthday. Its entry is None.
    """
    out: list[FollowUp] = []
    for person in log.people.values():
        if person.birthday is None:
            continue
        latest, upcoming = birthday_occurrences(person.birthday, today)
        last = contacts.last.get(person.slug)
        if latest is not None and (today - latest).days <= BIRTHDAY_GRACE and (last is None or last < latest):
            due = latest
        elif upcoming is not None:
            due = upcoming
        else:
            continue
        out.append(FollowUp(due, person.slug, person.name, Source.BIRTHDAY,
                            f"Wish {person.name} a happy birthday", None))
    return out


def snoozed(log: Log, items: list[FollowUp]) -> list[FollowUp]:
    """``items`` with every open item's due date moved to the latest of its own, its entry's
    ``snooze`` (sources 1, 2, 3 and 6) and its person's ``snooze``; a moved item keeps its
    own due date as ``snoozed_from`` (docs/format.md §6, Snoozing). Closes nothing."""
    entry_snooze = {e.path: e.snooze for e in log.entries if e.snooze is not None}
    person_snooze = {s: p.snooze for s, p in log.people.items() if p.snooze is not None}
    if not entry_snooze and not person_snooze:
        return items
    out = []
    for i in items:
        due = i.due
        if not i.closed:
            if i.entry is not None and i.source in CLOSABLE_SOURCES:
                due = max(due, entry_snooze.get(i.entry, due))
            if i.person is not None:
                due = max(due, person_snooze.get(i.person, due))
        out.append(i if due == i.due else replace(i, due=due, snoozed_from=i.due))
    return out


def compute_all(log: Log, today: dt.date, upcoming: Offset | None = None, *,
                raw: list[FollowUp] | None = None) -> list[FollowUp]:
    """Every item, closed ones included, with its status (from the due date after snoozing),
    sorted (see :func:`compute`). ``raw``: :func:`raw_items` of a log that differs from
    ``log`` in snoozes only (``netlog snooze`` compares the two without computing twice)."""
    upcoming_until = add_or_never(upcoming or log.options.upcoming, today)
    items = [i.with_status(Status.CLOSED if i.closed else status_of(i.due, today, upcoming_until))
             for i in snoozed(log, raw if raw is not None else raw_items(log, today))]
    items.sort(key=FollowUp.sort_key)
    return items


def compute(log: Log, today: dt.date, upcoming: Offset | None = None) -> list[FollowUp]:
    """Every open item with its status, sorted by due date, person name, source, entry."""
    return [i for i in compute_all(log, today, upcoming) if not i.closed]


def select(items: list[FollowUp], *, include_later: bool = False, person: str | None = None) -> list[FollowUp]:
    """The items ``netlog due`` shows: overdue, today, upcoming (and later with ``include_later``)."""
    return [i for i in items
            if (include_later or i.status != Status.LATER) and (person is None or i.person == person)]
