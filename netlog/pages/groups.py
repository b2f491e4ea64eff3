"""Orgs and tags: ``orgs.md`` and a page per org ``orgs/<slug>.md``, and ``tags.md`` (docs/format.md §9).

People group under the slug form of their ``org`` (docs/format.md §3; the
introduction rules compare orgs that way too); the org's name is its most common spelling. The tags page lists, per
tag, the people and the entries that carry it, apart.
"""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from .. import registry
from ..people import by_name, org_key
from ..slug import slugify
from . import Site, add
from .md import block_line, day, empty, esc, h, markup, p, plural, table
from .parts import entry_link, entry_table, people_links, person_link, planned_mark

ORG_RECENT = 20  # entries on an org page
ORG_BOOST = 5  # an org page's search rank: above entries, below a person page (10, pages.people)
TAG_ENTRIES = 5  # entries shown under a tag; older ones in a collapsed block
LONG = 8  # a list longer than this gets a filter box and a sort menu (assets/netlog.js)
TAGS_LISTED = 12  # more tags than this: the tags page starts with a list to filter and sort


def add_pages(site: Site) -> None:
    orgs = org_groups(site)
    add(site, "orgs.md", "Orgs", orgs_index(site, orgs))
    for slug, (name, people) in orgs.items():
        # ranked above entries, and tagged with its name: Material ranks a tag match far
        # above a title match, so entries tagged with the org would come first for its name
        add(site, org_page(slug), name, org_detail(site, slug, name, people), boost=ORG_BOOST, tags=(name,))
    add_tags_page(site)


def add_tags_page(site: Site) -> None:
    add(site, "tags.md", "Tags", tags_page(site), toc=True)


def org_page(slug: str) -> str:
    return registry.ORG_PAGES.page(slug)


