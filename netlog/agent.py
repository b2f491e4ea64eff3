"""The assistant's tools (docs/format.md §14): what ``netlog mcp`` serves, without the protocol.

Each tool is a :class:`Tool`: a name, a description that teaches the
assistant the format in a few lines, a JSON Schema for its arguments, and a
function ``(Context, arguments) -> list of texts`` that raises
:class:`Refused` (its text is the tool's error result). The protocol itself
(the MCP SDK, stdio) is in :mod:`netlog.mcpserver`, so everything here runs
and is tested without the SDK.

Read tools (``check``, ``due``, ``audit``, ``path``, ``find``) return the
JSON of the command of the same name, built by the same function
(:mod:`netlog.views`, :mod:`netlog.find`), as its first text; when the log
has errors, a second text gives them as ``check`` lines. ``person`` gives a
profile. The write tools change nothing but ``_drafts/`` and the inbox:
``draft_entry`` writes a draft as ``netlog import ics`` does, refused with
the ``check`` lines when it would not pass ``check``; ``inbox_line`` appends
one line the inbox accepts.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from typing import Callable

from .errors import NetlogError
from .model import ERROR, Problem


class Refused(NetlogError):
    """A tool call that did nothing; ``str(e)`` is the error result's text."""


@dataclass(frozen=True, slots=True)
class Context:
    """What every tool call needs: the config (mkdocs.yml) and today.

    ``today`` fixed (``netlog mcp --today``), or None: then each call reads
    ``NETLOG_TODAY``, else the local date, so a server left running past
    midnight moves on with the calendar.
    """

    config_file: str
    today: dt.date | None = None

    def day(self) -> dt.date:
        from .dates import resolve_today

        try:
            return resolve_today(self.today)
        except ValueError as e:
            raise Refused(f"NETLOG_TODAY: {e}") from None

    def _read(self):
        from .config import read_project

        project, problems = read_project(self.config_file)
        if project is None:
            raise Refused(_lines([p for p in problems if p.severity == ERROR], None))
        return project, problems

    def project(self):
        """The project (config read again on every call: the user may edit it meanwhile);
        Refused with the config's errors when it cannot be read."""
        return self._read()[0]

    def load(self):
        """``(project, log, problems)``: the log as ``netlog check`` loads it, the config's
        problems (a warning such as the plugin not enabled) first."""
        from .load import load_log

        project, problems = self._read()
        log, log_problems = load_log(project.docs_dir, project.options)
        return project, log, problems + log_problems


@dataclass(frozen=True, slots=True)
class Tool:
    """One tool: its name, description, input schema (JSON Schema) and what it does."""

    name: str
    description: str
    schema: dict
    run: Callable[[Context, dict], list[str]]
    read_only: bool = True


def _lines(problems: list[Problem], docs_dir: str | None) -> str:
    from .report import format_problem

    return "\n".join(format_problem(p, docs_dir) for p in problems)


def _with_errors(text: str, problems: list[Problem], docs_dir: str) -> list[str]:
    """The tool's texts: ``text``, then the log's errors as ``check`` lines (as the command
    prints them on standard error), when it has any."""
    errors = [p for p in problems if p.severity == ERROR]
    return [text] + ([_lines(errors, docs_dir)] if errors else [])


def _person_slug(log, ref: str) -> str:
    """The slug ``ref`` names (slug, name or aka, by slug form; stubs too, as ``netlog due
    --person`` takes it); Refused with a suggestion when it names no one, or several."""
    from .people import PeopleIndex

    index = PeopleIndex.of(log.people.values())
    found = index.slugs(ref)
    if len(found) == 1:
        return found[0]
    if found:
        raise Refused(f"{ref!r} matches more than one person: " + ", ".join(sorted(log.people[s].name for s in found)))
    best = index.suggest(ref)
    raise Refused(f"no person matches {ref!r}" + (f" (did you mean {best!r}?)" if best else ""))


# --------------------------------------------------------------------------- read tools


def _check(ctx: Context, args: dict) -> list[str]:
    from .checks import select, validate_codes
    from .errors import UnknownCode
    from .views import check_json, json_text

    try:
        only, ignore = validate_codes(args.get("only", [])), validate_codes(args.get("ignore", []))
    except UnknownCode as e:
        raise Refused(str(e)) from None
    project, _log, problems = ctx.load()
    return [json_text(check_json(select(problems, only, ignore), project.docs_dir))]


