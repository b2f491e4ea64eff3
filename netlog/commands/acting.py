"""``netlog done``, ``snooze``, ``merge`` and ``rename``: acting on the log (docs/commands.md).

Thin: each command loads the log, asks :mod:`netlog.acting` for a plan,
prints it, writes it through that module, and commits the files written
when the option ``commit: true`` says so. :class:`~netlog.acting.BadTarget`
is a usage error (exit 2), :class:`~netlog.acting.ActionRefused` and other
library errors exit 1; nothing is written in either case.
"""

from __future__ import annotations

import click

from ..report import shown
from ..sanitize import for_terminal
from .common import DATE, OFFSET, boundary, commit_written, load, open_in_editor, report, resolve_today, today_option
from .completion import complete_kinds, complete_people


def _usage(e, param_hint: str) -> click.BadParameter:
    return click.BadParameter(str(e), param_hint=param_hint)


def _planned(make, param_hint: str):
    """``make()``, the library's refusals turned into Click's: BadTarget a usage error (exit 2),
    ActionRefused exit 1; nothing is written either way."""
    from ..acting import ActionRefused, BadTarget

    try:
        return make()
    except BadTarget as e:
        raise _usage(e, param_hint) from None
    except ActionRefused as e:
        raise click.ClickException(str(e)) from None


def _write(project, plan, dry_run: bool, done: str) -> None:
    """Print a merge's or rename's changes and write them (unless ``dry_run``), then commit."""
    from .. import acting

    if not plan.changes:
        click.echo(for_terminal(f"nothing to change: {plan.summary.split(' ', 1)[1]}"))
        return
    with boundary(after="; what is written stays consistent: run the command again to complete it"):
        _print_plan(plan, dry_run)
        if dry_run:
            return
        written = acting.apply_plan(plan)
    click.echo(for_terminal(f"{done}: {plan.summary.split(' ', 1)[1]}"))
    commit_written(project, written, plan.summary)


def _loaded(ctx):
    """(project, log), the log's errors printed (they stop no action: a new one does); exit 1
    when the config cannot be read."""
    project, log, problems = load(ctx)
    report([p for p in problems if p.severity == "error"], project.docs_dir if project else None)
    if log is None:
        ctx.exit(1)
    return project, log


def _item_line(item, date=None) -> str:
    due = (date or item.due).isoformat()
    who = f"{item.name}: " if item.name else ""
    return for_terminal(f"  {due}  {who}{item.action}  [{item.source}]")


@click.command("done")
@click.argument("ref", shell_complete=complete_people)
@click.option("--kind", metavar="K", shell_complete=complete_kinds,
              help="The entry's kind (default: what REF's first open item calls for).")
@click.option("--date", type=DATE, help="The entry's date (default: today).")
@click.option("--title", metavar="T", help="The entry's title.")
@click.option("--note", metavar="TEXT", default="", help="Notes, after the `Done: ...` lines.")
@click.option("--new-person", is_flag=True, help="REF is someone new, though it looks like a person of the log.")
@click.option("--edit/--no-edit", default=False, show_default=True,
              help="Open the new entry in $VISUAL or $EDITOR (only from a terminal).")
@today_option
@click.pass_context
def done(ctx, ref, kind, date, title, note, new_person, edit, today):
    """Record REF's open follow-ups done: write the entry that closes them.

    The entry is dated today (or --date), with REF in `with`, of the kind
    that REF's first open item calls for (a thank-you for a thanks or loop
    item and after an interview, rejection or referral; a follow-up for an
    explicit or other rule item; a message for a cadence or birthday), and
    its notes say `Done: <action>` for each item it closes. Prints the
    path and the items closed. Exit 1, nothing written, when REF has no
    open item.

    \b
    Examples:
        netlog done priya-shah
        netlog done "Jane Doe" --kind coffee --note "Talked about the move"
    """
    from .. import acting
    from ..acting import BadTarget, NoSuchPerson
    from ..people import PeopleIndex
    from ..yamlemit import one_line

    today = resolve_today(today)
    if date is not None and date > today:  # a planned entry closes nothing (docs/format.md §6)
        raise click.BadParameter(f"{date.isoformat()} is after today ({today.isoformat()}): an entry dated "
                                 "later closes nothing; use `netlog new` for a planned one", param_hint="'--date'")
    project, log = _loaded(ctx)
    if kind is not None and kind not in log.kinds:
        from ..suggest import did_you_mean

        raise click.BadParameter(f"unknown kind {kind!r}{did_you_mean(kind, log.kinds)}", param_hint="'--kind'")
    files = PeopleIndex.of(p for p in log.people.values() if not p.stub)
    unsure = [] if new_person else acting.unsure_refs(files, [one_line(ref)])
    if unsure:  # a person spelled two ways would become two people (docs/format.md §13)
        raise click.BadParameter(acting.refusal(unsure, "REF"), param_hint="'REF'")
    try:
        person = acting.find_person(log, one_line(ref))
    except NoSuchPerson:
        raise click.ClickException(f"{ref!r} names no person of the log, so there is no open follow-up to "
                                   "close; nothing written") from None
    except BadTarget as e:
        raise _usage(e, "'REF'") from None
    with boundary(after="; nothing was written"):
        plan = _planned(lambda: acting.plan_done(log, today, person, kind=kind, date=date,
                                                 title=one_line(title) if title else None, note=note), "'REF'")
        path = _planned(lambda: acting.write_done(project.docs_dir, project.options, files, plan,
                                                  title), "'REF'")
    click.echo(shown(path))
    if plan.closed:
        click.echo(f"closes {len(plan.closed)} of {person.name}'s {len(plan.open)} open item(s):")
        for i in plan.closed:
            click.echo(_item_line(i))
    else:
        click.echo(f"closes none of {person.name}'s {len(plan.open)} open item(s): a {plan.kind} on "
                   f"{plan.date.isoformat()} is not after the entries they come from")
    commit_written(project, [path], f"done {person.name} ({plan.kind})")
    open_in_editor(path, edit)


