"""Property tests (Hypothesis): random and mutated logs never crash the pipeline; offsets,
due items, closing and slugs obey the spec's laws.

Fast by design: no MkDocs, at most 60 examples each. Logs are written into a fresh temporary
folder per example (not ``tmp_path``, which Hypothesis would share between examples).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import unicodedata
from contextlib import contextmanager

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from netlog import followups
from netlog.dates import Offset, parse_date, parse_offset
from netlog.kinds import BUILTIN_KINDS, CONVERSATION, VISIBILITY, merge_kinds
from netlog.items import Source
from netlog.load import ENTRY_KEYS, PERSON_KEYS, load_log
from netlog.model import ERROR, WARNING
from netlog.options import Options
from netlog.pages import build_pages
from netlog.slug import is_slug, slugify

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SOURCES_1_TO_3 = (Source.EXPLICIT, Source.RULE, Source.THANKS)


def slug_shaped(slug: str) -> bool:
    """docs/format.md §3 as amended: runs of letters and digits (each followed by the marks that
    belong to it) joined by single `-`, composed (NFC)."""
    runs = slug.split("-")
    return (unicodedata.normalize("NFC", slug) == slug
            and all(r and r[0].isalnum() and all(c.isalnum() or unicodedata.category(c)[0] == "M" for c in r)
                    for r in runs))

# --------------------------------------------------------------------------- strategies

#: Names chosen to collide: same slug forms, accents, case, aka, punctuation only, CJK.
NAMES = ["Jane Doe", "jane-doe", "Jané DOE", "J. Doe", "Sam Lee", "Samuel Lee", "F. Grey",
         "Frank Grey", "王伟", "José Núñez", "Ann", "ann", "Anne-Marie O'Neil", "x", "!!!", "index"]
REAL_NAMES = NAMES[:-2]  # every one with letters, and not a reserved page
KINDS = sorted(BUILTIN_KINDS) + ["hearing", "Coffee", "coffe", ""]
UNITS = "dwmy"


def offsets_text(max_n: int = 400):
    return st.builds(lambda n, u: f"{n}{u}", st.integers(1, max_n), st.sampled_from(UNITS))


def sane_dates():
    return st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))


def scalars(dates):
    return st.one_of(
        st.none(), st.booleans(), st.integers(-10**6, 10**12),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=12), st.sampled_from(NAMES + KINDS + ["on", "yes", "~", "---", "..."]),
        dates, dates.map(dt.date.isoformat),
        st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2035, 12, 31)),
        offsets_text(), st.sampled_from(["0d", "-1d", "3", "1D", "2026-02-30", "Jan 5 2026"]),
    )


def any_value(dates):
    hashable = st.one_of(st.text(max_size=6), st.integers(-5, 5), st.booleans(), st.none())
    return st.recursive(scalars(dates),
                        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hashable, inner, max_size=3),
                        max_leaves=6)


def refs():
    return st.one_of(st.sampled_from(NAMES), st.lists(st.sampled_from(NAMES), max_size=3))


def follow_ups(dates):
    return st.one_of(
        st.just(False), dates, offsets_text(),
        st.fixed_dictionaries({"due": dates}, optional={"action": st.text(min_size=1, max_size=10)}),
        st.fixed_dictionaries({"in": offsets_text()}, optional={"action": st.text(min_size=1, max_size=10)}),
    )


def entry_values(dates):
    return {
        "date": dates, "kind": st.sampled_from(KINDS), "with": refs(), "via": refs(),
        "title": st.text(max_size=30), "follow_up": follow_ups(dates),
        "direction": st.sampled_from(["out", "in", "mutual", "outt"]), "audience": st.integers(-2, 500),
        "channel": st.text(max_size=8), "outcome": st.text(max_size=8),
        "tags": st.lists(st.text(max_size=8), max_size=3), "private": st.booleans(),
        "source": st.text(max_size=12), "snooze": dates,
    }


def person_values(dates):
    return {
        "name": st.sampled_from(NAMES), "aka": refs(), "org": st.text(max_size=8),
        "role": st.text(max_size=8), "tags": st.lists(st.sampled_from(["mentor", "peer", "x"]), max_size=2),
        "cadence": offsets_text(), "met": dates, "met_via": st.sampled_from(NAMES),
        "links": st.dictionaries(st.sampled_from(["email", "web", "tel"]), st.text(max_size=12), max_size=2),
        "private": st.booleans(), "snooze": dates,
        "birthday": st.one_of(dates, st.sampled_from(["02-29", "12-31", "13-01", "3-14", "1990-02-29"])),
    }


@st.composite
def front_matter(draw, valid: dict, required: tuple, dates):
    """A mapping: mostly well-typed values for the spec's keys, sometimes anything at all."""
    keys = list(valid) + ["folow_up", "notes", "x"]
    data = {}
    for key in required:
        if draw(st.integers(0, 9)):  # usually present
            data[key] = draw(valid[key])
    for key in draw(st.lists(st.sampled_from(keys), unique=True, max_size=5)):
        if key in valid and draw(st.integers(0, 3)):
            data[key] = draw(valid[key])
        else:
            data[key] = draw(any_value(dates))
    return data


