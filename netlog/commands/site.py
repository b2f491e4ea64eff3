"""``netlog build``, ``serve`` and ``render``: the site, from a checked log."""

from __future__ import annotations

import logging
import os

import click

from ..report import shown
from .common import boundary, check_or_exit, config_path, load, report, resolve_today, today_option


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
    from ..progress import Progress
    from ..sitebuild import build_site

    project, log, problems = load(ctx)
    check_or_exit(ctx, problems, project.docs_dir if project else None, strict)
    today = resolve_today(today)
    failure = None
    with Progress() as progress:  # a status line on a terminal when the build takes a while
        try:
            result = build_site(project, today=today, share=share, strict=strict, site_dir=site_dir, log=log,
                                progress=progress, say=lambda line: click.echo(line, err=True))
        except BuildError as e:
            failure = e
    if failure is not None:
        click.echo(f"netlog: build failed, the previous site is unchanged:\n{failure}", err=True)
        ctx.exit(1)
    for m in result.messages:
        click.echo(f"mkdocs: {m}", err=True)
    counts = {s: sum(1 for i in result.items if i.status == s) for s in ("overdue", "today", "upcoming")}
    shared = " (share copy: private entries and people left out)" if share else ""
    click.echo(f"Built {result.pages} pages into {shown(result.site_dir)} in "
               f"{result.seconds:.1f}s{shared}.")
    click.echo(f"As of {today.isoformat()}: {counts['overdue']} overdue, {counts['today']} due today, "
               f"{counts['upcoming']} upcoming ({len(result.items)} open item{'' if len(result.items) == 1 else 's'}).")


class DevAddrType(click.ParamType):
    """``--dev-addr``: HOST:PORT (``[::1]:8000`` for IPv6), a port from 1 to 65535."""

    name = "HOST:PORT"

    def convert(self, value, param, ctx):
        from ..serve.access import AddressError, parse_dev_addr

        if isinstance(value, tuple):
            return value
        try:
            return parse_dev_addr(value)
        except AddressError as e:
            self.fail(str(e), param, ctx)


@click.command()
@click.option("-a", "--dev-addr", type=DevAddrType(), metavar="HOST:PORT", default="127.0.0.1:8000",
              show_default=True, help="Where to listen. Keep 127.0.0.1 unless you mean to share the site.")
@today_option
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.option("--lan", is_flag=True,
              help="For a phone on the same network: listen on all interfaces (or --dev-addr's host), "
                   "behind a key printed with a QR code.")
@click.pass_context
def serve(ctx, dev_addr, today, open_browser, lan):
    """Preview the site with live reload; a change re-renders only the pages it touches.

    The address is checked before anything is built. While the log has
    errors, every page shows them (and the terminal too) until they are fixed.

    \b
    Example:
        netlog serve
        netlog serve --dev-addr 127.0.0.1:8080
        netlog serve --lan
    """
    import secrets
    import shutil

    from ..serve import access, loop
    from ..serve import server as preview_server
    from ..config import read_project
    from ..mkdocs_log import captured, forward

    config_file = config_path(ctx)
    today = resolve_today(today)
    host, port = dev_addr
    secret = secrets.token_urlsafe(32)  # the actions' per-run secret (docs/commands.md)
    key = None
    rules: tuple = (access.SameOriginRule(), access.SecretRule(secret))
    if lan:
        if ctx.get_parameter_source("dev_addr") is click.core.ParameterSource.DEFAULT:
            host = "0.0.0.0"
        key = secrets.token_urlsafe(24)  # 192 bits
        rules = (access.LanKeyRule(key), *rules)
    try:
        server, site_dir = preview_server.bind(host, port, access=access.AllOf(rules) if lan else None)
    except OSError as e:
        raise click.ClickException(access.address_message(host, port, e)) from None
    if not lan:
        server.access = access.AllOf((server.access, *rules))
    if not lan and not preview_server.bound_loopback(server):
        click.echo(f"netlog: warning: listening on {host}: other machines can read your log", err=True)
    project, problems = read_project(config_file)
    if project is None:
        server.server_close()
        shutil.rmtree(site_dir, ignore_errors=True)
        report(problems, None)
        ctx.exit(1)
    terminal = loop.Terminal(say=lambda line: click.echo(line, err=True),
                                problem=lambda line: click.echo(line, err=True))
    port = server.socket.getsockname()[1]
    where = f"[{host}]" if ":" in host else host
    url = f"http://{where}:{port}/"
    if lan:
        from ..serve.lan import lan_url, qr_text

        url = lan_url(host, port, key)
        click.echo("netlog: --lan: anyone on this network with this address (or its QR code) can read "
                   "and change your log; Ctrl+C stops it", err=True)
        click.echo(f"Open {url} on your phone, or scan:", err=True)
        click.echo(qr_text(url), err=True)

    def setup(preview) -> None:
        from ..serve.actions import Actions

        Actions(preview, secret=secret, manifest=True).install(server)

    messages: list[str] = []
    with captured(messages):
        forward(_to_terminal)
        loop.serve(server, site_dir, project, today, terminal, url=url, open_browser=open_browser,
                   setup=setup)


def _to_terminal(level: int, message: str) -> None:
    """While serving: the engine's warnings (broken pages, rebuild errors) as they come, and one
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
    """Write the site as a folder that builds without netlog: DIR/mkdocs.yml and DIR/docs/.

    DIR/docs holds every page the plugin hands MkDocs (generated pages, entry
    pages with their headers, person pages) as Markdown, follow-ups.ics and
    netlog's assets; DIR/mkdocs.yml builds them with plain Material (search,
    tags, the robots tag, nothing loaded from outside): `mkdocs build -f
    DIR/mkdocs.yml`. DIR must be new, empty, or an earlier render, whose files
    are replaced (and removed when no longer written).

    \b
    Example:
        netlog render /tmp/pages --today 2026-11-25
        mkdocs build -f /tmp/pages/mkdocs.yml
    """
    from ..neutral import render as render_neutral
    from ..pages import build_pages
    from ..share import share_view

    project, log, problems = load(ctx)
    check_or_exit(ctx, problems, project.docs_dir if project else None, strict=False)
    if share:
        log = share_view(log)
    site = build_pages(log, resolve_today(today), directory_urls=project.directory_urls)
    with boundary():
        done = render_neutral(site, out_dir, project)
    for note in done.notes:
        click.echo(f"netlog: note: {note}", err=True)
    removed = f", removed {len(done.removed)} an earlier render wrote" if done.removed else ""
    click.echo(f"Wrote {done.written} files into {out_dir}{removed}. Build them without netlog: "
               f"mkdocs build -f {done.config}")


COMMANDS = (build, serve, render)
