"""Writing into a log: ``netlog init``, ``netlog new`` and ``netlog person``.

The authoring side of netlog, beside the read-only pipeline (config ->
load -> follow-ups -> pages). It reads the config and the person files (to
resolve refs and refuse clashes, SPEC section 3), renders front matter with
every value quoted by PyYAML, and creates files exclusively
(``sitebuild.atomic_write(..., exclusive=True)``): nothing is ever
overwritten, not even by two runs at once. Shell completion of kinds and
people lives here too. ``imports.py`` writes its person files with
:func:`person_text` and :func:`create_file`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import io
import logging
import os
import shlex
import sys
from dataclasses import dataclass, field
from importlib import resources

import click
import yaml

from . import safeio

from .dates import Offset, parse_offset, parse_today
from .model import ERROR, Kind, Person
from .slug import slugify

#: Longest slug netlog puts into a new entry's file name (cut at a hyphen).
MAX_NAME_SLUG = 60
_WIDTH = 2**30  # never fold a long value over two lines
_HINT_COLUMN = 28


# --------------------------------------------------------------------------- cli.py's parts

# cli.py imports this module at its end to register the commands, so this module takes
# what it needs from cli.py when a command runs, not when it is imported.


class _CliType(click.ParamType):
    """cli.py's DATE or OFFSET parameter type, looked up when a value is converted."""

    def __init__(self, attr: str, name: str):
        self.attr = attr
        self.name = name

    def convert(self, value, param, ctx):
        from . import cli

        return getattr(cli, self.attr).convert(value, param, ctx)


DATE = _CliType("DATE", "YYYY-MM-DD")
OFFSET = _CliType("OFFSET", "OFFSET")


def resolve_today(value: dt.date | None) -> dt.date:
    from .cli import resolve_today as resolve

    return resolve(value)


# --------------------------------------------------------------------------- YAML text


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) made one space."""
    return " ".join(str(text).split())


def yaml_value(value) -> str:
    """``value`` as YAML text on one line: strings quoted where YAML needs it, lists in flow style.

    ``O'Neil: "x"``, ``- [a]``, ``yes`` and ``2026-01-01`` all come back from
    a YAML parser as the very strings they were.
    """
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=_WIDTH)
    if text.endswith("\n...\n"):  # PyYAML ends a lone plain scalar with a document end marker
        text = text[:-len("...\n")]
    return text.rstrip("\n")


def yaml_line(key: str, value) -> str:
    """One front matter line ``key: value``; a mapping value is written as a block below the key."""
    if isinstance(value, dict):
        return "\n".join([f"{key}:"] + [f"  {yaml_value(k)}: {yaml_value(v)}" for k, v in value.items()])
    return f"{key}: {yaml_value(value)}"


def hint(example: str, why: str) -> str:
    """A commented-out key with an explanation: ``# follow_up: 2w      # ...``."""
    return f"# {example:<{_HINT_COLUMN - 2}} # {why}"


def front_matter(lines: list[str], body: str = "") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body


# --------------------------------------------------------------------------- people


@dataclass(slots=True)
class PeopleIndex:
    """The person files of a log and the slug forms they claim (SPEC section 3)."""

    people: dict[str, Person] = field(default_factory=dict)
    forms: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # form -> [(slug, how)]

    @classmethod
    def of(cls, people) -> PeopleIndex:
        index = cls()
        for p in people:
            index.people[p.slug] = p
            claims = [(p.slug, "file name"), (slugify(p.name), f"name {p.name!r}")]
            claims += [(slugify(a), f"aka {a!r}") for a in p.aka]
            mine: set[str] = set()
            for form, how in claims:
                if form and form not in mine:
                    mine.add(form)
                    index.forms.setdefault(form, []).append((p.slug, how))
        return index

    def resolve(self, ref: str) -> list[Person]:
        """The people a ref names (more than one: the ref is ambiguous)."""
        return [self.people[s] for s, _how in self.forms.get(slugify(ref), [])]

    def claimant(self, name: str) -> tuple[Person, str] | None:
        """The first person whose slug, name or aka shares ``name``'s slug form, and which of them."""
        owners = self.forms.get(slugify(name))
        if not owners:
            return None
        slug, how = owners[0]
        return self.people[slug], how

    def suggest(self, ref: str) -> str | None:
        """The display name of the person whose name, aka or slug is closest to ``ref``."""
        from .load import suggest

        names: dict[str, str] = {}
        for p in self.people.values():
            for word in (p.name, p.slug, *p.aka):
                names.setdefault(word, p.name)
        best = suggest(ref, names, cutoff=0.6)
        return names[best] if best else None


