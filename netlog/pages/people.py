"""The people index and a page for every person (stubs included)."""

from __future__ import annotations

from ..followups import person_cadence
from ..kinds import VISIBILITY
from . import Site, add
from .md import day, esc, link, table
from .parts import empty, entry_link, entry_table, item_table, people_links, person_link

_LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")


def add_pages(site: Site) -> None:
    add(site, "people/index.md", "People", index(site))
    for slug, p in site.log.people.items():
        add(site, p.page, p.name, person_page(site, slug), generated=p.stub, tags=p.tags)


def _sorted_people(site: Site):
    return sorted(site.log.people.values(), key=lambda p: (p.name.casefold(), p.slug))


def index(site: Site) -> str:
    here = "people/index.md"
    rows = []
    for p in _sorted_people(site):
        c = site.contacts[p.slug]
        cadence = person_cadence(p, site.log.options.cadence, site.today)
        next_due = min((i.due for i in c.items), default=None)
        name = person_link(site, p.slug, here) + (" *(stub)*" if p.stub else "")
        rows.append([name, esc(p.org or "—"), ", ".join(esc(t) for t in p.tags) or "—", day(c.last),
                     str(len(c.entries)), esc(cadence) if cadence else "—", day(next_due)])
    real = sum(1 for p in site.log.people.values() if not p.stub)
    stubs = len(site.log.people) - real
    intro = f"# People\n\n{real} people" + (f" and {stubs} stubs (refs with no person file yet)" if stubs else "") + ".\n"
    return intro + "\n" + (table(["Name", "Org", "Tags", "Last contact", "Entries", "Cadence", "Next due"], rows)
                           if rows else empty("No people yet."))


def _href(value: str) -> str | None:
    v = value.strip()
    if v.lower().startswith(_LINK_SCHEMES) and not any(ch in v for ch in " <>\"'()"):
        return v
    if "@" in v and " " not in v and not any(ch in v for ch in "<>\"'():/"):
        return "mailto:" + v
    return None


def person_page(site: Site, slug: str) -> str:
    p = site.log.people[slug]
    here = p.page
    c = site.contacts[slug]
    cadence = person_cadence(p, site.log.options.cadence, site.today)
    out = [f"# {esc(p.name)}\n"]
    if p.stub:
        out.append(f'!!! note "Stub"\n    No file people/{esc(slug)}.md yet: this page is made from refs in '
                   "entries. Create the file to add details (`netlog person`).\n")
    facts = []
    for label, value in (("Org", p.org), ("Role", p.role)):
        if value:
            facts.append(f"**{label}:** {esc(value)}")
    if p.aka:
        facts.append("**Also known as:** " + ", ".join(esc(a) for a in p.aka))
    if p.tags:
        facts.append("**Tags:** " + ", ".join(esc(t) for t in p.tags))
    if cadence:
        origin = "" if p.cadence else " (from tags)"
        facts.append(f"**Cadence:** every {esc(cadence)}{origin}")
    if p.met:
        facts.append(f"**Met:** {day(p.met)}")
    if p.met_via:
        facts.append(f"**Introduced by:** {person_link(site, p.met_via, here)}")
    facts.append(f"**Last contact:** {day(c.last)}")
    facts.append(f"**Entries:** {len(c.entries)}")
    for label, value in p.links:
        href = _href(value)
        shown = esc(value)
        facts.append(f"**{esc(label)}:** " + (f"[{shown}](<{href}>)" if href else shown))
    out.append('<div class="nl-profile" markdown>\n\n' + "\n".join(f"- {f}" for f in facts) + "\n\n</div>\n")

    out.append(f"## Open follow-ups ({len(c.items)})\n")
    out.append(item_table(site, c.items, here, person=False, status=True) if c.items else empty("Nothing open."))

    out.append(f"## Entries ({len(c.entries)})\n")
    out.append(entry_table(site, c.entries[::-1], here) if c.entries else empty("No entries yet."))

    introducers = []
    if p.met_via:
        introducers.append(f"- {person_link(site, p.met_via, here)} (met via)")
    for e in c.introduced_by:
        if e.via:
            introducers.append(f"- {people_links(site, e.via, here)}: {entry_link(site, e, here)} ({day(e.date)})")
    out.append("## Introduced by\n")
    out.append("\n".join(introducers) + "\n" if introducers else empty("No one recorded."))

    introduced = []
    for other in site.log.people.values():
        if other.met_via == slug:
            introduced.append(f"- {person_link(site, other.slug, here)} (met via)")
    for e in c.introduced:
        introduced.append(f"- {people_links(site, e.with_, here)}: {entry_link(site, e, here)} ({day(e.date)})")
    out.append("## Introduced you to\n")
    out.append("\n".join(introduced) + "\n" if introduced else empty("No one recorded."))

    if c.opened:
        out.append(f"## Opened for you ({len(c.opened)})\n")
        out.append(entry_table(site, c.opened[::-1], here))

    shows = [e for e in c.entries if e.group == VISIBILITY]
    out.append(f"## Showcases they saw ({len(shows)})\n")
    out.append(entry_table(site, shows[::-1], here, people=False) if shows else empty("None recorded."))

    if p.body.strip():
        out.append("## Notes\n")
        out.append(p.body)
    return "\n".join(out)


def stub_link(site: Site, slug: str, here: str) -> str:
    return link(site.log.people[slug].name, here, site.log.people[slug].page)
