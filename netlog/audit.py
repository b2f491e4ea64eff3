"""Findings over the log: pure functions of (log, today, items).

Feeds the audit page, ``netlog audit``, the people pages and the dashboard:
per-person summaries (:class:`PersonSummary`), dormant and never-contacted people, one-sided
ties, overdue rule and thanks items, people without a cadence, advocates,
the weekly streak and the activity heatmap.

The network audit (docs/format.md §15) is :func:`network_audit`: tiers, roles, openness,
goals, people worth reconnecting (:func:`reconnect`, which ``netlog digest`` calls too) and
what changed since the review mark (``since.py``), each finding with one next step
(:class:`Step`), as data first; ``pages/overview.py`` and ``commands/audit.py`` render it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dates import add_or_never
from .errors import UnknownTarget
from .followups import Contacts, person_cadence
from .items import FollowUp, Source
from .model import Entry, Group, Log, Person
from .serendipity import Doors, Nearest, Network, Route, Strength, Ties, resolve_target, routes
from .since import Contact, Since, contacts_as_of
from .since import since as since_of
from .slug import slugify
from .people import by_name, org_key


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
    ordered = sorted(by_person.values(), key=lambda c: by_name(c.person))
    dormant = sorted((c for c in ordered if c.last is not None and add_or_never(log.options.dormant, c.last) < today),
                     key=lambda c: (c.last, *by_name(c.person)))
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


# =========================================================================== the network audit
# docs/format.md §15: tiers, roles, openness, goals, reconnect, since. Each part is a pure
# function of (log, today, options) and each finding carries one concrete next step.

#: (key, plain name, lowest strength) of each tier, strongest first (docs/format.md §15).
TIERS = (("inner", "Inner circle", 60), ("middle", "Middle ring", 30), ("outer", "Outer ring", 0))
#: How many people the Reconnect part lists (the digest asks for 3).
RECONNECT = 5
#: Openness looks at the entries of this many days before today.
OPENNESS_DAYS = 365


@dataclass(frozen=True, slots=True)
class Step:
    """One concrete next step: ``before`` + the person's name + ``after`` (plain text), so that a
    page can link the name; ``person`` is a slug or None (a step about no one in particular)."""

    before: str
    person: str | None = None
    after: str = ""

    def text(self, log: Log) -> str:
        name = log.people[self.person].name if self.person is not None else ""
        return f"{self.before}{name}{self.after}"

    def to_json(self, log: Log) -> dict:
        return {"text": self.text(log), "person": self.person}


@dataclass(slots=True)
class Tier:
    """People whose tie strength lies in ``low``..``high``, strongest first (then by name)."""

    key: str
    name: str
    low: int
    high: int
    people: list[str]
    step: Step | None


@dataclass(slots=True)
class Role:
    """A role of the option ``roles``: the people with its tag, ``active`` (a contact within
    ``dormant``) or ``dormant`` (none, also with no contact at all), each sorted by name."""

    role: str
    tag: str
    active: list[str]
    dormant: list[str]
    step: Step

    @property
    def gap(self) -> bool:
        return not self.active


@dataclass(slots=True)
class Openness:
    """Openness over the entries of the last 365 days with someone in ``with`` (docs/format.md §15).

    ``top_share`` = ``top_entries`` / ``entries``; ``closed_share`` = ``tied_pairs`` /
    ``pairs``, the pairs of the ``contacts`` (people met in the span); None when undefined.
    """

    start: dt.date  # the first day of the span
    entries: int
    orgs: int
    top_org: str | None
    top_entries: int
    contacts: int
    pairs: int
    tied_pairs: int
    step: Step | None

    @property
    def top_share(self) -> float | None:
        return self.top_entries / self.entries if self.entries and self.top_org is not None else None

    @property
    def closed_share(self) -> float | None:
        return self.tied_pairs / self.pairs if self.pairs else None


@dataclass(slots=True)
class GoalTarget:
    """The best route to one target of a goal, or why there is none (a gap)."""

    target: str
    people: list[str]  # the slugs it names ([] when it names no one)
    route: Route | None
    nearest: Nearest | None  # who is nearest, when there is no route
    problem: str | None  # why the target names no one
    step: Step

    @property
    def gap(self) -> bool:
        return self.route is None


@dataclass(slots=True)
class GoalFinding:
    name: str
    targets: list[GoalTarget]


@dataclass(frozen=True, slots=True)
class Reconnect:
    """A dormant tie worth reviving, with what ranked it (docs/format.md §15)."""

    person: str
    doors: int  # doors they opened for you (the ledger)
    mutuality: float  # M of their tie strength
    answered: int  # of the contacts that say who reached out, those `in` or `mutual`
    directed: int  # the contacts that say who reached out
    entries: int  # contacts with them
    last: dt.date  # the last one
    step: Step


@dataclass(slots=True)
class SinceAudit:
    """The Since part: :class:`netlog.since.Since`, plus the people who became dormant (dormant
    today, not as of the mark) and those reconnected (dormant as of the mark, not today)."""

    since: Since
    became_dormant: list[str]
    reconnected: list[str]
    step: Step | None


@dataclass(slots=True)
class NetworkAudit:
    """Every part of docs/format.md §15 as of ``today``, and the findings of §9's audit row."""

    today: dt.date
    tiers: list[Tier]
    roles: list[Role]
    openness: Openness
    goals: list[GoalFinding]
    reconnect: list[Reconnect]
    since: SinceAudit
    old: Audit

    def gaps(self) -> list[tuple[str, Step]]:
        """(what is missing, in words; its next step): each role with no active person and
        each goal target with no route, in the order of the option."""
        out = [(f"No active {r.role}", r.step) for r in self.roles if r.gap]
        for g in self.goals:
            out += [(f"{g.name}: no route to {target_words(t.target)}", t.step)
                    for t in g.targets if t.gap]
        return out


