"""The one module of netlog that uses the engine's private names and Material's plugin internals.

``netlog serve`` keeps one MkDocs build alive and updates it page by page
(builder.py), on MkDocs' own live-reload server (server.py). Both need parts
of MkDocs 1.6 (and of ProperDocs 1.6, its continuation under another name,
which has the same private names) that are not its public API, and parts of
Material's tags and search plugins. They are named here and nowhere else:

- :data:`MODULE_NAMES`: the build steps of ``mkdocs.commands.build`` (one
  page populated, one page rendered, a theme or extra template) and
  ``mkdocs.livereload._timestamp``;
- :data:`SERVER_NAMES`: the state of ``LiveReloadServer`` (its rebuild and
  epoch conditions, the watched paths, the live-reload script's injection);
- Material's tags plugin (``listings``, ``mappings`` and their ``data``) and
  the search plugin's ``search_index.entries``, read through the functions
  below;
- :data:`WRITERS`: the modules whose ``open`` and ``copy_file`` write the site
  (:func:`atomic_writes` makes each file appear whole, by rename).

:func:`check` verifies that the running engine has every one of them and
raises :class:`~netlog.errors.EngineError` naming the first one missing, so
an engine upgrade that drops or renames one stops ``serve`` with a clear
message instead of breaking it silently. ``serve`` calls it before it binds.

Importing this module activates the engine (``engine.current()``): the
``mkdocs`` names below are then MkDocs' or ProperDocs', as chosen.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import logging
import os
import posixpath
import re
import shutil
import threading
import urllib.parse

from .. import engine
from ..errors import EngineError

engine.current()

import watchdog.events  # noqa: E402 - after the engine is chosen, as MkDocs' own modules
import watchdog.observers  # noqa: E402
from mkdocs import livereload  # noqa: E402
from mkdocs.commands import build as build_module  # noqa: E402

#: (module, name): the engine's private module-level names netlog calls
MODULE_NAMES = (
    ("mkdocs.commands.build", "_populate_page"),
    ("mkdocs.commands.build", "_build_page"),
    ("mkdocs.commands.build", "_build_theme_template"),
    ("mkdocs.commands.build", "_build_extra_template"),
    ("mkdocs.livereload", "_timestamp"),
    ("mkdocs.livereload", "LiveReloadServer._inject_js_into_html"),
    ("mkdocs.livereload", "LiveReloadServer._guess_type"),
)
#: the modules whose ``open(path, "w…")`` writes a file of the site: MkDocs' ``write_file``, a
#: generated File's content, the sitemap's gzip copy, Material's tags export (tags.json)
WRITERS = ("mkdocs.utils", "mkdocs.structure.files", "mkdocs.commands.build",
           "material.plugins.tags.structure.mapping.storage")
#: the private state of a LiveReloadServer (set by its __init__) that netlog reads and sets
SERVER_NAMES = ("_rebuild_cond", "_want_rebuild", "_shutdown", "_watched_paths", "_watch_refs",
                "_epoch_cond", "_visible_epoch", "_wanted_epoch")


def _missing(what: str) -> EngineError:
    return EngineError(f"netlog serve needs {what}, which the installed {engine.current().label} lacks; "
                       f"install the versions netlog supports (docs/toolchain.md)")


def check() -> None:
    """EngineError naming the first private name of :data:`MODULE_NAMES` the engine lacks."""
    for module_name, dotted in MODULE_NAMES:
        holder = importlib.import_module(module_name)
        for part in dotted.split("."):
            if not hasattr(holder, part):
                raise _missing(f"{module_name}.{dotted}")
            holder = getattr(holder, part)


def require(obj: object, names, where: str) -> None:
    """EngineError naming the first of ``names`` that ``obj`` (described by ``where``) lacks."""
    for name in names:
        if not hasattr(obj, name):
            raise _missing(f"{where}.{name}")


# --------------------------------------------------------------------------- build steps


def populate_page(page, config, files) -> None:
    """Read and convert one page's Markdown (MkDocs' ``_populate_page``)."""
    build_module._populate_page(page, config, files)


def build_page(page, config, docs, nav, env) -> None:
    """Template one populated page and write it (MkDocs' ``_build_page``)."""
    build_module._build_page(page, config, docs, nav, env)


def build_theme_template(name: str, env, files, config, nav) -> None:
    """Render one of the theme's static templates (``sitemap.xml``, ``404.html``)."""
    build_module._build_theme_template(name, env, files, config, nav)


def build_extra_template(name: str, files, config, nav) -> None:
    """Render one of the config's ``extra_templates``."""
    build_module._build_extra_template(name, files, config, nav)


# --------------------------------------------------------------------------- whole files only


class _Replacing:
    """A file opened for writing as ``.NAME.netlog-tmp`` beside ``path`` and renamed over ``path``
    when closed without an error (removed otherwise): a reader opens the old file or the new
    one, whole, never one being written."""

    def __init__(self, path, mode: str, *args, **kwargs) -> None:
        path = os.fspath(path)
        folder, name = os.path.split(path)
        self._path, self._tmp = path, os.path.join(folder, f".{name}.netlog-tmp")
        self._file = builtins.open(self._tmp, mode, *args, **kwargs)
        self._done = False

    def __getattr__(self, name):
        return getattr(self._file, name)

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb) -> None:
        if self._done:
            return
        self._done = True
        self._file.close()
        if kind is None:
            os.replace(self._tmp, self._path)
        else:
            with contextlib.suppress(OSError):
                os.remove(self._tmp)

    def close(self) -> None:
        self.__exit__(None, None, None)


