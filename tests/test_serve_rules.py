"""The preview's access rules for actions and `--lan`, and its small helpers, without a server
(docs/commands.md, `netlog serve`; issue 22)."""

from __future__ import annotations

from netlog.serve.access import KEY_COOKIE, LanKeyRule, Request, SameOriginRule, SecretRule
from netlog.serve.actions import _back, _kinds_by_use
from netlog.serve.lan import lan_url, machine_address, qr_text


def post(body: bytes, length: int | None = None, **kw) -> Request:
    n = len(body) if length is None else length
    return Request("POST", "/_netlog/done", headers={"content-length": str(n)}, body=body, **kw)


def test_the_secret_is_checked_once_the_body_is_read():
    rule = SecretRule("s3cret")
    assert rule.check(post(b"", length=20)) is None  # before the body: checked again with it
    assert rule.check(post(b"nl_token=s3cret&item=x")) is None
    for body in (b"item=x", b"nl_token=&item=x", b"nl_token=s3cre&item=x", b"nl_token=s3cretX", b"\xff\xfe"):
        refusal = rule.check(post(body))
        assert refusal is not None and refusal.status == 403, body
    assert rule.check(post(b"")).status == 403  # an empty POST has no secret
    assert rule.check(Request("GET", "/")) is None  # GET never writes


def test_the_origin_must_be_the_server_as_addressed():
    rule = SameOriginRule()
    assert rule.check(Request("POST", "/", host="192.168.1.5:8000")) is None
    assert rule.check(Request("POST", "/", host="192.168.1.5:8000", origin="http://192.168.1.5:8000")) is None
    for origin in ("null", "http://evil.example", "https://192.168.1.5:8000", "http://192.168.1.5:8001"):
        assert rule.check(Request("POST", "/", host="192.168.1.5:8000", origin=origin)).status == 403, origin


def test_the_lan_key_becomes_a_cookie_and_nothing_passes_without_one_of_them():
    key = "k" * 32
    rule = LanKeyRule(key)
    refusal = rule.check(Request("GET", "/people/a.html", query=f"x=1&key={key}"))
    assert refusal.status == 303
    headers = dict(refusal.headers)
    assert headers["Location"] == "/people/a.html?x=1"
    assert headers["Set-Cookie"] == f"{KEY_COOKIE}={key}; Path=/; HttpOnly; SameSite=Strict"
    assert rule.check(Request("GET", "/x", headers={"cookie": f"a=b; {KEY_COOKIE}={key}"})) is None
    for request in (Request("GET", "/"), Request("GET", "/search/search_index.json"),
                    Request("GET", "/", query="key=" + "k" * 31), Request("GET", "/", query="key="),
                    Request("GET", "/", headers={"cookie": f"{KEY_COOKIE}=" + "k" * 33}),
                    Request("POST", "/_netlog/done", query=f"key={key}")):
        assert rule.check(request).status == 403, request


def test_a_redirect_back_stays_on_the_server():
    assert _back("/people/a.html") == "/people/a.html"
    for value in ("//evil.example/", "http://evil.example/", "evil", "", "/\\evil", "/a\r\nSet-Cookie: x"):
        assert _back(value) == "/", value


def test_kinds_come_most_used_first():
    class E:
        def __init__(self, kind):
            self.kind = kind

    class L:
        kinds = {"coffee": 1, "call": 1, "email": 1, "zoom": 1}
        entries = [E("email"), E("email"), E("call"), E("email"), E("call"), E("coffee")]

    assert _kinds_by_use(L()) == ["email", "call", "coffee", "zoom"]
    assert _kinds_by_use(L(), first="zoom")[0] == "zoom"


def test_the_lan_url_and_its_qr_code():
    assert machine_address("192.168.1.5") == "192.168.1.5"
    assert machine_address("0.0.0.0") not in ("0.0.0.0", "")
    assert lan_url("192.168.1.5", 8000, "abc") == "http://192.168.1.5:8000/?key=abc"
    assert lan_url("fd00::5", 8000, "abc") == "http://[fd00::5]:8000/?key=abc"
    qr = qr_text("http://192.168.1.5:8000/?key=abc")
    assert len(qr.splitlines()) > 10 and any(c in qr for c in "█▀▄")


def test_the_cached_person_files_are_those_read_person_files_reads(tmp_path):
    import shutil

    from netlog.config import read_project
    from netlog.load import read_person_files
    from netlog.serve.logcache import LogCache
    from sitehelpers import EXAMPLE

    shutil.copytree(EXAMPLE / "log", tmp_path / "log")
    shutil.copy2(EXAMPLE / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "log/people/notes").mkdir()
    (tmp_path / "log/people/notes/x.md").write_text("---\nname: Not A Person\n---\n", encoding="utf-8")
    project, _problems = read_project(str(tmp_path / "mkdocs.yml"))
    cache = LogCache(project.docs_dir, project.options)
    cache.load(None)
    cached, read = cache.person_files(), read_person_files(project.docs_dir)
    assert len(read) > 10
    assert [(f.path, f.fm.data) for f in cached] == [(f.path, f.fm.data) for f in read]


def test_the_request_log_keeps_warnings_for_errors_not_for_redirects(caplog):
    import logging

    from netlog.serve import adapter

    logger = logging.getLogger(adapter.livereload.__name__)
    with caplog.at_level(logging.INFO):
        logger.warning('"POST /_netlog/done HTTP/1.1" code 303')
        logger.warning('"GET /assets/x.css HTTP/1.1" code 304')
        logger.warning('"GET /nope.html HTTP/1.1" code 404')
        logger.warning('"POST /_netlog/done HTTP/1.1" code 403')
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        '"GET /nope.html HTTP/1.1" code 404', '"POST /_netlog/done HTTP/1.1" code 403']
