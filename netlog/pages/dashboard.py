"""The dashboard (``index.md``, docs/format.md §9): what to do next, then activity, planned and recent entries.

Each status group shows at most :data:`CAP` items, the most actionable first
(:func:`most_actionable`), then a link to all of them on the follow-ups page.
"""

from __future__ import annotations

import datetime as dt


from .. import audit as audit_mod
from .. import registry
from ..dates import Offset, add_or_never
from ..items import OPEN_STATUSES, FollowUp, Source, Status
from . import Site, add
from .md import MONTHS, block, block_line, empty, h, markup, p, plural
from .parts import entry_table, item_cards, person_link
from .review import since_block
from .words import short_date, when

CAP = 10  # items per status group on the dashboard
RECENT = 8
PLANNED = 8
STATUS_TITLE = {Status.OVERDUE: "Overdue", Status.TODAY: "Due today", Status.UPCOMING: "Upcoming",
                Status.LATER: "Later"}
STATUS_ID = {Status.OVERDUE: "overdue", Status.TODAY: "due-today", Status.UPCOMING: "upcoming",
             Status.LATER: "later"}
# what to do first among items due the same day: thanks and rule items lose value fastest
SOURCE_RANK = {Source.THANKS: 0, Source.RULE: 1, Source.EXPLICIT: 2, Source.BIRTHDAY: 3, Source.CADENCE: 3,
               Source.VISIBILITY: 4}


def add_pages(site: Site) -> None:
    add(site, "index.md", "Dashboard", dashboard(site))


def most_actionable(items: list[FollowUp], status: Status) -> list[FollowUp]:
    """``items`` (all of one status) in the dashboard's order (docs/format.md §9).

    Overdue: the most recently due first (3 days late is still worth doing; 3 years
    late can wait). Today: by source. Upcoming: the soonest first. Ties: thanks,
    then rule, explicit, cadence and visibility items; then the person's name.
    """
    def key(i):
        due = -i.due.toordinal() if status == Status.OVERDUE else i.due.toordinal()
        return (due, SOURCE_RANK.get(i.source, 9), (i.name or "").casefold(), i.entry or "")
    return sorted(items, key=key)


def by_status(site: Site) -> dict[Status, list[FollowUp]]:
    """The open items by status (every open status, empty ones included)."""
    groups: dict[Status, list[FollowUp]] = {s: [] for s in OPEN_STATUSES}
    for i in site.open_items:
        groups[i.status].append(i)
    return groups


def dashboard(site: Site) -> str:
    here = "index.md"
    today = site.today
    groups = by_status(site)
    upcoming_until = add_or_never(site.log.options.upcoming, today)
    streak = audit_mod.streak(site.log, today)
    planned = [e for e in site.log.entries if e.date > today]
    past = [e for e in site.log.entries if e.date <= today]
    recent = past[-RECENT:][::-1]
    real = sum(1 for x in site.log.people.values() if not x.stub)
    out = ["# Dashboard\n",
           p(markup(f"As of <strong>{today.isoformat()}</strong> ({today.strftime('%A')} {today.day} "
                    f"{MONTHS[today.month - 1]} {today.year})."), "nl-asof")]
    fu = "follow-ups.md"
    cards = [("overdue", len(groups[Status.OVERDUE]), "overdue", f"{fu}#{STATUS_ID[Status.OVERDUE]}"),
             ("today", len(groups[Status.TODAY]), "due today", f"{fu}#{STATUS_ID[Status.TODAY]}"),
             ("upcoming", len(groups[Status.UPCOMING]), "upcoming", f"{fu}#{STATUS_ID[Status.UPCOMING]}"),
             ("streak", streak, "week streak", "#activity"),
             ("people", real, "person" if real == 1 else "people", "people/index.md"),
             ("entries", len(site.log.entries), "entry" if len(site.log.entries) == 1 else "entries",
              "timeline/index.md")]
    links = []
    for cls, n, label, to in cards:
        url = to if to.startswith("#") else site.href(here, to.split("#")[0]) + (
            "#" + to.split("#")[1] if "#" in to else "")
        links.append(f'<a class="nl-card nl-card-{cls}" href="{url}"><span class="nl-num">{n:,}</span>'
                     f'<span class="nl-label">{h(label)}</span></a>')
    out.append(block_line('<nav class="nl-cards" aria-label="Summary">' + "".join(links) + "</nav>"))

    for status in (Status.OVERDUE, Status.TODAY, Status.UPCOMING):
        items = groups[status]
        title = STATUS_TITLE[status]
        if status == Status.UPCOMING:
            title += f" (to {short_date(upcoming_until, today)})"
        out.append(f"## {title} {{#{STATUS_ID[status]}}}\n")
        if not items:
            out.append(empty({Status.OVERDUE: "Nothing overdue.", Status.TODAY: "Nothing due today.",
                              Status.UPCOMING: "Nothing due in the coming days."}[status]))
            continue
        shown = most_actionable(items, status)[:CAP]
        out.append(item_cards(site, shown, here))
        what = plural(len(items), f"{STATUS_TITLE[status].lower()} item")
        more = (f"Showing {len(shown)} of {what}, the most actionable first: "
                if len(shown) < len(items) else "")
        out.append(p(markup(f'{h(more)}<a href="{site.href(here, fu)}#{STATUS_ID[status]}">all {len(items):,} '
                            "on the follow-ups page</a>."), "nl-more"))
    later = len(groups[Status.LATER])
    if later:
        out.append(p(markup(f'Later: <a href="{site.href(here, fu)}#{STATUS_ID[Status.LATER]}">'
                            f'{plural(later, "item")}</a> due after '
                            f"{h(short_date(upcoming_until, today))}."), "nl-more"))

    wishes = birthdays(site, here)
    if wishes:
        out.append(wishes)
    # activity after what to do: on a phone the first item's action is on the first screen
    out.append("## Activity {#activity}\n")
    out.append(p(markup(f"Weekly streak: <strong>{plural(streak, 'week')}</strong> in a row with at least one "
                        f"entry (this week or last). {plural(len(past), 'entry', 'entries')} so far."), "nl-streak"))
    out.append(since_block(site, here))  # beside the streak (docs/format.md §16)
    out.append(heatmap(site, here))
    if planned:
        out.append("## Planned {#planned}\n")
        out.append(entry_table(site, planned[:PLANNED], here))
        if len(planned) > PLANNED:
            out.append(p(markup(f"and {len(planned) - PLANNED:,} more on the "
                                f'<a href="{site.href(here, "timeline/index.md")}">timeline</a>.'), "nl-more"))
    out.append("## Recent entries {#recent}\n")
    out.append(entry_table(site, recent, here) if recent else empty("No entries yet."))
    return "\n".join(out)