def _offset(value: str | None, what: str):
    from .dates import parse_offset

    if value is None:
        return None
    offset = parse_offset(value)
    if offset is None:
        raise Refused(f"{what}: {value!r} is not an offset such as 3d, 2w, 1m or 1y")
    return offset


def _due(ctx: Context, args: dict) -> list[str]:
    from .views import due_json, json_text

    within = _offset(args.get("within"), "within")
    project, log, problems = ctx.load()
    person = _person_slug(log, args["person"]) if args.get("person") else None
    text = json_text(due_json(log, ctx.day(), within, bool(args.get("all")), person))
    return _with_errors(text, problems, project.docs_dir)


def _audit(ctx: Context, args: dict) -> list[str]:
    from .views import audit_json, json_text

    project, log, problems = ctx.load()
    return _with_errors(json_text(audit_json(log, ctx.day())), problems, project.docs_dir)


def _path(ctx: Context, args: dict) -> list[str]:
    from . import serendipity
    from .errors import UnknownTarget
    from .views import json_text, path_json

    project, log, problems = ctx.load()
    target = args["target"]
    try:
        targets = serendipity.resolve_target(log, target)
    except UnknownTarget as e:
        raise Refused(str(e)) from None
    found, _nearest = serendipity.routes(log, ctx.day(), targets, max_hops=args.get("max_hops", serendipity.MAX_HOPS),
                                         limit=args.get("limit", serendipity.LIMIT))
    return _with_errors(json_text(path_json(target, found)), problems, project.docs_dir)


def _find(ctx: Context, args: dict) -> list[str]:
    from . import find
    from .views import json_text

    project = ctx.project()
    log, problems, lines = find.load(project.docs_dir, project.options)
    try:
        found = find.search(log, args["text"], lines)
    except ValueError as e:
        raise Refused(str(e)) from None
    return _with_errors(json_text(find.to_json(found)), problems, project.docs_dir)


#: How many entries ``person`` gives (docs/format.md §14).
PERSON_ENTRIES = 10


def person_json(log, slug: str, today: dt.date) -> dict:
    """The ``person`` tool's JSON: ``{"slug", "name", "path", "profile": {...}, "notes",
    "items": [open items, as due --all --person gives them], "entries": [{"path", "date",
    "kind", "title", "planned"}]}``, entries the :data:`PERSON_ENTRIES` newest with the person
    in ``with`` (planned ones included), newest first."""
    from .views import due_json

    p = log.people[slug]
    entries = [e for e in log.entries if slug in e.with_]  # log.entries: oldest first
    newest = sorted(entries, key=lambda e: (e.date, e.path), reverse=True)[:PERSON_ENTRIES]
    return {
        "slug": p.slug,
        "name": p.name,
        "path": p.path,  # None for a stub: a name in entries without a person file
        "profile": {"aka": list(p.aka), "org": p.org, "role": p.role, "tags": list(p.tags),
                    "cadence": str(p.cadence) if p.cadence else None,
                    "met": p.met.isoformat() if p.met else None, "met_via": p.met_via,
                    "links": dict(p.links), "private": p.private},
        "notes": p.body.strip("\n"),
        "items": due_json(log, today, include_later=True, person=slug)["items"],
        "entries": [{"path": e.path, "date": e.date.isoformat(), "kind": e.kind, "title": e.title,
                     "planned": e.date > today} for e in newest],
        "entries_in_all": len(entries),
    }


def _person(ctx: Context, args: dict) -> list[str]:
    from .views import json_text

    project, log, problems = ctx.load()
    slug = _person_slug(log, args["ref"])
    return _with_errors(json_text(person_json(log, slug, ctx.day())), problems, project.docs_dir)


# --------------------------------------------------------------------------- write tools


def _date(value: str | None, what: str, default: dt.date) -> dt.date:
    from .dates import parse_today

    if value is None:
        return default
    try:
        return parse_today(value)
    except ValueError as e:
        raise Refused(f"{what}: {e}") from None


