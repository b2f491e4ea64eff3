"""Pieces shared by several pages: item tables, entry tables, person links."""

from __future__ import annotations

from ..model import Entry, Item
from . import Site
from .md import day, esc, link, table

SOURCE_LABEL = {"explicit": "explicit", "rule": "rule", "thanks": "thanks",
                "cadence": "cadence", "visibility": "visibility"}


def person_link(site: Site, slug: str, here: str) -> str:
    p = site.log.people[slug]
    return link(p.name, here, p.page)


def people_links(site: Site, slugs, here: str) -> str:
    return ", ".join(person_link(site, s, here) for s in slugs)


def entry_link(site: Site, e: Entry, here: str, text: str | None = None) -> str:
    return link(text if text is not None else e.title, here, e.path)


def item_table(site: Site, items: list[Item], here: str, *, person: bool = True,
               status: bool = False) -> str:
    """Due | (Status) | (Person) | Action | Source | Entry."""
    headers = ["Due"] + (["Status"] if status else []) + (["Person"] if person else []) + \
        ["Action", "Source", "Entry"]
    entries = {e.path: e for e in site.log.entries}
    rows = []
    for i in items:
        row = [f'<span class="nl-due nl-{i.status}">{day(i.due)}</span>']
        if status:
            row.append(i.status)
        if person:
            row.append(person_link(site, i.person, here) if i.person else "—")
        row.append(esc(i.action))
        row.append(SOURCE_LABEL[i.source])
        row.append(entry_link(site, entries[i.entry], here) if i.entry else "—")
        rows.append(row)
    return table(headers, rows)


def entry_table(site: Site, entries: list[Entry], here: str, *, people: bool = True) -> str:
    """Date | Kind | Title | (People)."""
    headers = ["Date", "Kind", "Title"] + (["People"] if people else [])
    rows = []
    for e in entries:
        row = [day(e.date), esc(e.kind), entry_link(site, e, here)]
        if people:
            row.append(people_links(site, e.with_, here) or "—")
        rows.append(row)
    return table(headers, rows)


def empty(text: str) -> str:
    return f"*{esc(text)}*\n"