def _open_replacing(file, mode: str = "r", *args, **kwargs):
    if isinstance(file, int) or not mode.startswith("w"):
        return builtins.open(file, mode, *args, **kwargs)
    return _Replacing(file, mode, *args, **kwargs)


def _copy_replacing(source_path: str, output_path: str) -> None:
    """MkDocs' ``utils.copy_file`` (folders made, a folder as the target), by rename."""
    os.makedirs(os.path.dirname(output_path), exist_ok=True)
    if os.path.isdir(output_path):
        output_path = os.path.join(output_path, os.path.basename(source_path))
    if os.path.exists(output_path) and os.path.samefile(source_path, output_path):
        raise shutil.SameFileError(f"{source_path!r} and {output_path!r} are the same file")
    with _Replacing(output_path, "wb") as out, builtins.open(source_path, "rb") as src:
        shutil.copyfileobj(src, out._file)


_atomic_lock = threading.Lock()


@contextlib.contextmanager
def atomic_writes():
    """While it is open, every file the engine and Material write into the site (:data:`WRITERS`)
    is written beside its place and renamed over it: a request answered meanwhile reads a whole
    previous or new version, without a lock (issue 27, goal 3). One writer at a time (the
    preview's builder); request threads never write."""
    modules = []
    for name in WRITERS:
        with contextlib.suppress(ImportError):  # Material's tags plugin may be another version
            modules.append(importlib.import_module(name))
    utils = importlib.import_module("mkdocs.utils")
    with _atomic_lock:
        kept_copy = utils.copy_file
        for module in modules:
            module.open = _open_replacing
        utils.copy_file = _copy_replacing
        try:
            yield
        finally:
            utils.copy_file = kept_copy
            for module in modules:
                del module.open  # the built-in again


# --------------------------------------------------------------------------- Material's plugins


def _plugin(config, *names):
    for name in names:
        if name in config.plugins:
            return config.plugins[name]
    return None


def tag_listing_uris(config) -> set[str]:
    """The pages that hold a Material tags listing (they list every tagged page)."""
    tags = _plugin(config, "tags", "material/tags")
    if tags is None or getattr(tags, "listings", None) is None:
        return set()
    return {listing.page.file.src_uri for listing in tags.listings}


