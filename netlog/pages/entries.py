"""Entry pages: a header (date, kind, people, via, follow-up state) above the notes."""

from __future__ import annotations

from ..model import Entry
from . import Site, add
from .md import day, esc, table
from .parts import people_links, person_link

_STATE = {"closed": "closed", "overdue": "overdue", "today": "due today",
          "upcoming": "upcoming", "later": "later"}


def add_pages(site: Site) -> None:
    by_entry: dict[str, list] = {}
    for i in site.items:
        if i.entry is not None:
            by_entry.setdefault(i.entry, []).append(i)
    for e in site.log.entries:
        add(site, e.path, e.title, entry_page(site, e, by_entry.get(e.path, [])),
            generated=False, tags=e.tags)


def _body_without_title(e: Entry) -> str:
    """The notes, minus the `# ` heading that gave the title (the page prints the title itself)."""
    if not e.title_given:
        return e.body
    lines = e.body.split("\n")
    for n, line in enumerate(lines[:200]):
        if line.startswith("# ") and line[2:].strip().rstrip("#").strip() == e.title:
            return "\n".join(lines[:n] + lines[n + 1:])
    return e.body


def entry_page(site: Site, e: Entry, items) -> str:
    here = e.path
    planned = e.date > site.today
    facts = [f"**Date:** {day(e.date)}" + (" *(planned)*" if planned else ""),
             f"**Kind:** {esc(e.kind)} ({esc(e.group)})"]
    if e.with_:
        facts.append(f"**With:** {people_links(site, e.with_, here)}")
    if e.via:
        facts.append(f"**Via:** {people_links(site, e.via, here)}")
    for label, value in (("Direction", e.direction), ("Channel", e.channel), ("Outcome", e.outcome)):
        if value:
            facts.append(f"**{label}:** {esc(value)}")
    if e.audience is not None:
        facts.append(f"**Audience:** {e.audience}")
    if e.tags:
        facts.append("**Tags:** " + ", ".join(esc(t) for t in e.tags))
    if e.follow_up_off:
        facts.append("**Follow-up:** off (`follow_up: false`)")
    out = [f"# {esc(e.title)}\n", '<div class="nl-entry-header" markdown>\n\n' +
           "\n".join(f"- {f}" for f in facts) + "\n\n</div>\n"]
    if items:
        rows = [[f'<span class="nl-due nl-{i.status}">{day(i.due)}</span>', _STATE[i.status],
                 person_link(site, i.person, here), esc(i.action), i.source] for i in items]
        out.append('<div class="nl-entry-items" markdown>\n\n**Follow-ups**\n\n' +
                   table(["Due", "State", "Person", "Action", "Source"], rows) + "\n</div>\n")
    out.append(_body_without_title(e))
    return "\n".join(out)
