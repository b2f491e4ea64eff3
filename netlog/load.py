"""Read a log folder into a :class:`~netlog.model.Log` and a list of problems.

Second stage of the pipeline: it walks the folder, splits every file with
``frontmatter.py``, validates each key (docs/format.md §2 and §3), resolves refs
to people (making stub people for unknown refs), and never raises on bad user
data. Problems carry paths relative to the log.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
from dataclasses import dataclass, replace

from . import frontmatter, hostile, paths, readfile
from .dates import Offset, date_error, describe, offset_error, parse_date, parse_offset
from .errors import OutsideCalendar
from .kinds import OUTWARD_KINDS
from .model import ERROR, WARNING, Birthday, Entry, FollowUpSpec, Group, Kind, Log, Person, Problem
from .options import Options
from .people import PeopleIndex
from .registry import RESERVED_FILES, is_reserved
from .slug import is_slug, slugify, stem_by_old_rule
from .suggest import did_you_mean
from .titles import default_title, title_from_body

ENTRY_KEYS = ("date", "kind", "with", "title", "via", "follow_up", "direction", "audience",
              "channel", "outcome", "tags", "private", "source", "snooze")
PERSON_KEYS = ("name", "aka", "org", "role", "tags", "cadence", "met", "met_via", "links", "private",
               "birthday", "snooze")
DIRECTIONS = ("out", "in", "mutual")
FOLLOW_UP_KEYS = ("due", "in", "action")

_NOT_READ_SUFFIXES = (".markdown", ".mdown", ".mkd", ".mkdn", ".txt")
#: The one-line inbox of `netlog inbox` (docs/format.md §1, §12): not an entry, not a page.
INBOX = "_inbox.md"


@dataclass(slots=True)
class LoadedLog(Log):
    """A log as loaded under a config (what :func:`load_log` returns): the model's
    :class:`~netlog.model.Log` and the plugin options it was read with, which the later
    stages ask for offsets, cadences and kinds (docs/format.md §7)."""

    options: Options

    @property
    def kinds(self) -> dict[str, Kind]:
        return self.options.kinds


# --------------------------------------------------------------------------- walking


@dataclass(slots=True)
class SourceFile:
    """A file found in the log: its path in the log and its front matter."""

    path: str
    fm: frontmatter.FrontMatter


def walk(docs_dir: str) -> tuple[list[str], list[Problem]]:
    """The Markdown files of the log (paths relative to it, sorted), and walk problems.

    Folders whose names start with ``_`` or ``.`` are skipped, as are files
    whose names start with ``.`` (MkDocs ignores those too). A link that leads
    outside the log is an error and is not followed.
    """
    root = os.path.realpath(docs_dir)
    found: list[str] = []
    problems: list[Problem] = []
    stack = [("", docs_dir)]
    seen_dirs = {root}
    while stack:
        rel_dir, abs_dir = stack.pop()
        try:
            items = list(os.scandir(abs_dir))
        except OSError as e:
            problems.append(Problem(rel_dir or ".", 1, ERROR, f"cannot read folder: {e.strerror}",
                                    "unreadable-folder"))
            continue
        for item in items:
            name = item.name
            rel = f"{rel_dir}{name}"
            try:
                is_link = item.is_symlink()
                is_dir = item.is_dir()
            except OSError as e:  # a link to a place this user may not look into
                if not name.startswith("."):
                    problems.append(_unreadable_link(rel, e))
                continue
            if is_dir and name.startswith(("_", ".")):
                continue
            if not is_dir and (name.startswith(".") or (not rel_dir and name == INBOX)):
                continue
            if paths.not_utf8(name):
                problems.append(_not_utf8_name(rel, item))
                continue
            if is_link:
                try:  # /proc/<pid>/exe of a process gone and the like: realpath itself fails
                    target = os.path.realpath(item.path)
                except OSError as e:
                    problems.append(_unreadable_link(rel, e))
                    continue
                if not os.path.exists(target):
                    problems.append(Problem(rel, 1, ERROR, "broken symbolic link", "broken-link"))
                    continue
                if target != root and not target.startswith(root + os.sep):
                    # MkDocs would copy it into the site: a file from elsewhere on the disk
                    problems.append(Problem(rel, 1, ERROR,
                                            "symbolic link to a place outside the log; the site must not "
                                            "publish it (move the file into the log, or remove the link)",
                                            "link-outside"))
                    continue
                here = os.path.realpath(abs_dir)
                if is_dir and (here == target or here.startswith(target + os.sep)):
                    problems.append(Problem(rel, 1, ERROR,
                                            "symbolic link loop: it points to a folder that contains it",
                                            "link-loop"))
                    continue
            try:
                regular = is_dir or item.is_file()
            except OSError as e:
                problems.append(_unreadable_link(rel, e))
                continue
            if not regular:
                problems.append(Problem(rel, 1, ERROR,
                                        "not a regular file (a pipe, socket or device); netlog does not read it",
                                        "not-a-file"))
                continue
            if not is_dir and rel in RESERVED_FILES:
                problems.append(Problem(rel, 1, ERROR,
                                        "reserved path: netlog generates this file; move or rename yours",
                                        "reserved-path"))
                continue
            if is_dir:
                real = os.path.realpath(item.path)
                if real in seen_dirs:
                    continue
                seen_dirs.add(real)
                if name.endswith(".md"):
                    problems.append(Problem(rel, 1, WARNING,
                                            "a folder named like a Markdown file; netlog reads the files inside it",
                                            "folder-named-md"))
                stack.append((rel + "/", item.path))
            elif name.endswith(".md"):
                too_long = _page_name_too_long(rel)
                if too_long is not None:
                    problems.append(too_long)
                    continue
                found.append(rel)
            elif name.lower().endswith(_NOT_READ_SUFFIXES):
                problems.append(Problem(rel, 1, WARNING,
                                        "not read and not published: netlog reads only files ending in .md",
                                        "not-read"))
    found.sort()
    return found, problems


def _unreadable_link(rel: str, e: OSError) -> Problem:
    """A link (or name) whose target this user may not look at (``unreadable-link``, docs/format.md §1)."""
    return Problem(paths.shown_name(rel), 1, ERROR, f"cannot read: {e.strerror or e}; netlog skips it",
                   "unreadable-link")


def _not_utf8_name(rel: str, item) -> Problem:
    """A file or folder whose name is not UTF-8: it can be neither linked nor published
    (``name-not-utf8``, docs/format.md §8)."""
    try:
        what = "folder" if item.is_dir() else "file"
    except OSError:
        what = "file"
    rest = "; netlog does not read the files in it" if what == "folder" else ""
    return Problem(paths.shown_name(rel), 1, ERROR,
                   f"{what} name is not valid UTF-8 (byte {paths.bad_byte(item.name)}); rename it: a site "
                   f"cannot link or publish it{rest}", "name-not-utf8")


def _page_name_too_long(path: str) -> Problem | None:
    """An entry or person file whose page name would not fit a file name of 255 bytes
    (``name-too-long``, docs/format.md §8)."""
    stem = path.rsplit("/", 1)[-1][:-len(".md")]
    size = paths.page_name_too_long(stem)
    if size is None:
        return None
    return Problem(path, 1, ERROR, paths.too_long_message(f"the file name {stem[:40]!r}...", size),
                   "name-too-long")


def read_files(docs_dir: str, paths: list[str]) -> tuple[list[SourceFile], list[Problem]]:
    """Read, decode and split each file."""
    files: list[SourceFile] = []
    problems: list[Problem] = []
    for path in paths:
        raw, errs = readfile.read_bytes(os.path.join(docs_dir, path), "entry", at=path)
        if raw is None:
            problems.extend(errs)
            continue
        text, errs = frontmatter.decode(path, raw)
        if text is None:
            problems.extend(errs)
            continue
        fm = frontmatter.parse(path, text)
        problems.extend(fm.problems)
        if fm.data is not None and fm.body:
            problems.extend(hostile.problems(path, fm.body, fm.body_line))
        files.append(SourceFile(path, fm))
    return files, problems


# --------------------------------------------------------------------------- fields


class _Fields:
    """Typed access to one file's front matter; every bad value becomes a problem."""

    def __init__(self, path: str, fm: frontmatter.FrontMatter, problems: list[Problem]):
        self.path = path
        self.fm = fm
        self.data = fm.data or {}
        self.problems = problems
        self.failed = False

    def error(self, key, message: str, code: str) -> None:
        self.failed = True
        self.problems.append(Problem(self.path, self.fm.line(key), ERROR, message, code))

    def warn(self, key, message: str, code: str) -> None:
        self.problems.append(Problem(self.path, self.fm.line(key), WARNING, message, code))

    def unknown_keys(self, allowed: tuple[str, ...], what: str) -> None:
        for key in self.data:
            if key in allowed:
                continue
            written = self.fm.written.get(key, str(key))
            if isinstance(key, bool) and written.lower() != str(key).lower():
                self.warn(key, f"unknown key {written!r} (YAML reads a bare {written} as "
                               f"{str(key).lower()}) in {what}", "unknown-key")
            elif not isinstance(key, str):
                self.warn(key, f"unknown key {written!r} in {what}", "unknown-key")
            else:
                self.warn(key, f"unknown key {key!r} in {what}{did_you_mean(key, allowed)}", "unknown-key")

    def present(self, key: str) -> bool:
        return self.data.get(key) is not None

    def require(self, key: str) -> bool:
        if key not in self.data:
            self.error(key, f"missing required key {key!r}", "missing-key")
            return False
        value = self.data[key]
        if value is None or (isinstance(value, str) and not value.strip()):
            self.error(key, f"{key!r} has no value", "empty-value")
            return False
        return True

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None:
            if key in self.data:
                self.null_read(key)
            return None
        if isinstance(value, str):
            return value.strip() or None
        hint = self.hint(key, value) if isinstance(value, (bool, int, float, dt.date)) else ""
        self.error(key, f"{key!r} must be text, got {describe(value)}{hint}", "not-text")
        return None

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of strings; one string is a list of one."""
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(key, f"{key!r} must be a list of text, got {describe(value)}{self.hint(key, value)}",
                       "not-list")
            return ()
        out = []
        for n, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
            else:
                self.error(key, f"{key!r} must be a list of text; one item is {describe(item)}"
                                f"{self.hint(key, item, n)}", "not-list")
                return ()
        return tuple(out)

    def null_read(self, key: str) -> None:
        """A warning for text YAML reads as "no value" though it may be meant (``org: Null``;
        ``yaml-null``, docs/format.md §2)."""
        if key not in self.data:
            return
        found = self.fm.typed_forms().get((key, None))
        if found is not None and found.text not in ("~", "null"):
            from . import yamltext  # only for values YAML did not read as text (start-up, issue 27)

            self.warn(key, f"{key!r}: YAML reads {found.text} as no value; to keep the text write "
                           f"{yamltext.write_as(key, found.text)}", "yaml-null")

    def hint(self, key: str, value, sub=None) -> str:
        """How to write a scalar that YAML did not read as text (yamltext.py); "" for others."""
        found = self.fm.typed_forms().get((key, sub))
        if found is None:
            return ""
        from . import yamltext  # see null_read

        return yamltext.reading_hint(key, value, found, sub)

    def typed_text(self, key: str, value, sub) -> str | None:
        """The text as typed of a plain scalar YAML read as a number, date or boolean; a
        warning when YAML's reading would show something else (``0612345670``; ``yaml-reading``,
        docs/format.md §2)."""
        found = self.fm.typed_forms().get((key, sub))
        if found is None or isinstance(value, (dict, list)) or value is None:
            return None
        from . import yamltext  # see null_read

        if yamltext.differs(value, found.text):
            self.problems.append(Problem(self.path, found.line, WARNING,
                                         f"{key!r}: YAML reads {found.text} as {describe(value)}; netlog keeps "
                                         f"the text as typed (write {yamltext.write_as(key, found.text, sub)} "
                                         "so that every YAML reader agrees)", "yaml-reading"))
        return found.text

    def date(self, key: str) -> dt.date | None:
        value = self.data.get(key)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error(key, f"{key!r}: {date_error(value)}", "bad-date")
        return parsed

    def offset(self, key: str) -> Offset | None:
        value = self.data.get(key)
        if value is None:
            return None
        parsed = parse_offset(value)
        if parsed is None:
            self.error(key, f"{key!r}: {offset_error(value)}", "bad-offset")
        return parsed

    def boolean(self, key: str) -> bool:
        value = self.data.get(key)
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        self.error(key, f"{key!r} must be true or false, got {describe(value)}", "not-boolean")
        return False


# --------------------------------------------------------------------------- people


class People:
    """The people of a log being loaded: the people index (``people.py``), stubs for
    unknown refs, and the problems refs and claims give."""

    def __init__(self) -> None:
        self.index = PeopleIndex()
        self.by_slug = self.index.people
        self.stubs: dict[str, Person] = {}

    def add(self, person: Person, f: _Fields) -> None:
        # the file name is no key: its problems go on the front matter's first line (key None)
        for clash in self.index.add(person):
            what = "name" if clash.key == "name" else clash.what
            f.error(clash.key, f"{what} clashes with {clash.first.path} ({clash.first.name!r}): "
                               f"both have the slug form {clash.form!r}", code="slug-clash")

    def name(self, slug: str) -> str:
        """The name of the person or stub ``slug`` (one that :meth:`ref` returned)."""
        person = self.by_slug.get(slug)
        return person.name if person is not None else self.stubs[slug].name

    def resolve(self, ref: str) -> list[str]:
        """The slugs of the people a ref names (more than one is ambiguous)."""
        return self.index.slugs(ref)

    def ref(self, ref: str, f: _Fields, key: str) -> str | None:
        """The slug a ref names; an unknown ref makes (or reuses) a stub person."""
        form = slugify(ref)
        if not form:
            f.error(key, f"{key!r}: {ref!r} has no letters or digits, so it names no one", code="empty-ref")
            return None
        owners = self.index.slugs_of_form(form)
        if len(owners) > 1:
            listed = ", ".join(self.by_slug[s].path or s for s in owners)
            f.error(key, f"{key!r}: {ref!r} matches more than one person: {listed}", code="ambiguous-ref")
            return None
        if owners:
            return owners[0]
        if form == "index":
            f.error(key, f"{key!r}: {ref!r} cannot be a person: people/index.md is the people index page",
                    code="reserved-person")
            return None
        size = paths.page_name_too_long(form)
        if size is not None:
            f.error(key, f"{key!r}: unknown person {ref[:40]!r}...: "
                         + paths.too_long_message("the stub page's name", size), code="name-too-long")
            return None
        best = self.index.suggest(ref)
        hint = f" (did you mean {best!r}?)" if best else ""
        f.warn(key, f"{key!r}: unknown person {ref!r}{hint}; add people/{form}.md "
                    f"(netlog shows a stub page until then)", code="unknown-person")
        if form not in self.stubs:
            self.stubs[form] = Person(slug=form, name=ref, path=None)
        return form


def check_links(f: _Fields) -> tuple[tuple[str, str], ...]:
    """``links``: a mapping of text to text (``bad-links``, docs/format.md §3)."""
    links: list[tuple[str, str]] = []
    raw_links = f.data.get("links")
    if raw_links is None:
        return ()
    if not isinstance(raw_links, dict):
        f.error("links", f"'links' must be a mapping such as `email: jane@example.com`, "
                         f"got {describe(raw_links)}", "bad-links")
        return ()
    for label, value in raw_links.items():
        if isinstance(label, str) and not isinstance(value, str):
            value = f.typed_text("links", value, label) or value  # the text as typed (yamltext.py)
        if not isinstance(label, str) or not isinstance(value, (str, int)) or isinstance(value, bool):
            f.error("links", f"'links' must map text to text; {describe(label)} maps to {describe(value)}",
                    "bad-links")
            break
        links.append((label, str(value)))
    return tuple(links)


_MONTH_DAY = re.compile(r"(?:([0-9]{4})-)?([0-9]{2})-([0-9]{2})")


def check_birthday(f: _Fields) -> Birthday | None:
    """``birthday``: ``MM-DD`` or ``YYYY-MM-DD``, a day that exists (29 February too;
    ``bad-birthday``, docs/format.md §3)."""
    value = f.data.get("birthday")
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Birthday(value.month, value.day, value.year)
    match = _MONTH_DAY.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is not None:
        year, month, day = (int(g) if g else None for g in match.groups())
        try:  # 2000 is a leap year: 02-29 is a day; a given year must have the day itself
            dt.date(year or 2000, month, day)
            return Birthday(month, day, year)
        except ValueError:
            pass
    f.error("birthday", f"'birthday' must be a day as MM-DD or YYYY-MM-DD (e.g. 03-14), got "
                        f"{describe(value)}", "bad-birthday")
    return None


def check_file_name(f: _Fields, stem: str, name: str | None) -> bool:
    """A person file's name is a slug (``bad-file-name``, docs/format.md §3); False when not."""
    if is_slug(stem):
        return True
    should = slugify(stem) or slugify(name or "")
    where = f"people/{should}.md" if should else "a name made of letters and digits"
    f.error(None, f"file name {stem!r} is not a slug; rename the file to {where}", "bad-file-name")
    return False