def _follow_up(value: str | None):
    from .dates import parse_offset

    if value is None:
        return None
    text = value.strip()
    if text[:1].isdigit() and "-" in text:
        return _date(text, "follow_up", None)
    offset = parse_offset(text)
    if offset is None:
        raise Refused(f"follow_up: {value!r} is neither a date YYYY-MM-DD nor an offset such as 3d, 2w, 1m or 1y")
    return offset


def _refs(values) -> list[str]:
    from .yamlemit import one_line

    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values or []:
        ref = one_line(value)
        if ref and ref not in out:
            out.append(ref)
    return out


def draft_text(ctx: Context, project, args: dict) -> tuple[str, str]:
    """``(file stem, text)`` of the draft ``args`` describe, as ``netlog new`` writes an
    entry (``writing.entry_file_text``) with ``source: agent:<today>`` and the notes below."""
    from .capture.writing import entry_file_text
    from .entrytext import entry_stem
    from .load import load_people
    from .model import Group, Kind
    from .yamlemit import one_line

    today = ctx.day()
    kinds = project.options.kinds
    name = one_line(args["kind"])
    # an unknown kind is written as asked: `check` then refuses it with its own line and suggestion
    kind = kinds.get(name) or Kind(name, Group.CONVERSATION)
    date = _date(args.get("date"), "date", today)
    with_, via = _refs(args.get("with")), _refs(args.get("via"))
    title = one_line(args["title"]) if args.get("title") else None
    notes = (args.get("notes") or "").strip("\n")
    notes = notes.replace("\r\n", "\n")
    text = entry_file_text(kind, date, with_, via, _follow_up(args.get("follow_up")), title,
                           extra={"source": f"agent:{today.isoformat()}"}, notes=notes + "\n" if notes else "")
    stem = entry_stem(load_people(project.docs_dir, project.options), name, date, with_, title)
    return stem, text


def _draft_entry(ctx: Context, args: dict) -> list[str]:
    from .capture.writing import DRAFTS, check_entries
    from .load import read_person_files
    from .userfiles import create_numbered

    project = ctx.project()
    stem, text = draft_text(ctx, project, args)
    planned = f"{DRAFTS}/{stem}.md"
    _entries, problems = check_entries(read_person_files(project.docs_dir), {planned: text}, project.options)
    found = problems[planned]
    if any(p.severity == ERROR for p in found):
        raise Refused(_lines(found, project.docs_dir))
    path = create_numbered(os.path.join(project.docs_dir, DRAFTS), stem, text.encode("utf-8"))
    rel = os.path.relpath(path)
    out = [f"drafted {rel}: it waits in the drafts until the user accepts it with "
           f"`netlog drafts --accept {os.path.basename(path)}`; nothing else was changed.\n\n{text}"]
    if found:  # warnings (an unknown person ...): the draft passes, but say so
        shown = [replace(p, path=f"{DRAFTS}/{os.path.basename(path)}") for p in found]
        out.append(_lines(shown, project.docs_dir))
    return out


def _inbox_line(ctx: Context, args: dict) -> list[str]:
    from .capture import inbox
    from .load import INBOX, load_log, load_people, read_person_files

    project = ctx.project()
    today = ctx.day()
    line = args["line"].strip()
    if len(line.splitlines()) > 1:  # any line break the inbox's reader splits at
        raise Refused("one line only: give each interaction as its own inbox_line call")
    line = _dated(line, today)
    path = os.path.join(project.docs_dir, INBOX)
    shown = os.path.relpath(path)
    number = inbox.line_count(path) + 1
    parsed = inbox.parse(line + "\n", today, project.options.kinds)
    if len(parsed) != 1 or parsed[0].what == inbox.KEEP:
        raise Refused(f"{shown}: not an interaction line (a blank line, heading or comment); write "
                      "DATE KIND [with REFS] [via REFS][: TITLE] [#TAG]... [+OFFSET]")
    parsed = [replace(parsed[0], number=number)]  # at the line it will have: problems name it
    log, _problems = load_log(project.docs_dir, project.options)
    plan = inbox.plan(parsed, shown, load_people(project.docs_dir, project.options),
                      read_person_files(project.docs_dir), project.options.kinds, project.options,
                      {inbox.entry_key(e) for e in log.entries})
    errors = [p for p in plan.problems if p.severity == ERROR]
    if errors:
        raise Refused(_lines(errors, None))
    if plan.done:
        raise Refused(f"{shown}: not added: the log already has this entry (same date, kind, people and title)")
    try:
        at = inbox.append_line(path, line)
    except ValueError as e:  # an inbox too large to take more
        raise Refused(f"{shown}: {e}") from None
    out = [f"added to {shown} at line {at}: {line}\nThe user's `netlog inbox` makes it an entry."]
    warnings = [p for p in plan.problems if p.severity != ERROR]
    if warnings:
        out.append(_lines([Problem(p.path, at, p.severity, p.message, p.code) for p in warnings], None))
    return out