def load_people(docs_dir: str, options) -> PeopleIndex:
    """Read only ``people/*.md`` (fast on a big log); broken files are left out."""
    from .load import build_log, read_files

    folder = os.path.join(docs_dir, "people")
    try:
        names = sorted(n for n in os.listdir(folder)
                       if n.endswith(".md") and not n.startswith(".") and os.path.isfile(os.path.join(folder, n)))
    except OSError:
        names = []
    files, _problems = read_files(docs_dir, [f"people/{n}" for n in names])
    log, _problems = build_log(files, options)
    return PeopleIndex.of(p for p in log.people.values() if not p.stub)


def read_config(config_file: str):
    """(project, problems) for a config: the quick read of check and due (no theme, no other plugins)."""
    from .config import read_project

    return read_project(config_file)


def load_project(ctx: click.Context):
    """The current project (the config, its options); exit 1 with the problems when it is broken."""
    from .cli import _config_path, report

    project, problems = read_config(_config_path(ctx))
    if project is None:
        report([p for p in problems if p.severity == ERROR], None)
        ctx.exit(1)
    return project


def person_text(name: str, *, aka=(), org: str | None = None, role: str | None = None, tags=(),
                cadence: Offset | str | None = None, met: dt.date | None = None,
                links: dict[str, str] | None = None, body: str = "") -> str:
    """A person file: the given keys, commented hints for the others, then ``body``."""
    lines = [yaml_line("name", name)]
    lines.append(yaml_line("aka", list(aka)) if aka else
                 hint("aka: []", "other names, spellings or initials that mean this person"))
    lines.append(yaml_line("org", org) if org else hint("org: Acme LLP", "where they work"))
    lines.append(yaml_line("role", role) if role else hint("role: General Counsel", "what they do"))
    lines.append(yaml_line("tags", list(tags)) if tags else
                 hint("tags: [mentor]", "the `cadence` option can give a tag a cadence"))
    lines.append(yaml_line("cadence", str(cadence)) if cadence else
                 hint("cadence: 2m", "keep in touch at least this often (d, w, m, y)"))
    lines.append(yaml_line("met", met) if met else hint("met: YYYY-MM-DD", "when you first met"))
    lines.append(hint("met_via: ...", "who introduced you (a slug, name or aka)"))
    if links:
        lines.append(yaml_line("links", dict(links)))
    else:
        lines += [hint("links:", "email, phone, profile addresses"), "#   email: name@example.com"]
    lines.append(hint("private: true", "leave out of a `netlog build --share` copy"))
    if body and not body.endswith("\n"):
        body += "\n"
    return front_matter(lines, body)


# --------------------------------------------------------------------------- writing files


def create_file(path: str, data: bytes) -> None:
    """Create ``path`` with ``data``; FileExistsError when it is there, even in a race.

    A write to a temporary file and a hard link (``atomic_write``), so a
    reader never sees half a file. Where the filesystem has no hard links
    (FAT, exFAT, some network shares), an ``O_EXCL`` create does the same
    job without the atomicity.
    """
    from .sitebuild import atomic_write

    try:
        atomic_write(path, data, exclusive=True)
    except FileExistsError:
        raise
    except OSError as e:
        if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK):
            raise
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        except BaseException:
            os.unlink(path)  # ours (O_EXCL): no half-written file stays
            raise


def create_numbered(folder: str, stem: str, data: bytes, limit: int = 10_000) -> str:
    """Create ``<stem>.md`` in ``folder``, else ``<stem>-2.md``, ``<stem>-3.md`` …; the path written."""
    for n in range(1, limit + 1):
        path = os.path.join(folder, f"{stem}.md" if n == 1 else f"{stem}-{n}.md")
        try:
            create_file(path, data)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(errno.EEXIST, f"{limit} files named {stem}-N.md already exist", folder)


