"""The audit page, ``audit.md`` (docs/format.md §15): a document a person acts on.

A summary first (the tiers at a glance, the gaps with their next steps, the
five people to reconnect with and why), then each part of the network audit
(tiers, roles, openness, goals with their warm routes, reconnect, since your
last review), then the older findings (overdue rule and thanks items, one-sided
ties, dormant people, never contacted, no cadence). Every person links to their
page; every finding ends with one next step. The computation is
:func:`netlog.audit.network_audit`; this module only renders it, as cards and
lists that read on a phone without sideways scrolling.
"""

from __future__ import annotations

import re

from .. import audit as audit_mod
from ..serendipity import Network
from . import Site
from .md import block, day, empty, esc, h, markup, p, plural, table
from .parts import item_table, person_link

HERE = "audit.md"
_CODE = re.compile(r"`([^`]*)`")


def _p(html: str):
    """A paragraph of HTML made here: fixed text, numbers, and values escaped with ``h``."""
    return p(markup(html))


def _text(s: str) -> str:
    """Plain text to HTML, with `tag` written as code."""
    return _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", h(s))


def _step(site: Site, step: audit_mod.Step | None) -> str:
    """The next step as a line: ``Next: Write to <a>Name</a>: why.``"""
    if step is None:
        return ""
    who = person_link(site, step.person, HERE) if step.person is not None else ""
    return (f'<p class="nl-step"><span class="nl-step-label">Next step</span> '
            f"{_text(step.before)}{who}{_text(step.after)}</p>")


def _people(site: Site, slugs: list[str], strength=None) -> str:
    if not slugs:
        return '<span class="nl-empty">no one</span>'
    if strength is None:
        return ", ".join(person_link(site, s, HERE) for s in slugs)
    return ", ".join(f'{person_link(site, s, HERE)} <span class="nl-score">{strength[s].value}</span>'
                     for s in slugs)


def _card(title: str, body: str, cls: str = "") -> str:
    return (f'<div class="nl-audit-card{" " + cls if cls else ""}"><p class="nl-audit-title">{title}</p>'
            f"{body}</div>")


def _cards(cards: list[str]) -> str:
    return block('<div class="nl-audit-cards">\n' + "\n".join(cards) + "\n</div>") + "\n"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{round(100 * x)}%"


def audit_page(site: Site) -> str:
    log, today = site.log, site.today
    network = site.cache.get("serendipity")
    if network is None:
        network = site.cache["serendipity"] = Network.of(log, today)
    a = audit_mod.network_audit(log, today, items=site.items, by_person=site.summaries, network=network)
    out = ["# Audit\n", _p(f"Where to act next, as of <strong>{today.isoformat()}</strong>: "
                          "who is close, which roles and goals lack someone, and whom to write to.")]
    out += _summary(site, a, network)
    out += _tiers(site, a, network)
    out += _roles(site, a)
    out += _openness(site, a)
    out += _goals(site, a)
    out += _reconnect(site, a)
    out += _since(site, a)
    out += _old(site, a.old)
    return "\n".join(out)


def _summary(site: Site, a: audit_mod.NetworkAudit, network: Network) -> list[str]:
    out = ["## At a glance {#at-a-glance}\n"]
    cards = [f'<a class="nl-card nl-card-tier" href="#tier-{t.key}"><span class="nl-num">{len(t.people):,}</span>'
             f'<span class="nl-label">{h(t.name)}</span></a>' for t in a.tiers]
    out.append(block('<div class="nl-cards">' + "".join(cards) + "</div>") + "\n")
    gaps = a.gaps()
    out.append(f"### Gaps ({len(gaps):,}) {{#gaps}}\n")
    if gaps:
        out.append(block('<ul class="nl-audit-list">\n' + "\n".join(
            f'<li><p class="nl-audit-what">{h(what)}</p>{_step(site, step)}</li>' for what, step in gaps)
            + "\n</ul>") + "\n")
    else:
        out.append(empty("No gaps: every role has someone active and every goal has a route."))
    out.append(f"### Reconnect with ({len(a.reconnect):,}) {{#reconnect-with}}\n")
    if a.reconnect:
        out.append(block('<ol class="nl-audit-list">\n' + "\n".join(
            f'<li><p class="nl-audit-what">{person_link(site, r.person, HERE)}</p>'
            f'<p class="nl-why">{h(audit_mod.reconnect_why(r, a.today))}</p></li>' for r in a.reconnect)
            + "\n</ol>") + "\n")
    else:
        out.append(empty("No one: nobody you have met is dormant."))
    return out


