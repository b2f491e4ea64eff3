"""Capture (SPEC section 10): ways into the log that spare the typing.

Beside the read-only pipeline (config -> load -> follow-ups -> pages), these
modules turn other material into entries written exactly as ``netlog new``
writes them (``authoring.entry_text``, ``authoring.create_numbered``):

- ``ics``: an iCalendar export -> drafts in ``_drafts/`` (``netlog import ics``);
- ``drafts``: list the drafts, check them, move the passing ones into ``<year>/``;
- ``inbox``: one line per interaction in ``_inbox.md`` -> entries;
- ``writing``: what the three share: the people and addresses of the log,
  the ``source`` values already used, and the entry text with extra keys.

Each module is pure where it can be, returning ``(result, problems)``; the
Click commands that print and write live in ``netlog/commands/capture.py``.
"""
