"""The dashboard, follow-ups, audit, orgs and tags pages."""

from __future__ import annotations

import datetime as dt

from .. import audit as audit_mod
from ..dates import add_or_never
from ..followups import STATUSES
from . import ICS_URI, Site, add
from .md import MONTHS, block, day, empty, esc, h, p, plural, table
from .parts import entry_table, item_table, person_link

RECENT = 10
STATUS_TITLE = {"overdue": "Overdue", "today": "Due today", "upcoming": "Upcoming", "later": "Later"}


def add_pages(site: Site) -> None:
    add(site, "index.md", "Dashboard", dashboard(site))
    add(site, "follow-ups.md", "Follow-ups", follow_ups(site))
    add(site, "audit.md", "Audit", audit_page(site))
    add(site, "orgs.md", "Orgs", orgs(site))
    add(site, "tags.md", "Tags", "# Tags\n\n" + p("Entries and people by tag.") + "\n<!-- material/tags -->\n")


def _by_status(site: Site) -> dict[str, list]:
    groups: dict[str, list] = {s: [] for s in STATUSES}
    for i in site.open_items:
        groups[i.status].append(i)
    return groups


def dashboard(site: Site) -> str:
    here = "index.md"
    today = site.today
    groups = _by_status(site)
    upcoming_until = add_or_never(site.log.options.upcoming, today)
    streak = audit_mod.streak(site.log, today)
    planned = [e for e in site.log.entries if e.date > today]
    recent = [e for e in site.log.entries if e.date <= today][-RECENT:][::-1]
    out = ["# Dashboard\n", p(f"As of <strong>{today.isoformat()}</strong> ({today.strftime('%A')}).",
                             "nl-asof")]
    cards = [("overdue", len(groups["overdue"]), "overdue"),
             ("today", len(groups["today"]), "due today"),
             ("upcoming", len(groups["upcoming"]), "upcoming"),
             ("streak", streak, "week streak"),
             ("people", sum(1 for x in site.log.people.values() if not x.stub), "people"),
             ("entries", len(site.log.entries), "entries")]
    out.append(block('<div class="nl-cards">' + "".join(
        f'<div class="nl-card nl-card-{cls}"><span class="nl-num">{n}</span>'
        f'<span class="nl-label">{h(label)}</span></div>' for cls, n, label in cards) + "</div>") + "\n")
    for status in ("overdue", "today", "upcoming"):
        title = STATUS_TITLE[status]
        if status == "upcoming":
            title += f" (through {upcoming_until.isoformat()})"
        out.append(f"## {title}\n")
        items = groups[status]
        out.append(item_table(site, items, here) if items else empty("Nothing here."))
    out.append("## Planned\n")
    out.append(entry_table(site, planned, here) if planned else empty("No planned entries."))
    out.append("## Recent entries\n")
    out.append(entry_table(site, recent, here) if recent else empty("No entries yet."))
    out.append("## Activity\n")
    out.append(p(f"Weekly streak: <strong>{plural(streak, 'week')}</strong> (consecutive ISO weeks with at "
                 "least one entry, ending this week, or last week when this week has none yet)."))
    out.append(heatmap_svg(site.log, today) + "\n")
    return "\n".join(out)