def check_not_own_introducer(f: _Fields, person: Person, met_via: str | None) -> None:
    """A ``met_via`` naming the person itself is skipped (``own-introducer``, docs/format.md §11)."""
    if met_via == person.slug:
        f.warn("met_via", f"'met_via' names {person.name} itself; nobody is their own "
                          "introducer, so it is skipped", "own-introducer")


def _person(src: SourceFile, people: People, problems: list[Problem]) -> None:
    """One person file, its keys checked, added to ``people`` (docs/format.md §3)."""
    f = _Fields(src.path, src.fm, problems)
    stem = src.path[len("people/"):-len(".md")]
    f.unknown_keys(PERSON_KEYS, "a person file")
    name = f.text("name") if f.require("name") else None
    aka = f.texts("aka")
    org, role = f.text("org"), f.text("role")
    tags = f.texts("tags")
    cadence = f.offset("cadence")
    met = f.date("met")
    met_via = f.text("met_via")
    private = f.boolean("private")
    links = check_links(f)
    birthday = check_birthday(f)
    snooze = f.date("snooze")
    if not check_file_name(f, stem, name) or name is None:
        return
    if _old_slug_rule(f, stem, (name, *aka)):
        return
    person = Person(slug=stem, name=name, path=src.path, aka=aka, org=org, role=role,
                    tags=tags, cadence=cadence, met=met, met_via=met_via,
                    links=links, private=private, body=src.fm.body, birthday=birthday, snooze=snooze)
    people.add(person, f)