def target_words(target: str) -> str:
    """A goal's target in plain words: ``people at <org>``, ``people tagged <tag>``, or the ref
    as written."""
    if target.startswith("org:"):
        return f"people at {target[4:].strip()}"
    if target.startswith("tag:"):
        return f"people tagged {target[4:].strip()}"
    return target


def _by_name(log: Log, slugs) -> list[str]:
    return sorted(slugs, key=lambda s: (log.people[s].name.casefold(), s))


def is_dormant(log: Log, contact: Contact | None, today: dt.date) -> bool:
    """No contact within the option ``dormant`` although there is at least one (docs/format.md §9)."""
    return contact is not None and add_or_never(log.options.dormant, contact.last) < today


def _ago(today: dt.date, day: dt.date) -> str:
    days = (today - day).days
    if days < 60:
        return f"{days} days ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


def tiers(log: Log, today: dt.date, strength: dict[str, Strength],
          contacts: dict[str, Contact]) -> list[Tier]:
    """Every person (never-contacted people and stubs included) by tie strength: inner 60-100,
    middle 30-59, outer 0-29. Next step: write to the inner person you have not met longest
    (keep them close); in the middle and outer rings, to the strongest (the nearest to the next
    ring)."""
    out = []
    high = 100
    for key, name, low in TIERS:
        people = sorted((s for s in log.people if low <= strength[s].value <= high),
                        key=lambda s: (-strength[s].value, log.people[s].name.casefold(), s))
        step = None
        if key == "inner":
            met = [s for s in people if s in contacts]
            if met:
                s = min(met, key=lambda s: (contacts[s].last, log.people[s].name.casefold(), s))
                step = Step("Write to ", s, f": the inner-circle tie you have not met longest "
                                            f"(last contact {contacts[s].last.isoformat()}).")
        elif people:
            s = people[0]
            ring = "inner circle" if key == "middle" else "middle ring"
            step = Step("Write to ", s, f": the strongest here (strength {strength[s].value}), "
                                        f"the nearest to the {ring}.")
        out.append(Tier(key, name, low, high, people, step))
        high = low - 1
    return out


def reconnect_key(log: Log, slug: str, doors: dict[str, Doors], strength: dict[str, Strength],
                  contacts: dict[str, Contact]) -> tuple:
    """The Reconnect order (docs/format.md §15): doors they opened for you (more first), M of
    their tie strength (higher first), contacts (fewer first), the last one (older first), name."""
    d = doors.get(slug)
    c = contacts[slug]
    return (-(d.for_you if d else 0), -strength[slug].mutuality, c.n, c.last,
            log.people[slug].name.casefold(), slug)


def reconnect(log: Log, today: dt.date, n: int = RECONNECT, *, network: Network | None = None,
              contacts: dict[str, Contact] | None = None) -> list[Reconnect]:
    """People worth reconnecting (docs/format.md §15), best first, at most ``n``: people with at
    least one contact but none within ``dormant``, ranked by :func:`reconnect_key`.

    The audit lists 5; ``netlog digest`` asks for 3. ``network`` and ``contacts`` are
    :meth:`Network.of` and :func:`contacts_as_of` for ``today`` when the caller has them.
    """
    network = network if network is not None else Network.of(log, today)
    contacts = contacts if contacts is not None else contacts_as_of(log, today)
    dormant = [s for s, c in contacts.items() if is_dormant(log, c, today)]
    dormant.sort(key=lambda s: reconnect_key(log, s, network.doors, network.strength, contacts))
    out = []
    for s in dormant[:n]:
        d = network.doors.get(s)
        c = contacts[s]
        st = network.strength[s]
        out.append(Reconnect(s, d.for_you if d else 0, st.mutuality, st.answered, st.directed, c.n, c.last,
                             Step("Write to ", s, f": last contact {c.last.isoformat()} "
                                                  f"({_ago(today, c.last)}).")))
    return out


