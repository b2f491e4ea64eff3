"""Who introduced whom, and the openings (docs/format.md §11): pure functions of (log, today).

The light part of :mod:`netlog.serendipity` (which offers these too): the ``loop`` follow-ups
of ``netlog due`` and the review's changes need the introducers, chains and openings, not the
ledger, tie strength or warm routes and their classes (start-up, issue 27).
"""

from __future__ import annotations

import datetime as dt

from .model import Entry, Log

#: The kind of entry that records a door you opened for the people in its `with`.
INTRODUCED = "introduced"


# --------------------------------------------------------------------------- introducers and chains


def introducers(log: Log, today: dt.date) -> dict[str, str]:
    """``{person slug: introducer slug}`` for every person who has one (docs/format.md §11).

    The introducer of P is P's ``met_via`` when set; else, among the entries
    dated on or before ``today`` that have P in ``with`` and someone other than
    P in ``via``, the earliest (by date, then path) and its first such ``via``
    person. Nobody is their own introducer: a ``met_via`` or ``via`` naming P
    itself is skipped. Stubs are people here too.
    """
    out: dict[str, str] = {}
    for slug, p in log.people.items():
        if p.met_via is not None and p.met_via != slug:
            out[slug] = p.met_via
    for e in log.entries:  # sorted by (date, path): the first entry that names someone wins
        if e.date > today:
            break
        if not e.via:
            continue
        for slug in e.contacts:
            if slug in out:
                continue
            via = next((v for v in e.via if v != slug), None)
            if via is not None:
                out[slug] = via
    return out


def chain(intros: dict[str, str], slug: str) -> list[str]:
    """The chain of ``slug``: its introducer X1, X1's introducer X2, and so on.

    It stops at a person with no introducer, or before a person already met on
    the way (``slug`` itself included), who is not listed again, so a cycle of
    ``met_via`` ends the chain instead of looping. ``intros`` is
    :func:`introducers`' result. ``[]`` when ``slug`` has no introducer.
    """
    out: list[str] = []
    seen = {slug}
    cur = intros.get(slug)
    while cur is not None and cur not in seen:
        out.append(cur)
        seen.add(cur)
        cur = intros.get(cur)
    return out


def introduced_by(intros: dict[str, str]) -> dict[str, list[str]]:
    """The introductions graph as ``{introducer slug: [slugs of the people they introduced]}``
    (an edge X -> P for each P whose introducer is X), each list sorted by slug."""
    out: dict[str, list[str]] = {}
    for p, x in intros.items():
        out.setdefault(x, []).append(p)
    for children in out.values():
        children.sort()
    return out


def is_opening(log: Log, e: Entry) -> bool:
    """Is ``e`` an opening (docs/format.md §5: kinds ``offer``, ``referral``, or ``opening: true``)?"""
    kind = log.kinds.get(e.kind)
    return bool(kind and kind.opening)


def openings(log: Log, today: dt.date) -> list[Entry]:
    """The openings dated on or before ``today``, oldest first (by date, then path)."""
    return [e for e in log.entries if e.date <= today and is_opening(log, e)]


def known_directly(log: Log, today: dt.date) -> set[str]:
    """Slugs of the people you know directly: in ``with`` of an entry dated on or before today."""
    out: set[str] = set()
    for e in log.entries:
        if e.date > today:
            break
        out.update(e.contacts)
    return out
