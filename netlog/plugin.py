"""The ``netlog`` MkDocs plugin: a thin front end over ``pages.build_pages``.

It loads the log once per build (``on_files``), stops the build on errors,
replaces each entry and person file with its enriched page, adds the
generated pages (``File.generated``, no temp folders), keeps the navigation
to the top-level pages, and guarantees every HTML page a robots
``noindex, nofollow`` meta tag.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import re
import time

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from . import registry
from .dates import TODAY_ENV, resolve_today
from .model import ERROR, WARNING
from .errors import OptionError
from .options import FIELDS, to_options
from .report import format_problem

log = logging.getLogger("mkdocs.plugins.netlog")

ROBOTS = '<meta name="robots" content="noindex, nofollow">'
CSS_URI = registry.CSS.uri
JS_URI = registry.JS.uri  # the filter and sort of long lists (progressive)
WORKER_URI = registry.WORKER.uri  # the name tells Material's offline plugin not to add one from a CDN
SEARCH_INDEX_JS = registry.SEARCH_INDEX_JS
REQUIRED_EXTENSIONS = ("tables", "attr_list", "admonition", "toc")
BLOCK_TOKEN = "netlog-html-block"
_PLACEHOLDER = re.compile(r"<!--netlog-html-block-(\d+)-->")


class _Checked(c.BaseConfigOption):
    """An MkDocs config option run through one of netlog's validators."""

    def __init__(self, default, check):
        super().__init__()
        self.default = default
        self.check = check

    def run_validation(self, value):
        try:
            return self.check(value)
        except OptionError as e:
            raise base.ValidationError(str(e)) from None


#: The options of the ``netlog`` plugin in mkdocs.yml: one MkDocs option per entry of
#: options.FIELDS (declared there, once).
NetlogConfig = type("NetlogConfig", (base.Config,), {
    "__doc__": "The options of the ``netlog`` plugin in mkdocs.yml (made from options.FIELDS).",
    "__module__": __name__,
    **{name: _Checked(spec.default, spec.check) for name, spec in FIELDS.items()},
})


