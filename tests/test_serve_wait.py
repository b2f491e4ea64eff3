"""`netlog serve` never makes a request wait (issue 27, goal 3, second part).

- During an update every file of the site is written beside its place and renamed
  over it: a request meanwhile reads the previous page, whole, or the new one, and
  the server answers it without waiting for the builder.
- During a full build a page asked for that is not written yet is rendered next,
  and it equals what a fresh ``netlog build`` writes for it.

The mechanism is tested, not timing: the builder runs in this process and the
moments "a request arrives mid-write" and "a request waits" are made exactly.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import urllib.request
from pathlib import Path

import pytest

from sitehelpers import TODAY, assert_ok, build, copy_example, free_port

pytestmark = pytest.mark.slow  # real MkDocs builds (left out of the quick lane)

ENTRY = "log/2026/2026-10-14-event-keiko-tanaka.md"
ENTRY_PAGE = "2026/2026-10-14-event-keiko-tanaka.html"


def _builder(project: Path, site: Path, **hooks):
    from netlog.serve.builder import SiteBuilder

    site.mkdir(exist_ok=True)
    return SiteBuilder(str(project / "mkdocs.yml"), str(site), dt.date.fromisoformat(TODAY), **hooks)


def test_a_page_rewritten_by_an_update_is_replaced_whole_never_written_in_place(tmp_path, monkeypatch):
    """While the update writes the entry's page, the page's path still holds the previous
    version, whole; the new one appears at once by rename, and the site then equals a fresh
    build's page."""
    from netlog.serve import adapter
    from netlog.serve.builder import apply_changes

    project = copy_example(tmp_path / "project")
    site = tmp_path / "site"
    builder = _builder(project, site)
    config = str(project / "mkdocs.yml")
    assert apply_changes(builder, None, config).full
    page = site / ENTRY_PAGE
    before = page.read_bytes()

    seen: dict[str, bytes] = {}  # path -> what a reader got at the moment the new version was put in place
    real_replace = os.replace

    def replace(src, dst):
        dst = os.fspath(dst)
        with open(dst, "rb") as fh:  # a request arriving now
            seen[dst] = fh.read()
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    entry = project / ENTRY
    entry.write_text(entry.read_text(encoding="utf-8") + "\nA line added while serving.\n", encoding="utf-8")
    with adapter.atomic_writes():
        assert apply_changes(builder, {str(entry)}, config).rendered >= 1
    monkeypatch.setattr(os, "replace", real_replace)

    assert seen[str(page)] == before  # the previous page, whole, up to the rename
    after = page.read_bytes()
    assert b"A line added while serving." in after and after != before
    fresh = tmp_path / "fresh"
    assert_ok(build(project, fresh))
    assert after == (fresh / ENTRY_PAGE).read_bytes()
    assert not list(site.rglob("*.netlog-tmp"))  # nothing left beside the pages
    # and outside the context the engine writes as it always did
    import mkdocs.utils

    assert "open" not in vars(mkdocs.utils) and mkdocs.utils.copy_file is not adapter._copy_replacing


