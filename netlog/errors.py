"""The typed errors of netlog's library, all in one place.

Library functions raise these and never exit; only the command layer
(``netlog/commands/``) turns them into Click exceptions and exit codes, and
only the plugin turns them into MkDocs errors. Problems *in the log* are not
errors: they are :class:`~netlog.model.Problem` values (docs/format.md §10).
"""

from __future__ import annotations


class NetlogError(Exception):
    """Base class: an operation could not be done; ``str(e)`` says why, for a person."""


class ConfigNotFound(NetlogError):
    """No mkdocs.yml in the folder or any parent (and none given with ``-f``)."""


class ConfigMissing(NetlogError):
    """The config file given with ``-f`` does not exist (a usage error)."""


class BuildError(NetlogError):
    """A build or render that could not run or did not finish; the message says why."""


class OptionError(NetlogError, ValueError):
    """A netlog plugin option's value is not valid (docs/format.md §7); the message says why."""


class OutsideCalendar(NetlogError, OverflowError):
    """Date arithmetic that lands past 9999-12-31 (docs/format.md §4)."""


class PersonExists(NetlogError):
    """A person file, or someone claiming the name's slug form, is already in the log."""

    def __init__(self, where: str, how: str | None = None):
        super().__init__(where, how)
        self.where = where  # the file, relative to the current folder
        self.how = how  # None: the file itself exists; else "name 'X'" or "aka 'Y'"


class ReservedName(NetlogError, ValueError):
    """A name whose person file would sit at a generated page's path (``people/index.md``)."""


class Unreadable(NetlogError):
    """A whole contacts file cannot be read as contacts; the message says why."""


class UnknownTarget(NetlogError, ValueError):
    """A ``netlog path`` target that names no one (or a ref naming several people); the message
    says why and suggests (docs/format.md §11)."""


class UnknownCode(NetlogError, ValueError):
    """A problem code (``check --only/--ignore``) that no check has; the message suggests one."""
