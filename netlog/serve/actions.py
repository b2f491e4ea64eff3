"""The preview as a place to act: Done, Snooze, Log, Drafts and Undo in ``netlog serve`` (docs/commands.md).

Served pages only: :meth:`Actions.decorate` adds the forms to each page as the server sends it
(``PreviewServer.decorate``); the site folder, like ``netlog build`` and ``render``, holds no
form, secret or script. What it adds:

- beside every open item with a person (its ``data-nl-item`` mark, ``pages.parts.item_mark``,
  on the dashboard, the follow-ups page and person pages): **Done** (the kind the item calls
  for preset, ``acting.closing_kind``; a note) and **Snooze** (a day, a week, a month, a date;
  an item from an entry snoozes the entry, a cadence or birthday item the person);
- on the dashboard and each person page, **Log** (kind, with, via, date, title, notes,
  follow-up; the kinds most used first, people completed from the log by a ``<datalist>``)
  and a link to the **Drafts** page (``/_netlog/drafts/``, made by the server) with Accept
  and Discard;
- after an action, a line saying what it wrote (the path) with **Undo**, on every page
  until the next action; a refused action's message (and a refused Log form, filled in as
  it was sent) only on the page its redirect leads to (``?nl=<number of the action>``), so a
  later visit, another browser or a reload of another page starts clean.

Every action is an HTML form posted with ``method=post`` carrying the run's secret
(``access.SecretRule``) and answered with a redirect back (POST/redirect/GET); no script is
needed. Each writes through the library function of the command of the same name
(``acting.plan_done`` and ``write_done``, ``plan_snooze`` and ``apply_snooze``,
``entrytext.entry_text`` and ``acting.write_checked`` as ``netlog new``,
``capture.drafts.accept`` and ``discard``), commits what it wrote with ``commit: true``, then
updates the site before it answers, so the page the redirect shows is already up to date.
Undo reverts the session's last action while every file it touched is still byte for byte as
netlog left it (else it refuses, saying so).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import secrets
import threading
from collections import Counter
from dataclasses import dataclass

from markupsafe import escape

from .access import SECRET_FIELD, form_fields
from .server import Response

#: Where the actions answer (POST) and the server's own pages are (GET).
PREFIX = "/_netlog/"
DRAFTS_PAGE = PREFIX + "drafts/"
MANIFEST = PREFIX + "manifest.webmanifest"
ICON = PREFIX + "icon.svg"
#: PNG icons (phones that pin a site want a bitmap: iOS's touch icon, Android's launcher)
PNG_ICONS = {PREFIX + "icon-192.png": 192, PREFIX + "icon-512.png": 512}

#: The query parameter of a refused action's redirect: the action's number (:meth:`Actions._result_for`).
SHOWN = "nl"

#: Snooze's quick choices: (form value, label).
SNOOZE_CHOICES = (("1d", "A day"), ("1w", "A week"), ("1m", "A month"))

#: Every piece the preview adds to a page is between these (tests strip them to compare a
#: served page with ``netlog build``'s).
OPEN, CLOSE = b"<!--netlog-serve-->", b"<!--/netlog-serve-->"
_MARK = re.compile(rb'(<(p|span) class="nl-action" data-nl-item="([^"]+)">.*?</\2>)', re.S)
_ARTICLE_H1 = re.compile(rb'(<article class="md-content__inner[^"]*">.*?</h1>)', re.S)


@dataclass(frozen=True, slots=True)
class Change:
    """One file an action wrote: its path, its bytes before (None: it did not exist) and after
    (None: the action removed it)."""

    path: str
    before: bytes | None
    after: bytes | None


@dataclass(frozen=True, slots=True)
class Done:
    """What the last action did: the words shown, the files it changed (for Undo), and whether
    it is an error message."""

    text: str
    changes: tuple[Change, ...] = ()
    error: bool = False
    form: tuple[tuple[str, str], ...] = ()  # a refused Log form's fields, shown again filled in


def _changed_since(done: Done) -> Change | None:
    """The first file ``done`` changed that is no longer as it left it (Undo is offered and
    made only while there is none), or None."""
    return next((c for c in done.changes if _read(c.path) != c.after), None)


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        return None


class Actions:
    """The preview's actions for one run of ``netlog serve`` (see the module docstring).

    ``preview`` is the loop's ``_Preview`` (its ``builder``, ``lock``, ``run`` and ``project``);
    ``secret`` the run's secret (made here with ``secrets.token_urlsafe``); ``manifest``: link
    the web app manifest (``--lan``).
    """

    def __init__(self, preview, *, secret: str | None = None, manifest: bool = False) -> None:
        self.preview = preview
        self.secret = secret or secrets.token_urlsafe(32)
        self.manifest = manifest
        self.last: Done | None = None  # the last action's result
        self.last_written: Done | None = None  # the last action that was not refused
        self.undoable: Done | None = None  # the session's last action, while Undo may revert it
        self.serial = 0  # the number of the last action of the run (a refusal is shown on its redirect only)
        self._lock = threading.Lock()

    # ---------------------------------------------------------------- wiring

    def install(self, server) -> None:
        """Register the POST actions and the server's own pages on ``server``."""
        for name, handler in (("done", self.done), ("snooze", self.snooze), ("log", self.log),
                              ("accept", self.accept), ("discard", self.discard), ("undo", self.undo)):
            server.add_action(PREFIX + name, self._guarded(handler))
        server.add_page(DRAFTS_PAGE, self.drafts_page)
        server.add_page(MANIFEST, lambda request: Response(200, manifest_json(),
                                                           (("Content-Type", "application/manifest+json"),)))
        server.add_page(ICON, lambda request: Response(200, icon_svg(), (("Content-Type", "image/svg+xml"),)))
        for path, size in PNG_ICONS.items():
            server.add_page(path, lambda request, size=size: Response(200, icon_png(size),
                                                                      (("Content-Type", "image/png"),)))
        server.decorate = self.decorate

    def _guarded(self, handler):
        """One action at a time, under the preview's lock (no update half done meanwhile); the
        answer is a redirect back to the page the form was on (``back``)."""
        def run(request) -> Response:
            fields = form_fields(request.body)
            with self._lock, self.preview.lock:
                try:
                    done = handler(fields)
                except Exception as e:  # noqa: BLE001 - one failed action is a message, not a dead server
                    from ..errors import NetlogError
                    from ..userfiles import CannotEdit

                    if not isinstance(e, (NetlogError, CannotEdit, OSError, ValueError)):
                        from .builder import describe

                        self.preview.terminal.problem(f"netlog: the action failed: {describe(e)}")
                        raise
                    kept = tuple((k, v) for k, v in fields.items() if k in LOG_FIELDS) if handler == self.log else ()
                    done = Done(_message(e), error=True, form=kept)
                self.last = done
                self.serial += 1
                if not done.error:
                    self.last_written = done
                    # Undo reverts this one; an undo itself is not undone
                    self.undoable = None if handler == self.undo else done
                    self._commit(done)
                    self.preview.run_own({c.path for c in done.changes})
                    self.preview.terminal.say(done.text)
            back = _back(fields.get("back", "/"))
            if done.error:  # shown on the page the redirect leads to, and only there
                back += ("&" if "?" in back else "?") + f"{SHOWN}={self.serial}"
            return Response(303, b"", (("Location", back),))
        return run

    def _result_for(self, query: str) -> Done | None:
        """What the line at the top of a page requested with ``query`` says: the last action's
        result; a refusal only on the page its redirect leads to, elsewhere the last action
        that wrote (with its Undo) or nothing."""
        from urllib.parse import parse_qs

        last = self.last
        if last is not None and last.error and parse_qs(query).get(SHOWN) != [str(self.serial)]:
            return self.last_written
        return last

    def _commit(self, done: Done) -> None:
        """With ``commit: true``, commit the files the action wrote, as the commands do
        (docs/format.md §13); a note in the terminal when that could not be done."""
        if not getattr(self.options, "commit", False):
            return
        from ..gitcommit import commit_files

        ok, why = commit_files(self.docs_dir, [c.path for c in done.changes], f"netlog: {done.text.split(':', 1)[0]}")
        if not ok:
            self.preview.terminal.problem(f"netlog: note: not committed: {why}")

    # ---------------------------------------------------------------- what the actions read

    @property
    def site(self):
        """The pages' model of the last good build (its log, today, open items); None before the
        first one, or while the config is broken."""
        builder = self.preview.builder
        if builder.config is None:
            return None
        return getattr(builder.plugin, "site", None)

    @property
    def docs_dir(self) -> str:
        return self.preview.builder.docs_dir

    @property
    def options(self):
        return self.preview.project.options

    def _item(self, uid: str):
        from ..acting import ActionRefused
        from ..feed import item_uid

        for item in self._site().open_items:
            if item.person and item_uid(item) == uid:
                return item
        raise ActionRefused("that item is no longer open (the page was older than the log); nothing written")

    def _site(self):
        """:attr:`site`, or ActionRefused while there is none to act on."""
        from ..acting import ActionRefused

        site = self.site
        if site is None:
            raise ActionRefused("the site is not built (see the errors on the page); nothing written")
        return site

    def _person_files(self) -> list | None:
        """The person files as the preview last read them (the watcher keeps them current), so
        an entry is checked without reading every person file again; None: read them."""
        cache = self.preview.builder.cache
        return cache.person_files() if cache is not None else None

    def _shown(self, path: str) -> str:
        return os.path.relpath(path, self.docs_dir).replace(os.sep, "/")

    # ---------------------------------------------------------------- the actions

    def done(self, fields: dict[str, str]) -> Done:
        """``netlog done`` for the item's person, with the form's kind (preset to the item's)
        and note."""
        from .. import acting
        from ..people import PeopleIndex

        site = self._site()
        log, today = site.log, site.today
        item = self._item(fields.get("item", ""))
        kind = fields.get("kind") or acting.closing_kind(item, log)
        if kind not in log.kinds:
            raise acting.ActionRefused(f"unknown kind {kind!r}; nothing written")
        person = log.people[item.person]
        plan = acting.plan_done(log, today, person, kind=kind, note=fields.get("note", ""), items=site.open_items)
        index = PeopleIndex.of(p for p in log.people.values() if not p.stub)
        path = acting.write_done(self.docs_dir, self.options, index, plan, person_files=self._person_files())
        closed = len(plan.closed)
        return Done(f"done {person.name} ({plan.kind}): wrote {self._shown(path)}, closing {closed} "
                    f"item{'' if closed == 1 else 's'}", (Change(path, None, _read(path)),))

    def snooze(self, fields: dict[str, str]) -> Done:
        """``netlog snooze`` of the item's entry (or person, for a cadence or birthday item), for
        a day, a week, a month (``for``) or until a date (``until``)."""
        from .. import acting
        from ..dates import add_or_never, parse_offset
        from ..items import Source

        site = self._site()
        today = site.today
        item = self._item(fields.get("item", ""))
        offset = parse_offset(fields["for"]) if fields.get("for") in dict(SNOOZE_CHOICES) else None
        if offset is not None:
            until = add_or_never(offset, today)
        elif fields.get("until"):
            try:
                until = dt.date.fromisoformat(fields["until"])
            except ValueError:
                raise acting.BadTarget(f"{fields['until']!r} is not a date (YYYY-MM-DD); nothing written") from None
            if until <= today:
                raise acting.BadTarget(f"{until.isoformat()} is not after today ({today.isoformat()}); nothing written")
        else:
            raise acting.BadTarget("choose a day, a week, a month or a date; nothing written")
        # an item from an entry snoozes that entry; a cadence or birthday item the person
        target = item.entry if item.entry and item.source not in (Source.CADENCE, Source.BIRTHDAY) else item.person
        plan = acting.plan_snooze(site.log, self.docs_dir, today, target, until)
        written = acting.apply_snooze(plan)
        return Done(f"snooze {plan.label} until {until.isoformat()}: wrote {self._shown(plan.path)}",
                    tuple(Change(p, plan.old, plan.new) for p in written))

    def log(self, fields: dict[str, str]) -> Done:
        """``netlog new`` from the Log form: kind, with, via, date, title, notes, follow-up. A
        ref with a "did you mean" is refused unless "new person" is ticked; a kind that is with
        someone needs ``with``; an entry with a ``check`` error is not written."""
        from .. import acting
        from ..dates import parse_offset
        from ..entrytext import entry_text, follow_up_due
        from ..kinds import CONVERSATION
        from ..people import PeopleIndex
        from ..yamlemit import one_line

        log = self._site().log
        kind = fields.get("kind", "")
        if kind not in log.kinds:
            raise acting.BadTarget(f"unknown kind {kind!r}; nothing written")
        try:
            date = dt.date.fromisoformat(fields.get("date") or self._site().today.isoformat())
        except ValueError:
            raise acting.BadTarget(f"{fields.get('date')!r} is not a date (YYYY-MM-DD); nothing written") from None
        refs = {key: [one_line(r) for r in fields.get(key, "").split(",") if r.strip()] for key in ("with", "via")}
        follow_up = None
        if fields.get("follow_up", "").strip():
            text = fields["follow_up"].strip()
            try:
                follow_up = dt.date.fromisoformat(text) if "-" in text else parse_offset(text)
                follow_up_due(follow_up, date)
            except ValueError:
                raise acting.BadTarget(f"follow-up {text!r} is not a date or an offset such as 1w; "
                                       "nothing written") from None
        index = PeopleIndex.of(p for p in log.people.values() if not p.stub)
        if not refs["with"] and log.kinds[kind].group == CONVERSATION:
            raise acting.BadTarget(f"a {kind} is with someone: fill in With; nothing written")
        if not fields.get("new_person"):
            for option, values in refs.items():
                unsure = acting.unsure_refs(index, values)
                if unsure:
                    raise acting.BadTarget(acting.refusal(unsure, option).replace("give --new-person",
                                                                                  "tick “someone new”"))
        title = one_line(fields["title"]) if fields.get("title", "").strip() else None
        text = entry_text(log.kinds[kind], date, refs["with"], refs["via"], follow_up, title)
        notes = fields.get("notes", "").replace("\r\n", "\n").strip()
        if notes:
            text = text.rstrip("\n") + "\n\n" + notes + "\n"
        path = acting.write_checked(self.docs_dir, self.options, index, kind, date, refs["with"], title, text,
                                    self._person_files())
        # as `netlog new` warns: a name no person file gives is written as given, on a stub page
        unknown = [ref for values in refs.values() for ref in values if not index.resolve(ref)]
        added = (f"; not among your people yet: {', '.join(unknown)} (a stub page until "
                 f"`netlog person NAME` adds them)") if unknown else ""
        return Done(f"new {kind}: wrote {self._shown(path)}{added}", (Change(path, None, _read(path)),))

    def _draft(self, fields: dict[str, str]):
        from ..acting import BadTarget
        from ..capture.drafts import draft_paths, survey

        path = fields.get("draft", "")
        if path not in draft_paths(self.docs_dir):
            raise BadTarget(f"no draft {path!r} (accepted or discarded meanwhile?); nothing written")
        return path, os.path.join(self.docs_dir, *path.split("/")), survey(self.docs_dir, self.options, [path])

    def accept(self, fields: dict[str, str]) -> Done:
        """``netlog drafts --accept`` of one draft (it must pass ``check``)."""
        from ..acting import ActionRefused
        from ..capture.drafts import accept
        from ..lock import held

        path, source, found = self._draft(fields)
        draft = found.drafts[0]
        if not draft.passes:
            raise ActionRefused(f"{path} does not pass check; fix it first; nothing written")
        before = _read(source)
        with held(self.docs_dir, "netlog serve: accept", wait=10):  # one writer at a time, as `netlog drafts`
            written, _made = accept(self.docs_dir, draft)
        return Done(f"accept {path}: wrote {self._shown(written)}",
                    (Change(written, None, _read(written)), Change(source, before, None)))

    def discard(self, fields: dict[str, str]) -> Done:
        """``netlog drafts --discard`` of one draft (moved into ``_drafts/discarded/``)."""
        from ..capture.drafts import discard
        from ..lock import held

        path, source, _found = self._draft(fields)
        before = _read(source)
        with held(self.docs_dir, "netlog serve: discard", wait=10):
            written = discard(self.docs_dir, path)
        return Done(f"discard {path}: moved to {self._shown(written)}",
                    (Change(written, None, _read(written)), Change(source, before, None)))

    def undo(self, fields: dict[str, str]) -> Done:
        """Revert the last action while every file it changed is as it left them."""
        from ..acting import ActionRefused
        from ..userfiles import create_file, remove_file, replace_file

        last = self.undoable
        if last is None or not last.changes:
            raise ActionRefused("nothing to undo in this session")
        changed = _changed_since(last)
        if changed is not None:
            raise ActionRefused(f"{self._shown(changed.path)} changed since netlog wrote it; not undone "
                                "(edit it yourself)")
        for c in reversed(last.changes):  # the draft back before its entry goes: nothing lost midway
            if c.before is None:
                remove_file(c.path)
            elif c.after is None:
                create_file(c.path, c.before)
            else:
                replace_file(c.path, c.before, expected=c.after)
        verbs = {"removed": [], "restored": []}
        for c in last.changes:  # a file the action made is removed; one it changed or moved is back
            verbs["removed" if c.before is None else "restored"].append(self._shown(c.path))
        return Done(f"undo {last.text.split(':', 1)[0]}: "
                    + "; ".join(f"{verb} {', '.join(paths)}" for verb, paths in verbs.items() if paths),
                    tuple(Change(c.path, c.after, c.before) for c in last.changes))

    # ---------------------------------------------------------------- what pages get

    def decorate(self, page: bytes, path: str, query: str = "") -> bytes:
        """``page`` (a served page at URL ``path``, asked for with ``query``) with the actions:
        see the module docstring.
        A page without Material's article (the error page) gets only the head parts."""
        site = self.site
        if site is None:
            return page
        page = page.replace(b"</head>", OPEN + self._head() + CLOSE + b"</head>", 1)
        if b'class="md-content__inner' not in page:
            return page

        def forms(m) -> bytes:
            added = self._item_forms(m.group(3).decode(), path)
            return m.group(1) + (OPEN + added + CLOSE if added else b"")

        page = _MARK.sub(forms, page)
        shown = self._result_for(query)
        top = self._banner(shown, path)
        person = self._person_at(path)
        if path in ("/", "/index.html") or person is not None:
            top += self._log_form(person, path, shown)
        if top:
            page = _ARTICLE_H1.sub(lambda m: m.group(1) + OPEN + top + CLOSE, page, count=1)
        return page

    def _head(self) -> bytes:
        link = (f'<link rel="manifest" href="{MANIFEST}" crossorigin="use-credentials">'
                f'<link rel="icon" href="{ICON}" type="image/svg+xml">'
                f'<link rel="apple-touch-icon" href="{PREFIX}icon-192.png">') if self.manifest else ""
        return (f'<meta name="referrer" content="same-origin">{link}<style>{ACTION_CSS}</style>').encode()

    def _hidden(self, back: str = "") -> str:
        return (f'<input type="hidden" name="{SECRET_FIELD}" value="{escape(self.secret)}">'
                + (f'<input type="hidden" name="back" value="{escape(back)}">' if back else ""))

    def _item_forms(self, uid: str, back: str) -> bytes:
        from ..acting import closing_kind
        from ..feed import item_uid

        site = self.site
        item = next((i for i in site.open_items if i.person and item_uid(i) == uid), None)
        if item is None:
            return b""
        preset = closing_kind(item, site.log)
        kinds = _kinds_by_use(site.log, first=preset, closing=True)
        options = "".join(f'<option{" selected" if k == preset else ""}>{escape(k)}</option>' for k in kinds)
        hidden = self._hidden(back) + f'<input type="hidden" name="item" value="{escape(uid)}">'
        done, later = f"nl-done-{uid[:12]}", f"nl-snooze-{uid[:12]}"
        quick = "".join(f'<button class="nl-btn" form="{later}" name="for" value="{v}" '
                        f'title="Snooze for {label.lower()}">{label.split()[-1].capitalize()}</button>'
                        for v, label in SNOOZE_CHOICES)
        tomorrow = (site.today + dt.timedelta(days=1)).isoformat()
        # the controls sit outside their two forms (form="…"), so one row holds both actions
        return (f'<div class="nl-act">'
                f'<form id="{done}" method="post" action="{PREFIX}done">{hidden}</form>'
                f'<form id="{later}" method="post" action="{PREFIX}snooze">{hidden}</form>'
                f'<div class="nl-row"><button class="nl-btn nl-primary" form="{done}" type="submit">Done</button>'
                f'<span class="nl-group"><span class="nl-label">Snooze</span>{quick}</span></div>'
                f'<details class="nl-more"><summary class="nl-btn nl-quiet">Kind, note, date<span class="nl-caret" aria-hidden="true">▾</span></summary>'
                f'<div class="nl-row">'
                f'<label class="nl-field"><span>Kind (Done)</span><select form="{done}" name="kind">{options}</select></label>'
                f'<label class="nl-field nl-grow"><span>Note (Done)</span><input form="{done}" name="note" type="text" '
                f'placeholder="what happened (optional)"></label>'
                f'<button class="nl-btn nl-primary" form="{done}" type="submit">Done</button></div>'
                f'<div class="nl-row"><label class="nl-field"><span>Snooze until</span><input form="{later}" '
                f'type="date" name="until" min="{tomorrow}"></label>'
                f'<button class="nl-btn" form="{later}" type="submit">Snooze</button></div>'
                f'</details></div>').encode()

    def _banner(self, last: Done | None, back: str) -> bytes:
        if last is None:
            return b""
        undo = ""
        if last is self.undoable and last.changes and _changed_since(last) is None:
            undo = (f'<form method="post" action="{PREFIX}undo">{self._hidden(back)}'
                    f'<button class="nl-btn" type="submit">Undo</button></form>')
        cls = "nl-banner nl-banner-error" if last.error else "nl-banner"
        return (f'<div class="{cls}" role="status"><p>{escape(last.text)}</p>{undo}</div>').encode()

    def _person_at(self, path: str):
        """The person whose page is at URL ``path``, or None."""
        builder = self.preview.builder
        files = builder.files
        if files is None:
            return None
        for person in self.site.log.people.values():
            if person.page:
                f = files.get_file_from_path(person.page)
                if f is not None and "/" + f.url == path:
                    return person
        return None

    def _log_form(self, person, back: str, last: Done | None) -> bytes:
        site = self.site
        log = site.log
        # a refused entry comes back open and filled in, so nothing typed on a phone is lost
        kept = dict(last.form) if last is not None and last.form and dict(last.form).get("back") == back else {}

        def value(key: str, default: str = "") -> str:
            return f' value="{escape(kept.get(key, default))}"' if kept.get(key, default) else ""

        chosen = kept.get("kind")
        kinds = "".join(f"<option{' selected' if k == chosen else ''}>{escape(k)}</option>"
                        for k in _kinds_by_use(log))
        people = "".join(f'<option value="{escape(p.slug)}">{escape(p.name)}</option>'
                         for p in sorted(log.people.values(), key=lambda p: p.name.lower()) if not p.stub)
        from ..capture.drafts import draft_paths

        n = len(draft_paths(self.docs_dir))
        drafts = (f'<a class="nl-btn" href="{DRAFTS_PAGE}">Drafts ({n})</a>' if person is None else "")
        with_ = person.slug if person is not None else ""
        ticked = " checked" if kept.get("new_person") else ""
        return (f'<div class="nl-row nl-tools"><details class="nl-log"{" open" if kept else ""}>'
                f'<summary class="nl-btn nl-primary">Log an interaction</summary>'
                f'<form method="post" action="{PREFIX}log">{self._hidden(back)}'
                f'<label class="nl-field"><span>Kind</span><select name="kind">{kinds}</select></label>'
                f'<label class="nl-field"><span>With</span><input name="with" list="nl-people"{value("with", with_)} '
                f'placeholder="a person; commas for several" autocomplete="off"></label>'
                f'<label class="nl-field"><span>Via</span><input name="via" list="nl-people"{value("via")} '
                f'autocomplete="off"></label>'
                f'<label class="nl-field"><span>Date</span><input type="date" name="date"'
                f'{value("date", site.today.isoformat())} required></label>'
                f'<label class="nl-field"><span>Title</span><input name="title" type="text"{value("title")}></label>'
                f'<label class="nl-field"><span>Notes</span><textarea name="notes" rows="3">'
                f'{escape(kept.get("notes", ""))}</textarea></label>'
                f'<label class="nl-field"><span>Follow-up</span><input name="follow_up" type="text"{value("follow_up")} '
                f'placeholder="1w, 3d or a date"></label>'
                f'<label class="nl-check"><input type="checkbox" name="new_person" value="1"{ticked}> '
                f'someone new (though the name looks like a person of the log)</label>'
                f'<button class="nl-btn nl-primary" type="submit">Write the entry</button>'
                f'<datalist id="nl-people">{people}</datalist></form></details>{drafts}</div>').encode()

    # ---------------------------------------------------------------- the Drafts page

    def drafts_page(self, request) -> Response:
        """The drafts (date, kind, people, title, the start of the notes, check status, the file
        as ``netlog drafts`` shows it) with Accept and Discard, in the site's own page (its
        header, tabs, search and colour scheme; a plain page while the site is not built yet)."""
        from ..capture.drafts import survey
        from ..report import shown as shown_path

        with self.preview.lock:
            found = survey(self.docs_dir, self.options)
        rows = []
        for d in found.drafts:
            shown = d.shown(found.names) or ("?", "?", "-")
            # a draft that passes may still have warnings (an unknown person): shown with it
            status = "; ".join((["passes check"] if d.passes else [])
                               + [f"line {p.line}: {p.severity}: {p.message}" for p in d.problems]) or "cannot be read"
            title, notes = _draft_text(d)
            hidden = self._hidden(DRAFTS_PAGE) + f'<input type="hidden" name="draft" value="{escape(d.path)}">'
            accept = (f'<form method="post" action="{PREFIX}accept">{hidden}'
                      f'<button class="nl-btn nl-primary" type="submit">Accept</button></form>' if d.passes else "")
            rows.append(f'<li class="nl-draft"><p class="nl-draft-head"><b>{escape(shown[0])}</b> · {escape(shown[1])}'
                        f' · {escape(shown[2])}</p>'
                        + (f'<p class="nl-draft-title">{escape(title)}</p>' if title else "")
                        + (f'<p class="nl-draft-notes">{escape(notes)}</p>' if notes else "")
                        + f'<p class="nl-draft-status{"" if d.passes else " nl-bad"}">{escape(status)}</p>'
                        f'<p><code>{escape(shown_path(os.path.join(self.docs_dir, *d.path.split("/"))))}</code></p>'
                        f'<div class="nl-act">{accept}<form method="post" action="{PREFIX}discard">{hidden}'
                        f'<button class="nl-btn" type="submit">Discard</button></form></div></li>')
        body = "\n".join(rows) or ("<li>No drafts wait in <code>_drafts/</code>. <code>netlog import ics FILE</code> "
                                    "and <code>netlog import mail FILE</code> write drafts of your meetings and "
                                    "mail here, to accept into the log or discard.</li>")
        banner = self._banner(self._result_for(request.query), DRAFTS_PAGE).decode()
        article = (f'<h1>Drafts ({len(found.drafts)})</h1>{banner}<ul class="nl-drafts">{body}</ul>'
                   f'<p><a class="nl-btn" href="/">← Dashboard</a></p>')
        page = self._in_site_page(f"Drafts ({len(found.drafts)})", article)
        if page is None:
            page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
                    f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                    f'<meta name="robots" content="noindex"><title>Drafts · netlog</title>{self._head().decode()}'
                    f'<style>{DRAFTS_CSS}</style></head><body class="nl-drafts-page">{article}</body></html>')
        return Response(200, page.encode("utf-8"))

    def _in_site_page(self, title: str, article: str) -> str | None:
        """``article`` (HTML) as the content of the built dashboard's page, so a page the server
        makes has the site's header, tabs, search and colour scheme; the page's links resolve
        from the site's root (``<base href="/">``). None when the dashboard is not built yet."""
        try:
            with open(os.path.join(self.preview.builder.site_dir, "index.html"), encoding="utf-8") as fh:
                shell = fh.read()
        except (OSError, UnicodeDecodeError):
            return None
        head = re.search(r"<head>", shell)
        content = re.search(r'(<article class="md-content__inner[^"]*">)(.*?)(</article>)', shell, re.S)
        name = re.search(r"<title>[^<]*</title>", shell)
        if head is None or content is None or name is None or name.start() > content.start():
            return None
        page = (shell[:head.end()] + '<base href="/">' + shell[head.end():name.start()]
                + f"<title>{escape(title)}</title>" + shell[name.end():content.start(2)]
                + article + shell[content.end(2):]).replace("</head>", self._head().decode()
                                                            + f"<style>{DRAFTS_IN_SITE_CSS}</style></head>", 1)
        # Material finds its search index from the page's own address, not <base>: from the root
        page = page.replace('"base": "."', '"base": "/"', 1)
        return _without_toc(page)


