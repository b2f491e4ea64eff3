"""Acting on the log (docs/format.md §13): ``done``, ``snooze``, ``merge``, ``rename``, and the
rules every writer follows about people.

The library side of ``commands/acting.py`` (and of the preview's actions):
each action is a plan first, a value computed from the loaded log and the
files' bytes (:func:`plan_done`, :func:`plan_snooze`, :func:`plan_merge`,
:func:`plan_rename`), then a small ``apply`` that writes the plan through
:mod:`netlog.userfiles` and returns the paths written. Planning never
writes; a plan whose result would give the log a new ``check`` error is
refused with :class:`ActionRefused` before anything is written.

Errors are :mod:`netlog.errors` values: :class:`ActionRefused` (exit 1: the
log's state stops it), :class:`BadTarget` (exit 2: what was typed names
nothing usable).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace

import yaml

from . import followups, frontmatter, userfiles
from .errors import NetlogError
from .items import CLOSABLE_SOURCES, FollowUp, Source
from .kinds import SAME_DAY_CLOSERS
from .model import ERROR, Entry, Group, Log, Person, Problem
from .people import PeopleIndex
from .slug import slugify
from .yamlemit import yaml_line, yaml_value


class ActionRefused(NetlogError):
    """The action cannot be done on the log as it is (exit 1); nothing was written."""


class BadTarget(NetlogError):
    """What was typed names no usable person or entry (a usage error, exit 2)."""


class NoSuchPerson(BadTarget):
    """A ref that names no one, not even a stub; ``suggestion`` is the "did you mean"."""

    def __init__(self, message: str, suggestion: str | None):
        super().__init__(message)
        self.suggestion = suggestion


#: The keys whose values are refs (docs/format.md §2, §3): what merge and rename rewrite.
REF_KEYS = ("with", "via", "met_via")


# --------------------------------------------------------------------------- people in writers


def unsure_refs(index: PeopleIndex, refs) -> list[tuple[str, str]]:
    """``(ref, suggestion)`` for each ref of ``refs`` that names no person file but has a
    "did you mean" (docs/format.md §13): a writer refuses these unless told the person is new."""
    out = []
    for ref in refs:
        if index.resolve(ref):
            continue
        best = index.suggest(ref)
        if best is not None:
            out.append((ref, best))
    return out


def refusal(unsure: list[tuple[str, str]], option: str) -> str:
    """The message for :func:`unsure_refs`' findings: what each ref may mean and how to insist."""
    parts = [f"{option} {ref!r} names no one (did you mean {best!r}?)" for ref, best in unsure]
    return "; ".join(parts) + "; nothing written (give --new-person if it is someone new)"


def find_person(log: Log, ref: str) -> Person:
    """The person ``ref`` names among the log's people, stubs included; a file whose slug is
    ``ref``'s slug form first (so a half-done merge or rename can be run again), else the
    people index. BadTarget for no one or more than one."""
    form = slugify(ref)
    if form in log.people and not log.people[form].stub:
        return log.people[form]
    found = PeopleIndex.of(log.people.values()).resolve(ref)
    files = [p for p in found if not p.stub]
    if len(files) > 1:
        by_name = [p for p in files if slugify(p.name) == form]
        if len(by_name) == 1:
            return by_name[0]
        raise BadTarget(f"{ref!r} matches more than one person: {', '.join(p.path for p in files)}")
    if files or found:
        return (files or found)[0]
    best = PeopleIndex.of(p for p in log.people.values() if not p.stub).suggest(ref)
    raise NoSuchPerson(f"no person matches {ref!r}" + (f" (did you mean {best!r}?)" if best else ""), best)


# --------------------------------------------------------------------------- done


#: Rule items of these kinds call for a thank-you (docs/format.md §13, `done`).
THANK_YOU_RULE_KINDS = frozenset({"interview", "rejection", "referral"})


