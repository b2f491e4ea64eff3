"""HTML built in Python is markupsafe's Markup (pages/md.py, issue 19): "already escaped" is a
type, so plain text handed to the building blocks is escaped and HTML made as Markup is not."""

from __future__ import annotations

import re

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


# Every page of the example log, made in process: HTML that reached a page as text would show its
# tags (`&lt;a href=…`). Markup joined to a plain str escapes that str (markupsafe's __add__ and
# __radd__), so a page part built as a str in one place and as Markup in another is caught here.
_ESCAPED_TAG = re.compile(r"&lt;/?(a|p|span|div|ul|ol|li|table|tr|td|th|code|em|strong|details|summary|"
                          r"dl|dt|dd|pre|nav|svg|time|br)[\s&>/]")


def test_no_page_of_the_example_shows_html_as_text():
    import datetime as dt

    from sitehelpers import EXAMPLE

    from netlog.config import load_project
    from netlog.load import load_log
    from netlog.pages import build_pages

    project, problems = load_project(str(EXAMPLE / "mkdocs.yml"))
    assert project is not None, problems
    log, _ = load_log(project.docs_dir, project.options)
    site = build_pages(log, dt.date(2026, 11, 25))
    shown = {uri: m.group(0) for uri, page in site.pages.items()
             for m in [_ESCAPED_TAG.search(page.markdown)] if m}
    assert len(site.pages) > 100 and shown == {}