def _without_toc(page: str) -> str:
    """``page`` without Material's table of contents (``nav.md-nav--secondary``, nested navs and
    all): the dashboard's sections are not the server's page's."""
    opening = '<nav class="md-nav md-nav--secondary"'
    while (start := page.find(opening)) != -1:
        depth, at = 0, start
        for m in re.finditer(r"<nav\b|</nav>", page[start:]):
            depth += 1 if m.group(0) == "<nav" else -1
            if depth == 0:
                at = start + m.end()
                break
        else:
            return page  # not closed: left as it is
        page = page[:start] + page[at:]
    return page


def _draft_text(d) -> tuple[str, str]:
    """A draft's title (as given, else none) and the start of its notes (about 160 characters
    on one line), to tell drafts apart on the Drafts page."""
    e = d.entry
    if e is not None:
        title, body = (e.title if e.title_given else ""), e.body
    else:
        data = d.data if isinstance(d.data, dict) else {}
        title, body = str(data.get("title") or ""), ""
    # read as text: no Markdown quote marks or code ticks
    notes = " ".join(line.lstrip("> ").replace("`", "") for line in body.split("\n"))
    notes = " ".join(notes.split())
    return title, notes[:160] + ("…" if len(notes) > 160 else "")


def _kinds_by_use(log, first: str | None = None, closing: bool = False) -> list[str]:
    """The log's kinds, the most used in its entries first (ties by name); ``first`` before all.
    ``closing``: only kinds whose entries can close an item (Done's choice): not the ``self``
    group's (docs/format.md §6)."""
    from ..model import Group

    counts = Counter(e.kind for e in log.entries)
    kinds = [k for k in log.kinds if not closing or log.kinds[k].group != Group.SELF]
    return sorted(kinds, key=lambda k: (k != first, -counts[k], k))