def _old_slug_rule(f: _Fields, stem: str, names) -> bool:
    """An error when the file is named by the slug rule before docs/format.md §3 was amended
    (``old-slug-rule``)."""
    should = stem_by_old_rule(stem, names)
    if should is None:
        return False
    f.error(None, f"file name {stem!r} follows netlog's old slug rule (it dropped vowel signs and "
                  f"other marks that are part of words); rename the file to people/{should}.md", "old-slug-rule")
    return True


# --------------------------------------------------------------------------- entries


def check_follow_up(f: _Fields, date: dt.date | None) -> tuple[FollowUpSpec | None, bool]:
    """``follow_up``: a date, an offset, a mapping or false (``bad-follow-up``, ``bad-date``,
    ``bad-offset``, ``follow-up-outside-calendar``, ``follow-up-before-date``; docs/format.md §6).

    Returns (the follow-up or None, whether it is turned off with ``false``).
    """
    if "follow_up" not in f.data:
        return None, False
    value = f.data["follow_up"]
    key = "follow_up"
    if value is False:
        return None, True
    if value is None or value is True:
        f.error(key, "'follow_up' must be a date, an offset such as 2w, a mapping "
                     "{due: DATE, action: TEXT} or {in: OFFSET, action: TEXT}, or false; "
                     f"got {describe(value)}", "bad-follow-up")
        return None, False
    action = None
    if isinstance(value, dict):
        for k in value:
            if k is True:
                f.error(key, "'follow_up': YAML reads a bare `on:` as true; write `due:` (a date) or `in:` (an offset)",
                        "bad-follow-up")
                return None, False
            if k not in FOLLOW_UP_KEYS:
                shown = k if isinstance(k, str) else describe(k)
                f.error(key, f"'follow_up': unknown key {shown!r}{did_you_mean(str(k), FOLLOW_UP_KEYS)}; "
                             "use due, in and action", "bad-follow-up")
                return None, False
        if "due" in value and "in" in value:
            f.error(key, "'follow_up': give either `due:` (a date) or `in:` (an offset), not both",
                    "bad-follow-up")
            return None, False
        if "due" not in value and "in" not in value:
            f.error(key, "'follow_up': the mapping needs `due:` (a date) or `in:` (an offset)", "bad-follow-up")
            return None, False
        raw_action = value.get("action")
        if raw_action is not None:
            if not isinstance(raw_action, str) or not raw_action.strip():
                f.error(key, f"'follow_up': action must be text, got {describe(raw_action)}", "bad-follow-up")
                return None, False
            action = raw_action.strip()
        if "due" in value:
            due = parse_date(value["due"])
            if due is None:
                f.error(key, f"'follow_up': due: {date_error(value['due'])}", "bad-date")
                return None, False
        else:
            off = parse_offset(value["in"])
            if off is None:
                f.error(key, f"'follow_up': in: {offset_error(value['in'])}", "bad-offset")
                return None, False
            if date is None:
                return None, False
            try:
                due = off.add_to(date)
            except OutsideCalendar:
                due = None
    else:
        due = parse_date(value)
        if due is None:
            off = parse_offset(value)
            if off is None:
                f.error(key, "'follow_up' must be a date, an offset such as 2w, a mapping, or false; "
                             f"got {describe(value)}", "bad-follow-up")
                return None, False
            if date is None:
                return None, False
            try:
                due = off.add_to(date)
            except OutsideCalendar:
                due = None
    if due is None:
        f.error(key, "'follow_up' falls outside the calendar", "follow-up-outside-calendar")
        return None, False
    if date is not None and due < date:
        f.error(key, f"'follow_up' is due {due.isoformat()}, before the entry's date {date.isoformat()}",
                "follow-up-before-date")
        return None, False
    return FollowUpSpec(due, action), False


