"""The HTTP server of ``netlog serve`` (docs/commands.md).

:class:`PreviewServer` is MkDocs' live-reload server (through
``adapter.EngineServer``: its script and long-poll, an inotify watcher) with:

- an access rule (``access.AccessRule``) asked about **every** request, GET
  and POST, the live-reload long-poll included, before anything is read or
  answered; ``bind`` gives it ``access.LoopbackRule`` for the address the
  socket is really bound to;
- POST actions: :meth:`PreviewServer.add_action` registers a handler for one
  path. A POST is answered only by a registered handler (404 otherwise),
  after the access rule let it through, with its body read up to
  :data:`MAX_BODY` bytes (a longer body is refused with 413 and never
  read); any other method than GET, HEAD and POST gets 405;
- pages served as soon as they are written during a full build (the first
  one included), and a page asked for that is not written yet built next
  (:meth:`PreviewServer.take_wanted`: the builder renders it before the
  others);
- during an update, every request answered at once from the files as they
  are: the builder writes each file beside its place and renames it over it
  (``adapter.atomic_writes``), so a request gets a whole previous or new
  version, never a half-written one, and never waits for the builder
  (issue 27, goal 3);
- while the log has errors, an error page with the same
  ``path:line: error: message`` lines as ``netlog check`` on every page.

The site lives in a temporary folder (``bind``) that names its process, so
that a later ``serve`` removes the folders of servers that were killed
(``safeio.clean_stale``); the loop removes its own when it stops.

Importing this module activates the engine (through ``adapter``): the
command imports it once ``--engine`` is known.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from typing import Callable

from markupsafe import escape

from .. import safeio
from . import adapter
from .access import AccessRule, LoopbackRule, Refusal, Request

#: The largest POST body read (64 KiB, docs/commands.md); a longer one is refused with 413.
MAX_BODY = 64 * 1024
#: The name (in the temporary folder) that marks a preview's site folders, for safeio.clean_stale.
SITE_FOLDER = "netlog-serve"


@dataclass(frozen=True, slots=True)
class Response:
    """What a POST handler answers: a status (``200``, ``303`` …), headers, and a body."""

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)


#: A POST handler: the request (access already checked, body read) -> the response.
Action = Callable[[Request], Response]

_REASONS = {200: "OK", 303: "See Other", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
            405: "Method Not Allowed", 411: "Length Required", 413: "Content Too Large",
            500: "Internal Server Error"}


def _status(code: int) -> str:
    return f"{code} {_REASONS.get(code, 'Status')}"


def _refuse(start_response, refusal: Refusal) -> list[bytes]:
    return _plain(start_response, refusal.status, refusal.reason, refusal.headers)


def _plain(start_response, code: int, text: str, extra: tuple[tuple[str, str], ...] = ()) -> list[bytes]:
    body = (text + "\n").encode("utf-8")
    start_response(_status(code), [("Content-Type", "text/plain; charset=utf-8"),
                                   ("Content-Length", str(len(body))), *extra])
    return [body]


# --------------------------------------------------------------------------- the error page


def error_page(lines: list[str], heading: str) -> bytes:
    """A self-contained HTML page listing ``lines`` (loads nothing; the server adds live reload)."""
    from ..plugin import ROBOTS

    items = "\n".join(f"<li><code>{escape(line)}</code></li>" for line in lines)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
{ROBOTS}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>netlog: {escape(heading)}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
       color: #1a1a1a; background: #fff; }}
h1 {{ font-size: 1.4rem; color: #b00020; }}
ul {{ padding-left: 1.2rem; }} li {{ margin: .4rem 0; }}
code {{ white-space: pre-wrap; word-break: break-word; font-size: .95rem; }}
@media (prefers-color-scheme: dark) {{ body {{ color: #e6e6e6; background: #1e1f24; }} h1 {{ color: #ff6b81; }} }}
</style></head>
<body class="netlog-errors">
<h1>{escape(heading)}</h1>
<ul class="netlog-problems">
{items}
</ul>
<p>Fix the files and save: this page reloads by itself.</p>
</body></html>
""".encode("utf-8")


# --------------------------------------------------------------------------- the server


@dataclass(slots=True)
class _State:
    """What the loop tells the server (shared between the loop's and the request threads)."""

    changes: set[str] = field(default_factory=set)
    errors: list[str] | None = None  # lines to show on every page
    error_heading: str = ""
    ready: set[str] = field(default_factory=set)
    building: bool = True
    wanted: list[str] = field(default_factory=list)  # files asked for during a full build, not written yet
    search_held: bool = False  # the search index is being brought up to date after an update


