"""Introductions and serendipity (docs/format.md §11): pure functions of (log, today, options).

Third stage of the pipeline, beside ``followups.py``: who introduced whom
(introducer, chain, the introductions graph), the openings and the ledger of
doors opened each way, tie strength with its four parts, the ties between
people, and the warm routes of ``netlog path``. Nothing here reads the clock,
the environment or the disk; the serendipity page, the person pages, the
people index and ``netlog path`` read these. The introducers, chains and
openings are :mod:`netlog.intros`' (offered here too), which the ``loop``
follow-ups of ``netlog due`` read without this module's classes.

Shapes used below: a person is named by their slug (``str``), an entry is a
:class:`~netlog.model.Entry`, dates are :class:`datetime.date`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import deque
from dataclasses import dataclass, field

from .errors import UnknownTarget
# who introduced whom lives in the light intros.py (the `loop` follow-ups need no more): offered here too
from .intros import INTRODUCED, chain, introduced_by, introducers, is_opening, known_directly, openings  # noqa: F401
from .model import Entry, Log
from .people import name_order, org_key
from .slug import slugify
from .suggest import did_you_mean

#: Kinds counted as meeting in depth (part D of tie strength), besides an in-person channel.
DEPTH_KINDS = frozenset({"coffee", "meal", "meeting", "event", "interview"})
#: Half-life of recency (part R of tie strength), in days.
HALF_LIFE_DAYS = 180
#: Entries in the last 365 days that make frequency (part F) full.
FREQUENT = 12
WINDOW_DAYS = 365
#: Defaults of ``netlog path``.
MAX_HOPS = 3
LIMIT = 5


# --------------------------------------------------------------------------- the ledger


@dataclass(slots=True)
class Doors:
    """The ledger of one person (docs/format.md §11): doors opened each way.

    ``introduced``: slugs of the people they introduced to you (graph edges);
    ``openings``: openings dated on or before today with them in ``with`` or
    ``via``; ``yours``: ``introduced`` entries dated on or before today with
    them in ``with`` (doors you opened for them).
    """

    introduced: list[str] = field(default_factory=list)
    openings: list[Entry] = field(default_factory=list)
    yours: list[Entry] = field(default_factory=list)

    @property
    def for_you(self) -> int:
        """Doors they opened for you: people introduced plus openings."""
        return len(self.introduced) + len(self.openings)

    @property
    def by_you(self) -> int:
        return len(self.yours)

    @property
    def one_sided(self) -> bool:
        """One side has opened at least two more doors than the other (netlog's rule, docs/format.md)."""
        return abs(self.for_you - self.by_you) >= 2


def ledger(log: Log, today: dt.date, intros: dict[str, str] | None = None) -> dict[str, Doors]:
    """``{slug: Doors}`` for every person with at least one door either way."""
    if intros is None:
        intros = introducers(log, today)
    out: dict[str, Doors] = {}
    for p, x in sorted(intros.items()):
        out.setdefault(x, Doors()).introduced.append(p)
    for e in log.entries:
        if e.date > today:
            break
        if is_opening(log, e):
            for slug in dict.fromkeys(e.with_ + e.via):
                out.setdefault(slug, Doors()).openings.append(e)
        if e.kind == INTRODUCED:
            for slug in e.with_:
                out.setdefault(slug, Doors()).yours.append(e)
    return out


# --------------------------------------------------------------------------- tie strength


def round_half_up(x: float) -> int:
    """``floor(x + 0.5 + 1e-9)``: 7.5 -> 8, 7.4999 -> 7 (docs/format.md §11)."""
    return math.floor(x + 0.5 + 1e-9)


@dataclass(frozen=True, slots=True)
class Strength:
    """Tie strength of one person as of today (docs/format.md §11): ``value`` 0-100 and its parts.

    ``recency`` R = 0.5^(days since ``last`` / 180), 0 with no entry;
    ``frequency`` F = min(1, n / 12), n the entries of the last 365 days;
    ``depth`` D = ``in_person`` / n (0 when n = 0);
    ``mutuality`` M = ``answered`` / ``directed`` (0.5 when ``directed`` = 0).
    """

    value: int
    recency: float
    frequency: float
    depth: float
    mutuality: float
    last: dt.date | None = None
    days: int | None = None  # since last
    n: int = 0  # entries dated after today - 365 days and on or before today
    in_person: int = 0  # of those n: a depth kind or an in-person channel
    directed: int = 0  # entries on or before today with a direction
    answered: int = 0  # of those: `in` or `mutual`


NO_TIE = Strength(round_half_up(100 * 0.15 * 0.5), 0.0, 0.0, 0.0, 0.5)


def strengths(log: Log, today: dt.date) -> dict[str, Strength]:
    """``{slug: Strength}`` for every person (stubs included), in one pass over the log.

    Only entries with the person in ``with`` dated on or before ``today`` count;
    ``direction`` includes the defaults of docs/format.md §2 (a ``thank-you`` is ``out``).
    A person with no such entry has R = F = D = 0, M = 0.5: strength 8.
    """
    try:
        window_start: dt.date | None = today - dt.timedelta(days=WINDOW_DAYS)
    except OverflowError:  # today in year 1: the window reaches before the calendar, so it holds every day
        window_start = None
    last: dict[str, dt.date] = {}
    n: dict[str, int] = {}
    deep: dict[str, int] = {}
    directed: dict[str, int] = {}
    answered: dict[str, int] = {}
    for e in log.entries:
        if e.date > today:
            break
        recent = window_start is None or e.date > window_start
        in_person = e.kind in DEPTH_KINDS or (e.channel is not None and slugify(e.channel) == "in-person")
        for slug in e.contacts:  # a `self` entry counts for no tie strength (docs/format.md §5)
            last[slug] = e.date
            if recent:
                n[slug] = n.get(slug, 0) + 1
                if in_person:
                    deep[slug] = deep.get(slug, 0) + 1
            if e.direction is not None:
                directed[slug] = directed.get(slug, 0) + 1
                if e.direction in ("in", "mutual"):
                    answered[slug] = answered.get(slug, 0) + 1
    out: dict[str, Strength] = {}
    for slug in log.people:
        if slug not in last and slug not in directed:
            out[slug] = NO_TIE
            continue
        out[slug] = strength_of(today, last.get(slug), n.get(slug, 0), deep.get(slug, 0),
                                directed.get(slug, 0), answered.get(slug, 0))
    return out


def strength_of(today: dt.date, last: dt.date | None, n: int, in_person: int, directed: int,
                answered: int) -> Strength:
    """The :class:`Strength` for the given counts (see :func:`strengths`)."""
    days = (today - last).days if last is not None else None
    r = 0.5 ** (days / HALF_LIFE_DAYS) if days is not None else 0.0
    f = min(1.0, n / FREQUENT)
    d = in_person / n if n else 0.0
    m = answered / directed if directed else 0.5
    value = round_half_up(100 * (0.4 * r + 0.3 * f + 0.15 * d + 0.15 * m))
    return Strength(value, r, f, d, m, last, days, n, in_person, directed, answered)


# --------------------------------------------------------------------------- ties


@dataclass(slots=True)
class Ties:
    """The ties between people (docs/format.md §11), stubs included.

    Two people are tied when one is the other's introducer, when both are in
    the ``with`` of one entry dated on or before today, or when both have an
    ``org`` of the same slug form. :meth:`neighbours` gives everyone tied to a
    person; :meth:`why` the reason shown for a tie, by that precedence.
    """

    log: Log
    intros: dict[str, str]
    together: dict[tuple[str, str], Entry] = field(default_factory=dict)  # (a, b), a < b -> earliest entry
    met: dict[str, set[str]] = field(default_factory=dict)  # slug -> people met together
    orgs: dict[str, list[str]] = field(default_factory=dict)  # org slug form -> slugs
    intro_links: dict[str, set[str]] = field(default_factory=dict)
    org_form: dict[str, str] = field(default_factory=dict)  # slug -> slug form of its org
    adjacent: dict[str, tuple[str, ...]] = field(default_factory=dict)  # neighbours, computed once each

    @classmethod
    def of(cls, log: Log, today: dt.date, intros: dict[str, str] | None = None) -> Ties:
        ties = cls(log, intros if intros is not None else introducers(log, today))
        for p, x in ties.intros.items():
            ties.intro_links.setdefault(p, set()).add(x)
            ties.intro_links.setdefault(x, set()).add(p)
        together, met = ties.together, ties.met
        for e in log.entries:
            if e.date > today:
                break
            people = e.contacts
            for i, a in enumerate(people):
                for b in people[i + 1:]:
                    key = (a, b) if a < b else (b, a)
                    if key not in together:  # entries are sorted: the first one is the earliest
                        together[key] = e
                        met.setdefault(a, set()).add(b)
                        met.setdefault(b, set()).add(a)
        for slug, p in log.people.items():
            form = org_key(p.org)
            if form is not None:
                ties.orgs.setdefault(form, []).append(slug)
                ties.org_form[slug] = form
        return ties

    def neighbours(self, slug: str) -> tuple[str, ...]:
        """Everyone tied to ``slug`` (never ``slug`` itself), sorted by slug."""
        out = self.adjacent.get(slug)
        if out is None:
            found = set(self.intro_links.get(slug, ()))
            found |= self.met.get(slug, set())
            form = self.org_form.get(slug)
            if form is not None:
                found.update(self.orgs[form])
            found.discard(slug)
            out = self.adjacent[slug] = tuple(sorted(found))
        return out

    def why(self, a: str, b: str) -> str | None:
        """The reason shown for the tie between ``a`` and ``b``, or None when they are not tied.

        ``"X introduced P"``, else ``"met together: <title>, <date>"`` (the
        earliest such entry, then by path), else ``"both at <org>"`` (``a``'s
        org as written).
        """
        people = self.log.people
        if self.intros.get(b) == a:
            return f"{people[a].name} introduced {people[b].name}"
        if self.intros.get(a) == b:
            return f"{people[b].name} introduced {people[a].name}"
        e = self.together.get((a, b) if a < b else (b, a))
        if e is not None:
            return f"met together: {e.title}, {e.date.isoformat()}"
        form = self.org_form.get(a)
        if form is not None and form == self.org_form.get(b):
            return f"both at {people[a].org}"
        return None

    def kind(self, a: str, b: str) -> str | None:
        """``"introducer"``, ``"met"``, ``"org"`` (by precedence), or None."""
        if self.intros.get(b) == a or self.intros.get(a) == b:
            return "introducer"
        if ((a, b) if a < b else (b, a)) in self.together:
            return "met"
        form = self.org_form.get(a)
        if form is not None and form == self.org_form.get(b):
            return "org"
        return None


# --------------------------------------------------------------------------- netlog path


def resolve_target(log: Log, target: str) -> list[str]:
    """The slugs TARGET names (docs/format.md §11), sorted by display name then slug.

    A ref (slug, name or aka, by slug form, as the people index resolves it);
    ``org:NAME``: people whose org has NAME's slug form; ``tag:NAME``: people
    with a tag of NAME's slug form. Raises :class:`~netlog.errors.UnknownTarget`
    when it names no one (or a ref names several).
    """
    from .people import PeopleIndex

    def order(slugs):
        return sorted(slugs, key=lambda s: name_order(log.people[s].name, s))

    for prefix in ("org:", "tag:"):
        if target.startswith(prefix):
            name = target[len(prefix):].strip()
            form = slugify(name)
            if not form:
                raise UnknownTarget(f"{target!r}: give a name after {prefix}")
            if prefix == "org:":
                values = {s: [p.org] if p.org else [] for s, p in log.people.items()}
            else:
                values = {s: list(p.tags) for s, p in log.people.items()}
            same = org_key if prefix == "org:" else slugify
            found = [s for s, vs in values.items() if any(same(v) == form for v in vs)]
            if not found:
                known = sorted({v for vs in values.values() for v in vs})
                what = "org" if prefix == "org:" else "tag"
                hint = did_you_mean(name, known, shown={v: prefix + v for v in known})
                raise UnknownTarget(f"no person has the {what} {name!r}{hint}")
            return order(found)
    index = PeopleIndex.of(log.people.values())
    found = index.slugs(target)
    if len(found) == 1:
        return found
    if found:
        raise UnknownTarget(f"{target!r} matches more than one person: "
                            + ", ".join(log.people[s].name for s in order(found)))
    raise UnknownTarget(f"{index.no_match(target)}; use org:NAME or tag:NAME for a group")


@dataclass(frozen=True, slots=True)
class Route:
    """One warm route: ``people`` (slugs) from A, whom you know directly, to the target T.

    ``links`` are ``(from slug, to slug, why)`` for each step; ``strength`` is
    A's tie strength.
    """

    people: tuple[str, ...]
    names: tuple[str, ...]
    strength: int
    links: tuple[tuple[str, str, str], ...]

    def sort_key(self) -> tuple:
        return (len(self.people), -self.strength, tuple(n.casefold() for n in self.names), self.people)

    def to_json(self) -> dict:
        return {"people": list(self.people), "names": list(self.names), "strength": self.strength,
                "links": [{"from": a, "to": b, "why": why} for a, b, why in self.links]}


@dataclass(frozen=True, slots=True)
class Nearest:
    """Why there is no route, for the message of ``netlog path``.

    ``person`` (a slug you know directly) is ``hops`` people away from
    ``target`` (a slug) with no limit on hops; both None when no one you know
    is connected to any target. ``tied`` lists the people tied to the targets.
    """

    person: str | None
    target: str | None
    hops: int | None
    tied: tuple[str, ...] = ()


def _distances(ties: Ties, target: str, limit: int | None) -> dict[str, int]:
    """Breadth-first distances (in steps) from ``target`` over the ties, up to ``limit`` steps."""
    dist = {target: 0}
    queue = deque([target])
    while queue:
        cur = queue.popleft()
        d = dist[cur]
        if limit is not None and d >= limit:
            continue
        for n in ties.neighbours(cur):
            if n not in dist:
                dist[n] = d + 1
                queue.append(n)
    return dist


def routes(log: Log, today: dt.date, targets: list[str], *, max_hops: int = MAX_HOPS,
           limit: int | None = LIMIT, strength: dict[str, Strength] | None = None,
           ties: Ties | None = None) -> tuple[list[Route], Nearest | None]:
    """Warm routes to the people ``targets`` (slugs), ranked (docs/format.md §11).

    For each target T and each person A you know directly with a route A ... T
    of at most ``max_hops`` people (A and T included, you not counted), one
    route: A, then at each step the tied person one step nearer to T,
    preferring the higher tie strength, then the name (``people.name_order``:
    casefolded, then the slug). A directly known T is a route of one. Routes are
    ranked by length, then A's strength (higher first), then the names in
    order; the first ``limit`` are returned (all with None). With no route the
    second value tells who is nearest (:class:`Nearest`), else it is None.
    """
    if max_hops < 1:
        raise ValueError("max_hops must be at least 1")
    strength = strength if strength is not None else strengths(log, today)
    ties = ties if ties is not None else Ties.of(log, today)
    known = known_directly(log, today)
    people = log.people

    def pick_key(slug: str) -> tuple:
        return (-strength[slug].value, *name_order(people[slug].name, slug))

    # (length, -A's strength, A, T) of every route; the route itself is built only for
    # those that can still make the first `limit` (length and strength rank first)
    candidates: list[tuple[int, int, str, str]] = []
    dists: dict[str, dict[str, int]] = {}
    for t in targets:
        dist = dists[t] = _distances(ties, t, max_hops - 1)
        candidates += [(dist[a] + 1, -strength[a].value, a, t) for a in known & dist.keys()]
    if limit is not None and len(candidates) > limit:
        candidates.sort()
        cut = candidates[limit - 1][:2]
        candidates = [c for c in candidates if c[:2] <= cut]
    found: list[Route] = []
    for _, _, a, t in candidates:
        dist = dists[t]
        path = [a]
        cur = a
        while cur != t:
            step = dist[cur] - 1
            cur = min((n for n in ties.neighbours(cur) if dist.get(n) == step), key=pick_key)
            path.append(cur)
        links = tuple((x, y, ties.why(x, y) or "") for x, y in zip(path, path[1:]))
        found.append(Route(tuple(path), tuple(people[s].name for s in path), strength[a].value, links))
    found.sort(key=Route.sort_key)
    if found:
        return (found if limit is None else found[:limit]), None
    return [], nearest(ties, known, targets)


def nearest(ties: Ties, known: set[str], targets: list[str]) -> Nearest:
    """Who you know directly that is nearest to one of ``targets``, with no hop limit."""
    best: tuple | None = None
    for t in targets:
        dist = _distances(ties, t, None)
        for a in known & dist.keys():
            key = (dist[a], *name_order(ties.log.people[a].name, a), t)
            if best is None or key < best:
                best = key
    tied = sorted({n for t in targets for n in ties.neighbours(t)} - set(targets),
                  key=lambda s: name_order(ties.log.people[s].name, s))
    if best is None:
        return Nearest(None, None, None, tuple(tied))
    return Nearest(best[2], best[3], best[0] + 1, tuple(tied))


# --------------------------------------------------------------------------- all of it at once


@dataclass(slots=True)
class Network:
    """Everything docs/format.md §11 derives from a log as of one day, computed once for the pages.

    ``intros``: :func:`introducers`; ``children``: :func:`introduced_by`;
    ``strength``: :func:`strengths`; ``doors``: :func:`ledger`;
    ``openings``: :func:`openings`.
    """

    intros: dict[str, str]
    children: dict[str, list[str]]
    strength: dict[str, Strength]
    doors: dict[str, Doors]
    openings: list[Entry]

    @classmethod
    def of(cls, log: Log, today: dt.date) -> Network:
        intros = introducers(log, today)
        return cls(intros, introduced_by(intros), strengths(log, today), ledger(log, today, intros),
                   openings(log, today))

    def chain(self, slug: str) -> list[str]:
        return chain(self.intros, slug)
