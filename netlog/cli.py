"""The ``netlog`` command line: the Click group, and the command modules it registers.

The commands live in ``netlog/commands/``, one module per command family,
each listing its commands in ``COMMANDS``. Adding a command module is one
line in :data:`COMMAND_MODULES`. Exit codes: 0 fine, 1 the log has errors
(or warnings with ``--strict``) or a command failed, 2 a usage error.
"""

from __future__ import annotations

import click

from . import __version__, engine
from .commands import register
from .commands.common import CONTEXT, NetlogGroup, State


@click.group(context_settings=CONTEXT, cls=NetlogGroup)
@click.version_option(__version__, "--version", prog_name="netlog")
@click.option("-f", "--config-file", metavar="CONFIG", help="mkdocs.yml to use (default: the nearest "
              "one in this folder or a parent).")
@click.option("--engine", "engine_name", type=click.Choice(engine.CHOICES), envvar="NETLOG_ENGINE",
              show_envvar=True, help="What builds and serves the site: MkDocs, ProperDocs, or auto (the default: "
              "ProperDocs when installed, else MkDocs). See docs/toolchain.md.")
@click.pass_context
def main(ctx: click.Context, config_file: str | None, engine_name: str | None) -> None:
    """netlog: a plain-text personal networking log.

    Write one Markdown file per interaction, then check the log, see what
    follow-ups are due, and build a private site to browse your network.

    \b
    Example:
        netlog check && netlog due && netlog build
    """
    try:
        engine.select(engine_name)
        engine.current()  # before any command imports `mkdocs` (ProperDocs redirects those imports)
    except engine.EngineError as e:
        raise click.UsageError(str(e)) from None
    ctx.obj = State(config_file)


#: The modules of netlog/commands/ whose COMMANDS the group offers, one per line.
COMMAND_MODULES = (
    "check",
    "due",
    "audit",
    "path",  # warm routes to a person, org: or tag:
    "site",  # build, serve, render
    "authoring",  # init, new, person
    "imports",  # import vcard, import linkedin, import ics
    "capture",  # drafts, inbox
    "acting",  # done, snooze, merge, rename
    "agents",  # find, mcp
    "reminders",  # digest, review
)

for _module in COMMAND_MODULES:
    register(main, _module)