#: the Log form's fields, kept when an entry is refused (and ``back``, the page it was on)
LOG_FIELDS = frozenset({"kind", "with", "via", "date", "title", "notes", "follow_up", "new_person", "back"})


def _back(value: str) -> str:
    """Where the redirect goes: a path of this server (``/…``), never another site."""
    if not value.startswith("/") or value.startswith("//") or "\\" in value or any(c in value for c in "\r\n"):
        return "/"
    return value


def _message(e: Exception) -> str:
    text = str(e) if not isinstance(e, OSError) else f"{e.strerror or e}"
    return f"error: {text}"


def manifest_json() -> bytes:
    """The web app manifest (a phone keeps the preview on its home screen)."""
    import json

    return json.dumps({"name": "netlog", "short_name": "netlog", "start_url": "/", "scope": "/",
                       "display": "standalone", "background_color": "#ffffff", "theme_color": "#4051b5",
                       "icons": [{"src": ICON, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}]
                       + [{"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
                          for path, size in PNG_ICONS.items()]},
                      indent=1).encode("utf-8")


def icon_svg() -> bytes:
    """netlog's icon: two linked nodes on Material's indigo (made here; nothing loaded)."""
    return (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 192 192">'
            b'<rect width="192" height="192" rx="40" fill="#4051b5"/>'
            b'<path d="M62 120 L130 72" stroke="#fff" stroke-width="12" stroke-linecap="round"/>'
            b'<circle cx="60" cy="122" r="26" fill="#fff"/><circle cx="132" cy="70" r="26" fill="#fff"/>'
            b'<circle cx="132" cy="70" r="11" fill="#4051b5"/></svg>')


@functools.lru_cache(maxsize=None)
def icon_png(size: int) -> bytes:
    """:func:`icon_svg`'s drawing as a ``size`` × ``size`` PNG, drawn here with the standard
    library (zlib): indigo ground, two white nodes joined by a line, the right one ringed."""
    import struct
    import zlib

    scale = size / 192
    ground, white = b"\x40\x51\xb5", b"\xff\xff\xff"
    nodes = ((60, 122, 26), (132, 70, 26))
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")  # filter type 0 for each scanline
        for x in range(size):
            u, v = x / scale, y / scale
            near = [((u - cx) ** 2 + (v - cy) ** 2) ** 0.5 for cx, cy, _r in nodes]
            on_node = any(d <= r for d, (_cx, _cy, r) in zip(near, nodes))
            ringed = near[1] <= 11
            # the line from (62, 120) to (130, 72), 12 wide: distance from the segment
            dx, dy = 68, -48
            t = max(0.0, min(1.0, ((u - 62) * dx + (v - 120) * dy) / (dx * dx + dy * dy)))
            on_line = ((u - 62 - t * dx) ** 2 + (v - 120 - t * dy) ** 2) ** 0.5 <= 6
            row += white if (on_node or on_line) and not ringed else ground
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + chunk(b"IEND", b""))


