"""The pieces of the incremental preview (netlog/preview.py) without a server."""

from __future__ import annotations

import datetime as dt

import pytest

from sitehelpers import TODAY, copy_example

from netlog.config import read_project
from netlog.load import load_log
from netlog.pages import build_pages
from netlog.preview import AddressError, LogCache, allowed_hosts, error_page, parse_dev_addr

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


def test_build_pages_with_a_memo_equals_without(tmp_path):
    project = copy_example(tmp_path / "p")
    cfg, _ = read_project(str(project / "mkdocs.yml"))
    log_dir = project / "log"
    memo: dict = {}
    build_pages(load_log(cfg.docs_dir, cfg.options)[0], DAY, memo=memo)
    assert memo
    for rel, text in _edits(log_dir)[:-1]:
        if text is None:
            (log_dir / rel).unlink()
        else:
            (log_dir / rel).write_text(text, encoding="utf-8")
        book = load_log(cfg.docs_dir, cfg.options)[0]
        assert build_pages(book, DAY, memo=memo).pages == build_pages(book, DAY).pages, rel
    # a person's new name shows on the entry pages that link to them
    assert "Owen Marshall" in build_pages(book, DAY, memo=memo).pages["2026/2026-10-14-event-keiko-tanaka.md"]


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
