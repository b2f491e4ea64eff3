"""Capture (docs/format.md §12): ways into the log that spare the typing.

Beside the read-only pipeline (config -> load -> follow-ups -> pages), these
modules turn other material into entries written exactly as ``netlog new``
writes them (``entrytext.entry_text``, ``entrytext.entry_stem``,
``userfiles.create_numbered``):

- ``ics``: an iCalendar export -> drafts in ``_drafts/`` (``netlog import ics``);
- ``drafts``: list the drafts, check them, move the passing ones into ``<year>/``;
- ``inbox``: one line per interaction in ``_inbox.md`` -> entries;
- ``writing``: what the three share: the ``source`` values already used, the
  entry text with extra keys, and checking entry texts as ``check`` does.

People are matched by ``people.PeopleIndex`` (refs; addresses with ``by_email``).
Each module is pure where it can be, returning ``(result, problems)``; the
Click commands that print and write are ``netlog import ics``
(``netlog/commands/imports.py``) and ``netlog drafts``/``inbox``
(``netlog/commands/capture.py``).
"""
