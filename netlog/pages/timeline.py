"""The timeline: an index of years and a page per year, entries by month."""

from __future__ import annotations

from . import Site, add
from .md import MONTHS, plural, table
from .parts import entry_table


def add_pages(site: Site) -> None:
    years: dict[int, list] = {}
    for e in site.log.entries:
        years.setdefault(e.date.year, []).append(e)
    rows = [[f"[{y}]({y}.md)", str(len(es)), str(len({s for e in es for s in e.with_}))]
            for y, es in sorted(years.items(), reverse=True)]
    intro = f"# Timeline\n\n{plural(len(site.log.entries), 'entry', 'entries')} in {plural(len(years), 'year')}.\n\n"
    add(site, "timeline/index.md", "Timeline",
        intro + (table(["Year", "Entries", "People"], rows) if rows else "*No entries yet.*\n"))
    for year, entries in years.items():
        here = f"timeline/{year}.md"
        out = [f"# {year}\n\n{plural(len(entries), 'entry', 'entries')}.\n"]
        months: dict[int, list] = {}
        for e in entries:
            months.setdefault(e.date.month, []).append(e)
        for month in sorted(months, reverse=True):
            es = months[month][::-1]
            out.append(f"## {MONTHS[month - 1]} ({len(es)})\n")
            out.append(entry_table(site, es, here))
        add(site, here, str(year), "\n".join(out))
