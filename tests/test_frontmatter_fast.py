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
