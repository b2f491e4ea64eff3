"""The follow-ups and audit pages."""

from __future__ import annotations

from markupsafe import Markup

from .. import audit as audit_mod
from ..followups import STATUSES
from . import ICS_URI, Site, add
from .dashboard import STATUS_ID, STATUS_TITLE, by_status
from .md import day, empty, h, markup, p, plural, table
from .parts import item_table, person_link


def add_pages(site: Site) -> None:
    add(site, "follow-ups.md", "Follow-ups", follow_ups(site), toc=True)
    add(site, "audit.md", "Audit", audit_page(site), toc=True)


def follow_ups(site: Site) -> str:
    here = "follow-ups.md"
    groups = by_status(site)
    total = len(site.open_items)
    out = ["# Follow-ups\n", p(markup(f"As of <strong>{site.today.isoformat()}</strong>: "
                                      f"{plural(total, 'open item')}. Subscribe to "
                                      f'<a href="{site.href(here, ICS_URI)}">the calendar feed</a> '
                                      "to see them in a calendar app."))]
    for status in STATUSES:
        items = groups[status]
        out.append(f"## {STATUS_TITLE[status]} ({len(items):,}) {{#{STATUS_ID[status]}}}\n")
        out.append(item_table(site, items, here) if items else empty("Nothing here."))
    return "\n".join(out)


def audit_page(site: Site) -> str:
    here = "audit.md"
    a = audit_mod.audit(site.log, site.today, site.items, site.summaries)
    dormant = site.log.options.dormant

    def who(c):
        return person_link(site, c.person.slug, here)

    out = ["# Audit\n", p(markup(f"Where to act next, as of <strong>{site.today.isoformat()}</strong>."))]
    out.append(f"## Dormant ({len(a.dormant):,})\n")
    out.append(p(f"People with no entry within {dormant}."))
    out.append(table(["Person", "Org", "Last contact", "Entries"],
                     [[who(c), h(c.person.org or "—"), day(c.last), f"{len(c.entries):,}"] for c in a.dormant])
               if a.dormant else empty("No one."))
    out.append(f"## Never contacted ({len(a.never):,})\n")
    out.append(p("People with no entry yet."))
    out.append(table(["Person", "Org", "Met"],
                     [[who(c), h(c.person.org or "—"), day(c.person.met)] for c in a.never])
               if a.never else empty("No one."))
    out.append(f"## One-sided ties ({len(a.one_sided):,})\n")
    out.append(p(Markup("Three or more entries with a direction, all of them <code>out</code>: "
                        "you always reach out first.")))
    out.append(table(["Person", "Entries with a direction", "Last contact"],
                     [[who(c), f"{n:,}", day(c.last)] for c, n in a.one_sided])
               if a.one_sided else empty("No one."))
    out.append(f"## Overdue rule and thanks items ({len(a.stale):,})\n")
    out.append(item_table(site, a.stale, here) if a.stale else empty("None."))
    out.append(f"## No cadence ({len(a.no_cadence):,})\n")
    out.append(p("People you have not set a keep-in-touch cadence for."))
    out.append(table(["Person", "Org", "Last contact"],
                     [[who(c), h(c.person.org or "—"), day(c.last)] for c in a.no_cadence])
               if a.no_cadence else empty("No one."))
    return "\n".join(out)
