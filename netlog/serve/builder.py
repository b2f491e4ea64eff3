"""``netlog serve``: an incremental live preview on MkDocs' own machinery (docs/commands.md).

Three parts, each reusing MkDocs 1.6 rather than replacing it:

- :class:`LogCache` re-reads only the log files a change touched
  (``load.read_files`` per file, then ``load.build_log`` over the cached
  parsed files) and gives the same ``(log, problems)`` as ``load_log``.
- :class:`SiteBuilder` runs MkDocs' page pipeline (``get_files``,
  ``on_files``, ``get_navigation``, ``_populate_page``, ``on_env``,
  ``_build_page``, ``on_post_build``) once in full, keeps the
  ``Files``/``Page`` objects, the theme environment and the navigation, and
  on a change regenerates every page's Markdown with ``pages.build_pages``,
  compares it (with the page meta) to what was rendered, and runs the
  pipeline again only for pages that differ, added and removed pages, the
  Material tags listing and export (tags.json) when tags or tagged titles
  changed, the sitemap when the set of pages changed, and the search index (kept per page, written in
  the order a full build writes it). A change of ``mkdocs.yml``, of the
  theme's ``custom_dir``, a plugin netlog does not know, or a failed update
  means a full build. The pages written equal a fresh ``netlog build`` of the
  same log and date.
- :class:`PreviewServer` is MkDocs' ``LiveReloadServer`` (its live-reload
  script and long-poll) with an inotify watcher from watchdog instead of
  MkDocs' polling one (near-zero idle cost), a ``Host`` check against DNS
  rebinding, pages served as soon as they are written during the first
  build, and, while the log has errors, an error page with the same
  ``path:line: error: message`` lines as ``netlog check`` on every page.

The site lives in a temporary folder removed when the server stops.
"""

from __future__ import annotations

import contextlib
import html
import ipaddress
import os
import posixpath
import shutil
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from ..model import ERROR, WARNING, Problem


#: plugins whose per-page state the incremental update knows how to keep right
KNOWN_PLUGINS = frozenset({"search", "material/search", "tags", "material/tags", "netlog"})
LOOPBACK_NAMES = ("localhost",)


# --------------------------------------------------------------------------- addresses


class AddressError(ValueError):
    """A ``--dev-addr`` that is not ``HOST:PORT`` with a port from 1 to 65535."""


