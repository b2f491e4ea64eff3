"""Entry pages: a header (date, kind, people, via, follow-up state) above the notes."""

from __future__ import annotations

from ..hostile import notes_markdown
from ..model import Entry
from ..titles import body_without_title
from . import Site, add
from .md import block, day, esc, h, table
from .parts import due_cell, facts, people_links, person_link

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


def entry_page(site: Site, e: Entry, items) -> str:
    here = e.path
    pairs = [("Date", day(e.date) + (' <em class="nl-planned">(planned)</em>' if e.date > site.today else "")),
             ("Kind", f"{h(e.kind)} ({h(e.group)})")]
    if e.with_:
        pairs.append(("With", people_links(site, e.with_, here)))
    if e.via:
        pairs.append(("Via", people_links(site, e.via, here)))
    for label, value in (("Direction", e.direction), ("Channel", e.channel), ("Outcome", e.outcome),
                         ("Source", e.source)):
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
    # the notes, minus the `# ` heading that gave the title (titles.py; the page prints it above)
    out.append(notes_markdown(body_without_title(e.body, e.title) if e.title_given else e.body))
    return "\n".join(out)