#: The dashboard lists the birthdays of the next week (docs/format.md §9).
BIRTHDAY_DAYS = Offset(7, "d")


def birthdays(site: Site, here: str) -> str:
    """Birthdays in the next 7 days (and past ones still waiting for a wish), soonest first;
    "" when there are none."""
    until = add_or_never(BIRTHDAY_DAYS, site.today)
    items = [i for i in site.open_items if i.source == Source.BIRTHDAY and i.due <= until]
    if not items:
        return ""
    rows = [f'<li><span class="nl-date">{h(short_date(i.due, site.today))}</span> '
            f'{person_link(site, i.person, here)} ({h(when(i.due, site.today))})</li>' for i in items]
    return "## Birthdays {#birthdays}\n\n" + block('<ul class="nl-compact">\n' + "\n".join(rows) + "\n</ul>") + "\n"


def _level(n: int) -> int:
    return 0 if n == 0 else 1 if n == 1 else 2 if n == 2 else 3 if n <= 4 else 4


LEGEND = ((0, "no entries"), (1, "1 entry"), (2, "2 entries"), (3, "3–4 entries"), (4, "5 or more"))


def heatmap(site: Site, here: str) -> str:
    """53 weeks of entries per day as inline SVG (a column per ISO week, a row per weekday,
    a <title> on each day), each active day a link to that day on its timeline year page;
    then a legend. The picture is a labelled group, not an image: an image may hold no links. On a phone the picture keeps its size in a scroll box showing the latest weeks."""
    today = site.today
    weeks, counts = audit_mod.heatmap_days(site.log, today)
    cell, gap, left, top = 12, 3, 30, 18
    step = cell + gap
    width, height = left + len(weeks) * step, top + 7 * step
    parts = [f'<div class="nl-heatmap" data-search-exclude><div class="nl-hm-scroll">'
             f'<svg xmlns="http://www.w3.org/2000/svg" role="group" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" '
             f'aria-label="Entries per day, {len(weeks)} weeks to {today.isoformat()}">']
    for row, label in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
        parts.append(f'<text x="0" y="{top + row * step + cell - 2}" class="nl-hm-label">{label}</text>')
    last_month, last_label = None, -9
    for w, days in enumerate(weeks):
        monday = next((d for d in days if d is not None), None)
        if monday is not None and monday.month != last_month:
            if w - last_label >= 3 and w < len(weeks) - 2:  # labels need three columns of room
                parts.append(f'<text x="{left + w * step}" y="11" class="nl-hm-label">'
                             f'{MONTHS[monday.month - 1][:3]}</text>')
                last_label = w
            last_month = monday.month
        for weekday, d in enumerate(days):
            if d is None or (d > today and d not in counts):
                continue
            n = counts.get(d, 0)
            what = "no entries" if n == 0 else plural(n, "entry", "entries")
            rect = (f'<rect x="{left + w * step}" y="{top + weekday * step}" width="{cell}" height="{cell}" '
                    f'rx="2" class="nl-hm nl-hm-{_level(n)}" data-date="{d.isoformat()}">'
                    f'<title>{d.isoformat()}: {what}</title></rect>')
            if n:
                url = site.href(here, registry.YEAR_PAGES.page(d.year)) + f"#{day_id(d)}"
                rect = f'<a href="{url}" aria-label="{d.isoformat()}: {what}">{rect}</a>'
            parts.append(rect)
    parts.append("</svg></div>")
    parts.append('<p class="nl-hm-legend"><span>Less</span>' + "".join(
        f'<span class="nl-hm-key nl-hm-key-{lv}" title="{h(text)}"></span>' for lv, text in LEGEND) +
        '<span>More</span> <span class="nl-hm-note">(0, 1, 2, 3–4, 5+ entries a day; '
        "click a day to see it on the timeline)</span></p></div>")
    return block_line("".join(parts))


def day_id(d: dt.date) -> str:
    """The anchor of a day's first entry on its timeline year page."""
    return f"d-{d.isoformat()}"
