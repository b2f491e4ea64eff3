"""``netlog due``: open follow-ups as text, JSON or an iCalendar feed."""

from __future__ import annotations

import datetime as dt

import click

from ..sanitize import for_terminal
from .common import OFFSET, count, load_for_reading, resolve_today, today_option
from .completion import complete_people

_STATUS_STYLE = {"overdue": {"fg": "red", "bold": True}, "today": {"fg": "yellow", "bold": True},
                 "upcoming": {}, "later": {"dim": True}}


@click.command()
@today_option
@click.option("--within", type=OFFSET, help="Show items due within this offset (replaces the "
              "`upcoming` option), e.g. 14d.")
@click.option("--all", "show_all", is_flag=True, help="Include items due later too.")
@click.option("--person", "person_ref", metavar="REF", shell_complete=complete_people,
              help="Only this person's items (slug, name or aka).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "ics"]), default="text", show_default=True)
@click.pass_context
def due(ctx, today, within, show_all, person_ref, fmt):
    """List open follow-ups: overdue, due today and upcoming.

    \b
    Examples:
        netlog due
        netlog due --within 14d --person "Jane Doe"
        netlog due --all --format json
        netlog due --format ics > follow-ups.ics
    """
    from .. import followups
    from ..items import Status
    from ..people import PeopleIndex

    today = resolve_today(today)
    log, errors = load_for_reading(ctx)
    person = None
    if person_ref is not None:
        index = PeopleIndex.of(log.people.values())
        matches = index.slugs(person_ref)  # stubs too: they have items
        if len(matches) != 1:
            what = index.no_match(person_ref) if not matches else f"more than one person matches {person_ref!r}"
            raise click.BadParameter(what, param_hint="--person")
        person = matches[0]
    if fmt == "json":  # the same JSON as the assistant's `due` tool (netlog mcp)
        from ..views import due_json, json_text  # json only for --format json (start-up, issue 27)

        click.echo(json_text(due_json(log, today, within, show_all, person)))
        if errors:
            ctx.exit(1)
        return
    computed = followups.compute(log, today, within)
    items = followups.select(computed, include_later=show_all, person=person)
    if fmt == "ics":
        from ..feed import to_ics

        click.echo(to_ics(items, today, log.options.alarm), nl=False)  # bytes: written to the binary stream
    else:
        _print_items(items, today)
        hidden = 0 if show_all else sum(1 for i in followups.select(computed, include_later=True, person=person)
                                         if i.status == Status.LATER)
        click.echo(count_line(len(items), hidden))
    if errors:
        ctx.exit(1)


def count_line(shown: int, hidden: int) -> str:
    """The last line of the text output (docs/commands.md, netlog due): items shown, and
    `later` ones hidden."""
    line = f"{count(shown, 'item', 'items')} shown"
    if hidden:
        return f"{line}; {count(hidden, 'later item', 'later items')} hidden (--all shows them)."
    return f"{line}; none hidden."


YOU = "You"  # whose item the showcase item is, as the site says it

# why an item exists, in words (the source codes of docs/format.md §6 are for --format json)
_WHY = {"explicit": "your follow-up on", "rule": "after", "thanks": "thanks for", "loop": "close the loop on",
        "cadence": "your cadence", "visibility": "time to showcase", "birthday": "birthday"}


def origin_words(item) -> str:
    """Why ``item`` exists and the entry it comes from: ``after 2026/2026-10-14-event.md``,
    ``your cadence``; an unknown source is shown as it is."""
    why = _WHY.get(str(item.source), str(item.source))
    return f"{why} {item.entry}" if item.entry else why


def _print_items(items, today: dt.date) -> None:
    if not items:
        click.echo(f"Nothing due as of {today.isoformat()}.")
        return
    counts = {s: sum(1 for i in items if i.status == s) for s in ("overdue", "today", "upcoming", "later")}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    click.echo(f"As of {today.isoformat()}: {len(items)} open ({summary})")
    name_w = min(max((len(i.name or YOU) for i in items), default=1), 28)
    for i in items:
        name = for_terminal(i.name or YOU)
        if len(name) > name_w:
            name = name[:name_w - 1] + "…"
        row = f"{i.due.isoformat()}  {i.status:<8}  {name:<{name_w}}  {for_terminal(i.action)}"
        origin = for_terminal(f"  ({origin_words(i)})")
        if i.snoozed_from is not None:
            origin += f" (snoozed from {i.snoozed_from.isoformat()})"
        click.echo(click.style(row, **_STATUS_STYLE[i.status]) + click.style(origin, dim=True))


COMMANDS = (due,)