def check_kind(f: _Fields, kinds: dict[str, Kind]) -> Kind | None:
    """``kind``: required, text, and a known kind (``unknown-kind``, docs/format.md §5)."""
    kind_name = f.text("kind") if f.require("kind") else None
    if kind_name is None:
        return None
    kind = kinds.get(kind_name)
    if kind is None:
        f.error("kind", f"unknown kind {kind_name!r}{did_you_mean(kind_name, kinds)}; "
                        "add it under the netlog plugin's `kinds` option to use it", "unknown-kind")
    return kind


def check_with(f: _Fields, kind: Kind | None) -> tuple[tuple[str, ...], bool]:
    """``with``: a list of refs, someone in it for a conversation (``no-one-with``, docs/format.md §2).

    Returns (refs, broken): ``broken`` when the value itself could not be read.
    """
    failed_before = f.failed
    refs = f.texts("with")
    broken = f.failed and not failed_before
    if kind is not None and kind.group == Group.CONVERSATION and not refs and not broken:
        if "with" not in f.data:
            f.error("with", f"missing required key 'with' (a {kind.name} is with someone)", "no-one-with")
        else:
            f.error("with", "'with' names no one", "no-one-with")
    return refs, broken


def check_direction(f: _Fields) -> str | None:
    """``direction``: out, in or mutual (``bad-direction``, docs/format.md §2)."""
    direction = f.text("direction")
    if direction is not None and direction not in DIRECTIONS:
        f.error("direction", f"'direction' must be out, in or mutual, got {direction!r}"
                             f"{did_you_mean(direction, DIRECTIONS)}", "bad-direction")
    return direction