class PreviewServer(adapter.EngineServer):
    """See the module docstring. ``access`` is the access rule; ``actions`` the POST handlers."""

    def __init__(self, *args, access: AccessRule, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.access = access
        self.actions: dict[str, Action] = {}
        self.pages: dict[str, Action] = {}
        #: (html, URL path, query) -> html: what served pages are given on their way out (the actions' UI)
        self.decorate: Callable[[bytes, str, str], bytes] | None = None
        self._request_path = threading.local()
        self.state = _State()
        self._ready_cond = threading.Condition()

    # ---------------------------------------------------------------- what the loop sets

    @property
    def errors(self) -> list[str] | None:
        return self.state.errors

    @errors.setter
    def errors(self, lines: list[str] | None) -> None:
        self.state.errors = lines

    @property
    def error_heading(self) -> str:
        return self.state.error_heading

    @error_heading.setter
    def error_heading(self, heading: str) -> None:
        self.state.error_heading = heading

    def add_action(self, path: str, handler: Action) -> None:
        """Answer POST requests to ``path`` (e.g. ``/_netlog/done``) with ``handler``.

        The handler runs on a request thread after the access rule let the
        request through twice (before and after its body, at most
        :data:`MAX_BODY` bytes, was read); what it returns is sent as it is. An
        exception in it answers 500.
        """
        self.actions[path] = handler

    def add_page(self, path: str, handler: Action) -> None:
        """Answer GET requests to ``path`` (e.g. ``/_netlog/drafts/``) with ``handler`` (after the
        access rule); such a page is made by the server, never written by a build. A handler
        must not write: GET never writes."""
        self.pages[path] = handler

    def decorate_html(self, page: bytes) -> bytes:
        """A served HTML page as the browser gets it: ``decorate`` (when set) applied, for the
        URL path and query being answered on this thread."""
        if self.decorate is None:
            return page
        path, query = getattr(self._request_path, "value", ("/", ""))
        return self.decorate(page, path, query)

    # ---------------------------------------------------------------- watching

    def note_changes(self, paths: list[str]) -> None:
        self.state.changes.update(paths)

    def take_changes(self) -> set[str]:
        with self.change_lock:
            changes, self.state.changes = self.state.changes, set()
        return changes

    # ---------------------------------------------------------------- first build

    def mark_ready(self, path: str) -> None:
        with self._ready_cond:
            self.state.ready.add(os.path.normpath(path))
            self._ready_cond.notify_all()

    def first_build_done(self) -> None:
        """The full build is over: every file is answered as it is."""
        with self._ready_cond:
            self.state.building = False
            self.state.ready.clear()
            self.state.wanted.clear()
            self._ready_cond.notify_all()

    def full_build_starts(self) -> None:
        """A full build empties the site folder: pages are answered as they are written again."""
        with self._ready_cond:
            self.state.building = True
            self.state.ready.clear()

    def take_wanted(self) -> list[str]:
        """The files (absolute paths) requests are waiting for, each once: the builder renders
        them next. Called on the builder's thread, between pages."""
        if not self.state.wanted:  # read without the lock: the builder asks again after the next page
            return []
        with self._ready_cond:
            wanted, self.state.wanted = self.state.wanted, []
        return wanted

    # ---------------------------------------------------------------- the search index after an update

    def hold_search(self) -> None:
        """Requests for the search index (``search/``) wait until :meth:`release_search`: an
        update answered its pages before the index was made again."""
        with self._ready_cond:
            self.state.search_held = True

    def release_search(self) -> None:
        with self._ready_cond:
            self.state.search_held = False
            self._ready_cond.notify_all()

    def _wait_for_search(self, path: str) -> None:
        if not self.state.search_held:
            return
        rel = path[len(self.mount_path):] if path.startswith(self.mount_path) else path.lstrip("/")
        if posixpath.normpath("/" + rel).startswith("/search/"):
            with self._ready_cond:
                self._ready_cond.wait_for(lambda: not self.state.search_held)

    def _wait_until_ready(self, path: str) -> None:
        """During the first build: until the file is written, or the build is over (files
        it writes last, like the search index, and files that do not exist). What it
        answers is final, so the first build's end does not reload the browser."""
        if not self.state.building:
            return
        rel = path[len(self.mount_path):] if path.startswith(self.mount_path) else path.lstrip("/")
        if not rel or rel.endswith("/"):
            rel += "index.html"
        target = os.path.normpath(os.path.join(self.root, posixpath.normpath("/" + rel).lstrip("/")))
        with self._ready_cond:
            if self.state.building and target not in self.state.ready:
                self.state.wanted.append(target)  # built next (SiteBuilder's ``wanted``)
            self._ready_cond.wait_for(lambda: not self.state.building or target in self.state.ready)

    # ---------------------------------------------------------------- requests

    def serve_request(self, environ, start_response):
        def with_policy(status, headers, *rest):
            # served pages send only their own address as the referrer (docs/commands.md)
            return start_response(status, [*headers, ("Referrer-Policy", "same-origin")], *rest)

        return self._answer(environ, with_policy)

    def _answer(self, environ, start_response):
        request = Request.from_environ(environ)
        refusal = self.access.check(request)
        if refusal is not None:
            return _refuse(start_response, refusal)
        if request.method == "POST":
            return self._post(environ, request, start_response)
        if request.method not in ("GET", "HEAD"):
            return _plain(start_response, 405, f"netlog serve does not answer {request.method[:20]}",
                          (("Allow", "GET, HEAD, POST"),))
        path = request.path
        self._request_path.value = (path, request.query)
        page = self.pages.get(path)
        if page is not None:
            return self._respond(start_response, page(request))
        if "/." in path:  # the folder's owner mark (.netlog-owner); the site has no dot files
            return _plain(start_response, 404, "not found")
        if path.startswith("/livereload/"):
            return super().serve_request(environ, start_response)
        self._wait_until_ready(path)
        self._wait_for_search(path)
        errors = self.state.errors
        if errors is not None and (path.endswith("/") or path.endswith(".html")):
            body = self.with_live_reload(error_page(errors, self.state.error_heading))
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                      ("Content-Length", str(len(body)))])
            return [body]
        return self.serve_file(environ, start_response)

    def _post(self, environ, request: Request, start_response):
        handler = self.actions.get(request.path)
        if handler is None:
            return _plain(start_response, 404, f"no action at {request.path[:200]}")
        refusal = _body_refusal(environ)
        if refusal is not None:
            return _refuse(start_response, refusal)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        request = Request.from_environ(environ, environ["wsgi.input"].read(length) if length else b"")
        refusal = self.access.check(request)  # again, with the body: a form field such as the secret
        if refusal is not None:
            return _refuse(start_response, refusal)
        try:
            response = handler(request)
        except Exception:  # noqa: BLE001 - one action failing must not stop the server
            return _plain(start_response, 500, "the action failed; see the terminal")
        return self._respond(start_response, response)

    @staticmethod
    def _respond(start_response, response: Response) -> list[bytes]:
        start_response(_status(response.status), [*response.headers,
                                                  ("Content-Length", str(len(response.body)))])
        return [response.body]


