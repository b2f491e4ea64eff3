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

import contextlib
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


class DayType(DateType):
    """``new --date``: a date YYYY-MM-DD, or ``today`` or ``yesterday`` as the inbox takes them
    (docs/format.md §12), counted from NETLOG_TODAY when it is set."""

    name = "YYYY-MM-DD|today|yesterday"

    def convert(self, value, param, ctx):
        word = str(value).strip().lower() if not isinstance(value, dt.date) else ""
        if word in ("today", "yesterday"):
            try:
                day = _resolve_today(None)
            except ValueError as e:
                self.fail(f"{TODAY_ENV}: {e}", param, ctx)
            return day - dt.timedelta(days=1) if word == "yesterday" else day
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as e:
            self.fail(f"{e.message}, today or yesterday", param, ctx)


DATE = DateType()
DAY = DayType()
OFFSET = OffsetType()
DATE_OR_OFFSET = DateOrOffsetType()


def today_option(f=None, *, name: str = "--today", help: str = "The date to compute against",
                 type: click.ParamType = DATE):
    """``--today`` (or ``name``), else NETLOG_TODAY, else the local date (see :func:`resolve_today`).

    NETLOG_TODAY is read by :func:`resolve_today`, not by Click: Click would name the
    variable in every error about the option, set or not.
    """

    def decorate(func):
        return click.option(name, type=type, help=f"{help} (default: {TODAY_ENV}, else today).")(func)

    return decorate(f) if f is not None else decorate


def resolve_today(value: dt.date | None) -> dt.date:
    """The value of a :func:`today_option`: itself, else NETLOG_TODAY, else today; a usage
    error naming NETLOG_TODAY when that is not a date."""
    try:
        return _resolve_today(value)
    except ValueError as e:
        raise click.UsageError(f"{TODAY_ENV}: {e}") from None


# --------------------------------------------------------------------------- the boundary


@contextlib.contextmanager
def writer_lock(folder: str, what: str):
    """Hold the writer lock on ``folder`` (:func:`netlog.lock.held`) for command ``what``, saying
    on stderr when it waits for another command; :class:`netlog.lock.Busy` (one line, exit 1
    at the boundary) when that one does not finish in time."""
    from ..lock import held

    with held(folder, what, say=lambda message: click.echo(message, err=True)):
        yield


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


#: Editors tried, in order, when neither $VISUAL nor $EDITOR is set: the system's choice
#: (Debian's `editor`), then the easiest to leave; vi last.
FALLBACK_EDITORS = ("editor", "nano", "vi")


def open_in_editor(path: str, edit: bool) -> None:
    """Open ``path`` in $VISUAL or $EDITOR, only when asked and run from a terminal.

    Nothing opens when stdin or stdout is not a terminal (a script, a pipe,
    ``$(netlog new ...)``). When neither variable is set, the first of
    :data:`FALLBACK_EDITORS` on the PATH opens it, with a note saying which and
    how to choose; with none of them, a note says how to set EDITOR (the file is
    written either way).
    """
    if not edit or not interactive():
        return
    editor = None
    if not (os.environ.get("VISUAL") or os.environ.get("EDITOR")):
        import shutil  # only to find an editor (start-up, issue 27)

        editor = next((name for name in FALLBACK_EDITORS if shutil.which(name)), None)
        how = "set EDITOR to choose, e.g. `export EDITOR=nano` in your shell's profile"
        if editor is None:
            click.echo(f"netlog: note: $VISUAL and $EDITOR are not set, so nothing opened {shown(path)}; {how}",
                       err=True)
            return
        click.echo(f"netlog: note: $VISUAL and $EDITOR are not set; opening {editor} ({how})", err=True)
    try:
        click.edit(filename=path, editor=editor)
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
