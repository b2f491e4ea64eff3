"""Entry pages: a header (date, kind, people, via, follow-up state) above the notes,
previous/next entry links below (SPEC section 6)."""

from __future__ import annotations

from ..kinds import SAME_DAY_CLOSERS
from ..model import Entry
from . import Site, add
from .md import block, day, esc, h, table, unmark
from .parts import due_cell, entry_link, facts, people_links, person_link, prev_next
from .words import short_date, when

_STATE = {"closed": "done", "overdue": "overdue", "today": "due today",
          "upcoming": "upcoming", "later": "later"}


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


def closed_by(site: Site, slug: str, e: Entry) -> Entry | None:
    """The entry that closed the item for ``slug`` from ``e`` (SPEC section 5): the first entry
    dated on or before today with them in ``with`` that is later than ``e``, or a same-day
    thank-you/follow-up other than ``e``."""
    best = None
    for f in site.contacts[slug].entries:  # oldest first
        if f.date > site.today:
            break
        if f.date > e.date or (f.date == e.date and f.path != e.path and f.kind in SAME_DAY_CLOSERS):
            best = f
            break
    return best


def _body_without_title(e: Entry) -> str:
    """The notes, minus the `# ` heading that gave the title (the page prints the title itself)."""
    if not e.title_given:
        return e.body
    lines = e.body.split("\n")
    for n, line in enumerate(lines[:200]):
        if line.startswith("# ") and line[2:].strip().rstrip("#").strip() == e.title:
            return "\n".join(lines[:n] + lines[n + 1:])
    return e.body


def entry_page(site: Site, e: Entry, items, prev: Entry | None = None, nxt: Entry | None = None) -> str:
    here = e.path
    today = site.today
    pairs = [("Date", day(e.date) + (' <span class="nl-tag-planned">planned</span>' if e.date > today else "")),
             ("Kind", f"{h(e.kind)} ({h(e.group)})")]
    if e.with_:
        pairs.append(("With", people_links(site, e.with_, here)))
    if e.via:
        pairs.append(("Via", people_links(site, e.via, here)))
    for label, value in (("Direction", e.direction), ("Channel", e.channel), ("Outcome", e.outcome)):
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
                closer = closed_by(site, i.person, e) if i.person else None
                state = "done" + (f": {entry_link(site, closer, here)} ({h(short_date(closer.date, today))})"
                                  if closer else "")
            else:
                state = f'<span class="nl-when nl-{i.status}">{h(when(i.due, today))}</span>'
            rows.append([due_cell(i), state, person_link(site, i.person, here), h(i.action)])
        out.append(block('<div class="nl-entry-items">\n<p><strong>Follow-ups</strong></p>\n' +
                         table(["Due", "State", "Person", "Action"], rows, "nl-fixed nl-entry-fu") + "</div>")
                   + "\n")
    out.append(unmark(_body_without_title(e)))
    out.append("\n")
    out.append(prev_next(site, here, (prev.title, prev.path) if prev else None,
                         (nxt.title, nxt.path) if nxt else None, "entry"))
    return "\n".join(out)
