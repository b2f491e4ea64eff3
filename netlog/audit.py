"""Findings over the log: pure functions of (log, today, items).

Feeds the audit page, ``netlog audit``, the people pages and the dashboard:
per-person summaries (:class:`PersonSummary`), dormant and never-contacted people, one-sided
ties, overdue rule and thanks items, people without a cadence, advocates,
the weekly streak and the activity heatmap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dates import add_or_never
from .followups import Contacts, person_cadence
from .model import Entry, FollowUp, Group, Log, Person, Source


@dataclass(slots=True)
class PersonSummary:
    """What the log says about one person: their entries, last contact (see
    followups.Contacts), who they opened doors to, and their open follow-ups."""

    person: Person
    entries: list[Entry] = field(default_factory=list)  # with them in `with`, oldest first
    last: dt.date | None = None  # latest such entry dated on or before today
    opened: list[Entry] = field(default_factory=list)  # they are in `via`, or in `with` of a referral
    introduced_by: list[Entry] = field(default_factory=list)  # intro entries with them in `with`
    introduced: list[Entry] = field(default_factory=list)  # intro entries with them in `via`
    items: list[FollowUp] = field(default_factory=list)  # open items


def summaries(log: Log, today: dt.date, items: list[FollowUp]) -> dict[str, PersonSummary]:
    """A :class:`PersonSummary` for every person (stubs included), keyed by slug."""
    last = Contacts(log, today).last  # the same `last` the follow-up rules use
    out = {slug: PersonSummary(p, last=last.get(slug)) for slug, p in log.people.items()}
    for e in log.entries:
        for slug in e.contacts:  # a `self` entry is nobody's contact (docs/format.md §5)
            c = out[slug]
            c.entries.append(e)
            if e.kind == "referral":
                c.opened.append(e)
            if e.kind == "intro":
                c.introduced_by.append(e)
        for slug in e.via:
            c = out[slug]
            if not c.opened or c.opened[-1] is not e:
                c.opened.append(e)
            if e.kind == "intro":
                c.introduced.append(e)
    for item in items:
        if item.person is not None and not item.closed:
            out[item.person].items.append(item)
    return out


@dataclass(slots=True)
class Audit:
    """The audit's findings, each list sorted for display."""

    dormant: list[PersonSummary]  # last contact before today - dormant, oldest first
    never: list[PersonSummary]  # real people with no entry on or before today
    one_sided: list[tuple[PersonSummary, int]]  # (summary, entries with a direction, all out)
    stale: list[FollowUp]  # open rule and thanks items past their due date
    no_cadence: list[PersonSummary]  # real people without a cadence


def audit(log: Log, today: dt.date, items: list[FollowUp], by_person: dict[str, PersonSummary]) -> Audit:
    ordered = sorted(by_person.values(), key=lambda c: (c.person.name.casefold(), c.person.slug))
    dormant = sorted((c for c in ordered if c.last is not None and add_or_never(log.options.dormant, c.last) < today),
                     key=lambda c: (c.last, c.person.name.casefold()))
    never = [c for c in ordered if c.last is None and not c.person.stub]
    one_sided = []
    for c in ordered:
        directed = [e for e in c.entries if e.direction is not None and e.date <= today]
        if len(directed) >= 3 and all(e.direction == "out" for e in directed):
            one_sided.append((c, len(directed)))
    stale = [i for i in items if not i.closed and i.source in (Source.RULE, Source.THANKS) and i.due < today]
    no_cadence = [c for c in ordered if not c.person.stub
                  and person_cadence(c.person, log.options.cadence, today) is None]
    return Audit(dormant, never, one_sided, stale, no_cadence)


def _monday(day: dt.date) -> int:
    """The proleptic ordinal of the Monday of ``day``'s ISO week (ordinals never overflow)."""
    return day.toordinal() - day.weekday()


def streak(log: Log, today: dt.date) -> int:
    """Consecutive ISO weeks with at least one entry, ending this week (or last week
    when this week has none yet). Planned entries do not count."""
    weeks = {_monday(e.date) for e in log.entries if e.date <= today and e.group != Group.SELF}
    monday = _monday(today)
    if monday not in weeks:
        monday -= 7
    count = 0
    while monday in weeks:
        count += 1
        monday -= 7
    return count


HEATMAP_WEEKS = 53


def heatmap_days(log: Log, today: dt.date) -> tuple[list[list[dt.date | None]], dict[dt.date, int]]:
    """The 53 ISO weeks ending this week (a column of 7 days each, None where the
    calendar ends), and the number of entries on each day in that window."""
    first = _monday(today) - 7 * (HEATMAP_WEEKS - 1)
    last_ordinal = dt.date.max.toordinal()
    weeks = [[dt.date.fromordinal(o) if 1 <= o <= last_ordinal else None
              for o in range(first + 7 * w, first + 7 * w + 7)] for w in range(HEATMAP_WEEKS)]
    lo, hi = max(first, 1), min(first + 7 * HEATMAP_WEEKS - 1, last_ordinal)
    counts: dict[dt.date, int] = {}
    for e in log.entries:
        if lo <= e.date.toordinal() <= hi and e.group != Group.SELF:  # about you alone: not activity
            counts[e.date] = counts.get(e.date, 0) + 1
    return weeks, counts
