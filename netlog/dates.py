"""Dates, offsets and "today" (docs/format.md §4).

An offset is ``<n>d``, ``<n>w``, ``<n>m`` or ``<n>y`` with n a positive
integer. Adding a month or a year to a day that the target month lacks lands
on that month's last day. This module is the one home of offset arithmetic
(:meth:`Offset.add_to`, one overflow behaviour: :class:`~netlog.errors.OutsideCalendar`;
:func:`add_or_never` for computations that treat "past the calendar" as never)
and of "today" (:func:`resolve_today`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from .errors import OutsideCalendar

_OFFSET = re.compile(r"([1-9][0-9]{0,5})([dwmy])")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, slots=True)
class Offset:
    """A duration as written (``2w``), kept so messages can quote it back."""

    n: int
    unit: str

    def __str__(self) -> str:
        return f"{self.n}{self.unit}"

    def add_to(self, day: dt.date) -> dt.date:
        """``day`` plus this offset (calendar months and years, clamped to month end).

        Raises :class:`~netlog.errors.OutsideCalendar` (an ``OverflowError``) past 9999-12-31.
        """
        try:
            if self.unit == "d":
                return day + dt.timedelta(days=self.n)
            if self.unit == "w":
                return day + dt.timedelta(weeks=self.n)
        except OverflowError:
            raise OutsideCalendar(f"{self} after {day.isoformat()} falls outside the calendar") from None
        months = self.n if self.unit == "m" else 12 * self.n
        total = day.year * 12 + (day.month - 1) + months
        year, month = divmod(total, 12)
        month += 1
        if year > dt.MAXYEAR:
            raise OutsideCalendar(f"{self} after {day.isoformat()} falls outside the calendar")
        # the month's last day, from datetime itself (the calendar module is not loaded for this)
        last = 31 if month == 12 else (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day
        return dt.date(year, month, min(day.day, last))


def parse_offset(value: object) -> Offset | None:
    """The Offset that ``value`` writes, or None when it is not an offset."""
    if not isinstance(value, str):
        return None
    m = _OFFSET.fullmatch(value.strip())
    if not m:
        return None
    return Offset(int(m.group(1)), m.group(2))


def offset_error(value: object) -> str:
    """A message saying why ``value`` is not an offset."""
    if isinstance(value, bool) or value is None:
        return f"expected an offset such as 3d, 2w, 1m or 1y, got {describe(value)}"
    if isinstance(value, int):
        return f"an offset needs a unit: write {value}d, {value}w, {value}m or {value}y"
    return f"expected an offset such as 3d, 2w, 1m or 1y (a positive number and d, w, m or y), got {describe(value)}"


def parse_date(value: object) -> dt.date | None:
    """The date that ``value`` writes: a YAML date, or a quoted ``YYYY-MM-DD`` string."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def date_error(value: object) -> str:
    """A message saying why ``value`` is not a date."""
    if isinstance(value, dt.datetime):
        return f"expected a date YYYY-MM-DD, got a date and time ({value.isoformat()}); drop the time"
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return f"{value.strip()!r} is not a calendar date"
    return f"expected a date YYYY-MM-DD, got {describe(value)}"


def describe(value: object) -> str:
    """A short, safe description of a YAML value for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def parse_today(text: str) -> dt.date:
    """Parse a ``--today``/``NETLOG_TODAY`` value; raises ValueError with a clear message."""
    if not _ISO_DATE.fullmatch(text.strip()):
        raise ValueError(f"{text!r} is not a date YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a calendar date") from None


def add_or_never(off: Offset, day: dt.date) -> dt.date:
    """``off.add_to(day)``, or ``dt.date.max`` ("never", sorted last) past the calendar.

    For computed due dates (rules, cadences, thanks): a date the user wrote
    that falls outside the calendar is a problem instead (docs/format.md §4).
    """
    try:
        return off.add_to(day)
    except OutsideCalendar:
        return dt.date.max


#: The environment variable that sets "today" for every date-dependent command.
TODAY_ENV = "NETLOG_TODAY"


def resolve_today(given: dt.date | None = None) -> dt.date:
    """The date to compute against: ``given``, else NETLOG_TODAY, else the local date.

    Raises ValueError (with a clear message) when NETLOG_TODAY is not a date.
    """
    if given is not None:
        return given
    env = os.environ.get(TODAY_ENV)
    if env:
        return parse_today(env)
    return dt.date.today()