def kind_for(source: Source, entry_kind: str | None) -> str:
    """The kind of entry an item of ``source`` (from an entry of ``entry_kind``) calls for:
    ``thank-you`` for thanks and loop items and rule items of interviews, rejections and
    referrals; ``follow-up`` for explicit and other rule items; ``message`` for cadence and
    birthday items (docs/format.md §13). The one home of this rule (``done``, the pages)."""
    if source in (Source.THANKS, Source.LOOP):
        return "thank-you"
    if source == Source.RULE:
        return "thank-you" if entry_kind in THANK_YOU_RULE_KINDS else "follow-up"
    if source == Source.EXPLICIT:
        return "follow-up"
    return "message"


def closing_kind(item: FollowUp, log: Log) -> str:
    """:func:`kind_for` ``item``, its entry looked up in ``log``."""
    e = _entry_at(log, item.entry)
    return kind_for(item.source, e.kind if e is not None else None)


def _entry_at(log: Log, path: str | None) -> Entry | None:
    if path is None:
        return None
    for e in log.entries:
        if e.path == path:
            return e
    return None


def closes(item: FollowUp, source_entry: Entry | None, kind: str, group: Group, date: dt.date,
           today: dt.date, last: dt.date | None) -> bool:
    """Would a new entry of ``kind`` (of ``group``) on ``date`` with ``item``'s person in
    ``with`` close ``item``? The closing rule of docs/format.md §6 (an entry dated after
    today, or of the ``self`` group, closes nothing); a cadence item is closed when the
    entry becomes the last contact, a birthday item (due on the day, in its grace) when the
    entry is dated from the birthday on. ``last``: the person's last contact."""
    if date > today or group == Group.SELF:
        return False
    if item.source in CLOSABLE_SOURCES:
        if source_entry is None:
            return False
        return source_entry.date < date or (source_entry.date == date and kind in SAME_DAY_CLOSERS)
    if item.source == Source.CADENCE:
        return last is None or date >= last
    if item.source == Source.BIRTHDAY:
        return birthday_of(item) <= date
    return False


def birthday_of(item: FollowUp) -> dt.date:
    """The day of a birthday item: its own due date, before any snooze moved it (section 5)."""
    return item.snoozed_from or item.due


@dataclass(frozen=True, slots=True)
class DonePlan:
    """What ``netlog done`` writes: the entry's kind and date, the person's open items and
    those the entry closes, and the entry's text (docs/format.md §13)."""

    person: Person
    ref: str  # what goes into `with`: the person's slug (a stub's name as first written)
    kind: str
    date: dt.date
    open: list[FollowUp]
    closed: list[FollowUp]
    text: str


def open_items(log: Log, today: dt.date, slug: str, items: list[FollowUp] | None = None) -> list[FollowUp]:
    """Every open item of the person ``slug``, of any status (later and snoozed ones too),
    in docs/format.md §6 order. ``items``: ``followups.compute(log, today)`` when the caller
    has it already (the preview's pages do)."""
    return [i for i in (followups.compute(log, today) if items is None else items) if i.person == slug]


def plan_done(log: Log, today: dt.date, person: Person, *, kind: str | None = None,
              date: dt.date | None = None, title: str | None = None, note: str = "",
              items: list[FollowUp] | None = None) -> DonePlan:
    """The entry that records ``person``'s open items done (docs/format.md §13, ``done``).

    ``kind``: given, else the one the first open item calls for (:func:`closing_kind`;
    birthdays still to come are passed over: no entry before the day closes them).
    ActionRefused when the person has no open item, or only birthdays after today
    (the message says when). The text is ``netlog new``'s, with ``Done: <action>`` for
    each closed item, then ``note``, as the notes. ``items``: as :func:`open_items`.
    """
    from .entrytext import entry_text

    date = date or today
    items = open_items(log, today, person.slug, items)
    actionable = [i for i in items if not (i.source == Source.BIRTHDAY and birthday_of(i) > today)]
    if not items:
        raise ActionRefused(f"{person.name} has no open follow-up; nothing written")
    if not actionable:
        days = ", ".join(birthday_of(i).isoformat() for i in items)
        raise ActionRefused(f"{person.name}'s only open item is their birthday on {days}; no entry "
                            "before the day closes it; nothing written")
    kinds = log.kinds
    chosen = kind or closing_kind(actionable[0], log)
    contacts = followups.Contacts(log, today)
    last = contacts.last.get(person.slug)
    closed = [i for i in actionable
              if closes(i, _entry_at(log, i.entry), chosen, kinds[chosen].group, date, today, last)]
    ref = person.slug if not person.stub else person.name
    notes = "\n\n".join([f"Done: {i.action}" for i in closed] + ([note.strip()] if note.strip() else []))
    text = entry_text(kinds[chosen], date, [ref], [], None, title)
    if notes:
        text = text.rstrip("\n") + "\n\n" + notes + "\n"
    return DonePlan(person, ref, chosen, date, items, closed, text)


