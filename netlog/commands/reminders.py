"""``netlog digest`` and ``netlog review`` (docs/format.md §16): reminders that reach you, and
the weekly review.

Thin: the digest's content is :mod:`netlog.digest`, sending it is
:mod:`netlog.mailer`; a failure to send is one line and exit 1.
"""

from __future__ import annotations

import contextlib
import email.utils
import os
import signal

import click

from ..model import ERROR
from ..report import shown
from ..sanitize import for_terminal
from ..yamlemit import one_line
from .common import (boundary, commit_written, interactive, load, open_in_editor, report, resolve_today,
                     today_option)


def inbox_lines(path: str, today, kinds) -> tuple[int, str | None]:
    """(how many lines of the inbox at ``path`` `netlog inbox` would read, a warning or None):
    its own parser decides (not blank lines, headings or comments); no inbox is 0 lines."""
    from .. import readfile
    from ..capture import inbox as mod

    if not os.path.exists(path):
        return 0, None
    data, problems = readfile.read_bytes(path, "inbox", at=shown(path))  # bounded, as `netlog inbox` reads it
    text = None
    if data is not None:
        text, problems = readfile.decode(shown(path), data)
    if text is None:
        return 0, f"{problems[0].path}: {problems[0].message}; not counted"
    return sum(1 for line in mod.parse(text, today, kinds) if line.what != mod.KEEP), None


@click.command()
@today_option
@click.option("--format", "fmt", type=click.Choice(["text", "html"]), default="text", show_default=True)
@click.option("--send", is_flag=True, help="Mail it (text with an HTML alternative) through the SMTP server of "
              "NETLOG_SMTP_URL to the option digest_to (default: the first of me), instead of printing it.")
@click.pass_context
def digest(ctx, today, fmt, send):
    """Today's short list: overdue and today's items, upcoming count, birthdays, people worth
    reconnecting, drafts and inbox lines waiting, the weekly streak, days since the last review.

    --send mails it through NETLOG_SMTP_URL, smtp://[user[:password]@]host[:port]
    (STARTTLS whenever the server offers it) or smtps://... (the password
    may come from NETLOG_SMTP_PASSWORD instead); it prints one line saying
    where it went, or one line saying why it could not (exit 1).

    \b
    Examples:
        netlog digest
        netlog digest --format html > digest.html
        NETLOG_SMTP_URL=smtps://me%40example.com@mail.example.com netlog digest --send
    """
    from .. import digest as mod
    from .. import mailer
    from ..capture.drafts import draft_paths
    from ..load import INBOX

    today = resolve_today(today)
    project, log, problems = load(ctx)
    errors = [p for p in problems if p.severity == ERROR]
    report(errors, project.docs_dir if project else None)
    if log is None:
        ctx.exit(1)
    inbox, warning = inbox_lines(os.path.join(project.docs_dir, INBOX), today, log.kinds)
    if warning:
        click.echo(for_terminal(f"netlog: warning: {warning}"), err=True)
    d = mod.compute(log, today, drafts=len(draft_paths(project.docs_dir)), inbox=inbox)
    if not send:
        click.echo(mod.as_text(d) if fmt == "text" else mod.as_html(d), nl=False)
        ctx.exit(1 if errors else 0)
    to = log.options.digest_to or (log.options.me[0] if log.options.me else None)
    with boundary():
        if to is None:
            raise mailer.SendError("no address to send the digest to: set digest_to (or me) in the netlog "
                                   "plugin's options in mkdocs.yml")
        url = mailer.parse_url(os.environ.get(mailer.URL_ENV), os.environ.get(mailer.PASSWORD_ENV))
        message = mailer.digest_message(to, to, mod.subject(d), mod.as_text(d), mod.as_html(d))
        message["Date"] = email.utils.formatdate(localtime=True)  # the sending time, not --today
        message["Message-ID"] = email.utils.make_msgid("netlog-digest", domain=to.rpartition("@")[2])
        mailer.send(url, message)
    click.echo(for_terminal(f"sent the digest for {today.isoformat()} to {to} via {url.shown()}"))
    ctx.exit(1 if errors else 0)


# --------------------------------------------------------------------------- netlog review

KEYS = "[d]one [s]nooze [l]og [o]pen [n]ext [q]uit"


@contextlib.contextmanager
def _uninterrupted():
    """Hold Ctrl-C back while a file is written: it takes effect once the write is complete,
    so an interrupted review never leaves a file half-done (docs/format.md §16)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextlib.contextmanager
def _today_is(today):
    """``done`` and ``snooze`` take today from NETLOG_TODAY: the review's today, while it runs."""
    from ..dates import TODAY_ENV

    before = os.environ.get(TODAY_ENV)
    os.environ[TODAY_ENV] = today.isoformat()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(TODAY_ENV, None)
        else:
            os.environ[TODAY_ENV] = before


