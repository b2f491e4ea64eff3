"""The front matter parser's shortcuts (issue 27) give what PyYAML itself gives: the tag of every
plain scalar (the joined, remembered resolver), the data of every document (alias-free documents
built without tracking nodes, ``YYYY-MM-DD`` without PyYAML's regex)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from netlog import frontmatter

SCALARS = ["", "~", "null", "Null", "NULL", "nul", "yes", "Yes", "YES", "no", "No", "on", "On", "OFF", "off",
           "true", "True", "TRUE", "false", "n", "y", "Y", "N", "0", "1", "-1", "+1", "0o17", "0x1F", "0b101",
           "1_000", "1:20", "1.5", "-1.5e3", ".5", ".inf", "-.inf", ".NaN", "1e3", "2026-01-02", "2026-1-2",
           "2026-01-02 10:00:00", "2026-01-02T10:00:00Z", "2026-02-30", "0000-01-01", "<<", "=", "title",
           "tags", "follow_up", "Jane Doe", "Nora", "Tom", "Olga", "Fay", "Yann", "- x", "!", "&", "*",
           "0612345670", "3d", "2w", "१२", "٣", "2026-01-0२"]


def stock_tag(value: str, plain: bool = True) -> str:
    loader = yaml.SafeLoader("")
    return yaml.resolver.BaseResolver.resolve(loader, yaml.ScalarNode, value, (plain, not plain))


def fast_tag(value: str, plain: bool = True) -> str:
    loader = frontmatter._Loader("")
    try:
        return loader.resolve(yaml.ScalarNode, value, (plain, not plain))
    finally:
        loader.dispose()


@pytest.mark.parametrize("value", SCALARS)
def test_every_plain_scalar_gets_pyyamls_tag_first_time_and_remembered(value):
    for _ in range(2):  # the second time from memory
        assert fast_tag(value) == stock_tag(value)
        assert fast_tag(value, plain=False) == stock_tag(value, plain=False) == "tag:yaml.org,2002:str"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20) | st.from_regex(r"[-+.0-9:_eExob]{1,12}", fullmatch=True)
       | st.from_regex(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", fullmatch=True))
def test_any_scalar_gets_pyyamls_tag(value):
    assert fast_tag(value) == fast_tag(value) == stock_tag(value)


def test_collections_get_pyyamls_tags():
    loader = frontmatter._Loader("")
    stock = yaml.SafeLoader("")
    for kind in (yaml.SequenceNode, yaml.MappingNode):
        assert loader.resolve(kind, None, (True, False)) == yaml.resolver.BaseResolver.resolve(stock, kind, None,
                                                                                             (True, False))


@pytest.mark.parametrize("text", ["2026-01-02", "1999-12-31", "2024-02-29", "2026-1-2", "2026-01-02 10:00:00",
                                  "2026-01-02T10:00:00+02:00", "2026-01-02t10:00:00.5Z"])
def test_a_timestamp_is_what_pyyaml_makes(text):
    assert frontmatter.parse("x.md", f"---\nd: {text}\n---\n").data == yaml.load(f"d: {text}", Loader=yaml.CSafeLoader)


@pytest.mark.parametrize("text", ["2026-02-30", "2023-02-29", "0000-01-01", "2026-13-01", "2026-00-10"])
def test_an_impossible_date_is_kept_as_text(text):
    value = frontmatter.parse("x.md", f"---\nd: {text}\n---\n").data["d"]
    assert isinstance(value, frontmatter.InvalidTimestamp) and value == text


DOCUMENTS = [
    "date: 2026-01-02\nkind: coffee\nwith: [Jane Doe, Sam]\ntags:\n  - a\n  - b\n"
    "follow_up: {due: 2026-02-01, action: x}\n",
    "name: Nora\naka: [N]\nlinks: {phone: 0612345670, mail: n@example.com}\nbirthday: 02-29\nprivate: yes\n",
    "a: &x {b: 1, c: [1, 2]}\nd: *x\n",  # an alias: tracked, shared
    "a: &s text\nb: *s\n",  # a scalar alias
    "base: &b {k: 1}\nm:\n  <<: *b\n  j: 2\n",  # a merge key: PyYAML's constructor
    "? a\n: explicit key\n",
    "1: one\nnull: ~\ntrue: t\n2026-01-02: day\n",
    "n: !!str 12\ni: !!int '7'\nf: 1.5\nb: !!binary aGVsbG8=\ns: !!set {a, b}\n",
    "nested: {a: {b: {c: [1, {d: 2026-01-02}]}}}\n",
    "x: 2026-01-02 *\n",  # a '*' that is no alias
]


@pytest.mark.parametrize("source", DOCUMENTS)
def test_a_document_is_what_pyyaml_makes(source):
    assert frontmatter.parse("x.md", f"---\n{source}---\nbody\n").data == yaml.load(source, Loader=yaml.CSafeLoader)


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12) | st.dates(min_value=dt.date(1000, 1, 1)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=10), _VALUES, min_size=1, max_size=6), st.booleans())
def test_any_dumped_mapping_reads_back_as_pyyaml_reads_it(data, flow):
    source = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    fm = frontmatter.parse("x.md", f"---\n{source}---\n")
    if fm.data is None:  # what netlog refuses (a tab, a '...' line) is not the point here
        return
    assert fm.data == yaml.load(source, Loader=yaml.CSafeLoader)


# --------------------------------------------------------------------------- parse_written


def _fields(fm: frontmatter.FrontMatter) -> tuple:
    return (fm.data, fm.lines, fm.written, fm.source, fm.body, fm.problems, fm.body_line, fm.typed_forms())


def _same_as_parse(text: str) -> bool:
    """parse_written(text) is parse(text) in every field; True when the simple form read it."""
    simple = frontmatter._simple(text)
    assert _fields(frontmatter.parse_written("people/x.md", text)) == _fields(frontmatter.parse("people/x.md", text))
    if simple is not None:
        assert _fields(simple) == _fields(frontmatter.parse("people/x.md", text))
    return simple is not None


def _person_files() -> list[str]:
    """Person files as the imports write them (names, orgs, links, dates, notes of every kind)."""
    from netlog.capture.contacts import ImportedPerson, person_file_text

    people = [
        ImportedPerson(1, "card 1", "Ada Brennan"),
        ImportedPerson(2, "card 2", "Søren O'Connell", org="Marlowe, Stroud & Co", role="Partner, Disputes",
                       met=dt.date(2019, 3, 1), links=(("email", "p1@example.com"), ("phone", "+44 20 7946 0958"),
                                                        ("linkedin", "https://www.linkedin.com/in/member-1")),
                       note="Met at the forum, table 6.\n\nWants: a call.", birthday="1985-04-23"),
        ImportedPerson(3, "card 3", "Zoë Dubois", aka=("Zo", "Z. D."), birthday="02-29",
                       links=(("email", "z@x"), ("email-2", "yes"), ("url", "example.com/a: b #c"))),
        ImportedPerson(4, "card 4", "Yes", org="No", role="null", links=(("phone", "0612345670"),)),
        ImportedPerson(5, "card 5", "Tomás García", org="'Quoted' & Co", role="- dash",
                       links=(("phone", "1:20"), ("url", "[x]"))),
        ImportedPerson(6, "card 6", "Wen Kim", org="Kestrel Labs: R&D", role="Head #1 of Ops"),
    ]
    return [person_file_text(p) for p in people]


@pytest.mark.parametrize("text", _person_files())
def test_a_person_file_an_import_writes_reads_as_parse_reads_it(text):
    _same_as_parse(text)


def test_the_import_s_usual_person_files_take_the_simple_form():
    files = _person_files()
    assert _same_as_parse(files[0]) and _same_as_parse(files[1])


SIMPLE_EDGES = [
    "---\nname: Ada\n---\n", "---\nname: Ada\n---", "---\nname: Ada\n---\nbody\n---\nmore\n",
    "---\nname: Ada\n...\n---\n", "--- \nname: Ada\n---\n", "---\nname: Ada\n--- \nbody\n",
    "---\n---\n", "---\n# only a comment\n---\n", "---\nname:\n---\n", "---\nname: \n---\n",
    "---\nname:  Ada\n---\n", "---\nname: Ada \n---\n", "---\nname: Ada\tB\n---\n", "---\nname: Ada\x85B\n---\n",
    "---\nname: Ada\u2028B\n---\n", "---\nname: A\ufeff\n---\n", "---\nname: A\x01\n---\n", "---\nname: A\xa0B\n---\n",
    "---\nname: Ada\nname: Bea\n---\n", "---\nname: Ada\n  more\n---\n", "---\nname: Ada\n more\n---\n",
    "---\nlinks:\n  email: a@b\n  email: c@d\n---\n", "---\nlinks:\n  email: a@b\n   deeper: x\n---\n",
    "---\nlinks:\n# c\n  email: a@b\n---\n", "---\nlinks:\n  email: a@b\n# c\n  phone: 1 2 3\n---\n",
    "---\nlinks:\n  email: a@b\n# c\nname: x\n---\n", "---\nlinks:\nname: x\n---\n", "---\nname: x\nlinks:\n---\n",
    "---\nlinks:\n  email:\n---\n", "---\nlinks:\n  email: \n---\n", "---\nlinks:\n  yes: a\n---\n",
    "---\nlinks:\n  1: a\n---\n", "---\nlinks: \n  email: a\n---\n", "---\n  email: a\n---\n",
    "---\nyes: a\n---\n", "---\nnull: a\n---\n", "---\nOn: a\n---\n", "---\ny: a\n---\n", "---\nmet_via: a\n---\n",
    "---\nx-1: a\n---\n", "---\n_x: a\n---\n", "---\nn: yes\n---\n", "---\nn: Null\n---\n", "---\nn: 12\n---\n",
    "---\nn: 0612345670\n---\n", "---\nn: +33612345670\n---\n", "---\nn: +44 20 7946 0958\n---\n",
    "---\nn: 1_000\n---\n", "---\nn: 1:20\n---\n", "---\nn: 1.5\n---\n", "---\nn: .5\n---\n", "---\nn: 1e3\n---\n",
    "---\nn: 2026-01-02\n---\n", "---\nn: 2026-02-30\n---\n", "---\nn: 2026-1-2\n---\n", "---\nn: 2026-01-02 10:00:00\n---\n",
    "---\nn: 2026-01-02T10:00:00Z\n---\n", "---\nn: 04-23\n---\n", "---\nn: 2026-01-0२\n---\n", "---\nn: ١٢\n---\n",
    "---\nn: a: b\n---\n", "---\nn: a:b\n---\n", "---\nn: a:\n---\n", "---\nn: a #b\n---\n", "---\nn: a#b\n---\n",
    "---\nn: https://x.example/a?b=c#d\n---\n", "---\nn: a, b & c [d] {e} *f !g %h @i `j |k >l 'm' \"n\"\n---\n",
    "---\nn: 'a'\n---\n", "---\nn: \"a\"\n---\n", "---\nn: [a, b]\n---\n", "---\nn: {a: b}\n---\n", "---\nn: &a x\n---\n",
    "---\nn: *a\n---\n", "---\nn: !!str 1\n---\n", "---\nn: - a\n---\n", "---\nn: ? a\n---\n", "---\nn: |\n  a\n---\n",
    "---\nn: >\n  a\n---\n", "---\nn: %a\n---\n", "---\nn: @a\n---\n", "---\nn: `a\n---\n", "---\nn: ~\n---\n",
    "---\nn: a\n#c\n# c: d\n---\nbody\n", "---\n#c\nn: a\n---\n", "---\nn: a\n\n---\n", "---\nn: a\r\n---\n",
    "---\nn: Ada  Brennan\n---\n", "---\nn: A" + "x" * 70_000 + "\n---\n", "---\n" + "k" * 70 + ": a\n---\n",
    "---\nn: a\n---\n" + "x" * 100, "---\nname: Ada\nlinks:\n  email: a@b\n  phone-2: 1 2 3\nmet: 2020-01-01\n---\nnotes\n",
]


@pytest.mark.parametrize("text", SIMPLE_EDGES)
def test_parse_written_is_parse_at_the_edges_of_the_simple_form(text):
    _same_as_parse(text)


_KEYS = st.sampled_from(["name", "links", "email", "met", "x-1", "a_b", "yes", "No", "null", "y", "1", "k:", "-k",
                         "Ada Brennan", "é", "ø"])
_PARTS = st.sampled_from(["a", "Ada", " ", "  ", ":", ": ", " #", "#", "2026-01-02", "2026-02-30", "2026-1-2", "1:20", "+44",
                          "1", "0612", ".", ",", "'", '"', "[", "{", "&", "*", "-", "?", "!", "%", "@", "|", ">", "ø", "é",
                          "١", "\t", "\xa0", "\x85", "\u2028", "\ufeff", "---", "...", "null", "yes", "~", "e3", "_"])
_VALUE = st.lists(_PARTS, min_size=0, max_size=5).map("".join)
_LINE = st.one_of(
    st.tuples(_KEYS, st.just(": "), _VALUE).map("".join),  # key: value
    st.tuples(_KEYS, st.just(":")).map("".join),  # key: (a mapping, or an empty value)
    st.tuples(st.sampled_from(["  ", " ", "   "]), _KEYS, st.just(": "), _VALUE).map("".join),  # label lines
    st.tuples(st.just("#"), _VALUE).map("".join),  # comments
    st.lists(_PARTS, max_size=6).map("".join))  # anything


# lines near the simple form: mostly names, addresses and dates, now and then a character that ends it
_SAFE_PART = st.sampled_from(["a", "Ada", " ", "é", "1", "+44", "2026-01-02", ".", ",", "&", "'", "-", "@", "B"])
_NEAR_PART = st.one_of(_SAFE_PART, _SAFE_PART, _SAFE_PART, _SAFE_PART, _PARTS)
_NEAR_KEYS = st.one_of(st.sampled_from(["name", "org", "met", "x-1", "a_b", "email"]), _KEYS)
_NEAR_VALUE = st.lists(_NEAR_PART, min_size=1, max_size=4).map("".join)


@st.composite
def _near_form(draw) -> list[str]:
    """Front matter lines of the simple form's shape (keys once each, mappings of label lines,
    comments), whose values now and then hold what ends the form."""
    lines: list[str] = []
    for key in draw(st.lists(_NEAR_KEYS, min_size=1, max_size=6, unique=True)):
        if draw(st.booleans()):
            lines.append("# " + draw(_VALUE))
        if draw(st.integers(0, 3)) == 0:
            lines.append(f"{key}:")
            lines += [f"  {label}: {draw(_NEAR_VALUE)}"
                      for label in draw(st.lists(_NEAR_KEYS, min_size=1, max_size=3, unique=True))]
        else:
            lines.append(f"{key}: {draw(_NEAR_VALUE)}")
    return lines


@settings(max_examples=600, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=7) | _near_form(), st.booleans())
def test_parse_written_is_parse_for_any_lines(lines, close_with_body):
    _same_as_parse("---\n" + "\n".join(lines) + ("\n---\nbody\n" if close_with_body else "\n---"))
