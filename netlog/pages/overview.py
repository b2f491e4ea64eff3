"""The follow-ups and audit pages (the audit page itself is ``audit.py``)."""

from __future__ import annotations

from ..followups import STATUSES
from . import ICS_URI, Site, add
from .audit import audit_page
from .dashboard import STATUS_ID, STATUS_TITLE, by_status
from .md import empty, p, plural
from .parts import item_table


def add_pages(site: Site) -> None:
    add(site, "follow-ups.md", "Follow-ups", follow_ups(site), toc=True)
    add(site, "audit.md", "Audit", audit_page(site), toc=True)


def follow_ups(site: Site) -> str:
    here = "follow-ups.md"
    groups = by_status(site)
    total = len(site.open_items)
    out = ["# Follow-ups\n", p(f"As of <strong>{site.today.isoformat()}</strong>: {plural(total, 'open item')}. "
                               f'Subscribe to <a href="{site.href(here, ICS_URI)}">the calendar feed</a> '
                               "to see them in a calendar app.")]
    for status in STATUSES:
        items = groups[status]
        out.append(f"## {STATUS_TITLE[status]} ({len(items):,}) {{#{STATUS_ID[status]}}}\n")
        out.append(item_table(site, items, here) if items else empty("Nothing here."))
    return "\n".join(out)
