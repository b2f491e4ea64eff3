"""The visibility page: showcases by quarter, the gap since the last one, advocates."""

from __future__ import annotations

from ..kinds import VISIBILITY
from ..model import Source
from . import Site, add
from .md import day, empty, esc, h, p, plural, table
from .parts import entry_link, entry_table, people_links, person_link


def add_pages(site: Site) -> None:
    add(site, "visibility.md", "Visibility", page(site))


def page(site: Site) -> str:
    here = "visibility.md"
    today = site.today
    gap_target = h(site.log.options.visibility_gap)
    shows = [e for e in site.log.entries if e.group == VISIBILITY]
    past = [e for e in shows if e.date <= today]
    out = ["# Visibility\n"]
    if past:
        last = past[-1]
        gap = (today - last.date).days
        out.append(p(f"Last showcase: {entry_link(site, last, here)} on {day(last.date)}, "
                     f"<strong>{plural(gap, 'day')} ago</strong> (aim: one every {gap_target}).", "nl-gap"))
    else:
        out.append(p(f"No showcase yet (aim: one every {gap_target}).", "nl-gap"))
    item = next((i for i in site.open_items if i.source == Source.VISIBILITY), None)
    if item is not None:
        out.append(p(f"Next showcase due <strong>{day(item.due)}</strong> ({h(item.status)})."))

    out.append("## Showcases by quarter\n")
    quarters: dict[tuple[int, int], list] = {}
    for e in shows:
        quarters.setdefault((e.date.year, (e.date.month - 1) // 3 + 1), []).append(e)
    if not quarters:
        out.append(empty("No showcases yet: a talk, a lunch & learn, volunteering or circulated "
                         "takeaways all count."))
    for (year, q), es in sorted(quarters.items(), reverse=True):
        audience = sum(e.audience or 0 for e in es)
        reached = sorted({s for e in es for s in e.with_}, key=lambda s: site.log.people[s].name.casefold())
        out.append(f"### {year} Q{q}\n")
        out.append(p(f"{plural(len(es), 'showcase')}, audience <strong>{audience}</strong>, "
                     f"{plural(len(reached), 'person', 'people')} reached"
                     + (f": {people_links(site, reached, here)}" if reached else "") + ".", "nl-quarter"))
        rows = [[day(e.date), h(e.kind), entry_link(site, e, here),
                 str(e.audience) if e.audience is not None else "—",
                 people_links(site, e.with_, here) or "—"] for e in es[::-1]]
        out.append(table(["Date", "Kind", "Title", "Audience", "People"], rows))

    out.append("## Advocates\n")
    out.append(p("People who opened doors: in <code>via</code> of an entry, or in <code>with</code> of a referral."))
    advocates = [c for c in site.summaries.values() if c.opened]
    advocates.sort(key=lambda c: (-len(c.opened), c.person.name.casefold()))
    if not advocates:
        out.append(empty("No advocates recorded yet."))
    for c in advocates:
        out.append(f"### {esc(c.person.name)}\n")
        out.append(p(f"{person_link(site, c.person.slug, here)} opened {plural(len(c.opened), 'door')}:"))
        out.append(entry_table(site, c.opened[::-1], here))
    return "\n".join(out)
