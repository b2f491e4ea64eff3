"""The pages and files netlog generates into the site, declared once (docs/format.md §9).

Everything else derives from here: the navigation (:data:`NAV`, used by the
plugin and by ``netlog render``'s config), the reserved paths ``check``
reports (:func:`is_reserved`, :data:`RESERVED_FILES`), the files the plugin,
the neutral render and the preview add (:data:`ASSETS`), and the tests' lists
of pages. A new top-level page is one line in :data:`TOP_PAGES` (and its
module in ``pages/``); a new family of pages (one per year, one per org) is
one :class:`Family`.

A leaf module: it imports nothing of netlog, so ``load`` can ask it without
loading the page builders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TopPage:
    """A generated top-level page: its source path (``src_uri``) and its title in the navigation."""

    uri: str
    title: str

    @property
    def html(self) -> str:
        """The page's file in a site built with ``use_directory_urls: false``."""
        return self.uri[:-3] + ".html"


@dataclass(frozen=True, slots=True)
class Family:
    """A family of generated pages, one per value: ``uri`` has one ``{}`` for the value, and
    ``pattern`` matches exactly the source paths the site can generate (so a log file there is
    reported, and nothing else is)."""

    uri: str
    pattern: str
    what: str

    def page(self, value) -> str:
        return self.uri.format(value)

    def matches(self, path: str) -> bool:
        return re.fullmatch(self.pattern, path) is not None


@dataclass(frozen=True, slots=True)
class Asset:
    """A file (not a page) netlog writes into the site: ``source`` names the packaged file in
    ``netlog/assets/`` it is copied from (None: made from the log, like the calendar feed)."""

    uri: str
    source: str | None = None

    def packaged(self) -> bytes:
        """The packaged file's bytes (``netlog/assets/<source>``); only for an asset with a source."""
        from importlib import resources  # here: `netlog check` reads the reserved paths only (start-up)

        return resources.files("netlog").joinpath("assets", self.source).read_bytes()


#: The top-level pages in navigation order (docs/format.md §9).
TOP_PAGES = (
    TopPage("index.md", "Dashboard"),
    TopPage("follow-ups.md", "Follow-ups"),
    TopPage("people/index.md", "People"),
    TopPage("timeline/index.md", "Timeline"),
    TopPage("visibility.md", "Visibility"),
    TopPage("serendipity.md", "Serendipity"),
    TopPage("audit.md", "Audit"),
    TopPage("orgs.md", "Orgs"),
    TopPage("tags.md", "Tags"),
)
#: The navigation as MkDocs' ``nav`` takes it: (title, src_uri) pairs.
NAV = tuple((p.title, p.uri) for p in TOP_PAGES)

#: A page per year with entries: ``timeline/1.md`` to ``timeline/9999.md``, the year as
#: ``str(year)`` (no leading zeros), as pages/timeline.py writes it.
YEAR_PAGES = Family("timeline/{}.md", r"timeline/[1-9][0-9]{0,3}\.md", "a year page of the timeline")
#: A page per org, under the slug form of the org (pages/groups.py).
ORG_PAGES = Family("orgs/{}.md", r"orgs/[^/]+\.md", "an org page")
FAMILIES = (YEAR_PAGES, ORG_PAGES)

#: The follow-up calendar feed (netlog/feed.py).
ICS = Asset("follow-ups.ics")
CSS = Asset("assets/netlog/netlog.css", "netlog.css")
#: The filter and sort of long lists (progressive: the lists work without it).
JS = Asset("assets/netlog/netlog.js", "netlog.js")
#: A Worker stand-in for file:// (search from disk); the name must contain "iframe-worker" so
#: Material's offline plugin does not add one from a CDN.
WORKER = Asset("assets/netlog/iframe-worker.js", "iframe-worker.js")
#: Written into the site in this order, after the pages.
ASSETS = (ICS, CSS, JS, WORKER)
#: Material's search index as a script, written by the plugin after the build (file:// search).
SEARCH_INDEX_JS = "search/search_index.js"

#: Source paths of the top-level pages: a file of the log there is an error.
RESERVED = frozenset(p.uri for p in TOP_PAGES)
#: Files (not pages) that netlog writes into the site: a file of the log there is an error.
RESERVED_FILES = frozenset({a.uri for a in ASSETS} | {SEARCH_INDEX_JS})


#: Any family's pattern, compiled once: the loader asks about every file of the log (issue 27).
_FAMILY_PATHS = re.compile("|".join(f"(?:{f.pattern})" for f in FAMILIES))


def is_reserved(path: str) -> bool:
    """True for the source path of a page netlog generates (top-level or of a family)."""
    return path in RESERVED or _FAMILY_PATHS.fullmatch(path) is not None