def parse_dev_addr(value: str) -> tuple[str, int]:
    """``"HOST:PORT"`` (``"[::1]:8000"`` for IPv6) -> (host, port); AddressError when malformed."""
    host, sep, port_text = value.rpartition(":")
    if not sep or not host or not port_text.isdigit():
        raise AddressError(f"{value!r} is not HOST:PORT, e.g. 127.0.0.1:8000")
    port = int(port_text)
    if not 1 <= port <= 65535:
        raise AddressError(f"port {port} is out of range (1 to 65535)")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host, port


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The ``Host`` header values a preview bound to (host, port) answers; None: any.

    A loopback address answers only its own address and ``localhost`` (a web
    page elsewhere cannot reach it through DNS rebinding); an address the user
    chose to share on answers any name.
    """
    if not is_loopback(host):
        return None
    names = {host, "localhost", "127.0.0.1", "[::1]"}
    if ":" in host:
        names.add(f"[{host}]")
    return frozenset({n.lower() for n in names} | {f"{n}:{port}".lower() for n in names})


# --------------------------------------------------------------------------- the log, incrementally


class LogCache:
    """The log's parsed files, kept between changes; only changed files are read again.

    :meth:`load` returns what ``load.load_log`` returns for the folder as it is
    now (same log, same problems in the same order), given the set of paths
    (relative to the log, ``/``-separated) that changed since the last call,
    or None to read every file.
    """

    def __init__(self, docs_dir: str, options) -> None:
        self.docs_dir = docs_dir
        self.options = options
        self._files: dict[str, tuple[object | None, list[Problem]]] = {}
        self.read_count = 0  # files read by the last load

    def load(self, changed: set[str] | None = None):
        from ..load import load_log, read_files

        def read(docs_dir: str, paths: list[str]):
            fresh: dict[str, tuple[object | None, list[Problem]]] = {}
            self.read_count = 0
            for path in paths:
                cached = self._files.get(path)
                if cached is None or changed is None or path in changed:
                    files, read_problems = read_files(docs_dir, [path])
                    cached = (files[0] if files else None, read_problems)
                    self.read_count += 1
                fresh[path] = cached
            self._files = fresh
            sources, problems = [], []
            for src, read_problems in fresh.values():
                problems.extend(read_problems)
                if src is not None:
                    sources.append(src)
            return sources, problems

        return load_log(self.docs_dir, self.options, read=read)


# --------------------------------------------------------------------------- the site, incrementally


class UpdateFailed(Exception):
    """The site could not be (re)built; the message holds the lines to show."""


class NeedsFullBuild(Exception):
    """A change that the page-by-page update does not cover (the caller builds in full)."""


@dataclass(slots=True)
class Update:
    """What one (re)build did: pages rendered of all pages, full or not, seconds."""

    rendered: int
    pages: int
    full: bool
    seconds: float
    steps: dict[str, float] = field(default_factory=dict)  # seconds per step of an update

    def describe(self) -> str:
        """``Updated 3 of 1220 pages in 0.42s (log 0.05, pages 0.20, ...)``."""
        what = "Built" if self.full else "Updated"
        steps = ", ".join(f"{k} {v:.2f}" for k, v in self.steps.items())
        return f"{what} {self.rendered} of {self.pages} pages in {self.seconds:.2f}s" + (f" ({steps})" if steps else "")


def _meta_key(meta: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in meta.items()))


class SiteBuilder:
    """One MkDocs build kept alive and updated page by page (see the module docstring).

    ``on_ready(abs_path)`` is called for every page and static file as soon as
    it is in the site folder during a full build (the server answers it from
    then on; what a build writes last, such as the search index and the
    sitemap, waits for the build's end).
    Raises UpdateFailed with the message to show when a build fails.
    """

    def __init__(self, config_file: str, site_dir: str, today, *,
                 on_ready: Callable[[str], None] = lambda path: None,
                 progress: Callable[[str, int, int], None] = lambda phase, done, total: None) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.today = today
        self.on_ready = on_ready
        self.progress = progress
        self.config = None
        self.cache: LogCache | None = None
        self.custom_dir: str | None = None
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.steps: dict[str, float] = {}
        self._reset()

    def _reset(self) -> None:
        self.files = None
        self.env = None
        self.nav = None
        self.fingerprints: dict[str, tuple] = {}  # src_uri -> (markdown, blocks, meta)
        self.search_entries: dict[str, list] = {}  # src_uri -> its search index entries
        self.static_uris: set[str] = set()
        self.docs: list = []  # the documentation pages' Files, in build order
        self.memo: dict = {}  # build_pages' reusable pages

    # ------------------------------------------------------------------ plugins

    @property
    def plugin(self):
        return self.config.plugins["netlog"]

    def _plugin(self, *names):
        for name in names:
            if name in self.config.plugins:
                return self.config.plugins[name]
        return None

    # ------------------------------------------------------------------ loading

    def load_config(self) -> None:
        """Read mkdocs.yml afresh; UpdateFailed with its problems when it is broken."""
        from ..config import load_project

        self.config = None
        self._reset()
        project, problems = load_project(self.config_file, site_dir=self.site_dir)
        errors = [p for p in problems if p.severity == ERROR]
        if project is None or errors:
            self.problems = errors or problems
            raise UpdateFailed("the config has errors")
        cfg = project.mkdocs_config
        if cfg.plugins.get("netlog") is None:
            self.problems = [Problem(self.config_file, 1, ERROR, "the netlog plugin is not enabled in the config: "
                                                                 "add `- netlog` under `plugins:`", "plugin-not-enabled")]
            raise UpdateFailed("the netlog plugin is not enabled")
        cfg.plugins.on_startup(command="build", dirty=False)  # exactly what `netlog build` renders
        self.config = cfg
        self.custom_dir = project.custom_dir
        self.cache = LogCache(cfg.docs_dir, project.options)
        self.incremental_ok = set(cfg.plugins) <= KNOWN_PLUGINS
        self.docs_dir = cfg.docs_dir

    def load_log(self, changed: set[str] | None):
        book, problems = self.cache.load(changed)
        self.problems = [p for p in problems if p.severity == ERROR]
        self.warnings = [p for p in problems if p.severity == WARNING]
        return book

    # ------------------------------------------------------------------ full build

    def full_build(self) -> Update:
        """MkDocs' ``build()``, step by step, keeping its state; pages are written
        dashboard and top-level pages first, then the rest. The config is read afresh."""
        from mkdocs import utils
        from mkdocs.commands.build import _build_extra_template, _build_theme_template, _populate_page
        from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page

        started = time.perf_counter()
        self.load_config()
        book = self.load_log(None)
        if self.problems:
            raise UpdateFailed("the log has errors")
        config = self.config
        plugin = self.plugin
        plugin.today = self.today
        try:
            config = config.plugins.on_config(config)
            self.config = config
            config.plugins.on_pre_build(config=config)
            utils.clean_directory(config.site_dir)
            files = get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            plugin.preloaded = (config.docs_dir, book)
            plugin.memo = self.memo
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            docs = files.documentation_pages(inclusion=InclusionLevel.is_included)
            total = len(docs)
            self.files, self.env, self.nav, self.docs = files, env, nav, docs
            search = self._search()
            if search is not None:
                search.entries = []
            populated: set[str] = set()
            rendered: set[str] = set()

            def populate(file) -> None:
                if file.page is None and file.inclusion.is_not_in_nav():
                    Page(None, file, config)
                _populate_page(file.page, config, files)
                populated.add(file.src_uri)

            def copy_static() -> None:
                files.copy_static_files(inclusion=InclusionLevel.is_included)
                self.static_uris = {f.src_uri for f in files if not f.is_documentation_page()}
                for f in files:
                    if f.src_uri in self.static_uris and f.inclusion.is_included():
                        self.on_ready(f.abs_dest_path)

            def render(file) -> None:
                self._render(file)
                rendered.add(file.src_uri)
                self.on_ready(file.abs_dest_path)
                if len(rendered) % 200 == 0:
                    self.progress("writing pages", len(rendered), total)

            if self.incremental_ok:
                # the top-level pages first, so the dashboard answers long before a big log is
                # built: with the plugins netlog knows, a page's HTML needs only its own content
                # and the navigation (the tags listing waits for every page, below)
                for page in nav.pages:
                    populate(page.file)
                copy_static()
                for page in nav.pages:
                    if page.file.src_uri not in self._listing_uris():
                        render(page.file)
            for n, file in enumerate(docs, 1):
                if file.src_uri not in populated:
                    populate(file)
                if n % 200 == 0:
                    self.progress("reading pages", n, total)
            env = config.plugins.on_env(env, config=config, files=files) or env
            self.env = env
            if not self.incremental_ok:
                copy_static()
            first = [p.file for p in nav.pages]
            for file in first + docs:
                if file.src_uri not in rendered:
                    render(file)
            for template in config.theme.static_templates:
                _build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                _build_extra_template(template, files, config, nav)
            self._post_build()
        except UpdateFailed:
            raise
        except Exception as e:  # noqa: BLE001 - a theme template or plugin failing
            with contextlib.suppress(Exception):
                config.plugins.on_build_error(error=e)
            self._reset()
            raise UpdateFailed(_describe(e)) from None
        self._remember(plugin.site)
        return Update(total, total, True, time.perf_counter() - started)

    def _listing_uris(self) -> set[str]:
        """The pages that hold a Material tags listing (they list every tagged page)."""
        tags = self._plugin("tags", "material/tags")
        if tags is None or tags.listings is None:
            return set()
        return {listing.page.file.src_uri for listing in tags.listings}

    def _search(self):
        plugin = self._plugin("search", "material/search")
        return getattr(plugin, "search_index", None)

    def _render(self, file) -> None:
        """Template the (populated) page and write it; keep its search entries."""
        from mkdocs.commands.build import _build_page

        search = self._search()
        before = len(search.entries) if search is not None else 0
        _build_page(file.page, self.config, self.docs, self.nav, self.env)
        if search is not None:
            self.search_entries[file.src_uri] = search.entries[before:]
            del search.entries[before:]

    def _post_build(self) -> None:
        """Search entries in page order (as a full build appends them), then the plugins' post_build."""
        search = self._search()
        if search is not None:
            entries = []
            for f in self.docs:
                entries.extend(self.search_entries.get(f.src_uri, ()))
            search.entries = entries
        self.config.plugins.on_post_build(config=self.config)

    def _remember(self, site) -> None:
        self.fingerprints = {uri: self._fingerprint(site, uri) for uri in site.pages}
        self.open_items = site.open_items
        self.tag_key = self._tag_key(site)

    @staticmethod
    def _fingerprint(site, uri: str) -> tuple:
        """What a page's output follows from: its Markdown (HTML blocks inline) and its meta."""
        return site.pages[uri], _meta_key(site.meta(uri))

    @staticmethod
    def _tag_key(site) -> tuple:
        """What Material's tags listing shows: each tagged page with its title and tags."""
        return tuple((uri, site.titles.get(uri), tuple(tags)) for uri, tags in site.tags.items() if tags)

    # ------------------------------------------------------------------ updates

    def update(self, changed: set[str] | None) -> Update:
        """Bring the site up to date after ``changed`` log paths changed (None: everything).

        UpdateFailed when the log has errors (``self.problems``) or a page fails.
        """
        if self.files is None or not self.incremental_ok or changed is None:
            return self.full_build()
        started = time.perf_counter()
        book = self.load_log(changed)
        self.steps = {"log": time.perf_counter() - started}
        if self.problems:
            raise UpdateFailed("the log has errors")
        try:
            rendered = self._update_pages(book)
        except NeedsFullBuild:
            return self.full_build()
        except Exception as e:  # noqa: BLE001
            self._reset()  # the next change builds in full
            raise UpdateFailed(_describe(e)) from None
        return Update(rendered, len(self.fingerprints), False, time.perf_counter() - started, self.steps)

    def update_static(self, rel: str) -> None:
        """A file of the log that is not Markdown was added, changed or removed: copy or delete it."""
        from mkdocs.structure.files import File, Files, set_exclusions

        config = self.config
        path = os.path.join(config.docs_dir, *rel.split("/"))
        f = File(rel, config.docs_dir, config.site_dir, config.use_directory_urls)
        known = self.files.get_file_from_path(rel)
        if known is not None and known.src_uri not in self.static_uris:
            raise NeedsFullBuild(rel)  # a static file where a page was
        if os.path.isfile(path):
            set_exclusions(Files([f]), config)
            if f.inclusion.is_excluded():
                return
            if known is None:
                self.files.append(f)
                self.static_uris.add(rel)
            f.copy_file()
        elif known is not None:
            self.files.remove(known)
            self.static_uris.discard(rel)
            with contextlib.suppress(FileNotFoundError):
                os.remove(known.abs_dest_path)

    def _update_pages(self, book) -> int:
        from mkdocs.commands.build import _build_theme_template, _populate_page
        from mkdocs.structure.files import File, Files, set_exclusions
        from mkdocs.structure.pages import Page

        from ..pages import ICS_URI, build_pages
        from ..plugin import BLOCK_TOKEN

        config, plugin = self.config, self.plugin
        clock = time.perf_counter()

        def step(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            self.steps[name] = now - clock
            clock = now

        site = build_pages(book, self.today, directory_urls=config.use_directory_urls, memo=self.memo)
        for key in [k for k in self.memo if k[1] not in site.pages]:
            del self.memo[key]  # pages that went away
        step("pages")
        plugin.site = site
        plugin.stats = {"pages": len(site.pages), "items": site.open_items}
        fingerprints = {uri: self._fingerprint(site, uri) for uri in site.pages}
        old = self.fingerprints
        changed = [uri for uri, fp in fingerprints.items() if old.get(uri) != fp]
        # what the plugin's on_files would hand MkDocs: Markdown with placeholders, and the blocks
        markdown: dict[str, str] = {}
        blocks = plugin.blocks
        for uri in list(blocks):
            if uri not in fingerprints:
                del blocks[uri]
        for uri in changed:
            markdown[uri], page_blocks = site.for_mkdocs(uri, BLOCK_TOKEN)
            if page_blocks:
                blocks[uri] = page_blocks
            else:
                blocks.pop(uri, None)
        removed = [uri for uri in old if uri not in fingerprints]
        nav_uris = {p.file.src_uri for p in self.nav.pages}
        if nav_uris & set(removed):
            raise NeedsFullBuild("a top-level page went away")

        by_uri = self.files.src_uris
        # the files in the order a fresh build has them: static files, pages, netlog's own files
        ordered = [f for f in self.files if f.src_uri in self.static_uris and f.src_uri not in
                   (ICS_URI, "assets/netlog/netlog.css", "assets/netlog/iframe-worker.js")]
        added = []
        for uri in site.pages:
            file = by_uri.get(uri)
            if file is None:
                file = File.generated(config, uri, content=markdown[uri])
                added.append(file)
            elif uri in markdown:
                file.content_string = markdown[uri]
            ordered.append(file)
        ordered += [by_uri[u] for u in (ICS_URI, "assets/netlog/netlog.css", "assets/netlog/iframe-worker.js")]
        files = Files(ordered)
        if added:
            set_exclusions(Files(added), config)
            for file in added:
                Page(None, file, config)
        for uri in removed:
            gone = by_uri[uri]
            with contextlib.suppress(FileNotFoundError):
                os.remove(gone.abs_dest_path)
            self.search_entries.pop(uri, None)
        self.files = files

        open_items = site.open_items
        if open_items != self.open_items:  # the calendar is a function of the open items (and today)
            ics_file = by_uri[ICS_URI]
            ics_file.content_bytes = site.ics()
            ics_file.copy_file()
            self.open_items = open_items

        step("compare")
        tags = self._plugin("tags", "material/tags")
        listing_uris = self._listing_uris()
        tag_key = self._tag_key(site)
        redo = set(changed)
        if added or removed:
            # MkDocs turns a Markdown link to a page into its URL only while that page exists:
            # pages that may link to one (an entry's notes can) are rendered again
            redo |= {uri for uri, fp in fingerprints.items() if ".md" in fp[0]}
        if tag_key != self.tag_key or redo & listing_uris:
            redo |= listing_uris
        titles = [p.title for p in self.nav.pages]
        self.docs = files.documentation_pages()
        pages = [f for f in self.docs if f.src_uri in redo]
        urls = {f.page.url for f in pages} | {by_uri[u].page.url for u in removed if by_uri[u].page}
        if tags is not None and tags.mappings is not None:
            for url in urls:
                tags.mappings.data.pop(url, None)
            tags.listings.data = {x for x in tags.listings.data if x.page.file.src_uri not in redo}
        for file in pages:
            _populate_page(file.page, config, files)
        if titles != [p.title for p in self.nav.pages]:
            raise NeedsFullBuild("a top-level page's title changed")  # every page's navigation differs
        if tags is not None and tags.mappings is not None:
            order = [f.page.url for f in self.docs]
            data = tags.mappings.data
            tags.mappings.data = {url: data[url] for url in order if url in data}
        if tag_key != self.tag_key or redo & listing_uris:
            # Material's tags plugin fills its listings and exports its mappings (tags.json) here
            self.env = config.plugins.on_env(self.env, config=config, files=files) or self.env
        for file in pages:
            self._render(file)
        step("render")
        if added or removed:
            for template in ("sitemap.xml",):
                if template in config.theme.static_templates:
                    _build_theme_template(template, self.env, files, config, self.nav)
        self._post_build()
        step("search index")
        self.fingerprints = fingerprints
        self.tag_key = tag_key
        return len(pages)


def _describe(e: Exception) -> str:
    from mkdocs.exceptions import MkDocsException

    if isinstance(e, MkDocsException):
        return str(e)
    where = getattr(e, "filename", None)
    line = getattr(e, "lineno", None)
    at = f" ({where}:{line})" if where and line else ""
    return f"{type(e).__name__}: {e}{at}"


# --------------------------------------------------------------------------- the error page


def error_page(lines: list[str], heading: str) -> bytes:
    """A self-contained HTML page listing ``lines`` (loads nothing; the server adds live reload)."""
    from ..plugin import ROBOTS

    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
{ROBOTS}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>netlog: {html.escape(heading)}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
       color: #1a1a1a; background: #fff; }}
h1 {{ font-size: 1.4rem; color: #b00020; }}
ul {{ padding-left: 1.2rem; }} li {{ margin: .4rem 0; }}
code {{ white-space: pre-wrap; word-break: break-word; font-size: .95rem; }}
@media (prefers-color-scheme: dark) {{ body {{ color: #e6e6e6; background: #1e1f24; }} h1 {{ color: #ff6b81; }} }}
</style></head>
<body class="netlog-errors">
<h1>{html.escape(heading)}</h1>
<ul class="netlog-problems">
{items}
</ul>
<p>Fix the files and save: this page reloads by itself.</p>
</body></html>
""".encode("utf-8")


# --------------------------------------------------------------------------- the server


def _server_class():
    """MkDocs' LiveReloadServer with netlog's watcher, Host check, error page and ready pages."""
    import watchdog.events
    import watchdog.observers
    from mkdocs.livereload import LiveReloadServer

    class PreviewServer(LiveReloadServer):
        def __init__(self, *args, hosts: frozenset[str] | None, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            # inotify (or the platform's native API) instead of MkDocs' PollingObserver, which
            # stats every file twice a second
            self.observer = watchdog.observers.Observer()
            self.hosts = hosts
            self.changes: set[str] = set()
            self.errors: list[str] | None = None  # lines to show on every page
            self.error_heading = ""
            self._ready: set[str] = set()
            self._building = True
            self._ready_cond = threading.Condition()

        # ---------------------------------------------------------------- watching

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
                    paths = [event.src_path, getattr(event, "dest_path", "") or ""]
                    with server._rebuild_cond:
                        for p in paths:
                            if p:
                                server.changes.add(os.fsdecode(p))
                        server._want_rebuild = True
                        server._rebuild_cond.notify_all()

            self._watch_refs[path] = self.observer.schedule(Handler(), path, recursive=recursive)

        def take_changes(self) -> set[str]:
            with self._rebuild_cond:
                changes, self.changes = self.changes, set()
            return changes

        # ---------------------------------------------------------------- first build

        def mark_ready(self, path: str) -> None:
            with self._ready_cond:
                self._ready.add(os.path.normpath(path))
                self._ready_cond.notify_all()

        def first_build_done(self) -> None:
            with self._ready_cond:
                self._building = False
                self._ready.clear()
                self._ready_cond.notify_all()

        def _wait_until_ready(self, path: str) -> None:
            """During the first build: until the file is written, or the build is over (files
            it writes last, like the search index, and files that do not exist). What it
            answers is final, so the first build's end does not reload the browser."""
            if not self._building:
                return
            rel = path[len(self.mount_path):] if path.startswith(self.mount_path) else path.lstrip("/")
            if not rel or rel.endswith("/"):
                rel += "index.html"
            target = os.path.normpath(os.path.join(self.root, posixpath.normpath("/" + rel).lstrip("/")))
            with self._ready_cond:
                self._ready_cond.wait_for(lambda: not self._building or target in self._ready)

        # ---------------------------------------------------------------- requests

        def serve_request(self, environ, start_response):
            host = (environ.get("HTTP_HOST") or "").lower()
            if self.hosts is not None and host not in self.hosts:
                start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])
                return [b"netlog serve answers only this machine (Host must be localhost or the bound address)\n"]
            path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
            if path.startswith("/livereload/"):
                return super().serve_request(environ, start_response)
            self._wait_until_ready(path)
            errors = self.errors
            if errors is not None and (path.endswith("/") or path.endswith(".html")):
                with self._epoch_cond:
                    epoch = self._visible_epoch
                body = self._inject_js_into_html(error_page(errors, self.error_heading), epoch)
                start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                          ("Content-Length", str(len(body)))])
                return [body]
            return super().serve_request(environ, start_response)

        def begin_update(self) -> None:
            """Requests for pages wait until the update ends (no half-updated site)."""
            from mkdocs.livereload import _timestamp

            with self._epoch_cond:
                self._wanted_epoch = max(_timestamp(), self._visible_epoch + 1)

        def reload_browsers(self) -> None:
            """Tell open pages to reload (also when the site did not change but the errors did)."""
            from mkdocs.livereload import _timestamp

            with self._epoch_cond:
                self._visible_epoch = self._wanted_epoch = max(_timestamp(), self._wanted_epoch,
                                                               self._visible_epoch + 1)
                self._epoch_cond.notify_all()

    return PreviewServer


# --------------------------------------------------------------------------- serve


@dataclass(slots=True)
class Terminal:
    """Where ``serve`` reports: ``say`` for news, ``problem`` for problem lines (stderr)."""

    say: Callable[[str], None]
    problem: Callable[[str], None]


def bind(host: str, port: int):
    """(server, site folder): a PreviewServer bound to (host, port) and listening, with a new
    temporary site folder; OSError when the address is taken or not ours. Nothing is built."""
    site_dir = tempfile.mkdtemp(prefix="netlog-serve-")
    try:
        server = _server_class()(builder=lambda: None, host=host, port=port, root=site_dir,
                                 hosts=allowed_hosts(host, port))
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
    except BaseException:
        shutil.rmtree(site_dir, ignore_errors=True)
        raise
    return server, site_dir


def serve(server, site_dir: str, project, today, terminal: Terminal, *, url: str,
          open_browser: bool = False) -> None:
    """Build the site of ``project`` (a config.Project) into ``site_dir``, serve it on
    ``server`` and keep it up to date until Ctrl+C (or the server is shut down).

    ``today`` is the date the pages are computed against. The URL is announced
    once the dashboard is written; other pages are answered as they are written.
    """
    config_file = project.config_file
    config_dir = os.path.dirname(os.path.abspath(config_file))
    announced = threading.Event()
    root_index = os.path.join(os.path.normpath(site_dir), "index.html")

    def announce() -> None:
        if not announced.is_set():
            announced.set()
            terminal.say(f"Serving on {url} (Ctrl+C stops)")
            if open_browser:
                import webbrowser

                webbrowser.open(url)

    def on_ready(path: str) -> None:
        server.mark_ready(path)
        if os.path.normpath(path) == root_index:
            announce()

    builder = SiteBuilder(config_file, site_dir, today, on_ready=on_ready)
    watched: dict[str, str] = {}

    def rewatch(docs_dir: str | None, custom_dir: str | None) -> None:
        want = {"config": config_dir}
        if docs_dir and os.path.isdir(docs_dir):
            want["docs"] = os.path.realpath(docs_dir)
        if custom_dir and os.path.isdir(custom_dir):
            want["custom"] = os.path.realpath(custom_dir)
        for key, path in list(watched.items()):
            if want.get(key) != path:
                server.unwatch(path)
                del watched[key]
        for key, path in want.items():
            if key not in watched:
                server.watch(path, recursive=key != "config")
                watched[key] = path

    def show(failure: UpdateFailed | None) -> None:
        if failure is None:
            if server.errors is not None:
                terminal.say("The log is fine again.")
            server.errors = None
            return
        docs_dir = builder.docs_dir if builder.config else project.docs_dir
        if builder.problems:
            lines = [problem_line(p, docs_dir, config_dir) for p in builder.problems]
            for p in builder.problems:
                from ..report import format_problem

                terminal.problem(format_problem(p, docs_dir))
            n = len(builder.problems)
            server.error_heading = f"The log has {n} error{'' if n == 1 else 's'}; the preview shows the site again once they are fixed"
        else:
            lines = str(failure).splitlines() or ["the build failed"]
            for line in lines:
                terminal.problem(f"netlog: build failed: {line}")
            server.error_heading = "The site could not be built; the preview shows it again once it builds"
        server.errors = lines

    def run(changes: set[str] | None) -> None:
        if changes is not None:
            server.begin_update()  # the first build answers pages as they are written instead
        failed = False
        try:
            result = _apply(builder, changes, config_file)
        except UpdateFailed as e:
            failed = True
            show(e)
        else:
            show(None)
            if result.full:
                from ..report import format_problem

                for p in builder.warnings:
                    terminal.problem(format_problem(p, builder.docs_dir))
            if result.rendered or result.full:
                terminal.say(result.describe())
        finally:
            server.first_build_done()
            if changes is not None or failed:  # pages the first build answered are final
                server.reload_browsers()
            announce()
        if builder.config is not None:
            rewatch(builder.docs_dir, builder.custom_dir)

    try:
        rewatch(project.docs_dir, project.custom_dir)
        server.observer.start()
        server.serve_thread.start()
        run(None)
        while True:
            with server._rebuild_cond:
                server._rebuild_cond.wait_for(lambda: server._want_rebuild or server._shutdown, timeout=1.0)
                if server._shutdown:
                    break
                if not server._want_rebuild:
                    continue
                # let a burst of events (an editor's save) settle
                while server._rebuild_cond.wait(timeout=0.05):
                    pass
                server._want_rebuild = False
            changes = server.take_changes()
            if changes:
                run(changes)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def problem_line(p: Problem, docs_dir: str | None, project_dir: str) -> str:
    """``path:line: severity: message`` with the path relative to the project folder
    (what ``netlog check`` prints when run there)."""
    from ..report import format_problem

    return format_problem(p, docs_dir, start=project_dir)


def _apply(builder: SiteBuilder, changes: set[str] | None, config_file: str) -> Update:
    """Sort raw event paths into: nothing to do, static files, log pages, or a full build."""
    if changes is None or builder.config is None or builder.files is None:
        return builder.full_build()
    docs = os.path.realpath(builder.docs_dir)
    custom = os.path.realpath(builder.custom_dir) if builder.custom_dir else None
    cfg_real = os.path.realpath(config_file)
    md: set[str] = set()
    static: set[str] = set()
    for raw in changes:
        real = os.path.realpath(raw)
        if real == cfg_real:
            return builder.full_build()
        if custom and (real == custom or real.startswith(custom + os.sep)):
            return builder.full_build()
        if not real.startswith(docs + os.sep):
            continue  # another file beside mkdocs.yml
        rel = os.path.relpath(real, docs).replace(os.sep, "/")
        if any(part.startswith(".") for part in rel.split("/")):
            continue  # hidden files (editors' swap files): neither netlog nor MkDocs reads them
        if os.path.isdir(real):
            md.add(rel)  # a folder moved in: the walk finds its pages; copy its other files
            for folder, dirs, names in os.walk(real):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in names:
                    if not name.startswith(".") and not name.endswith(".md"):
                        static.add(os.path.relpath(os.path.join(folder, name), docs).replace(os.sep, "/"))
        elif rel.endswith(".md"):
            md.add(rel)
        elif os.path.isfile(real) or rel in builder.static_uris:
            static.add(rel)
        elif not os.path.exists(real):
            md.add(rel)  # perhaps a folder moved out: the walk finds what is left
            static.update(u for u in builder.static_uris if u.startswith(rel + "/"))
    if not md and not static:
        return Update(0, len(builder.fingerprints), False, 0.0)
    started = time.perf_counter()
    for rel in sorted(static):
        try:
            builder.update_static(rel)
        except NeedsFullBuild:
            return builder.full_build()
    if md:
        return builder.update(md)
    return Update(len(static), len(builder.fingerprints), False, time.perf_counter() - started)


def address_message(host: str, port: int, e: OSError) -> str:
    """``cannot serve on HOST:PORT: reason`` for an address that cannot be bound."""
    import errno

    shown = f"[{host}]" if ":" in host else host
    if isinstance(e, socket.gaierror):
        reason = "unknown host"
    elif e.errno == errno.EADDRINUSE:
        reason = "address already in use"
    elif e.errno == errno.EADDRNOTAVAIL:
        reason = "address not available on this machine"
    elif e.errno == errno.EACCES:
        reason = "permission denied"
    else:
        reason = (e.strerror or str(e)).lower()
    return f"cannot serve on {shown}:{port}: {reason}"