def check_audience(f: _Fields) -> int | None:
    """``audience``: a whole number, 0 or more (``bad-audience``, docs/format.md §2)."""
    audience = f.data.get("audience")
    if audience is not None and (isinstance(audience, bool) or not isinstance(audience, int) or audience < 0):
        f.error("audience", f"'audience' must be a whole number of people (0 or more), got {describe(audience)}",
                "bad-audience")
        return None
    return audience


def check_follow_up_has_effect(f: _Fields, follow_up: FollowUpSpec | None, with_refs, with_broken: bool) -> None:
    """A ``follow_up`` needs someone in ``with`` (``follow-up-no-effect``, docs/format.md §6)."""
    if follow_up is not None and not with_refs and not with_broken:
        f.warn("follow_up", "'follow_up' has no effect: the entry has no one in 'with' to follow up with",
               "follow-up-no-effect")


def _entry(src: SourceFile, people: People, kinds: dict[str, Kind],
           problems: list[Problem]) -> Entry | None:
    """One entry, every key checked by the named checks above (docs/format.md §2)."""
    f = _Fields(src.path, src.fm, problems)
    f.unknown_keys(ENTRY_KEYS, "an entry")
    date = f.date("date") if f.require("date") else None
    kind = check_kind(f, kinds)
    with_refs, with_broken = check_with(f, kind)
    via_refs = f.texts("via")
    title = f.text("title")
    follow_up, follow_up_off = check_follow_up(f, date)
    direction = check_direction(f)
    audience = check_audience(f)
    channel, outcome = f.text("channel"), f.text("outcome")
    tags = f.texts("tags")
    private = f.boolean("private")
    source = f.text("source")
    snooze = f.date("snooze")

    with_ = _resolve_all(with_refs, people, f, "with")
    via = _resolve_all(via_refs, people, f, "via")
    check_follow_up_has_effect(f, follow_up, with_refs, with_broken)

    if f.failed or date is None or kind is None:
        return None
    given = title is not None
    if title is None:
        title = title_from_body(src.fm.body)
        given = title is not None
    if title is None:
        # every person `with` names is known by now, stubs too, and keeps the name it has
        title = default_title(kind.name, [people.name(slug) for slug in with_])
    if direction is None and kind.name in OUTWARD_KINDS:
        direction = "out"
    return Entry(path=src.path, date=date, kind=kind.name, group=kind.group, with_=with_, via=via,
                 title=title, title_given=given, follow_up=follow_up, follow_up_off=follow_up_off,
                 direction=direction, audience=audience, channel=channel, outcome=outcome,
                 tags=tags, private=private, body=src.fm.body, source=source, snooze=snooze)


