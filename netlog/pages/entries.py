"""Entry pages: a header (date, kind, people, via, follow-up state) above the notes."""

from __future__ import annotations

from ..model import Entry
from . import Site, add
from .md import block, day, esc, h, table, unmark
from .parts import due_cell, facts, people_links, person_link

_STATE = {"closed": "closed", "overdue": "overdue", "today": "due today",
          "upcoming": "upcoming", "later": "later"}


def add_pages(site: Site) -> None:
    by_entry: dict[str, list] = {}
    for i in site.items:
        if i.entry is not None:
            by_entry.setdefault(i.entry, []).append(i)
    memo = site.memo
    for e in site.log.entries:
        items = by_entry.get(e.path, [])
        if memo is None:
            text = entry_page(site, e, items)
        else:
            # everything entry_page reads: the entry, its items, the names and pages it links to
            people = site.log.people
            key = (e, tuple(items), site.today, site.directory_urls,
                   tuple((s, people[s].name, people[s].page) for s in (*e.with_, *e.via,
                                                                         *(i.person for i in items if i.person))))
            kept = memo.get(("entry", e.path))
            if kept is not None and kept[0] == key:
                text = kept[1]
            else:
                text = entry_page(site, e, items)
                memo[("entry", e.path)] = (key, text)
        add(site, e.path, e.title, text, generated=False, tags=e.tags)


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
    pairs = [("Date", day(e.date) + (' <em class="nl-planned">(planned)</em>' if e.date > site.today else "")),
             ("Kind", f"{h(e.kind)} ({h(e.group)})")]
    if e.with_:
        pairs.append(("With", people_links(site, e.with_, here)))
    if e.via:
        pairs.append(("Via", people_links(site, e.via, here)))
    for label, value in (("Direction", e.direction), ("Channel", e.channel), ("Outcome", e.outcome)):
        if value:
            pairs.append((label, h(value)))
    if e.audience is not None:
        pairs.append(("Audience", str(e.audience)))
    if e.tags:
        pairs.append(("Tags", h(", ".join(e.tags))))
    if e.follow_up_off:
        pairs.append(("Follow-up", "off (<code>follow_up: false</code>)"))
    elif not items:
        pairs.append(("Follow-up", "none"))
    out = [f"# {esc(e.title)}\n", facts(pairs, "nl-entry-header")]
    if items:
        rows = [[due_cell(i), _STATE[i.status], person_link(site, i.person, here), h(i.action), h(i.source)]
                for i in items]
        out.append(block('<div class="nl-entry-items">\n<p><strong>Follow-ups</strong></p>\n' +
                         table(["Due", "State", "Person", "Action", "Source"], rows) + "</div>") + "\n")
    out.append(unmark(_body_without_title(e)))
    return "\n".join(out)