def _dated(line: str, today: dt.date) -> str:
    """``line`` with a leading ``today`` or ``yesterday`` replaced by the date it means now: the
    inbox is read later, maybe days later, when ``today`` would mean another day."""
    body = line[2:] if line.startswith("- ") else line
    word, _, rest = body.partition(" ")
    day = {"today": today, "yesterday": today - dt.timedelta(days=1)}.get(word.lower())
    if day is None:
        return line
    return ("- " if line.startswith("- ") else "") + day.isoformat() + " " + rest


# --------------------------------------------------------------------------- the tools

_REF_RULES = ("People are refs: a person's slug (jane-doe), name (Jane Doe) or aka; accents and case "
              "do not matter.")
_FORMAT_RULES = ("Dates are YYYY-MM-DD. Offsets are <n>d, <n>w, <n>m or <n>y (days, weeks, calendar months, "
                 "years). {kinds} " + _REF_RULES)


def kinds_text(kinds) -> str:
    """The log's kinds in a few lines, for the write tools' descriptions: by group, with the
    follow-up rule of the kinds that have one."""
    from .model import Group

    def names(group):
        return ", ".join(sorted(k.name for k in kinds.values() if k.group == group))

    rules = ", ".join(f"{k.name} {k.after}" for k in sorted(kinds.values(), key=lambda k: k.name)
                      if k.after is not None)
    text = (f"Kinds with someone (`with` required): {names(Group.CONVERSATION)}. Showcase kinds (`with` "
            f"optional): {names(Group.VISIBILITY)}.")
    if names(Group.SELF):
        text += f" About the user alone (no `with`): {names(Group.SELF)}."
    return text + (f" Kinds whose rule adds a follow-up when none is given: {rules}." if rules else "")


def describe(tool: Tool, kinds) -> str:
    """``tool``'s description for a log with ``kinds`` (the write tools list them)."""
    return tool.description.replace("{kinds}", kinds_text(kinds))


