"""The timeline: an index of years and a page per year, entries by month."""

from __future__ import annotations

from . import Site, add
from .md import MONTHS, empty, p, plural, table
from .parts import entry_table


def add_pages(site: Site) -> None:
    here = "timeline/index.md"
    years: dict[int, list] = {}
    for e in site.log.entries:
        years.setdefault(e.date.year, []).append(e)
    rows = [[site.a(str(y), here, f"timeline/{y}.md"), str(len(es)), str(len({s for e in es for s in e.with_}))]
            for y, es in sorted(years.items(), reverse=True)]
    intro = p(f"{plural(len(site.log.entries), 'entry', 'entries')} in {plural(len(years), 'year')}.")
    add(site, here, "Timeline", "# Timeline\n\n" + intro + "\n" +
        (table(["Year", "Entries", "People"], rows) if rows else empty("No entries yet.")))
    for year, entries in years.items():
        page = f"timeline/{year}.md"
        out = [f"# {year}\n", p(f"{plural(len(entries), 'entry', 'entries')}.")]
        months: dict[int, list] = {}
        for e in entries:
            months.setdefault(e.date.month, []).append(e)
        for month in sorted(months, reverse=True):
            es = months[month][::-1]
            out.append(f"## {MONTHS[month - 1]} ({len(es)})\n")
            out.append(entry_table(site, es, page))
        add(site, page, str(year), "\n".join(out))
