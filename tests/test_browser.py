"""The site in a real browser (docs/format.md §9, keeping the site private; `netlog serve` of docs/commands.md).

Headless Debian Chromium driven by Playwright. Every test runs once per
engine (MkDocs, ProperDocs; see netlog/engine.py): per engine one copy of the
example project, one `netlog build` of it (for file:// tests) and one
`netlog serve` of it on a free 127.0.0.1 port; one browser serves the module. Every
request a page makes is checked: nothing may leave 127.0.0.1 (or file://).
Screenshots go to test-output/ at the repo root (git-ignored).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import sitehelpers as h
from helpers import child_env

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 30_000  # generous waits; nothing here asserts on timing
OUTPUT = h.ROOT / "test-output"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not os.path.exists(CHROMIUM):
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium); "
                "CI installs it", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

NETLOG = [sys.executable, "-c", "import sys; from netlog.cli import main; sys.exit(main())"]


# --------------------------------------------------------------------------- server


ENGINES = ("mkdocs", "properdocs")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


class Server:
    """`netlog serve` as a child process; stopped (by its pid) at teardown."""

    def __init__(self, project: Path, *args: str, addr: str = "127.0.0.1:8000", engine: str | None = None):
        self.url = f"http://{addr}/"
        self.log = project.parent / f"serve-{addr.replace(':', '-')}.log"
        self._out = open(self.log, "w", encoding="utf-8")
        self.proc = subprocess.Popen([*NETLOG, "serve", *args], cwd=project, env=child_env(engine),
                                     stdout=self._out, stderr=subprocess.STDOUT)

    def wait(self, timeout: float = 180.0) -> None:
        """Until this process listens and the server answers (it builds the whole site first);
        fail when it dies. Checking the process's own sockets first means another program
        answering on the same port cannot pass for this server."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"netlog serve exited with {self.proc.returncode}:\n{self.output()}")
            if _listening_addresses(self.proc.pid) and _answers(self.url):
                return
            time.sleep(0.3)
        raise RuntimeError(f"netlog serve did not answer at {self.url} within {timeout}s:\n{self.output()}")

    def output(self) -> str:
        self._out.flush()
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # MkDocs' server cleans its temp folder on Ctrl+C
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=20)
        self._out.close()


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module", params=ENGINES)
def engine(request) -> str:
    """The engine of `netlog build` and `netlog serve` (a process runs one: each is a child)."""
    return request.param


@pytest.fixture(scope="module")
def project(tmp_path_factory, engine) -> Path:
    return h.copy_example(tmp_path_factory.mktemp(f"browser-{engine}") / "proj")


