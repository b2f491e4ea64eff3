"""The ``netlog`` group's machinery, light enough to load before any command (issue 27).

``netlog --version`` and ``netlog --help`` should cost little more than starting Python and
Click, and ``netlog check`` should not pay for the modules of ``build`` or ``import``. So the
group (:class:`LazyGroup`) knows its command modules by name (``cli.COMMAND_MODULES``) and
imports one only when one of its commands runs, is completed or is shown in its own
``--help``. What ``netlog --help`` lists (each command's name and first help paragraph)
comes from :data:`netlog.commands.index.INDEX`, written from the modules themselves by
``python -m netlog.cli`` (a test checks it matches them); a module missing from
the index (one added since) is imported to be listed, so the index can only be late, never
wrong about which commands exist.

It imports nothing of the library but :mod:`netlog.errors`: :func:`boundary` (every
command's, re-exported by :mod:`.common`) lives here because the group itself runs inside it.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
from dataclasses import dataclass

import click

from ..errors import ConfigMissing, NetlogError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@dataclass(slots=True)
class State:
    """The group's options, for every command (``ctx.obj``)."""

    config_file: str | None


@contextlib.contextmanager
def boundary(action: str = "write", after: str = ""):
    """Turn :mod:`netlog.errors` into Click's: a usage error exits 2, any other 1. An OSError
    (a full disk, a read-only folder) is one line, ``cannot ACTION PATH: REASON`` and ``after``
    (``"; nothing was written"``)."""
    try:
        yield
    except ConfigMissing as e:
        raise click.UsageError(str(e)) from None
    except NetlogError as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:
        if e.errno == errno.EPIPE:  # `netlog due | head`: Click handles a closed pipe
            raise
        from .. import safeio

        raise click.ClickException(safeio.message(e, action) + after) from None


class NetlogGroup(click.Group):
    """The ``netlog`` group: whatever a command leaves unhandled of :func:`boundary`'s
    errors ends it with one line (exit 1), never a traceback."""

    def invoke(self, ctx: click.Context):
        with boundary("read or write"):
            return super().invoke(ctx)


def module_commands(module_name: str) -> tuple[click.Command, ...]:
    """The Click commands of ``netlog.commands.<module_name>`` (its ``COMMANDS``), importing it."""
    return tuple(importlib.import_module(f"{__package__}.{module_name}").COMMANDS)


class LazyGroup(NetlogGroup):
    """A :class:`NetlogGroup` whose commands live in ``netlog.commands.<module>`` for each name
    of ``modules`` (in order; a later module's command of the same name would win, as with
    ``add_command``), imported when first needed. ``index`` maps a module name to its
    commands as :func:`entries` gives them."""

    def __init__(self, *args, modules: tuple[str, ...] = (), index: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.modules = tuple(modules)
        self.index = index or {}
        self._loaded: set[str] = set()
        self._listing = False

    def load(self, module_name: str) -> None:
        """Register the commands of one module (once)."""
        if module_name not in self._loaded:
            self._loaded.add(module_name)
            for command in module_commands(module_name):
                self.add_command(command)

    def _known(self, module_name: str) -> tuple:
        """The index's entries of a module not loaded yet; () when it is loaded, None when the
        index does not know it."""
        return () if module_name in self._loaded else self.index.get(module_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = set()
        for module_name in self.modules:
            known = self._known(module_name)
            if known is None:
                self.load(module_name)
            else:
                names.update(entry[0] for entry in known)
        return sorted(names | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            owners = [m for m in self.modules if any(entry[0] == cmd_name for entry in self._known(m) or ())]
            if owners and self._listing:  # netlog --help: the row, without the module
                name, text, short_help, hidden, deprecated = next(
                    entry for entry in self.index[owners[-1]] if entry[0] == cmd_name)
                return click.Command(name, help=text, short_help=short_help, hidden=hidden, deprecated=deprecated)
            # the module the index names, else every module it does not know, in order
            for module_name in owners or [m for m in self.modules if self._known(m) is None]:
                self.load(module_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Click's table of commands, its rows made from the index for modules not loaded."""
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False


def entries(module_name: str) -> tuple[tuple[str, str, str | None, bool, bool | str], ...]:
    """``((name, help, short_help, hidden, deprecated), ...)`` of a module's commands, for the
    index: what Click's table of commands reads of each (of the help, its first paragraph)."""
    return tuple((command.name, (command.help or "").partition("\n\n")[0], command.short_help,
                  bool(command.hidden), command.deprecated)
                 for command in module_commands(module_name))


def write_index(modules: tuple[str, ...]) -> str:
    """Write ``index.py`` (beside this module) anew from the command modules ``modules``: each
    one's :func:`entries`. Its path."""
    from pathlib import Path

    index = {name: entries(name) for name in modules}
    path = Path(__file__).with_name("index.py")
    head, _old, tail = path.read_text(encoding="utf-8").partition("\nINDEX: dict[str, tuple] = ")
    body = "{\n" + "".join(f"    {name!r}: (\n" + "".join(f"        {entry!r},\n" for entry in rows) + "    ),\n"
                           for name, rows in index.items()) + "}"
    rest = tail[tail.index("\n}") + 2:] if "\n}" in tail else ""
    path.write_text(f"{head}\nINDEX: dict[str, tuple] = {body}{rest}", encoding="utf-8")
    return str(path)