def forget_tagged_pages(config, urls: set[str], uris: set[str]) -> None:
    """Drop what the tags plugin collected from the pages at ``urls`` (and the listings on the
    pages ``uris``): they are rendered again and collect it afresh."""
    tags = _plugin(config, "tags", "material/tags")
    if tags is None or getattr(tags, "mappings", None) is None:
        return
    require(tags.mappings, ("data",), "material.plugins.tags MappingManager")
    require(tags.listings, ("data",), "material.plugins.tags ListingManager")
    for url in urls:
        tags.mappings.data.pop(url, None)
    tags.listings.data = {x for x in tags.listings.data if x.page.file.src_uri not in uris}


def order_tagged_pages(config, urls: list[str]) -> None:
    """Put the tags plugin's pages in ``urls`` order (a full build's page order)."""
    tags = _plugin(config, "tags", "material/tags")
    if tags is None or getattr(tags, "mappings", None) is None:
        return
    data = tags.mappings.data
    tags.mappings.data = {url: data[url] for url in urls if url in data}


def search_index(config):
    """The search plugin's index (its ``entries`` list), or None without a search plugin."""
    plugin = _plugin(config, "search", "material/search")
    index = getattr(plugin, "search_index", None)
    if index is not None:
        require(index, ("entries",), "the search plugin's search_index")
    return index


@contextlib.contextmanager
def search_parse_held(config, record):
    """While it is open, the search plugin does not parse the pages rendered: ``record(page,
    html)`` gets each page and the HTML its index would read (Material strips the
    ``data-search-*`` attributes from the page right after); :func:`search_parse` indexes it
    later. Without a search plugin, nothing changes."""
    index = search_index(config)
    if index is None:
        yield
        return
    require(index, ("add_entry_from_context",), "the search plugin's search_index")
    index.add_entry_from_context = lambda page: record(page, page.content)
    try:
        yield
    finally:
        del index.add_entry_from_context  # the class's own method again


def search_parse(config, page, html: str) -> list:
    """The search plugin's entries for ``page`` as rendered with ``html`` (what it would have
    read during the render; see :func:`search_parse_held`), not added to its index."""
    index = search_index(config)
    kept, before = page.content, len(index.entries)
    page.content = html
    try:
        index.add_entry_from_context(page)
        return index.entries[before:]
    finally:
        page.content = kept
        del index.entries[before:]


# --------------------------------------------------------------------------- the server


class _RedirectsAreNotWarnings(logging.Filter):
    """The engine's request log says every answer but 200 as a warning; a redirect (the
    actions' 303 after a POST, a --lan key traded for a cookie) or a 304 is normal: logged
    at debug level instead."""

    _NORMAL = re.compile(r'" code 30[1-8]$')

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and self._NORMAL.search(record.getMessage()):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
        return True


logging.getLogger(livereload.__name__).addFilter(_RedirectsAreNotWarnings())


