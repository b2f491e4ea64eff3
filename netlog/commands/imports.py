"""``netlog import vcard`` and ``netlog import linkedin``: person files from contacts exports;
``netlog import ics``: drafts of entries from a calendar export (docs/format.md §12).

The parsing and the plan are in :mod:`netlog.capture` (``contacts``, ``vcard``, ``linkedin``, ``ics``);
this module prints every step and writes the plan with the writers of
``netlog person`` and ``netlog new``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os

import click

from .. import readfile, safeio
from ..model import ERROR, Problem
from ..report import problem_json, shown
from ..sanitize import for_terminal, json_for_terminal
from .common import DATE, commit_written, count, load_project, report, resolve_today, today_option, writer_lock


def run_import(ctx: click.Context, path: str, parse, dry_run: bool, fmt: str = "text") -> None:
    """Read ``path``, parse it, plan against the log, print every step, write unless ``dry_run``.

    Problems of the file go through the one printer (``report``: text lines made safe for a
    terminal, or ``--format json``); exit 1 when the file cannot be read or a write failed.
    """
    # thousands of people read, planned, checked and written, and kept until the end: few freed,
    # so the cycle collector would only scan them again and again (as in load_log and plan)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        _run_import(ctx, path, parse, dry_run, fmt)
    finally:
        if was_enabled:
            gc.enable()


def _run_import(ctx: click.Context, path: str, parse, dry_run: bool, fmt: str) -> None:
    from ..capture.contacts import person_file_text, plan, read_contacts
    from ..load import load_people
    from ..userfiles import Batch

    project = load_project(ctx)
    text, problems = read_contacts(path)
    found = []
    if text is not None:
        found, problems = parse(text, path)
    if not found and any(p.severity == ERROR for p in problems):
        if fmt == "json":
            _json_out(path, dry_run, [], [], problems)
        else:
            report(problems, None)
            click.echo(f"netlog: nothing in {for_terminal(shown(path))} could be read as a contact", err=True)
        ctx.exit(1)
    index = load_people(project.docs_dir, project.options)
    result = plan(found, index, project.docs_dir, path)
    problems += result.problems
    created: list[dict] = []
    skipped: list[dict] = []
    failed = False
    text_out = fmt == "text"
    written: list[str] = []  # what `commit: true` commits (docs/format.md §13)
    batch = Batch()  # every new person file whole, all made durable together at the end
    shown_in = _shown_by_folder()
    lines = _Lines(quiet=not text_out)
    for step in result.steps:
        c = step.person
        if step.skipped is not None:
            skipped.append({"name": c.name, "where": c.where, "line": c.line, "reason": step.skipped,
                            "match": step.match})
            lines.add(f"skipped  {c.name} ({c.where}): {step.skipped}")
            continue
        if not dry_run:
            try:
                batch.create_file(step.path, (step.text or person_file_text(c)).encode("utf-8"))
            except FileExistsError:
                skipped.append({"name": c.name, "where": c.where, "line": c.line,
                                "reason": f"{shown(step.path)} appeared meanwhile", "match": shown(step.path)})
                lines.add(f"skipped  {c.name} ({c.where}): {shown(step.path)} appeared meanwhile")
                continue
            except OSError as e:
                failed = True
                problems.append(Problem(path, c.line, ERROR, f"{c.where}: {safeio.message(e)}", "contacts-not-written"))
                continue
        where = shown_in(step.path)
        created.append({"name": c.name, "where": c.where, "line": c.line, "path": where})
        if not dry_run:
            written.append(step.path)
        lines.add(f"{'would create' if dry_run else 'created'}  {where}  ({c.name})")
    lines.flush()
    try:
        batch.sync()
    except OSError as e:
        failed = True
        problems.append(Problem(path, 1, ERROR, f"the new person files may not be on disk yet: {safeio.message(e)}",
                                "contacts-not-written"))
    commit_written(project, written, f"import {os.path.basename(path)}: {len(written)} people")
    if text_out:
        report(problems, None)
        dry = " (dry run: nothing was written)" if dry_run else ""
        click.echo(f"{len(created)} created, {len(skipped)} skipped, {len(problems)} problems{dry}")
    else:
        _json_out(path, dry_run, created, skipped, problems)
    if failed:
        ctx.exit(1)


def _shown_by_folder():
    """:func:`~netlog.report.shown` of paths, each folder's made once: ``shown`` (``relpath``)
    asks the system for the current folder twice a call, thousands of times in an import."""
    folders: dict[str, str] = {}

    def shown_in(path: str) -> str:
        folder, name = os.path.split(path)
        if not name or name in (".", ".."):
            return shown(path)
        if folder not in folders:
            folders[folder] = shown(folder) if folder else "."
        return name if folders[folder] == "." else os.path.join(folders[folder], name)

    return shown_in


def _json_out(path: str, dry_run: bool, created: list, skipped: list, problems: list) -> None:
    """An import's ``--format json``: what it created (or would), what it skipped and why, and
    its problems as ``netlog check --format json`` gives them (``report.problem_json``)."""
    click.echo(json_for_terminal(json.dumps(
        {"file": path, "dry_run": dry_run, "created": created, "skipped": skipped,
         "problems": [problem_json(p, None) for p in problems]}, ensure_ascii=False, indent=2)))


@click.group("import")
def import_group() -> None:
    """Write person files from contacts (vCard, LinkedIn), or drafts from a calendar (ics) or mail.

    People already in the log (by name or aka, email, phone or profile URL)
    are reported with the reason and left untouched; so is a contact the
    file has already named. Drafts go to LOG/_drafts/ for `netlog drafts`.

    \b
    Example:
        netlog import vcard contacts.vcf --dry-run
        netlog import ics calendar.ics --dry-run
        netlog import mail ~/Mail/INBOX --dry-run
    """


_FILE = click.argument("file", type=click.Path(dir_okay=True, allow_dash=False))
_DRY_RUN = click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
_FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                       help="json: what was created and skipped, and the problems as `netlog check --format json`.")


@import_group.command("vcard")
@_FILE
@_DRY_RUN
@_FORMAT
@click.pass_context
def import_vcard(ctx: click.Context, file: str, dry_run: bool, fmt: str) -> None:
    """Write a person file for each new contact in a vCard file (3.0 or 4.0).

    N (else FN) without honorifics gives the name, NICKNAME the aka, BDAY
    the birthday, ORG the org, TITLE the role, EMAIL, TEL and URL the links
    (email, phone, url; the second is email-2 ...), NOTE the notes. A card
    that cannot be read is a problem line; the rest go on. Values too long
    for a person file are cut, with a warning. Ends with a summary:
    created, skipped, problems.

    \b
    Example:
        netlog import vcard contacts.vcf --dry-run
        netlog import vcard contacts.vcf
    """
    from ..capture.vcard import parse_vcards

    run_import(ctx, file, parse_vcards, dry_run, fmt)


@import_group.command("linkedin")
@_FILE
@_DRY_RUN
@_FORMAT
@click.pass_context
def import_linkedin(ctx: click.Context, file: str, dry_run: bool, fmt: str) -> None:
    """Write a person file for each new connection in LinkedIn's Connections.csv.

    First and Last Name give the name, Company the org, Position the role,
    Connected On the `met` date (23 Apr 2023, 23-Apr-23, 4/23/23 or
    1/8/18, 6:14 PM), URL and Email Address the links (linkedin, email).
    Ends with a summary: created, skipped, problems.

    \b
    Example:
        netlog import linkedin ~/Downloads/Connections.csv --dry-run
        netlog import linkedin ~/Downloads/Connections.csv
    """
    from ..capture.linkedin import parse_linkedin

    run_import(ctx, file, parse_linkedin, dry_run, fmt)


def write_drafts(docs_dir: str, index, kinds, drafts, dry_run: bool, records: list | None = None,
                 written: list[str] | None = None) -> tuple[int, int, bool]:
    """Write each ``capture.writing.DraftEntry`` into ``_drafts/`` as ``netlog new`` writes an entry
    (``<date>-<kind>-<slug>.md``, a ``-2`` suffix where the name is taken, never overwriting),
    printing a line for each; a dry run names the files it would write. A draft whose front
    matter ``check`` would refuse (over 64 KiB: thousands of people) is skipped with a line.
    With ``records`` (a list), nothing is printed: a dict for each draft is appended to it
    (``--format json``: ``path``, ``date``, ``kind``, ``with``, ``via``, ``title``, ``source``,
    and ``skipped`` with the reason for one not written).
    ``written``, when given, gets the path of each draft written (for ``commit: true``).
    ``(drafted, refused, failed)``: ``failed`` when a write failed (its line is on stderr)."""
    from ..capture.writing import DRAFTS, entry_file_text
    from ..entrytext import entry_stem
    from ..frontmatter import MAX_FRONT_MATTER
    from ..userfiles import Batch, first_free_name

    drafted = refused = 0
    failed = False
    lines = _Lines(quiet=records is not None)
    folder = os.path.join(docs_dir, DRAFTS)
    folder_shown = shown(folder)  # once: relpath asks the system for the current folder each time
    taken: set[str] = set()  # a dry run's names: the folder's files and the drafts named before
    batch = Batch()  # each draft whole, all made durable together at the end
    if dry_run:
        with contextlib.suppress(OSError):
            taken.update(os.listdir(folder))
    for d in drafts:
        what = d.what
        record = {"path": None, "date": d.date.isoformat(), "kind": d.kind, "with": list(d.with_),
                  "via": list(d.via), "title": d.title, "source": d.source}
        if records is not None:
            records.append(record)
        stem = entry_stem(index, d.kind, d.date, list(d.with_), d.title)
        text = entry_file_text(kinds[d.kind], d.date, list(d.with_), list(d.via), None, d.title,
                               extra=d.extra, notes=d.notes)
        size = text.find("\n---", 3) - 4  # the front matter's characters, as check reads them
        if size > MAX_FRONT_MATTER:  # check would refuse the draft: say so rather than write it
            refused += 1
            record["skipped"] = (f"its draft's front matter would be {size // 1024} KiB "
                                 f"({count(len(d.with_), 'person', 'people')} in with); netlog reads at most "
                                 f"{MAX_FRONT_MATTER // 1024} KiB")
            lines.add(f"skipped  {d.date.isoformat()} {d.title or '(no title)'}: {record['skipped']}")
            continue
        if dry_run:
            drafted += 1
            record["path"] = os.path.join(folder_shown, first_free_name(stem, taken))
            lines.add(f"would draft  {record['path']}  ({what})")
            continue
        try:
            path = batch.create_numbered(folder, stem, text.encode("utf-8"))
        except OSError as e:
            failed = True
            lines.flush()
            record["skipped"] = safeio.message(e)
            click.echo(for_terminal(f"netlog: error: {safeio.message(e)} (the draft for {what})"), err=True)
            continue
        drafted += 1
        if written is not None:
            written.append(path)
        record["path"] = os.path.join(folder_shown, os.path.basename(path))
        lines.add(f"drafted  {record['path']}  ({what})")
    lines.flush()
    try:
        batch.sync()
    except OSError as e:
        failed = True
        click.echo(for_terminal(f"netlog: error: the drafts may not be on disk yet: {safeio.message(e)}"), err=True)
    return drafted, refused, failed


class _Lines:
    """Output lines made safe for a terminal (``sanitize.for_terminal``) and printed in batches:
    one ``click.echo`` per line costs more than writing a draft, for thousands of drafts."""

    def __init__(self, batch: int = 200, quiet: bool = False) -> None:
        self.lines: list[str] = []
        self.batch = batch
        self.quiet = quiet  # --format json: the lines are not printed

    def add(self, line: str) -> None:
        if self.quiet:
            return
        self.lines.append(for_terminal(line))
        if len(self.lines) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if self.lines:
            click.echo("\n".join(self.lines))
            self.lines = []


def warn_without_me(me, what: str) -> None:
    """A warning when the ``me`` option is empty: ``what`` (your messages, your invitations)
    cannot be told from other people's."""
    if not me:
        click.echo(f"netlog: warning: the `me` option is not set, so {what}; add "
                   "`me: [you@example.com]` under `- netlog:` in mkdocs.yml", err=True)