@pytest.fixture(scope="module")
def site(project, engine) -> Path:
    """`netlog build` of the example with the engine, for the file:// tests."""
    out = project.parent / "site"
    proc = subprocess.run([*NETLOG, "-f", str(project / "mkdocs.yml"), "build", "--today", h.TODAY,
                           "-d", str(out)], env=child_env(engine), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    generator = re.search(r'<meta name="generator" content="([^"]*)"', (out / "index.html").read_text("utf-8"))
    assert generator and ("ProperDocs" in generator.group(1)) == (engine == "properdocs"), generator
    return out


@pytest.fixture(scope="module")
def base_url(project, engine):
    addr = f"127.0.0.1:{h.free_port()}"
    srv = Server(project, "--dev-addr", addr, "--today", h.TODAY, addr=addr, engine=engine)
    try:
        srv.wait()
        with urllib.request.urlopen(srv.url, timeout=10) as r:
            served = r.read().decode("utf-8")
        assert ("ProperDocs" in served) == (engine == "properdocs"), "the server runs the other engine"
        yield srv.url
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Recorder:
    """Every request of a browser context, and the failed (>= 400) responses."""

    def __init__(self, context):
        self.requests: list[str] = []
        self.bad_responses: list[str] = []
        context.on("request", lambda r: self.requests.append(r.url))
        context.on("response", lambda r: r.status >= 400 and self.bad_responses.append(f"{r.status} {r.url}"))

    def outside(self, allowed) -> list[str]:
        return [u for u in self.requests if not allowed(u)]


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws") and parts.hostname == "127.0.0.1" or \
        parts.scheme in ("data", "blob")  # inline resources never leave the page


def _on_disk(url: str) -> bool:
    return urlsplit(url).scheme in ("file", "data", "blob")


def new_context(browser, **options):
    """A fresh browser context that records its requests and never lets one reach the network."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    ctx.set_default_timeout(TIMEOUT_MS)
    rec = Recorder(ctx)

    def guard(route):  # outside requests are recorded (and fail the test), never sent
        if _local(route.request.url) or _on_disk(route.request.url):
            route.continue_()
        else:
            route.abort()

    ctx.route("**/*", guard)
    ctx.recorder = rec
    return ctx


@pytest.fixture
def context(browser):
    ctx = new_context(browser)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


# the item cards after the dashboard's "Overdue" heading
OVERDUE_ITEMS = "h2#overdue + ul.nl-items"


def _h1(page) -> str:
    return page.locator("article h1").first.inner_text().strip()


# --------------------------------------------------------------------------- pages under serve


def test_dashboard_shows_overdue_items_and_the_heatmap(page, base_url):
    page.goto(base_url)
    assert _h1(page) == "Dashboard"
    overdue = page.locator(OVERDUE_ITEMS)
    overdue.wait_for()
    rows = overdue.locator(":scope > li").all_inner_texts()
    owen = [r for r in rows if h.OVERDUE_PERSON in r]
    assert owen and h.OVERDUE_ACTION in owen[0], rows
    # 3 on 2026-11-25 (`netlog due`): the example's introduced entries and the thank-you to Harold
    # closed Keiko's and Sam's explicit items and moved Harold's cadence
    assert len(rows) == 3
    assert page.locator(".nl-card-overdue .nl-num").inner_text() == "3"
    rects = page.locator(".nl-heatmap svg rect")
    n = rects.count()
    assert 300 < n <= 53 * 7
    assert page.locator(".nl-heatmap svg rect > title").count() == n
    first = rects.first.locator("title").text_content()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}: (no entries|\d+ entr(y|ies))", first), first
    assert page.locator(".nl-heatmap svg").is_visible()
    assert page.context.recorder.outside(_local) == []


def test_person_page(page, base_url):
    page.goto(base_url + "people/owen-marsh.html")
    assert _h1(page) == "Owen Marsh"
    text = page.locator("article").inner_text()
    assert "Marlowe Stroud LLP" in text and h.OVERDUE_ACTION in text
    assert page.locator("article a", has_text=h.LINKED_ENTRY_TITLE).count() >= 1


def test_entry_header_links_to_the_person(page, base_url):
    page.goto(base_url + h.LINKED_ENTRY)
    assert _h1(page) == h.LINKED_ENTRY_TITLE
    header = page.locator(".nl-entry-header")
    assert "2026-10-14" in header.inner_text() and "event" in header.inner_text()
    link = header.locator("a", has_text=h.OVERDUE_PERSON)
    assert link.count() == 1
    link.click()
    page.wait_for_url("**/people/owen-marsh.html")
    assert _h1(page) == h.OVERDUE_PERSON


def test_follow_ups_page(page, base_url):
    page.goto(base_url + "follow-ups.html")
    assert _h1(page) == "Follow-ups"
    headings = page.locator("article h2").all_inner_texts()
    assert [re.sub(r"\s*\(\d+\)$", "", t.strip()) for t in headings] == ["Overdue", "Due today", "Upcoming", "Later"]
    assert headings[0].strip() == "Overdue (3)"
    assert h.OVERDUE_ACTION in page.locator("article").inner_text()
    assert page.locator("article a[href='follow-ups.ics']").count() == 1


def test_visibility_page(page, base_url):
    page.goto(base_url + "visibility.html")
    assert _h1(page) == "Visibility"
    text = page.locator("article").inner_text()
    assert "Showcases by quarter" in text and "Advocates" in text and "Last showcase" in text


def _page_kinds(site: Path) -> list[str]:
    """One page of every kind (paths relative to the site root)."""
    people = {p.stem for p in h.example_people()}
    stubs = sorted(p.relative_to(site).as_posix() for p in (site / "people").glob("*.html")
                   if p.stem not in people | {"index"})
    years = sorted(p.name for p in (site / "timeline").glob("2*.html"))
    return [html for _, html in h.NAV] + ["people/owen-marsh.html", *stubs[:1], f"timeline/{years[-1]}",
                                          h.example_org_pages()[0], h.LINKED_ENTRY, "no-such-page.html"]


def test_no_page_requests_anything_outside_127_0_0_1(context, base_url, site):
    page = context.new_page()
    visited = []
    for path in _page_kinds(site):
        response = page.goto(base_url + path, wait_until="load")
        visited.append(path)
        if path == "no-such-page.html":
            assert response.status == 404
            assert page.locator("h1").first.inner_text().strip() == "404 - Not found"
        else:
            assert response.ok, path
            page.locator("article h1").first.wait_for()
    rec = context.recorder
    outside = rec.outside(_local)
    assert not outside, "requests leaving 127.0.0.1:\n" + "\n".join(sorted(set(outside)))
    assert len(rec.requests) > 2 * len(visited)  # the recorder did see the pages' assets
    bad = [r for r in rec.bad_responses if not r.endswith("/no-such-page.html")]
    assert not bad, f"failed loads: {bad}"


def test_search_finds_an_entry_under_serve(page, base_url):
    page.goto(base_url)
    _search(page, h.SEARCH_WORD)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any(urlsplit(u).path.endswith("/" + h.SEARCH_ENTRY) for u in hrefs), hrefs
    titles = page.locator(".md-search-result__item").all_inner_texts()
    assert any("Pemberton Group" in t for t in titles)
    assert page.context.recorder.outside(_local) == []


def test_search_works_on_the_servers_own_drafts_page(page, base_url):
    """The Drafts page is made by the server at /_netlog/drafts/; its search finds the site's
    pages as the dashboard's does (trial: it stayed at "Initializing search", the index asked
    for under /_netlog/drafts/)."""
    page.goto(base_url + "/_netlog/drafts/")
    page.locator("article h1").first.wait_for()
    _search(page, h.SEARCH_WORD)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any(urlsplit(u).path == "/" + h.SEARCH_ENTRY for u in hrefs), hrefs
    assert page.context.recorder.bad_responses == []


def _search(page, query: str) -> None:
    page.keyboard.press("/")
    box = page.locator("input[data-md-component=search-query]")
    box.wait_for(state="visible")
    # Material ignores keystrokes typed before its search worker has loaded the index
    page.wait_for_function(
        "() => !/initializing/i.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=TIMEOUT_MS)
    box.press_sequentially(query)
    h.wait_for_results(page, query, TIMEOUT_MS)


def test_screenshots_of_the_dashboard(browser, base_url):
    OUTPUT.mkdir(exist_ok=True)
    shots = []
    # the example's palette follows prefers-color-scheme: a fresh context per scheme (Material
    # remembers the palette of a first visit in localStorage)
    for scheme, name, expected in (("light", "dashboard.png", "default"), ("dark", "dashboard-dark.png", "slate")):
        ctx = new_context(browser, color_scheme=scheme)
        try:
            page = ctx.new_page()
            page.goto(base_url)
            page.locator(".nl-heatmap svg").wait_for()
            page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{expected}'",
                                   timeout=TIMEOUT_MS)
            shot = OUTPUT / name
            page.screenshot(path=str(shot), full_page=True)
            shots.append(shot)
            assert ctx.recorder.outside(_local) == []
        finally:
            ctx.close()
    for shot in shots:
        assert shot.stat().st_size > 10_000
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- from disk


def test_site_opened_from_disk_navigates_by_links(page, site):
    page.goto((site / "index.html").as_uri())
    assert _h1(page) == "Dashboard"
    page.locator(OVERDUE_ITEMS).locator("a", has_text=h.OVERDUE_PERSON).click()
    page.wait_for_url("**/people/owen-marsh.html")
    assert _h1(page) == h.OVERDUE_PERSON
    page.locator("article a", has_text=h.LINKED_ENTRY_TITLE).first.click()
    page.wait_for_url("**/" + h.LINKED_ENTRY)
    assert _h1(page) == h.LINKED_ENTRY_TITLE
    page.locator(".nl-entry-header a", has_text="Keiko Tanaka").click()
    page.wait_for_url("**/people/keiko-tanaka.html")
    assert _h1(page) == "Keiko Tanaka"
    rec = page.context.recorder
    assert rec.requests and not rec.outside(_on_disk), \
        "requests leaving file://:\n" + "\n".join(rec.outside(_on_disk))


def test_search_works_from_disk(page, site):
    """Beyond the spec's minimum (search under serve): netlog's iframe-worker makes it work on file://."""
    page.goto((site / "index.html").as_uri())
    _search(page, h.SEARCH_WORD)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any(urlsplit(u).path.endswith("/" + h.SEARCH_ENTRY) for u in hrefs), hrefs
    assert not page.context.recorder.outside(_on_disk)