def write_checked(docs_dir: str, options, index: PeopleIndex, kind: str, date: dt.date, with_refs: list[str],
                  title: str | None, text: str, person_files: list | None = None) -> str:
    """Write a new entry ``text`` as ``netlog new`` and ``done`` do (docs/format.md §13): checked
    first against the log's person files (ActionRefused naming the errors it would have;
    nothing written), then created under ``<year>/`` with ``new``'s file name (``index``, the
    log's people without stubs, names it); the path written. ``person_files``: the log's
    ``people/*.md`` as ``load.read_person_files`` gives them, when the caller holds them."""
    from .capture.writing import check_entries
    from .entrytext import entry_stem, write_entry
    from .load import read_person_files

    rel = f"{date.year:04d}/new.md"
    people = read_person_files(docs_dir) if person_files is None else person_files
    _entries, problems = check_entries(people, {rel: text}, options)
    errors = [p for p in problems[rel] if p.severity == ERROR]
    if errors:
        raise ActionRefused("the entry would have errors: " + "; ".join(p.message for p in errors)
                            + "; nothing written")
    return write_entry(docs_dir, date, entry_stem(index, kind, date, with_refs, title), text)


def write_done(docs_dir: str, options, index: PeopleIndex, plan: DonePlan, title: str | None = None,
               person_files: list | None = None) -> str:
    """Write ``plan``'s entry as ``netlog done`` does (:func:`write_checked`); the path written."""
    return write_checked(docs_dir, options, index, plan.kind, plan.date, [plan.ref], title, plan.text,
                         person_files)


# --------------------------------------------------------------------------- snooze


@dataclass(frozen=True, slots=True)
class Moved:
    """An item a snooze moved: its due date before and after."""

    before: FollowUp
    after: FollowUp


@dataclass(frozen=True, slots=True)
class SnoozePlan:
    """What ``netlog snooze`` writes: the file, its one new (or removed) ``snooze`` line, and the
    items that move (docs/format.md §13)."""

    path: str  # the file's path on disk
    what: str  # "person" or "entry"
    label: str  # the person's name or the entry's path in the log
    until: dt.date | None  # None: the snooze is cleared
    old: bytes
    new: bytes
    moved: list[Moved]


def snooze_target(log: Log, docs_dir: str, target: str) -> tuple[str, Person | Entry]:
    """``("person", Person)`` or ``("entry", Entry)`` for TARGET: an entry's (or a person file's)
    path, relative to the current folder or the log, or a ref. BadTarget when it names
    nothing; ActionRefused for a stub person (no file to hold the snooze)."""
    if target.endswith(".md") or "/" in target or os.sep in target:
        rel = _path_in_log(docs_dir, target)
        for e in log.entries:
            if e.path == rel:
                return "entry", e
        for p in log.people.values():
            if p.path == rel:
                return "person", p
        entry = _entry_but_its_snooze(log, docs_dir, rel)
        if entry is not None:
            return "entry", entry
        raise BadTarget(f"{target!r} is not an entry or person file of the log (or it has errors: "
                        "see `netlog check`)")
    person = find_person(log, target)
    if person.stub:
        raise ActionRefused(f"{person.name} has no person file to hold a snooze (netlog shows a stub "
                            f"page); add one with `netlog person {person.name!r}` first; nothing written")
    return "person", person