def short_slug(text: str, limit: int = MAX_NAME_SLUG) -> str:
    """The slug form of ``text``, cut at a hyphen to at most ``limit`` characters."""
    slug = slugify(text)
    if len(slug) <= limit:
        return slug
    cut = slug[:limit + 1]
    return cut[:cut.rfind("-")] if "-" in cut[:limit] else slug[:limit]


def shown(path: str) -> str:
    """``path`` relative to the current folder, as the user would type it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path


def interactive() -> bool:
    """True when a person is at a terminal: stdin and stdout both are one."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced or closed streams
        return False


def open_in_editor(path: str, edit: bool) -> None:
    """Open ``path`` in $VISUAL or $EDITOR, only when asked and run from a terminal.

    Nothing opens when stdin or stdout is not a terminal (a script, a pipe,
    ``$(netlog new ...)``), or when neither variable is set (Click would
    otherwise fall back to vi).
    """
    if not edit or not (os.environ.get("VISUAL") or os.environ.get("EDITOR")) or not interactive():
        return
    try:
        click.edit(filename=path)
    except click.ClickException as e:
        click.echo(f"netlog: warning: {e.format_message()}; the file is written: {shown(path)}", err=True)


# --------------------------------------------------------------------------- shell completion


@contextlib.contextmanager
def _silenced():
    """No output and no logging while completing: the shell reads stdout."""
    logger = logging.getLogger("mkdocs")
    old = logger.disabled
    logger.disabled = True
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        logger.disabled = old


def _quiet_project(ctx: click.Context):
    from .config import find_config

    given = ctx.find_root().params.get("config_file")
    config = os.path.abspath(given) if given else find_config(os.getcwd())
    if not config or not os.path.isfile(config):
        return None
    with _silenced():
        project, _problems = read_config(config)
    return project


def complete_kinds(ctx: click.Context, param, incomplete: str):
    """Shell completion for KIND: the config's kinds (built-in ones when it cannot be read)."""
    from click.shell_completion import CompletionItem

    from .kinds import BUILTIN_KINDS

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

    try:
        project = _quiet_project(ctx)
        if project is None:
            return []
        with _silenced():
            index = load_people(project.docs_dir, project.options)
        typed = incomplete.lower()
        form = slugify(incomplete)
        out = []
        for slug, p in sorted(index.people.items()):
            words = [slug, slugify(p.name), *map(slugify, p.aka)]
            texts = [p.name.lower(), *(a.lower() for a in p.aka)]
            if (not incomplete or any(w.startswith(form) for w in words if form)
                    or any(t.startswith(typed) for t in texts)):
                out.append(CompletionItem(slug, help=p.name + (f" ({p.org})" if p.org else "")))
        return out
    except Exception:  # noqa: BLE001 - completion must never fail
        return []


def add_person_completion(command: click.Command, name: str) -> None:
    """Give an existing command's option (``netlog due --person``) people completion."""
    for param in command.params:
        if param.name == name:
            param._custom_shell_complete = complete_people  # Click has no public setter


# --------------------------------------------------------------------------- netlog init


INIT_TEMPLATES = ("templates", "init")


def init_templates() -> list[tuple[str, bytes]]:
    """The files of a new project: (path with ``dot-`` and ``{{...}}`` still in it, content)."""
    out: list[tuple[str, bytes]] = []

    def visit(node, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name == "__pycache__" or child.name.startswith("."):
                continue
            if child.is_dir():
                visit(child, f"{prefix}{child.name}/")
            else:
                out.append((f"{prefix}{child.name}", child.read_bytes()))

    visit(resources.files("netlog").joinpath(*INIT_TEMPLATES), "")
    return out


def _fill(text: str, today: dt.date) -> str:
    return text.replace("{{date}}", today.isoformat()).replace("{{year}}", f"{today.year:04d}")


def _target_path(template_path: str, today: dt.date, docs_dir: str) -> str:
    """Where a template goes: ``dot-x`` is ``.x`` (dotfiles survive packaging), ``log/`` is the docs_dir."""
    parts = [("." + p[4:]) if p.startswith("dot-") else p for p in _fill(template_path, today).split("/")]
    if parts[0] == "log":
        return os.path.join(docs_dir, *parts[1:])
    return os.path.join(*parts)


class _AnyTagLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' ``!ENV`` and ``!!python/name`` tags as nothing."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def existing_docs_dir(root: str) -> str | None:
    """The docs_dir of a config already in ``root`` (relative to it), or None when there is none."""
    from .config import CONFIG_NAMES

    for name in CONFIG_NAMES:
        path = os.path.join(root, name)
        if os.path.isfile(path):
            try:
                with open(path, encoding="utf-8-sig") as fh:
                    data = yaml.load(fh, Loader=_AnyTagLoader)
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                return "log"
            docs = data.get("docs_dir") if isinstance(data, dict) else None
            return docs if isinstance(docs, str) and docs.strip() else "docs"  # MkDocs' default
    return None


def _has_markdown(folder: str) -> bool:
    for _dirpath, _dirs, files in os.walk(folder):
        if any(f.endswith(".md") for f in files):
            return True
    return False


@dataclass(slots=True)
class InitResult:
    created: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)
    examples_skipped: bool = False
    docs_dir: str = "log"


