"""The ``netlog`` command line: a thin Click layer over the pipeline.

Only this module (and ``plugin.py``) turns problems into exit codes:
0 fine, 1 the log has errors (or warnings with ``--strict``) or a command
failed, 2 a usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from dataclasses import dataclass

import click

from . import __version__
from .dates import Offset, parse_offset, parse_today
from .model import ERROR, WARNING, Problem

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# --------------------------------------------------------------------------- parameter types


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return parse_today(str(value))
        except ValueError as e:
            self.fail(str(e), param, ctx)


class OffsetType(click.ParamType):
    name = "OFFSET"

    def convert(self, value, param, ctx):
        if isinstance(value, Offset):
            return value
        parsed = parse_offset(value)
        if parsed is None:
            self.fail(f"{value!r} is not an offset such as 3d, 2w, 1m or 1y", param, ctx)
        return parsed


DATE = DateType()
OFFSET = OffsetType()


def today_option(f):
    """``--today``, else NETLOG_TODAY, else the local date."""
    return click.option("--today", type=DATE, envvar="NETLOG_TODAY", show_envvar=True,
                        help="The date to compute against (default: NETLOG_TODAY, else today).")(f)


def resolve_today(value: dt.date | None) -> dt.date:
    return value if value is not None else dt.date.today()


# --------------------------------------------------------------------------- loading


@dataclass(slots=True)
class State:
    config_file: str | None


def _config_path(ctx: click.Context) -> str:
    from .config import find_config

    given = ctx.find_object(State).config_file
    if given:
        if not os.path.isfile(given):
            raise click.UsageError(f"no config file at {given}")
        return os.path.abspath(given)
    found = find_config(os.getcwd())
    if found is None:
        raise click.ClickException("no mkdocs.yml in this folder or any parent; "
                                   "run `netlog init` to start a log, or pass -f CONFIG")
    return found


def display_path(problem: Problem, docs_dir: str | None) -> str:
    """The problem's path relative to the current folder."""
    path = problem.path
    if not os.path.isabs(path) and docs_dir is not None:
        path = os.path.join(docs_dir, path)
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path


def load(ctx: click.Context, **overrides):
    """(project, log, problems) for the current config; project and log are None on a config error."""
    from .config import load_project
    from .load import load_log

    project, problems = load_project(_config_path(ctx), **overrides)
    if project is None:
        return None, None, problems
    log, log_problems = load_log(project.docs_dir, project.options)
    return project, log, problems + log_problems


def format_problem(p: Problem, docs_dir: str | None) -> str:
    return f"{display_path(p, docs_dir)}:{p.line}: {p.severity}: {p.message}"


def report(problems: list[Problem], docs_dir: str | None, err: bool = True) -> None:
    for p in problems:
        click.echo(format_problem(p, docs_dir), err=err)


def failing(problems: list[Problem], strict: bool) -> bool:
    return any(p.severity == ERROR or (strict and p.severity == WARNING) for p in problems)


# --------------------------------------------------------------------------- the group


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="netlog")
@click.option("-f", "--config-file", metavar="CONFIG", help="mkdocs.yml to use (default: the nearest "
              "one in this folder or a parent).")
@click.pass_context
def main(ctx: click.Context, config_file: str | None) -> None:
    """netlog: a plain-text personal networking log.

    Write one Markdown file per interaction, then check the log, see what
    follow-ups are due, and build a private site to browse your network.

    \b
    Example:
        netlog check && netlog due && netlog build
    """
    ctx.obj = State(config_file)


@main.command()
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def check(ctx: click.Context, strict: bool, fmt: str) -> None:
    """Check every file of the log; print problems as PATH:LINE: SEVERITY: MESSAGE.

    Exit status 1 when there are errors (with --strict, warnings too).

    \b
    Example:
        netlog check --strict
        netlog check --format json
    """
    project, _log, problems = load(ctx)
    docs_dir = project.docs_dir if project else None
    if fmt == "json":
        click.echo(json.dumps([{"path": display_path(p, docs_dir), "line": p.line,
                                "severity": p.severity, "message": p.message} for p in problems],
                              ensure_ascii=False, indent=2))
    else:
        report(problems, docs_dir, err=False)
    if failing(problems, strict):
        ctx.exit(1)


_STATUS_STYLE = {"overdue": {"fg": "red", "bold": True}, "today": {"fg": "yellow", "bold": True},
                 "upcoming": {}, "later": {"dim": True}}


@main.command()
@today_option
@click.option("--within", type=OFFSET, help="Show items due within this offset (replaces the "
              "`upcoming` option), e.g. 14d.")
@click.option("--all", "show_all", is_flag=True, help="Include items due later too.")
@click.option("--person", "person_ref", metavar="REF", help="Only this person's items (slug, name or aka).")
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
    from . import followups
    from .slug import slugify

    today = resolve_today(today)
    project, log, problems = load(ctx)
    errors = [p for p in problems if p.severity == ERROR]
    report(errors, project.docs_dir if project else None)
    if log is None:
        ctx.exit(1)
    person = None
    if person_ref is not None:
        matches = [s for s, p in log.people.items()
                   if slugify(person_ref) in {s, slugify(p.name), *map(slugify, p.aka)}]
        if len(matches) != 1:
            what = "no person" if not matches else "more than one person"
            raise click.BadParameter(f"{what} matches {person_ref!r}", param_hint="--person")
        person = matches[0]
    items = followups.select(followups.compute(log, today, within), include_later=show_all, person=person)
    if fmt == "json":
        click.echo(json.dumps({"today": today.isoformat(), "items": [i.to_json() for i in items]},
                              ensure_ascii=False, indent=2))
    elif fmt == "ics":
        from .ics import to_ics

        sys.stdout.flush()
        click.get_binary_stream("stdout").write(to_ics(items, today))
    else:
        _print_items(items, today)
    if errors:
        ctx.exit(1)


def _print_items(items, today: dt.date) -> None:
    if not items:
        click.echo(f"Nothing due as of {today.isoformat()}.")
        return
    counts = {s: sum(1 for i in items if i.status == s) for s in ("overdue", "today", "upcoming", "later")}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    click.echo(f"As of {today.isoformat()}: {len(items)} open ({summary})")
    name_w = min(max((len(i.name or "-") for i in items), default=1), 28)
    for i in items:
        name = (i.name or "-")
        if len(name) > name_w:
            name = name[:name_w - 1] + "…"
        row = f"{i.due.isoformat()}  {i.status:<8}  {name:<{name_w}}  {i.action}"
        where = i.entry or i.source
        click.echo(click.style(row, **_STATUS_STYLE[i.status]) + click.style(f"  [{i.source}] {where}" if i.entry else f"  [{i.source}]", dim=True))