def _entry_but_its_snooze(log: Log, docs_dir: str, rel: str) -> Entry | None:
    """The entry at ``rel`` read without its ``snooze`` line, when that line is all that kept it
    out of the log (a snooze that is not a date): then ``snooze`` can replace or clear it.
    None when the file is not an entry or has other errors."""
    from . import load  # the whole loader only on this rare path

    if rel.startswith("people/"):
        return None
    try:
        with open(os.path.join(docs_dir, rel), "rb") as fh:
            raw = userfiles.edit_key(fh.read(), "snooze", None)
    except (OSError, userfiles.CannotEdit):
        return None
    text, _ = frontmatter.decode(rel, raw)
    if text is None:
        return None
    fm = frontmatter.parse(rel, text)
    if fm.data is None:
        return None
    alone, problems = load.build_log(load.read_person_files(docs_dir) + [load.SourceFile(rel, fm)], log.options)
    if any(p.path == rel and p.severity == ERROR for p in problems):
        return None
    return next((e for e in alone.entries if e.path == rel), None)


def _path_in_log(docs_dir: str, target: str) -> str:
    """``target`` as a path in the log (``2026/x.md``): tried as given (relative to the current
    folder), then relative to the log. BadTarget outside the log."""
    root = os.path.realpath(docs_dir)
    for candidate in (target, os.path.join(docs_dir, target)):
        if os.path.exists(candidate):
            real = os.path.realpath(candidate)
            if real.startswith(root + os.sep):
                return os.path.relpath(real, root).replace(os.sep, "/")
            raise BadTarget(f"{target!r} is outside the log ({docs_dir})")
    raise BadTarget(f"no file {target!r} (paths are taken from the current folder or the log)")


def plan_snooze(log: Log, docs_dir: str, today: dt.date, target: str, until: dt.date | None) -> SnoozePlan:
    """The edit that sets (``until``) or clears (None) TARGET's ``snooze``, and the items it moves,
    each with its new date (docs/format.md §13). The edit is checked: the file must read
    back with every other key as it was and ``snooze`` as asked (else CannotEdit)."""
    what, thing = snooze_target(log, docs_dir, target)
    path = os.path.join(docs_dir, thing.path)
    with open(path, "rb") as fh:
        old = fh.read()
    line = None if until is None else yaml_line("snooze", until)
    new = userfiles.edit_key(old, "snooze", line)
    _same_but(old, new, thing.path, "snooze", until)
    if what == "person":
        changed = replace(log, people={**log.people, thing.slug: replace(thing, snooze=until)})
        mine = lambda i: i.person == thing.slug  # noqa: E731 - one test, used twice
    else:
        if all(e.path != thing.path for e in log.entries):  # its snooze was not a date: its items as if it had none
            log = replace(log, entries=sorted([*log.entries, thing], key=lambda e: (e.date, e.path)))
        changed = replace(log, entries=[replace(e, snooze=until) if e.path == thing.path else e for e in log.entries])
        mine = lambda i: i.entry == thing.path and i.source in CLOSABLE_SOURCES  # noqa: E731
    raw = followups.raw_items(log, today)
    before = [i for i in followups.compute_all(log, today, raw=raw) if mine(i) and not i.closed]
    after = {_key(i): i for i in followups.compute_all(changed, today, raw=raw) if mine(i) and not i.closed}
    moved = [Moved(b, after[_key(b)]) for b in before if _key(b) in after and after[_key(b)].due != b.due]
    label = thing.name if what == "person" else thing.path
    return SnoozePlan(path, what, label, until, old, new, moved)


def _key(i: FollowUp) -> tuple:
    return (i.source, i.person, i.entry)


