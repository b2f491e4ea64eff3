"""The ``netlog`` command line: a thin Click layer over the pipeline.

Only this module (and ``plugin.py``) turns problems into exit codes:
0 fine, 1 the log has errors (or warnings with ``--strict``) or a command
failed, 2 a usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass

import click

from . import __version__
from .dates import Offset, parse_offset, parse_today
from .model import ERROR, WARNING, Problem
from .report import display_path, format_problem

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


def load(ctx: click.Context):
    """(project, log, problems) for the current config; project and log are None on a config error."""
    from .config import read_project
    from .load import load_log

    project, problems = read_project(_config_path(ctx))
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
        click.echo(json.dumps([{"path": display_path(p, docs_dir, escape=False), "line": p.line,
                                "severity": p.severity, "message": p.message} for p in problems],
                              ensure_ascii=False, indent=2))
    else:
        report(problems, docs_dir, err=False)
        click.echo(check_summary(_log, problems), err=True)
    if failing(problems, strict):
        ctx.exit(1)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def check_summary(log, problems: list[Problem]) -> str:
    """SPEC section 8: ``<n> entries, <m> people: <e> errors, <w> warnings``."""
    entries = len(log.entries) if log is not None else 0
    people = len(log.people) if log is not None else 0
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = sum(1 for p in problems if p.severity == WARNING)
    return (f"{_count(entries, 'entry', 'entries')}, {_count(people, 'person', 'people')}: "
            f"{_count(errors, 'error', 'errors')}, {_count(warnings, 'warning', 'warnings')}")


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
    log, errors = load_for_reading(ctx)
    person = None
    if person_ref is not None:
        matches = [s for s, p in log.people.items()
                   if slugify(person_ref) in {s, slugify(p.name), *map(slugify, p.aka)}]
        if len(matches) != 1:
            what = "no person" if not matches else "more than one person"
            raise click.BadParameter(f"{what} matches {person_ref!r}", param_hint="--person")
        person = matches[0]
    computed = followups.compute(log, today, within)
    items = followups.select(computed, include_later=show_all, person=person)
    if fmt == "json":
        click.echo(json.dumps({"today": today.isoformat(), "items": [i.to_json() for i in items]},
                              ensure_ascii=False, indent=2))
    elif fmt == "ics":
        from .ics import to_ics

        click.echo(to_ics(items, today), nl=False)  # bytes: written to the binary stream
    else:
        _print_items(items, today)
        hidden = 0 if show_all else sum(1 for i in followups.select(computed, include_later=True, person=person)
                                         if i.status == "later")
        click.echo(due_count_line(len(items), hidden))
    if errors:
        ctx.exit(1)


def due_count_line(shown: int, hidden: int) -> str:
    """SPEC section 8: the last line of ``netlog due``: items shown, and `later` ones hidden."""
    line = f"{_count(shown, 'item', 'items')} shown"
    if hidden:
        return f"{line}; {_count(hidden, 'later item', 'later items')} hidden (--all shows them)."
    return f"{line}; none hidden."


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
        origin = f"  [{i.source}] {i.entry}" if i.entry else f"  [{i.source}]"
        click.echo(click.style(row, **_STATUS_STYLE[i.status]) + click.style(origin, dim=True))


# --------------------------------------------------------------------------- site commands


def _check_or_exit(ctx, problems, docs_dir, strict: bool) -> None:
    """Print the log's problems (stderr); exit 1 when they stop the command."""
    report(problems, docs_dir)
    if failing(problems, strict):
        n = sum(1 for p in problems if p.severity == ERROR)
        what = f"{n} error(s)" if n else "warnings (--strict)"
        click.echo(f"netlog: the log has {what}; nothing was built", err=True)
        ctx.exit(1)


@main.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too (netlog's and MkDocs').")
@today_option
@click.option("--share", is_flag=True, help="Leave out `private: true` entries and people.")
@click.option("-d", "--site-dir", metavar="SITE_DIR", help="Where to build (default: site_dir of the config).")
@click.pass_context
def build(ctx, strict, today, share, site_dir):
    """Check the log, then build the private site.

    Errors stop the build and leave the previous site as it was: the site is
    built into a temporary folder and swapped in only when it is complete.

    \b
    Examples:
        netlog build
        netlog build --today 2026-11-25 -d /tmp/site
        netlog build --share -d shared-site
    """
    from .progress import Progress
    from .sitebuild import BuildError, build_site

    project, log, problems = load(ctx)
    _check_or_exit(ctx, problems, project.docs_dir if project else None, strict)
    today = resolve_today(today)
    failure = None
    with Progress() as progress:  # a status line on a terminal when the build takes a while
        try:
            result = build_site(project, today=today, share=share, strict=strict, site_dir=site_dir, log=log,
                                progress=progress)
        except BuildError as e:
            failure = e
    if failure is not None:
        click.echo(f"netlog: build failed, the previous site is unchanged:\n{failure}", err=True)
        ctx.exit(1)
    for m in result.messages:
        click.echo(f"mkdocs: {m}", err=True)
    counts = {s: sum(1 for i in result.items if i.status == s) for s in ("overdue", "today", "upcoming")}
    shared = " (share copy: private entries and people left out)" if share else ""
    click.echo(f"Built {result.pages} pages into {os.path.relpath(result.site_dir)} in "
               f"{result.seconds:.1f}s{shared}.")
    click.echo(f"As of {today.isoformat()}: {counts['overdue']} overdue, {counts['today']} due today, "
               f"{counts['upcoming']} upcoming ({len(result.items)} open item{'' if len(result.items) == 1 else 's'}).")