class NetlogPlugin(BasePlugin[NetlogConfig]):
    """Adds netlog's pages to an MkDocs build (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.today: dt.date | None = None  # set by `netlog build --today`
        self.preloaded = None  # (docs_dir, Log) that `netlog build` has just checked
        self.share = False  # set by `netlog build --share`
        self.site = None
        self.blocks: dict[str, list[str]] = {}  # src_uri -> HTML blocks kept out of Markdown
        self.stats: dict = {}
        self.started = 0.0
        self.progress = None  # a progress.Progress that `netlog build` draws on a terminal
        self.memo = None  # pages kept between builds by `netlog serve` (pages.build_pages' memo)
        self._index_tables: bool | None = None  # False: keep repeated tables out of the search index

    # ------------------------------------------------------------------ config

    def on_config(self, config):
        self.started = time.perf_counter()
        self._index_tables = None
        if config.nav is None:
            config.nav = [{title: uri} for title, uri in registry.NAV]
        names = _extension_names(config)
        for ext in REQUIRED_EXTENSIONS:
            if ext not in names and f"markdown.extensions.{ext}" not in names:
                config.markdown_extensions.append(ext)
        if config.theme.name == "material":  # the copy button on the pages' "netlog new ..." commands
            from .pages import MATERIAL_FEATURES

            features = config.theme.get("features")
            if not isinstance(features, list):
                features = config.theme["features"] = []
            features += [f for f in MATERIAL_FEATURES if f not in features]
        if CSS_URI not in [str(x) for x in config.extra_css]:
            config.extra_css.append(CSS_URI)
        if JS_URI not in [str(x) for x in config.extra_javascript]:
            config.extra_javascript.append(JS_URI)
        polyfills = config.extra.setdefault("polyfills", [])
        if not any("iframe-worker" in str(p) for p in polyfills):
            polyfills.append(WORKER_URI)
        _keep_private(config)
        # the nav names only the top-level pages on purpose: entry and person pages are
        # reached by links, so MkDocs' "not included in the nav" notice is noise here
        config.validation.nav.omitted_files = logging.DEBUG
        return config

    def _today(self) -> dt.date:
        try:
            return resolve_today(self.today)
        except ValueError as e:
            raise PluginError(f"netlog: {TODAY_ENV}: {e}") from None

    # ------------------------------------------------------------------ files

    def on_files(self, files: Files, config) -> Files:
        from .load import load_log
        from .pages import build_pages
        from .attachments import private_only
        from .share import share_view

        docs_dir = config.docs_dir
        if self.preloaded is not None and self.preloaded[0] == docs_dir:
            # `netlog build` loaded and checked this very log a moment ago
            book, problems = self.preloaded[1], []
        else:
            book, problems = load_log(docs_dir, to_options(self.config))
        errors = [p for p in problems if p.severity == ERROR]
        for p in problems:
            if p.severity == WARNING:
                log.warning(format_problem(p, docs_dir))
        if errors:
            lines = "\n".join(format_problem(p, docs_dir) for p in errors)
            what = "1 error" if len(errors) == 1 else f"{len(errors):,} errors"
            raise PluginError(f"netlog: the log has {what}; fix them and build again:\n{lines}")
        hidden: set[str] = set()
        if self.share:
            hidden = private_only(book)
            book = share_view(book)
        site = build_pages(book, self._today(), directory_urls=config.use_directory_urls, memo=self.memo)
        self.site = site

        # every Markdown page comes from site.pages: entry and person files are replaced by
        # their enriched pages; drafts under `_` folders and, in a share build, private
        # files are not pages at all
        kept = Files([f for f in files if publishable(f, hidden)])
        self.blocks = {}
        for uri in site.pages:
            markdown, blocks = site.for_mkdocs(uri, BLOCK_TOKEN)
            if blocks:
                self.blocks[uri] = blocks
            kept.append(File.generated(config, uri, content=markdown))
        for asset in registry.ASSETS:
            kept.append(File.generated(config, asset.uri, content=site.asset(asset)))
        self.stats = {"pages": len(site.pages), "items": site.open_items}
        if self.progress is not None:
            self.progress.set_phase("reading pages", len(site.pages))
        # the log and its pages live until the build ends: keep the cycle collector
        # from scanning them again at every collection while MkDocs renders
        gc.freeze()
        return kept

    # ------------------------------------------------------------------ pages

    @event_priority(50)
    def on_page_markdown(self, markdown, page, config, files):
        if self.site is not None:
            page.meta.update(self.site.meta(page.file.src_uri))
        if self.progress is not None:
            self.progress.step("reading pages")
        return markdown

    def on_page_content(self, html, page, config, files):
        """Put the page's HTML blocks back where their placeholders are.

        On every page but entry pages, tables repeat what entry and person pages
        hold already: they are kept out of Material's search index (its parser
        skips ``data-search-exclude`` elements, and its plugin strips the
        attribute from the page afterwards, so the HTML written is the same).
        """
        blocks = self.blocks.get(page.file.src_uri)
        if blocks:
            def put(m):
                n = int(m.group(1))
                return blocks[n] if n < len(blocks) else m.group(0)

            html = _PLACEHOLDER.sub(put, html)
        if self._index_tables is None:
            search = config.plugins.get("search") or config.plugins.get("material/search")
            self._index_tables = not type(search).__module__.startswith("material.")
        if not self._index_tables and self.site is not None:
            from .pages import keep_repeats_out_of_search

            html = keep_repeats_out_of_search(self.site, page.file.src_uri, html)
        return html

    def on_post_page(self, output, page, config):
        if self.progress is not None:
            self.progress.step("writing pages")
        return _with_robots(output)

    def on_post_template(self, output_content, template_name, config):
        if template_name.endswith(".html"):
            return _with_robots(output_content)
        return output_content

    def on_build_error(self, error, **kwargs):
        gc.unfreeze()

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config):
        """Write search/search_index.js (Material's search reads it when the site is opened from
        disk, where the JSON index cannot be fetched), let the collector scan again, and note the
        build's seconds in ``stats``."""
        gc.unfreeze()
        index = os.path.join(config.site_dir, "search", "search_index.json")
        if os.path.isfile(index):
            with open(index, encoding="utf-8") as fh:
                data = fh.read()
            with open(os.path.join(config.site_dir, *SEARCH_INDEX_JS.split("/")), "w", encoding="utf-8") as fh:
                fh.write(f"var __index = {data}")
        self.stats["seconds"] = time.perf_counter() - self.started