ACTION_CSS = """
.nl-item .nl-cmd{display:none}
.nl-act{margin:.5rem 0 .25rem}
.nl-row{display:flex;flex-wrap:wrap;gap:.3rem;align-items:flex-end;margin:.3rem 0}
.md-typeset details.nl-more,.md-typeset details.nl-log{border:0;box-shadow:none;background:none;padding:0;
 margin:.3rem 0;overflow:visible;font-size:inherit}
.md-typeset details.nl-more>summary,.md-typeset details.nl-log>summary{padding:0 .9rem;background:none;
 border-radius:.4rem;list-style:none;display:inline-flex;min-height:44px;min-width:44px;align-items:center;
 box-sizing:border-box;margin:0}
.nl-group{display:inline-flex;gap:.3rem;align-items:center}
.md-typeset details.nl-log>summary{background:var(--md-primary-fg-color)}
.md-typeset details.nl-more>summary::before,.md-typeset details.nl-more>summary::after,
.md-typeset details.nl-log>summary::before,.md-typeset details.nl-log>summary::after{display:none}
.md-typeset summary::-webkit-details-marker{display:none}
.nl-caret{display:inline-block;margin-left:.35rem}
details[open]>summary .nl-caret{transform:rotate(180deg)}
.nl-btn.nl-quiet,.md-typeset .nl-btn.nl-quiet{border-color:transparent;color:var(--md-default-fg-color--light);
 font-weight:400;padding:0 .4rem}
.nl-btn{display:inline-flex;align-items:center;justify-content:center;min-height:44px;min-width:44px;
 padding:0 .6rem;border-radius:.4rem;border:1px solid var(--md-primary-fg-color);
 background:var(--md-default-bg-color);color:var(--md-primary-fg-color);font:inherit;font-size:.75rem;
 font-weight:600;cursor:pointer;text-decoration:none;box-sizing:border-box}
.md-typeset .nl-btn{color:var(--md-primary-fg-color)}
.nl-btn.nl-primary,.md-typeset .nl-btn.nl-primary{background:var(--md-primary-fg-color);
 color:var(--md-primary-bg-color)}
[data-md-color-scheme="slate"] .nl-btn:not(.nl-primary):not(.nl-quiet){color:#9fb4ff;border-color:#9fb4ff}
.nl-btn:focus-visible{outline:2px solid var(--md-accent-fg-color);outline-offset:2px}
.nl-field{display:flex;flex-direction:column;font-size:.65rem;color:var(--md-default-fg-color--light)}
.nl-field.nl-grow{flex:1 1 10rem}
.nl-field input,.nl-field select,.nl-field textarea{min-height:44px;box-sizing:border-box;font:inherit;
 font-size:.75rem;padding:0 .5rem;border:1px solid var(--md-default-fg-color--lighter);border-radius:.3rem;
 background:var(--md-default-bg-color);color:var(--md-default-fg-color)}
.nl-field textarea{padding:.5rem;min-height:5rem}
.nl-label{align-self:center;font-size:.7rem;font-weight:600}
.nl-check{display:flex;align-items:center;gap:.5rem;min-height:44px;font-size:.7rem}
.nl-check input{width:24px;height:24px}
.nl-banner{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between;
 padding:.5rem .8rem;margin:.5rem 0 1rem;border-left:4px solid var(--md-primary-fg-color);
 background:var(--md-code-bg-color);border-radius:.3rem}
.nl-banner p{margin:0;word-break:break-word}.nl-banner form{margin:0}
.nl-banner-error{border-left-color:#d32f2f}
.nl-log form{display:grid;gap:.6rem;margin-top:.6rem;max-width:36rem}
.nl-tools{margin:.25rem 0 1rem;align-items:flex-start}.nl-tools details.nl-log{margin:0}
@media (max-width:600px){.nl-more .nl-field{flex:1 1 100%}.nl-more .nl-row>.nl-btn,.nl-act .nl-row>.nl-primary{flex:1 1 auto}}
"""