class _Session:
    """One run of ``netlog review``: the log as it stands after each answer, and the outcome."""

    def __init__(self, ctx, today):
        from ..review import Outcome

        self.ctx = ctx
        self.today = today
        self.outcome = Outcome()
        self.review_path: str | None = None  # the review entry, once written
        self.reload()

    def reload(self):
        project, log, problems = load(self.ctx)
        if log is None:
            report([p for p in problems if p.severity == ERROR], None)
            self.ctx.exit(1)
        self.project, self.log = project, log
        self.errors = [p for p in problems if p.severity == ERROR]

    def run_writer(self, command, **params) -> list[str] | None:
        """Invoke ``netlog done`` or ``snooze`` as it is (it prints what it wrote); the entry paths
        it added to the log, or None when it refused (its message printed; nothing written)."""
        before = {e.path for e in self.log.entries}
        try:
            with _uninterrupted():
                self.ctx.invoke(command, **params)
        except click.ClickException as e:  # usage errors too
            click.echo(for_terminal(f"  netlog: {e.format_message()}"))
            return None
        finally:
            self.reload()
        return sorted(e.path for e in self.log.entries if e.path not in before)


def _ask_key() -> str:
    while True:
        click.echo(KEYS + " ", nl=False)
        key = click.getchar().lower()
        click.echo(key if key.isprintable() else "")
        if key in ("d", "s", "l", "o", "n", "q"):
            return key
        click.echo("  one of d, s, l, o, n or q")


def _ask_kind(log, default: str) -> str:
    while True:
        kind = click.prompt("  kind", default=default).strip()
        if kind in log.kinds:
            return kind
        from ..suggest import did_you_mean

        click.echo(for_terminal(f"  unknown kind {kind!r}{did_you_mean(kind, log.kinds)}"))


def _answer_done(s: _Session, card) -> bool:
    from ..acting import closing_kind
    from .acting import done as done_command

    if card.person is None:
        click.echo("  This item is closed by a showcase: press l and log one, e.g. `today talk: …`.")
        return False
    item = card.item
    default = closing_kind(item, s.log) if item is not None else "message"
    kind = _ask_kind(s.log, default)
    note = click.prompt("  note", default="", show_default=False)
    added = s.run_writer(done_command, ref=card.person, kind=kind, note=note, edit=False)
    if added is None:
        if item is None:
            click.echo("  Press l to log what you did with them instead.")
        return False
    s.outcome.done.append(f"{_label(s, card)} ({', '.join(added)})")
    return True


def _answer_snooze(s: _Session, card) -> bool:
    from ..dates import add_or_never
    from ..items import CLOSABLE_SOURCES
    from .acting import snooze as snooze_command
    from .common import OFFSET

    item = card.item
    if item is not None and item.entry is not None and item.source in CLOSABLE_SOURCES:
        target = os.path.join(s.project.docs_dir, *item.entry.split("/"))  # the entry's items wait
    elif card.person is not None:
        target = card.person  # cadence, birthday, reconnect: the person waits
    else:
        click.echo("  The showcase item has no entry or person to hold a snooze; log a showcase with l.")
        return False
    offset = click.prompt("  snooze for", default="1w", type=OFFSET)
    if s.run_writer(snooze_command, target=target, for_=offset) is None:
        return False
    s.outcome.snoozed.append(f"{_label(s, card)}: until {add_or_never(offset, s.today).isoformat()}")
    return True


def _answer_log(s: _Session, card) -> bool:
    """``l``: one inbox line, read by the inbox's own parser and written as ``netlog inbox``
    writes its entries."""
    from ..capture import inbox as mod
    from ..entrytext import write_entry
    from ..load import load_people, read_person_files

    default = f"today message with {card.person}" if card.person else "today talk: "
    line = click.prompt("  inbox line", default=default).strip()
    docs_dir = s.project.docs_dir
    lines = mod.parse(line + "\n", s.today, s.log.kinds)
    p = mod.plan(lines, "(your line)", load_people(docs_dir, s.project.options), read_person_files(docs_dir),
                 s.log.kinds, s.project.options, {mod.entry_key(e) for e in s.log.entries})
    report(p.problems, None)
    if p.done:
        click.echo("  Already in the log: nothing written.")
    if not p.writes:
        if not p.problems and not p.done:
            click.echo("  Not an entry line: nothing written.")
        return False
    with _uninterrupted():
        written = [write_entry(docs_dir, w.line.date, w.stem, w.text) for w in p.writes]
    for path in written:
        click.echo(for_terminal(f"  wrote {shown(path)}"))
    commit_written(s.project, written, "review: log " + line)
    s.reload()
    rel = [os.path.relpath(w, docs_dir).replace(os.sep, "/") for w in written]
    s.outcome.logged.append(f"{one_line(line)} ({', '.join(rel)})")
    return True


