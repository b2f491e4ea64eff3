"""Follow-up items (SPEC section 5): pure functions of (log, today, options).

Third stage of the pipeline. Every page, ``netlog due`` and the calendar feed
read items from :func:`compute`, so there is one source of truth.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from .dates import Offset
from .kinds import SAME_DAY_CLOSERS, VISIBILITY
from .load import join_names
from .model import Entry, Item, Log, Person

EXPLICIT, RULE, THANKS, CADENCE, VISIBILITY_SOURCE = "explicit", "rule", "thanks", "cadence", "visibility"
LOOP = "loop"  # source 6: tell the people behind an opening what came of it
STATUSES = ("overdue", "today", "upcoming", "later")
VISIBILITY_ACTION = "Showcase your work: give a talk, volunteer, circulate takeaways"


class Contacts:
    """For each person, the entries with them in ``with`` dated on or before today."""

    def __init__(self, log: Log, today: dt.date):
        self.last: dict[str, dt.date] = {}
        self.closers: dict[tuple[str, dt.date], list[str]] = {}  # same-day closer entry paths
        for e in log.entries:
            if e.date > today:
                continue
            for slug in e.with_:
                if e.date > self.last.get(slug, dt.date.min):
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


def person_cadence(person: Person, options_cadence: dict[str, Offset],
                   start: dt.date) -> Offset | None:
    """The person's own cadence, else the shortest one its tags give (shortest from ``start``)."""
    if person.cadence is not None:
        return person.cadence
    best: Offset | None = None
    for tag in person.tags:
        off = options_cadence.get(tag)
        if off is not None and (best is None or (safe_add(off, start), str(off)) < (safe_add(best, start), str(best))):
            best = off
    return best


def safe_add(off: Offset, day: dt.date) -> dt.date:
    try:
        return off.add_to(day)
    except OverflowError:
        return dt.date.max


def status_of(due: dt.date, today: dt.date, upcoming_until: dt.date) -> str:
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    if due <= upcoming_until:
        return "upcoming"
    return "later"


def raw_items(log: Log, today: dt.date) -> list[Item]:
    """Every item, closed ones (``closed=True``) included, without status, unsorted."""
    people = log.people
    options = log.options
    contacts = Contacts(log, today)
    items: list[Item] = []
    for e in log.entries:
        kind = log.kinds[e.kind]
        if e.follow_up is not None:
            action = e.follow_up.action or f"Follow up: {e.title}"
            for slug in e.with_:
                items.append(Item(e.follow_up.due, slug, people[slug].name, EXPLICIT, action, e.path,
                                  closed=contacts.closed(slug, e)))
        elif not e.follow_up_off and kind.after is not None:
            due = safe_add(kind.after, e.date)
            action = kind.action or f"Follow up: {e.title}"
            for slug in e.with_:
                items.append(Item(due, slug, people[slug].name, RULE, action, e.path,
                                  closed=contacts.closed(slug, e)))
        if e.via:
            due = safe_add(options.thanks_after, e.date)
            for slug in e.via:
                name = people[slug].name
                items.append(Item(due, slug, name, THANKS, thanks_action(log, e, name), e.path,
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
        due = safe_add(cadence, start) if (last or person.met) else today
        items.append(Item(due, person.slug, person.name, CADENCE,
                          f"Keep in touch (every {cadence})", None))
    last_show = max((e.date for e in log.entries if e.group == VISIBILITY and e.date <= today),
                    default=None)
    due = safe_add(options.visibility_gap, last_show) if last_show else today
    items.append(Item(due, None, None, VISIBILITY_SOURCE, VISIBILITY_ACTION, None))
    return items


def thanks_action(log: Log, e: Entry, name: str) -> str:
    """Source 3's action: ``Thank <name> for introducing you to A, B and C`` for an ``intro``
    entry, else ``Thank <name> for <title>``."""
    if e.kind == "intro" and e.with_:
        return f"Thank {name} for introducing you to {join_names([log.people[s].name for s in e.with_])}"
    return f"Thank {name} for {e.title}"


def loop_items(log: Log, today: dt.date, contacts: Contacts) -> list[Item]:
    """Source 6, ``loop``: for each opening E dated on or before today, one item for each
    introducer X on the chain of E's first ``with`` person who is not in E's ``with`` or
    ``via``, due ``date + thanks_after``, closed like sources 1-3 (SPEC sections 5 and 9)."""
    from .serendipity import chain, introducers, openings

    found = openings(log, today)
    if not found:
        return []
    intros = introducers(log, today)
    out: list[Item] = []
    for e in found:
        if not e.with_:
            continue
        due = safe_add(log.options.thanks_after, e.date)
        skip = set(e.with_) | set(e.via)
        for slug in chain(intros, e.with_[0]):
            if slug in skip:
                continue
            name = log.people[slug].name
            out.append(Item(due, slug, name, LOOP, f"Tell {name} what came of their introduction: {e.title}",
                            e.path, closed=contacts.closed(slug, e)))
    return out


def compute_all(log: Log, today: dt.date, upcoming: Offset | None = None) -> list[Item]:
    """Every item, closed ones included, with its status, sorted (see :func:`compute`)."""
    upcoming_until = safe_add(upcoming or log.options.upcoming, today)
    items = [replace(i, status="closed" if i.closed else status_of(i.due, today, upcoming_until))
             for i in raw_items(log, today)]
    items.sort(key=Item.sort_key)
    return items


def compute(log: Log, today: dt.date, upcoming: Offset | None = None) -> list[Item]:
    """Every open item with its status, sorted by due date, person name, source, entry."""
    return [i for i in compute_all(log, today, upcoming) if not i.closed]


def select(items: list[Item], *, include_later: bool = False, person: str | None = None) -> list[Item]:
    """The items ``netlog due`` shows: overdue, today, upcoming (and later with ``include_later``)."""
    return [i for i in items
            if (include_later or i.status != "later") and (person is None or i.person == person)]