def reconnect_why(r: Reconnect, today: dt.date) -> str:
    """Why ``r`` is on the list, in plain words."""
    parts = []
    if r.doors:
        parts.append(f"opened {r.doors} door{'s' if r.doors != 1 else ''} for you")
    if r.directed:
        parts.append(f"they (or both of you) reached out in {r.answered} of {r.directed} "
                     f"exchange{'s' if r.directed != 1 else ''}")
    parts.append(f"{r.entries} entr{'ies' if r.entries != 1 else 'y'}, the last {_ago(today, r.last)}")
    return "; ".join(parts)


def roles(log: Log, today: dt.date, contacts: dict[str, Contact], network: Network) -> list[Role]:
    """For each role of the option ``roles`` (in its order), the people with its tag (compared
    by slug form), active or dormant. Next step: for a filled role, keep in touch with the active
    person whose last contact is oldest; for a gap, write to the dormant person the Reconnect
    order ranks first, else to one who was never contacted, else ask the strongest person you
    know whom they would suggest."""
    out = []
    for role, tag in log.options.roles.items():
        form = slugify(tag)
        people = [s for s, p in log.people.items() if any(slugify(t) == form for t in p.tags)]
        active = _by_name(log, [s for s in people if s in contacts and not is_dormant(log, contacts[s], today)])
        dormant = _by_name(log, [s for s in people if s not in active])
        if active:
            s = min(active, key=lambda s: (contacts[s].last, log.people[s].name.casefold(), s))
            until = add_or_never(log.options.dormant, contacts[s].last)
            step = Step("Keep in touch with ", s, f": last contact {contacts[s].last.isoformat()}, "
                                                  f"dormant after {until.isoformat()}.")
        elif dormant:
            seen = [s for s in dormant if s in contacts]
            if seen:
                s = min(seen, key=lambda s: reconnect_key(log, s, network.doors, network.strength, contacts))
                step = Step("Write to ", s, f" to fill the {role} role again: last contact "
                                            f"{contacts[s].last.isoformat()}.")
            else:
                step = Step("Write to ", dormant[0], f" to fill the {role} role: no entry with them yet.")
        else:
            known = [s for s in contacts]
            if known:
                s = min(known, key=lambda s: (-network.strength[s].value, log.people[s].name.casefold(), s))
                step = Step("Ask ", s, f" whom they would suggest as a {role}, then tag that person "
                                       f"`{tag}`.")
            else:
                step = Step(f"Find a {role} and tag them `{tag}`.")
        out.append(Role(role, tag, active, dormant, step))
    return out


def org_names(log: Log) -> dict[str, str]:
    """``{org key: name}``: each org named by its most common spelling among the people
    (the first in code point order on a tie), as the orgs pages name it."""
    spellings: dict[str, dict[str, int]] = {}
    for p in log.people.values():
        form = org_key(p.org)  # the one org identity (people.org_key)
        if form:
            counts = spellings.setdefault(form, {})
            counts[p.org] = counts.get(p.org, 0) + 1
    return {form: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for form, c in spellings.items()}