def _answer_open(s: _Session, card) -> None:
    path = None
    if card.item is not None and card.item.entry is not None:
        path = card.item.entry
    elif card.person is not None and not s.log.people[card.person].stub:
        path = s.log.people[card.person].path
    if path is None:
        click.echo("  No file to open for this one.")
        return
    if not (os.environ.get("VISUAL") or os.environ.get("EDITOR")):
        click.echo(for_terminal(f"  Set $VISUAL or $EDITOR to open {shown(os.path.join(s.project.docs_dir, path))}."))
        return
    open_in_editor(os.path.join(s.project.docs_dir, *path.split("/")), True)
    s.reload()


def _label(s: _Session, card) -> str:
    from ..review import label

    return label(s.log, card)


@click.command()
@today_option
@click.pass_context
def review(ctx, today):
    """Review your network, one item at a time, in the terminal.

    Shows each overdue and today item with its context (the person, the
    action, their last entry's date, title and first line of notes), then
    the people worth reconnecting, and asks for one key:
    [d]one [s]nooze [l]og [o]pen [n]ext [q]uit. d writes what `netlog done`
    writes (asking the kind and a note), s snoozes the item's entry (or
    its person) for an offset you give, l writes an entry from one inbox
    line, o opens the file in $VISUAL/$EDITOR. At the end (or at q), when
    it showed at least one item, it writes a `review` entry dated today
    listing what was done, snoozed, logged and skipped. Ctrl-C stops it:
    what was written stays complete, and no review entry is written.

    \b
    Example:
        netlog review
    """
    from .. import review as mod

    if not interactive():
        click.echo("netlog review asks one key at a time and needs a terminal; from a script, list the "
                   "items with `netlog due` and record one done with `netlog done REF`", err=True)
        ctx.exit(2)
    today = resolve_today(today)
    s = _Session(ctx, today)
    report(s.errors, s.project.docs_dir)
    cards = mod.agenda(s.log, today)
    if not cards:
        click.echo(f"Nothing overdue or due today as of {today.isoformat()}, and nobody to reconnect with: "
                   "nothing to review.")
        ctx.exit(1 if s.errors else 0)
    try:
        with _today_is(today):
            _walk(s, cards)
        if s.outcome.shown:
            _write_review(s)
    except (KeyboardInterrupt, EOFError, click.Abort):
        review_entry = (f"the review entry {shown(s.review_path)} is written" if s.review_path
                        else "no review entry written")
        click.echo(f"\nInterrupted: every file written so far is complete; {review_entry}.", err=True)
        ctx.exit(1)


_ANSWERS = {"d": _answer_done, "s": _answer_snooze, "l": _answer_log}


def _walk(s: _Session, cards) -> None:
    """Show each card that still needs showing and take its answers, until the last card or ``q``."""
    from .. import review as mod

    for n, card in enumerate(cards, 1):
        card = mod.current(s.log, s.today, card)
        if card is None:  # closed or moved by an earlier answer
            continue
        s.outcome.shown += 1
        part = "Follow-up" if card.item is not None else "Worth reconnecting"
        click.echo(click.style(f"\n({n}/{len(cards)}) {part}", bold=True))
        for line in mod.context(s.log, s.today, card):
            click.echo(for_terminal(f"  {line}"))
        while True:
            key = _ask_key()
            if key == "o":
                _answer_open(s, card)
            elif key in _ANSWERS:
                if _ANSWERS[key](s, card):
                    break
            else:  # n: skip it; q: skip it and stop
                s.outcome.skipped.append(_label(s, card))
                if key == "q":
                    return
                break


def _write_review(s: _Session) -> None:
    """The ``review`` entry dated today, its notes the outcome, written as ``netlog new`` writes."""
    from ..capture.writing import check_entries
    from ..entrytext import entry_stem, entry_text, write_entry
    from ..load import load_people, read_person_files

    docs_dir = s.project.docs_dir
    kind = s.log.kinds["review"]
    text = entry_text(kind, s.today, [], [], None, None).rstrip("\n") + "\n\n" + s.outcome.notes(s.today)
    rel = f"{s.today.year:04d}/review.md"
    _entries, problems = check_entries(read_person_files(docs_dir), {rel: text}, s.project.options)
    errors = [p for p in problems[rel] if p.severity == ERROR]
    if errors:
        raise click.ClickException("the review entry would have errors: " + "; ".join(p.message for p in errors))
    stem = entry_stem(load_people(docs_dir, s.project.options), kind.name, s.today, [], None)
    with boundary(after="; no review entry was written"), _uninterrupted():
        s.review_path = write_entry(docs_dir, s.today, stem, text)
    click.echo()
    click.echo(for_terminal(f"wrote {shown(s.review_path)}: " + s.outcome.notes(s.today).splitlines()[0]))
    commit_written(s.project, [s.review_path], f"review of {s.today.isoformat()}")


COMMANDS = (digest, review)