def init_project(root: str, today: dt.date) -> InitResult:
    """Write the files of a new log into ``root``, leaving every existing file as it is.

    The example person and entry go in only when the log has no Markdown
    file yet: they would be noise in a log that has real people.
    """
    result = InitResult()
    made: list[str] = []
    try:
        safeio.makedirs(root, made)
        _init_files(root, today, result, made)
    except BaseException:
        # nothing half-done: the files and folders this run made go again
        for path in result.created:
            with contextlib.suppress(OSError):
                os.unlink(path)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                os.rmdir(folder)
        raise
    return result


def _init_files(root: str, today: dt.date, result: InitResult, made: list[str]) -> None:
    from .config import CONFIG_NAMES

    existing = existing_docs_dir(root)
    docs_rel = existing if existing is not None else "log"
    docs_dir = os.path.join(root, docs_rel)
    result.docs_dir = docs_dir
    result.examples_skipped = _has_markdown(docs_dir)
    for template, data in init_templates():
        if template.startswith("log/") and result.examples_skipped:
            continue
        path = os.path.join(root, _target_path(template, today, docs_rel))
        if template == "mkdocs.yml" and existing is not None:
            result.left_alone.extend(os.path.join(root, n) for n in CONFIG_NAMES
                                     if os.path.isfile(os.path.join(root, n)))
            continue
        try:
            safeio.makedirs(os.path.dirname(path), made)
            create_file(path, _fill(data.decode("utf-8"), today).encode("utf-8"))
        except FileExistsError:
            if not os.path.lexists(path):  # a file stands where a folder should be
                raise
            result.left_alone.append(path)
        else:
            result.created.append(path)
    safeio.makedirs(os.path.join(docs_dir, "people"), made)


def _gitignore_lacks_site(path: str) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = {line.strip() for line in fh}
    except OSError:
        return False
    return not lines & {"site", "site/", "/site", "/site/"}


@click.command("init")
@click.argument("directory", metavar="[DIR]", default=".", type=click.Path(file_okay=False))
@click.option("--today", type=DATE, envvar="NETLOG_TODAY", show_envvar=True,
              help="The example entry's date (default: NETLOG_TODAY, else today).")
def init(directory: str, today: dt.date | None) -> None:
    """Start a new log in DIR (default: the current folder).

    \b
    Writes:
        mkdocs.yml, log/people/, overrides/, .gitignore,
        .pre-commit-config.yaml (runs `netlog check` on every commit),
        an example person and an example entry dated today.

    It never overwrites a file: in a folder that already has some of them it
    writes only the missing ones and lists the others. The examples go in
    only when the log has no Markdown file yet.

    \b
    Example:
        netlog init my-network && cd my-network && netlog build
    """
    today = resolve_today(today)
    try:
        result = init_project(directory, today)
    except OSError as e:
        raise click.ClickException(safeio.message(e) + "; nothing was written") from None
    for path in result.created:
        click.echo(f"created     {shown(path)}")
    for path in result.left_alone:
        click.echo(f"left alone  {shown(path)} (already there)")
    if result.examples_skipped:
        click.echo(f"left out    the example person and entry ({shown(result.docs_dir)} already has "
                   "Markdown files)")
    gitignore = os.path.join(directory, ".gitignore")
    if gitignore in result.left_alone and _gitignore_lacks_site(gitignore):
        click.echo(f"netlog: note: {shown(gitignore)} does not ignore site/; add a line `site/`", err=True)
    where = "" if os.path.abspath(directory) == os.getcwd() else f"cd {shlex.quote(shown(directory))} && "
    click.echo(f"Next: {where}netlog check && netlog due && netlog build")


