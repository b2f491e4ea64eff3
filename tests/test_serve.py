"""`netlog serve`: incremental live preview (docs/commands.md, issue 11).

A real server on a free port of 127.0.0.1 in a subprocess. After each edit the
tests poll a page until the change shows (generous deadline, no timing
assertion), then compare every page the server answers with a fresh
`netlog build` of the same log and date.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from markupsafe import escape

from sitehelpers import TODAY, assert_ok, build, copy_example, free_port

pytestmark = pytest.mark.slow  # real MkDocs builds, a server (left out of the quick lane)

DEADLINE = 120  # seconds: a slow, shared machine builds the example in a few
LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>", re.S)
LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")
SERVED_ONLY = re.compile(rb"<!--netlog-serve-->.*?<!--/netlog-serve-->", re.S)  # the actions' forms
ENTRY = "log/2026/2026-10-14-event-keiko-tanaka.md"
ENTRY_PAGE = "2026/2026-10-14-event-keiko-tanaka.html"


def _get(url: str, host: str | None = None) -> tuple[int, bytes] | None:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return None


def _start(project: Path, port: int, *args: str) -> subprocess.Popen:
    env = {**os.environ, "NETLOG_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen([sys.executable, "-c", "from netlog.cli import main; main()", "serve",
                             "--dev-addr", f"127.0.0.1:{port}", *args],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stop(proc: subprocess.Popen) -> tuple[str, str]:
    if proc.poll() is None:
        proc.terminate()
    try:
        return proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()


class Server:
    def __init__(self, project: Path, proc: subprocess.Popen, base: str):
        self.project, self.proc, self.base = project, proc, base

    def get(self, page: str, host: str | None = None):
        return _get(f"{self.base}/{page}", host)

    def wait_for(self, page: str, predicate) -> bytes:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                out, err = _stop(self.proc)
                pytest.fail(f"netlog serve exited early:\n{out}\n{err}")
            got = self.get(page)
            if got is not None and predicate(got[1]):
                return got[1]
            time.sleep(0.3)
        pytest.fail(f"{page} did not show the change within {DEADLINE}s")


@pytest.fixture
def server(tmp_path):
    project = copy_example(tmp_path / "project")
    port = free_port()
    proc = _start(project, port)
    srv = Server(project, proc, f"http://127.0.0.1:{port}")
    try:
        yield srv
    finally:
        _stop(proc)


def _same_as_fresh_build(srv: Server, tmp_path: Path, gone: tuple[str, ...] = ()) -> None:
    """Every file of a fresh `netlog build` is served with the same bytes (live-reload script,
    the actions' forms and sitemap dates aside); pages that went away are not served."""
    site = tmp_path / f"fresh-{time.monotonic_ns()}"
    assert_ok(build(srv.project, site))
    compared = 0
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_dir() or rel in (".netlog-site", "sitemap.xml.gz"):
            continue
        got = srv.get(rel)
        assert got is not None and got[0] == 200, f"{rel}: {got and got[0]}"
        served, fresh = got[1], path.read_bytes()
        if rel.endswith(".html"):
            assert LIVERELOAD.search(served), f"{rel}: no live-reload script"
            served = SERVED_ONLY.sub(b"", LIVERELOAD.sub(b"", served))
        if rel == "sitemap.xml":
            served, fresh = LASTMOD.sub(b"", served), LASTMOD.sub(b"", fresh)
        assert served == fresh, f"{rel} differs from a fresh build"
        compared += 1
    assert compared > 100
    for rel in gone:
        got = srv.get(rel)
        assert got is not None and got[0] == 404, f"{rel} is still served"
    gz = srv.get("sitemap.xml.gz")
    assert gz is not None and gz[0] == 200
    assert LASTMOD.sub(b"", gzip.decompress(gz[1])) == LASTMOD.sub(b"", (site / "sitemap.xml").read_bytes())
    shutil.rmtree(site)


def _links_to(page: bytes, target: bytes, near: bytes) -> bool:
    """True when ``page`` links to ``target`` next to ``near`` (``rel="next"``, ``done: ``)."""
    return any(target in page[max(0, m.start() - 300):m.end() + 300] for m in re.finditer(re.escape(near), page))


def test_serve_equals_a_fresh_build_after_every_edit(server, tmp_path):
    srv = server
    log = srv.project / "log"
    srv.wait_for(ENTRY_PAGE, lambda page: b"ALA Annual Conference 2026" in page)
    _same_as_fresh_build(srv, tmp_path)

    # edit an entry: its title shows on the entry page, the timeline and the person pages
    entry = srv.project / ENTRY
    entry.write_text(entry.read_text(encoding="utf-8").replace(
        "title: ALA Annual Conference 2026", "title: Renamed by the test") + "\nA LINE ADDED LIVE.\n",
        encoding="utf-8")
    srv.wait_for(ENTRY_PAGE, lambda page: b"A LINE ADDED LIVE." in page)
    _same_as_fresh_build(srv, tmp_path)

    # add an entry with a new tag and someone not in the log (a stub person page)
    new = log / "2026" / "2026-11-20-coffee-quentin-new.md"
    new.write_text("---\ndate: 2026-11-20\nkind: coffee\nwith: [Quentin Newperson, owen-marsh]\n"
                   "tags: [brandnewtag]\nfollow_up: 2026-11-30\n---\nMet Quentin for coffee.\n\n"
                   "See [the email](2026-10-20-email-keiko-tanaka.md).\n", encoding="utf-8")
    srv.wait_for("2026/2026-11-20-coffee-quentin-new.html", lambda page: b"Met Quentin for coffee." in page)
    _same_as_fresh_build(srv, tmp_path)
    # the pages around it changed though their own files did not: the neighbours' previous and
    # next links, and the event whose follow-up with Owen the new entry closed ("done: ...")
    for page, rel in (("2026/2026-11-20-call-margaret-okafor.html", b'rel="next"'),
                      ("2026/2026-11-22-referral-harold-whitcombe.html", b'rel="prev"'),
                      (ENTRY_PAGE, b"done: ")):
        assert _links_to(srv.get(page)[1], b"2026-11-20-coffee-quentin-new.html", rel), page

    # delete an entry
    deleted = log / "2026" / "2026-10-20-email-keiko-tanaka.md"
    deleted.unlink()
    srv.wait_for("2026/2026-10-20-email-keiko-tanaka.html", lambda page: b"404 - Not found" in page)
    _same_as_fresh_build(srv, tmp_path, gone=("2026/2026-10-20-email-keiko-tanaka.html",))

    # rename an entry (as `mv` does: one move event)
    os.rename(new, log / "2026" / "2026-11-21-coffee-quentin-new.md")
    srv.wait_for("2026/2026-11-21-coffee-quentin-new.html", lambda page: b"Met Quentin for coffee." in page)
    _same_as_fresh_build(srv, tmp_path, gone=("2026/2026-11-20-coffee-quentin-new.html",))
    for page, rel in (("2026/2026-11-20-call-margaret-okafor.html", b'rel="next"'),
                      ("2026/2026-11-22-referral-harold-whitcombe.html", b'rel="prev"'),
                      (ENTRY_PAGE, b"done: ")):
        body = srv.get(page)[1]
        assert _links_to(body, b"2026-11-21-coffee-quentin-new.html", rel), page
        assert b"2026-11-20-coffee-quentin-new.html" not in body, page

    # move a whole folder out of the log, and back in
    away = srv.project / "away-2022"
    os.rename(log / "2022", away)
    srv.wait_for("2022/2022-03-15-event-margaret-okafor.html", lambda page: b"404 - Not found" in page)
    _same_as_fresh_build(srv, tmp_path, gone=("2022/2022-03-15-event-margaret-okafor.html",))
    os.rename(away, log / "2022")
    srv.wait_for("2022/2022-03-15-event-margaret-okafor.html", lambda page: b"404 - Not found" not in page)
    _same_as_fresh_build(srv, tmp_path)

    # edit a person: a new name (on every entry page that links to them), a tag, a note
    person = log / "people" / "owen-marsh.md"
    text = person.read_text(encoding="utf-8")
    text = text.replace("tags: [hr]", "tags: [hr, livetag]").replace("name: Owen Marsh", "name: Owen Marshall")
    person.write_text(text.replace("\n---\n", "\n---\nA NOTE ADDED LIVE.\n", 1), encoding="utf-8")
    srv.wait_for("people/owen-marsh.html", lambda page: b"A NOTE ADDED LIVE." in page)
    _same_as_fresh_build(srv, tmp_path)

    # introduce an error: every page shows the same line as `netlog check`, with live reload
    good = entry.read_text(encoding="utf-8")
    entry.write_text(good.replace("date: 2026-10-14", "date: 2026-13-45"), encoding="utf-8")
    check = subprocess.run([sys.executable, "-c", "from netlog.cli import main; main()", "check"],
                           cwd=srv.project, capture_output=True, text=True)
    assert check.returncode == 1
    lines = [line for line in check.stdout.splitlines() if ": error: " in line]
    assert lines and lines[0].startswith("log/2026/2026-10-14-event-keiko-tanaka.md:")
    srv.wait_for("index.html", lambda page: b"the log has 1 error" in page.lower())
    for page in ("index.html", ENTRY_PAGE, "people/owen-marsh.html", "timeline/index.html", "tags.html"):
        status, body = srv.get(page)
        text = body.decode("utf-8")
        for line in lines:
            assert str(escape(line)) in text, page
        assert LIVERELOAD.search(body), page

    # fix it: the preview recovers by itself
    entry.write_text(good, encoding="utf-8")
    srv.wait_for(ENTRY_PAGE, lambda page: b"A LINE ADDED LIVE." in page)
    _same_as_fresh_build(srv, tmp_path)
    srv.proc.terminate()
    _out, err = _stop(srv.proc)
    assert "2026-10-14-event-keiko-tanaka.md" in err  # the terminal showed the error too
    assert "Traceback" not in err


def test_serve_answers_only_this_machine(server):
    srv = server
    srv.wait_for("index.html", lambda page: b"Dashboard" in page)
    port = srv.base.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        got = srv.get("index.html", host=host)
        assert got is not None and got[0] == 200, host
    for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1.nip.io:{port}"):
        got = srv.get("index.html", host=host)
        assert got is not None and got[0] == 403, host
        assert b"Dashboard" not in got[1]
    got = srv.get("livereload/1/1", host=f"attacker.example:{port}")
    assert got is not None and got[0] == 403


def test_serve_refuses_a_busy_address_before_building(tmp_path):
    project = copy_example(tmp_path / "project")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        proc = _start(project, port)
        try:
            out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail("netlog serve did not stop on a busy address")
    assert proc.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port}: address already in use" in err
    assert "Serving" not in out + err and "Built" not in out + err
    assert "Traceback" not in err


