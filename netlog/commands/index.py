"""What ``netlog --help`` lists of each command module, without importing it (issue 27).

Written by ``python -m netlog.cli`` from the modules of ``cli.COMMAND_MODULES``
(:func:`netlog.commands.group.write_index`); tests/test_startup.py checks it matches them. A
module missing here is imported to be listed, so after adding a command module or changing
a command's first help paragraph, run that command again.
"""

from __future__ import annotations

INDEX: dict[str, tuple] = {
    'check': (
        ('check', 'Check every file of the log; print problems as PATH:LINE: SEVERITY: MESSAGE.', None, False, False),
    ),
    'due': (
        ('due', 'List open follow-ups: overdue, due today and upcoming.', None, False, False),
    ),
    'audit': (
        ('audit', 'Print the network audit, each finding with a next step.', None, False, False),
    ),
    'path': (
        ('path', 'Find warm routes to TARGET: a person, org:NAME or tag:NAME.', None, False, False),
    ),
    'site': (
        ('build', 'Check the log, then build the private site.', None, False, False),
        ('serve', 'Preview the site with live reload; a change re-renders only the pages it touches.', None, False, False),
        ('render', 'Write the site as a folder that builds without netlog: DIR/mkdocs.yml and DIR/docs/.', None, False, False),
    ),
    'authoring': (
        ('init', 'Start a new log in DIR (default: the current folder).', None, False, False),
        ('new', 'Write a new entry of KIND from a template and print its path.', None, False, False),
        ('person', 'Write a new person file LOG/people/<slug>.md and print its path.', None, False, False),
    ),
    'imports': (
        ('import', 'Write person files from contacts (vCard, LinkedIn), or drafts from a calendar (ics) or mail.', None, False, False),
    ),
    'capture': (
        ('drafts', 'List the drafts in LOG/_drafts/, or accept or discard them.', None, False, False),
        ('inbox', 'Turn each line of the inbox (default LOG/_inbox.md) into an entry.', None, False, False),
    ),
    'acting': (
        ('done', "Record REF's open follow-ups done: write the entry that closes them.", None, False, False),
        ('snooze', 'Make the items of a person or an entry wait: set its `snooze` date.', None, False, False),
        ('merge', 'Merge person FROM into person INTO (one person in the log twice).', None, False, False),
        ('rename', 'Rename person REF to NEW_NAME: the file moves to people/<slug>.md.', None, False, False),
    ),
    'agents': (
        ('find', 'Find people and entries whose text contains TEXT (accents and case ignored).', None, False, False),
        ('mcp', 'Serve the log to an AI assistant (a Model Context Protocol server over stdio).', None, False, False),
    ),
    'reminders': (
        ('digest', "Today's short list: overdue and today's items, upcoming count, birthdays, people worth\n    reconnecting, drafts and inbox lines waiting, the weekly streak, days since the last review.", None, False, False),
        ('review', 'Review your network, one item at a time, in the terminal.', None, False, False),
    ),
}