def heatmap_svg(log, today: dt.date) -> str:
    """53 weeks of entries per day as inline SVG: a column per ISO week, a row per weekday,
    a <title> on each day."""
    weeks, counts = audit_mod.heatmap_days(log, today)
    cell, gap, left, top = 11, 2, 28, 16
    step = cell + gap
    width, height = left + len(weeks) * step, top + 7 * step
    parts = [f'<div class="nl-heatmap"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'aria-label="Entries per day, {len(weeks)} weeks to {today.isoformat()}">']
    for row, label in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
        parts.append(f'<text x="0" y="{top + row * step + cell - 1}" class="nl-hm-label">{label}</text>')
    last_month, last_label = None, -9
    for w, days in enumerate(weeks):
        monday = next((d for d in days if d is not None), None)
        if monday is not None and monday.month != last_month:
            if w - last_label >= 3 and w < len(weeks) - 2:  # labels need three columns of room
                parts.append(f'<text x="{left + w * step}" y="10" class="nl-hm-label">'
                             f'{MONTHS[monday.month - 1][:3]}</text>')
                last_label = w
            last_month = monday.month
        for weekday, d in enumerate(days):
            if d is None or (d > today and d not in counts):
                continue
            n = counts.get(d, 0)
            level = 0 if n == 0 else 1 if n == 1 else 2 if n == 2 else 3 if n <= 4 else 4
            what = "no entries" if n == 0 else plural(n, "entry", "entries")
            parts.append(f'<rect x="{left + w * step}" y="{top + weekday * step}" width="{cell}" '
                         f'height="{cell}" rx="2" class="nl-hm nl-hm-{level}" data-date="{d.isoformat()}">'
                         f'<title>{d.isoformat()}: {what}</title></rect>')
    parts.append("</svg></div>")
    return block("".join(parts))


def follow_ups(site: Site) -> str:
    here = "follow-ups.md"
    groups = _by_status(site)
    total = len(site.open_items)
    out = ["# Follow-ups\n", p(f"As of <strong>{site.today.isoformat()}</strong>: {plural(total, 'open item')}. "
                               f'Subscribe to <a href="{site.href(here, ICS_URI)}">the calendar feed</a> '
                               "to see them in a calendar app.")]
    for status in STATUSES:
        items = groups[status]
        out.append(f"## {STATUS_TITLE[status]} ({len(items)})\n")
        out.append(item_table(site, items, here) if items else empty("Nothing here."))
    return "\n".join(out)


def audit_page(site: Site) -> str:
    here = "audit.md"
    a = audit_mod.audit(site.log, site.today, site.items, site.summaries)
    dormant = site.log.options.dormant

    def who(c):
        return person_link(site, c.person.slug, here)

    out = ["# Audit\n", p(f"Where to act next, as of <strong>{site.today.isoformat()}</strong>.")]
    out.append(f"## Dormant ({len(a.dormant)})\n")
    out.append(p(f"People with no entry within {h(dormant)}."))
    out.append(table(["Person", "Org", "Last contact", "Entries"],
                     [[who(c), h(c.person.org or "—"), day(c.last), str(len(c.entries))] for c in a.dormant])
               if a.dormant else empty("No one."))
    out.append(f"## Never contacted ({len(a.never)})\n")
    out.append(p("People with no entry yet."))
    out.append(table(["Person", "Org", "Met"],
                     [[who(c), h(c.person.org or "—"), day(c.person.met)] for c in a.never])
               if a.never else empty("No one."))
    out.append(f"## One-sided ties ({len(a.one_sided)})\n")
    out.append(p("Three or more entries with a direction, all of them <code>out</code>: "
                 "you always reach out first."))
    out.append(table(["Person", "Entries with a direction", "Last contact"],
                     [[who(c), str(n), day(c.last)] for c, n in a.one_sided])
               if a.one_sided else empty("No one."))
    out.append(f"## Overdue rule and thanks items ({len(a.stale)})\n")
    out.append(item_table(site, a.stale, here) if a.stale else empty("None."))
    out.append(f"## No cadence ({len(a.no_cadence)})\n")
    out.append(p("People you have not set a keep-in-touch cadence for."))
    out.append(table(["Person", "Org", "Last contact"],
                     [[who(c), h(c.person.org or "—"), day(c.last)] for c in a.no_cadence])
               if a.no_cadence else empty("No one."))
    return "\n".join(out)


def orgs(site: Site) -> str:
    here = "orgs.md"
    by_org: dict[str, list] = {}
    for person in site.log.people.values():
        if not person.stub:
            by_org.setdefault(person.org or "", []).append(person)
    out = ["# Orgs\n", p("People grouped by organisation.")]
    for org in sorted(by_org, key=lambda o: (o == "", o.casefold())):
        people = sorted(by_org[org], key=lambda x: (x.name.casefold(), x.slug))
        out.append(f"## {esc(org) if org else 'No org'} ({len(people)})\n")
        out.append(table(["Person", "Role", "Last contact"],
                         [[person_link(site, x.slug, here), h(x.role or "—"), day(site.summaries[x.slug].last)]
                          for x in people]))
    if not by_org:
        out.append(empty("No people yet."))
    return "\n".join(out)
