"""``netlog drafts`` and ``netlog inbox`` (docs/format.md §12); ``netlog import ics`` is in
``imports.py`` with the other imports.

A thin Click layer over ``netlog.capture``: read the files, call the pure
stages, print what was written and why the rest was skipped, and turn
problems into exit codes (1 when a file could not be used or a line or
draft was left with errors).
"""

from __future__ import annotations

import os

import click

from .. import safeio
from ..model import ERROR, WARNING
from ..report import shown
from ..sanitize import for_terminal
from .common import boundary, commit_written, load_project, report, resolve_today, today_option, writer_lock


# --------------------------------------------------------------------------- netlog drafts


def _find_draft(docs_dir: str, given: str, paths: list[str]) -> str | None:
    """The draft (path in the log) that ``given`` names: a path from here, from the log, or a file name."""
    from ..capture.writing import DRAFTS

    candidates = [os.path.abspath(given), os.path.join(docs_dir, given), os.path.join(docs_dir, DRAFTS, given)]
    for c in candidates:
        rel = os.path.relpath(os.path.abspath(c), docs_dir).replace(os.sep, "/")
        if rel in paths:
            return rel
    return None


@click.command("drafts")
@click.option("--accept", "accept", multiple=True, metavar="PATH",
              help="Move this draft into the log when it passes check; repeat for several.")
@click.option("--accept-all", is_flag=True, help="Move every draft that passes check into the log.")
@click.option("--discard", "discard", multiple=True, metavar="PATH",
              help="Move this draft into LOG/_drafts/discarded/ (no import drafts it again); repeat for several.")
@click.pass_context
def drafts(ctx, accept, accept_all, discard):
    """List the drafts in LOG/_drafts/, or accept or discard them.

    Each draft is shown with its date, kind, people and whether it passes
    `netlog check`. Accepting moves a passing draft to LOG/<year>/ (with a
    -2 suffix where the name is taken; nothing is overwritten); a failing
    one stays where it is, and its check lines are printed. Discarding moves
    a draft to LOG/_drafts/discarded/: its `source` still counts as
    imported, so `netlog import ics` and `netlog import mail` do not draft
    it again.

    \b
    Examples:
        netlog drafts
        netlog drafts --accept log/_drafts/2026-11-03-meeting-jane-doe.md
        netlog drafts --accept-all
        netlog drafts --discard 2026-11-07-email-jane-doe.md
    """
    project = load_project(ctx)
    if not accept and not accept_all and not discard:
        _drafts(ctx, project, accept, accept_all, discard)
        return
    with writer_lock(project.docs_dir, "netlog drafts"):  # from reading the drafts to moving them
        _drafts(ctx, project, accept, accept_all, discard)


def _drafts(ctx, project, accept, accept_all, discard) -> None:
    """``netlog drafts``: list, or accept and discard under the log's writer lock."""
    from ..capture import drafts as mod

    docs_dir = project.docs_dir
    s = mod.survey(docs_dir, project.options)
    paths = [d.path for d in s.drafts]
    missing = False

    def chosen_of(given_paths) -> list[str]:
        nonlocal missing
        out: list[str] = []
        for given in given_paths:
            found = _find_draft(docs_dir, given, paths)
            if found is None:
                click.echo(for_terminal(f"netlog: error: no draft {given} in "
                                        f"{shown(os.path.join(docs_dir, '_drafts'))}"), err=True)
                missing = True
            elif found not in out:
                out.append(found)
        return out

    to_discard = chosen_of(discard)
    chosen = [p for p in chosen_of(accept) if p not in to_discard]
    if accept_all:
        chosen += [p for p in paths if p not in chosen and p not in to_discard]
    if not accept and not accept_all and not discard:
        _list_drafts(s, docs_dir)
        return
    discarded = 0
    written: list[str] = []  # what `commit: true` commits: entries made, drafts moved away
    for path in to_discard:
        try:
            target = mod.discard(docs_dir, path)
        except OSError as e:
            missing = True
            click.echo(for_terminal(f"netlog: error: {safeio.message(e, 'discard')} (the draft "
                                    f"{shown(os.path.join(docs_dir, path))} stays)"), err=True)
            continue
        discarded += 1
        written += [target, os.path.join(docs_dir, path)]
        click.echo(for_terminal(f"discarded {shown(os.path.join(docs_dir, path))} -> {shown(target)}"))
    by_path = {d.path: d for d in s.drafts}
    moved = kept = 0
    for path in chosen:
        d = by_path[path]
        if not d.passes:
            kept += 1
            click.echo(for_terminal(f"kept     {shown(os.path.join(docs_dir, path))}: it does not pass check"))
            report([p for p in d.problems if p.severity == ERROR], docs_dir)
            continue
        try:
            target, made = mod.accept(docs_dir, d)
        except OSError as e:
            kept += 1
            click.echo(for_terminal(f"netlog: error: {safeio.message(e, 'accept')} (the draft "
                                    f"{shown(os.path.join(docs_dir, path))} stays; nothing was accepted)"), err=True)
            continue
        moved += 1
        written += [target, os.path.join(docs_dir, path)]
        again = "" if made else " (the entry was already there: only the draft was removed)"
        click.echo(for_terminal(f"accepted {shown(os.path.join(docs_dir, path))} -> {shown(target)}{again}"))
    commit_written(project, written, f"drafts: {moved} accepted" + (f", {discarded} discarded" if discard else ""))
    click.echo(f"{moved} accepted, {kept} kept in drafts" + (f", {discarded} discarded" if discard else ""))
    if kept or missing:
        ctx.exit(1)


