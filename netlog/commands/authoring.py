"""``netlog init``, ``netlog new`` and ``netlog person``: writing into a log.

The files are made by :mod:`netlog.scaffold`, :mod:`netlog.entrytext` and
:mod:`netlog.persontext` (never overwriting anything);
this module parses options, warns about unknown people and prints paths.
"""

from __future__ import annotations

import os
import shlex

import click

from ..errors import OutsideCalendar, PersonExists, ReservedName
from ..report import shown
from ..slug import slugify
from .common import (DATE, DATE_OR_OFFSET, DAY, OFFSET, State, boundary, commit_written, load_project,
                     open_in_editor, resolve_today, today_option)
from .completion import complete_kinds, complete_people


@click.command("init")
@click.argument("directory", metavar="[DIR]", default=".", type=click.Path(file_okay=False))
@today_option(help="The example entry's date")
@click.option("--git/--no-git", "use_git", default=True, show_default=True,
              help="Run `git init` when DIR is not inside a git repository (and git is installed).")
@click.option("--me", "me", multiple=True, metavar="ADDRESS",
              help="Your own e-mail address (repeat for several): the `me` option of the new mkdocs.yml, "
                   "so imports never take you for someone else.")
def init(directory: str, today, use_git: bool = True, me: tuple[str, ...] = ()) -> None:
    """Start a new log in DIR (default: the current folder).

    \b
    Writes:
        mkdocs.yml, log/people/, overrides/, .gitignore,
        .pre-commit-config.yaml (runs `netlog check` on every commit),
        an example person and an example entry dated today, log/_inbox.md
        (one line per interaction: `netlog inbox`), AGENTS.md (what an AI
        assistant may do here: drafts and inbox lines only), and a git repository
        (`git init`) unless DIR is inside one already or --no-git is given.

    It never overwrites a file: in a folder that already has some of them it
    writes only the missing ones and lists the others. The examples go in
    only when the log has no Markdown file yet.

    \b
    Example:
        netlog init my-network --me you@example.com && cd my-network && netlog build
    """
    from ..people import email_address
    from ..scaffold import gitignore_lacks_site, init_project

    today = resolve_today(today)
    addresses = [email_address(a) for a in me]
    for given, address in zip(me, addresses):
        if address is None:
            raise click.BadParameter(f"{given!r} is not an e-mail address", param_hint="'--me'")
    with boundary(after="; nothing was written"):  # init_project is all or nothing
        result = init_project(directory, today, list(dict.fromkeys(addresses)))
    for path in result.created:
        click.echo(f"created     {shown(path)}")
    for path in result.left_alone:
        click.echo(f"left alone  {shown(path)} (already there)")
    if result.examples_skipped:
        click.echo(f"left out    the example person and entry ({shown(result.docs_dir)} already has "
                   "Markdown files)")
    if use_git:
        _report_repository(directory)
    gitignore = os.path.join(directory, ".gitignore")
    if gitignore in result.left_alone and gitignore_lacks_site(gitignore):
        click.echo(f"netlog: note: {shown(gitignore)} does not ignore site/; add a line `site/`", err=True)
    if not me and any(os.path.basename(p) == "mkdocs.yml" for p in result.created):
        click.echo("netlog: note: add your own e-mail addresses as `me: [you@example.com]` in mkdocs.yml "
                   "(or `netlog init --me ADDRESS`): imports of mail and calendars then know your messages "
                   "from others'", err=True)
    where = "" if os.path.abspath(directory) == os.getcwd() else f"cd {shlex.quote(shown(directory))} && "
    click.echo(f"Next: {where}netlog check && netlog due && netlog build")


def _report_repository(directory: str) -> None:
    """Give the new log a git repository when it is not inside one (``gitinit``) and say so."""
    from ..gitinit import CREATED, FAILED, INSIDE, NO_GIT, ensure_repository

    outcome, detail = ensure_repository(directory)
    if outcome == CREATED:
        click.echo(f"created     {shown(detail)} (git init)")
    elif outcome == INSIDE:
        click.echo(f"netlog: note: no git init: {shown(directory)} is inside the git repository {os.path.abspath(detail)}, "
                   "so a commit there takes the log into that repository (init the log elsewhere, e.g. "
                   "`netlog init ~/my-network`, to give it its own)", err=True)
    elif outcome == NO_GIT:
        click.echo("netlog: note: git is not installed, so no repository was made; "
                   "a log is meant to live in git", err=True)
    elif outcome == FAILED:
        click.echo(f"netlog: warning: git init failed: {detail}", err=True)


def _refs(values: tuple[str, ...], option: str) -> list[str]:
    """The refs given to ``option`` on one line each, without repeats; a usage error for one
    that names no one."""
    from ..yamlemit import one_line

    out: list[str] = []
    for value in values:
        ref = one_line(value)
        if not slugify(ref):
            raise click.BadParameter(f"{value!r} has no letters or digits, so it names no one",
                                     param_hint=f"'{option}'")
        if ref not in out:
            out.append(ref)
    return out


