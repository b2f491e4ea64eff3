"""The one-line inbox (docs/format.md §12): ``_inbox.md`` lines -> entries.

A line is ``DATE KIND [with REFS] [via REFS][: TITLE] [#TAG]… [+OFFSET]``,
the leading ``- `` optional, DATE also ``today`` or ``yesterday``, REFS
separated by ``, `` or `` and ``, ``+OFFSET`` the ``follow_up``:

    - 2026-11-30 coffee with Jane Doe, Sam Lee via Ana Ruiz: GC role #mentor +2w

Stages: :func:`parse` (pure: text -> lines, each kept, an entry, or an
error), :func:`plan` (pure: lines + people + existing entries -> entry texts
to write, lines to take out, problems), then :func:`apply` writes the
entries (``entrytext.write_entry``, as ``netlog new`` does) and only
then rewrites the inbox atomically. Interrupted anywhere, nothing is lost:
a line whose entry was written stays in the inbox until the rewrite, and a
second run finds that entry (everything the line says the same) and does
not write it again. The command holds the log's writer lock
(``netlog.lock``) from reading the inbox to rewriting it.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from .. import readfile
from ..acting import refusal, unsure_refs
from ..entrytext import entry_stem, write_entry
from ..yamlemit import one_line
from ..dates import Offset, parse_offset, parse_today
from ..kinds import VISIBILITY
from ..model import ERROR, Entry, Kind, Problem
from ..people import PeopleIndex
from ..slug import slugify
from ..suggest import did_you_mean
from .writing import check_entries, entry_file_text

_HEAD = re.compile(r"(?P<date>\S+)\s+(?P<kind>[^\s:]+)(?P<rest>.*)\Z", re.S)
_WITH_VIA = re.compile(r"(?:with\s+(?P<with>.+?))?\s*(?:(?:(?<=\s)|^)via\s+(?P<via>.+?))?", re.I | re.S)
_REF_SEP = re.compile(r"\s*,\s*|\s+and\s+", re.I)
_HEADING = re.compile(r"#{1,6}(?:\s|$)")

KEEP, ENTRY, BAD = "keep", "entry", "bad"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the inbox: its number (1-based), its text (line end included) and what it is.

    ``what`` is ``keep`` (blank, heading, comment), ``entry`` (the parsed
    fields are set) or ``bad`` (``error`` says why).
    """

    number: int
    text: str
    what: str
    error: str | None = None
    date: dt.date | None = None
    kind: str | None = None
    with_: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    title: str | None = None
    tags: tuple[str, ...] = ()
    follow_up: Offset | None = None


def _refs(text: str | None) -> tuple[tuple[str, ...], str | None]:
    if text is None:
        return (), None
    out: list[str] = []
    for part in _REF_SEP.split(text.strip()):
        ref = one_line(part)
        if not ref:
            continue
        if not slugify(ref):
            return (), f"{ref!r} has no letters or digits, so it names no one"
        if ref not in out:
            out.append(ref)
    return tuple(out), None


def parse_line(number: int, text: str, today: dt.date, kinds: dict[str, Kind]) -> Line:
    """One entry line of the grammar (not a blank, heading or comment line)."""
    def bad(message: str) -> Line:
        return Line(number, text, BAD, error=message)

    body = text.strip()
    if body.startswith("- "):
        body = body[2:].strip()
    words = body.split()
    tags: list[str] = []
    offset: Offset | None = None
    while len(words) > 2 and words[-1][:1] in ("#", "+"):
        word = words.pop()
        if word[0] == "+":
            if offset is not None:
                return bad(f"two follow-ups ({word} and +{offset}); give one +OFFSET at the end")
            offset = parse_offset(word[1:])
            if offset is None:
                return bad(f"{word!r} is not a follow-up offset such as +3d, +2w, +1m or +1y")
        else:
            tag = word[1:]
            if not tag:
                return bad("a lone '#': write the tag right after it, e.g. #mentor")
            tags.insert(0, tag)
    head = _HEAD.fullmatch(" ".join(words))
    if head is None:
        return bad("expected DATE KIND [with REFS] [via REFS][: TITLE] [#TAG]... [+OFFSET], "
                   "e.g. `2026-11-30 coffee with Jane Doe: GC role +2w`")
    word = head["date"].lower()
    if word == "today":
        date = today
    elif word == "yesterday":
        if today == dt.date.min:
            return bad("yesterday falls before 0001-01-01, outside the calendar; write the date")
        date = today - dt.timedelta(days=1)
    else:
        try:
            date = parse_today(head["date"])
        except ValueError as e:
            return bad(f"{e}; the line starts with a date YYYY-MM-DD, today or yesterday")
    kind_name = head["kind"]
    kind = kinds.get(kind_name)
    if kind is None:
        return bad(f"unknown kind {kind_name!r}{did_you_mean(kind_name, kinds)}; after the date comes a kind such as coffee, call or talk")
    rest = head["rest"]
    title = None
    if ":" in rest:
        rest, title = rest.split(":", 1)
        title = one_line(title) or None
    people = _WITH_VIA.fullmatch(rest.strip())
    if people is None:
        return bad(f"cannot read {one_line(rest)!r}: after the kind come `with REFS`, `via REFS` "
                   "and `: TITLE`, in that order")
    with_, problem = _refs(people["with"])
    via, problem2 = _refs(people["via"])
    if problem or problem2:
        return bad(problem or problem2)
    if kind.group != VISIBILITY and not with_:
        return bad(f"a {kind.name} is with someone: add `with NAME` after the kind")
    return Line(number, text, ENTRY, date=date, kind=kind.name, with_=with_, via=via, title=title,
                tags=tuple(tags), follow_up=offset)