def _body_refusal(environ) -> Refusal | None:
    """413 for a body over MAX_BODY (by its Content-Length; a chunked body is refused with 411)."""
    if environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
        return Refusal(411, "send the form with a Content-Length")
    text = environ.get("CONTENT_LENGTH") or "0"
    if not text.isdigit():
        return Refusal(400, "a malformed Content-Length")
    if int(text) > MAX_BODY:
        return Refusal(413, f"the request is over {MAX_BODY // 1024} KiB")
    return None


def bind(host: str, port: int, *, access: AccessRule | None = None):
    """(server, site folder): a PreviewServer bound to (host, port) and listening, with a new
    temporary site folder; OSError when the address is taken or not ours. Nothing is built.

    ``access`` defaults to ``LoopbackRule`` for the address the socket is bound to (so
    ``127.1`` or ``::ffff:127.0.0.1`` keep the Host check). The engine's private names are
    checked first (``adapter.check``: EngineError naming the missing one). Site folders of
    earlier servers that were killed are removed.
    """
    adapter.check()
    tmp = tempfile.gettempdir()
    safeio.clean_stale(tmp, SITE_FOLDER)
    site_dir = tempfile.mkdtemp(prefix=f".{SITE_FOLDER}.building-", dir=tmp)
    try:
        safeio.claim(site_dir)
        server = PreviewServer(builder=lambda: None, host=host, port=port, root=site_dir,
                                 access=access or LoopbackRule(None))

        def error_page_of_site(code: int) -> bytes | None:
            page = os.path.join(site_dir, f"{code}.html")
            if code == 404 and os.path.isfile(page):
                with open(page, "rb") as fh:
                    return fh.read()
            return None

        server.error_handler = error_page_of_site
        try:
            server.server_bind()
            server.server_activate()
        except BaseException:
            server.server_close()
            raise
        if access is None:
            bound_host, bound_port = server.socket.getsockname()[:2]  # port 0: the one the system chose
            server.access = LoopbackRule.bound_to(host, bound_port, bound_host)
    except BaseException:
        shutil.rmtree(site_dir, ignore_errors=True)
        raise
    return server, site_dir


def bound_loopback(server) -> bool:
    """True when ``server`` listens on this machine only (by the address its socket is bound to)."""
    from .access import is_loopback

    return is_loopback(server.socket.getsockname()[0])
