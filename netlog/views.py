"""The JSON of the reading commands, one function each (docs/commands.md).

``netlog check``, ``due``, ``audit``, ``path`` and ``find`` print, with
``--format json``, what these functions return, written by :func:`json_text`;
the assistant's tools of the same names (``netlog mcp``, docs/format.md §14)
return the very same text, because both call the same function. Pure:
values in, JSON-ready values out.
"""

from __future__ import annotations

import datetime as dt
import json

from .dates import Offset
from .model import Log, Problem


def json_text(value) -> str:
    """``value`` as the commands print it: JSON indented by 2, non-ASCII kept, control and
    format characters as ``\\uXXXX`` escapes (``sanitize.json_for_terminal``)."""
    from .sanitize import json_for_terminal

    return json_for_terminal(json.dumps(value, ensure_ascii=False, indent=2))


def check_json(problems: list[Problem], docs_dir: str | None) -> list[dict]:
    """``netlog check --format json``: ``[{"path", "line", "severity", "message", "code"}]``, paths
    relative to the current folder (as the text lines give them)."""
    from .report import problem_json

    return [problem_json(p, docs_dir) for p in problems]


def due_json(log: Log, today: dt.date, within: Offset | None = None, include_later: bool = False,
             person: str | None = None) -> dict:
    """``netlog due --format json``: ``{"today", "items": [...]}``, each item as
    ``FollowUp.to_json`` gives it; ``person`` is a slug (docs/format.md §6)."""
    from . import followups

    items = followups.select(followups.compute(log, today, within), include_later=include_later, person=person)
    return {"today": today.isoformat(), "items": [i.to_json() for i in items]}


def audit_json(log: Log, today: dt.date, mark: dt.date | None = None) -> dict:
    """``netlog audit --format json`` (docs/format.md §15): :func:`netlog.audit.to_json` of
    :func:`netlog.audit.network_audit` as of ``today``, the Since part from ``mark`` (default:
    the last review). Each part under its own key, people as slugs, shares from 0 to 1."""
    from . import audit

    return audit.to_json(audit.network_audit(log, today, mark=mark), log)


def path_json(target: str, routes) -> dict:
    """``netlog path --format json``: ``{"target", "routes": [Route.to_json()]}`` (docs/format.md §11)."""
    return {"target": target, "routes": [r.to_json() for r in routes]}
