"""``netlog path TARGET``: warm routes to a person, an org or a tag (docs/format.md §11).

A thin Click layer over :func:`netlog.serendipity.routes`: it resolves the
target, prints the ranked routes (text or JSON) with each link's reason, and
exits 1 with who is nearest when there is no route.
"""

from __future__ import annotations

import click

from .. import serendipity
from ..errors import UnknownTarget
from ..sanitize import for_terminal
from ..views import json_text, path_json
from .common import load_for_reading, resolve_today, today_option
from .completion import complete_target


@click.command()
@click.argument("target", shell_complete=complete_target)
@today_option
@click.option("--max-hops", type=click.IntRange(min=1), default=serendipity.MAX_HOPS, show_default=True,
              help="Longest route, in people (the first person you know and the target included; you "
                   "are not counted).")
@click.option("--limit", type=click.IntRange(min=1), default=serendipity.LIMIT, show_default=True,
              help="How many routes to show.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def path(ctx: click.Context, target: str, max_hops: int, limit: int, fmt: str, today) -> None:
    """Find warm routes to TARGET: a person, org:NAME or tag:NAME.

    Each route starts with someone you know directly (an entry with them in
    `with`) and steps through people tied to each other: one introduced the
    other, both were in one entry, or both work at the same org. Routes are
    ranked by length, then the tie strength of the first person. Exit 1 when
    there is no route, with who is nearest.

    \b
    Examples:
        netlog path "Arjun Mehta"
        netlog path org:whitlock-gray-llp --max-hops 4
        netlog path tag:mentor --format json
    """
    today = resolve_today(today)
    log, errors = load_for_reading(ctx)
    try:
        targets = serendipity.resolve_target(log, target)
    except UnknownTarget as e:
        raise click.BadParameter(str(e), param_hint="TARGET") from None
    found, nearest = serendipity.routes(log, today, targets, max_hops=max_hops, limit=limit)
    if fmt == "json":
        click.echo(json_text(path_json(target, found)))
    elif found:
        _print_routes(log, target, targets, found, today, max_hops)
    if nearest is not None:
        click.echo(for_terminal(f"netlog: {no_route_message(log, targets, nearest, max_hops)}"), err=True)
        ctx.exit(1)
    if errors:
        ctx.exit(1)


def _what(log, targets: list[str], target: str) -> str:
    if len(targets) == 1 and not target.startswith(("org:", "tag:")):
        return log.people[targets[0]].name
    return f"{target} ({len(targets)} {'person' if len(targets) == 1 else 'people'})"


def _print_routes(log, target, targets, found, today, max_hops) -> None:
    # names come from the log: control characters written as escapes (sanitize.py)
    click.echo(for_terminal(f"Warm routes to {_what(log, targets, target)} as of {today.isoformat()} "
                            f"(at most {max_hops} people each):"))
    for n, r in enumerate(found, 1):
        click.echo("")
        line = " → ".join(r.names)
        if len(r.people) == 1:
            click.echo(for_terminal(f"{n}. {line}  (you know them directly; strength {r.strength})"))
            continue
        click.echo(for_terminal(f"{n}. {line}  (start: {r.names[0]}, strength {r.strength})"))
        for a, b, why in r.links:
            click.echo(click.style(for_terminal(f"     {log.people[a].name} → {log.people[b].name}: {why}"),
                                   dim=True))


def no_route_message(log, targets: list[str], nearest: serendipity.Nearest, max_hops: int) -> str:
    """``no route ...; nearest: ...``: who you know that is closest, and how to reach further."""
    names = ", ".join(log.people[t].name for t in targets[:5]) + (" …" if len(targets) > 5 else "")
    head = f"no route of at most {max_hops} people to {names}"
    if nearest.person is not None:
        return (f"{head}; nearest: {log.people[nearest.person].name}, whom you know directly, is "
                f"{nearest.hops} people from {log.people[nearest.target].name} "
                f"(try --max-hops {nearest.hops})")
    if nearest.tied:
        tied = ", ".join(log.people[s].name for s in nearest.tied[:5]) + (" …" if len(nearest.tied) > 5 else "")
        return (f"{head}; nobody you know is connected to them. Nearest: the people tied to them, "
                f"{tied}, whom you do not know yet")
    return (f"{head}; nobody is tied to them yet (no shared entry, introducer or org): "
            "log an entry with them, or set met_via on their person file")


COMMANDS = (path,)