@click.command("snooze")
@click.argument("target", shell_complete=complete_people)
@click.option("--until", type=DATE, help="Until this date (after today).")
@click.option("--for", "for_", type=OFFSET, help="For this long from today, e.g. 1w.")
@click.option("--clear", is_flag=True, help="Remove the snooze.")
@today_option
@click.pass_context
def snooze(ctx, target, until, for_, clear, today):
    """Make the items of a person or an entry wait: set its `snooze` date.

    TARGET is a person (slug, name or aka: every item of theirs waits) or
    an entry's path (the items that entry gives wait). Exactly the one
    `snooze:` line of the file is added, replaced or removed; the items
    moved are printed with their new dates.

    \b
    Examples:
        netlog snooze priya-shah --for 2w
        netlog snooze log/2026/2026-11-18-interview-acme.md --until 2026-12-01
        netlog snooze priya-shah --clear
    """
    from .. import acting
    from ..dates import add_or_never

    if sum(x is not None and x is not False for x in (until, for_, clear or None)) != 1:
        raise click.UsageError("give exactly one of --until DATE, --for OFFSET and --clear")
    today = resolve_today(today)
    if until is not None and until <= today:
        raise click.BadParameter(f"{until.isoformat()} is not after today ({today.isoformat()})",
                                 param_hint="'--until'")
    if for_ is not None:
        until = add_or_never(for_, today)
    project, log = _loaded(ctx)
    with boundary(after="; nothing was written"):
        plan = _planned(lambda: acting.plan_snooze(log, project.docs_dir, today, target, until), "'TARGET'")
        written = acting.apply_snooze(plan)
    label = for_terminal(plan.label)
    if plan.until is None:
        click.echo(f"{label}: snooze cleared ({shown(plan.path)})" if written else f"{label} had no snooze")
    else:
        click.echo(f"{label}: snoozed until {plan.until.isoformat()} ({shown(plan.path)})")
    if plan.moved:
        click.echo(f"moved {len(plan.moved)} item(s):")
        for m in plan.moved:
            click.echo(_item_line(m.after) + f"  (was {m.before.due.isoformat()})")
    else:
        click.echo("no open item moved")
    what = f"snooze {plan.label} until {plan.until.isoformat()}" if plan.until else f"clear the snooze of {plan.label}"
    commit_written(project, written, what)


def _print_plan(plan, dry_run: bool) -> None:
    for c in plan.changes:
        verb = "remove" if c.new is None else "create" if c.old is None else "change"
        if c.moved_from is not None:
            verb = f"move {shown(c.moved_from[0])} to"
        click.echo(for_terminal(f"{'would ' if dry_run else ''}{verb} {shown(c.path)}"))
        for w in c.what:
            if w != "removed":
                click.echo(for_terminal(f"    {w}"))


@click.command("merge")
@click.argument("from_ref", metavar="FROM", shell_complete=complete_people)
@click.argument("into_ref", metavar="INTO", shell_complete=complete_people)
@click.option("--dry-run", is_flag=True, help="Print every change; write nothing.")
@click.pass_context
def merge(ctx, from_ref, into_ref, dry_run):
    """Merge person FROM into person INTO (one person in the log twice).

    Every `with`, `via` and `met_via` naming FROM becomes INTO's slug;
    FROM's name and aka become INTO's aka, its links, tags and notes are
    added, the keys INTO lacks are filled from FROM; FROM's file is removed
    last, so an interrupted merge loses nothing and running it again
    completes it.

    \b
    Example:
        netlog merge jon-smith jonathan-smith --dry-run
    """
    from .. import acting

    project, log = _loaded(ctx)
    with boundary(after="; nothing was written"):
        for ref, hint in ((from_ref, "'FROM'"), (into_ref, "'INTO'")):  # the message names the argument at fault
            _planned(lambda ref=ref: acting.find_person(log, ref), hint)
        plan = _planned(lambda: acting.plan_merge(log, project.docs_dir, from_ref, into_ref), "'FROM' / 'INTO'")
    _write(project, plan, dry_run, "merged")


@click.command("rename")
@click.argument("ref", shell_complete=complete_people)
@click.argument("new_name")
@click.pass_context
def rename(ctx, ref, new_name):
    """Rename person REF to NEW_NAME: the file moves to people/<slug>.md.

    `name` becomes NEW_NAME, the old name joins `aka`, and every ref written
    as the old slug is rewritten to the new one (refs written as a name or
    aka still resolve and stay).

    \b
    Example:
        netlog rename "Jon Smith" "Jonathan Smith"
    """
    from .. import acting

    project, log = _loaded(ctx)
    with boundary(after="; nothing was written"):
        plan = _planned(lambda: acting.plan_rename(log, project.docs_dir, ref, new_name), "'REF' / 'NEW_NAME'")
    _write(project, plan, False, "renamed")


COMMANDS = (done, snooze, merge, rename)
