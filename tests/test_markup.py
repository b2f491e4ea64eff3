"""HTML built in Python is markupsafe's Markup (pages/md.py, issue 19): "already escaped" is a
type, so plain text handed to the building blocks is escaped and HTML made as Markup is not."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from netlog.pages.md import BLOCK_END, BLOCK_START, escape, h, p, table, ul
from netlog.pages.parts import facts

HOSTILE = '<script>alert("x")</script> & \'q\''


def test_h_returns_markup_and_leaves_markup_alone():
    out = h(HOSTILE)
    assert type(out) is Markup and "<script>" not in out and "&lt;script&gt;" in out
    assert h(out) is out  # no second escaping
    assert h("a\nb\r\nc") == "a b c" and h(BLOCK_START + "x" + BLOCK_END) == "x" and h(5) == "5"
    assert escape(Markup("<b>")) == "<b>" and escape("<b>") == "&lt;b&gt;"


@pytest.mark.parametrize("make", [
    lambda v: table(["Name"], [[v]]),
    lambda v: ul([v]),
    lambda v: p(v),
    lambda v: facts([("Org", v)], "nl-profile"),
])
def test_building_blocks_escape_text_and_keep_markup(make):
    text = make(HOSTILE)
    assert type(text) is Markup
    assert "<script>" not in text and "&lt;script&gt;" in text
    link = make(Markup('<a href="x.html">X</a>'))
    assert '<a href="x.html">X</a>' in link


def test_table_headers_may_be_text_or_markup():
    out = table(["A & B", Markup("<abbr>C</abbr>")], [["1", "2"]])
    assert "<th>A &amp; B</th>" in out and "<th><abbr>C</abbr></th>" in out
    assert 'data-label="A &amp; B"' in out and 'data-label="C"' in out