def _tiers(site: Site, a: audit_mod.NetworkAudit, network: Network) -> list[str]:
    out = ["## Tiers {#tiers}\n",
           _p("Everyone in your log by tie strength (0–100: how recently, how often, how closely and how "
             "evenly you have been in touch). The number after a name is its strength.")]
    cards = []
    for t in a.tiers:
        body = (f'<p class="nl-audit-people">{_people(site, t.people, network.strength)}</p>'
                + _step(site, t.step))
        cards.append(f'<div class="nl-audit-card" id="tier-{t.key}"><p class="nl-audit-title">'
                     f'{h(t.name)} <span class="nl-range">{t.low}–{t.high}</span> '
                     f'<span class="nl-count">{plural(len(t.people), "person", "people")}</span></p>{body}</div>')
    out.append(_cards(cards))
    return out


#: What the Roles and Goals parts say when the option is not set.
NO_ROLES = ("No roles set. Name the roles your network needs (a mentor, a sponsor, a connector) and the tag "
            "of the people who fill them, under <code>roles:</code> in the netlog plugin's options; each role "
            "with no one active becomes a gap here.")
NO_GOALS = ("No goals set. Give each goal a name and the people, <code>org:NAME</code> or <code>tag:NAME</code> "
            "it needs, under <code>goals:</code> in the netlog plugin's options: the audit finds the warm route "
            "to each.")


def _rows(rows: list[tuple[str, str]]) -> str:
    """Labelled lines of a card: the label above its value (never beside it, so nothing overprints)."""
    return "".join(f'<p class="nl-audit-row"><span class="nl-k">{k}</span> {v}</p>' for k, v in rows)


def _roles(site: Site, a: audit_mod.NetworkAudit) -> list[str]:
    if not a.roles:
        return ["## Roles {#roles}\n", _p(NO_ROLES)]
    out = ["## Roles {#roles}\n"]
    out.append(_p(f"Each role and the people tagged for it. Active: an entry within "
                 f"{h(site.log.options.dormant)}. A role with no one active is a gap."))
    cards = []
    for r in a.roles:
        badge = ('<span class="nl-badge nl-badge-gap">Gap</span>' if r.gap
                 else '<span class="nl-badge nl-badge-ok">Filled</span>')
        body = _rows([("Active", _people(site, r.active)), ("Dormant", _people(site, r.dormant))]) + _step(site, r.step)
        cards.append(_card(f'{h(r.role)} {badge}<span class="nl-sub">tagged <code>{h(r.tag)}</code></span>',
                           body, "nl-audit-gap" if r.gap else ""))
    out.append(_cards(cards))
    return out


def _openness(site: Site, a: audit_mod.NetworkAudit) -> list[str]:
    o = a.openness
    out = ["## Openness {#openness}\n",
           _p(f"Your entries with people from {o.start.isoformat()} to {a.today.isoformat()}: how many "
             "organisations they reached, and how much the people you met already know each other.")]
    if not o.entries:
        out.append(empty("No entries with people in the last 365 days."))
        out.append(block(_step(site, o.step)) + "\n" if o.step else "")
        return out
    rows = [("Entries", f"{o.entries:,}"),
            ("Organisations", f"{o.orgs:,}"),
            ("Most often", f"{h(o.top_org)}: {o.top_entries:,} of {o.entries:,} entries ({_pct(o.top_share)})"
             if o.top_org else "—"),
            ("Closed", f"{o.tied_pairs:,} of the {o.pairs:,} pairs of the {o.contacts:,} people you met know "
                       f"each other ({_pct(o.closed_share)}): the higher, the more closed")]
    out.append(_cards([_card("The last 365 days", _rows(rows) + _step(site, o.step))]))
    return out


def _goals(site: Site, a: audit_mod.NetworkAudit) -> list[str]:
    if not a.goals:
        return ["## Goals {#goals}\n", _p(NO_GOALS)]
    out = ["## Goals {#goals}\n"]
    log = site.log
    for g in a.goals:
        out.append(f"### {esc(g.name)}\n")
        cards = []
        for t in g.targets:
            names = ", ".join(person_link(site, s, HERE) for s in t.people[:5]) + (" …" if len(t.people) > 5 else "")
            who = f'<p class="nl-sub">{names}</p>' if t.people and not (len(t.people) == 1 and t.target
                                                                    == log.people[t.people[0]].name) else ""
            if t.route is None:
                what = h(t.problem) if t.problem else "No route yet: nobody you know is within three people."
                body = who + f'<p class="nl-audit-row nl-gap-mark">{what}</p>'
                cls = "nl-audit-gap"
                badge = '<span class="nl-badge nl-badge-gap">No route</span>'
            else:
                r = t.route
                steps = [f"<li>{person_link(site, r.people[0], HERE)}"
                         + (' <span class="nl-why">you know them</span>' if len(r.people) == 1 else "") + "</li>"]
                steps += [f'<li>{person_link(site, y, HERE)} <span class="nl-why">{h(why)}</span></li>'
                          for x, y, why in r.links]
                body = who + '<ol class="nl-route">' + "".join(steps) + "</ol>"
                cls = ""
                badge = '<span class="nl-badge nl-badge-ok">Route</span>'
            cards.append(_card(f"{h(audit_mod.target_words(t.target))} {badge}", body + _step(site, t.step), cls))
        out.append(_cards(cards))
    return out