#: The Drafts page inside the site's page (the site's own styles do the rest).
DRAFTS_IN_SITE_CSS = """
.md-typeset ul.nl-drafts{list-style:none;padding:0;margin-left:0}.md-typeset ul.nl-drafts>li{margin-left:0}
.md-typeset a.nl-btn,.md-typeset p a.nl-btn{text-decoration:none}
.nl-draft{border:1px solid var(--md-default-fg-color--lighter);border-radius:.4rem;padding:.6rem .8rem;margin:.6rem 0}
.md-typeset .nl-draft p{margin:.2rem 0}.nl-draft code{font-size:.8em;word-break:break-all}
.nl-draft-title{font-weight:600}.nl-draft-notes{color:var(--md-default-fg-color--light)}
.nl-draft .nl-act{display:flex;gap:.5rem}.nl-bad{color:#d32f2f}
[data-md-color-scheme="slate"] .nl-bad{color:#ff8a80}
"""

DRAFTS_CSS = """
:root{--md-primary-fg-color:#4051b5;--md-primary-bg-color:#fff;--md-accent-fg-color:#526cfe;
 --md-default-bg-color:#fff;--md-default-fg-color:rgba(0,0,0,.87);--md-default-fg-color--light:rgba(0,0,0,.54);
 --md-default-fg-color--lighter:rgba(0,0,0,.32);--md-code-bg-color:#f5f5f5}
@media (prefers-color-scheme:dark){:root{--md-primary-fg-color:#7986cb;--md-primary-bg-color:#1e2129;
 --md-default-bg-color:#1e2129;--md-default-fg-color:rgba(226,228,233,.82);
 --md-default-fg-color--light:rgba(226,228,233,.56);--md-default-fg-color--lighter:rgba(226,228,233,.32);
 --md-code-bg-color:#282c37}}
body{font:16px/1.5 system-ui,sans-serif;margin:1rem auto;max-width:48rem;padding:0 1rem;
 background:var(--md-default-bg-color);color:var(--md-default-fg-color)}
.nl-btn{font-size:.9rem}
.nl-drafts{list-style:none;padding:0}
.nl-draft{border:1px solid var(--md-default-fg-color--lighter);border-radius:.4rem;padding:.6rem .8rem;margin:.6rem 0}
.nl-draft p{margin:.2rem 0}.nl-draft code{font-size:.8rem;word-break:break-all}
.nl-draft .nl-act{display:flex;gap:.5rem}.nl-bad{color:#d32f2f}
"""
