"""The ``netlog`` command line: the Click group, and the command modules it registers.

The commands live in ``netlog/commands/``, one module per command family,
each listing its commands in ``COMMANDS``. Adding a command module is one
line in :data:`COMMAND_MODULES` (and ``python -m netlog.cli`` to list it in
``netlog --help`` without importing it: commands/group.py). Exit codes: 0 fine, 1 the log has errors
(or warnings with ``--strict``) or a command failed, 2 a usage error.
"""

from __future__ import annotations

import atexit
import gc

# Start-up (issue 27): what is imported here (Click, the group) lives as long as the process.
# The cycle collector stays off while it loads and it is then frozen out of the collector's
# reach (the end of this module), so no collection walks it again: about 2 ms of every command.
_COLLECTING = gc.isenabled()
gc.disable()

import click  # noqa: E402

from . import __version__, engine  # noqa: E402
from .commands.group import CONTEXT, LazyGroup, State  # noqa: E402
from .commands.index import INDEX  # noqa: E402


@click.group(context_settings=CONTEXT, cls=LazyGroup)
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
    if plain_terminal():
        ctx.color = False  # every command's styles (bold, colours) left out


def plain_terminal() -> bool:
    """True when the user asked for no colours or styles: ``NO_COLOR`` set (no-color.org) or
    ``TERM=dumb``. Without either, Click styles output to a terminal only."""
    import os

    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


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

# each module is imported when one of its commands is needed (commands/group.py: start-up)
main.modules = COMMAND_MODULES
main.index = INDEX

# A command is the whole process: at exit, the cycle collector need not walk every object of
# the modules and the log again (Python collects while it shuts down), as the plugin freezes
# the log for a build. About 5 ms of `netlog check` and 4 ms of `netlog --version` (start-up,
# issue 27). Only garbage in reference cycles is affected (left to the end of the process
# instead of finalised): netlog closes its own files (`with`, safeio) and streams are flushed
# at exit as before.
atexit.register(gc.freeze)

gc.freeze()  # the modules loaded so far (see the top of this module)
if _COLLECTING:
    gc.enable()


def write_index() -> str:
    """Write ``commands/index.py`` (what ``netlog --help`` lists without importing the command
    modules) anew from :data:`COMMAND_MODULES`; its path. Run ``python -m netlog.cli`` after
    adding a command module or changing a command's first help paragraph."""
    from .commands.group import write_index as write

    return write(COMMAND_MODULES)


if __name__ == "__main__":
    print(write_index())
