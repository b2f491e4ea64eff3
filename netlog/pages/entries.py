"""Entry pages: a header (date, kind, people, via, follow-up state) above the notes,
previous/next entry links below (docs/format.md §9)."""

from __future__ import annotations

from ..followups import closed_by
from ..hostile import notes_markdown
from ..model import Entry
from ..titles import body_without_title
from . import Site, add
from .md import block, day, esc, h, table
from .parts import due_cell, entry_link, facts, people_links, person_link, prev_next
from .words import short_date, when


def add_pages(site: Site) -> None:
    by_entry: dict[str, list] = {}
    for i in site.items:
        if i.entry is not None:
            by_entry.setdefault(i.entry, []).append(i)
    entries = site.log.entries
    for n, e in enumerate(entries):
        prev = entries[n - 1] if n else None
        nxt = entries[n + 1] if n + 1 < len(entries) else None
        add(site, e.path, e.title, entry_page(site, e, by_entry.get(e.path, []), prev, nxt),
            generated=False, tags=e.tags)


def entry_page(site: Site, e: Entry, items, prev: Entry | None = None, nxt: Entry | None = None) -> str:
    here = e.path
    today = site.today
    pairs = [("Date", day(e.date) + (' <span class="nl-tag-planned">planned</span>' if e.date > today else "")),
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
        pairs.append(("Audience", f"{e.audience:,}"))
    if e.tags:
        pairs.append(("Tags", h(", ".join(e.tags))))
    if e.follow_up_off:
        pairs.append(("Follow-up", "off (<code>follow_up: false</code>)"))
    elif not items:
        pairs.append(("Follow-up", "none"))
    out = [f"# {esc(e.title)}\n", facts(pairs, "nl-entry-header")]
    if items:
        rows = []
        for i in items:
            if i.closed:
                closer = closed_by(site.summaries[i.person].entries, e, today) if i.person else None
                state = "done" + (f": {entry_link(site, closer, here)} ({h(short_date(closer.date, today))})"
                                  if closer else "")
            else:
                state = f'<span class="nl-when nl-{i.status}">{h(when(i.due, today))}</span>'
            rows.append([due_cell(i), state, person_link(site, i.person, here), h(i.action)])
        out.append(block('<div class="nl-entry-items">\n<p><strong>Follow-ups</strong></p>\n' +
                         table(["Due", "State", "Person", "Action"], rows, "nl-fixed nl-entry-fu") + "</div>")
                   + "\n")
    # the notes, minus the `# ` heading that gave the title (titles.py; the page prints it above)
    out.append(notes_markdown(body_without_title(e.body, e.title) if e.title_given else e.body))
    out.append("\n")
    out.append(prev_next(site, here, (prev.title, prev.path) if prev else None,
                         (nxt.title, nxt.path) if nxt else None, "entry"))
    return "\n".join(out)
