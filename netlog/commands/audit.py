"""``netlog audit``: the network audit (docs/format.md §13), text or JSON.

A thin layer over :func:`netlog.audit.network_audit`: the parts of the audit
(tiers, roles, openness, goals, reconnect, since), each finding with its next
step, then the older findings, most urgent first.
"""

from __future__ import annotations

import json

import click

from ..sanitize import for_terminal, json_for_terminal
from .common import DATE, load_for_reading, resolve_today, today_option


@click.command()
@today_option
@click.option("--since", "mark", type=DATE, default=None,
              help="Report what changed after this date (default: your last review, else 30 days ago).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def audit(ctx, today, mark, fmt):
    """Print the network audit, each finding with a next step.

    Tiers of tie strength, roles and their gaps, how open your network is,
    warm routes to your goals, the people most worth reconnecting, and what
    changed since your last review; then overdue rule and thanks items,
    one-sided ties, dormant people, people never contacted, people with no
    cadence.

    \b
    Examples:
        netlog audit --today 2026-11-25
        netlog audit --since 2026-09-01
        netlog audit --format json
    """
    from .. import audit as audit_mod

    today = resolve_today(today)
    if mark is not None and mark > today:
        raise click.BadParameter(f"{mark.isoformat()} is after today ({today.isoformat()}); give a date "
                                 "on or before it", param_hint="'--since'")
    log, errors = load_for_reading(ctx)
    a = audit_mod.network_audit(log, today, mark=mark)
    if fmt == "json":
        click.echo(json_for_terminal(json.dumps(audit_mod.to_json(a, log), ensure_ascii=False, indent=2)))
    else:
        for line in text_lines(a, log, given=mark is not None):
            click.echo(click.style(for_terminal(line[1:]), bold=True) if line.startswith("#")
                       else for_terminal(line))
    if errors:
        ctx.exit(1)


def _names(log, slugs, none: str = "none") -> str:
    return ", ".join(log.people[s].name for s in slugs) or none


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{round(100 * x)}%"


def text_lines(a, log, *, given: bool = False) -> list[str]:
    """The audit as lines of text; a line starting with ``#`` is a heading (printed bold)."""
    from .. import audit as audit_mod

    today = a.today
    out = [f"#Network audit as of {today.isoformat()}"]

    def step(s, indent="  "):
        if s is not None:
            out.append(f"{indent}→ {s.text(log)}")

    out += ["", "#Tiers (tie strength)"]
    for t in a.tiers:
        out.append(f"  {t.name} ({t.low}–{t.high}): {len(t.people)}"
                   + (f" — {_names(log, t.people)}" if t.people else ""))
        step(t.step, "    ")
    out += ["", "#Roles"]
    if not a.roles:
        out.append("  none set: add `roles:` (role -> tag) to the netlog plugin's options")
    for r in a.roles:
        state = "GAP, no active person" if r.gap else f"active: {_names(log, r.active)}"
        out.append(f"  {r.role} (tag {r.tag}): {state}"
                   + (f"; dormant: {_names(log, r.dormant)}" if r.dormant else ""))
        step(r.step, "    ")
    o = a.openness
    out += ["", f"#Openness ({o.start.isoformat()} to {today.isoformat()})"]
    if o.entries:
        top = f"; most often {o.top_org}, in {o.top_entries} ({_pct(o.top_share)})" if o.top_org else ""
        out.append(f"  {o.entries} entries with people from {o.orgs} orgs{top}")
        out.append(f"  {o.contacts} people met; {o.tied_pairs} of their {o.pairs} pairs know each other "
                   f"({_pct(o.closed_share)}): the higher, the more closed the network")
    else:
        out.append("  no entries with people in the last 365 days")
    step(o.step)
    out += ["", "#Goals"]
    if not a.goals:
        out.append("  none set: add `goals:` (a name and targets) to the netlog plugin's options")
    for g in a.goals:
        out.append(f"  {g.name}")
        for t in g.targets:
            if t.route is None:
                out.append(f"    {t.target}: no route (a gap)" + (f": {t.problem}" if t.problem else ""))
            else:
                out.append(f"    {t.target}: {' → '.join(t.route.names)}")
                for x, y, why in t.route.links:
                    out.append(f"        {log.people[x].name} → {log.people[y].name}: {why}")
            step(t.step, "      ")
    out += ["", f"#Reconnect (no entry within {log.options.dormant})"]
    if not a.reconnect:
        out.append("  no one: nobody you have met is dormant")
    for n, r in enumerate(a.reconnect, 1):
        out.append(f"  {n}. {log.people[r.person].name}: {audit_mod.reconnect_why(r, today)}")
        step(r.step, "     ")
    s = a.since
    if s.since.review is not None:
        what = f"your last review, {s.since.mark.isoformat()}"
    elif given:
        what = s.since.mark.isoformat()
    else:
        what = f"{s.since.mark.isoformat()} (no review before today: the last 30 days)"
    out += ["", f"#Since {what}"]
    out.append(f"  {len(s.since.entries)} entries with {len(s.since.met)} people")
    out.append(f"  first met: {_names(log, s.since.first_met)}")
    out.append(f"  became dormant: {_names(log, s.became_dormant)}")
    out.append(f"  reconnected: {_names(log, s.reconnected)}")
    out.append("  openings: " + ("; ".join(f"{e.date.isoformat()} {e.title}" for e in s.since.openings) or "none"))
    out.append("  introductions you made: "
               + ("; ".join(f"{e.date.isoformat()} {e.title}" for e in s.since.introduced) or "none"))
    step(s.step)
    old = a.old
    sections = [
        (f"Overdue rule and thanks items ({len(old.stale)})",
         [f"{i.due.isoformat()}  {i.name}: {i.action}  [{i.source}] {i.entry}" for i in old.stale]),
        (f"One-sided ties ({len(old.one_sided)}): three or more entries with a direction, all out",
         [f"{c.person.name}: {n} entries, last {c.last.isoformat() if c.last else 'never'}"
          for c, n in old.one_sided]),
        (f"Dormant ({len(old.dormant)}): no entry within {log.options.dormant}",
         [f"{c.person.name}: last contact {c.last.isoformat()} ({(today - c.last).days} days ago)"
          for c in old.dormant]),
        (f"Never contacted ({len(old.never)})",
         [c.person.name + (f" (met {c.person.met.isoformat()})" if c.person.met else "") for c in old.never]),
        (f"No cadence ({len(old.no_cadence)})", [c.person.name for c in old.no_cadence]),
    ]
    for title, lines in sections:
        out += ["", "#" + title]
        out += [f"  {line}" for line in lines or ["none"]]
    return out


COMMANDS = (audit,)
