"""The docs keep up with the command line: every command is documented."""

from pathlib import Path

import click

from netlog.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _commands(group: click.Group, prefix: str = "netlog"):
    # through Click's API, not ``group.commands``: the netlog group imports a module when asked
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        full = f"{prefix} {name}"
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, full)
        else:
            yield full, cmd


def test_every_command_is_in_the_readme_and_the_command_reference():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    reference = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    commands = dict(_commands(main))
    assert len(commands) >= 11
    missing = [c for c in commands if f"`{c}" not in readme or c not in reference]
    assert not missing, f"commands missing from README.md or docs/commands.md: {missing}"


def test_every_command_has_help_with_an_example():
    for name, cmd in _commands(main):
        assert cmd.help and "Example" in cmd.help, f"{name} --help has no example"


def test_every_option_of_every_command_is_in_the_command_reference():
    reference = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    for name, cmd in _commands(main):
        for param in cmd.params:
            if isinstance(param, click.Option):
                assert any(opt in reference for opt in param.opts), f"{name} {param.opts} undocumented"