def _warn_unknown(index, refs: list[str], option: str) -> None:
    for ref in refs:
        found = index.resolve(ref)
        if len(found) == 1:
            continue
        if found:
            listed = ", ".join(p.path or p.slug for p in found)
            click.echo(f"netlog: warning: {option} {ref!r} matches more than one person: {listed}", err=True)
            continue
        best = index.suggest(ref)
        hint_text = f" (did you mean {best!r}?)" if best else ""
        click.echo(f"netlog: warning: {option}: unknown person {ref!r}{hint_text}; written as given "
                   f"(add them with `netlog person {shlex.quote(ref)}`)", err=True)


class _KindsListed(click.Command):
    """``netlog new --help`` ends with the kinds KIND can be: the project's (its ``kinds``
    option merged over the built-in ones) when a config is found, else the built-in ones."""

    def format_epilog(self, ctx, formatter):
        from ..kinds import BUILTIN_KINDS, GROUPS

        kinds, where = BUILTIN_KINDS, "built-in kinds (the netlog plugin's `kinds` option adds more)"
        try:
            from ..config import locate, read_project

            state = ctx.find_object(State)
            project, _ = read_project(locate(state.config_file if state else None))
            if project is not None:
                kinds, where = project.options.kinds, "kinds of this log"
        except Exception:  # help never fails: without a readable config it lists the built-in kinds
            pass
        with formatter.section(f"KIND: the {where}"):
            formatter.write_dl([(group.value, ", ".join(sorted(k for k, v in kinds.items() if v.group == group)))
                                for group in GROUPS if any(v.group == group for v in kinds.values())])
        super().format_epilog(ctx, formatter)


@click.command("new", cls=_KindsListed)
@click.argument("kind", shell_complete=complete_kinds)
@click.option("--with", "with_", multiple=True, metavar="REF", shell_complete=complete_people,
              help="A person involved (slug, name or aka); repeat for several.")
@click.option("--via", multiple=True, metavar="REF", shell_complete=complete_people,
              help="Who brought this about (introduced you, recommended you); repeat for several.")
@today_option(name="--date", help="The entry's date: YYYY-MM-DD, today or yesterday", type=DAY)
@click.option("--follow-up", "follow_up", type=DATE_OR_OFFSET,
              help="A follow-up: a date YYYY-MM-DD or an offset from the entry's date, e.g. 2w.")
@click.option("--title", metavar="T", help="The entry's title (also names the file when there is no --with).")
@click.option("--new-person", is_flag=True,
              help="Write refs that name no one though they look like a person of the log (someone new).")
@click.option("--edit/--no-edit", default=True, show_default=True,
              help="Open the new file in $VISUAL or $EDITOR (only from a terminal).")
@click.pass_context
def new(ctx, kind, with_, via, date, follow_up, title, new_person, edit):
    """Write a new entry of KIND from a template and print its path.

    The file is LOG/<year>/<date>-<kind>-<slug>.md, the slug made from the
    first --with person (else the title); -2, -3 ... are added when the name
    is taken, and an existing file is never overwritten. Optional keys are
    in the file as commented hints. Unknown people get a warning; a ref
    that names no one but looks like someone ("did you mean") is refused
    unless --new-person, and so is a conversation with no one in --with.

    \b
    Examples:
        netlog new coffee --with "Jane Doe" --follow-up 2w
        netlog new interview --with jane-doe --via margaret-okafor --title "Interview at Acme"
        netlog new talk --title "Lunch & learn: billing rules" --date 2026-11-20 --no-edit
    """
    from ..entrytext import entry_text, follow_up_due
    from ..persontext import reserved_person_path
    from ..yamlemit import one_line
    from ..acting import refusal, unsure_refs
    from ..kinds import CONVERSATION
    from ..load import load_people
    from ..suggest import did_you_mean

    project = load_project(ctx)
    kinds = project.options.kinds
    if kind not in kinds:
        raise click.BadParameter(f"unknown kind {kind!r}{did_you_mean(kind, kinds)}; kinds: "
                                 f"{', '.join(sorted(kinds))} (add more under the netlog plugin's `kinds` option)",
                                 ctx=ctx, param_hint="'KIND'")
    date = resolve_today(date)
    with_refs, via_refs = _refs(with_, "--with"), _refs(via, "--via")
    if follow_up is not None:
        try:
            follow_up_due(follow_up, date)
        except OutsideCalendar:
            raise click.BadParameter(f"{follow_up} after {date} falls outside the calendar",
                                     ctx=ctx, param_hint="'--follow-up'") from None
        except ValueError as e:
            raise click.BadParameter(str(e), ctx=ctx, param_hint="'--follow-up'") from None
    title = one_line(title) if title else None

    index = load_people(project.docs_dir, project.options)
    for option, refs in (("--with", with_refs), ("--via", via_refs)):
        for ref in refs:
            reserved = reserved_person_path(ref)
            if reserved is not None and not index.resolve(ref):
                raise click.BadParameter(f"{ref!r} cannot be a person: {reserved} is the people index page",
                                         ctx=ctx, param_hint=f"'{option}'")
    if not with_refs and kinds[kind].group == CONVERSATION:
        raise click.UsageError(f"a {kind} is with someone: give --with REF (a {kind} without anyone "
                               "would be an error in the log); nothing written", ctx=ctx)
    for option, refs in (("--with", with_refs), ("--via", via_refs)):
        unsure = [] if new_person else unsure_refs(index, refs)
        if unsure:  # a person spelled two ways would become two people (docs/format.md §13)
            raise click.BadParameter(refusal(unsure, option), ctx=ctx, param_hint=f"'{option}'")
    _warn_unknown(index, with_refs, "--with")
    _warn_unknown(index, via_refs, "--via")
    text = entry_text(kinds[kind], date, with_refs, via_refs, follow_up, title)
    from ..acting import ActionRefused, write_checked

    with boundary(after="; the entry was not written"):
        try:
            path = write_checked(project.docs_dir, project.options, index, kind, date, with_refs, title, text)
        except ActionRefused as e:
            raise click.ClickException(str(e)) from None
    click.echo(shown(path))
    commit_written(project, [path], f"new {kind}" + (f" with {', '.join(with_refs)}" if with_refs else ""))
    open_in_editor(path, edit)


