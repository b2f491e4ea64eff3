"""Problems as text: the one printer of ``path:line: severity: message`` lines.

Used by the command line and by the plugin (whose errors stop ``mkdocs build``).
"""

from __future__ import annotations

import os

from .model import Problem

_CONTROL = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def display_path(problem: Problem, docs_dir: str | None, *, escape: bool = True, start: str | None = None) -> str:
    """The problem's path relative to the current folder (or to ``start``), line breaks in
    names escaped for text output (JSON carries them as they are)."""
    path = problem.path
    if not os.path.isabs(path) and docs_dir is not None:
        path = os.path.join(docs_dir, path)
    try:
        rel = os.path.relpath(path, start)
        # a file far outside the current folder (an export in ~/Downloads): as given, absolute
        path = rel if not rel.startswith(os.pardir + os.sep + os.pardir) or not os.path.isabs(path) else path
    except ValueError:  # another drive on Windows
        pass
    if escape and any(c in path for c in _CONTROL):
        path = "".join(_CONTROL.get(c, c) for c in path)
    return path


def format_problem(p: Problem, docs_dir: str | None, start: str | None = None) -> str:
    """``path:line: severity: message``, the path relative to the current folder (or to ``start``);
    control characters in names and messages written as escapes (sanitize.py)."""
    from .sanitize import for_terminal

    return for_terminal(f"{display_path(p, docs_dir, start=start)}:{p.line}: {p.severity}: {p.message}")


def problem_json(p: Problem, docs_dir: str | None) -> dict:
    """A problem as ``--format json`` gives it: ``path`` (relative to the current folder, as
    written), ``line``, ``severity``, ``message``, ``code``."""
    return {"path": display_path(p, docs_dir, escape=False), "line": p.line, "severity": p.severity,
            "message": p.message, "code": p.code}


def shown(path: str) -> str:
    """``path`` as the user would type it: relative to the current folder, or one folder up
    (``../site``); further away, absolute (``/tmp/x.vcf``, not ``../../../tmp/x.vcf``)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return os.path.abspath(path) if rel.startswith(os.pardir + os.sep + os.pardir) else rel
