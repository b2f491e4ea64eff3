"""The people index and a page for every person (stubs included), docs/format.md §9.

A person page is an ordered list of blocks (:data:`PERSON_BLOCKS`): each is a
function ``(site, slug) -> Markdown`` that returns ``""`` when it has nothing to
show, so empty sections are left out and a new block drops in with one line
(``PERSON_BLOCKS.insert(n, ("name", function))``).
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..followups import person_cadence
from ..hostile import notes_markdown
from ..model import Group
from ..people import by_name
from ..slug import drop_accents
from . import Site, add
from .md import MONTHS, block_line, command, day, empty, esc, h, markup, p, plural, table
from .parts import entry_link, entry_table, facts, item_cards, people_links, person_link, planned_mark, when_cell
from .serendipity import network, person_section
from .words import ago, every_words, short_date

_LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_PHONE = re.compile(r"\+?[0-9][0-9 ().\-]{4,}[0-9]")
_PHONE_LABELS = ("phone", "mobile", "cell", "tel", "telephone", "work phone", "home phone")


def add_pages(site: Site) -> None:
    add(site, "people/index.md", "People", index(site))
    for slug, person in site.log.people.items():
        text = site.kept(person.page, lambda: page_inputs(site, slug), lambda: person_page(site, slug))
        add(site, person.page, person.name, text, generated=person.stub, tags=person.tags, boost=10)


def page_inputs(site: Site, slug: str) -> tuple:
    """Everything :func:`person_page` reads for ``slug``, as plain values: the key under which
    ``build_pages``' memo reuses a person page (``netlog serve``, issue 27 goal 3), so two
    equal keys must give the same page.

    It holds the person, the date, the URL layout and the options; their summary (entries,
    last contact, openings, introductions, open items); the entries their items come from;
    the introductions data of their page (chain, the people they introduced, the doors each
    way, tie strength); the anchors of their tags; the last showcase when an item without a
    person is listed; and the whole record of every person the page names (the people of
    those entries, their chain, introducer and introduced). Change this with
    :func:`person_page` and its blocks (tests/test_preview.py compares memo and fresh pages).
    """
    from .groups import tag_ids
    from .parts import last_showcase

    people = site.log.people
    person = people[slug]
    c = site.summaries[slug]
    net = network(site)
    doors = net.doors.get(slug)
    chain = tuple(net.chain(slug))
    kids = tuple(net.children.get(slug, ()))
    item_entries = tuple(site.entry(i.entry) if i.entry else None for i in c.items)
    named = {slug, *chain, *kids}
    if person.met_via:
        named.add(person.met_via)
    for entries in (c.entries, c.opened, c.introduced_by, [e for e in item_entries if e is not None]):
        for e in entries:
            named.update(e.with_)
            named.update(e.via)
    named.update(i.person for i in c.items if i.person)
    ids = tag_ids(site)
    summary = (tuple(c.entries), c.last, tuple(c.opened), tuple(c.introduced_by), tuple(c.introduced),
               tuple(c.items), tuple(site.summaries[i.person].last if i.person in site.summaries else None
                                     for i in c.items))
    ties = (chain, kids, (tuple(doors.introduced), tuple(doors.openings), tuple(doors.yours)) if doors else None,
            net.strength.get(slug))
    showcase = last_showcase(site) if any(i.person is None for i in c.items) else None
    return (slug, person, site.today, site.directory_urls, site.log.options, summary, item_entries, ties,
            tuple(ids.get(t) for t in person.tags), showcase,
            tuple((s, people.get(s)) for s in sorted(named, key=str)))


# --------------------------------------------------------------------------- the index


def _next_due(site: Site, slug: str):
    return min((i.due for i in site.summaries[slug].items), default=None)


def _col_name(site, person, here):
    return person_link(site, person.slug, here) + (_STUB if person.stub else "")


_STUB = Markup(' <em class="nl-stub">(stub)</em>')


def _col_cadence(site, person, here):
    cadence = person_cadence(person, site.log.options.cadence, site.today)
    return h(cadence) if cadence else "—"


#: The people index's columns, in order: (header, cell function (site, person, here) -> HTML).
INDEX_COLUMNS: list = [
    ("Name", _col_name),
    ("Org", lambda site, x, here: h(x.org or "—")),
    ("Tags", lambda site, x, here: h(", ".join(x.tags)) or "—"),
    ("Last contact", lambda site, x, here: day(site.summaries[x.slug].last)),
    ("Entries", lambda site, x, here: f"{len(site.summaries[x.slug].entries):,}"),
    ("Cadence", _col_cadence),
    ("Next due", lambda site, x, here: markup(f'<span class="nl-nowrap">{day(_next_due(site, x.slug))}</span>')),
    ("Strength", lambda site, x, here: str(network(site).strength[x.slug].value)),
]


#: The orders the people index offers (netlog.js; the built order is the first).
INDEX_SORTS = "name:Name:asc|last:Last contact:desc|next:Next due:asc|strength:Tie strength:desc"


def _sort_keys(site: Site, person) -> dict[str, str]:
    """The people index row's sort values: ISO dates sort as text, "" sorts last."""
    last, nxt = site.summaries[person.slug].last, _next_due(site, person.slug)
    return {"name": drop_accents(person.name).casefold(), "last": last.isoformat() if last else "",
            "next": nxt.isoformat() if nxt else "", "strength": str(network(site).strength[person.slug].value)}


