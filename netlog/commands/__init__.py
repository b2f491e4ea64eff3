"""The command line, one module per command family; ``netlog.cli`` is the group.

Each module here is thin: it parses options, calls the library, prints, and
exits. It lists its Click commands in ``COMMANDS``; ``cli.py`` registers a
module with one line in ``COMMAND_MODULES``, and the group (:mod:`.group`) imports it
only when one of its commands is needed. What every command shares
(parameter types, ``--today``, finding and loading the project, printing
problems, turning library errors into Click's) is in :mod:`.common`.

Exit codes: 0 fine, 1 the log has errors (or warnings with ``--strict``) or a
command failed, 2 a usage error.
"""