#: A line of the inbox: up to and with its LF (a CR before it stays in the line). Only LF ends a
#: line: U+2028, \x0b, \x0c, \x85 … inside a line (a phone's note app writes them) are text.
_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def parse(text: str, today: dt.date, kinds: dict[str, Kind]) -> list[Line]:
    """Every line of the inbox, line ends kept (``"".join(l.text for l in lines) == text``);
    lines end at LF (or CR LF) only."""
    out: list[Line] = []
    in_comment = False
    for number, raw in enumerate(_LINE.findall(text), start=1):
        body = raw.strip()
        if in_comment:
            out.append(Line(number, raw, KEEP))
            in_comment = "-->" not in body
            continue
        if body.startswith("<!--"):
            out.append(Line(number, raw, KEEP))
            in_comment = "-->" not in body[4:]
            continue
        if not body or _HEADING.match(body) or body.startswith(("%%", "//")):
            out.append(Line(number, raw, KEEP))
            continue
        out.append(parse_line(number, raw, today, kinds))
    return out


# --------------------------------------------------------------------------- plan


def entry_key(e: Entry) -> tuple:
    """What makes an inbox line's entry one already in the log: everything a line can say, the
    same (date, kind, people, via, title, tags, follow-up). A line that says more than the
    entry (a via, a tag, a follow-up) is another entry, not a line already done."""
    return (e.date, e.kind, tuple(sorted(e.with_)), tuple(sorted(e.via)), e.title, tuple(sorted(e.tags)),
            e.follow_up)


@dataclass(frozen=True, slots=True)
class Write:
    """An entry to write for inbox line ``line``: its file name (in ``<year>/``) and text."""

    line: Line
    stem: str
    text: str
    key: tuple
    problems: tuple[Problem, ...] = ()  # check's warnings about the entry, at its lines (path: a stand-in)


@dataclass(slots=True)
class Plan:
    writes: list[Write] = field(default_factory=list)
    done: list[Line] = field(default_factory=list)  # lines whose entry already exists
    problems: list[Problem] = field(default_factory=list)  # path: the inbox's path as given

    def taken_out(self) -> set[int]:
        return {w.line.number for w in self.writes} | {line.number for line in self.done}


def plan(lines: list[Line], path: str, index: PeopleIndex, people, kinds: dict[str, Kind], options,
         existing: set[tuple], new_person: bool = False) -> Plan:
    """Entries for the inbox's lines, checked as ``netlog check`` checks an entry.

    ``people`` are the log's parsed person files, ``existing`` the
    :func:`entry_key` of every entry already in the log. A line whose entry
    would have an error stays, with the error; its warnings (an unknown
    person) are reported and the entry is written.
    """
    out = Plan()
    texts: dict[str, tuple[Line, str, str]] = {}
    for line in lines:
        if line.what == BAD:
            out.problems.append(Problem(path, line.number, ERROR, line.error, "inbox-bad-line"))
        if line.what != ENTRY:
            continue
        text = entry_file_text(kinds[line.kind], line.date, list(line.with_), list(line.via), line.follow_up,
                               line.title, extra={"tags": list(line.tags)})
        stem = entry_stem(index, line.kind, line.date, list(line.with_), line.title)
        texts[f"{line.date.year:04d}/{stem}.inbox-{line.number}.md"] = (line, stem, text)
    entries, problems = check_entries(people, {p: t[2] for p, t in texts.items()}, options)
    seen = set(existing)
    for virtual, (line, stem, text) in texts.items():
        unsure = [] if new_person else unsure_refs(index, [*line.with_, *line.via])
        if unsure:  # a person spelled two ways would become two people (docs/format.md §13)
            out.problems.append(Problem(path, line.number, ERROR, refusal(unsure, "ref"), "unsure-ref"))
            continue
        errors = [p for p in problems[virtual] if p.severity == ERROR]
        for p in problems[virtual]:
            out.problems.append(Problem(path, line.number, p.severity, p.message, p.code))
        if errors or virtual not in entries:
            continue
        key = entry_key(entries[virtual])
        if key in seen:
            out.done.append(line)
            continue
        seen.add(key)
        out.writes.append(Write(line, stem, text, key, tuple(problems[virtual])))
    out.problems.sort(key=Problem.sort_key)
    return out


