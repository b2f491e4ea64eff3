"""The ``netlog`` command line: the Click group, and the command modules it registers.

The commands live in ``netlog/commands/``, one module per command family,
each listing its commands in ``COMMANDS``. Adding a command module is one
line in :data:`COMMAND_MODULES`. Exit codes: 0 fine, 1 the log has errors
(or warnings with ``--strict``) or a command failed, 2 a usage error.
"""

from __future__ import annotations

import click

from . import __version__
from .commands import register
from .commands.common import CONTEXT, State


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
)

for _module in COMMAND_MODULES:
    register(main, _module)