TOOLS: tuple[Tool, ...] = (
    Tool("check", "Check every file of the log, as `netlog check --format json`: a JSON list of problems "
         "{path, line, severity, message, code}; empty when the log is clean. `only`/`ignore` select by code.",
         {"type": "object", "properties": {
             "only": {"type": "array", "items": {"type": "string"}, "description": "problem codes to keep"},
             "ignore": {"type": "array", "items": {"type": "string"}, "description": "problem codes to leave out"}},
          "additionalProperties": False}, _check),
    Tool("due", "Open follow-ups, as `netlog due --format json`: {today, items: [{due, status, person, name, "
         "source, action, entry}]}, status overdue, today or upcoming (`all`: later too). `person` keeps one "
         "person's items. " + _REF_RULES,
         {"type": "object", "properties": {
             "within": {"type": "string", "description": "show items due within this offset, e.g. 14d"},
             "all": {"type": "boolean", "description": "include items due later too"},
             "person": {"type": "string", "description": "only this person's items (a ref)"}},
          "additionalProperties": False}, _due),
    Tool("audit", "The network audit, as `netlog audit --format json`: tiers of tie strength, roles and "
         "their gaps, openness, warm routes to the user's goals, people worth reconnecting, what changed "
         "since the last review, then overdue items, one-sided ties, dormant, never contacted, no cadence "
         "(people as slugs, shares 0-1); each finding has a next_step.",
         {"type": "object", "properties": {}, "additionalProperties": False}, _audit),
    Tool("path", "Warm routes to someone, as `netlog path --format json`: {target, routes: [{people, names, "
         "strength, links: [{from, to, why}]}]}; each route starts with someone the user knows directly. "
         "target: a person ref, org:NAME or tag:NAME. No route: routes is empty.",
         {"type": "object", "properties": {
             "target": {"type": "string", "description": "a person ref, org:NAME or tag:NAME"},
             "max_hops": {"type": "integer", "minimum": 1, "description": "longest route, in people (default 3)"},
             "limit": {"type": "integer", "minimum": 1, "description": "how many routes (default 5)"}},
          "required": ["target"], "additionalProperties": False}, _path),
    Tool("find", "Search the log, as `netlog find --format json`: {query, people: [{slug, name, org}], "
         "entries: [{path, date, kind, title}]}, people first, entries newest first. Matches name, aka, org, "
         "role, tags and notes of people; title, outcome, tags, notes and people's names of entries; "
         "accents and case ignored.",
         {"type": "object", "properties": {"text": {"type": "string", "description": "what to look for"}},
          "required": ["text"], "additionalProperties": False}, _find),
    Tool("person", "One person: profile (aka, org, role, tags, cadence, met, met_via, links), notes, open "
         "follow-up items, and the 10 newest entries with them in `with` (planned ones included, "
         "`planned: true`). " + _REF_RULES,
         {"type": "object", "properties": {"ref": {"type": "string", "description": "slug, name or aka"}},
          "required": ["ref"], "additionalProperties": False}, _person),
    Tool("draft_entry", "Propose an entry: it is written to the log's _drafts/ folder (with source: "
         "agent:<today>) and waits there until the user accepts it with `netlog drafts --accept`; nothing "
         "else changes. A draft that would not pass `netlog check` is refused: the error lists the check "
         "lines; fix the arguments and call again. Look people up with find first: a ref that names no one "
         "is accepted with a warning but stands for a new person. follow_up: a date or an offset from the "
         "entry's date. "
         "A future date makes a planned entry. " + _FORMAT_RULES,
         {"type": "object", "properties": {
             "kind": {"type": "string", "description": "what happened, e.g. coffee, call, intro, talk"},
             "with": {"type": "array", "items": {"type": "string"}, "description": "people involved (refs)"},
             "via": {"type": "array", "items": {"type": "string"},
                     "description": "who brought it about: introduced, recommended, passed on the lead"},
             "date": {"type": "string", "description": "YYYY-MM-DD (default today)"},
             "follow_up": {"type": "string", "description": "a date YYYY-MM-DD or an offset such as 2w"},
             "title": {"type": "string", "description": "one line"},
             "notes": {"type": "string", "description": "Markdown notes: what was said, what came of it"}},
          "required": ["kind"], "additionalProperties": False}, _draft_entry, read_only=False),
    Tool("inbox_line", "Append one line to the user's inbox (_inbox.md in the log); the user's `netlog inbox` "
         "turns it into an entry later. The line: DATE KIND [with REFS] [via REFS][: TITLE] [#TAG]... "
         "[+OFFSET], e.g. `2026-11-30 coffee with Jane Doe, Sam Lee via Ana Ruiz: GC role #mentor +2w`; "
         "REFS separated by `, ` or ` and `; +OFFSET is the follow-up; today/yesterday are written as the "
         "date. A line the inbox would reject is refused with its message. " + _FORMAT_RULES,
         {"type": "object", "properties": {"line": {"type": "string", "description": "one inbox line"}},
          "required": ["line"], "additionalProperties": False}, _inbox_line, read_only=False),
)


def call(ctx: Context, name: str, args: dict) -> tuple[list[str], bool]:
    """Run tool ``name`` with ``args``: ``(texts, is_error)``. Arguments are checked against
    the tool's schema first (jsonschema, as the MCP SDK's clients do); a refusal, an unknown
    tool or an OSError is an error result with one text saying why, never a traceback."""
    from . import safeio

    tool = next((t for t in TOOLS if t.name == name), None)
    if tool is None:
        return [f"unknown tool {name!r}; the tools are {', '.join(t.name for t in TOOLS)}"], True
    problem = _invalid(tool, args)
    if problem:
        return [f"{name}: {problem}"], True
    try:
        return tool.run(ctx, args), False
    except Refused as e:
        return [str(e)], True
    except NetlogError as e:
        return [str(e)], True
    except OSError as e:
        return [safeio.message(e, "read or write")], True


def _invalid(tool: Tool, args: dict) -> str | None:
    import jsonschema

    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(tool.schema).iter_errors(args))
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path)
    return f"{where + ': ' if where else ''}{error.message}"
