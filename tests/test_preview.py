"""The pieces of the incremental preview (netlog/preview.py) without a server."""

from __future__ import annotations

import datetime as dt

import pytest

from sitehelpers import TODAY, copy_example

from netlog.config import read_project
from netlog.load import load_log
from netlog.pages import build_pages
from netlog.serve.builder import AddressError, LogCache, allowed_hosts, error_page, parse_dev_addr

DAY = dt.date.fromisoformat(TODAY)


def _edits(log):
    """Edits of every sort: (relative path, new text or None to delete)."""
    entry = "2026/2026-10-14-event-keiko-tanaka.md"
    person = "people/owen-marsh.md"
    return [
        (entry, (log / entry).read_text(encoding="utf-8") + "\nMore notes.\n"),
        (person, (log / person).read_text(encoding="utf-8").replace("name: Owen Marsh", "name: Owen Marshall")),
        ("2026/2026-11-20-coffee-new.md", "---\ndate: 2026-11-20\nkind: coffee\nwith: [owen-marsh, New Person]\n---\nHi\n"),
        ("2026/2026-10-20-email-keiko-tanaka.md", None),
        ("2026/bad.md", "---\ndate: 2026-13-01\nkind: coffee\nwith: [owen-marsh]\n---\n"),
    ]


def test_log_cache_reads_only_changed_files_and_equals_load_log(tmp_path):
    project = copy_example(tmp_path / "p")
    cfg, _ = read_project(str(project / "mkdocs.yml"))
    log_dir = project / "log"
    cache = LogCache(cfg.docs_dir, cfg.options)
    assert cache.load() == load_log(cfg.docs_dir, cfg.options)
    for rel, text in _edits(log_dir):
        if text is None:
            (log_dir / rel).unlink()
        else:
            (log_dir / rel).write_text(text, encoding="utf-8")
        assert cache.load({rel}) == load_log(cfg.docs_dir, cfg.options), rel
        assert cache.read_count == (0 if text is None else 1)


def _memo_edits(log):
    """Edits that change what an entry page or an entry-table row shows without touching the
    entry itself: its neighbours, the entry that closed its follow-up, a person's name."""
    coffee = "2026/2026-11-20-coffee-new.md"
    return _edits(log)[:-1] + [
        # a new entry between two others: their previous/next links change
        ("2026/2026-11-21-note-between.md", "---\ndate: 2026-11-21\nkind: takeaways\ntitle: Between two\n---\nX\n"),
        # the entry that closed Owen's follow-up from the event gets a new title: the event's
        # page names it ("done: ...") and its neighbours link to it
        (coffee, "---\ndate: 2026-11-20\nkind: coffee\ntitle: Coffee renamed\n"
                 "with: [owen-marsh, New Person]\n---\nHi\n"),
        # an earlier entry closes it instead (the follow-up stays closed, by another entry)
        ("2026/2026-10-30-call-owen-marsh.md", "---\ndate: 2026-10-30\nkind: call\nwith: [owen-marsh]\n---\nOk\n"),
        # a person file goes: the entries with them link to a stub page under the name they give
        ("people/grant-hollis.md", None),
    ]


def test_build_pages_with_a_memo_equals_without(tmp_path):
    project = copy_example(tmp_path / "p")
    cfg, _ = read_project(str(project / "mkdocs.yml"))
    log_dir = project / "log"
    memo: dict = {}
    build_pages(load_log(cfg.docs_dir, cfg.options)[0], DAY, memo=memo)
    assert memo
    event = "2026/2026-10-14-event-keiko-tanaka.md"
    for rel, text in _memo_edits(log_dir):
        if text is None:
            (log_dir / rel).unlink()
        else:
            (log_dir / rel).write_text(text, encoding="utf-8")
        book, problems = load_log(cfg.docs_dir, cfg.options)
        assert not [p for p in problems if p.severity == "error"], rel
        fresh = build_pages(book, DAY).pages
        assert build_pages(book, DAY, memo=memo).pages == fresh, rel
        if rel == "2026/2026-11-21-note-between.md":
            assert "Between two" in fresh["2026/2026-11-20-coffee-new.md"]
            assert "Between two" in fresh["2026/2026-11-22-referral-harold-whitcombe.md"]
        if "Coffee renamed" in (text or ""):
            assert "Coffee renamed" in fresh[event]  # the entry that closed the follow-up
        if rel == "2026/2026-10-30-call-owen-marsh.md":
            assert "Coffee renamed" not in fresh[event]
    # a person's new name shows on the entry pages that link to them
    assert "Owen Marshall" in build_pages(book, DAY, memo=memo).pages[event]
    # another day: planned marks and "in 3 days" on entry pages and in entry tables
    for day in (DAY + dt.timedelta(days=20), DAY - dt.timedelta(days=400), DAY):
        assert build_pages(book, day, memo=memo).pages == build_pages(book, day).pages, day
    # the other URL layout
    assert build_pages(book, DAY, directory_urls=True, memo=memo).pages == \
        build_pages(book, DAY, directory_urls=True).pages


@pytest.mark.parametrize(("value", "expected"), [
    ("127.0.0.1:8000", ("127.0.0.1", 8000)),
    ("localhost:1", ("localhost", 1)),
    ("[::1]:65535", ("::1", 65535)),
])
def test_dev_addr(value, expected):
    assert parse_dev_addr(value) == expected


@pytest.mark.parametrize("value", ["127.0.0.1:99999", "127.0.0.1:0", "127.0.0.1", ":80", "host:x", "a:-1"])
def test_bad_dev_addr(value):
    with pytest.raises(AddressError):
        parse_dev_addr(value)


def test_allowed_hosts():
    hosts = allowed_hosts("127.0.0.1", 8001)
    assert {"127.0.0.1:8001", "localhost:8001", "localhost", "127.0.0.1"} <= hosts
    assert "evil.example:8001" not in hosts and "127.0.0.1:8002" not in hosts
    assert allowed_hosts("0.0.0.0", 8001) is None  # shared on purpose: any name


def test_error_page_escapes_and_loads_nothing():
    page = error_page(["log/a.md:3: error: bad <script>alert(1)</script>"], "The log has 1 error").decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "http" not in page.replace('name="robots"', "")
