"""The weekly review (``netlog review``, docs/format.md §16): what it shows, in what order, with
what context, and the ``review`` entry it leaves. Pure; ``commands/reminders.py`` asks the
questions and writes through the libraries of ``done``, ``snooze`` and the inbox.

The agenda is every overdue and today item (docs/format.md §6 order), then
the people worth reconnecting (the audit's ranking, :func:`netlog.audit.reconnect`).
Each card carries its context: the person, the action, and their last entry
(date, title, first line of notes). The session's answers are kept in a
:class:`Outcome`, whose :meth:`Outcome.notes` become the review entry's notes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import followups
from .audit import Reconnect, reconnect, reconnect_why
from .items import FollowUp, Source, Status
from .model import Entry, Group, Log

#: How much of a note's first line a card shows.
FIRST_LINE = 100


@dataclass(frozen=True, slots=True)
class Card:
    """One thing the review shows: an open item, or a person worth reconnecting (``item`` None)."""

    person: str | None  # slug; None for the visibility item
    item: FollowUp | None = None
    reconnect: Reconnect | None = None

    @property
    def key(self) -> tuple:
        """What the card is about, the same from one reload of the log to the next."""
        if self.item is not None:
            return ("item", self.item.source, self.item.person, self.item.entry)
        return ("reconnect", self.person)


def agenda(log: Log, today: dt.date) -> list[Card]:
    """The review's cards: overdue and today items in docs/format.md §6 order, then the people
    worth reconnecting (docs/format.md §13's ranking, the audit's first 5)."""
    items = [i for i in followups.compute(log, today) if i.status in (Status.OVERDUE, Status.TODAY)]
    return [Card(i.person, item=i) for i in items] + [Card(r.person, reconnect=r) for r in reconnect(log, today)]


def current(log: Log, today: dt.date, card: Card) -> Card | None:
    """``card`` as the log now stands (after the answers so far), or None when it no longer needs
    showing: its item is closed, or snoozed past today; its person is no longer dormant."""
    if card.item is not None:
        for i in followups.compute(log, today):
            if ("item", i.source, i.person, i.entry) == card.key:
                return Card(i.person, item=i) if i.status in (Status.OVERDUE, Status.TODAY) else None
        return None
    for r in reconnect(log, today, n=len(log.people)):
        if r.person == card.person:
            return Card(r.person, reconnect=r)
    return None


def last_entry(log: Log, slug: str, today: dt.date) -> Entry | None:
    """The person's latest contact (an entry dated on or before today with them in ``with``, not
    of the ``self`` group); None when there is none."""
    found = None
    for e in log.entries:
        if e.date > today:
            break
        if slug in e.contacts:  # nobody's, for an entry of the self group
            found = e
    return found


def first_line(body: str) -> str:
    """The first line of notes that says something: not blank, not a heading; shortened."""
    for line in body.splitlines():
        text = line.strip()
        if text and not text.startswith("#"):
            return text if len(text) <= FIRST_LINE else text[:FIRST_LINE - 1].rstrip() + "…"
    return ""


def context(log: Log, today: dt.date, card: Card) -> list[str]:
    """The lines that present ``card``: the person (and org), the action or why they are worth
    reconnecting, then their last entry's date and title and its notes' first line (for the
    visibility item, which has no person, the last showcase)."""
    person = log.people.get(card.person) if card.person else None
    lines = []
    if person is not None:
        lines.append(person.name + (f" ({person.org})" if person.org else ""))
    if card.item is not None:
        i = card.item
        late = f"  [{i.status}, due {i.due.isoformat()}]" if i.due < today else f"  [{i.status}]"
        lines.append(f"{i.action}{late}")
    else:
        lines.append(f"Worth reconnecting: {reconnect_why(card.reconnect, today)}")
    if card.item is not None and card.item.source == Source.VISIBILITY:
        shows = [e for e in log.entries if e.group == Group.VISIBILITY and e.date <= today]
        lines.append(f"Last showcase: {shows[-1].date.isoformat()} {shows[-1].title} ({shows[-1].path})"
                     if shows else "No showcase yet.")
    if person is not None:
        last = last_entry(log, person.slug, today)
        if last is None:
            lines.append("No entry with them yet.")
        else:
            lines.append(f"Last entry: {last.date.isoformat()} {last.title} ({last.path})")
            note = first_line(last.body)
            if note:
                lines.append(f"  {note}")
    return lines


def label(log: Log, card: Card) -> str:
    """One line naming the card in the review entry's notes."""
    if card.item is not None:
        i = card.item
        who = f"{i.name}: " if i.name and i.name not in i.action else ""
        return f"{who}{i.action}"
    return f"{log.people[card.person].name}: worth reconnecting"


@dataclass(slots=True)
class Outcome:
    """What the review did, in the order it happened: each list holds lines for the notes."""

    shown: int = 0
    done: list[str] = field(default_factory=list)
    snoozed: list[str] = field(default_factory=list)
    logged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def notes(self, today: dt.date) -> str:
        """The review entry's notes: a summary line, then Done, Snoozed, Logged and Skipped,
        each a list (the empty ones left out)."""
        counts = [f"{len(self.done)} done", f"{len(self.snoozed)} snoozed", f"{len(self.logged)} logged",
                  f"{len(self.skipped)} skipped"]
        out = [f"Reviewed {self.shown} item{'s' if self.shown != 1 else ''} on {today.isoformat()}: "
               + ", ".join(counts) + "."]
        for title, lines in (("Done", self.done), ("Snoozed", self.snoozed), ("Logged", self.logged),
                             ("Skipped", self.skipped)):
            if lines:
                out.append(f"## {title}\n\n" + "\n".join(f"- {line}" for line in lines))
        return "\n\n".join(out) + "\n"