def warn_shared_addresses(index, me) -> None:
    """A warning for each address in the links of two people: it is matched to the first, and
    if the two files are one person, ``netlog merge`` makes them one."""
    for address, (kept, *others) in index.shared_emails():
        for other in others if address not in me else ():
            click.echo(for_terminal(f"netlog: warning: {address} is in the links of both {kept.slug} and "
                                    f"{other.slug}; it is matched to {kept.slug} (if they are one person: "
                                    f"`netlog merge {other.slug} {kept.slug}`)"), err=True)


def window(ctx, since: dt.date | None, until: dt.date | None, today: dt.date | None) -> tuple[dt.date, dt.date]:
    """``--since``/``--until`` of an import: default 90 days before today to today; a usage
    error when ``--since`` is after ``--until``."""
    today = resolve_today(today)
    until = until or today
    since = since or max(today, dt.date.min + dt.timedelta(days=90)) - dt.timedelta(days=90)  # not before year 1
    if since > until:
        raise click.BadParameter(f"{since.isoformat()} is after --until {until.isoformat()}", ctx=ctx,
                                 param_hint="'--since'")
    return since, until


def _at(file: str, problem) -> str:
    """``FILE:LINE: message`` of a problem that refuses a calendar; ``FILE: message`` when it is
    about the whole file (line 1)."""
    return f"{file}:{problem.line}: {problem.message}" if problem.line > 1 else f"{file}: {problem.message}"


