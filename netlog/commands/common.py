"""What every command shares: parameter types, ``--today``, loading the project,
printing problems, and the boundary where library errors become Click's.

Library functions raise :mod:`netlog.errors` (or an OSError, for a write
that failed) and never exit; the commands call them inside :func:`boundary`,
which turns them into ``ClickException`` (exit 1) or ``UsageError`` (exit 2)
(it lives in the light :mod:`.group`, the group's own module, and is re-exported here).
The group (:class:`NetlogGroup`) puts every command inside it too, so an
OSError no command expected still ends in one line (``safeio.message``),
never a traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

import click

from ..dates import TODAY_ENV, Offset, parse_offset, parse_today
from ..dates import resolve_today as _resolve_today
from ..model import ERROR, WARNING, Problem
from ..report import format_problem, shown
from .group import CONTEXT, NetlogGroup, State, boundary  # noqa: F401 - the group's own, light module (start-up)

OFFSET_EXAMPLES = "an offset such as 3d, 2w, 1m or 1y"


# --------------------------------------------------------------------------- parameter types


class DateType(click.ParamType):
    """A date YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return parse_today(str(value))
        except ValueError as e:
            self.fail(str(e), param, ctx)


class OffsetType(click.ParamType):
    """An offset such as 2w (docs/format.md §4)."""

    name = "OFFSET"

    def convert(self, value, param, ctx):
        if isinstance(value, Offset):
            return value
        parsed = parse_offset(value)
        if parsed is None:
            self.fail(f"{value!r} is not {OFFSET_EXAMPLES}", param, ctx)
        return parsed


class DateOrOffsetType(click.ParamType):
    """``--follow-up``: a date YYYY-MM-DD or an offset such as 2w."""

    name = "DATE|OFFSET"

    def convert(self, value, param, ctx):
        if isinstance(value, (dt.date, Offset)):
            return value
        text = str(value).strip()
        if text[:1].isdigit() and "-" in text:
            try:
                return parse_today(text)
            except ValueError as e:
                self.fail(f"{e}; give a date YYYY-MM-DD or {OFFSET_EXAMPLES}", param, ctx)
        offset = parse_offset(text)
        if offset is None:
            self.fail(f"{text!r} is neither a date YYYY-MM-DD nor {OFFSET_EXAMPLES}", param, ctx)
        return offset


DATE = DateType()
OFFSET = OffsetType()
DATE_OR_OFFSET = DateOrOffsetType()


def today_option(f=None, *, name: str = "--today", help: str = "The date to compute against"):
    """``--today`` (or ``name``), else NETLOG_TODAY, else the local date (see :func:`resolve_today`)."""

    def decorate(func):
        return click.option(name, type=DATE, envvar=TODAY_ENV, show_envvar=True,
                            help=f"{help} (default: {TODAY_ENV}, else today).")(func)

    return decorate(f) if f is not None else decorate


def resolve_today(value: dt.date | None) -> dt.date:
    """The value of a :func:`today_option`: itself, else today (Click has read NETLOG_TODAY)."""
    try:
        return _resolve_today(value)
    except ValueError as e:  # only when NETLOG_TODAY bypassed Click's own parsing
        raise click.UsageError(f"{TODAY_ENV}: {e}") from None


# --------------------------------------------------------------------------- the boundary




# --------------------------------------------------------------------------- loading


def config_path(ctx: click.Context) -> str:
    """The config to use (``-f``, else the nearest mkdocs.yml); a Click error when there is none."""
    from ..config import locate

    state = ctx.find_object(State)
    with boundary():
        return locate(state.config_file if state else ctx.find_root().params.get("config_file"))


def load(ctx: click.Context):
    """(project, log, problems) for the current config; project and log are None on a config error."""
    from ..config import read_project
    from ..load import load_log

    project, problems = read_project(config_path(ctx))
    if project is None:
        return None, None, problems
    log, log_problems = load_log(project.docs_dir, project.options)
    return project, log, problems + log_problems


def load_for_reading(ctx: click.Context):
    """(log, errors) for commands that read the log: errors go to stderr, and a
    config that cannot be read ends the command (exit 1). The caller exits 1
    after its output when there were errors."""
    project, log, problems = load(ctx)
    errors = [p for p in problems if p.severity == ERROR]
    report(errors, project.docs_dir if project else None)
    if log is None:
        ctx.exit(1)
    return log, errors


def load_project(ctx: click.Context):
    """The current project (the config, its options) without the log; exit 1 with the
    problems when the config is broken."""
    from ..config import read_project

    project, problems = read_project(config_path(ctx))
    if project is None:
        report([p for p in problems if p.severity == ERROR], None)
        ctx.exit(1)
    return project


def count(n: int, one: str, many: str) -> str:
    """``1 entry``, ``2 entries``: a number and the word that goes with it."""
    return f"{n} {one if n == 1 else many}"


def report(problems: list[Problem], docs_dir: str | None, err: bool = True) -> None:
    """Print ``problems`` as ``path:line: severity: message`` lines (stderr unless ``err`` is False)."""
    for p in problems:
        click.echo(format_problem(p, docs_dir), err=err)


def failing(problems: list[Problem], strict: bool) -> bool:
    """True when ``problems`` hold an error (or, with ``strict``, a warning)."""
    return any(p.severity == ERROR or (strict and p.severity == WARNING) for p in problems)


def check_or_exit(ctx: click.Context, problems: list[Problem], docs_dir: str | None, strict: bool) -> None:
    """Print the log's problems (stderr); exit 1 when they stop the command."""
    report(problems, docs_dir)
    if failing(problems, strict):
        n = sum(1 for p in problems if p.severity == ERROR)
        what = count(n, "error", "errors") if n else "warnings (--strict)"
        click.echo(f"netlog: the log has {what}; nothing was built", err=True)
        ctx.exit(1)


# --------------------------------------------------------------------------- terminals and editors


def interactive() -> bool:
    """True when a person is at a terminal: stdin and stdout both are one."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced or closed streams
        return False


def open_in_editor(path: str, edit: bool) -> None:
    """Open ``path`` in $VISUAL or $EDITOR, only when asked and run from a terminal.

    Nothing opens when stdin or stdout is not a terminal (a script, a pipe,
    ``$(netlog new ...)``), or when neither variable is set (Click would
    otherwise fall back to vi).
    """
    if not edit or not (os.environ.get("VISUAL") or os.environ.get("EDITOR")) or not interactive():
        return
    try:
        click.edit(filename=path)
    except click.ClickException as e:
        click.echo(f"netlog: warning: {e.format_message()}; the file is written: {shown(path)}", err=True)


# --------------------------------------------------------------------------- commit: true


def commit_written(project, paths: list[str], what: str) -> None:
    """With the option ``commit: true``, commit ``paths`` (the files a command wrote or removed)
    with the message ``netlog: <what>`` when the log is in a git work tree (docs/format.md
    §13); a note on stderr when that could not be done. Nothing without the option."""
    if not paths or not getattr(project.options, "commit", False):
        return
    from ..gitcommit import commit_files

    done, why = commit_files(project.docs_dir, paths, f"netlog: {what}")
    if not done:
        click.echo(f"netlog: note: not committed: {why}", err=True)
