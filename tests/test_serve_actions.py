"""The preview's actions and `serve --lan` over real HTTP (docs/commands.md, issue 22).

A real `netlog serve` on a free port of 127.0.0.1 in a subprocess, on a copy of the example
log. Each action is compared with the command of the same name run on a second copy; each
attack is replayed and the log hashed before and after.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from sitehelpers import TODAY, assert_ok, build, copy_example, free_port, netlog

pytestmark = pytest.mark.slow  # a server in a subprocess, real MkDocs builds

DEADLINE = 120
OVERDUE_OWEN = "Follow up with the people you met"  # Owen Marsh's overdue item on 2026-11-25


def tree_hash(root: Path) -> str:
    """One hash of every file under ``root`` (names and bytes)."""
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class Served:
    """A running `netlog serve` (stderr collected on a thread-free pipe read at the end)."""

    def __init__(self, project: Path, *args: str):
        self.project = project
        self.port = free_port()
        env = {**os.environ, "NETLOG_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
        self.proc = subprocess.Popen([sys.executable, "-c", "from netlog.cli import main; main()", "serve",
                                      "--dev-addr", f"127.0.0.1:{self.port}", *args], cwd=project, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.host = f"127.0.0.1:{self.port}"
        self.cookie = None

    def wait(self, path: str = "/") -> None:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                pytest.fail("netlog serve exited:\n" + self.proc.communicate()[1])
            try:
                status, _h, _b = self.send("GET", path)
                if status in (200, 403):
                    return
            except OSError:
                pass
            time.sleep(0.3)
        pytest.fail("netlog serve did not answer")

    def send(self, method: str, path: str, body: bytes = b"", headers: dict | None = None, host: str | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host or self.host)
        if self.cookie:
            conn.putheader("Cookie", self.cookie)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        if method == "POST":
            conn.putheader("Content-Type", "application/x-www-form-urlencoded")
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body if method == "POST" else None)
        response = conn.getresponse()
        out = response.status, dict(response.getheaders()), response.read()
        conn.close()
        return out

    def page(self, path: str = "/") -> str:
        status, _h, body = self.send("GET", path)
        assert status == 200, (path, status)
        return body.decode()

    def post(self, action: str, fields: dict, **kw):
        return self.send("POST", f"/_netlog/{action}", urlencode(fields).encode(), **kw)

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            return self.proc.communicate(timeout=20)[1]
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.communicate()[1]


@pytest.fixture
def served(tmp_path):
    project = copy_example(tmp_path / "served")
    srv = Served(project)
    srv.wait()
    try:
        yield srv
    finally:
        srv.stop()


def secret_of(page: str) -> str:
    return re.search(r'name="nl_token" value="([^"]+)"', page).group(1)


def item_of(page: str, action: str) -> str:
    """The item mark of the card whose action is ``action``."""
    return re.search(r'data-nl-item="([^"]+)">' + re.escape(action) + "<", page).group(1)


def cli(project: Path, *args: str):
    """The command of the same name, in-process, as of TODAY."""
    from click.testing import CliRunner

    from netlog.cli import main

    return CliRunner().invoke(main, ["-f", str(project / "mkdocs.yml"), *args], env={"NETLOG_TODAY": TODAY})


def new_files(before: set[Path], root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.md") if p not in before)


def test_done_writes_what_netlog_done_writes_and_the_page_updates_before_the_redirect(served, tmp_path):
    log = served.project / "log"
    page = served.page("/")
    item = item_of(page, OVERDUE_OWEN)
    assert item in served.page("/follow-ups.html")
    # Done offers the kinds that can close an item: none of the `self` group (a review closes nothing)
    done_kinds = re.findall(r'<select form="[^"]+" name="kind">(.*?)</select>', page, re.S)
    log_kinds = re.search(r'action="/_netlog/log">.*?<select name="kind">(.*?)</select>', page, re.S).group(1)
    assert done_kinds and all(">review</option>" not in k and re.search(r"<option[^>]*>follow-up</option>", k)
                              for k in done_kinds)
    assert "<option>review</option>" in log_kinds
    before = set(log.rglob("*.md"))
    status, headers, _ = served.post("done", {"nl_token": secret_of(page), "item": item,
                                              "kind": "follow-up", "note": "Sent the notes", "back": "/"})
    assert status == 303 and headers["Location"] == "/"
    [written] = new_files(before, log)
    # the command of the same name, on a second copy
    other = copy_example(tmp_path / "cli")
    other_before = set((other / "log").rglob("*.md"))
    result = cli(other, "done", "owen-marsh", "--kind", "follow-up", "--note", "Sent the notes")
    assert_ok(result)
    [expected] = new_files(other_before, other / "log")
    assert written.relative_to(log) == expected.relative_to(other / "log")
    assert written.read_bytes() == expected.read_bytes()
    # the dashboard and the follow-ups page no longer show the item; the page says what was written
    after = served.page("/")
    assert OVERDUE_OWEN not in after and item not in after
    assert written.relative_to(log).as_posix() in after and 'action="/_netlog/undo"' in after
    assert item not in served.page("/follow-ups.html") and item not in served.page("/people/owen-marsh.html")
    # undo removes the file the Done made, and says so
    assert served.post("undo", {"nl_token": secret_of(after), "back": "/"})[0] == 303
    assert not written.exists()
    undone = served.page("/")
    assert f"removed {written.relative_to(log).as_posix()}" in undone and "restored" not in undone


def test_snooze_writes_what_netlog_snooze_writes_and_undo_restores_the_bytes(served, tmp_path):
    log = served.project / "log"
    page = served.page("/")
    entry = log / "2026/2026-10-14-event-keiko-tanaka.md"
    original = entry.read_bytes()
    status, _h, _b = served.post("snooze", {"nl_token": secret_of(page), "item": item_of(page, OVERDUE_OWEN),
                                            "for": "1w", "back": "/"})
    assert status == 303
    other = copy_example(tmp_path / "cli")
    result = cli(other, "snooze", str(other / "log/2026/2026-10-14-event-keiko-tanaka.md"), "--for", "1w")
    assert_ok(result)
    assert entry.read_bytes() == (other / "log/2026/2026-10-14-event-keiko-tanaka.md").read_bytes() != original
    after = served.page("/")
    assert OVERDUE_OWEN not in after.split('id="upcoming"')[0]  # moved out of the overdue cards
    assert "snooze" in after and "2026-12-02" in after
    # a refused action in between (an item that is not open) leaves the last action undoable; its
    # message is on the page its redirect leads to, and only there: elsewhere the snooze and its Undo
    status, headers, _b = served.post("done", {"nl_token": secret_of(after), "item": "nope", "back": "/"})
    assert status == 303 and re.fullmatch(r"/\?nl=\d+", headers["Location"])
    assert "no longer open" in served.page(headers["Location"])
    for elsewhere in ("/", "/follow-ups.html", "/?nl=1"):
        page = served.page(elsewhere)
        banner = re.search(r'<div class="nl-banner" role="status"><p>(.*?)</p>(.*?)</div>', page, re.S)
        assert "no longer open" not in page and banner.group(1).startswith("snooze ") and "Undo" in banner.group(2)
    status, _h, _b = served.post("undo", {"nl_token": secret_of(after), "back": "/"})
    assert status == 303
    assert entry.read_bytes() == original
    assert "restored 2026/2026-10-14-event-keiko-tanaka.md" in served.page("/")
    assert "nothing to undo" not in served.page("/")
    _s, headers, _b = served.post("undo", {"nl_token": secret_of(after), "back": "/"})  # an undo is not undone
    assert entry.read_bytes() == original and "nothing to undo" in served.page(headers["Location"])
    assert OVERDUE_OWEN in served.page("/")


def test_undo_refuses_once_the_file_changed(served):
    log = served.project / "log"
    page = served.page("/")
    before = set(log.rglob("*.md"))
    served.post("done", {"nl_token": secret_of(page), "item": item_of(page, OVERDUE_OWEN), "back": "/"})
    [written] = new_files(before, log)
    undo_button = 'action="/_netlog/undo">'
    assert undo_button in served.page("/")
    written.write_bytes(written.read_bytes() + b"\nMy own words.\n")
    # the line says what was written still, without Undo: the file is no longer as netlog left it
    shown = served.page("/")
    assert f"wrote {written.relative_to(log).as_posix()}" in shown and undo_button not in shown
    status, headers, _b = served.post("undo", {"nl_token": secret_of(page), "back": "/"})
    assert status == 303
    assert written.exists() and written.read_bytes().endswith(b"My own words.\n")
    assert "changed since netlog wrote it" in served.page(headers["Location"])


def test_log_form_writes_an_entry_and_refuses_a_did_you_mean_ref_unless_confirmed(served):
    log = served.project / "log"
    page = served.page("/")
    assert f'name="date" value="{TODAY}"' in page  # the form opens with today's date
    kinds = re.search(r'action="/_netlog/log">.*?<select name="kind">(.*?)</select>', page, re.S).group(1)
    counts = {}
    for p in log.rglob("*.md"):
        m = re.search(r"^kind: (\S+)", p.read_text(encoding="utf-8"), re.M)
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    first = re.findall(r"<option>([^<]+)</option>", kinds)[0]
    assert counts[first] == max(counts.values())  # the kind used most comes first
    assert '<datalist id="nl-people">' in page and 'value="owen-marsh"' in page
    secret = secret_of(page)
    before = tree_hash(log)
    status, headers, _b = served.post("log", {"nl_token": secret, "kind": "meeting", "with": "Owen Marsch",
                                              "date": "2026-11-20", "title": "Coffee <at> the fair",
                                              "notes": "Long notes\r\ntyped on a phone", "back": "/"})
    assert status == 303 and tree_hash(log) == before  # "did you mean" refused
    refused = served.page(headers["Location"])
    assert "owen-marsh" in refused and "error:" in refused
    assert "(tick “someone new” if it is someone new)" in refused and "someone new (though" in refused
    # only there: a later visit of the dashboard (another browser, a new tab) starts clean
    fresh = served.page("/")
    assert "error:" not in fresh and '<details class="nl-log" open>' not in fresh and "Owen Marsch" not in fresh
    # the form comes back open with what was typed, nothing lost
    form = re.search(r'<details class="nl-log" open>.*?</details>', refused, re.S).group(0)
    assert "<option selected>meeting</option>" in form and 'name="with" list="nl-people" value="Owen Marsch"' in form
    assert 'name="date" value="2026-11-20"' in form and 'value="Coffee &lt;at&gt; the fair"' in form
    assert ">Long notes\r\ntyped on a phone</textarea>" in form or ">Long notes\ntyped on a phone</textarea>" in form
    assert '<details class="nl-log" open>' not in served.page("/follow-ups.html")  # only on the page it was on
    files = set(log.rglob("*.md"))
    status, _h, _b = served.post("log", {"nl_token": secret, "kind": "coffee", "with": "owen-marsh", "date": TODAY,
                                         "title": "Coffee at the fair", "notes": "Talked about\r\nthe move",
                                         "follow_up": "1w", "back": "/"})
    assert status == 303
    [written] = new_files(files, log)
    text = written.read_text(encoding="utf-8")
    assert written.name == f"{TODAY}-coffee-owen-marsh-coffee-at-the-fair.md" or "coffee" in written.name
    assert "kind: coffee" in text and "owen-marsh" in text and "Talked about\nthe move" in text
    assert "follow_up" in text
    assert written.relative_to(log).as_posix() in served.page("/")
    assert '<details class="nl-log" open>' not in served.page("/")  # written: the form is fresh again
    assert "not among your people yet" not in served.page("/")
    # someone new, ticked as such: written as given, and the message says so as `netlog new` warns
    # (trial: the form was silent about it)
    files = set(log.rglob("*.md"))
    status, headers, _b = served.post("log", {"nl_token": secret, "kind": "coffee", "with": "owen-marsh, Zed Newperson",
                                              "date": TODAY, "new_person": "1", "back": "/"})
    assert status == 303 and len(new_files(files, log)) == 1
    assert "not among your people yet: Zed Newperson (a stub page until" in served.page(headers["Location"])
    # a kind that is with someone needs `with`; a check error is refused: nothing written either way
    files = set(log.rglob("*.md"))
    served.post("log", {"nl_token": secret, "kind": "coffee", "date": TODAY, "back": "/"})
    served.post("log", {"nl_token": secret, "kind": "coffee", "with": "owen-marsh", "date": "2026-02-30", "back": "/"})
    assert new_files(files, log) == []


def test_drafts_page_accepts_and_discards_as_netlog_drafts_does(served):
    log = served.project / "log"
    drafts = log / "_drafts"
    drafts.mkdir(exist_ok=True)
    good = "---\ndate: 2026-11-20\nkind: coffee\nwith: owen-marsh\ntitle: Draft coffee\n---\n\nFrom the calendar.\n"
    (drafts / "2026-11-20-coffee-owen-marsh.md").write_text(good, encoding="utf-8")
    (drafts / "2026-11-21-meeting-x.md").write_text(good.replace("Draft coffee", "Other"), encoding="utf-8")
    (drafts / "2026-11-22-coffee-zed.md").write_text(good.replace("with: owen-marsh", "with: Zed Stranger"),
                                                     encoding="utf-8")
    assert 'href="/_netlog/drafts/"' in served.page("/")
    page = served.page("/_netlog/drafts/")
    # one that passes with a warning says both (trial: "passes check" and nothing else)
    assert re.search(r"passes check; line \d+: warning: &#39;with&#39;: unknown person &#39;Zed Stranger&#39;", page) \
        or re.search(r"passes check; line \d+: warning: 'with': unknown person 'Zed Stranger'", page)
    (drafts / "2026-11-22-coffee-zed.md").unlink()
    page = served.page("/_netlog/drafts/")
    assert "2026-11-20" in page and "coffee" in page and "Owen Marsh" in page and "passes check" in page
    assert "<code>log/_drafts/2026-11-20-coffee-owen-marsh.md</code>" in page  # the file, as `netlog drafts` shows it
    assert '<p class="nl-draft-title">Draft coffee</p>' in page and "<p class=\"nl-draft-notes\">From the calendar.</p>" in page
    # in the site's own page: its header, tabs and search, links from the site's root
    assert '<base href="/">' in page and 'class="md-header' in page and "<title>Drafts (2)</title>" in page
    assert '"base": "/"' in page and "md-nav--secondary" not in page  # search from the root; no dashboard TOC
    assert 'href="follow-ups.html"' in page or 'href="follow-ups/' in page
    secret = secret_of(page)
    status, headers, _ = served.post("accept", {"nl_token": secret, "draft": "_drafts/2026-11-20-coffee-owen-marsh.md",
                                                "back": "/_netlog/drafts/"})
    assert status == 303 and headers["Location"] == "/_netlog/drafts/"
    assert not (drafts / "2026-11-20-coffee-owen-marsh.md").exists()
    assert (log / "2026/2026-11-20-coffee-owen-marsh.md").read_text(encoding="utf-8") == good
    served.post("discard", {"nl_token": secret, "draft": "_drafts/2026-11-21-meeting-x.md", "back": "/_netlog/drafts/"})
    assert not (drafts / "2026-11-21-meeting-x.md").exists()
    assert (drafts / "discarded/2026-11-21-meeting-x.md").exists()
    # undo the discard: the draft is back, the discarded copy gone
    served.post("undo", {"nl_token": secret, "back": "/_netlog/drafts/"})
    assert (drafts / "2026-11-21-meeting-x.md").exists() and not (drafts / "discarded/2026-11-21-meeting-x.md").exists()


def test_every_attack_is_refused_and_writes_nothing(served):
    log = served.project / "log"
    page = served.page("/")
    secret, item = secret_of(page), item_of(page, OVERDUE_OWEN)
    fields = {"nl_token": secret, "item": item, "back": "/"}
    _s, headers, _b = served.send("GET", "/")
    assert headers["Referrer-Policy"] == "same-origin"
    assert '<meta name="referrer" content="same-origin">' in page
    before = tree_hash(log)
    attacks = [
        ("no secret", served.post("done", {"item": item, "back": "/"}), 403),
        ("wrong secret", served.post("done", {**fields, "nl_token": "x" * len(secret)}), 403),
        ("foreign Host", served.post("done", fields, host="evil.example"), 403),
        ("rebound Host", served.post("done", fields, host=f"evil.example:{served.port}"), 403),
        ("foreign Origin", served.post("done", fields, headers={"Origin": "http://evil.example"}), 403),
        ("null Origin", served.post("done", fields, headers={"Origin": "null"}), 403),
        ("over 64 KiB", served.post("done", {**fields, "note": "x" * (64 * 1024)}), 413),
        ("GET never writes", served.send("GET", "/_netlog/done?" + urlencode(fields)), 404),
        ("unknown action", served.post("delete", fields), 404),
    ]
    for name, (status, _h, _b), expected in attacks:
        assert status == expected, name
    assert tree_hash(log) == before
    # the secret is in served pages only, and a redirect never leaves the server
    status, headers, _b = served.post("snooze", {**fields, "for": "1d", "back": "//evil.example/"})
    assert status == 303 and headers["Location"] == "/"


def test_build_and_render_have_no_form_secret_or_script_for_actions(tmp_path):
    project = copy_example(tmp_path / "p")
    site = tmp_path / "site"
    assert_ok(build(project, site))
    out = tmp_path / "rendered"
    assert_ok(netlog(project, "render", str(out), "--today", TODAY))
    looked = 0
    for root in (site, out):
        for path in root.rglob("*"):
            if path.is_file() and path.suffix in (".html", ".md", ".js", ".json"):
                text = path.read_text(encoding="utf-8", errors="replace")
                for needle in ('method="post"', "nl_token", 'class="nl-act"', "nl-btn", "/_netlog/", "netlog-serve", "manifest.webmanifest"):
                    assert needle not in text, f"{path}: {needle}"
                looked += 1
    assert looked > 100
    assert 'data-nl-item="' in (site / "index.html").read_text(encoding="utf-8")  # the inert item mark only


def test_lan_needs_the_key_for_every_path_then_a_cookie(tmp_path):
    project = copy_example(tmp_path / "p")
    srv = Served(project, "--lan")
    try:
        srv.wait()
        end = time.monotonic() + DEADLINE
        while "?key=" not in (text := _peek(srv)) and time.monotonic() < end:
            time.sleep(0.2)
        url = re.search(r"http://\S+\?key=(\S+)", text)
        assert url, text
        key = url.group(1)
        assert len(key) * 6 >= 128  # url-safe base64: 6 bits a character
        assert "▀" in text or "█" in text or "▄" in text  # the QR code, drawn in the terminal
        for path in ("/", "/index.html", "/search/search_index.json", "/assets/stylesheets/", "/no-such-page/",
                     "/_netlog/drafts/", "/_netlog/manifest.webmanifest", "/people/owen-marsh.html"):
            status, _h, body = srv.send("GET", path)
            assert status == 403 and b"Owen" not in body and b"netlog serve --lan" in body, path
        assert srv.send("GET", "/?key=" + "A" * len(key))[0] == 403
        assert srv.send("GET", "/", headers={"Cookie": "netlog_key=" + "A" * len(key)})[0] == 403
        assert srv.post("done", {"nl_token": "x"})[0] == 403
        status, headers, _ = srv.send("GET", f"/people/owen-marsh.html?key={key}")
        assert status == 303 and headers["Location"] == "/people/owen-marsh.html"
        cookie = headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        srv.cookie = cookie.split(";")[0]
        page = srv.page("/")
        assert "Owen Marsh" in page
        assert '<link rel="manifest" href="/_netlog/manifest.webmanifest" crossorigin="use-credentials">' in page
        status, headers, body = srv.send("GET", "/_netlog/manifest.webmanifest")
        assert status == 200 and b'"start_url": "/"' in body
        status, headers, body = srv.send("GET", "/_netlog/icon.svg")
        assert status == 200 and body.startswith(b"<svg") and headers["Content-Type"] == "image/svg+xml"
        assert '<link rel="apple-touch-icon" href="/_netlog/icon-192.png">' in page
        for size in (192, 512):
            status, headers, body = srv.send("GET", f"/_netlog/icon-{size}.png")
            assert status == 200 and body.startswith(b"\x89PNG\r\n\x1a\n") and headers["Content-Type"] == "image/png"
            assert int.from_bytes(body[16:20], "big") == size  # the IHDR width
        # with the cookie, an action still needs the secret, and works with it
        log = project / "log"
        before = tree_hash(log)
        assert srv.post("done", {"item": item_of(page, OVERDUE_OWEN)})[0] == 403
        assert tree_hash(log) == before
        status, _h, _b = srv.post("done", {"nl_token": secret_of(page), "item": item_of(page, OVERDUE_OWEN),
                                           "back": "/"}, headers={"Origin": f"http://{srv.host}"})
        assert status == 303 and tree_hash(log) != before
    finally:
        srv.stop()


def _peek(srv: Served) -> str:
    """What the server printed so far on stderr (read without blocking)."""
    import fcntl

    fd = srv.proc.stderr.fileno()
    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_NONBLOCK)
    srv.printed = getattr(srv, "printed", "")
    try:
        chunk = os.read(fd, 1 << 16)
        srv.printed += chunk.decode("utf-8", "replace")
    except BlockingIOError:
        pass
    return srv.printed


def test_with_commit_true_each_action_commits_the_files_it_wrote(tmp_path):
    project = copy_example(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - netlog:\n", "  - netlog:\n      commit: true\n"),
                      encoding="utf-8")

    def git(*args):
        return subprocess.run(["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t", *args],
                              capture_output=True, text=True, check=True).stdout

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "start")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the server's child process inherits them
    try:
        srv = Served(project)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    try:
        srv.wait()
        page = srv.page("/")
        item = item_of(page, OVERDUE_OWEN)
        assert srv.post("done", {"nl_token": secret_of(page), "item": item, "back": "/"})[0] == 303
        assert srv.post("undo", {"nl_token": secret_of(page), "back": "/"})[0] == 303
    finally:
        srv.stop()
    log = git("log", "--format=%x00%s", "--name-status").split("\0")
    commits = [[line for line in block.splitlines() if line] for block in log if block.strip()]
    assert commits[1] == ["netlog: done Owen Marsh (follow-up)",
                          f"A\tlog/2026/{TODAY}-follow-up-owen-marsh.md"]
    assert commits[0] == ["netlog: undo done Owen Marsh (follow-up)",
                          f"D\tlog/2026/{TODAY}-follow-up-owen-marsh.md"]
    assert git("status", "--porcelain") == ""