def _same_but(old: bytes, new: bytes, rel: str, key: str, value) -> None:
    """CannotEdit unless ``new`` reads back as ``old`` with only ``key`` set to ``value``
    (None: absent): the guard that a line edit adds no ``check`` error."""
    def data(raw: bytes) -> dict | None:
        text, problems = frontmatter.decode(rel, raw)
        if text is None:
            return None
        fm = frontmatter.parse(rel, text)
        return None if fm.problems and any(p.severity == ERROR for p in fm.problems) else fm.data
    before, after = data(old), data(new)
    if before is None:
        raise userfiles.CannotEdit(f"{rel}: its front matter has errors; fix them first (see `netlog check`)")
    expected = {k: v for k, v in before.items() if k != key}
    if value is not None:
        expected[key] = value
    if after != expected:
        raise userfiles.CannotEdit(f"{rel}: the edit would not read back as intended; nothing written")


def apply_snooze(plan: SnoozePlan) -> list[str]:
    """Write the snooze edit (unless nothing changes); the paths written."""
    if plan.new == plan.old:
        return []
    userfiles.replace_file(plan.path, plan.new, expected=plan.old)
    return [plan.path]


# --------------------------------------------------------------------------- rewriting refs


def rewrite_refs(raw: bytes, names, new_slug: str, keys=REF_KEYS) -> tuple[bytes, list[tuple[str, str]]]:
    """``raw`` with every ref in ``keys`` for which ``names(value)`` is true rewritten to
    ``new_slug``, in place: in a flow list ``[a, b]``, a block list, or one string, quotes
    and all, every other byte (comments beside them, line endings, the BOM) kept.
    Returns (new bytes, ``[(key, old value)]`` rewritten)."""
    text = raw.decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text[len(bom):]
    lines, close = userfiles.front_matter_lines(text)
    source = "".join(lines[1:close])
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return raw, []
    if not isinstance(node, yaml.MappingNode):
        return raw, []
    spans: list[tuple[int, int]] = []
    done: list[tuple[str, str]] = []
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value not in keys:
            continue
        scalars = [value_node] if isinstance(value_node, yaml.ScalarNode) else (
            [n for n in value_node.value if isinstance(n, yaml.ScalarNode)]
            if isinstance(value_node, yaml.SequenceNode) else [])
        for n in scalars:
            if n.tag == "tag:yaml.org,2002:str" and names(n.value):
                spans.append((n.start_mark.index, n.end_mark.index))
                done.append((key_node.value, n.value))
    if not spans:
        return raw, []
    replacement = yaml_value(new_slug)
    for a, b in sorted(spans, reverse=True):
        source = source[:a] + replacement + source[b:]
    out = bom + lines[0] + source + "".join(lines[close:])
    return out.encode("utf-8"), done


# --------------------------------------------------------------------------- merge and rename


@dataclass(slots=True)
class Change:
    """One file a merge or rename writes: ``new`` None removes it, ``old`` None creates it."""

    path: str  # on disk
    rel: str  # in the log
    old: bytes | None
    new: bytes | None
    what: list[str] = field(default_factory=list)  # the changes, in words
    #: a move: the file at ``moved_from`` (holding ``old``) gets ``new``, then is renamed to ``path``
    moved_from: tuple[str, str] | None = None  # (on disk, in the log)


@dataclass(slots=True)
class Plan:
    """The changes of a merge or rename, in the order they are written: the refs first, then
    the person's file (merge: INTO's, then FROM's removal last; rename: its text, then one
    rename to its new name) (docs/format.md §13)."""

    summary: str
    changes: list[Change]


def _log_files(docs_dir: str):
    from .load import read_files, walk

    paths, _problems = walk(docs_dir)
    files, _problems = read_files(docs_dir, paths)
    return files


def _values(data: dict, key: str) -> list[str]:
    value = data.get(key)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _ref_changes(docs_dir: str, files, names, new_slug: str, skip: set[str]) -> list[Change]:
    """A change for every file (but those in ``skip``) with a ref value for which ``names`` is
    true, rewritten to ``new_slug``."""
    out = []
    for src in files:
        if src.path in skip or not src.fm.data:
            continue
        if not any(names(v) for key in REF_KEYS for v in _values(src.fm.data, key)):
            continue
        path = os.path.join(docs_dir, src.path)
        with open(path, "rb") as fh:
            old = fh.read()
        new, done = rewrite_refs(old, names, new_slug)
        if done:
            out.append(Change(path, src.path, old, new, [f"{k}: {v} -> {new_slug}" for k, v in done]))
    return out