# --------------------------------------------------------------------------- netlog new


class FollowUpType(click.ParamType):
    """``--follow-up``: a date YYYY-MM-DD or an offset such as 2w."""

    name = "DATE|OFFSET"

    def convert(self, value, param, ctx):
        if isinstance(value, (dt.date, Offset)):
            return value
        text = str(value).strip()
        if text[:1].isdigit() and "-" in text:
            try:
                return parse_today(text)
            except ValueError as e:
                self.fail(f"{e}; give a date YYYY-MM-DD or an offset such as 3d, 2w, 1m or 1y", param, ctx)
        offset = parse_offset(text)
        if offset is None:
            self.fail(f"{text!r} is neither a date YYYY-MM-DD nor an offset such as 3d, 2w, 1m or 1y",
                      param, ctx)
        return offset


FOLLOW_UP = FollowUpType()

# an example value for the `channel:` hint
_CHANNELS = {"call": "phone", "video": "video", "email": "email", "message": "message",
             "thank-you": "email", "follow-up": "email", "offer": "email", "rejection": "email",
             "referral": "email", "intro": "email"}


def entry_text(kind: Kind, date: dt.date, with_: list[str], via: list[str],
               follow_up: dt.date | Offset | None, title: str | None) -> str:
    """A new entry: the given keys, and a commented hint for every other key that suits ``kind``."""
    from .kinds import OUTWARD_KINDS, VISIBILITY

    showcase = kind.group == VISIBILITY
    lines = [yaml_line("date", date), yaml_line("kind", kind.name)]
    if with_:
        lines.append(yaml_line("with", with_))
    elif showcase:
        lines.append(hint("with: [Jane Doe]", "optional: people who took part or saw it"))
    else:
        lines.append("with: []" + " " * (_HINT_COLUMN - len("with: []")) +
                     "# required: who was there (slugs, names or aka)")
    lines.append(yaml_line("via", via) if via else
                 hint("via: [Jane Doe]", "who brought this about: introduced you, recommended you, passed on the lead"))
    if title:
        lines.append(yaml_line("title", title))
    else:
        default = "the first `# ` heading of the notes, else " + (
            f"{kind.name[:1].upper()}{kind.name[1:]}" + ("" if showcase else " with <names>"))
        lines.append(hint("title: ...", f"else {default}"))
    if follow_up is not None:
        lines.append(yaml_line("follow_up", follow_up if isinstance(follow_up, dt.date) else str(follow_up)))
    elif kind.after is not None and not showcase:
        rule = f"{kind.action or 'Follow up: <title>'}, {kind.after} after the entry"
        lines.append(hint("follow_up: 2w", f"without it the {kind.name} rule applies ({rule}); false turns it off"))
    else:
        lines.append(hint("follow_up: 2w", "a date, an offset, {in: 2w, action: ...}, or false"))
    if showcase:
        lines.append(hint("audience: 20", "how many people it reached"))
    if kind.name in OUTWARD_KINDS:
        lines.append(hint("direction: out", f"out, in or mutual (out is the default for a {kind.name})"))
    else:
        lines.append(hint("direction: out", "who reached out: out, in or mutual"))
    lines.append(hint(f"channel: {_CHANNELS.get(kind.name, 'in-person')}", "in-person, video, phone, email, ..."))
    lines.append(hint("outcome: ...", "what came of it"))
    lines.append(hint("tags: []", "shown as tags on the site"))
    lines.append(hint("private: true", "leave out of a `netlog build --share` copy"))
    return front_matter(lines, "\n")


def _refs(values: tuple[str, ...], option: str) -> list[str]:
    out: list[str] = []
    for value in values:
        ref = one_line(value)
        if not slugify(ref):
            raise click.BadParameter(f"{value!r} has no letters or digits, so it names no one",
                                     param_hint=f"'{option}'")
        if ref not in out:
            out.append(ref)
    return out