@click.command("person")
@click.argument("name")
@click.option("--org", metavar="O", help="Where they work.")
@click.option("--role", metavar="R", help="What they do.")
@click.option("--cadence", type=OFFSET, help="Keep in touch at least this often, e.g. 2m.")
@click.option("--tag", "tags", multiple=True, metavar="T", help="A tag; repeat for several.")
@click.option("--met", type=DATE, help="When you first met.")
@click.option("--email", "emails", multiple=True, metavar="ADDRESS",
              help="An e-mail address, put in `links` (calendar import matches attendees by it); repeat for several.")
@click.option("--edit/--no-edit", default=True, show_default=True,
              help="Open the new file in $VISUAL or $EDITOR (only from a terminal).")
@click.pass_context
def person(ctx, name, org, role, cadence, tags, met, emails, edit):
    """Write a new person file LOG/people/<slug>.md and print its path.

    Refuses (exit 1) when the file exists, or when the name has the same
    slug form as someone's file name, name or aka.

    \b
    Example:
        netlog person "José Núñez" --org "Castellan Wright" --role "General Counsel" --cadence 3m --tag mentor
        netlog person "Ana Ruiz" --email ana.ruiz@example.com
    """
    from ..persontext import check_new_person, numbered_links, person_text
    from ..userfiles import create_file
    from ..yamlemit import one_line
    from ..load import load_people
    from ..paths import page_name_too_long, too_long_message
    from ..people import email_address

    for address in emails:
        if email_address(address) is None:
            raise click.BadParameter(f"{address!r} is not an e-mail address such as name@example.com",
                                     ctx=ctx, param_hint="'--email'")

    name = one_line(name)
    if not slugify(name):
        raise click.BadParameter(f"{name!r} has no letters or digits to make a file name from",
                                 ctx=ctx, param_hint="'NAME'")
    size = page_name_too_long(slugify(name))
    if size is not None:
        raise click.BadParameter(too_long_message("the file name this name makes", size),
                                 ctx=ctx, param_hint="'NAME'")
    project = load_project(ctx)
    index = load_people(project.docs_dir, project.options)
    with boundary(after="; the person file was not written"):
        try:
            path = check_new_person(index, project.docs_dir, name)
            text = person_text(name, org=one_line(org) if org else None, role=one_line(role) if role else None,
                               tags=[t for t in map(one_line, tags) if t], cadence=cadence, met=met,
                               links=dict(numbered_links(("email", a.strip()) for a in emails)))
            try:
                create_file(path, text.encode("utf-8"))
            except FileExistsError:
                raise PersonExists(shown(path)) from None
        except ReservedName as e:
            raise click.BadParameter(str(e), ctx=ctx, param_hint="'NAME'") from None
        except PersonExists as e:
            if e.how is None:
                raise click.ClickException(f"{e.where} already exists; nothing written") from None
            raise click.ClickException(f"{name!r} clashes with {e.where} ({e.how}): both have the slug form "
                                       f"{slugify(name)!r}; nothing written") from None
    click.echo(shown(path))
    commit_written(project, [path], f"person {name}")
    open_in_editor(path, edit)


COMMANDS = (init, new, person)
