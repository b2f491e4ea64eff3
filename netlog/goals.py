"""A goal of the option ``goals`` (docs/format.md §15), as ``options.goals_value`` makes it.

Apart from :mod:`netlog.options` so that a log without goals (``netlog check``, ``due``) does not
make its class (start-up, issue 27).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Goal:
    """One goal of the option ``goals`` (docs/format.md §15): a name and its targets, each
    written as ``netlog path`` takes it (a ref, ``org:NAME`` or ``tag:NAME``)."""

    name: str
    targets: tuple[str, ...]