def _resolve_all(refs: tuple[str, ...], people: People, f: _Fields, key: str) -> tuple[str, ...]:
    out: list[str] = []
    for ref in refs:
        slug = people.ref(ref, f, key)
        if slug is not None and slug not in out:
            out.append(slug)
    return tuple(out)


def with_default_titles(entries: list[Entry], people: dict[str, Person]) -> list[Entry]:
    """Entries whose title is not given get ``<Kind> with <names>`` from ``people``."""
    out = []
    for e in entries:
        if not e.title_given:
            names = [people[s].name for s in e.with_ if s in people]
            e = replace(e, title=default_title(e.kind, names))
        out.append(e)
    return out


# --------------------------------------------------------------------------- the whole log


def load_log(docs_dir: str, options: Options, *, read=None, memo: dict | None = None
             ) -> tuple[LoadedLog, list[Problem]]:
    """Read the log in ``docs_dir``. Problems are sorted by path and line.

    ``read`` stands in for :func:`read_files` (same arguments and result): ``netlog
    serve`` passes one that reads again only the files that changed, and a ``memo``
    for :func:`build_log`.
    """
    # loading makes many small objects and frees none: the cycle collector would only
    # rescan them again and again (about 15% of the time on a 10,000-entry log)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        paths, problems = walk(docs_dir)
        files, read_problems = (read or read_files)(docs_dir, paths)
        problems.extend(read_problems)
        log, more = build_log(files, options, memo=memo)
    finally:
        if was_enabled:
            gc.enable()
    problems.extend(more)
    problems.sort(key=Problem.sort_key)
    return log, problems


