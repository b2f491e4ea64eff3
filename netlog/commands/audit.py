"""``netlog audit``: the audit's findings, most urgent first."""

from __future__ import annotations

import click

from ..sanitize import for_terminal
from .common import load_for_reading, resolve_today, today_option


@click.command()
@today_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def audit(ctx, today, fmt):
    """Print the audit's findings, most urgent first.

    Overdue rule and thanks items, one-sided ties, dormant people, people
    never contacted, people with no cadence.

    \b
    Example:
        netlog audit --today 2026-11-25
        netlog audit --format json
    """
    from .. import audit as audit_mod
    from .. import followups

    today = resolve_today(today)
    log, errors = load_for_reading(ctx)
    if fmt == "json":  # the same JSON as the assistant's `audit` tool (netlog mcp)
        from ..views import audit_json, json_text

        click.echo(json_text(audit_json(log, today)))
        if errors:
            ctx.exit(1)
        return
    items = followups.compute_all(log, today)
    summaries = audit_mod.summaries(log, today, items)
    a = audit_mod.audit(log, today, items, summaries)
    click.echo(f"Audit as of {today.isoformat()}")
    sections = [
        (f"Overdue rule and thanks items ({len(a.stale)})",
         [f"{i.due.isoformat()}  {i.name}: {i.action}  [{i.source}] {i.entry}" for i in a.stale]),
        (f"One-sided ties ({len(a.one_sided)}): three or more entries with a direction, all out",
         [f"{c.person.name}: {n} entries, last {c.last.isoformat() if c.last else 'never'}"
          for c, n in a.one_sided]),
        (f"Dormant ({len(a.dormant)}): no entry within {log.options.dormant}",
         [f"{c.person.name}: last contact {c.last.isoformat()} ({(today - c.last).days} days ago)"
          for c in a.dormant]),
        (f"Never contacted ({len(a.never)})",
         [c.person.name + (f" (met {c.person.met.isoformat()})" if c.person.met else "") for c in a.never]),
        (f"No cadence ({len(a.no_cadence)})", [c.person.name for c in a.no_cadence]),
    ]
    for title, lines in sections:
        click.echo("")
        click.echo(click.style(title, bold=True))
        for line in lines or ["none"]:
            click.echo(f"  {for_terminal(line)}")
    if errors:
        ctx.exit(1)


COMMANDS = (audit,)
