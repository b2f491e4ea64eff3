"""The visibility page: the gap since the last showcase, every quarter from the first
showcase to today (empty ones shown as gaps), showcases done and planned, advocates."""

from __future__ import annotations

from markupsafe import Markup

from ..items import Source
from ..model import Group
from ..people import by_name
from . import Site, add
from .md import day, empty, h, markup, p, plural, table
from .parts import entry_link, people_links, person_link, when_cell
from .words import short_date

ADVOCATE_DOORS = 5  # entries listed per advocate


def add_pages(site: Site) -> None:
    add(site, "visibility.md", "Visibility", page(site), toc=True)


def _quarter(d) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def page(site: Site) -> str:
    here = "visibility.md"
    today = site.today
    gap_target = h(site.log.options.visibility_gap)
    shows = [e for e in site.log.entries if e.group == Group.VISIBILITY]
    past = [e for e in shows if e.date <= today]
    planned = [e for e in shows if e.date > today]
    out = ["# Visibility\n"]
    if past:
        last = past[-1]
        gap = (today - last.date).days
        out.append(p(markup(f"Last showcase: {entry_link(site, last, here)} on {h(short_date(last.date, today))}, "
                            f"<strong>{plural(gap, 'day')} ago</strong> (aim: one every {gap_target})."), "nl-gap"))
    else:
        out.append(p(markup(f"No showcase yet (aim: one every {gap_target})."), "nl-gap"))
    item = next((i for i in site.open_items if i.source == Source.VISIBILITY), None)
    if item is not None:
        out.append(p(Markup("Next showcase: ") + when_cell(site, item) + f" (due {short_date(item.due, today)})."))

    out.append("## Showcases by quarter {#quarters}\n")
    if not past:
        out.append(empty("No showcases yet: a talk, a lunch & learn, volunteering or circulated "
                         "takeaways all count."))
    else:
        by: dict[tuple[int, int], list] = {}
        for e in past:
            by.setdefault(_quarter(e.date), []).append(e)
        y, q = _quarter(past[0].date)
        end = _quarter(today)
        quarters = []
        while (y, q) <= end:
            quarters.append((y, q))
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
        rows = []
        empty_quarters = 0
        for y, q in reversed(quarters):
            es = by.get((y, q), [])
            if not es:
                empty_quarters += 1
                rows.append([f"{y} Q{q}", Markup('<span class="nl-gap-mark">no showcase</span>'), "—", "—"])
                continue
            audience = sum(e.audience or 0 for e in es)
            reached = sorted({s for e in es for s in e.with_}, key=lambda s: by_name(site.log.people[s]))
            rows.append([f"{y} Q{q}", plural(len(es), "showcase"), f"{audience:,}",
                         people_links(site, reached, here) or "—"])
        out.append(p(f"{plural(len(quarters), 'quarter')} since the first showcase, "
                     f"{plural(empty_quarters, 'quarter')} without one.", "nl-quarter"))
        out.append(table(["Quarter", "Showcases", "Audience", "People reached"], rows, "nl-fixed nl-quarters"))

    if planned:
        out.append(f"## Planned ({len(planned):,}) {{#planned}}\n")
        out.append(_show_table(site, planned, here))
    if past:
        out.append(f"## Showcases ({len(past):,}) {{#showcases}}\n")
        out.append(_show_table(site, past[::-1], here))

    out.append("## Advocates {#advocates}\n")
    out.append(p("People who opened doors for you: who introduced or recommended you (an entry came about "
                 "through them), and who referred you."))
    advocates = [c for c in site.summaries.values() if c.opened]
    advocates.sort(key=lambda c: (-len(c.opened), *by_name(c.person)))
    if not advocates:
        out.append(empty("No advocates recorded yet."))
    else:
        rows = []
        for c in advocates:
            doors = c.opened[::-1]
            what = Markup("<br>").join(entry_link(site, e, here) + f" ({short_date(e.date, today)})"
                                       for e in doors[:ADVOCATE_DOORS])
            if len(doors) > ADVOCATE_DOORS:
                what += markup(f"<br>and {len(doors) - ADVOCATE_DOORS:,} more")
            rows.append([person_link(site, c.person.slug, here), f"{len(doors):,}", what])
        out.append(table(["Advocate", "Doors", "What they opened"], rows, "nl-fixed nl-advocates"))
    return "\n".join(out)


def _show_table(site: Site, es: list, here: str) -> str:
    rows = [[day(e.date), h(e.kind), entry_link(site, e, here),
             f"{e.audience:,}" if e.audience is not None else "—",
             people_links(site, e.with_, here) or "—"] for e in es]
    return table(["Date", "Kind", "Title", "Audience", "People"], rows, "nl-fixed nl-shows")