@import_group.command("ics")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--since", type=DATE, help="First start date to import (default: 90 days before today).")
@click.option("--until", type=DATE, help="Last start date to import (default: today).")
@click.option("--all", "unknown_as_refs", is_flag=True,
              help="Also draft events with no known person: attendees' names (CN) become refs.")
@click.option("--dry-run", is_flag=True, help="Show what would be drafted; write nothing.")
@today_option
@click.pass_context
def import_ics(ctx, file, since, until, unknown_as_refs, dry_run, today):
    """Draft an entry for each meeting in a calendar export (.ics) with people of the log.

    Reads an iCalendar file from Google Calendar, Outlook or Apple Calendar;
    expands recurring events; matches attendees and the organizer to people
    by the e-mail addresses in their `links` (or by name); skips cancelled
    meetings, ones you declined (your addresses: the `me` option) and ones
    already imported. Each draft goes to LOG/_drafts/: review it, then
    `netlog drafts --accept`.

    \b
    Examples:
        netlog import ics ~/Downloads/calendar.ics --dry-run
        netlog import ics calendar.ics --since 2026-09-01 --until 2026-11-30
    """
    from ..capture.ics import occurrences, read_calendar, set_aside_broken, unknown_zones

    project = load_project(ctx)
    since, until = window(ctx, since, until, today)
    data, refused = readfile.read_bytes(file, "calendar")
    if data is None:
        report(refused, None)
        ctx.exit(1)
    cal, warnings = read_calendar(data, file, since, until)
    if cal is None:
        raise click.ClickException(_at(file, warnings[0]))
    text = data.decode("utf-8", errors="replace")  # for the lines of warnings, as the file has them
    warnings += set_aside_broken(cal, file, text, until) + unknown_zones(cal, file, text)
    found, problems = occurrences(cal, since, until, file, text)
    errors = [p for p in problems if p.severity == ERROR]
    if errors:
        raise click.ClickException(_at(file, errors[0]))
    warnings += problems

    with writer_lock(project.docs_dir, "netlog import ics"):  # from reading the sources to writing drafts
        _draft_all(ctx, project, file, found, warnings, since, until, unknown_as_refs, dry_run)