def problems_after(p: Plan, written: list[tuple[Line, str]]) -> list[Problem]:
    """``p``'s problems as they stand once the entries in ``written`` (``(line, path)``) exist and
    the inbox is rewritten without the lines taken out: a kept line's at its new line number; a
    written line's (a warning such as an unknown person) at the entry's file and line, as
    ``netlog check`` reports it; a line already in the log has none (its entry has them).
    """
    taken = sorted(p.taken_out())
    gone = set(taken)
    writes = {w.line.number: w for w in p.writes}
    out = [replace(q, line=q.line - bisect_left(taken, q.line)) for q in p.problems if q.line not in gone]
    for line, path in written:  # after the inbox's own, in the order the entries were written
        out += sorted((replace(q, path=path) for q in writes[line.number].problems), key=Problem.sort_key)
    return out


def remaining(lines: list[Line], taken: set[int]) -> str:
    """The inbox's text without the lines taken out."""
    return "".join(line.text for line in lines if line.number not in taken)


# --------------------------------------------------------------------------- apply (writes)


def rewrite_inbox(inbox: str, original: bytes, text: str) -> None:
    """Replace the inbox's content ``original`` (the bytes read) with ``text``, atomically, losing
    nothing written to it meanwhile.

    Lines added at the end of the inbox since it was read (a phone syncing a
    new note) are kept after ``text``, however late they come: each swap
    (``safeio.exchange``) hands back what the file held at that instant, and
    what came after the last read is added again. A symlinked inbox stays a
    symlink (its target is rewritten); the file keeps its mode (0600 stays
    0600) and its UTF-8 byte order mark. InboxChanged, with the inbox as it
    was, when it was changed other than at its end; OSError when it cannot
    be written.
    """
    from .. import safeio

    real = os.path.realpath(inbox)
    expected = original
    ours = (codecs.BOM_UTF8 if original.startswith(codecs.BOM_UTF8) else b"") + text.encode("utf-8")
    for _ in range(8):
        with open(real, "rb") as fh:
            now = fh.read()
        if not now.startswith(expected):
            raise InboxChanged(inbox)
        want = ours + now[len(expected):]
        before = safeio.exchange(real, want)
        if before == now:
            return
        if not before.startswith(now):  # changed in the middle at the last instant: theirs back
            safeio.exchange(real, before)
            raise InboxChanged(inbox)
        expected, ours = want, want + before[len(now):]  # lines added just before the swap: add them
    raise InboxChanged(inbox)


class InboxChanged(Exception):
    """The inbox changed on disk (other than lines added at its end) while the entries were
    written; it was left as it is."""


def apply(inbox: str, original: bytes, docs_dir: str, lines: list[Line], p: Plan) -> list[tuple[Line, str]]:
    """Write ``p``'s entries, then take their lines (and those already done) out of the inbox.

    Returns ``(line, path written)`` pairs. The inbox is rewritten only after
    every entry exists (:func:`rewrite_inbox`: lines added at its end
    meanwhile stay; InboxChanged when it was changed elsewhere, and a second
    run picks up from there). OSError when an entry or the inbox cannot be
    written.
    """
    written: list[tuple[Line, str]] = []
    for w in p.writes:
        written.append((w.line, write_entry(docs_dir, w.line.date, w.stem, w.text)))
    taken = p.taken_out()
    if not taken:
        return written
    rewrite_inbox(inbox, original, remaining(lines, taken))
    return written


#: The largest inbox netlog reads (readfile.LIMITS): append_line refuses to grow one past it.
MAX_BYTES = readfile.LIMITS["inbox"][0]


# --------------------------------------------------------------------------- appending a line


def line_count(inbox: str) -> int:
    """How many lines the inbox has (0 when it does not exist yet); OSError when unreadable."""
    try:
        with open(inbox, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        return 0
    return _count_lines(data)


def _count_lines(data: bytes) -> int:
    """The lines of the inbox's bytes, numbered as :func:`parse` numbers them."""
    # lines end at LF only, as parse() splits them (a U+2028 inside a line is part of it)
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def append_line(inbox: str, line: str) -> int:
    """Append ``line`` (one line, no line end) to the inbox, creating it when missing; the line
    number it got.

    One ``write`` to a file opened with ``O_APPEND``: the bytes land after
    whatever the file holds at that moment, so no line already there, nor one
    another writer appends at the same time, is lost or overwritten. The new
    line ends as the file's lines do (CRLF when the last one does); when the
    file does not end with a line end, one goes first. ValueError for a
    text with a line break or an inbox over :data:`MAX_BYTES`; OSError when
    it cannot be written.
    """
    import os

    if line.splitlines() not in ([line], []):  # a line break of any kind the reader splits at
        raise ValueError("one line only")
    fd = os.open(inbox, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        size = os.fstat(fd).st_size
        if size > MAX_BYTES:
            raise ValueError(f"the inbox is larger than {MAX_BYTES // (1024 * 1024)} MB")
        with open(inbox, "rb") as fh:
            data = fh.read()
        end = b"\r\n" if data.endswith(b"\r\n") or (not data.endswith(b"\n") and b"\r\n" in data) else b"\n"
        head = end if data and not data.endswith(b"\n") else b""
        out = head + line.encode("utf-8") + end
        while out:  # a regular file takes it in one write; a short one goes on after what it wrote
            out = out[os.write(fd, out):]
        os.fsync(fd)
    finally:
        os.close(fd)
    return _count_lines(data) + 1
