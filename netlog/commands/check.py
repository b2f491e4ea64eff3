"""``netlog check``: every problem of the log, with its code; ``--only``/``--ignore`` select by code."""

from __future__ import annotations

import click

from ..errors import UnknownCode
from ..model import ERROR, WARNING, Problem
from .common import count, failing, load, report


def _codes(ctx, param, value):
    if not value:
        return []  # what validate_codes gives, without importing the table of checks (start-up, issue 27)
    from ..checks import validate_codes

    try:
        return validate_codes(value)
    except UnknownCode as e:
        raise click.BadParameter(str(e), ctx=ctx, param=param) from None


def _complete_codes(ctx, param, incomplete: str):
    from click.shell_completion import CompletionItem

    from ..checks import CHECKS

    return [CompletionItem(code, help=c.summary) for code, c in CHECKS.items() if code.startswith(incomplete)]


@click.command()
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--only", multiple=True, metavar="CODE", callback=_codes, shell_complete=_complete_codes,
              help="Report only problems with this code (repeat, or separate with commas).")
@click.option("--ignore", multiple=True, metavar="CODE", callback=_codes, shell_complete=_complete_codes,
              help="Leave out problems with this code (repeat, or separate with commas).")
@click.pass_context
def check(ctx: click.Context, strict: bool, fmt: str, only: list[str], ignore: list[str]) -> None:
    """Check every file of the log; print problems as PATH:LINE: SEVERITY: MESSAGE.

    Exit status 1 when there are errors (with --strict, warnings too), counting
    only the problems --only and --ignore keep. The codes are listed in
    docs/format.md ("Problems"); `--format json` gives each problem's code.

    \b
    Example:
        netlog check --strict
        netlog check --format json
        netlog check --ignore unknown-person,unknown-key
    """
    project, log, problems = load(ctx)
    if only or ignore:
        from ..checks import select

        problems = select(problems, only, ignore)
    docs_dir = project.docs_dir if project else None
    if fmt == "json":
        from ..views import check_json, json_text  # json only for --format json (start-up, issue 27)

        click.echo(json_text(check_json(problems, docs_dir)))
    else:
        report(problems, docs_dir, err=False)
        click.echo(summary(log, problems), err=True)
    if failing(problems, strict):
        ctx.exit(1)


def summary(log, problems: list[Problem]) -> str:
    """The last line of the text output (docs/commands.md, netlog check), on stderr:
    ``<n> entries, <m> people: <e> errors, <w> warnings``. People are those with a file, as the
    dashboard counts them: a stub (a name no person file gives) is a warning, not a person."""
    entries = len(log.entries) if log is not None else 0
    people = sum(1 for p in log.people.values() if not p.stub) if log is not None else 0
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = sum(1 for p in problems if p.severity == WARNING)
    return (f"{count(entries, 'entry', 'entries')}, {count(people, 'person', 'people')}: "
            f"{count(errors, 'error', 'errors')}, {count(warnings, 'warning', 'warnings')}")


COMMANDS = (check,)