def _draft_all(ctx, project, file, found, warnings, since, until, unknown_as_refs, dry_run) -> None:
    """Plan the occurrences ``found`` against the log and write (or show) the drafts, under the
    log's writer lock."""
    from ..capture.ics import plan
    from ..capture.writing import DraftEntry, known_sources
    from ..load import load_people

    docs_dir = project.docs_dir
    kinds = project.options.kinds
    index = load_people(docs_dir, project.options)
    me = project.options.me
    warn_without_me(me, "you are taken for one of the attendees and your declines are not seen")
    warn_shared_addresses(index, me)
    result = plan(found, index, me, kinds, known_sources(docs_dir), unknown_as_refs=unknown_as_refs)
    written: list[str] = []
    drafted, too_big, failed = write_drafts(docs_dir, index, kinds, [
        DraftEntry(d.occurrence.date, d.kind, d.with_, (), d.title, {"channel": d.channel, "source": d.source},
                   d.notes()) for d in result.drafts], dry_run, written=written)
    commit_written(project, written, f"import {os.path.basename(file)}: {len(written)} drafts")
    for s in result.skips:
        o = s.occurrence
        click.echo(for_terminal(f"skipped  {o.date.isoformat()} {o.summary or '(no title)'}: {s.reason}"))
    report(warnings, None)
    verb = "would be drafted (dry run: nothing was written)" if dry_run else "drafted"
    click.echo(f"{drafted} {verb}, {len(result.skips) + too_big} skipped, of {count(len(found), 'occurrence', 'occurrences')} from "
               f"{since.isoformat()} to {until.isoformat()}" +
               ("" if dry_run or not drafted else "; review them with `netlog drafts`"))
    if failed:
        ctx.exit(1)


