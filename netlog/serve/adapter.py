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
  below.

:func:`check` verifies that the running engine has every one of them and
raises :class:`~netlog.errors.EngineError` naming the first one missing, so
an engine upgrade that drops or renames one stops ``serve`` with a clear
message instead of breaking it silently. ``serve`` calls it before it binds.

Importing this module activates the engine (``engine.current()``): the
``mkdocs`` names below are then MkDocs' or ProperDocs', as chosen.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import re
import threading

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
)
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

    def begin_update(self) -> None:
        """Requests for pages wait until the update ends (no half-updated site)."""
        with self._epoch_cond:
            self._wanted_epoch = max(livereload._timestamp(), self._visible_epoch + 1)

    def end_update(self, *, changed: bool) -> None:
        """The update is over: requests waiting for it go on; ``changed`` tells open pages to
        reload (also when the site did not change but the errors shown did)."""
        with self._epoch_cond:
            if changed:
                self._visible_epoch = self._wanted_epoch = max(livereload._timestamp(), self._wanted_epoch,
                                                               self._visible_epoch + 1)
            else:
                self._wanted_epoch = self._visible_epoch
            self._epoch_cond.notify_all()