def index(site: Site) -> str:
    here = "people/index.md"
    people = sorted(site.log.people.values(), key=by_name)
    rows = [[cell(site, person, here) for _, cell in INDEX_COLUMNS] for person in people]
    real = sum(1 for x in site.log.people.values() if not x.stub)
    stubs = len(site.log.people) - real
    intro = plural(real, "person", "people") + (
        f" and {plural(stubs, 'stub')} (named in entries, no person file yet)" if stubs else "") + "."
    return "# People\n\n" + p(intro) + "\n" + (
        table([name for name, _ in INDEX_COLUMNS], rows, "nl-people", sorts=INDEX_SORTS,
              row_data=[_sort_keys(site, x) for x in people]) if rows else empty("No people yet."))


# --------------------------------------------------------------------------- links


def link_target(label: str, value: str) -> str | None:
    """A safe link target for a ``links`` value: web, ``mailto:`` or ``tel:``; None to show text only."""
    v = value.strip()
    if v.lower().startswith(_LINK_SCHEMES):
        return None if any(ch in v for ch in " <>\"'`\\") else v
    if "@" in v and not any(ch in v for ch in " <>\"'`\\:/()"):
        return "mailto:" + v
    if label.strip().lower() in _PHONE_LABELS or _PHONE.fullmatch(v):
        if _PHONE.fullmatch(v):
            return "tel:" + ("+" if v.startswith("+") else "") + re.sub(r"\D", "", v)
    if re.fullmatch(r"[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/\S*)?", v) and not any(ch in v for ch in "<>\"'`\\"):
        return "https://" + v
    return None


def _label(label: str) -> str:
    text = label.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:] if text else label


# --------------------------------------------------------------------------- the person page


def profile(site: Site, slug: str) -> str:
    """The profile card: org, role, links, cadence, last contact, next due, tie strength, aka, tags."""
    from .groups import org_of, tag_ids

    person = site.log.people[slug]
    here = person.page
    c = site.summaries[slug]
    today = site.today
    pairs: list[tuple[str, str]] = []
    if person.org:
        org = org_of(site, person)
        pairs.append(("Org", site.a(person.org, here, org) if org else h(person.org)))
    if person.role:
        pairs.append(("Role", h(person.role)))
    for label, value in person.links:
        target = link_target(label, value)
        pairs.append((_label(label), markup(f'<a href="{h(target)}">{h(value)}</a>') if target else h(value)))
    cadence = person_cadence(person, site.log.options.cadence, today)
    if cadence:
        pairs.append(("Cadence", every_words(cadence) + ("" if person.cadence else " (from a tag)")))
    pairs.append(("Last contact", markup(f"{h(short_date(c.last, today))} · {h(ago(c.last, today))}") if c.last
                  else "none yet"))
    nxt = min(c.items, key=lambda i: i.due, default=None)
    if nxt is not None:
        pairs.append(("Next due", when_cell(site, nxt) + f" · {short_date(nxt.due, today)}"))
    pairs.append(("Tie strength", markup(f'<a href="#ties">{network(site).strength[slug].value} / 100</a>')))
    pairs.append(("Entries", f"{len(c.entries):,}"))
    if person.met:
        pairs.append(("Met", h(short_date(person.met, today))))
    if person.birthday:
        b = person.birthday
        pairs.append(("Birthday", h(f"{b.day} {MONTHS[b.month - 1]}" + (f" {b.year}" if b.year else ""))))
    if person.snooze and person.snooze > today:
        pairs.append(("Snoozed until", h(short_date(person.snooze, today))))
    if person.aka:
        pairs.append(("Also known as", h(", ".join(person.aka))))
    if person.tags:
        ids = tag_ids(site)
        pairs.append(("Tags", Markup(", ").join(markup(f'<a href="{site.href(here, "tags.md")}#{ids[t]}">{h(t)}</a>')
                                                for t in person.tags)))
    return facts(pairs, "nl-profile")  # search finds accent-free spellings too (netlog/search.py)


