"""``netlog import vcard`` and ``netlog import linkedin``: person files from contacts exports.

The parsing and the plan are :mod:`netlog.imports`; this module prints every
step and writes the plan with the writer of ``netlog person``.
"""

from __future__ import annotations

import click

from .. import safeio
from ..errors import Unreadable
from ..report import shown
from ..sanitize import for_terminal
from .common import load_project


def run_import(ctx: click.Context, path: str, parse, dry_run: bool) -> None:
    """Parse ``path``, plan against the log, print every step, write unless ``dry_run``."""
    from ..authoring import create_file
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
            click.echo(for_terminal(f"created  {shown(step.path)}  ({c.name})"))
    for p in problems:
        click.echo(for_terminal(p), err=True)
    dry = " (dry run: nothing was written)" if dry_run else ""
    click.echo(f"{created} created, {skipped} skipped, {len(problems)} problems{dry}")
    if failed:
        ctx.exit(1)


@click.group("import")
def import_group() -> None:
    """Write person files from a contacts export (vCard, LinkedIn).

    People already in the log (by name or aka) are reported and left
    untouched; so is the second of two contacts with the same name.

    \b
    Example:
        netlog import vcard contacts.vcf --dry-run
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


COMMANDS = (import_group,)