def markdown_in(docs_dir: str, folder: str) -> list[str]:
    """The ``.md`` files directly in ``folder`` of the log (not hidden), as paths in the log
    (``people/jane-doe.md``), sorted; none when the folder cannot be read."""
    where = os.path.join(docs_dir, folder)
    try:
        names = sorted(n for n in os.listdir(where)
                       if n.endswith(".md") and not n.startswith(".") and os.path.isfile(os.path.join(where, n)))
    except OSError:
        return []
    return [f"{folder}/{n}" for n in names]


def read_person_files(docs_dir: str) -> list[SourceFile]:
    """The files ``people/*.md`` of the log, read and parsed (in name order); unreadable ones left out."""
    files, _problems = read_files(docs_dir, markdown_in(docs_dir, "people"))
    return files


def load_people(docs_dir: str, options: Options) -> PeopleIndex:
    """The people index of ``people/*.md`` only (fast on a big log); broken files are left out."""
    log, _problems = build_log(read_person_files(docs_dir), options)
    return PeopleIndex.of(p for p in log.people.values() if not p.stub)


def build_log(files: list[SourceFile], options: Options, *, memo: dict | None = None
              ) -> tuple[LoadedLog, list[Problem]]:
    """Validate parsed files and resolve refs: the part of loading that needs no disk.

    ``memo`` (a dict the caller keeps between calls, as ``netlog serve``'s log cache does)
    lets an unchanged file keep what it gave last time: when the person files are the very
    same parsed files (``is``) under the same options, the people are not checked again, and
    an entry file that is the same parsed file and gave an entry without problems and without
    stubs gives that same Entry object again. The result is equal with or without it; with
    it, unchanged entries and people are the same objects as in the last result (what
    ``pages.build_pages`` compares by identity).
    """
    problems: list[Problem] = []
    person_files, entry_files = [], []
    for src in files:
        if is_reserved(src.path):
            problems.append(Problem(src.path, 1, ERROR,
                                    "reserved path: netlog generates this page; move or rename the file",
                                    "reserved-path"))
        elif src.path.startswith("people/"):
            if "/" in src.path[len("people/"):]:
                problems.append(Problem(src.path, 1, ERROR,
                                        "person files belong directly in people/, not in a subfolder",
                                        "person-subfolder"))
            else:
                person_files.append(src)
        else:
            entry_files.append(src)
    kept = memo.get("people") if memo is not None else None
    if (kept is not None and kept[0] is options and len(kept[1]) == len(person_files)
            and all(a is b for a, b in zip(kept[1], person_files))):
        people, person_problems = kept[2], kept[3]
        people.stubs = dict(kept[4])  # the stubs of met_via refs; the entries' are made again below
        old_entries = memo["entries"]
    else:
        people, person_problems = _people(person_files)
        old_entries = {}
        if memo is not None:
            memo["people"] = (options, tuple(person_files), people, person_problems, dict(people.stubs))
    problems.extend(person_problems)
    entries: list[Entry] = []
    new_entries: dict[str, tuple[SourceFile, Entry]] = {}
    for src in entry_files:
        if src.fm.data is not None:
            old = old_entries.get(src.path)
            if old is not None and old[0] is src:
                e = old[1]
            else:
                before = len(problems)
                e = _entry(src, people, options.kinds, problems)
                if e is None:
                    continue
                if len(problems) != before or any(s in people.stubs for s in (*e.with_, *e.via)):
                    entries.append(e)  # not kept for next time: it gave problems or made stubs
                    continue
            entries.append(e)
            new_entries[src.path] = (src, e)
    if memo is not None:
        memo["entries"] = new_entries
    all_people = dict(people.by_slug)
    for slug, stub in people.stubs.items():
        all_people.setdefault(slug, stub)
    entries.sort(key=lambda e: (e.date, e.path))
    return LoadedLog(people=all_people, entries=entries, options=options), problems


def _people(person_files: list[SourceFile]) -> tuple[People, list[Problem]]:
    """The people of the person files, their ``met_via`` resolved, and the problems they give."""
    problems: list[Problem] = []
    people = People()
    for src in person_files:
        if src.fm.data is not None:
            _person(src, people, problems)
    # met_via refs resolve once every person is known
    sources = {src.path: src for src in person_files}
    for slug, p in list(people.by_slug.items()):
        if p.met_via is not None:
            src = sources[p.path]
            fields = _Fields(src.path, src.fm, problems)
            resolved = people.ref(p.met_via, fields, "met_via")
            check_not_own_introducer(fields, p, resolved)
            people.by_slug[slug] = replace(p, met_via=resolved)
    return people, problems
