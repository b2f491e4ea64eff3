"""The people index and a page for every person (stubs included)."""

from __future__ import annotations

from ..followups import person_cadence
from ..hostile import notes_markdown
from ..kinds import VISIBILITY
from . import Site, add
from .md import block, day, empty, esc, h, p, table, ul
from .parts import entry_link, entry_table, facts, item_table, people_links, person_link
from .serendipity import network, person_section

_LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")


def add_pages(site: Site) -> None:
    add(site, "people/index.md", "People", index(site))
    for slug, person in site.log.people.items():
        add(site, person.page, person.name, person_page(site, slug), generated=person.stub, tags=person.tags)


def index(site: Site) -> str:
    here = "people/index.md"
    rows = []
    strength = network(site).strength
    for person in sorted(site.log.people.values(), key=lambda x: (x.name.casefold(), x.slug)):
        c = site.summaries[person.slug]
        cadence = person_cadence(person, site.log.options.cadence, site.today)
        next_due = min((i.due for i in c.items), default=None)
        name = person_link(site, person.slug, here) + (' <em class="nl-stub">(stub)</em>' if person.stub else "")
        rows.append([name, h(person.org or "—"), h(", ".join(person.tags)) or "—", day(c.last),
                     str(len(c.entries)), h(cadence) if cadence else "—", day(next_due),
                     str(strength[person.slug].value)])
    real = sum(1 for x in site.log.people.values() if not x.stub)
    stubs = len(site.log.people) - real
    intro = f"{real} people" + (f" and {stubs} stubs (refs with no person file yet)" if stubs else "") + "."
    return "# People\n\n" + p(intro) + "\n" + (
        table(["Name", "Org", "Tags", "Last contact", "Entries", "Cadence", "Next due", "Strength"], rows)
        if rows else empty("No people yet."))


def _href(value: str) -> str | None:
    """A safe link target for a `links` value, or None to show it as text only."""
    v = value.strip()
    if any(ch in v for ch in " <>\"'`\\"):
        return None
    if v.lower().startswith(_LINK_SCHEMES):
        return v
    if "@" in v and not any(ch in v for ch in ":/()"):
        return "mailto:" + v
    return None


def person_page(site: Site, slug: str) -> str:
    person = site.log.people[slug]
    here = person.page
    c = site.summaries[slug]
    cadence = person_cadence(person, site.log.options.cadence, site.today)
    out = [f"# {esc(person.name)}\n"]
    if person.stub:
        out.append(block('<div class="admonition note">\n<p class="admonition-title">Stub</p>\n'
                         f"<p>No file <code>people/{h(slug)}.md</code> yet: this page is made from refs in "
                         "entries. Create the file (<code>netlog person</code>) to add details.</p>\n</div>") + "\n")
    pairs: list[tuple[str, str]] = []
    for label, value in (("Org", person.org), ("Role", person.role)):
        if value:
            pairs.append((label, h(value)))
    if person.aka:
        pairs.append(("Also known as", h(", ".join(person.aka))))
    if person.tags:
        pairs.append(("Tags", h(", ".join(person.tags))))
    if cadence:
        pairs.append(("Cadence", f"every {h(cadence)}" + ("" if person.cadence else " (from tags)")))
    if person.met:
        pairs.append(("Met", day(person.met)))
    if person.met_via:
        pairs.append(("Introduced by", person_link(site, person.met_via, here)))
    pairs.append(("Last contact", day(c.last)))
    pairs.append(("Entries", str(len(c.entries))))
    for label, value in person.links:
        target = _href(value)
        pairs.append((label, f'<a href="{h(target)}">{h(value)}</a>' if target else h(value)))
    out.append(facts(pairs, "nl-profile"))

    out.append(f"## Open follow-ups ({len(c.items)})\n")
    out.append(item_table(site, c.items, here, person=False, status=True) if c.items else empty("Nothing open."))

    out.append(f"## Entries ({len(c.entries)})\n")
    out.append(entry_table(site, c.entries[::-1], here) if c.entries else empty("No entries yet."))

    introducers = []
    if person.met_via:
        introducers.append(f"{person_link(site, person.met_via, here)} (met via)")
    for e in c.introduced_by:
        if e.via:
            introducers.append(f"{people_links(site, e.via, here)}: {entry_link(site, e, here)} ({day(e.date)})")
    out.append("## Introduced by\n")
    out.append(ul(introducers) if introducers else empty("No one recorded."))

    introduced = [f"{person_link(site, other.slug, here)} (met via)"
                  for other in site.log.people.values() if other.met_via == slug]
    introduced += [f"{people_links(site, e.with_, here)}: {entry_link(site, e, here)} ({day(e.date)})"
                   for e in c.introduced]
    out.append("## Introduced you to\n")
    out.append(ul(introduced) if introduced else empty("No one recorded."))

    out.append(person_section(site, slug))

    if c.opened:
        out.append(f"## Opened for you ({len(c.opened)})\n")
        out.append(entry_table(site, c.opened[::-1], here))

    shows = [e for e in c.entries if e.group == VISIBILITY]
    out.append(f"## Showcases they saw ({len(shows)})\n")
    out.append(entry_table(site, shows[::-1], here, people=False) if shows else empty("None recorded."))

    if person.body.strip():
        out.append("## Notes\n")
        out.append(notes_markdown(person.body))
    return "\n".join(out)