def _errors_after(docs_dir: str, files, changes: list[Change], options) -> list[Problem]:
    """The ``check`` errors the log would have after ``changes`` that it does not have now
    (compared by path, code and message), so a plan that adds one is refused."""
    from .load import SourceFile, build_log

    def errors(sources) -> set[tuple]:
        _log, problems = build_log(sources, options)
        for s in sources:
            problems += [p for p in s.fm.problems]
        return {(p.path, p.code, p.message): p for p in problems if p.severity == ERROR}

    before = errors(files)
    by_rel = {c.rel: c for c in changes} | {c.moved_from[1]: c for c in changes if c.moved_from}
    after_files = [s for s in files if s.path not in by_rel]
    for c in changes:
        if c.new is None:
            continue
        text, problems = frontmatter.decode(c.rel, c.new)
        if text is None:
            return problems
        after_files.append(SourceFile(c.rel, frontmatter.parse(c.rel, text)))
    after = errors(after_files)
    return [p for k, p in after.items() if k not in before]


def _person_file(docs_dir: str, files, person: Person):
    src = next((s for s in files if s.path == person.path), None)
    path = os.path.join(docs_dir, person.path)
    with open(path, "rb") as fh:
        return src, path, fh.read()


def plan_merge(log: Log, docs_dir: str, from_ref: str, into_ref: str) -> Plan:
    """Merge person FROM into person INTO (docs/format.md §13, ``merge``): every ``with``,
    ``via`` and ``met_via`` value that names FROM rewritten to INTO's slug; FROM's name and
    aka, links, tags, the keys INTO lacks and FROM's notes added to INTO's file; FROM's file
    removed last. Run again after an interruption, it plans what is left."""
    source, into = find_person(log, from_ref), find_person(log, into_ref)
    for p, ref in ((source, from_ref), (into, into_ref)):
        if p.stub:
            raise ActionRefused(f"{ref!r} is a stub (no person file); merge takes two person files")
    if source.slug == into.slug:
        if slugify(from_ref) in map(slugify, into.aka) and not os.path.lexists(
                os.path.join(docs_dir, "people", f"{slugify(from_ref)}.md")):
            return Plan(f"merge {from_ref} into {into.name}: done already ({from_ref!r} is an aka of "
                        f"{into.name})", [])  # a merge run again after it finished
        raise BadTarget(f"{from_ref!r} and {into_ref!r} are the same person")
    files = _log_files(docs_dir)
    from_src, from_path, from_raw = _person_file(docs_dir, files, source)
    into_src, into_path, into_raw = _person_file(docs_dir, files, into)
    from_data = from_src.fm.data if from_src and from_src.fm.data else {}
    into_data = into_src.fm.data if into_src and into_src.fm.data else {}
    from_forms = {source.slug, slugify(source.name), *map(slugify, source.aka)} - {""}
    into_own = {into.slug, slugify(into.name)}

    def names_from(value: str) -> bool:
        form = slugify(value)
        return form in from_forms and form not in into_own

    changes = _ref_changes(docs_dir, files, names_from, into.slug, {source.path, into.path})
    new_into, what = _merged_person(into_raw, into_data, into, source, from_data, names_from)
    if new_into != into_raw:
        changes.append(Change(into_path, into.path, into_raw, new_into, what))
    changes.append(Change(from_path, source.path, from_raw, None, ["removed"]))
    plan = Plan(f"merge {source.name} into {into.name}", changes)
    _refuse_new_errors(docs_dir, files, plan, log)
    return plan


#: The keys INTO keeps and FROM fills when INTO lacks them (docs/format.md §13, ``merge``).
FILLED_KEYS = ("org", "role", "cadence", "met", "met_via", "birthday", "snooze")