MUTATIONS = ("none",) * 6 + ("truncate", "drop-line", "dup-line", "tab", "crlf-bom", "no-close", "raw-junk",
                             "bare-on", "flow-junk")


@st.composite
def file_text(draw, valid: dict, required: tuple, dates):
    data = draw(front_matter(valid, required, dates))
    try:
        fm = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)
    except yaml.YAMLError:  # pragma: no cover - safe_dump handles every value drawn above
        fm = "x: 1\n"
    body = draw(st.sampled_from(["", "Notes.\n", "# A heading\n\nText.\n", "```\n# not a heading\n```\n"]))
    text = "---\n" + fm + "---\n" + body
    mutation = draw(st.sampled_from(MUTATIONS))
    lines = text.split("\n")
    if mutation == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif mutation == "drop-line" and len(lines) > 1:
        del lines[draw(st.integers(0, len(lines) - 1))]
        text = "\n".join(lines)
    elif mutation == "dup-line" and len(lines) > 2:
        i = draw(st.integers(1, len(lines) - 2))
        lines.insert(i, lines[i])
        text = "\n".join(lines)
    elif mutation == "tab":
        text = text.replace("\n  ", "\n\t", 1).replace("\n- ", "\n\t- ", 1)
    elif mutation == "crlf-bom":
        text = "\ufeff" + text.replace("\n", "\r\n")
    elif mutation == "no-close":
        text = text.replace("\n---\n", "\n", 1) if text.count("---") > 1 else text
    elif mutation == "raw-junk":
        i = draw(st.integers(0, len(text)))
        text = text[:i] + draw(st.text(max_size=6)) + text[i:]
    elif mutation == "bare-on":
        text = text.replace("---\n", "---\non: 2026-01-01\nyes: 1\n", 1)
    elif mutation == "flow-junk":
        text = text.replace("---\n", "---\nz: " + draw(st.sampled_from(["[", "{", "[[[]]", "&a [*a]", "*b", "'", "!!python/object:os.system"])) + "\n", 1)
    return text


@st.composite
def valid_entry(draw, dates):
    """The text of a well-formed entry: any built-in kind, some people, maybe via and follow_up."""
    kind = draw(st.sampled_from(sorted(BUILTIN_KINDS)))
    data: dict = {"date": draw(dates), "kind": kind}
    people = draw(st.lists(st.sampled_from(REAL_NAMES), min_size=1 if BUILTIN_KINDS[kind].group == CONVERSATION
                           else 0, max_size=3, unique=True))
    if people:
        data["with"] = people
    if draw(st.integers(0, 2)) == 0:
        data["via"] = draw(st.lists(st.sampled_from(REAL_NAMES), min_size=1, max_size=2, unique=True))
    if draw(st.integers(0, 2)) == 0:
        data["follow_up"] = draw(st.one_of(st.just(False), offsets_text(60),
                                           st.fixed_dictionaries({"in": offsets_text(60), "action": st.just("Ask")})))
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


