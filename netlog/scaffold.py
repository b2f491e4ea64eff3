"""Scaffolding for ``netlog init``: the files of a new project, each created only where none is.

All or nothing: on an error the files and folders this run made are removed again.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from importlib import resources

from . import safeio
from .userfiles import create_file

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


#: The template's commented ``me`` line, written out when ``netlog init --me`` gives addresses.
ME_LINE = "# me: [you@example.com]  "


def _fill(text: str, today: dt.date, me: list[str] | None = None) -> str:
    text = text.replace("{{date}}", today.isoformat()).replace("{{year}}", f"{today.year:04d}")
    if me:
        from .yamlemit import yaml_value

        text = text.replace(ME_LINE, f"me: {yaml_value(me)}  ", 1)
    return text


def _target_path(template_path: str, today: dt.date, docs_dir: str) -> str:
    """Where a template goes: ``dot-x`` is ``.x`` (dotfiles survive packaging), ``log/`` is the docs_dir."""
    parts = [("." + p[4:]) if p.startswith("dot-") else p for p in _fill(template_path, today).split("/")]
    if parts[0] == "log":
        return os.path.join(docs_dir, *parts[1:])
    return os.path.join(*parts)


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


def init_project(root: str, today: dt.date, me: list[str] | None = None) -> InitResult:
    """Write the files of a new log into ``root``, leaving every existing file as it is.
    ``me``: your e-mail addresses, the new mkdocs.yml's ``me`` option (commented out without).

    The example person and entry go in only when the log has no Markdown
    file yet: they would be noise in a log that has real people. All or nothing: on an
    error (OSError) the files and folders this run made are removed again.
    """
    result = InitResult()
    made: list[str] = []
    try:
        safeio.makedirs(root, made)
        _init_files(root, today, result, made, me)
    except BaseException:
        safeio.undo(result.created, made)  # nothing half-done: what this run made goes again
        raise
    return result


def _init_files(root: str, today: dt.date, result: InitResult, made: list[str], me: list[str] | None) -> None:
    from .config import CONFIG_NAMES, docs_dir_in

    existing = docs_dir_in(root)
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
            create_file(path, _fill(data.decode("utf-8"), today, me if template == "mkdocs.yml" else None)
                        .encode("utf-8"))
        except FileExistsError:
            if not os.path.lexists(path):  # a file stands where a folder should be
                raise
            result.left_alone.append(path)
        else:
            result.created.append(path)
    safeio.makedirs(os.path.join(docs_dir, "people"), made)


def gitignore_lacks_site(path: str) -> bool:
    """True when the .gitignore at ``path`` has no line that ignores site/ (False when unreadable)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = {line.strip() for line in fh}
    except OSError:
        return False
    return not lines & {"site", "site/", "/site", "/site/"}
