"""Capture (docs/format.md §12): ways into the log that spare the typing.

Beside the read-only pipeline (config -> load -> follow-ups -> pages), these
modules turn other material into entries written exactly as ``netlog new``
writes them (``entrytext.entry_text``, ``entrytext.entry_stem``,
``userfiles.create_numbered``):

- ``ics``: an iCalendar export -> drafts in ``_drafts/`` (``netlog import ics``);
- ``mail``: an ``.eml``, an mbox or a Maildir -> drafts (``netlog import mail``);
- ``drafts``: list the drafts, check them, move the passing ones into ``<year>/``,
  discard the others into ``_drafts/discarded/``;
- ``inbox``: one line per interaction in ``_inbox.md`` -> entries;
- ``writing``: what they share: the ``source`` values already used, the
  entry text with extra keys, and checking entry texts as ``check`` does;
- ``vcard``, ``linkedin``: contacts exports -> people; ``contacts``: what the two
  share: matching the people already in the log, cutting values to fit, the
  person file (``netlog import vcard|linkedin``).

People are matched by ``people.PeopleIndex`` (refs; addresses with ``by_email``).
Each module is pure where it can be, returning ``(result, problems)``; the
Click commands that print and write are ``netlog import ...``
(``netlog/commands/imports.py``) and ``netlog drafts``/``inbox``
(``netlog/commands/capture.py``).
"""