class DevAddrType(click.ParamType):
    name = "HOST:PORT"

    def convert(self, value, param, ctx):
        from .preview import AddressError, parse_dev_addr

        if isinstance(value, tuple):
            return value
        try:
            return parse_dev_addr(value)
        except AddressError as e:
            self.fail(str(e), param, ctx)


@main.command()
@click.option("-a", "--dev-addr", type=DevAddrType(), metavar="HOST:PORT", default="127.0.0.1:8000",
              show_default=True, help="Where to listen. Keep 127.0.0.1 unless you mean to share the site.")
@today_option
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.pass_context
def serve(ctx, dev_addr, today, open_browser):
    """Preview the site with live reload; a change re-renders only the pages it touches.

    The address is checked before anything is built. While the log has
    errors, every page shows them (and the terminal too) until they are fixed.

    \b
    Example:
        netlog serve
        netlog serve --dev-addr 127.0.0.1:8080
    """
    from . import preview
    from .config import read_project

    host, port = dev_addr
    try:
        server, site_dir = preview.bind(host, port)
    except OSError as e:
        raise click.ClickException(preview.address_message(host, port, e)) from None
    shown = f"[{host}]" if ":" in host else host
    if not preview.is_loopback(host):
        click.echo(f"netlog: warning: listening on {host}: other machines can read your log", err=True)
    project, problems = read_project(_config_path(ctx))
    if project is None:
        import shutil

        server.server_close()
        shutil.rmtree(site_dir, ignore_errors=True)
        report(problems, None)
        ctx.exit(1)
    messages: list[str] = []
    from .sitebuild import quiet_mkdocs

    terminal = preview.Terminal(say=lambda line: click.echo(line, err=True),
                                problem=lambda line: click.echo(line, err=True))
    with quiet_mkdocs(messages):
        logging_to_terminal()
        preview.serve(server, site_dir, project, resolve_today(today), terminal,
                      url=f"http://{shown}:{port}/", open_browser=open_browser)


def logging_to_terminal() -> None:
    """While serving, show MkDocs' warnings (broken pages, rebuild errors) as they come,
    and one line per rebuild."""
    import logging

    class Echo(logging.Handler):
        def emit(self, record):
            message = record.getMessage()
            if record.levelno >= logging.WARNING:
                click.echo(f"{record.levelname.lower()}: {message}", err=True)
            elif message.startswith("Documentation built in"):
                click.echo(f"Site built in {message[len('Documentation built in '):]}", err=True)

    logger = logging.getLogger("mkdocs")
    logger.addHandler(Echo(logging.INFO))
    logger.setLevel(logging.INFO)


@main.command()
@click.argument("out_dir", metavar="DIR")
@today_option
@click.option("--share", is_flag=True, help="Leave out `private: true` entries and people.")
@click.pass_context
def render(ctx, out_dir, today, share):
    """Write every page of the site as Markdown files into DIR.

    The pages are the ones the plugin hands MkDocs (generated pages, entry
    pages with their headers, person pages), plus follow-ups.ics: inspect
    them, diff them, or render them with another MkDocs-compatible tool.
    DIR must be new, empty, or an earlier render.

    \b
    Example:
        netlog render /tmp/pages --today 2026-11-25
    """
    from .pages import build_pages
    from .share import share_view
    from .sitebuild import BuildError, render_pages

    project, log, problems = load(ctx)
    _check_or_exit(ctx, problems, project.docs_dir if project else None, strict=False)
    if share:
        log = share_view(log)
    site = build_pages(log, resolve_today(today), directory_urls=project.directory_urls)
    try:
        n = render_pages(site, out_dir, project.docs_dir, os.path.dirname(project.config_file))
    except BuildError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"Wrote {n} files into {out_dir}.")


@main.command()
@today_option
@click.pass_context
def audit(ctx, today):
    """Print the audit's findings, most urgent first.

    Overdue rule and thanks items, one-sided ties, dormant people, people
    never contacted, people with no cadence.

    \b
    Example:
        netlog audit --today 2026-11-25
    """
    from . import audit as audit_mod
    from . import followups

    today = resolve_today(today)
    log, errors = load_for_reading(ctx)
    items = followups.compute_all(log, today)
    contacts = audit_mod.contacts(log, today, items)
    a = audit_mod.audit(log, today, items, contacts)
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
            click.echo(f"  {line}")
    if errors:
        ctx.exit(1)


# --------------------------------------------------------------------------- authoring and imports
# (defined in their own modules, which take the helpers above when a command runs)

from .authoring import add_person_completion, init, new, person  # noqa: E402
from .imports import import_group  # noqa: E402

for _command in (init, new, person, import_group):
    main.add_command(_command)
add_person_completion(due, "person_ref")