def _merged_person(raw: bytes, data: dict, into: Person, source: Person, from_data: dict,
                   names_from) -> tuple[bytes, list[str]]:
    """INTO's file with FROM merged in (idempotent: merging again changes nothing)."""
    what: list[str] = []
    claimed = {into.slug, slugify(into.name), *map(slugify, into.aka)}
    aka = list(_values(data, "aka"))
    for name in (source.name, *source.aka):
        form = slugify(name)
        if form and form not in claimed:
            claimed.add(form)
            aka.append(name)
            what.append(f"aka + {name}")
    if len(aka) != len(_values(data, "aka")):
        raw = userfiles.edit_key(raw, "aka", yaml_line("aka", aka))
    links = dict(into.links)
    values = set(links.values())
    added: dict[str, str] = {}
    for label, value in source.links:
        if value in values:
            continue
        key, n = label, 1
        while key in links:
            n += 1
            key = f"{label}-{n}"
        links[key] = added[key] = value
        values.add(value)
        what.append(f"links + {key}: {value}")
    if added:  # new lines below INTO's own, which stay as written; else the whole key
        lines = [f"{yaml_value(k)}: {yaml_value(v)}" for k, v in added.items()]
        raw = userfiles.extend_block(raw, "links", lines) or userfiles.edit_key(raw, "links", yaml_line("links", links))
    tags = list(into.tags)
    new_tags = [t for t in source.tags if t not in tags]
    if new_tags:
        raw = userfiles.edit_key(raw, "tags", yaml_line("tags", tags + new_tags))
        what.append("tags + " + ", ".join(new_tags))
    for key in FILLED_KEYS:
        if data.get(key) is not None or from_data.get(key) is None:
            continue
        value = from_data[key]
        if key == "met_via" and (not isinstance(value, str) or names_from(value)
                                 or slugify(value) in (into.slug, slugify(into.name))):
            continue
        raw = userfiles.edit_key(raw, key, yaml_line(key, value))
        what.append(f"{key}: {value}")
    if isinstance(data.get("met_via"), str) and names_from(data["met_via"]):
        raw = userfiles.edit_key(raw, "met_via", None)  # it would name INTO itself
        what.append("met_via removed (it named the person merged in)")
    heading = f"## From {source.name}"
    kept = _kept_aside(data, from_data, into, names_from)
    listed = "\n".join(f"- {key}: {value}" for key, value in kept)
    body = "\n\n".join(part for part in (listed, source.body.strip("\n")) if part)
    if body and heading not in raw.decode("utf-8"):
        eol = "\r\n" if b"\r\n" in raw else "\n"
        text = raw.decode("utf-8")
        if not text.endswith("\n"):
            text += eol
        text += eol + heading + eol + eol + body.replace("\n", eol) + eol
        raw = text.encode("utf-8")
        what.append(f"notes + {heading}" + (f" (with the {', '.join(k for k, _ in kept)} kept from "
                                             f"{source.name})" if kept else ""))
    return raw, what


def _kept_aside(data: dict, from_data: dict, into: Person, names_from) -> list[tuple[str, object]]:
    """FROM's values of the keys INTO keeps that differ from INTO's, as ``(key, value)`` pairs
    listed in the ``## From`` section (``- org: Acme``), so that a merge loses nothing
    (docs/format.md §13, ``merge``). A ``snooze`` is not kept (it only postpones), nor a
    ``met_via`` naming FROM or INTO."""
    kept = []
    for key in FILLED_KEYS:
        if key == "snooze":
            continue
        mine, theirs = data.get(key), from_data.get(key)
        if mine is None or theirs is None or isinstance(theirs, (dict, list)) or str(theirs) == str(mine):
            continue
        if key == "met_via" and (names_from(str(theirs)) or slugify(str(theirs)) in (into.slug, slugify(into.name))):
            continue
        kept.append((key, " ".join(str(theirs).split())))
    return kept