def stub_note(site: Site, slug: str) -> str:
    person = site.log.people[slug]
    if not person.stub:
        return ""
    name = person.name.replace("\\", "\\\\").replace('"', '\\"')
    cmd = command('netlog person "' + name + '"')
    return block_line('<div class="admonition note">\n<p class="admonition-title">No person file yet</p>\n'
                      f"<p>This page is made from the entries that name {h(person.name)}. Create "
                      f"<code>people/{h(slug)}.md</code> to add an org, links and notes:</p>\n"
                      f"{cmd}\n</div>")


def notes(site: Site, slug: str) -> str:
    person = site.log.people[slug]
    if not person.body.strip():
        return ""
    return "## Notes {#notes}\n\n" + notes_markdown(person.body) + "\n"  # hostile notes defused (hostile.py)


def open_items(site: Site, slug: str) -> str:
    c = site.summaries[slug]
    if not c.items:
        return ""
    items = sorted(c.items, key=lambda i: (i.due, i.source))
    return f"## Open follow-ups ({len(items):,}) {{#open}}\n\n" + item_cards(site, items, site.log.people[slug].page,
                                                                          person=False)


def introductions(site: Site, slug: str) -> str:
    """Who introduced them (one line per person) and the openings they brought; whom they introduced
    to you is in the ties block (pages/serendipity.person_section)."""
    person = site.log.people[slug]
    here = person.page
    c = site.summaries[slug]

    def lines(found: dict[str, list]) -> list[str]:
        out = []
        for other, how in found.items():
            bits = [h(x) if isinstance(x, str) else entry_link(site, x, here) + f" ({short_date(x.date, site.today)})"
                    for x in how]
            out.append(person_link(site, other, here) + (": " + Markup("; ").join(bits) if bits else ""))
        return out

    by: dict[str, list] = {}
    if person.met_via and person.met_via != slug:
        by.setdefault(person.met_via, []).append("you met through them")
    for e in c.introduced_by:
        for v in e.via:
            if v != slug:
                by.setdefault(v, []).append(e)
    out = []
    if by:
        out.append("## Introduced by {#introduced-by}\n")
        out.append(_ul(lines(by)))
    if c.opened:
        out.append(f"## Opened for you ({len(c.opened):,}) {{#opened}}\n")
        out.append(entry_table(site, c.opened[::-1], here))
    return "\n".join(out)


def _ul(items: list[str]) -> str:
    return block_line('<ul class="nl-intros">\n' + "\n".join(f"<li>{i}</li>" for i in items) + "\n</ul>")


def history(site: Site, slug: str) -> str:
    """Entries newest first, without a people column: the others are listed as "with"."""
    person = site.log.people[slug]
    here = person.page
    c = site.summaries[slug]
    if not c.entries:
        return ""
    rows = []
    memo, people = site.memo, site.log.people
    for e in c.entries[::-1]:
        others = [s for s in e.with_ if s != slug]
        if memo is not None:
            # what the row reads: the entry, the date (planned mark), this page, the others' names and pages
            key = (e, site.today, site.directory_urls, tuple((s, people[s].name, people[s].page) for s in others))
            kept = memo.get(("history", e.path, here))
            if kept is not None and kept[0] == key:
                rows.append(kept[1])
                continue
        also = f' <span class="nl-also">with {people_links(site, others, here)}</span>' if others else ""
        row = [day(e.date), h(e.kind), markup(f"{entry_link(site, e, here)}{planned_mark(site, e)}{also}")]
        if memo is not None:
            memo[("history", e.path, here)] = (key, row)
        rows.append(row)
    return f"## Entries ({len(rows):,}) {{#entries}}\n\n" + table(["Date", "Kind", "Title"], rows,
                                                                   "nl-fixed nl-entries nl-no-people")


def showcases(site: Site, slug: str) -> str:
    c = site.summaries[slug]
    shows = [e for e in c.entries if e.group == Group.VISIBILITY]
    if not shows:
        return ""
    return (f"## Showcases they saw ({len(shows):,}) {{#showcases}}\n\n"
            + entry_table(site, shows[::-1], site.log.people[slug].page, people=False))


#: The blocks of a person page, in order: (name, function (site, slug) -> Markdown or "").
PERSON_BLOCKS: list = [
    ("stub", stub_note),
    ("profile", profile),
    ("notes", notes),
    ("open", open_items),
    ("introductions", introductions),
    ("ties", person_section),
    ("entries", history),
    ("showcases", showcases),
]


def person_page(site: Site, slug: str) -> str:
    person = site.log.people[slug]
    out = [f"# {esc(person.name)}\n"]
    for _name, make in PERSON_BLOCKS:
        text = make(site, slug)
        if text:
            out.append(text)
    return "\n".join(out)
