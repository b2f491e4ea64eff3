"""People from contacts exports (docs/format.md §12, "Imports of people"): the stages that
``netlog import vcard`` and ``netlog import linkedin`` share.

1. a parser (``capture/vcard.py``, ``capture/linkedin.py``) turns a file's text
   into :class:`ImportedPerson` values and :class:`~netlog.model.Problem`
   values (a card or row it cannot read is a problem, never an exception);
2. :func:`plan` decides, against the people index and the people before it in
   the file, which become person files and which are skipped, and why: the
   same slug form of name or aka, the same e-mail address, phone number (its
   last 9 digits, at least 7) or profile URL (without scheme, ``www.`` and
   trailing ``/``, any case). A card that matches two files that look like one
   person says so and names ``netlog merge``;
3. :func:`person_file_text`: the file, checked as ``netlog check`` checks a
   person before it is written (:func:`file_problems`), so an import never
   writes a file that ``check`` rejects; values too long for a file name or a
   page are cut first (:func:`fit`), with a warning.

The command (``commands/imports.py``) prints the plan and writes it.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
import re
from dataclasses import dataclass, field, replace

from ..errors import PersonExists, ReservedName
from ..model import ERROR, WARNING, Problem
from ..paths import MAX_PAGE_NAME_BYTES
from ..people import PeopleIndex, email_address
from ..persontext import check_new_person, person_text
from ..report import shown
from ..sanitize import literal_note
from ..slug import slugify
from ..yamlemit import one_line, yaml_line


@dataclass(frozen=True, slots=True)
class ImportedPerson:
    """One person found in a contacts file (a vCard card or a LinkedIn row).

    ``birthday`` is ``MM-DD`` or ``YYYY-MM-DD`` (docs/format.md §3).
    """

    line: int  # where the card or row starts in the file
    where: str  # "card 3", "row 5" (data rows after the header): how the user finds it
    name: str
    org: str | None = None
    role: str | None = None
    met: dt.date | None = None
    links: tuple[tuple[str, str], ...] = ()
    note: str = ""
    aka: tuple[str, ...] = ()
    birthday: str | None = None


# --------------------------------------------------------------------------- names


#: Honorifics before a name (compared without dots, any case): they are not part of it.
PREFIXES = frozenset({
    "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "lord", "lady", "rev",
    "revd", "fr", "hon", "judge", "justice", "herr", "frau", "mme", "mlle", "m", "sr", "sra", "srta",
    "dott", "dottssa", "ing", "mag", "univ-prof", "prof-dr", "me", "maitre", "maître",
})
#: Honorifics and degrees after a name.
SUFFIXES = frozenset({
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "dds", "dphil", "esq", "mba", "cpa", "kc", "qc", "sc", "obe",
    "mbe", "cbe", "frs", "llm", "jd", "llb", "ma", "msc", "bsc", "ba", "rn", "pe", "cfa", "dvm", "edd",
})


def _honorific(word: str, words: frozenset[str]) -> bool:
    key = word.strip(",").replace(".", "").casefold()
    return bool(key) and key in words


def without_honorifics(name: str) -> str:
    """``name`` without leading honorifics (``Dr.``, ``Prof.`` …) and trailing ones (``Jr.``,
    ``PhD`` …, also after a comma): ``Dr. Joël Müller-Lüdenscheidt`` → ``Joël Müller-Lüdenscheidt``.
    A name made only of such words is kept as it is."""
    words = one_line(name).split(" ")
    start, end = 0, len(words)
    while start < end - 1 and _honorific(words[start], PREFIXES):
        start += 1
    while end > start + 1 and _honorific(words[end - 1], SUFFIXES):
        end -= 1
    kept = " ".join(words[start:end]).rstrip(",")
    return kept if slugify(kept) else one_line(name)


# --------------------------------------------------------------------------- values that fit


#: Text values of a person (org, role, aka) longer than this are cut: an org is a page name
#: (``orgs/<slug>.md``) and a line of the people index.
MAX_VALUE = 200
#: Notes longer than this (characters) are cut: the person file must stay well under the
#: 2 MiB that netlog reads of a file, and a contact's notes are rarely this long.
MAX_NOTE = 100_000
#: The most links a person gets (the front matter must stay under 64 KiB).
MAX_LINKS = 50


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters and its slug form to a page name's bytes."""
    text = text[:limit]
    while len(slugify(text).encode("utf-8")) > MAX_PAGE_NAME_BYTES - 10:
        text = text[:max(1, len(text) * 3 // 4)]
    return text.rstrip()


def fit(c: ImportedPerson, path: str) -> tuple[ImportedPerson, list[Problem]]:
    """``c`` with values too long for a file, a page name or the front matter cut, and a
    warning for each cut (code ``contacts-value-cut``)."""
    cuts: list[str] = []
    changes: dict = {}
    for key in ("org", "role"):
        value = getattr(c, key)
        if value and _cut(value, MAX_VALUE) != value:
            changes[key] = _cut(value, MAX_VALUE)
            cuts.append(f"{key} cut to {len(changes[key])} of its {len(value)} characters")
    aka = tuple(_cut(a, MAX_VALUE) for a in c.aka)
    if aka != c.aka:
        changes["aka"] = aka
        cuts.append(f"aka cut to {MAX_VALUE} characters each")
    links = tuple((k, v[:2000]) for k, v in c.links[:MAX_LINKS])
    if links != c.links:
        changes["links"] = links
        cuts.append(f"links cut to the first {MAX_LINKS}, of at most 2,000 characters each")
    if len(c.note) > MAX_NOTE:
        changes["note"] = c.note[:MAX_NOTE].rstrip() + "\n\n(cut by netlog import: the rest is in the export)"
        cuts.append(f"notes cut to the first {MAX_NOTE:,} of their {len(c.note):,} characters")
    if not cuts:
        return c, []
    return replace(c, **changes), [Problem(path, c.line, WARNING, f"{c.where}: {'; '.join(cuts)}",
                                           "contacts-value-cut")]


# --------------------------------------------------------------------------- matching


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_PHONE = re.compile(r"(?:tel:)?\+?[0-9\s().\-/]+(?:\s*(?:ext|x)\.?\s*[0-9]+)?", re.I)
_NOT_DIGIT = re.compile(r"[^0-9]")
_URLISH = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)|^[\w-]+(?:\.[\w-]+)+/", re.I)


def phone_key(value: object) -> str | None:
    """A phone number as compared: its digits, the last 9 of them; None with fewer than 7
    digits or when ``value`` is not written as a phone number."""
    if not isinstance(value, str) or not _PHONE.fullmatch(value.strip()):
        return None
    digits = _NOT_DIGIT.sub("", value.split("x")[0].split("X")[0])
    return digits[-9:] if len(digits) >= 7 else None


def url_key(value: object) -> str | None:
    """A profile URL as compared: no scheme, no ``www.``, no trailing ``/``, case-folded; None
    when ``value`` is not written as a URL (an address, a phone number)."""
    if not isinstance(value, str) or email_address(value) is not None or not _URLISH.search(value.strip()):
        return None
    text = _SCHEME.sub("", value.strip().casefold())
    text = text.removeprefix("www.").rstrip("/")
    return text or None


def _keys(links) -> list[tuple[str, str]]:
    """(what, key) for each link value: ``email``, ``phone number`` or ``profile URL``."""
    out = []
    for _label, value in links:
        for what, key_of in _KEY_KINDS:  # in this order, each asked only until one gives a key
            key = key_of(value)
            if key is not None:
                out.append((what, key))
                break
    return out


_KEY_KINDS = (("email", email_address), ("phone number", phone_key), ("profile URL", url_key))


@dataclass(frozen=True, slots=True)
class Step:
    """What happens to one person: a path to create, or the reason it is skipped."""

    person: ImportedPerson
    path: str | None = None
    skipped: str | None = None
    match: str | None = None  # the existing person file (as shown) it was matched to
    text: str | None = None  # the file to create (person_file_text), made once for the check and the write


@dataclass(slots=True)
class Plan:
    """The steps, in the file's order, and the problems found while planning."""

    steps: list[Step] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class _Known:
    """Who already holds each name form and link key: people of the log, and people earlier
    in the file (``where`` set)."""

    holders: dict[tuple[str, str], list[tuple[str, str | None]]] = field(default_factory=dict)

    def add(self, what: str, key: str, who: str, where: str | None) -> None:
        owners = self.holders.setdefault((what, key), [])
        if (who, where) not in owners:
            owners.append((who, where))

    def get(self, what: str, key: str) -> list[tuple[str, str | None]]:
        return self.holders.get((what, key), [])


def _known_people(index: PeopleIndex, docs_dir: str) -> _Known:
    known = _Known()
    for p in index.people.values():
        if p.path is None:
            continue
        shown_path = shown(os.path.join(docs_dir, p.path))
        for what, key in _keys(p.links):
            known.add(what, key, shown_path, None)
    return known


def _existing(index: PeopleIndex, docs_dir: str, name: str) -> tuple[str, str | None] | None:
    """(the file, how) of the person whose name, aka or slug has ``name``'s slug form."""
    found = index.claimant(name)
    if found is None:
        return None
    person, how = found
    where = shown(os.path.join(docs_dir, person.path)) if person.path else person.slug
    return where, (None if how == f"name {person.name!r}" or how == "file name" else how)


def plan(found: list[ImportedPerson], index: PeopleIndex, docs_dir: str, path: str) -> Plan:
    """A person file for each new person; the others skipped with the reason (docs/format.md §12).

    Matched, in this order: the slug form of the name (``already in the log: FILE``) or of an
    aka, an e-mail address, phone number or profile URL equal to one in a person's ``links``
    (``same email as FILE (VALUE)``), and the same again against the people earlier in the
    file. A card matching two different files gets a ``contacts-one-person-two-files`` warning
    naming ``netlog merge``. Each person is cut to fit (:func:`fit`) and its file checked
    (:func:`file_problems`); one that would fail ``check`` is skipped with its error.
    """
    # like load_log: thousands of people, files and checks made and kept, few freed, so the
    # cycle collector would only rescan them again and again (about a tenth of an import)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _plan(found, index, docs_dir, path)
    finally:
        if was_enabled:
            gc.enable()


def _plan(found: list[ImportedPerson], index: PeopleIndex, docs_dir: str, path: str) -> Plan:
    out = Plan()
    known = _known_people(index, docs_dir)
    for c in found:
        c, cut = fit(c, path)
        out.problems += cut
        reasons: list[tuple[str, str]] = []  # (file or "card 3 ('Name') in this file", why)
        existing = _existing(index, docs_dir, c.name)
        if existing is not None:
            reasons.append((existing[0], f"already in the log: {existing[0]}"
                                         + (f" ({existing[1]})" if existing[1] else "")))
        forms, keys = _forms(c), _keys(c.links)  # once each: matching, then remembering
        in_file = [(who, where) for form in forms
                   for who, where in known.get("name", form)]
        for what, key in keys:
            for who, where in known.get(what, key):
                if where is None:
                    reasons.append((who, f"same {what} as {who} ({key})"))
                else:
                    in_file.append((who, where))
        files = list(dict.fromkeys(who for who, _why in reasons))
        if len(files) > 1:
            out.problems.append(Problem(path, c.line, WARNING, (
                f"{c.where} ({c.name}) matches " + " and ".join(files) + ": they look like one person; "
                f"if so, merge them with `netlog merge {_slug_of(files[1])} {_slug_of(files[0])}`"),
                "contacts-one-person-two-files"))
        if reasons:
            out.steps.append(Step(c, skipped=reasons[0][1], match=files[0]))
            continue
        if in_file:
            who, where = in_file[0]
            out.steps.append(Step(c, skipped=f"same person as {where} ({who!r}) in this file"))
            continue
        for form in forms:
            known.add("name", form, c.name, c.where)
        for what, key in keys:
            known.add(what, key, c.name, c.where)
        try:
            target = check_new_person(index, docs_dir, c.name)
        except ReservedName as e:
            out.steps.append(Step(c, skipped=str(e)))
            continue
        except PersonExists as e:
            out.steps.append(Step(c, skipped=f"already in the log: {e.where}" + (f" ({e.how})" if e.how else "")))
            continue
        c, dropped = _without_taken_aka(c, index)
        if dropped:
            out.problems.append(Problem(path, c.line, WARNING, f"{c.where}: nickname {', '.join(map(repr, dropped))} "
                                        "left out: another person already has that name or aka", "contacts-value-cut"))
        out.steps.append(Step(c, path=target, text=person_file_text(c)))
    # every new file checked in one go (one build_log, not thousands): a step whose file would
    # fail `check` is skipped with its first error, in its place
    made = [n for n, step in enumerate(out.steps) if step.text is not None]
    for n, problems in zip(made, files_problems([(out.steps[n].path, out.steps[n].text) for n in made])):
        errors = [p for p in problems if p.severity == ERROR]
        if errors:
            out.steps[n] = Step(out.steps[n].person,
                                skipped=f"its person file would not pass `netlog check`: {errors[0].message}")
    return out


def _forms(c: ImportedPerson) -> list[str]:
    """The slug forms of ``c``'s name and aka, in order, without repeats."""
    return [f for f in dict.fromkeys(slugify(n) for n in (c.name, *c.aka)) if f]


def _slug_of(shown_path: str) -> str:
    return os.path.basename(shown_path).removesuffix(".md")


def _without_taken_aka(c: ImportedPerson, index: PeopleIndex) -> tuple[ImportedPerson, list[str]]:
    """``c`` without the aka that another person claims or that repeat its name (which ``check``
    would report as a clash)."""
    kept, dropped, forms = [], [], {slugify(c.name)}
    for a in c.aka:
        form = slugify(a)
        if not form or form in forms:
            continue
        if index.claimant(a) is not None:
            dropped.append(a)
            continue
        forms.add(form)
        kept.append(a)
    return (replace(c, aka=tuple(kept)) if tuple(kept) != c.aka else c), dropped


# --------------------------------------------------------------------------- the file


def person_file_text(c: ImportedPerson) -> str:
    """The person file for ``c``: its name, aka, org, role, met, birthday, links, and its notes
    as the body (imported text shown as written: no HTML, no links; sanitize.literal_note)."""
    text = person_text(c.name, aka=c.aka, org=c.org, role=c.role, met=c.met, links=dict(c.links),
                       body=literal_note(c.note))
    if c.birthday:
        # after `met` (or its hint): the keys in the order of docs/format.md §3
        lines = text.split("\n")
        at = next(n for n, line in enumerate(lines) if line.startswith(("met:", "# met:"))) + 1
        value = dt.date.fromisoformat(c.birthday) if len(c.birthday) == 10 else c.birthday
        lines.insert(at, yaml_line("birthday", value))
        text = "\n".join(lines)
    return text


def file_problems(path: str, text: str) -> list[Problem]:
    """The problems ``netlog check`` would report in the person file ``text`` on its own (its
    front matter, keys and values, size and name), for a file about to be written at ``path``."""
    return files_problems([(path, text)])[0]


def files_problems(files: list[tuple[str, str]]) -> list[list[Problem]]:
    """:func:`file_problems` of each ``(path, text)`` of ``files`` (new person files, each
    ``people/<name>.md`` of the log; paths with different names), in their order: the files
    parsed one by one (``frontmatter.parse_written``: what ``parse`` gives, without PyYAML for
    the simple form these files have) and checked together, as ``netlog check`` checks a log's
    people. The
    problems one file's values give are the same either way; what only two of them together
    would give (a slug clash) is reported on the second, which ``check`` would report too.
    Files that share a name are checked one by one."""
    frontmatter, source_file, build_log, options = _checker()
    rels = [f"people/{os.path.basename(path)}" for path, _text in files]
    if len(set(rels)) < len(rels):
        return [file_problems(path, text) for path, text in files]
    out: list[list[Problem]] = []
    parsed = []
    for rel, (_path, text) in zip(rels, files):
        problems: list[Problem] = []
        if len(rel[len("people/"):].removesuffix(".md").encode("utf-8")) > MAX_PAGE_NAME_BYTES:
            problems.append(Problem(rel, 1, ERROR, "the name is too long for a file name", "name-too-long"))
        out.append(problems)
        decoded, read = frontmatter.decode(rel, text.encode("utf-8"))
        problems += read
        if decoded is None:
            continue
        fm = frontmatter.parse_written(rel, decoded)  # what parse() gives, cheaper for netlog's own files
        problems += fm.problems
        if fm.data is not None:
            parsed.append(source_file(rel, fm))
    if parsed:
        at = {rel: problems for rel, problems in zip(rels, out)}
        _log, more = build_log(parsed, options)
        for p in more:
            if p.path in at:
                at[p.path].append(p)
    return out


@functools.cache
def _checker():
    """What :func:`file_problems` checks with, imported and made once (it runs for each of
    thousands of people): ``(frontmatter module, load.SourceFile, load.build_log,
    to_options(None))``."""
    from .. import frontmatter
    from ..load import SourceFile, build_log
    from ..options import to_options

    return frontmatter, SourceFile, build_log, to_options(None)


def read_contacts(path: str) -> tuple[str | None, list[Problem]]:
    """The text of the contacts file at ``path`` by ``readfile``'s one policy (64 MiB, UTF-8),
    or None and the error; a file with NUL bytes is refused as binary (``contacts-unreadable``)."""
    from .. import readfile

    text, problems = readfile.read_text(path, "contacts")
    if text is not None and "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [Problem(path, line, ERROR, "a binary file (a NUL byte), not a contacts export",
                              "contacts-unreadable")]
    return text, problems
