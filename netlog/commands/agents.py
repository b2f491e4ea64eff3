"""``netlog find`` (search the log) and ``netlog mcp`` (the assistant's server), docs/format.md §14.

``find`` is a thin layer over :mod:`netlog.find`; ``mcp`` starts the Model
Context Protocol server of :mod:`netlog.mcpserver`, whose tools are in
:mod:`netlog.agent`. The MCP SDK is an optional extra (``netlog[mcp]``),
imported only when ``netlog mcp`` runs.
"""

from __future__ import annotations

import os

import click

from ..model import ERROR
from ..sanitize import for_terminal
from .common import load_project, report, today_option


@click.command("find")
@click.argument("text")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def find(ctx, text, fmt):
    """Find people and entries whose text contains TEXT (accents and case ignored).

    People match on name, aka, org, role, tags and notes; entries on title,
    outcome, tags, notes and the names of their `with` and `via` people.
    People come first, then entries newest first, each with where it
    matched (a match in the notes as PATH:LINE). Nothing found: nothing is
    printed and the exit status is 1.

    \b
    Examples:
        netlog find nunez
        netlog find "castellan wright" --format json
    """
    from .. import find as find_mod
    from ..views import json_text

    project = load_project(ctx)
    log, problems, lines = find_mod.load(project.docs_dir, project.options)
    errors = [p for p in problems if p.severity == ERROR]
    report(errors, project.docs_dir)
    try:
        found = find_mod.search(log, text, lines)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="TEXT") from None
    if not found:
        ctx.exit(1)
    if fmt == "json":
        click.echo(json_text(find_mod.to_json(found)))
    else:
        _print_found(found, project.docs_dir)
    if errors:
        ctx.exit(1)


def _where(docs_dir: str, path: str) -> str:
    return os.path.relpath(os.path.join(docs_dir, path))


def _print_found(found, docs_dir: str) -> None:
    # names, titles and notes come from the log: control characters as escapes (sanitize.py)
    for h in found.people:
        p = h.person
        where = _where(docs_dir, p.path) if p.path else "no person file"
        org = f", {p.org}" if p.org else ""
        click.echo(click.style(for_terminal(p.name), bold=True) + for_terminal(f"{org}  ({where})"))
        _print_matches(h.matches, where)
    for h in found.entries:
        e = h.entry
        where = _where(docs_dir, e.path)
        click.echo(for_terminal(f"{e.date.isoformat()}  {e.kind}  ") + click.style(for_terminal(e.title), bold=True)
                   + for_terminal(f"  ({where})"))
        _print_matches(h.matches, where)


def _print_matches(matches, where: str) -> None:
    for m in matches:
        if m.line is not None:
            click.echo(for_terminal(f"  {where}:{m.line}: {m.field}: {m.text}"))
        else:
            click.echo(for_terminal(f"  {m.field}: {m.text}"))


@click.command("mcp")
@today_option(help="The date the tools use")
@click.pass_context
def mcp(ctx, today):
    """Serve the log to an AI assistant (a Model Context Protocol server over stdio).

    Read tools: check, due, audit, path, find (each the JSON of the command
    of that name) and person. Write tools: draft_entry, which writes a draft
    into LOG/_drafts/ (refused, with the check lines, when it would not pass
    `netlog check`), and inbox_line, which appends a line to LOG/_inbox.md.
    Nothing else in the project is ever changed: drafts wait for your
    `netlog drafts --accept`. An MCP client starts it; it needs the optional
    SDK: pip install 'netlog[mcp]'.

    \b
    Example (an MCP client's config):
        {"mcpServers": {"netlog": {"command": "netlog", "args": ["mcp"], "cwd": "/path/to/my-network"}}}
    """
    from ..agent import Context

    try:
        from .. import mcpserver  # noqa: F401 - the SDK is checked below, before serving
        import mcp.server.lowlevel  # noqa: F401
    except ImportError:
        raise click.ClickException("netlog mcp needs the MCP SDK: pip install 'netlog[mcp]'") from None
    project = load_project(ctx)  # a missing or broken config ends here, before any client waits
    mcpserver.serve(Context(os.path.abspath(project.config_file), today))


COMMANDS = (find, mcp)