def publishable(file: File, hidden: frozenset[str] | set[str] = frozenset()) -> bool:
    """A file of the log MkDocs may copy into the site as it is (``paths.may_publish``, the one
    rule): not a Markdown page (netlog makes every page), not under a `_` or `.` folder."""
    from .paths import may_publish

    return not file.is_documentation_page() and may_publish(file.src_uri, hidden)


def _extension_names(config) -> set[str]:
    """The names of the configured Markdown extensions (entries may carry options)."""
    return {e if isinstance(e, str) else next(iter(e)) for e in config.markdown_extensions}


def _external(url) -> bool:
    from .sanitize import loads_from_outside

    return loads_from_outside(url)


def _keep_private(config) -> None:
    """Undo settings that make pages load things from outside the site, with a warning each.

    Web fonts, analytics, the repository widget (it calls the forge's API),
    outside scripts and styles, emoji images from a CDN, and mermaid (which
    Material loads from a CDN) would all leak page views.
    """
    theme = config.theme
    if theme.name == "material" and theme.get("font") is not False:
        log.warning("netlog: theme.font turned off: Material would load web fonts from Google")
        theme["font"] = False
    if config.extra.get("analytics"):
        log.warning("netlog: extra.analytics removed: the site is private")
        del config.extra["analytics"]
    if config.repo_url:
        log.warning("netlog: repo_url ignored: Material would call the repository host's API")
        config.repo_url = None
        config.edit_uri = None
    for key in ("logo", "favicon"):
        if theme.get(key) and _external(theme[key]):
            log.warning(f"netlog: theme.{key} {theme[key]} removed: it loads from outside the site")
            theme[key] = "assets/images/favicon.png" if key == "favicon" and theme.name == "material" else None
    for key in ("extra_css", "extra_javascript"):
        outside = [u for u in config[key] if _external(u)]
        for url in outside:
            log.warning(f"netlog: {key} entry {url} removed: it loads from outside the site")
        if outside:
            config[key] = [u for u in config[key] if not _external(u)]
    polyfills = config.extra.get("polyfills") or []
    for url in [u for u in polyfills if _external(u)]:
        log.warning(f"netlog: extra.polyfills entry {url} removed: it loads from outside the site")
        polyfills.remove(url)
    if "pymdownx.emoji" in _extension_names(config):
        # emoji as Unicode text (or inline SVG for Material's icon sets), never CDN images
        opts = config.mdx_configs.setdefault("pymdownx.emoji", {})
        index = opts.get("emoji_index")
        module = getattr(index, "__module__", "")
        if module.startswith("material."):
            from material.extensions.emoji import to_svg
            opts["emoji_generator"] = to_svg
        else:
            from pymdownx.emoji import to_alt
            opts["emoji_generator"] = to_alt
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences")
    if fences:
        kept = [f for f in fences if "mermaid" not in str(f.get("name", "")) + str(f.get("class", ""))]
        if len(kept) != len(fences):
            log.warning("netlog: mermaid fences are shown as code: Material would load mermaid from a CDN")
            config.mdx_configs["pymdownx.superfences"]["custom_fences"] = kept


def _with_robots(html: str) -> str:
    """``html`` with the robots meta tag in its head (unless the head has one already)."""
    head = html.find("<head>")
    if head < 0:
        return html
    end = html.find("</head>", head)
    if re.search(r"<meta\s+name=[\"']?robots", html[head:end if end > 0 else None], re.I):
        return html
    return html[:head + 6] + "\n    " + ROBOTS + html[head + 6:]
