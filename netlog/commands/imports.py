"""``netlog import vcard`` and ``netlog import linkedin``: person files from contacts exports;
``netlog import ics``: drafts of entries from a calendar export (docs/format.md §12).

The parsing and the plan are :mod:`netlog.imports` and :mod:`netlog.capture.ics`;
this module prints every step and writes the plan with the writers of
``netlog person`` and ``netlog new``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os

import click

from .. import safeio
from ..errors import Unreadable
from ..model import ERROR
from ..report import shown
from ..sanitize import for_terminal
from .common import DATE, commit_written, count, load_project, report, resolve_today, today_option


def run_import(ctx: click.Context, path: str, parse, dry_run: bool) -> None:
    """Parse ``path``, plan against the log, print every step, write unless ``dry_run``."""
    from ..userfiles import create_file
    from ..imports import person_file_text, plan, read_text
    from ..load import load_people

    project = load_project(ctx)
    try:
        found, notes = parse(read_text(path))
    except Unreadable as e:
        raise click.ClickException(str(e)) from None
    if not found and any(n.severity == "error" for n in notes):
        for n in notes:
            click.echo(f"{path}:{n.line}: {n.severity}: {n.message}", err=True)
        raise click.ClickException(f"nothing in {path} could be read as a contact")
    index = load_people(project.docs_dir, project.options)
    steps = plan(found, index, project.docs_dir)
    problems = [f"{path}:{n.line}: {n.severity}: {n.message}" for n in notes]
    created = skipped = 0
    failed = False
    written: list[str] = []
    for step in steps:
        c = step.person
        if step.skipped is not None:
            skipped += 1
            click.echo(for_terminal(f"skipped  {c.name} ({c.where}): {step.skipped}"))
            continue
        if dry_run:
            created += 1
            click.echo(for_terminal(f"would create  {shown(step.path)}  ({c.name})"))
            continue
        try:
            create_file(step.path, person_file_text(c).encode("utf-8"))
        except FileExistsError:
            skipped += 1
            click.echo(for_terminal(f"skipped  {c.name} ({c.where}): {shown(step.path)} appeared meanwhile"))
        except OSError as e:
            failed = True
            problems.append(f"{path}:{c.line}: error: {c.where}: {safeio.message(e)}")
        else:
            created += 1
            written.append(step.path)
            click.echo(for_terminal(f"created  {shown(step.path)}  ({c.name})"))
    commit_written(project, written, f"import {os.path.basename(path)}: {created} people")
    for p in problems:
        click.echo(for_terminal(p), err=True)
    dry = " (dry run: nothing was written)" if dry_run else ""
    click.echo(f"{created} created, {skipped} skipped, {len(problems)} problems{dry}")
    if failed:
        ctx.exit(1)


@click.group("import")
def import_group() -> None:
    """Write person files from a contacts export (vCard, LinkedIn), or drafts from a calendar (ics).

    People already in the log (by name or aka) are reported and left
    untouched; so is the second of two contacts with the same name.

    \b
    Example:
        netlog import vcard contacts.vcf --dry-run
        netlog import ics calendar.ics --dry-run
    """


_FILE = click.argument("file", type=click.Path(dir_okay=True, allow_dash=False))
_DRY_RUN = click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")


@import_group.command("vcard")
@_FILE
@_DRY_RUN
@click.pass_context
def import_vcard(ctx: click.Context, file: str, dry_run: bool) -> None:
    """Write a person file for each new contact in a vCard file (3.0 or 4.0).

    FN (or N) gives the name, ORG the org, TITLE the role, EMAIL, TEL and
    URL the links (email, phone, url; the second is email-2 ...), NOTE the
    notes. A card that cannot be read is a problem line; the rest go on.
    Ends with a summary: created, skipped, problems.

    \b
    Example:
        netlog import vcard contacts.vcf --dry-run
        netlog import vcard contacts.vcf
    """
    from ..imports import parse_vcards

    run_import(ctx, file, parse_vcards, dry_run)


@import_group.command("linkedin")
@_FILE
@_DRY_RUN
@click.pass_context
def import_linkedin(ctx: click.Context, file: str, dry_run: bool) -> None:
    """Write a person file for each new connection in LinkedIn's Connections.csv.

    First and Last Name give the name, Company the org, Position the role,
    Connected On the `met` date, URL and Email Address the links (linkedin,
    email). Ends with a summary: created, skipped, problems.

    \b
    Example:
        netlog import linkedin ~/Downloads/Connections.csv --dry-run
        netlog import linkedin ~/Downloads/Connections.csv
    """
    from ..imports import parse_linkedin

    run_import(ctx, file, parse_linkedin, dry_run)


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
    from ..entrytext import entry_stem
    from ..userfiles import create_numbered, first_free_name
    from ..capture.ics import MAX_BYTES, occurrences, plan, read_calendar, set_aside_broken, unknown_zones
    from ..capture.writing import DRAFTS, entry_file_text, known_sources
    from ..load import load_people

    project = load_project(ctx)
    today = resolve_today(today)
    until = until or today
    since = since or today - dt.timedelta(days=90)
    if since > until:
        raise click.BadParameter(f"{since.isoformat()} is after --until {until.isoformat()}", ctx=ctx,
                                 param_hint="'--since'")
    try:
        if os.path.getsize(file) > MAX_BYTES:
            raise click.ClickException(f"{file}: larger than {MAX_BYTES // (1024 * 1024)} MB; "
                                       "export a shorter stretch of the calendar")
        with open(file, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as e:
        raise click.ClickException(safeio.message(e, "read")) from None
    cal, warnings = read_calendar(data, file, since, until)
    if cal is None:
        raise click.ClickException(f"{file}: {warnings[0].message}")
    text = data.decode("utf-8", errors="replace")  # for the lines of warnings, as the file has them
    warnings += set_aside_broken(cal, file, text) + unknown_zones(cal, file, text)
    found, problems = occurrences(cal, since, until, file, text)
    errors = [p for p in problems if p.severity == ERROR]
    if errors:
        raise click.ClickException(f"{file}: {errors[0].message}")
    warnings += problems

    docs_dir = project.docs_dir
    kinds = project.options.kinds
    index = load_people(docs_dir, project.options)
    me = project.options.me
    for address, (kept, *others) in index.shared_emails():
        for other in others if address not in me else ():
            click.echo(for_terminal(f"netlog: warning: {address} is in the links of both {kept.slug} and "
                                    f"{other.slug}; it is matched to {kept.slug}"), err=True)
    result = plan(found, index, me, kinds, known_sources(docs_dir), unknown_as_refs=unknown_as_refs)

    drafted = 0
    failed = False
    folder = os.path.join(docs_dir, DRAFTS)
    folder_shown = shown(folder)  # once: relpath asks the system for the current folder each time
    taken: set[str] = set()  # a dry run's names: the folder's files and the drafts named before
    if dry_run:
        with contextlib.suppress(OSError):
            taken.update(os.listdir(folder))
    for d in result.drafts:
        o = d.occurrence
        what = f"{o.date.isoformat()} {d.kind} with {', '.join(d.with_)}" + (f": {d.title}" if d.title else "")
        stem = entry_stem(index, d.kind, o.date, list(d.with_), d.title)
        if dry_run:
            drafted += 1
            click.echo(for_terminal(f"would draft  {os.path.join(folder_shown, first_free_name(stem, taken))}"
                                    f"  ({what})"))
            continue
        text = entry_file_text(kinds[d.kind], o.date, list(d.with_), [], None, d.title,
                               extra={"channel": d.channel, "source": d.source}, notes=d.notes())
        try:
            # no fsync per draft: a draft lost to a power cut is drafted again by the next import
            path = create_numbered(folder, stem, text.encode("utf-8"), sync=False)
        except OSError as e:
            failed = True
            click.echo(for_terminal(f"netlog: error: {safeio.message(e)} (the draft for {what})"), err=True)
            continue
        drafted += 1
        click.echo(for_terminal(f"drafted  {os.path.join(folder_shown, os.path.basename(path))}  ({what})"))
    for s in result.skips:
        o = s.occurrence
        click.echo(for_terminal(f"skipped  {o.date.isoformat()} {o.summary or '(no title)'}: {s.reason}"))
    report(warnings, None)
    verb = "would be drafted (dry run: nothing was written)" if dry_run else "drafted"
    click.echo(f"{drafted} {verb}, {len(result.skips)} skipped, of {count(len(found), 'occurrence', 'occurrences')} from "
               f"{since.isoformat()} to {until.isoformat()}" +
               ("" if dry_run or not drafted else "; review them with `netlog drafts`"))
    if failed:
        ctx.exit(1)


COMMANDS = (import_group,)
