"""``netlog build``, ``serve`` and ``render``: the site, from a checked log."""

from __future__ import annotations

import logging
import os

import click

from .common import boundary, check_or_exit, load, resolve_today, today_option


@click.command()
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
    from ..errors import BuildError
    from ..sitebuild import build_site

    project, log, problems = load(ctx)
    check_or_exit(ctx, problems, project.docs_dir if project else None, strict)
    today = resolve_today(today)
    try:
        result = build_site(project, today=today, share=share, strict=strict, site_dir=site_dir, log=log)
    except BuildError as e:
        click.echo(f"netlog: build failed, the previous site is unchanged:\n{e}", err=True)
        ctx.exit(1)
    for m in result.messages:
        click.echo(f"mkdocs: {m}", err=True)
    counts = {s: sum(1 for i in result.items if i.status == s) for s in ("overdue", "today", "upcoming")}
    shared = " (share copy: private entries and people left out)" if share else ""
    click.echo(f"Built {result.pages} pages into {os.path.relpath(result.site_dir)} in "
               f"{result.seconds:.1f}s{shared}.")
    click.echo(f"As of {today.isoformat()}: {counts['overdue']} overdue, {counts['today']} due today, "
               f"{counts['upcoming']} upcoming ({len(result.items)} open item{'' if len(result.items) == 1 else 's'}).")


@click.command()
@click.option("-a", "--dev-addr", metavar="HOST:PORT", default="127.0.0.1:8000", show_default=True,
              help="Where to listen. Keep 127.0.0.1 unless you mean to share the site.")
@today_option
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.pass_context
def serve(ctx, dev_addr, today, open_browser):
    """Preview the site with live reload (rebuilds when a file of the log changes).

    \b
    Example:
        netlog serve
        netlog serve --dev-addr 127.0.0.1:8080
    """
    from mkdocs.commands import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    from ..dates import TODAY_ENV
    from ..mkdocs_log import captured, forward

    project, _log, problems = load(ctx)
    check_or_exit(ctx, problems, project.docs_dir if project else None, strict=False)
    if today is not None:
        # the server reloads the config on every rebuild; the plugin reads the date from here
        os.environ[TODAY_ENV] = today.isoformat()
    host = dev_addr.rsplit(":", 1)[0]
    click.echo(f"Serving {os.path.relpath(project.docs_dir)} on http://{dev_addr}/ (Ctrl+C stops)")
    if host not in ("127.0.0.1", "localhost", "::1", "[::1]"):
        click.echo(f"netlog: warning: listening on {host}: other machines can read your log", err=True)
    messages: list[str] = []
    try:
        with captured(messages):
            forward(_to_terminal)
            mkdocs_serve.serve(project.config_file, dev_addr=dev_addr, open_in_browser=open_browser,
                               livereload=True)
    except MkDocsException as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:
        raise click.ClickException(f"cannot serve on {dev_addr}: {e.strerror or e}") from None


def _to_terminal(level: int, message: str) -> None:
    """While serving: MkDocs' warnings (broken pages, rebuild errors) as they come, and one
    line per rebuild."""
    if level >= logging.WARNING:
        click.echo(f"{logging.getLevelName(level).lower()}: {message}", err=True)
    elif message.startswith("Documentation built in"):
        click.echo(f"Site built in {message[len('Documentation built in '):]}", err=True)


@click.command()
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
    from ..pages import build_pages
    from ..share import share_view
    from ..sitebuild import render_pages

    project, log, problems = load(ctx)
    check_or_exit(ctx, problems, project.docs_dir if project else None, strict=False)
    if share:
        log = share_view(log)
    site = build_pages(log, resolve_today(today), directory_urls=project.directory_urls)
    with boundary():
        n = render_pages(site, out_dir, project.docs_dir, os.path.dirname(project.config_file))
    click.echo(f"Wrote {n} files into {out_dir}.")


COMMANDS = (build, serve, render)
