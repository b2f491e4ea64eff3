"""Pieces shared by several pages: links, item cards and tables, entry tables, fact lists."""

from __future__ import annotations

import datetime as dt
import posixpath

from ..model import Entry, FollowUp, Group
from . import Site
from .md import block, day, h, table
from .words import done_command, reason, short_date, snooze_note, when


def person_link(site: Site, slug: str, here: str) -> str:
    p = site.log.people[slug]
    return site.a(p.name, here, p.page)


def people_links(site: Site, slugs, here: str) -> str:
    return ", ".join(person_link(site, s, here) for s in slugs)


def entry_link(site: Site, e: Entry, here: str) -> str:
    return site.a(e.title, here, e.path)


def due_cell(item: FollowUp) -> str:
    return f'<span class="nl-due nl-{item.status}">{day(item.due)}</span>'


def planned_mark(site: Site, e: Entry) -> str:
    return ' <span class="nl-tag-planned">planned</span>' if e.date > site.today else ""


def last_showcase(site: Site) -> dt.date | None:
    if "last_showcase" not in site.cache:
        site.cache["last_showcase"] = max(
            (e.date for e in site.log.entries if e.group == Group.VISIBILITY and e.date <= site.today), default=None)
    return site.cache["last_showcase"]


def _reason_html(site: Site, item: FollowUp, here: str, showcase: dt.date | None) -> str:
    e = site.entry(item.entry) if item.entry else None
    last = site.summaries[item.person].last if item.person else showcase
    names = {s: site.log.people[s].name for s in e.with_} if e else {}
    text = h(reason(item, e, names, site.today, last))
    snoozed = snooze_note(item, site.today)
    tail = f' · <span class="nl-snoozed">{h(snoozed)}</span>' if snoozed else ""
    return (f'<a href="{site.href(here, e.path)}">{text}</a>' if e else text) + tail


def item_cards(site: Site, items: list[FollowUp], here: str, *, person: bool = True) -> str:
    """Items as cards: when (in words), who, the action, why, and the command that records it done."""
    showcase = last_showcase(site)
    out = []
    for i in items:
        e = site.entry(i.entry) if i.entry else None
        who = (person_link(site, i.person, here) if i.person else "You") if person else ""
        head = f'<span class="nl-when nl-{i.status}">{h(when(i.due, site.today))}</span>'
        if who:
            head += f' <span class="nl-who">{who}</span>'
        out.append(f'<li class="nl-item nl-item-{i.status}"><p class="nl-item-head">{head}'
                   f'<span class="nl-date">{h(short_date(i.due, site.today))}</span></p>'
                   f'<p class="nl-action">{h(i.action)}</p>'
                   f'<p class="nl-why">{_reason_html(site, i, here, showcase)}</p>'
                   f'<pre class="nl-cmd"><code>{h(done_command(i, e))}</code></pre></li>')
    return block('<ul class="nl-items">\n' + "\n".join(out) + "\n</ul>") + "\n"


def item_table(site: Site, items: list[FollowUp], here: str, *, person: bool = True) -> str:
    """Due | When | (Person) | Action | Why."""
    showcase = last_showcase(site)
    headers = ["Due", "When"] + (["Person"] if person else []) + ["Action", "Why"]
    rows = []
    for i in items:
        row = [due_cell(i), f'<span class="nl-when nl-{i.status}">{h(when(i.due, site.today))}</span>']
        if person:
            row.append(person_link(site, i.person, here) if i.person else "You")
        row.append(h(i.action))
        row.append(_reason_html(site, i, here, showcase))
        rows.append(row)
    return table(headers, rows, "nl-fixed nl-items-table" + (" nl-with-person" if person else ""))


def entry_table(site: Site, entries: list[Entry], here: str, *, people: bool = True,
                row_ids: list[str | None] | None = None) -> str:
    """Date | Kind | Title | (People); planned entries marked."""
    headers = ["Date", "Kind", "Title"] + (["People"] if people else [])
    memo = site.memo
    # links depend on the folder of the page they are on (on the page itself with directory URLs)
    where = here if site.directory_urls else posixpath.dirname(here)
    rows = []
    for e in entries:
        if memo is not None:
            # what the row reads: the entry, the date (planned mark), the people's names and pages
            key = (e, site.today, site.directory_urls,
                   tuple((s, site.log.people[s].name, site.log.people[s].page) for s in e.with_) if people else ())
            kept = memo.get(("row", e.path, where, people))
            if kept is not None and kept[0] == key:
                rows.append(kept[1])
                continue
        row = [day(e.date), h(e.kind), entry_link(site, e, here) + planned_mark(site, e)]
        if people:
            row.append(people_links(site, e.with_, here) or "—")
        if memo is not None:
            memo[("row", e.path, where, people)] = (key, row)
        rows.append(row)
    return table(headers, rows, "nl-fixed nl-entries" + ("" if people else " nl-no-people"), row_ids=row_ids)


def facts(pairs: list[tuple[str, str]], cls: str) -> str:
    """A definition list of (label, HTML value) pairs, as a raw HTML block.

    A space between each label and value keeps search snippets readable ("Org Acme").
    """
    body = "\n".join(f"<div><dt>{h(label)}</dt> <dd>{value}</dd></div>" for label, value in pairs)
    return block(f'<div class="{cls}">\n<dl>\n{body}\n</dl>\n</div>') + "\n"


def prev_next(site: Site, here: str, prev: tuple[str, str] | None, nxt: tuple[str, str] | None,
              what: str) -> str:
    """Previous/next links: ``prev`` and ``nxt`` are (title, src_uri) or None."""
    left = (f'<a class="nl-prev" href="{site.href(here, prev[1])}" rel="prev">'
            f'<span class="nl-pn-label">Previous {h(what)}</span> {h(prev[0])}</a>') if prev else "<span></span>"
    right = (f'<a class="nl-next" href="{site.href(here, nxt[1])}" rel="next">'
             f'<span class="nl-pn-label">Next {h(what)}</span> {h(nxt[0])}</a>') if nxt else "<span></span>"
    return block(f'<nav class="nl-prevnext" aria-label="Previous and next {h(what)}">{left}{right}</nav>') + "\n"