# --------------------------------------------------------------------------- the default address


def _listening_addresses(pid: int) -> list[str]:
    """'HEXADDR:HEXPORT' of every listening TCP socket the process holds (from /proc)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        m = re.fullmatch(r"socket:\[(\d+)\]", target)
        if m:
            inodes.add(m.group(1))
    found = []
    for table in ("tcp", "tcp6"):
        path = Path(f"/proc/{pid}/net/{table}")
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            cols = line.split()
            if cols[3] == "0A" and cols[9] in inodes:  # 0A: LISTEN
                found.append(cols[1])
    return found


def _port_free(port: int) -> bool:
    import socket

    for host in ("127.0.0.1", "0.0.0.0"):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((host, port))
            except OSError:
                return False
    return True


def test_serve_listens_on_127_0_0_1_by_default(project, engine):
    result = h.netlog(project, "serve", "--help")
    assert result.exit_code == 0
    assert "127.0.0.1:8000" in result.stdout
    if not _port_free(8000):
        pytest.skip("port 8000 is in use: checked the --help default only")
    srv = Server(project, "--today", h.TODAY, engine=engine)  # no --dev-addr
    try:
        try:
            srv.wait()
        except RuntimeError as e:
            if "cannot serve" in str(e) or "Address already in use" in str(e):
                pytest.skip("port 8000 was taken meanwhile")
            raise
        assert "http://127.0.0.1:8000/" in srv.output()
        listening = _listening_addresses(srv.proc.pid)
        assert listening == ["0100007F:1F40"], listening  # 127.0.0.1:8000, and nothing else
    finally:
        srv.stop()


# --------------------------------------------------------------------------- the neutral render


def test_rendered_folder_built_without_netlog_searches_from_disk(page, tmp_path):
    """`netlog render` + plain `mkdocs build` (netlog not importable): Material's offline plugin and
    netlog's worker stand-in make search work from file://, with nothing loaded from outside."""
    project = h.copy_example(tmp_path / "proj")
    out = tmp_path / "rendered"
    proc = subprocess.run([*NETLOG, "-f", str(project / "mkdocs.yml"), "render", str(out), "--today", h.TODAY],
                          env=child_env(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    no_netlog = "import sys; sys.modules['netlog'] = None; from mkdocs.__main__ import cli; cli()"
    proc = subprocess.run([sys.executable, "-c", no_netlog, "build", "-q", "-f", str(out / "mkdocs.yml")],
                          env=child_env(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    page.goto((out / "site" / "index.html").as_uri())
    assert _h1(page) == "Dashboard"
    _search(page, h.SEARCH_WORD)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any(urlsplit(u).path.endswith("/" + h.SEARCH_ENTRY) for u in hrefs), hrefs
    assert not page.context.recorder.outside(_on_disk)