def _list_drafts(s, docs_dir: str) -> None:
    if not s.drafts:
        click.echo(f"No drafts in {shown(os.path.join(docs_dir, '_drafts'))}.")
        return
    failing = 0
    for d in s.drafts:
        where = shown(os.path.join(docs_dir, d.path))
        row = d.shown(s.names)
        state = click.style("passes check", fg="green") if d.passes else click.style("fails check", fg="red")
        # names and titles come from the log: control characters as escapes (sanitize.py)
        if row is None:
            click.echo(f"{for_terminal(where)}  (cannot be read as an entry)  {state}")
        else:
            click.echo(f"{for_terminal(where)}  {for_terminal('  '.join(row))}  {state}")
        if not d.passes:
            failing += 1
            report([p for p in d.problems if p.severity == ERROR], docs_dir)
        else:  # it passes, with what `netlog check` will warn of once it is in the log
            report([p for p in d.problems if p.severity == WARNING], docs_dir)
    ok = len(s.drafts) - failing
    click.echo(f"{len(s.drafts)} draft{'' if len(s.drafts) == 1 else 's'}: {ok} pass check, {failing} fail"
               + ("; accept with `netlog drafts --accept PATH` or `--accept-all`" if ok else ""))


# --------------------------------------------------------------------------- netlog inbox


@click.command("inbox")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@today_option
@click.option("--new-person", is_flag=True, help="Write lines whose refs look like a person of the log but name no one.")
@click.pass_context
def inbox(ctx, file, today, new_person):
    """Turn each line of the inbox (default LOG/_inbox.md) into an entry.

    One line per interaction, the leading `- ` optional:

    \b
        - 2026-11-30 coffee with Jane Doe, Sam Lee via Ana Ruiz: GC role #mentor +2w
        DATE KIND [with REFS] [via REFS][: TITLE] [#TAG]... [+OFFSET]

    DATE is YYYY-MM-DD, today or yesterday; REFS are separated by `, ` or
    ` and `; +OFFSET is the follow-up. Each line that makes a valid entry is
    written as `netlog new` writes it and taken out of the inbox; other
    lines stay and are reported as PATH:LINE: error: ...; blank lines,
    headings and <!-- comments --> stay. The inbox is rewritten only after
    the entries exist (lines added to it meanwhile stay), and a line whose
    entry is already in the log (everything it says the same) is not
    written twice.

    \b
    Examples:
        netlog inbox
        netlog inbox ~/notes/phone-inbox.md --today 2026-11-30
    """
    from ..capture import inbox as mod
    from ..load import INBOX

    project = load_project(ctx)
    docs_dir = project.docs_dir
    today = resolve_today(today)
    path = os.path.abspath(file) if file else os.path.join(docs_dir, INBOX)
    with writer_lock(docs_dir, "netlog inbox"):  # from reading the inbox to rewriting it
        _inbox(ctx, mod, project, path, file, today, new_person)


def _inbox(ctx, mod, project, path: str, file: str | None, today, new_person: bool) -> None:
    """``netlog inbox`` once the log's writer lock is held."""
    from .. import readfile
    from ..load import load_log, load_people, read_person_files

    docs_dir = project.docs_dir
    if not os.path.exists(path):
        hint = "" if file else " (`netlog init` writes one; or create it with one line per interaction)"
        raise click.ClickException(f"no inbox at {shown(path)}{hint}")
    original, problems = readfile.read_bytes(path, "inbox", at=shown(path))  # bounded: /dev/zero too
    text = None
    if original is not None:
        text, problems = readfile.decode(shown(path), original)
    if text is None:  # one line, path:line: error: ..., as every unreadable file is reported
        report(problems, None)
        raise click.exceptions.Exit(1)

    kinds = project.options.kinds
    lines = mod.parse(text, today, kinds)
    index = load_people(docs_dir, project.options)
    log, _problems = load_log(docs_dir, project.options)
    existing = {mod.entry_key(e) for e in log.entries}
    p = mod.plan(lines, path, index, read_person_files(docs_dir), kinds, project.options, existing, new_person)
    try:
        with boundary(after="; run `netlog inbox` again (entries already written are not written twice)"):
            written = mod.apply(path, original, docs_dir, lines, p)
    except mod.InboxChanged:
        report(p.problems, None)
        raise click.ClickException(f"{shown(path)} changed while the entries were written, so it was left "
                                   "as it is; run `netlog inbox` again (it will not write them twice)") from None
    for line, entry_path in written:
        click.echo(for_terminal(f"wrote    {shown(entry_path)}  (was line {line.number} of the inbox, taken out)"))
    commit_written(project, [e for _line, e in written] + ([path] if written or p.done else []),
                   f"inbox: {len(written)} entries")
    for line in p.done:
        click.echo(f"done     line {line.number}: already in the log")
    problems = mod.problems_after(p, written)  # at the lines they have now
    report(problems, None)
    bad = len({q.line for q in p.problems if q.severity == ERROR})
    taken = len(written) + len(p.done)
    click.echo(f"{len(written)} written, {len(p.done)} already in the log, {bad} line{'' if bad == 1 else 's'} "
               f"kept with errors" + (f"; {shown(path)} rewritten" if taken else ""))
    if bad:
        ctx.exit(1)


COMMANDS = (drafts, inbox)