@st.composite
def logs(draw, dates=None, max_entries: int = 8, mutate: bool = True):
    """{path in the log: text or bytes} for a few people and entries.

    ``mutate``: entries and people with random keys, values and text mutations (most files
    broken somehow); else well-formed entries and people (refs may still clash or be unknown).
    """
    dates = dates if dates is not None else sane_dates()
    files: dict[str, str | bytes] = {}
    for name in draw(st.lists(st.sampled_from(NAMES), max_size=5, unique=True)):
        stem = slugify(name) if draw(st.integers(0, 5)) else name
        text = draw(file_text(person_values(dates), ("name",), dates)) if mutate else \
            "---\n" + yaml.safe_dump({"name": name}, allow_unicode=True) + "---\n"
        files[f"people/{stem or 'blank'}.md"] = text
    for i in range(draw(st.integers(0, max_entries))):
        if mutate:
            folder = draw(st.sampled_from(["2024", "2025", "2026", "", "2026", "people/sub", "_drafts", "timeline"]))
            name = draw(st.sampled_from([f"e{i}.md"] * 4 + ["index.md", "2026.md", f"e{i}.txt"]))
            text = draw(st.one_of(valid_entry(dates), file_text(entry_values(dates), ("date", "kind", "with"), dates)))
        else:
            folder, name = draw(st.sampled_from(["2024", "2025", "2026"])), f"e{i}.md"
            text = draw(valid_entry(dates))
        files[f"{folder}/{name}" if folder else name] = text
    if mutate and draw(st.integers(0, 9)) == 0:
        files["junk.md"] = draw(st.binary(max_size=40))
    return files


@st.composite
def options(draw):
    """Plugin options: offsets, tag cadences, and kinds that add or change rules."""
    kinds = {}
    for name in draw(st.lists(st.sampled_from(["hearing", "coffee", "event", "talk", "intro"]), max_size=2,
                              unique=True)):
        spec: dict = {}
        if draw(st.booleans()):
            spec["group"] = draw(st.sampled_from([CONVERSATION, VISIBILITY]))
        if draw(st.booleans()):
            spec["after"] = draw(st.none() | offsets_text().map(parse_offset))
        if draw(st.booleans()):
            spec["action"] = "Do it"
        kinds[name] = spec
    off = offsets_text(60).map(parse_offset)
    return Options(upcoming=draw(off), dormant=draw(off), visibility_gap=draw(off), thanks_after=draw(off),
                   cadence=draw(st.dictionaries(st.sampled_from(["mentor", "peer"]), off, max_size=2)),
                   kinds=merge_kinds(kinds))


def test_the_generators_cover_every_key_of_the_spec():
    assert set(entry_values(sane_dates())) == set(ENTRY_KEYS)
    assert set(person_values(sane_dates())) == set(PERSON_KEYS)


# --------------------------------------------------------------------------- helpers


def write(root: str, files: dict, order=None) -> None:
    for path in order if order is not None else files:
        target = os.path.join(root, *path.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        content = files[path]
        with open(target, "wb") as fh:
            fh.write(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))


@contextmanager
def written(files: dict, order=None):
    with tempfile.TemporaryDirectory(prefix="netlog-prop-") as tmp:
        docs = os.path.join(tmp, "log")
        os.makedirs(docs)
        write(docs, files, order)
        yield docs


def item_keys(items, sources=SOURCES_1_TO_3) -> set:
    """What an item is about: its due date, person, source and entry (not its wording)."""
    return {(i.due, i.person, i.source, i.entry) for i in items if i.source in sources}


# --------------------------------------------------------------------------- never raises