def org_groups(site: Site) -> dict[str, tuple[str, list]]:
    """{org slug: (display name, people sorted by name)} for the real people with an org.

    Orgs whose name has no letters or digits share the slug ``org``; slugs are unique.
    """
    by: dict[str, list] = {}
    spellings: dict[str, Counter] = {}
    for person in site.log.people.values():
        if person.stub or not person.org:
            continue
        key = org_key(person.org)
        by.setdefault(key, []).append(person)
        spellings.setdefault(key, Counter())[person.org] += 1
    out = {}
    for key in sorted(by, key=lambda k: (spellings[k].most_common(1)[0][0].casefold(), k)):
        name = min(spellings[key].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        out[key] = (name, sorted(by[key], key=by_name))
    return out


def org_of(site: Site, person) -> str | None:
    """The src_uri of ``person``'s org page, or None."""
    if person.stub or not person.org:
        return None
    return org_page(org_key(person.org))


def orgs_index(site: Site, orgs) -> str:
    here = "orgs.md"
    rows, keys = [], []
    for slug, (name, people) in orgs.items():
        last = max((site.summaries[x.slug].last for x in people if site.summaries[x.slug].last), default=None)
        entries = len({e.path for x in people for e in site.summaries[x.slug].entries})
        keys.append({"name": slug, "last": last.isoformat() if last else "", "people": str(len(people)),
                     "entries": str(entries)})
        rows.append([site.a(name, here, org_page(slug)),
                     people_links(site, [x.slug for x in people[:4]], here)
                     + (f" and {len(people) - 4:,} more" if len(people) > 4 else ""),
                     day(last), f"{entries:,}"])
    no_org = sum(1 for x in site.log.people.values() if not x.stub and not x.org)
    intro = markup(f"{plural(len(orgs), 'org')}.") + (
        markup(f' {plural(no_org, "person", "people")} with no org '
               f'(see <a href="{site.href(here, "people/index.md")}">People</a>).') if no_org else "")
    return "# Orgs\n\n" + p(intro) + "\n" + (
        table(["Org", "People", "Last contact", "Entries"], rows, "nl-fixed nl-orgs", row_data=keys,
              sorts="name:Name:asc|last:Last contact:desc|people:People:desc|entries:Entries:desc"
              if len(rows) > LONG else "") if rows
        else empty("No one has an org yet."))


def org_detail(site: Site, slug: str, name: str, people: list) -> str:
    here = org_page(slug)
    rows, keys = [], []
    for x in people:
        c = site.summaries[x.slug]
        next_due = min((i.due for i in c.items), default=None)
        rows.append([person_link(site, x.slug, here), h(x.role or "—"), day(c.last), f"{len(c.entries):,}",
                     day(next_due)])
        keys.append({"name": x.slug, "last": c.last.isoformat() if c.last else "",
                     "next": next_due.isoformat() if next_due else ""})
    seen: dict[str, object] = {}
    for x in people:
        for e in site.summaries[x.slug].entries:
            seen[e.path] = e
    entries = sorted(seen.values(), key=lambda e: (e.date, e.path), reverse=True)
    out = [f"# {esc(name)}\n",
           p(markup(f"{plural(len(people), 'person', 'people')}, {plural(len(entries), 'entry', 'entries')}. "
                    f'<a href="{site.href(here, "orgs.md")}">All orgs</a>.')),
           # the people's names for search (the table below is kept out of the index)
           block_line(f'<p hidden>{h(", ".join(x.name for x in people))}</p>'),
           "## People\n",
           table(["Person", "Role", "Last contact", "Entries", "Next due"], rows, "nl-fixed nl-org-people",
                 row_data=keys, sorts="name:Name:asc|last:Last contact:desc|next:Next due:asc"
                 if len(rows) > LONG else "")]
    if entries:
        out.append("## Recent entries\n")
        out.append(entry_table(site, entries[:ORG_RECENT], here))
        if len(entries) > ORG_RECENT:
            out.append(p(f"and {len(entries) - ORG_RECENT:,} older ones on the people's pages.", "nl-more"))
    return "\n".join(out)


def tag_ids(site: Site) -> dict[str, str]:
    """{tag: anchor on tags.md} for every tag of a person or an entry (anchors unique)."""
    if "tag_ids" in site.cache:
        return site.cache["tag_ids"]
    tags = {t for x in site.log.people.values() for t in x.tags} | {t for e in site.log.entries for t in e.tags}
    out: dict[str, str] = {}
    used: set[str] = set()
    for t in sorted(tags, key=lambda t: (t.casefold(), t)):
        base = "tag-" + (slugify(t) or "x")
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        out[t] = anchor
    site.cache["tag_ids"] = out
    return out


def tags_page(site: Site) -> str:
    here = "tags.md"
    ids = tag_ids(site)
    people: dict[str, list] = {}
    entries: dict[str, list] = {}
    for x in sorted(site.log.people.values(), key=by_name):
        for t in x.tags:
            people.setdefault(t, []).append(x)
    for e in reversed(site.log.entries):
        for t in e.tags:
            entries.setdefault(t, []).append(e)
    out = ["# Tags\n", p(f"{plural(len(ids), 'tag')}: the people and the entries that carry each.")]
    if not ids:
        out.append(empty("No tags yet."))
    elif len(ids) > TAGS_LISTED:  # many tags: a list to filter and sort first, each row a link down
        rows = [[markup(f'<a href="#{anchor}">{h(t)}</a>'), f"{len(people.get(t, [])):,}", f"{len(entries.get(t, [])):,}"]
                for t, anchor in ids.items()]
        keys = [{"tag": t.casefold(), "people": str(len(people.get(t, []))), "entries": str(len(entries.get(t, [])))}
                for t in ids]
        out.append(table(["Tag", "People", "Entries"], rows, "nl-tag-index nl-oneline", row_data=keys,
                         sorts="tag:Name:asc|people:People:desc|entries:Entries:desc"))
    for t, anchor in ids.items():
        ps, es = people.get(t, []), entries.get(t, [])
        counts = ", ".join(x for x in ((plural(len(ps), "person", "people") if ps else ""),
                                       (plural(len(es), "entry", "entries") if es else "")) if x)
        out.append(f"## {esc(t)} {{#{anchor}}}\n")
        out.append(p(counts + ".", "nl-tag-counts"))
        if ps:
            out.append(p(Markup("<strong>People:</strong> ") + people_links(site, [x.slug for x in ps], here),
                         "nl-tag-people"))
        if es:
            lines = [f'<li><span class="nl-date">{day(e.date)}</span> {h(e.kind)}: {entry_link(site, e, here)}'
                     f"{planned_mark(site, e)}</li>" for e in es]
            more = ""
            if len(lines) > TAG_ENTRIES:  # the latest ones shown, the rest folded away
                more = (f"<details class=\"nl-more-entries\"><summary>{len(lines) - TAG_ENTRIES:,} older "
                        f"{'entry' if len(lines) - TAG_ENTRIES == 1 else 'entries'}</summary>\n"
                        '<ul class="nl-compact">\n' + "\n".join(lines[TAG_ENTRIES:]) + "\n</ul></details>")
            out.append(block_line('<ul class="nl-compact">\n' + "\n".join(lines[:TAG_ENTRIES]) + "\n</ul>"))
            if more:
                out.append(block_line(more))
    return "\n".join(out)