class EngineServer(livereload.LiveReloadServer):
    """MkDocs' ``LiveReloadServer`` (its live-reload script and long-poll) with an inotify
    watcher from watchdog instead of MkDocs' polling one (near-zero idle cost), and public
    names for the private state the preview works with."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        require(self, SERVER_NAMES, "mkdocs.livereload.LiveReloadServer")
        # inotify (or the platform's native API) instead of MkDocs' PollingObserver, which
        # stats every file twice a second
        self.observer = watchdog.observers.Observer()

    def note_changes(self, paths: list[str]) -> None:
        """Called (on the watcher's thread) with the paths of each file system event."""

    def watch(self, path: str, func=None, *, recursive: bool = True) -> None:
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1
        server = self

        class Handler(watchdog.events.FileSystemEventHandler):
            def on_any_event(self, event):
                if event.event_type in ("opened", "closed", "closed_no_write"):
                    return
                if event.is_directory and event.event_type == "modified":
                    return
                paths = [os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", "") or "") if p]
                with server._rebuild_cond:
                    server.note_changes(paths)
                    server._want_rebuild = True
                    server._rebuild_cond.notify_all()

        self._watch_refs[path] = self.observer.schedule(Handler(), path, recursive=recursive)

    @property
    def change_lock(self) -> threading.Condition:
        """Held while the watcher notes changes (take them under it)."""
        return self._rebuild_cond

    def wait_for_changes(self, *, settle: float = 0.05, timeout: float = 1.0) -> bool | None:
        """Block until files changed and a burst of events (an editor's save) settled: True;
        False after ``timeout`` seconds without a change; None once the server is shut down."""
        with self._rebuild_cond:
            self._rebuild_cond.wait_for(lambda: self._want_rebuild or self._shutdown, timeout=timeout)
            if self._shutdown:
                return None
            if not self._want_rebuild:
                return False
            while self._rebuild_cond.wait(timeout=settle):
                pass
            self._want_rebuild = False
            return True

    def decorate_html(self, page: bytes) -> bytes:
        """What every served HTML page is given before MkDocs' live-reload script (none here)."""
        return page

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        # MkDocs calls this for every HTML file it serves: the one place a served page passes
        return super()._inject_js_into_html(self.decorate_html(content), epoch)

    def with_live_reload(self, page: bytes) -> bytes:
        """``page`` (HTML) with MkDocs' live-reload script for the site as it is now."""
        with self._epoch_cond:
            epoch = self._visible_epoch
        return self._inject_js_into_html(page, epoch)

    def serve_file(self, environ, start_response):
        """A file of the site as it is now, never waiting for an update (MkDocs' own answer
        waits for the whole rebuild): the open file is read whole, so a file renamed over it
        meanwhile (``adapter.atomic_writes``) is answered either old or new, whole, with its own
        length; HTML gets the live-reload script of the version open pages know."""
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if not (path + "/").startswith(self.mount_path):
            if path == "/":
                start_response("302 Found", [("Location", urllib.parse.quote(self.mount_path))])
                return []
            return self._not_found(start_response)
        rel = path[len(self.mount_path):]
        if path.endswith("/"):
            rel += "index.html"
        file_path = os.path.join(self.root, posixpath.normpath("/" + rel).lstrip("/"))
        epoch = self.visible_epoch()  # before reading: a page newer than it reloads once more, never staler
        try:
            with open(file_path, "rb") as fh:
                content = fh.read()
        except OSError:
            if not path.endswith("/") and os.path.isfile(os.path.join(file_path, "index.html")):
                start_response("302 Found", [("Location", urllib.parse.quote(path) + "/")])
                return []
            return self._not_found(start_response)
        if self._watched_paths and file_path.endswith(".html"):
            content = self._inject_js_into_html(content, epoch)
        start_response("200 OK", [("Content-Type", self._guess_type(file_path)),
                                  ("Content-Length", str(len(content)))])
        return [content]

    def _not_found(self, start_response):
        body = None
        try:
            body = self.error_handler(404)
        except Exception:  # noqa: BLE001 - as MkDocs: the plain message instead
            body = None
        body = body or b"404 Not Found"
        start_response("404 Not Found", [("Content-Type", "text/html"), ("Content-Length", str(len(body)))])
        return [body]

    def visible_epoch(self) -> int:
        """The version of the site open pages were last told about (live reload)."""
        with self._epoch_cond:
            return self._visible_epoch

    def end_update(self, *, changed: bool) -> None:
        """An update is over: ``changed`` tells open pages to reload (also when the site did not
        change but the errors shown did). Requests never wait for an update: they are answered
        from the files as they are (each written whole, :func:`atomic_writes`)."""
        with self._epoch_cond:
            if changed:
                self._visible_epoch = self._wanted_epoch = max(livereload._timestamp(), self._wanted_epoch,
                                                               self._visible_epoch + 1)
            else:
                self._wanted_epoch = self._visible_epoch
            self._epoch_cond.notify_all()