@SETTINGS
@given(files=logs(dates=st.dates()), opts=options(), today=st.dates())
def test_load_and_compute_never_raise(files, opts, today):
    """Any log, any options, any today (0001-01-01 to 9999-12-31): problems, never exceptions."""
    with written(files) as docs:
        log, problems = load_log(docs, opts)
    for p in problems:
        assert p.line >= 1 and p.severity in (ERROR, WARNING) and p.message, p
        assert "\n" not in p.message, p  # one problem, one line of `netlog check`
        assert not os.path.isabs(p.path), p
    items = followups.compute(log, today)
    everything = followups.compute_all(log, today)
    assert [i for i in everything if not i.closed] == items
    assert items == sorted(items, key=lambda i: i.sort_key())
    for i in items:
        assert i.status in followups.STATUSES
        assert i.person is None or i.person in log.people
        assert i.entry is None or any(e.path == i.entry for e in log.entries)
    followups.select(items, include_later=False)
    paths = {e.path for e in log.entries}
    assert paths <= set(files), "an entry the log does not hold"


@SETTINGS
@given(files=logs(dates=st.one_of(sane_dates(), st.dates())), today=st.one_of(sane_dates(), st.dates()))
def test_pages_and_calendar_never_raise(files, today):
    """Every page and the calendar feed, for any loadable log and any today (the calendar's ends
    included)."""
    with written(files) as docs:
        log, _problems = load_log(docs, Options(kinds=merge_kinds({})))
    site = build_pages(log, today)
    assert "index.md" in site.pages and "follow-ups.md" in site.pages
    assert site.ics().startswith(b"BEGIN:VCALENDAR")


TAGS = ["!!int", "!!float", "!!bool", "!!timestamp", "!!null", "!!str", "!!binary", "!!set", "!!omap",
        "!!seq", "!!map", "!custom"]


@SETTINGS
@given(key=st.sampled_from(["title", "date", "audience", "private", "x"]), tag=st.sampled_from(TAGS),
       value=st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=8))
def test_tagged_values_are_problems_not_exceptions(key, tag, value):
    text = f"---\ndate: 2026-01-05\nkind: talk\n{key}: {tag} {json.dumps(value)}\n---\n"
    with written({"a.md": text}) as docs:
        _log, problems = load_log(docs, Options(kinds=merge_kinds({})))
    assert all(p.line in (1, 2, 3, 4) for p in problems), problems


# --------------------------------------------------------------------------- offsets and dates


@SETTINGS
@given(n=st.integers(1, 999_999), unit=st.sampled_from(UNITS))
def test_offset_round_trips_through_its_text(n, unit):
    off = Offset(n, unit)
    assert parse_offset(str(off)) == off
    assert parse_offset(f"  {off}  ") == off


@SETTINGS
@given(text=st.text(max_size=10) | st.from_regex(r"-?[0-9]{1,8}[dwmyDWMY ]?", fullmatch=True))
def test_parse_offset_accepts_only_what_it_can_write_back(text):
    off = parse_offset(text)
    if off is not None:
        assert str(off) == text.strip()
        assert off.n >= 1 and off.unit in UNITS


@SETTINGS
@given(n=st.integers(1, 2000), unit=st.sampled_from(UNITS), a=st.dates(), b=st.dates())
def test_adding_an_offset_is_monotonic_in_the_date(n, unit, a, b):
    a, b = min(a, b), max(a, b)
    off = Offset(n, unit)
    try:
        later_a, later_b = off.add_to(a), off.add_to(b)
    except OverflowError:
        assume(False)
    assert later_a > a and later_b > b
    assert later_a <= later_b


@SETTINGS
@given(n=st.integers(1, 2000), m=st.integers(1, 2000), unit=st.sampled_from(UNITS), day=st.dates())
def test_adding_more_is_never_earlier(n, m, unit, day):
    small, big = sorted((n, m))
    try:
        assert Offset(small, unit).add_to(day) <= Offset(big, unit).add_to(day)
    except OverflowError:
        assume(False)


@SETTINGS
@given(day=st.dates(), junk=any_value(st.dates()))
def test_parse_date_round_trips_and_never_raises(day, junk):
    assert parse_date(day) == day
    assert parse_date(day.isoformat()) == day
    parse_date(junk)


# --------------------------------------------------------------------------- purity