def _warn_unknown(index: PeopleIndex, refs: list[str], option: str) -> None:
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


@click.command("new")
@click.argument("kind", shell_complete=complete_kinds)
@click.option("--with", "with_", multiple=True, metavar="REF", shell_complete=complete_people,
              help="A person involved (slug, name or aka); repeat for several.")
@click.option("--via", multiple=True, metavar="REF", shell_complete=complete_people,
              help="Who brought this about (introduced you, recommended you); repeat for several.")
@click.option("--date", type=DATE, envvar="NETLOG_TODAY", show_envvar=True,
              help="The entry's date (default: NETLOG_TODAY, else today).")
@click.option("--follow-up", "follow_up", type=FOLLOW_UP,
              help="A follow-up: a date YYYY-MM-DD or an offset from the entry's date, e.g. 2w.")
@click.option("--title", metavar="T", help="The entry's title (also names the file when there is no --with).")
@click.option("--edit/--no-edit", default=True, show_default=True,
              help="Open the new file in $VISUAL or $EDITOR (only from a terminal).")
@click.pass_context
def new(ctx, kind, with_, via, date, follow_up, title, edit):
    """Write a new entry of KIND from a template and print its path.

    The file is LOG/<year>/<date>-<kind>-<slug>.md, the slug made from the
    first --with person (else the title); -2, -3 ... are added when the name
    is taken, and an existing file is never overwritten. Optional keys are
    in the file as commented hints. Unknown people get a warning.

    \b
    Examples:
        netlog new coffee --with "Jane Doe" --follow-up 2w
        netlog new interview --with jane-doe --via margaret-okafor --title "Interview at Acme"
        netlog new talk --title "Lunch & learn: billing rules" --date 2026-11-20 --no-edit
    """
    project = load_project(ctx)
    kinds = project.options.kinds
    if kind not in kinds:
        from .load import suggest

        best = suggest(kind, kinds)
        mean = f" (did you mean {best!r}?)" if best else ""
        raise click.BadParameter(f"unknown kind {kind!r}{mean}; kinds: {', '.join(sorted(kinds))} "
                                 "(add more under the netlog plugin's `kinds` option)",
                                 ctx=ctx, param_hint="'KIND'")
    date = resolve_today(date)
    with_refs, via_refs = _refs(with_, "--with"), _refs(via, "--via")
    if follow_up is not None:
        try:
            due = follow_up if isinstance(follow_up, dt.date) else follow_up.add_to(date)
        except OverflowError:
            raise click.BadParameter(f"{follow_up} after {date} falls outside the calendar",
                                     ctx=ctx, param_hint="'--follow-up'") from None
        if due < date:
            raise click.BadParameter(f"{due.isoformat()} is before the entry's date {date.isoformat()}",
                                     ctx=ctx, param_hint="'--follow-up'")
    title = one_line(title) if title else None

    index = load_people(project.docs_dir, project.options)
    for option, refs in (("--with", with_refs), ("--via", via_refs)):
        for ref in refs:
            reserved = reserved_person_path(ref)
            if reserved is not None and not index.resolve(ref):
                raise click.BadParameter(f"{ref!r} cannot be a person: {reserved} is the people index page",
                                         ctx=ctx, param_hint=f"'{option}'")
    _warn_unknown(index, with_refs, "--with")
    _warn_unknown(index, via_refs, "--via")
    slug = ""
    if with_refs:
        found = index.resolve(with_refs[0])
        slug = found[0].slug if len(found) == 1 else short_slug(with_refs[0])
    elif title:
        slug = short_slug(title)
    prefix = f"{date.isoformat()}-{slugify(kind) or 'entry'}"
    stem = fit_entry_stem(prefix, slug)
    if not with_refs and kinds[kind].group != "visibility":
        click.echo(f"netlog: note: a {kind} needs someone in `with`; fill it in before `netlog check`",
                   err=True)
    text = entry_text(kinds[kind], date, with_refs, via_refs, follow_up, title)
    try:
        path = create_numbered(os.path.join(project.docs_dir, f"{date.year:04d}"), stem, text.encode("utf-8"))
    except OSError as e:
        raise click.ClickException(safeio.message(e) + "; the entry was not written") from None
    click.echo(shown(path))
    open_in_editor(path, edit)