@import_group.command("mail")
@click.argument("path", type=click.Path())
@click.option("--since", type=DATE, help="First date to import (default: 90 days before today).")
@click.option("--until", type=DATE, help="Last date to import (default: today).")
@click.option("--all", "unknown_as_refs", is_flag=True,
              help="Also draft messages with no known person: display names become refs.")
@click.option("--dry-run", is_flag=True, help="Show what would be drafted; write nothing.")
@click.option("--no-body", is_flag=True, help="Leave the messages' text out of the drafts' notes.")
@_FORMAT
@today_option
@click.pass_context
def import_mail(ctx, path, since, until, unknown_as_refs, dry_run, no_body, fmt, today):
    """Draft an entry for each thread and date of mail with people of the log.

    PATH is an .eml file, an mbox file (Gmail Takeout, Thunderbird, an Apple
    Mail export) or a Maildir folder. Messages are matched to people by the
    addresses in From, To and Cc (your own addresses: the `me` option);
    bulk mail (mailing lists, no-reply senders, auto-replies) is skipped. The
    messages of one thread on one date become one draft in LOG/_drafts/:
    `intro` (the subject starts with "intro" or holds "<>"; the sender goes
    in `via`), `introduced` (an intro you sent), `rejection` (a message says
    "not be moving forward" or the like), else `email`. The first message's
    text, trimmed to 1,000 characters, goes into the draft's notes and
    nowhere else (--no-body: not even there). Importing again changes nothing.

    \b
    Examples:
        netlog import mail "Takeout/Mail/All mail Including Spam and Trash.mbox" --dry-run
        netlog import mail ~/Mail/INBOX --since 2026-09-01 --no-body
    """
    from ..capture.mail import plan, read_messages
    from ..capture.writing import known_sources
    from ..load import load_people

    project = load_project(ctx)
    since, until = window(ctx, since, until, today)
    docs_dir = project.docs_dir
    kinds = project.options.kinds
    index = load_people(docs_dir, project.options)
    me = project.options.me
    warn_without_me(me, "your own messages count as someone else's (who wrote first, introductions you sent)")
    warn_shared_addresses(index, me)
    with writer_lock(docs_dir, "netlog import mail"):  # from reading the sources to writing drafts
        problems: list[Problem] = []
        result = plan(read_messages(path, problems), index, me, kinds, known_sources(docs_dir), since, until,
                      unknown_as_refs=unknown_as_refs, no_body=no_body)
        problems += result.problems
        refused = [p for p in problems if p.severity == ERROR]
        records: list | None = [] if fmt == "json" else None
        if refused and not result.read:
            drafted, too_big, failed = 0, 0, False
        else:
            written: list[str] = []
            drafted, too_big, failed = write_drafts(docs_dir, index, kinds, result.drafts, dry_run, records,
                                                    written=written)
            commit_written(project, written, f"import {os.path.basename(path)}: {len(written)} drafts")
    if records is not None:
        click.echo(json_for_terminal(json.dumps(
            {"path": path, "dry_run": dry_run, "since": since.isoformat(), "until": until.isoformat(),
             "read": result.read, "in_window": result.in_window, "drafts": records,
             "skipped": [{"what": s.what, "reason": s.reason} for s in result.skips],
             "counts": dict(sorted(result.counts.items())),
             "problems": [problem_json(p, None) for p in problems]}, ensure_ascii=False, indent=2)))
    elif refused and not result.read:
        report(problems, None)
    else:
        lines = _Lines()
        for s in result.skips:
            lines.add(f"skipped  {s.what}: {s.reason}")
        lines.flush()
        for reason, n in sorted(result.counts.items()):
            click.echo(f"skipped  {count(n, 'message', 'messages')}: {for_terminal(reason)}")
        report(problems, None)
        verb = "would be drafted (dry run: nothing was written)" if dry_run else "drafted"
        skipped = len(result.skips) + too_big + sum(result.counts.values())
        click.echo(f"{drafted} {verb}, {skipped} skipped, of {count(result.in_window, 'message', 'messages')} "
                   f"from {since.isoformat()} to {until.isoformat()} ({count(result.read, 'message', 'messages')} "
                   "read)" + ("" if dry_run or not drafted else "; review them with `netlog drafts`"))
    if failed or refused:
        ctx.exit(1)

COMMANDS = (import_group,)
