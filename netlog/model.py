"""The values the pipeline passes around: problems, people, entries (the follow-up items are
``items.py``'s).

Everything here is a frozen dataclass (or a plain container of them), built
by ``load.py`` and read by every later stage; nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from .dates import Offset

ERROR = "error"
WARNING = "warning"


class Group(StrEnum):
    """A kind's group (docs/format.md §5)."""

    CONVERSATION = "conversation"  # with someone: `with` is required
    VISIBILITY = "visibility"  # a showcase: a talk, an article ...
    SELF = "self"  # about you alone, e.g. a review of your network: nobody's contact


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about the log: where it is, how bad, and what is wrong.

    ``path`` is the file's path (absolute, or relative to the log for files
    found there); ``line`` is 1-based and never missing.
    """

    path: str
    line: int
    severity: str
    message: str
    code: str = ""  # the check's stable code (checks.CHECKS, docs/format.md §10)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.severity != ERROR, self.message)


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of entry: its group and the follow-up rule it implies (if any)."""

    name: str
    group: Group
    after: Offset | None = None
    action: str | None = None
    opening: bool = False  # an opportunity came to you (docs/format.md §5 and §11)


@dataclass(frozen=True, slots=True)
class FollowUpSpec:
    """An entry's own ``follow_up``: a due date and an optional action."""

    due: dt.date
    action: str | None = None


@dataclass(frozen=True, slots=True)
class Birthday:
    """A person's ``birthday`` (docs/format.md §3): month and day, the year when given."""

    month: int
    day: int
    year: int | None = None

    def in_year(self, year: int) -> dt.date:
        """The day it falls on in ``year``: 29 February is 28 February in a common year.
        ValueError outside years 1-9999."""
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)  # calendar.isleap
        if self.month == 2 and self.day == 29 and not leap:
            return dt.date(year, 2, 28)
        return dt.date(year, self.month, self.day)

    def __str__(self) -> str:
        md = f"{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{md}" if self.year is not None else md


@dataclass(frozen=True, slots=True)
class Person:
    """A person: a file ``people/<slug>.md``, or a stub made from an unknown ref."""

    slug: str
    name: str
    path: str | None  # None for a stub
    aka: tuple[str, ...] = ()
    org: str | None = None
    role: str | None = None
    tags: tuple[str, ...] = ()
    cadence: Offset | None = None
    met: dt.date | None = None
    met_via: str | None = None  # a person's slug
    links: tuple[tuple[str, str], ...] = ()
    private: bool = False
    body: str = ""
    birthday: Birthday | None = None
    snooze: dt.date | None = None  # every item for this person waits until then (docs/format.md §6)

    @property
    def stub(self) -> bool:
        return self.path is None

    @property
    def page(self) -> str:
        """The src_uri of the person's page in the site."""
        return f"people/{self.slug}.md"


@dataclass(frozen=True, slots=True)
class Entry:
    """One interaction or showcase: a Markdown file of the log."""

    path: str  # relative to the log, "/" separated
    date: dt.date
    kind: str
    group: Group
    with_: tuple[str, ...]  # person slugs, in the order written, no repeats
    via: tuple[str, ...]
    title: str
    title_given: bool  # from `title:` or a `# ` heading, not the default
    follow_up: FollowUpSpec | None = None
    follow_up_off: bool = False  # `follow_up: false`
    direction: str | None = None
    audience: int | None = None
    channel: str | None = None
    outcome: str | None = None
    tags: tuple[str, ...] = ()
    private: bool = False
    body: str = ""
    source: str | None = None  # where it came from, e.g. ics:<UID> (docs/format.md §12)
    snooze: dt.date | None = None  # the items this entry gives wait until then (docs/format.md §6)

    @property
    def contacts(self) -> tuple[str, ...]:
        """The people this entry is a contact with: its ``with``, except for an entry of the
        ``self`` group, which is about you alone and nobody's contact (docs/format.md §5)."""
        return () if self.group == Group.SELF else self.with_


@dataclass(slots=True)
class Log:
    """A log's people by slug (stubs included) and entries by (date, path).

    The options it was read with are not part of the model: ``load.load_log`` returns a
    ``load.LoadedLog``, this Log with its options beside it."""

    people: dict[str, Person]
    entries: list[Entry]