def fit_entry_stem(prefix: str, slug: str) -> str:
    """``<prefix>-<slug>`` with the slug cut so the stem, with a ``-NNNNN`` to tell files apart,
    stays a page name netlog can publish (paths.MAX_PAGE_NAME_BYTES)."""
    from .paths import MAX_PAGE_NAME_BYTES, cut_slug

    room = MAX_PAGE_NAME_BYTES - len(prefix.encode("utf-8")) - len("--10000")
    prefix = cut_slug(prefix, MAX_PAGE_NAME_BYTES - len("-10000"))
    slug = cut_slug(slug, room) if room > 0 else ""
    return prefix + (f"-{slug}" if slug else "")


# --------------------------------------------------------------------------- netlog person


class PersonExists(Exception):
    """A person file, or someone claiming the name's slug form, is already in the log."""

    def __init__(self, where: str, how: str | None = None):
        super().__init__(where, how)
        self.where = where  # the file, relative to the current folder
        self.how = how  # None: the file itself exists; else "name 'X'" or "aka 'Y'"


class ReservedName(ValueError):
    """A name whose person file would sit at a generated page's path (``people/index.md``)."""


def reserved_person_path(name: str) -> str | None:
    """``people/<slug>.md`` when that path is netlog's (the people index), else None."""
    from .load import is_reserved

    path = f"people/{slugify(name)}.md"
    return path if is_reserved(path) else None


def check_new_person(index: PeopleIndex, docs_dir: str, name: str) -> str:
    """The path for a new person called ``name``; PersonExists when that would clash.

    ReservedName when the file would be ``people/index.md``, the page netlog
    generates for the list of people.
    """
    reserved = reserved_person_path(name)
    if reserved is not None:
        raise ReservedName(f"{name!r} would be {reserved}, the people index page netlog generates; "
                           "add a word to the name")
    path = os.path.join(docs_dir, "people", f"{slugify(name)}.md")
    if os.path.lexists(path):
        raise PersonExists(shown(path))
    found = index.claimant(name)
    if found is not None:
        person, how = found
        raise PersonExists(shown(os.path.join(docs_dir, person.path)) if person.path else person.slug, how)
    return path


@click.command("person")
@click.argument("name")
@click.option("--org", metavar="O", help="Where they work.")
@click.option("--role", metavar="R", help="What they do.")
@click.option("--cadence", type=OFFSET, help="Keep in touch at least this often, e.g. 2m.")
@click.option("--tag", "tags", multiple=True, metavar="T", help="A tag; repeat for several.")
@click.option("--met", type=DATE, help="When you first met.")
@click.option("--edit/--no-edit", default=True, show_default=True,
              help="Open the new file in $VISUAL or $EDITOR (only from a terminal).")
@click.pass_context
def person(ctx, name, org, role, cadence, tags, met, edit):
    """Write a new person file LOG/people/<slug>.md and print its path.

    Refuses (exit 1) when the file exists, or when the name has the same
    slug form as someone's file name, name or aka.

    \b
    Example:
        netlog person "José Núñez" --org "Castellan Wright" --role "General Counsel" --cadence 3m --tag mentor
    """
    name = one_line(name)
    if not slugify(name):
        raise click.BadParameter(f"{name!r} has no letters or digits to make a file name from",
                                 ctx=ctx, param_hint="'NAME'")
    from .paths import page_name_too_long, too_long_message

    size = page_name_too_long(slugify(name))
    if size is not None:
        raise click.BadParameter(too_long_message("the file name this name makes", size),
                                 ctx=ctx, param_hint="'NAME'")
    project = load_project(ctx)
    index = load_people(project.docs_dir, project.options)
    try:
        path = check_new_person(index, project.docs_dir, name)
        text = person_text(name, org=one_line(org) if org else None, role=one_line(role) if role else None,
                           tags=[t for t in map(one_line, tags) if t], cadence=cadence, met=met)
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
    except OSError as e:
        raise click.ClickException(safeio.message(e) + "; the person file was not written") from None
    click.echo(shown(path))
    open_in_editor(path, edit)
