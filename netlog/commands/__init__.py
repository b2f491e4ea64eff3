"""The command line, one module per command family; ``netlog.cli`` is the group.

Each module here is thin: it parses options, calls the library, prints, and
exits. It lists its Click commands in ``COMMANDS``; ``cli.py`` registers a
module with one line in ``COMMAND_MODULES``. What every command shares
(parameter types, ``--today``, finding and loading the project, printing
problems, turning library errors into Click's) is in :mod:`.common`.

Exit codes: 0 fine, 1 the log has errors (or warnings with ``--strict``) or a
command failed, 2 a usage error.
"""

from __future__ import annotations

import importlib

import click


def register(group: click.Group, module_name: str) -> None:
    """Add every command of ``netlog.commands.<module_name>`` (its ``COMMANDS``) to ``group``."""
    module = importlib.import_module(f"{__name__}.{module_name}")
    for command in module.COMMANDS:
        group.add_command(command)