@pytest.mark.parametrize("addr", ["127.0.0.1:99999", "127.0.0.1", "127.0.0.1:http", ":8000"])
def test_serve_rejects_a_malformed_address(tmp_path, addr):
    project = copy_example(tmp_path / "project")
    proc = subprocess.run([sys.executable, "-c", "from netlog.cli import main; main()", "serve",
                           "--dev-addr", addr], cwd=project, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "--dev-addr" in proc.stderr and "Traceback" not in proc.stderr
    assert "Serving" not in proc.stdout + proc.stderr


# --------------------------------------------------------------------------- issue 19 and 20: the serve package


def test_unpublished_files_added_while_serving_are_never_served(server):
    """`_` and `.` folders, dot files and Markdown files are not published by the page-by-page
    update either (only a full build left them out before); a plain attachment is."""
    srv = server
    srv.wait_for("index.html", lambda page: b"Dashboard" in page)
    log = srv.project / "log"
    hidden = ["_drafts/secret.txt", "_private/photo.png", ".git/config.txt", "notes/.secret.txt",
              "notes/_old/plan.pdf", "notes/raw.markdown", "2026/_x.txt/inside.txt"]
    for rel in hidden:
        path = log / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("private\n", encoding="utf-8")
    (log / "notes" / "ok.txt").write_text("public\n", encoding="utf-8")
    # the later file is served once the earlier events have been handled (they come first)
    srv.wait_for("notes/ok.txt", lambda body: body == b"public\n")
    for rel in hidden:
        got = srv.get(rel)
        assert got is not None and got[0] == 404, f"{rel} is served"
    # a folder with a secret moved in at once
    staging = srv.project / "staging"
    (staging / "_drafts").mkdir(parents=True)
    (staging / "_drafts" / "moved.txt").write_text("private\n", encoding="utf-8")
    (staging / "moved-ok.txt").write_text("public\n", encoding="utf-8")
    os.rename(staging, log / "moved")
    srv.wait_for("moved/moved-ok.txt", lambda body: body == b"public\n")
    got = srv.get("moved/_drafts/moved.txt")
    assert got is not None and got[0] == 404


def test_a_stopped_serve_removes_its_site_folder_and_a_killed_ones_is_removed_next_time(tmp_path):
    project = copy_example(tmp_path / "project")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {"TMPDIR": str(tmp)}
    for stop in ("terminate", "kill"):
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-c", "from netlog.cli import main; main()", "serve",
                                 "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                                env={**os.environ, "NETLOG_TODAY": TODAY, **env},
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        srv = Server(project, proc, f"http://127.0.0.1:{port}")
        srv.wait_for("index.html", lambda page: b"Dashboard" in page)
        folders = list(tmp.glob(".netlog-serve.building-*"))
        assert len(folders) == 1 and (folders[0] / "index.html").is_file()
        getattr(proc, stop)()
        _stop(proc)
        left = list(tmp.glob(".netlog-serve.building-*"))
        if stop == "terminate":
            assert left == [], "SIGTERM left the private site behind"
        else:
            assert left == folders  # SIGKILL: nothing runs; the next serve cleans it
    port = free_port()
    proc = _start_in(project, port, env)
    try:
        Server(project, proc, f"http://127.0.0.1:{port}").wait_for("index.html", lambda page: b"Dashboard" in page)
        assert len(list(tmp.glob(".netlog-serve.building-*"))) == 1  # its own only
    finally:
        _stop(proc)


def _start_in(project: Path, port: int, extra_env: dict) -> subprocess.Popen:
    env = {**os.environ, "NETLOG_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", **extra_env}
    return subprocess.Popen([sys.executable, "-c", "from netlog.cli import main; main()", "serve",
                             "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_the_builder_keeps_errors_until_they_are_gone_and_carries_on_when_a_file_vanishes(tmp_path, monkeypatch):
    """Issue 20: saving another file beside mkdocs.yml (or any file) while the log has errors
    neither clears them nor serves the stale site; a file that vanishes before it is copied
    (an editor's temporary file) is taken as removed, not a crash."""
    import datetime as dt

    from netlog.serve.builder import SiteBuilder, UpdateFailed, apply_changes

    project = copy_example(tmp_path / "project")
    site = tmp_path / "site"
    site.mkdir()
    config = str(project / "mkdocs.yml")
    builder = SiteBuilder(config, str(site), dt.date.fromisoformat(TODAY))
    assert apply_changes(builder, None, config).full
    entry = project / ENTRY
    good = entry.read_text(encoding="utf-8")
    entry.write_text(good.replace("kind: event", "kind: not-a-kind"), encoding="utf-8")
    with pytest.raises(UpdateFailed):
        apply_changes(builder, {str(entry)}, config)
    assert builder.problems and not builder.healthy
    beside = project / "notes.txt"
    beside.write_text("a note beside mkdocs.yml\n", encoding="utf-8")
    assert apply_changes(builder, {str(beside)}, config) is None  # not the site's business: errors stay
    assert not builder.healthy
    attachment = project / "log" / "2026" / "agenda.txt"
    attachment.write_text("agenda\n", encoding="utf-8")
    with pytest.raises(UpdateFailed):  # a change of the log while it has errors: still errors
        apply_changes(builder, {str(attachment)}, config)
    entry.write_text(good, encoding="utf-8")
    result = apply_changes(builder, {str(entry)}, config)
    assert result is not None and builder.healthy and not builder.problems
    assert (site / "2026" / "agenda.txt").read_bytes() == b"agenda\n"

    # an editor's temporary file, seen and gone before it is copied
    temp = project / "log" / "2026" / "4913"
    real_isfile = os.path.isfile
    monkeypatch.setattr(os.path, "isfile", lambda p: True if os.fspath(p) == str(temp) else real_isfile(p))
    result = apply_changes(builder, {str(temp)}, config)
    assert result is not None and builder.healthy
    assert not (site / "2026" / "4913").exists() and "2026/4913" not in builder.static_uris
    # a file that was copied, then vanishes while it is copied again, is removed from the site
    attachment.write_text("agenda 2\n", encoding="utf-8")
    apply_changes(builder, {str(attachment)}, config)
    attachment.unlink()
    monkeypatch.setattr(os.path, "isfile", lambda p: True if os.fspath(p) == str(attachment) else real_isfile(p))
    apply_changes(builder, {str(attachment)}, config)
    assert not (site / "2026" / "agenda.txt").exists()


def _move_away(broken: Path, away: str) -> None:
    log = broken.parent.parent
    if away == "deleted":
        broken.unlink()
    elif away == "moved into _drafts/":
        (log / "_drafts").mkdir(exist_ok=True)
        broken.rename(log / "_drafts" / broken.name)
    else:
        broken.rename(log.parent / broken.name)


BROKEN_NEW = "---\ndate: 2026-11-30\nkind: coffee\nwith: [owen-marsh]\nfollow_up: soon\n---\n"


def test_errors_of_a_new_file_go_when_the_file_goes(server):
    """End to end: a new file with an error, then deleted; the error page goes."""
    broken = server.project / "log" / "2026" / "2026-11-30-broken-new.md"
    broken.write_text(BROKEN_NEW, encoding="utf-8")
    server.wait_for("index.html", lambda page: b"2026-11-30-broken-new.md" in page)
    _move_away(broken, "deleted")
    server.wait_for("index.html", lambda page: b"2026-11-30-broken-new.md" not in page and b"Dashboard" in page)


@pytest.mark.parametrize("away", ["deleted", "moved into _drafts/", "moved out of the log"])
def test_the_watcher_reporting_only_a_gone_new_file_clears_its_errors(tmp_path, away):
    """The file that had the errors was never taken into the site (its update failed): when the
    watcher reports only its path, gone, the log is read again and the errors clear (new-user
    trial: they stayed on every page until another file changed, when no event of its folder
    came with it)."""
    import types

    from netlog.serve import loop
    from netlog.serve import server as srv

    project = copy_example(tmp_path / "project")
    site_server, site_dir = srv.bind("127.0.0.1", free_port())
    try:
        said: list[str] = []
        proj = types.SimpleNamespace(config_file=str(project / "mkdocs.yml"), docs_dir=str(project / "log"),
                                     custom_dir=None)
        preview = loop._Preview(site_server, site_dir, proj, dt.date.fromisoformat(TODAY),
                                loop.Terminal(said.append, said.append), "http://127.0.0.1/", False)
        preview.run(None)
        assert site_server.errors is None
        broken = project / "log" / "2026" / "2026-11-30-broken-new.md"
        broken.write_text(BROKEN_NEW, encoding="utf-8")
        preview.run_watched({str(broken)})
        assert site_server.errors and any("2026-11-30-broken-new.md" in line for line in site_server.errors)
        assert site_server.error_heading == ("The log has 1 error; the preview shows the site again once it "
                                             "is fixed")  # trial: "once they are fixed" after one error
        second = project / "log" / "2026" / "2026-11-30-broken-too.md"
        second.write_text(BROKEN_NEW, encoding="utf-8")
        preview.run_watched({str(second)})
        assert site_server.error_heading == ("The log has 2 errors; the preview shows the site again once "
                                             "they are fixed")
        second.unlink()
        preview.run_watched({str(second)})
        _move_away(broken, away)
        preview.run_watched({str(broken)})
        assert site_server.errors is None and "The log is fine again." in said
    finally:
        site_server.server_close()


def test_post_actions_pass_the_access_rule_and_the_size_limit(tmp_path, monkeypatch):
    """The hook for the preview's actions: registered paths only, access checked first, 413
    over 64 KiB (the handler never runs for a refused request), 405 for other methods."""
    import http.client
    import tempfile

    from netlog.serve.server import MAX_BODY, Response, bind

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    server, site_dir = bind("127.0.0.1", 0)
    port = server.socket.getsockname()[1]
    seen = []

    def action(request):
        seen.append(request)
        return Response(200, b"done: " + request.body)

    server.add_action("/_netlog/done", action)
    server.first_build_done()
    server.serve_thread.start()
    try:
        def send(method, path, body=b"", host=f"127.0.0.1:{port}", headers=None):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.putrequest(method, path, skip_host=True)
            conn.putheader("Host", host)
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            response = conn.getresponse()
            out = response.status, response.read()
            conn.close()
            return out

        assert send("POST", "/_netlog/done", b"ref=ann") == (200, b"done: ref=ann")
        assert seen[-1].body == b"ref=ann" and seen[-1].method == "POST"
        assert send("POST", "/_netlog/done", b"x" * MAX_BODY)[0] == 200
        n = len(seen)
        assert send("POST", "/_netlog/done", b"x" * (MAX_BODY + 1))[0] == 413
        assert send("POST", "/_netlog/done", b"a", host="evil.example")[0] == 403
        assert send("POST", "/_netlog/done", b"a", headers={"Origin": "http://evil.example"})[0] == 403
        assert send("POST", "/_netlog/done", b"a", headers={"Origin": "null"})[0] == 403
        assert send("POST", "/elsewhere", b"a")[0] == 404
        assert send("PUT", "/_netlog/done", b"a")[0] == 405
        assert len(seen) == n  # no refused request reached the handler
        assert send("GET", "/.netlog-owner")[0] == 404  # the folder's owner mark is not served
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def test_access_rules_can_read_a_posted_secret_and_redirect_with_a_cookie(tmp_path, monkeypatch):
    """What the preview's actions and `--lan` will need of an access rule: a POST is checked
    again with its body (a form's secret), and a refusal can redirect and set a cookie."""
    import http.client
    import tempfile
    from urllib.parse import parse_qs

    from netlog.serve.access import AllOf, LoopbackRule, Refusal
    from netlog.serve.server import Response, bind

    class Secret:
        def check(self, request):
            if request.method != "POST" or not request.body:
                return None
            return None if parse_qs(request.body.decode()).get("secret") == ["s3"] else Refusal(403, "no secret")

    class Key:
        def check(self, request):
            if "key=k1" in request.query:
                return Refusal(303, "see the page", (("Location", request.path),
                                                     ("Set-Cookie", "netlog=k1; HttpOnly; SameSite=Strict")))
            return None

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    server, site_dir = bind("127.0.0.1", 0)
    port = server.socket.getsockname()[1]
    server.access = AllOf((server.access, Secret(), Key()))
    assert isinstance(server.access.rules[0], LoopbackRule)
    done = []
    server.add_action("/_netlog/done", lambda request: done.append(request.body) or Response(200, b"ok"))
    server.first_build_done()
    server.serve_thread.start()
    try:
        def send(method, path, body=b""):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request(method, path, body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
            response = conn.getresponse()
            out = response.status, dict(response.getheaders()), response.read()
            conn.close()
            return out

        assert send("POST", "/_netlog/done", b"ref=ann&secret=s3")[0] == 200
        assert send("POST", "/_netlog/done", b"ref=ann&secret=no")[0] == 403
        assert done == [b"ref=ann&secret=s3"]  # the refused one ran nothing
        status, headers, _ = send("GET", "/index.html?key=k1")
        assert status == 303 and headers["Location"] == "/index.html"
        assert headers["Set-Cookie"].startswith("netlog=k1; HttpOnly")
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
