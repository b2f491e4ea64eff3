"""Entry pages: a header (date, kind, people, via, follow-up state) above the notes,
previous/next entry links below (docs/format.md §9)."""

from __future__ import annotations

from markupsafe import Markup

from ..followups import closed_by
from ..hostile import notes_markdown
from ..model import Entry, Group
from ..titles import body_without_title
from . import Site, add
from .md import block_line, day, esc, h, table
from .parts import due_cell, entry_link, facts, people_links, person_link, planned_mark, prev_next, when_cell
from .words import short_date


def add_pages(site: Site, *, only: set[str] | None = None, earlier: dict | None = None) -> None:
    """Every entry's page; with ``only`` (paths), the pages of the other entries are
    ``earlier``'s (pages of an earlier call whose inputs are known to be the same:
    ``build_pages``), or left as they are in ``site.pages`` when ``earlier`` is None."""
    by_entry: dict[str, tuple] = site.cache["items_by_entry"]  # build_pages': entry path -> its items
    entries = site.log.entries
    for n, e in enumerate(entries):
        if only is not None and e.path not in only:
            if earlier is not None:
                site.pages[e.path] = earlier[e.path]
            continue
        prev = entries[n - 1] if n else None
        nxt = entries[n + 1] if n + 1 < len(entries) else None
        items = by_entry.get(e.path, ())
        text = site.kept(e.path, lambda: page_inputs(site, e, items, prev, nxt),
                         lambda: entry_page(site, e, items, prev, nxt))
        add(site, e.path, e.title, text, generated=False, tags=e.tags)


def page_inputs(site: Site, e: Entry, items, prev: Entry | None, nxt: Entry | None) -> tuple:
    """Everything :func:`entry_page` reads, as plain values: the key under which
    ``build_pages``' memo reuses a page (``netlog serve``), so two equal keys must
    give the same page. Besides the entry and its items: the date (planned mark,
    "in 3 days"), the URL layout, the names and pages of the people it links to,
    the entry that closed each closed item (another entry: its title, path and
    date) and the previous and next entries' titles and paths. Change this with
    :func:`entry_page` (tests/test_preview.py compares memo and fresh pages).
    """
    people = site.log.people
    slugs = (*e.with_, *e.via, *(i.person for i in items if i.person))
    closers = tuple(_closer(site, e, i) for i in items if i.closed)
    return (e, tuple(items), site.today, site.directory_urls,
            tuple((s, people[s].name, people[s].page) for s in slugs),
            tuple((c.title, c.path, c.date) if c else None for c in closers),
            (prev.title, prev.path) if prev else None, (nxt.title, nxt.path) if nxt else None)


def _closer(site: Site, e: Entry, item) -> Entry | None:
    """The entry that closed ``item`` (a closed follow-up of ``e``), if one did."""
    return closed_by(site.summaries[item.person].entries, e, site.today) if item.person else None


# what a kind's group means, after the kind on an entry page (a conversation needs no word)
_GROUP_WORDS = {Group.CONVERSATION: "", Group.VISIBILITY: " · a showcase", Group.SELF: " · about you"}


def entry_page(site: Site, e: Entry, items, prev: Entry | None = None, nxt: Entry | None = None) -> str:
    here = e.path
    today = site.today
    pairs = [("Date", day(e.date) + planned_mark(site, e)),
             ("Kind", h(e.kind) + _GROUP_WORDS.get(e.group, f" ({h(e.group)})"))]
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
        pairs.append(("Follow-up", "turned off for this entry"))
    elif not items:
        pairs.append(("Follow-up", "none"))
    out = [f"# {esc(e.title)}\n", facts(pairs, "nl-entry-header")]
    if items:
        rows = []
        for i in items:
            if i.closed:
                closer = _closer(site, e, i)
                state = Markup("done") + (Markup(": ") + entry_link(site, closer, here)
                                          + f" ({short_date(closer.date, today)})" if closer else "")
            else:
                state = when_cell(site, i)
            rows.append([due_cell(i), state, person_link(site, i.person, here), h(i.action)])
        out.append(block_line(Markup('<div class="nl-entry-items">\n<p><strong>Follow-ups</strong></p>\n')
                         + table(["Due", "State", "Person", "Action"], rows, "nl-fixed nl-entry-fu")
                         + Markup("</div>")))
    # the notes, minus the `# ` heading that gave the title (titles.py; the page prints it above)
    out.append(notes_markdown(body_without_title(e.body, e.title) if e.title_given else e.body))
    out.append("\n")
    out.append(prev_next(site, here, (prev.title, prev.path) if prev else None,
                         (nxt.title, nxt.path) if nxt else None, "entry"))
    return "\n".join(out)