def _reconnect(site: Site, a: audit_mod.NetworkAudit) -> list[str]:
    out = ["## Reconnect {#reconnect}\n",
           _p(f"Dormant ties (no entry within {h(site.log.options.dormant)}) are the most useful to revive, "
             "and the ones people least often pick. First the people who opened the most doors for you, "
             "then those who reached out to you most, then those you met least, longest ago.")]
    if not a.reconnect:
        out.append(empty("No one: nobody you have met is dormant."))
        return out
    cards = []
    for n, r in enumerate(a.reconnect, 1):
        body = (f'<p class="nl-why">{h(audit_mod.reconnect_why(r, a.today))}</p>' + _step(site, r.step))
        cards.append(_card(f'<span class="nl-rank">{n}</span> {person_link(site, r.person, HERE)}', body))
    out.append(_cards(cards))
    return out


def _entries(site: Site, entries) -> str:
    if not entries:
        return '<span class="nl-empty">none</span>'
    return "; ".join(f'{day(e.date)} {site.a(e.title, HERE, e.path)}' for e in entries)


def _since(site: Site, a: audit_mod.NetworkAudit) -> list[str]:
    s = a.since
    since = s.since
    if since.review is not None:
        start = (f"since your last review on {site.a(day(since.mark), HERE, since.review.path)}")
    else:
        start = f"in the last 30 days, since {day(since.mark)} (no review before today)"
    out = ["## Since your last review {#since}\n",
           _p(f"What changed {start}: {plural(len(since.entries), 'entry', 'entries')} with "
             f"{plural(len(since.met), 'person', 'people')}.")]
    rows = [("First met", _people(site, since.first_met)),
            ("Now dormant", _people(site, s.became_dormant)),
            ("Reconnected", _people(site, s.reconnected)),
            ("Openings", _entries(site, since.openings)),
            ("Doors you opened", _entries(site, since.introduced))]
    out.append(_cards([_card(f"{day(since.start)} to {day(a.today)}", _rows(rows) + _step(site, s.step))]))
    return out


def _old(site: Site, a: audit_mod.Audit) -> list[str]:
    dormant = site.log.options.dormant

    def who(c):
        return person_link(site, c.person.slug, HERE)

    out = [f"## Dormant ({len(a.dormant):,})\n", _p(f"People with no entry within {h(dormant)}.")]
    out.append(table(["Person", "Org", "Last contact", "Entries"],
                     [[who(c), h(c.person.org or "—"), day(c.last), f"{len(c.entries):,}"] for c in a.dormant])
               if a.dormant else empty("No one."))
    out.append(f"## Never contacted ({len(a.never):,})\n")
    out.append(_p("People with no entry yet."))
    out.append(table(["Person", "Org", "Met"],
                     [[who(c), h(c.person.org or "—"), day(c.person.met)] for c in a.never])
               if a.never else empty("No one."))
    out.append(f"## One-sided ties ({len(a.one_sided):,})\n")
    out.append(_p("Three or more entries that say who reached out, and every time it was you."))
    out.append(table(["Person", "Entries", "Last contact"],
                     [[who(c), f"{n:,}", day(c.last)] for c, n in a.one_sided])
               if a.one_sided else empty("No one."))
    out.append(f"## Overdue thanks and follow-ups ({len(a.stale):,})\n")
    out.append(_p("Thank-yous and follow-ups that an entry's kind or an introduction called for, past their date."))
    out.append(item_table(site, a.stale, HERE) if a.stale else empty("None."))
    out.append(f"## No cadence ({len(a.no_cadence):,})\n")
    out.append(_p("People you have not set a keep-in-touch cadence for."))
    out.append(table(["Person", "Org", "Last contact"],
                     [[who(c), h(c.person.org or "—"), day(c.last)] for c in a.no_cadence])
               if a.no_cadence else empty("No one."))
    return out
