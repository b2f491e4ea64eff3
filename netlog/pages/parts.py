"""Pieces shared by several pages: links, item tables, entry tables, fact lists."""

from __future__ import annotations

import posixpath

from ..model import Entry, Item
from . import Site
from .md import block, day, h, table


def person_link(site: Site, slug: str, here: str) -> str:
    p = site.log.people[slug]
    return site.a(p.name, here, p.page)


def people_links(site: Site, slugs, here: str) -> str:
    return ", ".join(person_link(site, s, here) for s in slugs)


def entry_link(site: Site, e: Entry, here: str) -> str:
    return site.a(e.title, here, e.path)


def due_cell(item: Item) -> str:
    return f'<span class="nl-due nl-{item.status}">{day(item.due)}</span>'


def item_table(site: Site, items: list[Item], here: str, *, person: bool = True,
               status: bool = False) -> str:
    """Due | (Status) | (Person) | Action | Source | Entry."""
    headers = ["Due"] + (["Status"] if status else []) + (["Person"] if person else []) + \
        ["Action", "Source", "Entry"]
    rows = []
    for i in items:
        row = [due_cell(i)]
        if status:
            row.append(h(i.status))
        if person:
            row.append(person_link(site, i.person, here) if i.person else "—")
        row.append(h(i.action))
        row.append(h(i.source))
        row.append(entry_link(site, site.entry(i.entry), here) if i.entry else "—")
        rows.append(row)
    return table(headers, rows)


def entry_table(site: Site, entries: list[Entry], here: str, *, people: bool = True) -> str:
    """Date | Kind | Title | (People)."""
    headers = ["Date", "Kind", "Title"] + (["People"] if people else [])
    memo = site.memo
    # links depend on the folder of the page they are on (on the page itself with directory URLs)
    where = here if site.directory_urls else posixpath.dirname(here)
    rows = []
    for e in entries:
        if memo is not None:
            names = tuple((s, site.log.people[s].name) for s in e.with_) if people else ()
            kept = memo.get(("row", e.path, where, people))
            if kept is not None and kept[0] == e and kept[1] == names:
                rows.append(kept[2])
                continue
        row = [day(e.date), h(e.kind), entry_link(site, e, here)]
        if people:
            row.append(people_links(site, e.with_, here) or "—")
        if memo is not None:
            memo[("row", e.path, where, people)] = (e, names, row)
        rows.append(row)
    return table(headers, rows)


def facts(pairs: list[tuple[str, str]], cls: str) -> str:
    """A definition list of (label, HTML value) pairs, as a raw HTML block."""
    body = "\n".join(f"<dt>{h(label)}</dt><dd>{value}</dd>" for label, value in pairs)
    return block(f'<div class="{cls}">\n<dl>\n{body}\n</dl>\n</div>') + "\n"
