"""The pieces of the incremental preview (netlog/preview.py) without a server."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest

from sitehelpers import TODAY, copy_example

from netlog.config import read_project
from netlog.load import load_log
from netlog.pages import build_pages, changed_entries
from netlog.serve.access import AddressError, allowed_hosts, parse_dev_addr
from netlog.serve.logcache import LogCache
from netlog.serve.server import error_page

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
        book = _edited(cfg, log_dir, rel, text)
        fresh_site, memo_site = build_pages(book, DAY), build_pages(book, DAY, memo=memo)
        fresh = fresh_site.pages
        assert memo_site.pages == fresh, rel
        assert memo_site.ics() == fresh_site.ics(), rel  # the feed's events are kept in the memo too
        if rel == "2026/2026-11-21-note-between.md":
            assert "Between two" in fresh["2026/2026-11-20-coffee-new.md"].markdown
            assert "Between two" in fresh["2026/2026-11-22-referral-harold-whitcombe.md"].markdown
        if "Coffee renamed" in (text or ""):
            assert "Coffee renamed" in fresh[event].markdown  # the entry that closed the follow-up
        if rel == "2026/2026-10-30-call-owen-marsh.md":
            assert "Coffee renamed" not in fresh[event].markdown
    # a person's new name shows on the entry pages that link to them
    assert "Owen Marshall" in build_pages(book, DAY, memo=memo).pages[event].markdown
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


# --------------------------------------------------------------------------- access rules (issue 19, 20)


LOOPBACK_SPELLINGS = ["127.0.0.1", "127.1", "0x7f.1", "2130706433", "0177.0.0.1", "127.0.1.1", "::1",
                      "::ffff:127.0.0.1", "localhost", "LOCALHOST", "localhost."]


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
def test_every_spelling_of_loopback_is_loopback_and_keeps_the_host_check(host):
    from netlog.serve.access import LoopbackRule, Request, is_loopback

    assert is_loopback(host)
    rule = LoopbackRule.bound_to(host, 8000)
    assert rule.hosts is not None, host
    assert rule.check(Request("GET", "/", host="attacker.example:8000")).status == 403
    assert rule.check(Request("GET", "/", host="localhost:8000")) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.7", "example.org", "128.0.0.1"])
def test_an_address_shared_on_purpose_is_not_loopback(host):
    from netlog.serve.access import LoopbackRule, Request, is_loopback

    assert not is_loopback(host)
    assert LoopbackRule.bound_to(host, 8000).check(Request("GET", "/", host="anything.example")) is None


def test_the_rule_of_the_bound_address_accepts_the_name_given_and_the_usual_spelling():
    from netlog.serve.access import LoopbackRule, Request

    rule = LoopbackRule.bound_to("127.1", 8000, "127.0.0.1")
    for host in ("127.1:8000", "127.0.0.1:8000", "localhost:8000", "[::1]:8000"):
        assert rule.check(Request("GET", "/", host=host)) is None, host
    # a host name that resolves to loopback: the bound address decides, the name is accepted
    named = LoopbackRule.bound_to("mybox", 8000, "127.0.1.1")
    assert named.check(Request("GET", "/", host="mybox:8000")) is None
    assert named.check(Request("GET", "/", host="evil.example:8000")).status == 403


@pytest.mark.parametrize(("origin", "ok"), [
    (None, True), ("http://127.0.0.1:8000", True), ("http://localhost:8000", True),
    ("null", False), ("http://evil.example", False), ("https://127.0.0.1:8000", False),
    ("http://127.0.0.1:8001", False),
])
def test_the_loopback_rule_checks_the_origin_when_one_is_sent(origin, ok):
    from netlog.serve.access import LoopbackRule, Request

    rule = LoopbackRule.bound_to("127.0.0.1", 8000)
    got = rule.check(Request("POST", "/x", host="127.0.0.1:8000", origin=origin))
    assert (got is None) is ok, got


def test_rules_compose():
    from netlog.serve.access import AllOf, LoopbackRule, Refusal, Request

    class NeedsSecret:
        def check(self, request):
            return None if "secret=s3" in request.query else Refusal(403, "no secret")

    rule = AllOf((LoopbackRule.bound_to("127.0.0.1", 8000), NeedsSecret()))
    assert rule.check(Request("GET", "/", host="localhost:8000", query="secret=s3")) is None
    assert rule.check(Request("GET", "/", host="localhost:8000")).reason == "no secret"
    assert "only this machine" in rule.check(Request("GET", "/", host="evil:8000", query="secret=s3")).reason


def test_request_from_a_wsgi_environ():
    from netlog.serve.access import Request

    r = Request.from_environ({"REQUEST_METHOD": "post", "PATH_INFO": "/caf\xc3\xa9", "QUERY_STRING": "a=1",
                              "HTTP_HOST": "localhost:1", "HTTP_ORIGIN": "null", "CONTENT_TYPE": "text/plain",
                              "HTTP_X_THING": "y"}, b"body")
    assert (r.method, r.path, r.host, r.origin, r.query, r.body) == ("POST", "/café", "localhost:1", "null", "a=1", b"body")
    assert r.headers["x-thing"] == "y" and r.headers["content-type"] == "text/plain"


# --------------------------------------------------------------------------- the engine adapter (issue 19)


@pytest.mark.parametrize(("module", "name"), [
    ("mkdocs.commands.build", "_populate_page"),
    ("mkdocs.commands.build", "_build_page"),
    ("mkdocs.livereload", "_timestamp"),
])
def test_the_adapter_names_a_private_name_the_engine_lacks(monkeypatch, module, name):
    import importlib

    from netlog.errors import EngineError
    from netlog.serve import adapter

    adapter.check()  # the installed engine has every one
    monkeypatch.delattr(importlib.import_module(module), name)
    with pytest.raises(EngineError, match=rf"needs {module}\.{name}, which the installed"):
        adapter.check()


def test_the_adapter_names_a_method_the_server_class_lacks(monkeypatch):
    from mkdocs.livereload import LiveReloadServer

    from netlog.errors import EngineError
    from netlog.serve import adapter

    monkeypatch.delattr(LiveReloadServer, "_inject_js_into_html")
    with pytest.raises(EngineError, match=r"mkdocs\.livereload\.LiveReloadServer\._inject_js_into_html"):
        adapter.check()


def test_the_adapter_names_server_state_the_engine_no_longer_sets(monkeypatch, tmp_path):
    from mkdocs.livereload import LiveReloadServer

    from netlog.errors import EngineError
    from netlog.serve import adapter

    original = LiveReloadServer.__init__

    def without_epoch(self, *args, **kwargs):
        original(self, *args, **kwargs)
        del self._epoch_cond

    monkeypatch.setattr(LiveReloadServer, "__init__", without_epoch)
    with pytest.raises(EngineError, match=r"LiveReloadServer\._epoch_cond"):
        adapter.EngineServer(builder=lambda: None, host="127.0.0.1", port=8000, root=str(tmp_path))


def test_no_other_module_names_the_engines_private_names():
    """Every private MkDocs name (and Material's plugin internals) in exactly one module."""
    import pathlib
    import re

    import netlog
    from netlog.serve import adapter

    names = [n for _m, dotted in adapter.MODULE_NAMES for n in dotted.split(".") if n.startswith("_")]
    names += list(adapter.SERVER_NAMES) + ["mappings", "listings", "search_index"]
    assert len(names) >= 14
    root = pathlib.Path(netlog.__file__).parent
    for path in root.rglob("*.py"):
        if path.name == "adapter.py":
            continue
        text = path.read_text(encoding="utf-8")
        for name in names:
            assert not re.search(rf"(?<!adapter)\.{name}\b|(?<![.\w]){name}\(|import .*\b{name}\b", text), f"{path}: {name}"


def test_stale_site_folders_of_dead_servers_are_removed_at_the_next_start(tmp_path, monkeypatch):
    import subprocess
    import sys
    import tempfile

    from netlog import safeio
    from netlog.serve.server import SITE_FOLDER, bind

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    stale = tmp_path / f".{SITE_FOLDER}.building-old"
    (stale / "people").mkdir(parents=True)
    (stale / "people" / "secret.html").write_text("private", encoding="utf-8")
    (stale / safeio.OWNER_FILE).write_text(dead.stdout, encoding="utf-8")
    alive = tmp_path / f".{SITE_FOLDER}.building-alive"
    alive.mkdir()
    safeio.claim(str(alive))  # this very process: still serving
    other = tmp_path / "someone-elses"
    other.mkdir()
    server, site_dir = bind("127.0.0.1", 0)
    try:
        assert not stale.exists()
        assert alive.exists() and other.exists()
        assert os.path.dirname(site_dir) == str(tmp_path) and os.path.isdir(site_dir)
    finally:
        server.server_close()
        shutil.rmtree(site_dir)


@pytest.mark.parametrize("host", ["127.1", "0x7f.0.0.1", "2130706433", "localhost"])
def test_a_server_bound_to_any_loopback_spelling_keeps_the_host_check(host, tmp_path, monkeypatch):
    import tempfile

    from netlog.serve.access import Request
    from netlog.serve.server import bind, bound_loopback

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    server, site_dir = bind(host, 0)
    try:
        port = server.socket.getsockname()[1]
        assert bound_loopback(server)
        assert server.access.check(Request("GET", "/", host=f"evil.example:{port}")).status == 403
        assert server.access.check(Request("GET", "/", host=f"{host}:{port}")) is None
        assert server.access.check(Request("GET", "/", host=f"127.0.0.1:{port}")) is None
    finally:
        server.server_close()
        shutil.rmtree(site_dir)


# --------------------------------------------------------------------------- the builder after a Done (issue 22)


def _site_files(site) -> dict[str, bytes]:
    import re

    lastmod = re.compile(rb"<lastmod>[^<]*</lastmod>")
    out = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and rel != "sitemap.xml.gz":
            out[rel] = lastmod.sub(b"", path.read_bytes()) if rel == "sitemap.xml" else path.read_bytes()
    return out


@pytest.mark.parametrize("defer", [False, True])
def test_the_update_after_a_done_writes_what_a_full_build_writes(tmp_path, defer):
    """A Done (one new entry file) as the preview applies it: every file of the site folder
    (pages, feed, tags, sitemap, search index) equals a full build's of the same log; with the
    search index deferred (netlog serve), the pages are final before it and the index after
    ``finish_search``."""
    from netlog import acting
    from netlog.people import PeopleIndex
    from netlog.serve.builder import SiteBuilder, apply_changes

    project = copy_example(tmp_path / "p")
    config = str(project / "mkdocs.yml")
    builder = SiteBuilder(config, str(tmp_path / "site"), DAY)
    builder.defer_search = defer
    assert apply_changes(builder, None, config).full
    for _round in range(2):  # the second update finds the first one's search index to finish
        site = builder.plugin.site
        item = next(i for i in site.open_items if i.person and not site.log.people[i.person].stub)
        plan = acting.plan_done(site.log, DAY, site.log.people[item.person], items=site.open_items)
        index = PeopleIndex.of(p for p in site.log.people.values() if not p.stub)
        path = acting.write_done(builder.docs_dir, builder.cache.options, index, plan,
                                 person_files=builder.cache.person_files())
        before_search = _site_files(tmp_path / "site")
        result = apply_changes(builder, {path}, config)
        assert result is not None and not result.full and result.rendered
        assert (builder.search_later is not None) == defer
        if defer:  # the index is the one before the Done until it is finished (the second update
            # finished the first's before it began)
            same = _site_files(tmp_path / "site")["search/search_index.json"] == before_search["search/search_index.json"]
            assert same == (_round == 0)
    builder.finish_search()
    assert builder.search_later is None
    fresh = SiteBuilder(config, str(tmp_path / "fresh"), DAY)
    assert fresh.full_build().full
    got, want = _site_files(tmp_path / "site"), _site_files(tmp_path / "fresh")
    assert got.keys() == want.keys()
    assert [rel for rel in want if got[rel] != want[rel]] == []


def _person_page_edits(log):
    """Edits of one file that must change another person's page (issue 27, goal 3): (relative
    path, new text or None to delete, a person page that must differ afterwards)."""
    meeting = "2026/2026-11-18-meeting-grant-hollis.md"
    intro = "2026/2026-11-24-intro-nathan-pryce.md"
    nathan = (log / "people/nathan-pryce.md").read_text(encoding="utf-8")
    return [
        # an entry with Grant gets a new title: his page lists it under that title
        (meeting, (log / meeting).read_text(encoding="utf-8").replace(
            "title: Planning the partners' retreat with Grant", "title: Retreat planning"), "people/grant-hollis.md"),
        # the intro's introducer changes: the old and the new introducer's pages change
        (intro, (log / intro).read_text(encoding="utf-8").replace("via: harold-whitcombe", "via: margaret-okafor"),
         "people/margaret-okafor.md"),
        (intro, (log / intro).read_text(encoding="utf-8"), "people/margaret-okafor.md"),
        # Nathan's introducer (met_via) changes: the chain on his page and the introducers' pages
        ("people/nathan-pryce.md", nathan.replace("met_via: harold-whitcombe", "met_via: grant-hollis"),
         "people/grant-hollis.md"),
        # Harold is renamed: every page that names him (Nathan's chain and intro) follows
        ("people/harold-whitcombe.md", (log / "people/harold-whitcombe.md").read_text(encoding="utf-8").replace(
            "name: Harold Whitcombe", "name: Harold Whitcomb"), "people/nathan-pryce.md"),
        # an entry goes: the page of the person it was with loses it
        (intro, None, "people/nathan-pryce.md"),
        # a new entry filed under another person, with Grant too, closes Grant's follow-up
        ("2026/2026-11-25-coffee-margaret-okafor.md",
         "---\ndate: 2026-11-25\nkind: coffee\nwith: [margaret-okafor, grant-hollis]\n---\nAgenda sent.\n",
         "people/grant-hollis.md"),
    ]


def _edited(cfg, log_dir, rel: str, text: str | None):
    """The log after writing ``text`` to ``rel`` (None: removing it); it has no error."""
    if text is None:
        (log_dir / rel).unlink()
    else:
        (log_dir / rel).write_text(text, encoding="utf-8")
    book, problems = load_log(cfg.docs_dir, cfg.options)
    assert not [p for p in problems if p.severity == "error"], rel
    return book


def test_a_person_page_from_the_memo_follows_changes_of_other_files(tmp_path):
    """Person pages kept in ``build_pages``' memo are rebuilt when anything they show changes,
    even through another file: each edit changes the page named, and memo and fresh agree."""
    project = copy_example(tmp_path / "p")
    cfg, _ = read_project(str(project / "mkdocs.yml"))
    log_dir = project / "log"
    memo: dict = {}
    book, _ = load_log(cfg.docs_dir, cfg.options)
    before = build_pages(book, DAY, memo=memo).pages
    assert ("text", "people/grant-hollis.md") in memo
    for rel, text, page in _person_page_edits(log_dir):
        book = _edited(cfg, log_dir, rel, text)
        fresh = build_pages(book, DAY).pages
        assert fresh[page] != before[page], (rel, page)  # the edit does reach that page
        assert build_pages(book, DAY, memo=memo).pages == fresh, rel
        before = fresh
    assert "Grant Hollis" in fresh["people/nathan-pryce.md"].markdown  # the new chain
    assert "Harold Whitcomb<" in fresh["people/harold-whitcombe.md"].markdown


def _cache_edits():
    """Edits of one file each, made one after the other, for the log cache's path of
    ``build_pages`` (unchanged entries and people kept as the same objects): notes alone, a
    `# ` heading that gives the title, each header key alone, entries coming and going, a
    stub, a warning, a person. Each is (path, function of the file's text now -> new text, or
    None to delete it)."""
    event = "2026/2026-10-14-event-keiko-tanaka.md"
    intro = "2026/2026-11-24-intro-nathan-pryce.md"
    call = "2026/2026-11-20-call-margaret-okafor.md"
    thanks = "2026/2026-07-22-thank-you-grant-hollis.md"

    def sub(rel, old, new):
        def edit(text):
            assert old in text, (rel, old)
            return text.replace(old, new, 1)
        return rel, edit

    def write(rel, text):
        return rel, lambda _old: text

    return [
        (event, lambda text: text + "\nMore notes.\n"),  # notes only
        sub(thanks, "\n# ", "\n# A new heading: "),  # the title a heading gives
        sub(event, "title: ALA Annual Conference 2026", "title: ALA Annual 2026"),
        sub(event, "date: 2026-10-14", "date: 2026-11-21"),  # moves past its neighbours
        sub(event, "tags: [conference, ala]", "tags: [conference, ala, new-tag]"),
        sub(event, "tags: [conference, ala, new-tag]", "tags: [ala]"),
        sub(event, "with: [keiko-tanaka, owen-marsh, ben-lowry]", "with: [keiko-tanaka, ben-lowry]"),
        sub(intro, "via: harold-whitcombe", "via: grant-hollis"),  # who opened the door
        # Rachel joins an entry Thomas opened: Thomas joins the chain behind Harold's referral,
        # whose page (no person in common with this entry) lists a new follow-up for him
        sub("2024/2024-10-15-interview-jose-nunez.md", "with: [jose-nunez, priya-raman]",
            "with: [jose-nunez, rachel-kim]"),
        sub(call, "follow_up: {in: 10d, action: Send Margaret my first-90-days summary}", "follow_up: false"),
        sub(call, "direction: mutual", "direction: out"),
        write("2026/2026-11-25-coffee-stub.md",  # an unknown person: a stub and a warning
              "---\ndate: 2026-11-25\nkind: coffee\nwith: [margaret-okafor, Zoe Stub]\n---\nHi\n"),
        write("2026/2026-11-26-call-zoe.md", "---\ndate: 2026-11-26\nkind: call\nwith: [zoe stub]\n---\nAgain\n"),
        ("2026/2026-11-25-coffee-stub.md", lambda _old: None),  # the stub keeps the name the other gives
        sub("2026/2026-11-26-call-zoe.md", "Again", "Again, notes only"),
        (call, lambda _old: None),
        sub("people/owen-marsh.md", "name: Owen Marsh", "name: Owen Marshall"),
        sub(event, "tags: [ala]", "tags: [ala, after-a-person]"),
    ]


def test_build_pages_from_the_log_cache_equals_a_fresh_build(tmp_path):
    """``netlog serve``'s way: the log cache keeps unchanged entries as the same objects and
    ``build_pages`` reuses what they cannot change (issue 27, goal 3); after every edit the pages
    equal a fresh build's, in the same order, and the log equals a fresh load."""
    project = copy_example(tmp_path / "p")
    cfg, _ = read_project(str(project / "mkdocs.yml"))
    log_dir = project / "log"
    cache = LogCache(cfg.docs_dir, cfg.options)
    memo: dict = {}
    book, _ = cache.load()
    build_pages(book, DAY, memo=memo)
    kinds = []
    for rel, edit in _cache_edits():
        before = {e.path: e for e in book.entries}
        text = edit((log_dir / rel).read_text(encoding="utf-8") if (log_dir / rel).exists() else "")
        if text is None:
            (log_dir / rel).unlink()
        else:
            (log_dir / rel).write_text(text, encoding="utf-8")
        book, problems = cache.load({rel})
        fresh_book, fresh_problems = load_log(cfg.docs_dir, cfg.options)
        assert (book, problems) == (fresh_book, fresh_problems), rel
        if not rel.startswith("people/"):  # the other entries are the very same objects (but
            # those with problems, stubs among them: they are checked again)
            noted = {p.path for p in problems} | {rel}
            kept = [e for e in book.entries if e.path not in noted and e.path in before]
            assert kept and all(e is before[e.path] for e in kept), rel
        fresh = build_pages(fresh_book, DAY).pages
        change = changed_entries(memo, book, DAY, False)
        kinds.append(None if change is None else frozenset(change.fields))
        pages = build_pages(book, DAY, memo=memo).pages
        assert list(pages) == list(fresh), rel
        assert pages == fresh, (rel, [u for u in fresh if pages[u] != fresh[u]][:5])
    assert "# zoe stub" in fresh["people/zoe-stub.md"].markdown  # named as the entry left gives it
    # each way of build_pages was taken: notes alone, tags, other keys, entries came or went
    assert {frozenset({"body"}), frozenset({"tags"}), frozenset({"title"}), frozenset({"date"}),
            frozenset({"path"})} <= set(kinds), kinds


def test_the_preview_freezes_what_it_keeps_and_collects_cycles_when_idle():
    """After an update the preview freezes what the process holds, so the cycle collector does
    not scan the kept site in the middle of the next update (0.3–0.4 s at 10,000 entries);
    cycles dropped after that are freed once the search index is made (``collect``)."""
    import gc
    import threading
    import weakref

    from netlog.serve.loop import _Preview

    class Cycle:
        pass

    preview = object.__new__(_Preview)
    preview.lock, preview.garbage = threading.RLock(), False
    try:
        cycle = Cycle()
        cycle.me = cycle
        alive = weakref.ref(cycle)
        preview.settle()
        assert gc.get_freeze_count() > 0 and preview.garbage
        del cycle
        gc.collect()
        assert alive() is not None  # frozen: a collection leaves it
        preview.collect()
        assert alive() is None and not preview.garbage
        assert gc.get_freeze_count() > 0  # frozen again
    finally:
        gc.unfreeze()
        gc.collect()


def _edit_one_key(rng, text: str, people: list[str]) -> str:
    """``text`` (an entry file of genlog's form) with one thing changed at random: the notes, the
    title, the date (another day, month or year), the people (one added, one dropped, replaced),
    ``via``, the tags, the kind, ``follow_up``, or ``direction``."""
    import re

    head, sep, body = text.partition("\n---\n")
    lines = head.split("\n")
    what = rng.choice(("notes", "title", "date", "with", "via", "tags", "kind", "follow_up", "direction"))
    key = {"notes": None, "with": "with"}.get(what, what)

    def set_line(k: str, value: str | None) -> None:
        for n, line in enumerate(lines):
            if line.startswith(k + ":"):
                if value is None:
                    del lines[n]
                else:
                    lines[n] = f"{k}: {value}"
                return
        if value is not None:
            lines.append(f"{k}: {value}")

    if what == "notes":
        body += f"\nA line {rng.randrange(10**6)}.\n"
    elif what == "title":
        set_line("title", f"Renamed {rng.randrange(10**6)}")
    elif what == "date":
        year, month, day = (int(x) for x in re.search(r"^date: (\d+)-(\d+)-(\d+)", head, re.M).groups())
        year, month, day = rng.choice(((year, month, (day % 27) + 1), (year, (month % 12) + 1, day % 28 + 1),
                                       (2016 + (year - 2015) % 11, month, day % 28 + 1)))
        set_line("date", f"{year:04d}-{month:02d}-{day:02d}")
    elif what == "with":
        found = re.search(r"^with: \[(.*)\]$", head, re.M)
        names = [x.strip() for x in found.group(1).split(",")] if found else []
        move = rng.choice(("add", "drop", "replace"))
        if move == "add" or not names:
            names.append(rng.choice(people))
        elif move == "drop" and len(names) > 1:
            names.pop(rng.randrange(len(names)))
        else:
            names[rng.randrange(len(names))] = rng.choice(people)
        set_line("with", "[" + ", ".join(dict.fromkeys(names)) + "]")
    elif what == "via":
        set_line("via", rng.choice((None, rng.choice(people))))
    elif what == "tags":
        set_line("tags", rng.choice(("[]", f"[t{rng.randrange(5)}]", f"[t{rng.randrange(5)}, mentoring]")))
    elif what == "kind":
        set_line("kind", rng.choice(("coffee", "call", "intro", "referral", "rejection", "talk", "email")))
    elif what == "follow_up":
        set_line("follow_up", rng.choice((None, "false", "2w", "{in: 10d, action: Send the notes}")))
    else:
        set_line("direction", rng.choice((None, "in", "out", "mutual")))
    del key
    return "\n".join(lines) + sep + body


def test_build_pages_from_the_log_cache_equals_a_fresh_build_after_random_edits(tmp_path):
    """Random one-key edits of a generated log (a chain of introductions, follow-ups closed by
    other entries, neighbours in time): after each, the pages ``netlog serve`` makes through the
    log cache and ``build_pages``' memo equal a fresh build's, page for page and in order."""
    import random
    import sys

    bench = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks")
    sys.path.insert(0, bench)
    try:
        import genlog
    finally:
        sys.path.remove(bench)
    project = genlog.generate(tmp_path / "p", 300, 60, 7)
    cfg, _ = read_project(str(project / "mkdocs.yml"))
    log_dir = project / "log"
    people = sorted(p.stem for p in (log_dir / "people").glob("*.md"))
    entries = sorted(p for p in log_dir.rglob("*.md") if "people" not in p.parts and p.name != "_inbox.md")
    rng = random.Random(27)
    cache = LogCache(cfg.docs_dir, cfg.options)
    memo: dict = {}
    build_pages(cache.load()[0], DAY, memo=memo)
    for round_ in range(60):
        path = rng.choice(entries)
        rel = path.relative_to(log_dir).as_posix()
        path.write_text(_edit_one_key(rng, path.read_text(encoding="utf-8"), people), encoding="utf-8")
        book, problems = cache.load({rel})
        fresh_book, fresh_problems = load_log(cfg.docs_dir, cfg.options)
        assert (book, problems) == (fresh_book, fresh_problems), (round_, rel)
        fresh = build_pages(fresh_book, DAY).pages
        pages = build_pages(book, DAY, memo=memo).pages
        assert list(pages) == list(fresh), (round_, rel)
        assert pages == fresh, (round_, rel, path.read_text(encoding="utf-8")[:400],
                                [u for u in fresh if pages.get(u) != fresh[u]][:5])