def openness(log: Log, today: dt.date, ties: Ties, strength: dict[str, Strength],
             contacts: dict[str, Contact]) -> Openness:
    """Openness (docs/format.md §15) over the entries dated after today − 365 days and on or
    before today with someone in ``with`` (not of the ``self`` group).

    The closed share counts the tied pairs among the people met in that span without testing
    every pair: pairs at one org are counted per org (m·(m−1)/2), pairs met together or linked
    by an introduction are collected from each person's own ties, and those among them also at
    one org are not counted twice. So the cost follows the ties, not the square of the people.
    Next step: write to the strongest person (then by name) whose org you have not met in the
    span, to open the network up.
    """
    try:
        start = today - dt.timedelta(days=OPENNESS_DAYS)
    except OverflowError:
        start = dt.date.min
    form = ties.org_form
    names = org_names(log)
    met: set[str] = set()
    per_org: dict[str, int] = {}
    entries = 0
    for e in log.entries:
        if e.date > today:
            break
        if e.date <= start or not e.contacts:
            continue
        entries += 1
        met.update(e.with_)
        for f in {form[s] for s in e.with_ if s in form}:
            per_org[f] = per_org.get(f, 0) + 1
    top = min(per_org, key=lambda f: (-per_org[f], names[f], f)) if per_org else None
    members: dict[str, int] = {}
    for s in met:
        if s in form:
            members[form[s]] = members.get(form[s], 0) + 1
    tied = sum(m * (m - 1) // 2 for m in members.values())
    linked: set[tuple[str, str]] = set()
    for a in met:
        for b in ties.met.get(a, ()):
            if a < b and b in met:
                linked.add((a, b))
        x = ties.intros.get(a)
        if x is not None and x != a and x in met:
            linked.add((a, x) if a < x else (x, a))
    tied += sum(1 for a, b in linked if a not in form or form[a] != form.get(b))
    k = len(met)
    candidates = [s for s, p in log.people.items()
                  if s in form and form[s] not in per_org and s not in met]
    step = None
    if candidates:
        s = min(candidates, key=lambda s: (s not in contacts, -strength[s].value,
                                            log.people[s].name.casefold(), s))
        org = names[form[s]]
        step = Step("Write to ", s, f" ({org}): nobody at {org} has been in an entry in the last year.")
    elif top is not None:
        step = Step(f"Meet someone outside {names[top]}: go to an event of another field and log "
                    "the people you meet.")
    return Openness(start + dt.timedelta(days=1) if start < dt.date.max else start, entries,
                    len(per_org), names[top] if top else None, per_org.get(top, 0) if top else 0,
                    k, k * (k - 1) // 2, tied, step)


def goals(log: Log, today: dt.date, network: Network, ties: Ties) -> list[GoalFinding]:
    """For each goal of the option ``goals``, the best route to each target (``netlog path
    TARGET --limit 1``), or no route (a gap) with who is nearest. Next step: write to a target
    you know; ask the route's first person to introduce you to the next; with no route, ask
    the nearest person you know, or get to know someone tied to the target."""
    out = []
    for goal in log.options.goals:
        found = []
        for target in goal.targets:
            try:
                people = resolve_target(log, target)
            except UnknownTarget as e:
                found.append(GoalTarget(target, [], None, None, str(e), Step(
                    f"No one in your log matches {target}: add the person, or give someone that org or "
                    "tag.")))
                continue
            best, nearest = routes(log, today, people, limit=1, strength=network.strength, ties=ties)
            route = best[0] if best else None
            if route is not None and len(route.people) == 1:
                step = Step("Write to ", route.people[0], ": you know them directly.")
            elif route is not None:
                step = Step("Ask ", route.people[0], f" to introduce you to {route.names[1]}.")
            elif nearest is not None and nearest.person is not None:
                step = Step("Ask ", nearest.person,
                            f" for a way to {log.people[nearest.target].name}: {nearest.hops} people apart.")
            elif nearest is not None and nearest.tied:
                step = Step("Get to know ", nearest.tied[0],
                            f": tied to {', '.join(log.people[t].name for t in people[:3])}.")
            else:
                step = Step("Write to ", people[0], ": nobody you know is tied to them yet.")
            found.append(GoalTarget(target, people, route, nearest, None, step))
        out.append(GoalFinding(goal.name, found))
    return out


def since_audit(log: Log, today: dt.date, mark: dt.date | None,
                contacts: dict[str, Contact]) -> SinceAudit:
    """The Since part (docs/format.md §15): :func:`netlog.since.since` plus who became dormant
    and who was reconnected, "as of the mark" computed with today = the mark on the same log.
    Next step: write to the first person who became dormant, else follow up with the first person
    first met who has had one entry only."""
    s = since_of(log, today, mark, contacts)
    then = contacts_as_of(log, s.mark)
    dormant_now = {p for p, c in contacts.items() if is_dormant(log, c, today)}
    dormant_then = {p for p, c in then.items() if is_dormant(log, c, s.mark)}
    became = _by_name(log, dormant_now - dormant_then)
    back = _by_name(log, dormant_then - dormant_now)
    step = None
    if became:
        step = Step("Write to ", became[0], f": dormant since "
                                            f"{add_or_never(log.options.dormant, contacts[became[0]].last).isoformat()}.")
    else:
        once = [p for p in s.first_met if p in contacts and contacts[p].n == 1]
        if once:
            step = Step("Follow up with ", once[0], f": first met {contacts[once[0]].first.isoformat()}, "
                                                    "one entry so far.")
    return SinceAudit(s, became, back, step)


def network_audit(log: Log, today: dt.date, *, mark: dt.date | None = None,
                  items: list[FollowUp] | None = None,
                  by_person: dict[str, PersonSummary] | None = None,
                  network: Network | None = None) -> NetworkAudit:
    """Every part of the network audit (docs/format.md §15) as of ``today``.

    ``mark`` is the start of the Since part (default: the last review, :func:`review_mark`);
    ``items``, ``by_person`` and ``network`` are :func:`followups.compute_all`,
    :func:`summaries` and :meth:`Network.of` for ``today`` when the caller has them.
    """
    from .followups import compute_all

    if items is None:
        items = compute_all(log, today)
    if by_person is None:
        by_person = summaries(log, today, items)
    if network is None:
        network = Network.of(log, today)
    ties = Ties.of(log, today, network.intros)
    contacts = contacts_as_of(log, today)
    return NetworkAudit(
        today,
        tiers(log, today, network.strength, contacts),
        roles(log, today, contacts, network),
        openness(log, today, ties, network.strength, contacts),
        goals(log, today, network, ties),
        reconnect(log, today, network=network, contacts=contacts),
        since_audit(log, today, mark, contacts),
        audit(log, today, items, by_person),
    )


def _share(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def to_json(a: NetworkAudit, log: Log) -> dict:
    """The audit as JSON (docs/format.md §15): the keys ``tiers``, ``roles``, ``openness``,
    ``goals``, ``reconnect``, ``since``, ``dormant``, ``never_contacted``, ``one_sided``,
    ``overdue``, ``no_cadence``; people as slugs, dates as ``YYYY-MM-DD``, shares 0-1."""

    def step(s: Step | None):
        return s.to_json(log) if s is not None else None

    o = a.openness
    s = a.since
    return {
        "tiers": {t.key: {"min": t.low, "max": t.high, "count": len(t.people), "people": t.people,
                          "next_step": step(t.step)} for t in a.tiers},
        "roles": [{"role": r.role, "tag": r.tag, "active": r.active, "dormant": r.dormant, "gap": r.gap,
                   "next_step": step(r.step)} for r in a.roles],
        "openness": {"from": o.start.isoformat(), "to": a.today.isoformat(), "entries": o.entries,
                     "orgs": o.orgs,
                     "top_org": (None if o.top_org is None else
                                 {"name": o.top_org, "entries": o.top_entries, "share": _share(o.top_share)}),
                     "contacts": o.contacts, "pairs": o.pairs, "tied_pairs": o.tied_pairs,
                     "closed_share": _share(o.closed_share), "next_step": step(o.step)},
        "goals": [{"name": g.name, "targets": [
            {"target": t.target, "people": t.people, "gap": t.gap,
             "route": t.route.to_json() if t.route is not None else None,
             "nearest": (None if t.nearest is None else
                         {"person": t.nearest.person, "target": t.nearest.target, "hops": t.nearest.hops,
                          "tied": list(t.nearest.tied)}),
             "problem": t.problem, "next_step": step(t.step)} for t in g.targets]} for g in a.goals],
        "reconnect": [{"person": r.person, "doors": r.doors, "mutuality": _share(r.mutuality),
                       "entries": r.entries, "last": r.last.isoformat(), "why": reconnect_why(r, a.today),
                       "next_step": step(r.step)} for r in a.reconnect],
        "since": {"mark": s.since.mark.isoformat(),
                  "review": s.since.review.path if s.since.review is not None else None,
                  "from": s.since.start.isoformat(), "to": a.today.isoformat(),
                  "entries": [e.path for e in s.since.entries], "met": s.since.met,
                  "first_met": s.since.first_met, "became_dormant": s.became_dormant,
                  "reconnected": s.reconnected, "openings": [e.path for e in s.since.openings],
                  "introduced": [e.path for e in s.since.introduced], "next_step": step(s.step)},
        "dormant": [{"person": c.person.slug, "last": c.last.isoformat(), "days": (a.today - c.last).days}
                    for c in a.old.dormant],
        "never_contacted": [{"person": c.person.slug, "met": c.person.met.isoformat() if c.person.met else None}
                            for c in a.old.never],
        "one_sided": [{"person": c.person.slug, "entries": n, "last": c.last.isoformat() if c.last else None}
                      for c, n in a.old.one_sided],
        "overdue": [{"due": i.due.isoformat(), "person": i.person, "source": str(i.source), "action": i.action,
                     "entry": i.entry} for i in a.old.stale],
        "no_cadence": [c.person.slug for c in a.old.no_cadence],
    }
