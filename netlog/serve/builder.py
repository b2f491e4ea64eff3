"""The site of ``netlog serve``, kept alive and updated page by page (docs/commands.md).

:class:`SiteBuilder` runs MkDocs' page pipeline (``get_files``, ``on_files``,
``get_navigation``, populate, ``on_env``, render, ``on_post_build``) once in
full, keeps the ``Files``/``Page`` objects, the theme environment and the
navigation, and on a change asks ``pages.build_pages`` for the pages again (with a
memo: only the pages whose inputs changed are made again, and a page equal to the
last update's is the same object), compares each (its Markdown with the page meta)
to what was rendered,
and runs the pipeline again only for pages that differ, added and removed
pages, the Material tags listing and export (tags.json) when tags or tagged
titles changed, the sitemap when the set of pages changed, and the search
index (kept per page, written in the order a full build writes it; with
``defer_search``, as ``netlog serve`` sets it, the search plugin's parse of the
pages rendered and the post-build step wait for :meth:`SiteBuilder.finish_search`,
so the pages can be answered first). A change
of ``mkdocs.yml``, of the theme's ``custom_dir``, a plugin netlog does not
know, or a failed update means a full build. The pages written equal a fresh
``netlog build`` of the same log and date.

:func:`apply_changes` sorts the paths the watcher reports into: nothing to do,
files copied as they are, log pages, or a full build. The engine's private
build steps and Material's plugin state are reached through ``adapter`` only.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, field
from typing import Callable

from .. import registry
from ..model import ERROR, WARNING, Problem
from ..paths import may_publish, unpublished
from . import adapter
from .logcache import LogCache

#: plugins whose per-page state the incremental update knows how to keep right
KNOWN_PLUGINS = frozenset({"search", "material/search", "tags", "material/tags", "netlog"})


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
    sitemap, waits for the build's end). ``on_full_build()`` is called when a full build
    starts (it empties the site folder). ``wanted()`` gives the absolute paths of files
    asked for and not yet written: during a full build, each such page is rendered before
    the others (issue 27, goal 3: a page asked for answers without waiting for the build).
    Raises UpdateFailed with the message to show when a build fails.
    """

    def __init__(self, config_file: str, site_dir: str, today, *,
                 on_ready: Callable[[str], None] = lambda path: None,
                 progress: Callable[[str, int, int], None] = lambda phase, done, total: None,
                 on_full_build: Callable[[], None] = lambda: None,
                 wanted: Callable[[], list[str]] = lambda: []) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.today = today
        self.on_ready = on_ready
        self.progress = progress
        self.on_full_build = on_full_build
        self.wanted = wanted
        self.config = None
        self.cache: LogCache | None = None
        self.custom_dir: str | None = None
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.steps: dict[str, float] = {}
        self.healthy = True  # False while the last build or update failed (apply_changes)
        #: updates leave the search index to :meth:`finish_search` (``netlog serve`` answers the
        #: pages first, the index when it is done)
        self.defer_search = False
        self._reset()

    def fail(self) -> None:
        """An update failed in a way nothing else caught: the next change builds in full."""
        self._reset()
        self.healthy = False

    def _reset(self) -> None:
        self.files = None
        self.env = None
        self.nav = None
        self.fingerprints: dict[str, tuple] = {}  # src_uri -> (markdown, blocks, meta)
        self.page_objects: dict = {}  # src_uri -> the pages.Page those fingerprints are of
        self.search_entries: dict[str, list] = {}  # src_uri -> its search index entries
        self.static_uris: set[str] = set()
        self.docs: list = []  # the documentation pages' Files, in build order
        self.memo: dict = {}  # build_pages' reusable pages
        #: (src_uri, HTML) of the pages an update rendered whose search entries are still to be
        #: made (defer_search), then the post-build step; None: the search index is up to date
        self.search_later: list[tuple[str, str]] | None = None

    # ------------------------------------------------------------------ plugins

    @property
    def plugin(self):
        return self.config.plugins["netlog"]

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
        started = time.perf_counter()
        self.on_full_build()
        self.load_config()
        book = self.load_log(None)
        if self.problems:
            raise UpdateFailed("the log has errors")
        plugin = self.plugin
        plugin.today = self.today
        try:
            total = self._prepare(book)
            self._write_all()
        except UpdateFailed:
            raise
        except Exception as e:  # noqa: BLE001 - a theme template or plugin failing
            with contextlib.suppress(Exception):
                self.config.plugins.on_build_error(error=e)
            self._reset()
            raise UpdateFailed(describe(e)) from None
        self._remember(plugin.site)
        return Update(total, total, True, time.perf_counter() - started)

    def _prepare(self, book) -> int:
        """MkDocs' build up to the pages: config and pre-build events, the files (the plugin's
        pages of ``book``), the navigation; the number of pages."""
        from mkdocs import utils
        from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation

        config = self.config = self.config.plugins.on_config(self.config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        self.plugin.preloaded = (config.docs_dir, book)
        self.plugin.memo = self.memo
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        docs = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.files, self.env, self.nav, self.docs = files, env, nav, docs
        search = self._search()
        if search is not None:
            search.entries = []
        return len(docs)

    def _write_all(self) -> None:
        """Populate and render every page (top-level pages first when the plugins allow it),
        copy the static files, the theme's and extra templates, then the post-build step."""
        from mkdocs.structure.files import InclusionLevel
        from mkdocs.structure.pages import Page

        config, files, nav, docs = self.config, self.files, self.nav, self.docs
        total = len(docs)
        populated: set[str] = set()
        rendered: set[str] = set()

        def populate(file) -> None:
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            adapter.populate_page(file.page, config, files)
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

        by_dest = {os.path.normpath(f.abs_dest_path): f for f in docs}

        def render_wanted() -> None:
            # a page a request waits for, next: with the plugins netlog knows its HTML needs
            # only its own content and the navigation (as the top-level pages below), except
            # a tags listing, which waits for every page
            for path in self.wanted():
                file = by_dest.get(os.path.normpath(path))
                if file is None or file.src_uri in rendered:
                    continue
                if file.src_uri not in populated:
                    populate(file)
                if file.src_uri not in self._listing_uris():
                    render(file)

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
            if self.incremental_ok:
                render_wanted()
            if file.src_uri not in populated:
                populate(file)
            if n % 200 == 0:
                self.progress("reading pages", n, total)
        # the tags plugin's pages in a fresh build's order, whatever order they were read in
        adapter.order_tagged_pages(config, [f.url for f in docs])
        self.env = config.plugins.on_env(self.env, config=config, files=files) or self.env
        if not self.incremental_ok:
            copy_static()
        for file in [p.file for p in nav.pages] + docs:
            if self.incremental_ok:
                render_wanted()
            if file.src_uri not in rendered:
                render(file)
        for template in config.theme.static_templates:
            adapter.build_theme_template(template, self.env, files, config, nav)
        for template in config.extra_templates:
            adapter.build_extra_template(template, files, config, nav)
        self._post_build()

    def _listing_uris(self) -> set[str]:
        """The pages that hold a Material tags listing (they list every tagged page)."""
        return adapter.tag_listing_uris(self.config)

    def _search(self):
        return adapter.search_index(self.config)

    def _render(self, file) -> None:
        """Template the (populated) page and write it; keep its search entries."""
        search = self._search()
        before = len(search.entries) if search is not None else 0
        adapter.build_page(file.page, self.config, self.docs, self.nav, self.env)
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
        self.page_objects = dict(site.pages)
        self.open_items = site.open_items
        self.tag_key = self._tag_key(site)

    @staticmethod
    def _fingerprint(site, uri: str) -> tuple:
        """What a page's output follows from: its Markdown (HTML blocks inline) and its meta."""
        return site.pages[uri].markdown, _meta_key(site.meta(uri))

    @staticmethod
    def _tag_key(site) -> tuple:
        """What Material's tags listing shows: each tagged page with its title and tags."""
        return tuple((uri, page.title, page.tags) for uri, page in site.pages.items() if page.tags)

    # ------------------------------------------------------------------ updates

    def update(self, changed: set[str] | None) -> Update:
        """Bring the site up to date after ``changed`` log paths changed (None: everything).

        UpdateFailed when the log has errors (``self.problems``) or a page fails.
        """
        if self.files is None or not self.incremental_ok or changed is None:
            return self.full_build()
        try:
            self.finish_search()  # the last update's, before this one changes the pages
        except Exception:  # noqa: BLE001 - as a failed update: build in full
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
            raise UpdateFailed(describe(e)) from None
        return Update(rendered, len(self.fingerprints), False, time.perf_counter() - started, self.steps)

    def update_static(self, rel: str) -> None:
        """A file of the log that is not Markdown was added, changed or removed: copy or delete it.

        Only what ``paths.may_publish`` allows is copied (never a file under a ``_`` or ``.``
        folder, never a Markdown file as it is). A file that vanishes before it is copied (an
        editor's temporary file) is taken as removed.
        """
        from mkdocs.structure.files import File, Files, set_exclusions

        config = self.config
        path = os.path.join(config.docs_dir, *rel.split("/"))
        known = self.files.get_file_from_path(rel)
        if known is not None and known.src_uri not in self.static_uris:
            raise NeedsFullBuild(rel)  # a static file where a page was
        if may_publish(rel) and os.path.isfile(path):
            f = File(rel, config.docs_dir, config.site_dir, config.use_directory_urls)
            set_exclusions(Files([f]), config)
            if f.inclusion.is_excluded():
                return
            try:
                f.copy_file()
            except FileNotFoundError:
                pass  # gone since: removed below
            else:
                if known is None:
                    self.files.append(f)
                    self.static_uris.add(rel)
                return
        if known is not None:
            self.files.remove(known)
            self.static_uris.discard(rel)
            with contextlib.suppress(FileNotFoundError):
                os.remove(known.abs_dest_path)

    def _update_pages(self, book) -> int:
        """Regenerate every page's Markdown, then run MkDocs again for the pages that differ (see
        the module docstring); the number of pages rendered. NeedsFullBuild when the page-by-page
        update does not cover the change."""
        from ..pages import build_pages

        config, plugin = self.config, self.plugin
        clock = time.perf_counter()

        def step(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            self.steps[name] = now - clock
            clock = now

        site = build_pages(book, self.today, directory_urls=config.use_directory_urls, memo=self.memo)
        for key in [k for k in self.memo if isinstance(k, tuple) and k[1] not in site.pages]:
            del self.memo[key]  # pages that went away (the feed's "ics" keeps only its current events)
        step("pages")
        plugin.site = site
        plugin.stats = {"pages": len(site.pages), "items": site.open_items}
        # a page that is the very object of the last update has the fingerprint it had then
        seen, old = self.page_objects, self.fingerprints
        fingerprints = {uri: old[uri] if seen.get(uri) is page else self._fingerprint(site, uri)
                        for uri, page in site.pages.items()}
        changed, markdown = self._changed_markdown(site, fingerprints)
        removed = [uri for uri in self.fingerprints if uri not in fingerprints]
        if {p.file.src_uri for p in self.nav.pages} & set(removed):
            raise NeedsFullBuild("a top-level page went away")
        by_uri = self.files.src_uris
        added = self._sync_files(site, markdown, removed)
        step("compare")
        rendered = self._rerender(site, fingerprints, set(changed), bool(added or removed),
                                  [by_uri[u] for u in removed], step)
        self.fingerprints, self.page_objects = fingerprints, dict(site.pages)
        return rendered

    def _changed_markdown(self, site, fingerprints: dict[str, tuple]) -> tuple[list[str], dict[str, str]]:
        """The pages whose output differs from what was rendered, and what the plugin's on_files
        would hand MkDocs for each: Markdown with placeholders (the HTML blocks go to the plugin)."""
        from ..plugin import BLOCK_TOKEN

        old = self.fingerprints
        changed = [uri for uri, fp in fingerprints.items() if old.get(uri) != fp]
        markdown: dict[str, str] = {}
        blocks = self.plugin.blocks
        for uri in list(blocks):
            if uri not in fingerprints:
                del blocks[uri]
        for uri in changed:
            markdown[uri], page_blocks = site.for_mkdocs(uri, BLOCK_TOKEN)
            if page_blocks:
                blocks[uri] = page_blocks
            else:
                blocks.pop(uri, None)
        return changed, markdown

    def _sync_files(self, site, markdown: dict[str, str], removed: list[str]) -> list:
        """MkDocs' Files as a fresh build has them (static files, pages, netlog's own files, in
        that order), with new Markdown for the changed pages, added pages made, removed pages'
        files deleted and the calendar feed written when the open items changed; the added Files."""
        from mkdocs.structure.files import File, Files, set_exclusions
        from mkdocs.structure.pages import Page

        config = self.config
        by_uri = self.files.src_uris
        assets = [a.uri for a in registry.ASSETS]
        ordered = [f for f in self.files if f.src_uri in self.static_uris and f.src_uri not in assets]
        added = []
        for uri in site.pages:
            file = by_uri.get(uri)
            if file is None:
                file = File.generated(config, uri, content=markdown[uri])
                added.append(file)
            elif uri in markdown:
                file.content_string = markdown[uri]
            ordered.append(file)
        ordered += [by_uri[u] for u in assets]
        if added:
            set_exclusions(Files(added), config)
            for file in added:
                Page(None, file, config)
        for uri in removed:
            with contextlib.suppress(FileNotFoundError):
                os.remove(by_uri[uri].abs_dest_path)
            self.search_entries.pop(uri, None)
        self.files = Files(ordered)
        open_items = site.open_items
        if open_items != self.open_items:  # the calendar is a function of the open items (and today)
            ics_file = by_uri[registry.ICS.uri]
            ics_file.content_bytes = site.ics()
            ics_file.copy_file()
            self.open_items = open_items
        return added

    def _rerender(self, site, fingerprints: dict[str, tuple], changed: set[str], pages_came_or_went: bool,
                  removed_files: list, step: Callable[[str], None]) -> int:
        """Populate and render the pages to redo, the tags listings and export when tags changed,
        the sitemap when pages came or went, and the search index; the number rendered."""
        config, files = self.config, self.files
        listing_uris = self._listing_uris()
        tag_key = self._tag_key(site)
        redo = set(changed)
        if pages_came_or_went:
            # MkDocs turns a Markdown link to a page into its URL only while that page exists:
            # pages that may link to one (an entry's notes can) are rendered again
            redo |= {uri for uri, fp in fingerprints.items() if ".md" in fp[0]}
        tags_changed = tag_key != self.tag_key or bool(redo & listing_uris)
        if tags_changed:
            redo |= listing_uris
        titles = [p.title for p in self.nav.pages]
        self.docs = files.documentation_pages()
        pages = [f for f in self.docs if f.src_uri in redo]
        urls = {f.page.url for f in pages} | {f.page.url for f in removed_files if f.page}
        adapter.forget_tagged_pages(config, urls, redo)
        for file in pages:
            adapter.populate_page(file.page, config, files)
        if titles != [p.title for p in self.nav.pages]:
            raise NeedsFullBuild("a top-level page's title changed")  # every page's navigation differs
        adapter.order_tagged_pages(config, [f.page.url for f in self.docs])
        if tags_changed:
            # Material's tags plugin fills its listings and exports its mappings (tags.json) here
            self.env = config.plugins.on_env(self.env, config=config, files=files) or self.env
        later: list[tuple[str, str]] = []
        if self.defer_search and self._search() is not None:
            with adapter.search_parse_held(config, lambda page, html: later.append((page.file.src_uri, html))):
                for file in pages:
                    adapter.build_page(file.page, config, self.docs, self.nav, self.env)
        else:
            for file in pages:
                self._render(file)
        step("render")
        if pages_came_or_went and "sitemap.xml" in config.theme.static_templates:
            adapter.build_theme_template("sitemap.xml", self.env, files, config, self.nav)
        self.tag_key = tag_key
        if self.defer_search:
            self.search_later = later
        else:
            self._post_build()
            step("search index")
        return len(pages)

    def finish_search(self) -> float:
        """The search entries of the pages the last update rendered (``defer_search``), then the
        post-build step that writes the search index (``search/``): the site is then what
        a full build writes. Nothing when nothing is left to do; the seconds it took."""
        later, self.search_later = self.search_later, None
        if later is None:
            return 0.0
        started = time.perf_counter()
        by_uri = self.files.src_uris
        for uri, html in later:
            self.search_entries[uri] = adapter.search_parse(self.config, by_uri[uri].page, html)
        self._post_build()
        return time.perf_counter() - started

def describe(e: Exception) -> str:
    """One line for what a build raised: the engine's own message, else the error and where."""
    from mkdocs.exceptions import MkDocsException

    if isinstance(e, MkDocsException):
        return str(e)
    where = getattr(e, "filename", None)
    line = getattr(e, "lineno", None)
    at = f" ({where}:{line})" if where and line else ""
    return f"{type(e).__name__}: {e}{at}"


def apply_changes(builder: SiteBuilder, changes: set[str] | None, config_file: str) -> Update | None:
    """Bring ``builder``'s site up to date after the file system events on ``changes`` (absolute
    paths; None: build in full). None when no change concerns the site (another file beside
    mkdocs.yml, a hidden or ``_`` file): nothing was done and nothing changed, errors included.

    While the last attempt failed (``builder.healthy`` is False), any change that concerns the
    site reads the log again, so the errors are cleared only once they are really gone.
    UpdateFailed as :meth:`SiteBuilder.update`.
    """
    try:
        result = _apply(builder, changes, config_file)
    except UpdateFailed:
        builder.healthy = False
        raise
    if result is not None:
        builder.healthy = True
    return result


def _apply(builder: SiteBuilder, changes: set[str] | None, config_file: str) -> Update | None:
    if changes is None or builder.config is None or builder.files is None:
        return builder.full_build()
    docs = os.path.realpath(builder.docs_dir)
    custom = os.path.realpath(builder.custom_dir) if builder.custom_dir else None
    cfg_real = os.path.realpath(config_file)
    md: set[str] = set()
    static: set[str] = set()
    relevant = False
    for raw in changes:
        real = os.path.realpath(raw)
        if real == cfg_real:
            return builder.full_build()
        if custom and (real == custom or real.startswith(custom + os.sep)):
            return builder.full_build()
        if not real.startswith(docs + os.sep):
            continue  # another file beside mkdocs.yml
        rel = os.path.relpath(real, docs).replace(os.sep, "/")
        if unpublished(rel):
            continue  # under a `_` or `.` folder, or hidden (editors' swap files): never read, never published
        if os.path.isdir(real):
            if unpublished(rel + "/"):
                continue  # a `_` or `.` folder
            relevant = True
            md.add(rel)  # a folder moved in: the walk finds its pages; copy its other files
            for folder, dirs, names in os.walk(real):
                dirs[:] = [d for d in dirs if not d.startswith(("_", "."))]
                for name in names:
                    child = os.path.relpath(os.path.join(folder, name), docs).replace(os.sep, "/")
                    if may_publish(child):
                        static.add(child)
        elif rel.endswith(".md"):
            relevant = True
            md.add(rel)
        elif may_publish(rel) and os.path.isfile(real) or rel in builder.static_uris:
            relevant = True
            static.add(rel)
        elif not os.path.exists(real):
            relevant = True
            md.add(rel)  # perhaps a folder moved out: the walk finds what is left
            static.update(u for u in builder.static_uris if u.startswith(rel + "/"))
    if not relevant:
        return None
    started = time.perf_counter()
    for rel in sorted(static):
        try:
            builder.update_static(rel)
        except NeedsFullBuild:
            return builder.full_build()
    if md or not builder.healthy:
        return builder.update(md)  # unhealthy: the log is read again, errors and all
    return Update(len(static), len(builder.fingerprints), False, time.perf_counter() - started)
