"""The timeline: an index of years and a page per year, entries by month, with
previous/next year links and an anchor on each day's first entry (the heatmap links there)."""

from __future__ import annotations

from .. import registry
from . import Site, add
from .dashboard import day_id
from .md import MONTHS, empty, p, plural, table
from .parts import entry_table, prev_next


def add_pages(site: Site) -> None:
    here = "timeline/index.md"
    years: dict[int, list] = {}
    for e in site.log.entries:
        years.setdefault(e.date.year, []).append(e)
    rows = [[site.a(str(y), here, registry.YEAR_PAGES.page(y)), f"{len(es):,}", f"{len({s for e in es for s in e.with_}):,}"]
            for y, es in sorted(years.items(), reverse=True)]
    intro = p(f"{plural(len(site.log.entries), 'entry', 'entries')} in {plural(len(years), 'year')}.")
    add(site, here, "Timeline", "# Timeline\n\n" + intro + "\n" +
        (table(["Year", "Entries", "People"], rows, "nl-years") if rows else empty("No entries yet.")))
    order = sorted(years)
    for n, year in enumerate(order):
        entries = years[year]
        page = registry.YEAR_PAGES.page(year)
        prev = (str(order[n - 1]), registry.YEAR_PAGES.page(order[n - 1])) if n else None
        nxt = (str(order[n + 1]), registry.YEAR_PAGES.page(order[n + 1])) if n + 1 < len(order) else None
        text = site.kept(page, lambda: year_inputs(site, entries, prev, nxt),
                         lambda: year_page(site, year, page, entries, prev, nxt))
        add(site, page, str(year), text, toc=True)


def year_inputs(site: Site, entries: list, prev, nxt) -> tuple:
    """Everything :func:`year_page` reads: the key under which ``netlog serve`` reuses a year's
    page (``Site.kept``). The year's entries, the date (planned marks), the URL layout, the
    names and pages of the people in them, the years before and after."""
    people = site.log.people
    named = tuple((s, people[s].name, people[s].page) for e in entries for s in e.with_)
    return tuple(entries), site.today, site.directory_urls, named, prev, nxt


def year_page(site: Site, year: int, page: str, entries: list, prev, nxt) -> str:
    out = [f"# {year}\n", p(f"{plural(len(entries), 'entry', 'entries')}."), prev_next(site, page, prev, nxt, "year")]
    months: dict[int, list] = {}
    for e in entries:
        months.setdefault(e.date.month, []).append(e)
    for month in sorted(months, reverse=True):
        es = months[month][::-1]
        # each day's anchor goes on its first row here (the heatmap links to it)
        ids = [day_id(e.date) if k == 0 or es[k - 1].date != e.date else None for k, e in enumerate(es)]
        out.append(f"## {MONTHS[month - 1]} ({len(es):,}) {{#{MONTHS[month - 1].lower()}}}\n")
        out.append(entry_table(site, es, page, row_ids=ids))
    out.append(prev_next(site, page, prev, nxt, "year"))
    return "\n".join(out)
