"""Shell completion of kinds, people and path targets: quiet, and never failing (the shell reads stdout)."""

from __future__ import annotations

import click


def silenced():
    """:func:`netlog.mkdocs_log.silenced`, imported when a completion runs: the commands that
    offer completions do not pay for ``logging`` when they run (start-up, issue 27)."""
    from ..mkdocs_log import silenced as quiet

    return quiet()


def _quiet_project(ctx: click.Context):
    """The project of the config the command line names, or None; prints nothing."""
    from ..config import locate, read_project

    with silenced():
        project, _problems = read_project(locate(ctx.find_root().params.get("config_file")))
    return project


def complete_kinds(ctx: click.Context, param, incomplete: str):
    """Shell completion for KIND: the config's kinds (built-in ones when it cannot be read)."""
    from click.shell_completion import CompletionItem

    from ..kinds import BUILTIN_KINDS

    kinds = BUILTIN_KINDS
    try:
        project = _quiet_project(ctx)
        if project is not None:
            kinds = project.options.kinds
    except Exception:  # noqa: BLE001 - completion must never fail
        pass
    return [CompletionItem(name, help=kind.group) for name, kind in sorted(kinds.items())
            if name.startswith(incomplete)]


def complete_people(ctx: click.Context, param, incomplete: str):
    """Shell completion for a ref: people's slugs (safe in every shell), their names as help."""
    from click.shell_completion import CompletionItem

    from ..load import load_people

    try:
        project = _quiet_project(ctx)
        if project is None:
            return []
        with silenced():
            index = load_people(project.docs_dir, project.options)
        return [CompletionItem(p.slug, help=p.name + (f" ({p.org})" if p.org else ""))
                for p in index.complete(incomplete)]
    except Exception:  # noqa: BLE001 - completion must never fail
        return []


def complete_target(ctx: click.Context, param, incomplete: str):
    """Shell completion for `netlog path` TARGET: people's slugs, ``org:<org>`` and ``tag:<tag>`` (slug forms,
    which every shell takes unquoted; the names as written are the help)."""
    from click.shell_completion import CompletionItem

    from ..load import load_people
    from ..slug import slugify

    try:
        if not incomplete.startswith(("org:", "tag:")):
            out = complete_people(ctx, param, incomplete)
            out += [CompletionItem(prefix, help=f"people whose {what}")
                    for prefix, what in (("org:", "org is NAME"), ("tag:", "tags include NAME"))
                    if prefix.startswith(incomplete.lower())]
            return out
        project = _quiet_project(ctx)
        if project is None:
            return []
        with silenced():
            people = load_people(project.docs_dir, project.options).people.values()
        prefix, typed = incomplete[:4], slugify(incomplete[4:])
        values: dict[str, str] = {}
        for p in people:
            for v in ([p.org] if prefix == "org:" and p.org else p.tags if prefix == "tag:" else []):
                form = slugify(v)
                if form and form.startswith(typed):
                    values.setdefault(form, v)
        return [CompletionItem(prefix + form, help=v) for form, v in sorted(values.items())]
    except Exception:  # noqa: BLE001 - completion must never fail
        return []