def test_a_failed_write_leaves_the_previous_file_and_no_temporary_file(tmp_path):
    from netlog.serve import adapter

    target = tmp_path / "page.html"
    target.write_bytes(b"<p>old</p>")
    import mkdocs.utils

    with adapter.atomic_writes():
        with pytest.raises(RuntimeError):
            with mkdocs.utils.open(target, "wb") as fh:
                fh.write(b"<p>half")
                raise RuntimeError("the render failed")
        mkdocs.utils.write_file(b"<p>new</p>", str(target))
    assert target.read_bytes() == b"<p>new</p>"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_a_request_during_an_update_is_answered_at_once_from_the_previous_page(tmp_path, monkeypatch):
    """The preview's loop runs an update (held mid-way here); a request meanwhile is answered
    with the page as it was, whole, before the update ends, and the update's end then tells
    open pages to reload."""
    import types

    from netlog.serve import loop
    from netlog.serve import server as srv

    project = copy_example(tmp_path / "project")
    site_server, site_dir = srv.bind("127.0.0.1", free_port())
    try:
        Path(site_dir, "index.html").write_bytes(b"<html><body><h1>Dashboard v1</h1></body></html>")
        site_server.first_build_done()
        threading.Thread(target=site_server.serve_forever, daemon=True).start()
        port = site_server.socket.getsockname()[1]
        busy, release = threading.Event(), threading.Event()

        def held_update(builder, changes, config_file):
            busy.set()
            assert release.wait(60)
            return None

        monkeypatch.setattr(loop, "apply_changes", held_update)
        said: list[str] = []
        terminal = loop.Terminal(said.append, said.append)
        proj = types.SimpleNamespace(config_file=str(project / "mkdocs.yml"), docs_dir=str(project / "log"),
                                     custom_dir=None)
        preview = loop._Preview(site_server, site_dir, proj, dt.date.fromisoformat(TODAY), terminal,
                                f"http://127.0.0.1:{port}/", False)
        preview.announced.set()
        epoch = site_server.visible_epoch()
        worker = threading.Thread(target=preview.run, args=({str(project / ENTRY)},))
        worker.start()
        assert busy.wait(30)
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=20) as response:
                body = response.read()
                assert response.headers["Content-Length"] == str(len(body))
            assert body == b"<html><body><h1>Dashboard v1</h1></body></html>"
            assert worker.is_alive() and not release.is_set()  # answered while the update still ran
        finally:
            release.set()
            worker.join(60)
        assert site_server.visible_epoch() == epoch  # nothing changed: open pages need not reload
    finally:
        site_server.shutdown()
        site_server.server_close()


def test_a_page_asked_for_during_the_first_build_is_rendered_next_and_equals_a_fresh_build(tmp_path):
    """The builder renders a requested page before the pages it would write before it, and
    what it writes equals ``netlog build``'s page, and the whole site stays the same."""
    project = copy_example(tmp_path / "project")
    site = tmp_path / "site"
    wanted_path = str(site / ENTRY_PAGE)
    order: list[str] = []
    asked = []

    def wanted() -> list[str]:
        if not asked:  # asked once, before the first page is read
            asked.append(True)
            return [wanted_path]
        return []

    def on_ready(path: str) -> None:
        if path.endswith(".html"):
            order.append(os.path.relpath(path, site).replace(os.sep, "/"))

    builder = _builder(project, site, on_ready=on_ready, wanted=wanted)
    assert builder.full_build().full
    assert asked
    pages = [p for p in order if p.startswith("2026/")]
    assert pages[0] == ENTRY_PAGE  # before every other entry page of the year
    top = {p.file.dest_uri for p in builder.nav.pages}
    first_other = next(i for i, p in enumerate(order) if p not in top)
    assert order[first_other] == ENTRY_PAGE  # right after the top-level pages written first
    fresh = tmp_path / "fresh"
    assert_ok(build(project, fresh))
    assert (site / ENTRY_PAGE).read_bytes() == (fresh / ENTRY_PAGE).read_bytes()
    for path in sorted(fresh.rglob("*")):
        rel = path.relative_to(fresh).as_posix()
        if path.is_file() and rel not in (".netlog-site", "sitemap.xml", "sitemap.xml.gz"):
            assert (site / rel).read_bytes() == path.read_bytes(), f"{rel} differs from a fresh build"


def test_the_server_asks_the_builder_for_a_page_it_waits_for(tmp_path):
    """During a full build a request for a page not written yet is handed to the builder
    (take_wanted) and answered once it is written."""
    from netlog.serve import server as srv

    site_server, site_dir = srv.bind("127.0.0.1", free_port())
    try:
        threading.Thread(target=site_server.serve_forever, daemon=True).start()
        port = site_server.socket.getsockname()[1]
        got: list[bytes] = []
        request = threading.Thread(target=lambda: got.append(urllib.request.urlopen(
            f"http://127.0.0.1:{port}/2026/page.html", timeout=30).read()))
        request.start()
        target = os.path.normpath(os.path.join(site_dir, "2026", "page.html"))
        wanted: list[str] = []
        for _ in range(2000):
            wanted = site_server.take_wanted()
            if wanted:
                break
            request.join(0.01)
        assert wanted == [target]
        assert not got  # still waiting: the page is not written
        os.makedirs(os.path.dirname(target))
        Path(target).write_bytes(b"<html><body>the page</body></html>")
        site_server.mark_ready(target)
        request.join(30)
        assert got and b"the page" in got[0]
        assert site_server.take_wanted() == []  # each once
        site_server.first_build_done()
    finally:
        site_server.shutdown()
        site_server.server_close()
