"""Pieces shared by several pages: links, item cards and tables, entry tables, fact lists."""

from __future__ import annotations

import datetime as dt
import posixpath

from markupsafe import Markup

from ..items import FollowUp
from ..model import Entry, Group
from . import Site
from .md import block_line, command, day, escape, h, markup, table
from .words import done_command, reason, short_date, snooze_note, when


def person_link(site: Site, slug: str, here: str) -> Markup:
    p = site.log.people[slug]
    return site.a(p.name, here, p.page)


def people_links(site: Site, slugs, here: str) -> Markup:
    return markup(", ".join(person_link(site, s, here) for s in slugs))  # links are Markup


def entry_link(site: Site, e: Entry, here: str) -> Markup:
    return site.a(e.title, here, e.path)


def due_cell(item: FollowUp) -> Markup:
    return markup(f'<span class="nl-due nl-{h(item.status)}">{day(item.due)}</span>')


_PLANNED = Markup(' <span class="nl-tag-planned">planned</span>')


def planned_mark(site: Site, e: Entry) -> Markup:
    return _PLANNED if e.date > site.today else Markup()


def when_cell(site: Site, item: FollowUp) -> Markup:
    """How late or how soon an item is, in words, styled by its status."""
    return markup(f'<span class="nl-when nl-{h(item.status)}">{h(when(item.due, site.today))}</span>')


def last_showcase(site: Site) -> dt.date | None:
    if "last_showcase" not in site.cache:
        site.cache["last_showcase"] = max(
            (e.date for e in site.log.entries if e.group == Group.VISIBILITY and e.date <= site.today), default=None)
    return site.cache["last_showcase"]


def _reason_html(site: Site, item: FollowUp, here: str, showcase: dt.date | None) -> Markup:
    e = site.entry(item.entry) if item.entry else None
    last = site.summaries[item.person].last if item.person else showcase
    names = {s: site.log.people[s].name for s in e.with_} if e else {}
    text = h(reason(item, e, names, site.today, last))
    snoozed = snooze_note(item, site.today)
    tail = markup(f' · <span class="nl-snoozed">{h(snoozed)}</span>') if snoozed else ""
    return (markup(f'<a href="{site.href(here, e.path)}">{text}</a>') if e else text) + tail


def item_mark(item: FollowUp) -> str:
    """`` data-nl-item="<the item's calendar UID>"`` on an item with a person (none otherwise): which
    item an action shown beside it acts on in ``netlog serve`` (the mark itself is inert)."""
    from ..feed import item_uid

    return f' data-nl-item="{h(item_uid(item))}"' if item.person else ""


def item_cards(site: Site, items: list[FollowUp], here: str, *, person: bool = True) -> str:
    """Items as cards: when (in words), who, the action, why, and the command that records it done."""
    showcase = last_showcase(site)
    out = []
    for i in items:
        e = site.entry(i.entry) if i.entry else None
        who = (person_link(site, i.person, here) if i.person else "You") if person else ""
        head = when_cell(site, i)
        if who:
            head += markup(f' <span class="nl-who">{who}</span>')
        out.append(f'<li class="nl-item nl-item-{i.status}"><p class="nl-item-head">{head}'
                   f'<span class="nl-date">{h(short_date(i.due, site.today))}</span></p>'
                   f'<p class="nl-action"{item_mark(i)}>{h(i.action)}</p>'
                   f'<p class="nl-why">{_reason_html(site, i, here, showcase)}</p>'
                   f'{command(done_command(i, e))}</li>')
    return block_line('<ul class="nl-items">\n' + "\n".join(out) + "\n</ul>")


def item_table(site: Site, items: list[FollowUp], here: str, *, person: bool = True) -> str:
    """Due | When | (Person) | Action | Why."""
    showcase = last_showcase(site)
    headers = ["Due", "When"] + (["Person"] if person else []) + ["Action", "Why"]
    rows = []
    for i in items:
        row = [due_cell(i), when_cell(site, i)]
        if person:
            row.append(person_link(site, i.person, here) if i.person else "You")
        row.append(markup(f'<span class="nl-action"{item_mark(i)}>{h(i.action)}</span>'))
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
        link = entry_link(site, e, here)
        row = [day(e.date), h(e.kind), markup(str.__add__(link, _PLANNED)) if e.date > site.today else link]
        if people:
            row.append(people_links(site, e.with_, here) or "—")
        if memo is not None:
            memo[("row", e.path, where, people)] = (key, row)
        rows.append(row)
    return table(headers, rows, "nl-fixed nl-entries" + ("" if people else " nl-no-people"), row_ids=row_ids)


def facts(pairs: list[tuple[str, str]], cls: str) -> Markup:
    """A definition list of (label, value) pairs, as a raw HTML block; values that are not
    Markup are escaped.

    A space between each label and value keeps search snippets readable ("Org Acme").
    """
    body = "\n".join(f"<div><dt>{h(label)}</dt> <dd>{escape(value)}</dd></div>" for label, value in pairs)
    return block_line(f'<div class="{cls}">\n<dl>\n{body}\n</dl>\n</div>')


def prev_next(site: Site, here: str, prev: tuple[str, str] | None, nxt: tuple[str, str] | None,
              what: str) -> str:
    """Previous/next links: ``prev`` and ``nxt`` are (title, src_uri) or None."""
    left = (f'<a class="nl-prev" href="{site.href(here, prev[1])}" rel="prev">'
            f'<span class="nl-pn-label">Previous {h(what)}</span> {h(prev[0])}</a>') if prev else "<span></span>"
    right = (f'<a class="nl-next" href="{site.href(here, nxt[1])}" rel="next">'
             f'<span class="nl-pn-label">Next {h(what)}</span> {h(nxt[0])}</a>') if nxt else "<span></span>"
    return block_line(f'<nav class="nl-prevnext" aria-label="Previous and next {h(what)}">{left}{right}</nav>')