def plan_rename(log: Log, docs_dir: str, ref: str, new_name: str) -> Plan:
    """Rename the person REF to NEW_NAME (docs/format.md §13, ``rename``): the file moves to
    ``people/<slug of NEW_NAME>.md`` with ``name`` set and the old name in ``aka``, and every
    ref written as the old slug is rewritten to the new one; the old file goes last.
    ActionRefused when the new slug is someone else's."""
    from .persontext import reserved_person_path

    person = find_person(log, ref)
    if person.stub:
        raise ActionRefused(f"{person.name} has no person file to rename (netlog shows a stub page); "
                            f"add one with `netlog person {person.name!r}`")
    new_name = " ".join(new_name.split())
    new_slug = slugify(new_name)
    if not new_slug:
        raise BadTarget(f"{new_name!r} has no letters or digits to make a file name from")
    if reserved_person_path(new_name) is not None:
        raise BadTarget(f"{new_name!r} would be people/index.md, the people index page netlog generates")
    index = PeopleIndex.of(p for p in log.people.values() if not p.stub)
    others = [p for p in index.resolve(new_name) if p.slug != person.slug]
    files = _log_files(docs_dir)
    src, old_path, raw = _person_file(docs_dir, files, person)
    new_rel = f"people/{new_slug}.md"
    new_path = os.path.join(docs_dir, new_rel)
    text = userfiles.edit_key(raw, "name", yaml_line("name", new_name))
    aka = list(_values(src.fm.data if src and src.fm.data else {}, "aka"))
    if slugify(person.name) != new_slug and slugify(person.name) not in map(slugify, aka):
        aka.append(person.name)
        text = userfiles.edit_key(text, "aka", yaml_line("aka", aka))
    what = [f"name: {person.name} -> {new_name}"] + ([f"aka + {person.name}"] if aka != _values(
        src.fm.data if src and src.fm.data else {}, "aka") else [])
    taken = new_rel != person.path and os.path.lexists(new_path)
    if taken:
        with open(new_path, "rb") as fh:
            if fh.read() != text:  # not what an interrupted run of this rename left
                raise ActionRefused(f"{new_rel} already exists; nothing written")
    elif others:
        listed = ", ".join(p.path or p.slug for p in others)
        raise ActionRefused(f"{new_name!r} has the slug form {new_slug!r}, which {listed} already claims; "
                            "nothing written")
    changes: list[Change] = []
    if new_rel == person.path:
        changes.append(Change(old_path, person.path, raw, text, what))
    else:
        # the refs first (meanwhile they name a person not yet there: a warning, never an
        # error), then the file's new text and its move, one rename: at no point do two files
        # claim the person, so a rerun after an interruption at any write completes it
        old_slug = person.slug
        changes += _ref_changes(docs_dir, files, lambda v: v.strip() == old_slug, new_slug, {person.path, new_rel})
        if taken:  # a file an interrupted run of the former order left: the old one goes
            changes.append(Change(old_path, person.path, raw, None, ["removed"]))
        else:
            changes.append(Change(new_path, new_rel, raw, text, [f"{person.path} -> {new_rel}"] + what,
                                  moved_from=(old_path, person.path)))
    plan = Plan(f"rename {person.name} to {new_name}", changes)
    _refuse_new_errors(docs_dir, files, plan, log)
    return plan


def _refuse_new_errors(docs_dir: str, files, plan: Plan, log: Log) -> None:
    new = _errors_after(docs_dir, files, plan.changes, log.options)
    if new:
        shown = "; ".join(f"{p.path}:{p.line}: {p.message}" for p in new[:5])
        raise ActionRefused(f"{plan.summary} would give the log {len(new)} new error(s): {shown}; nothing written")


def apply_plan(plan: Plan) -> list[str]:
    """Write ``plan``'s changes in order (created files create-only, changed ones replaced
    atomically if still as read, the removal last); the paths written or removed."""
    written = []
    for c in plan.changes:
        if c.moved_from is not None:  # one file all along: its text first, then its name
            src = c.moved_from[0]
            if c.new != c.old:
                userfiles.replace_file(src, c.new, expected=c.old)
            userfiles.move_file(src, c.path)
            written += [src, c.path]
            continue
        if c.new is None:
            userfiles.remove_file(c.path)
        elif c.old is None:
            userfiles.create_file(c.path, c.new)
        else:
            userfiles.replace_file(c.path, c.new, expected=c.old)
        written.append(c.path)
    return written