@SETTINGS
@given(files=logs(mutate=True), today=sane_dates(), data=st.data())
def test_due_items_are_a_function_of_the_files_and_today(files, today, data):
    """The same files written in another order, each loaded twice: the same items and problems."""
    order = data.draw(st.permutations(list(files)))
    results = []
    for write_order in (list(files), order):
        with written(files, write_order) as docs:
            for _ in range(2):
                log, problems = load_log(docs, Options(kinds=merge_kinds({})))
                results.append((followups.compute(log, today), problems))
    first = results[0]
    for other in results[1:]:
        assert other == first


# --------------------------------------------------------------------------- closing never opens


@SETTINGS
@given(today=st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31)), data=st.data())
def test_adding_an_entry_never_opens_someone_elses_item(today, data):
    """Closing never opens: after adding F, every open explicit/rule/thanks item that was not open
    before is one of F's own. Dates are drawn close together so that entries close each other."""
    window = st.dates(today - dt.timedelta(days=60), today + dt.timedelta(days=10))
    files = data.draw(logs(dates=window, mutate=False), label="files")
    f_path = data.draw(st.sampled_from(["0000/f.md", "2025/f-new.md", "zzzz/f.md"]))
    assume(f_path not in files)
    f_text = data.draw(valid_entry(st.dates(today - dt.timedelta(days=60), today)), label="F")  # on or before today
    opts = Options(kinds=merge_kinds({}))
    with written(files) as docs:
        before_log, _ = load_log(docs, opts)
        before = item_keys(followups.compute(before_log, today))
        write(docs, {f_path: f_text})
        after_log, _ = load_log(docs, opts)
        after = item_keys(followups.compute(after_log, today))
    assume(any(e.path == f_path for e in after_log.entries))  # F itself was valid
    opened = {key for key in after - before if key[3] != f_path}
    assert not opened, f"adding {f_path} opened {opened}"


# --------------------------------------------------------------------------- slugs


TRICKY = ["José Núñez", "Anne-Marie O'Neil", "王伟", "İstanbul", "ǅemal", "ß", "ﬁnance", "Ⅻ", "½",
          "a_b", "__", "--", " - ", "Ǆ", "ℌ", "K", "Å", "Ω", "\u0301a", "a\u200db", "١٢٣", "x²", "🙂",
          "राहुल शर्मा", "สมชาย ใจดี", "김민준", "\u1100\u1161"]


@SETTINGS
@given(text=st.text() | st.sampled_from(TRICKY) | st.lists(st.sampled_from(TRICKY)).map(" ".join))
def test_slugify_is_idempotent_and_makes_a_slug_or_nothing(text):
    slug = slugify(text)
    assert slugify(slug) == slug
    assert slug == "" or (slug_shaped(slug) and slug == slug.lower() and is_slug(slug)), slug


@pytest.mark.parametrize("text", TRICKY)
def test_slugify_tricky_strings(text):
    slug = slugify(text)
    assert slugify(slug) == slug
    assert slug == "" or is_slug(slug)


# --------------------------------------------------------------------------- the fast constructor

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=12),
                     st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
                     st.floats(allow_nan=False, allow_infinity=False, width=32))
_documents = st.dictionaries(st.text(min_size=1, max_size=8), st.recursive(
    _scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                      st.dictionaries(st.text(min_size=1, max_size=6), inner, max_size=3)),
    max_leaves=8), max_size=6)


@settings(max_examples=80, deadline=None)
@given(_documents, st.booleans())
def test_front_matter_reads_as_pyyaml_does(document, with_anchor):
    """frontmatter.parse builds plain front matter itself; it must equal what
    yaml.load with the safe C loader gives, anchors and merge keys included."""
    import yaml

    from netlog import frontmatter

    source = yaml.safe_dump(document, allow_unicode=True, sort_keys=False) if document else ""
    if with_anchor:
        source += "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\nagain: *b\n"
    expected = yaml.load(source, Loader=yaml.CSafeLoader)
    fm = frontmatter.parse("x.md", f"---\n{source}---\nbody\n")
    if expected is None:  # nothing between the --- lines: empty front matter, no problem
        assert fm.data == {} and fm.problems == []
        return
    assert isinstance(expected, dict)  # the strategy only ever writes mappings
    assert fm.data is not None, fm.problems  # valid YAML that PyYAML reads must read here too
    assert fm.data == expected
