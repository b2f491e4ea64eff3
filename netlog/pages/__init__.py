"""Generated pages: pure functions of (log, today) -> {src_uri: Markdown}.

Fourth stage of the pipeline. :func:`build_pages` returns every page of the
site as Markdown: the generated ones of docs/format.md §9, each entry page with
its header above the notes, each person page (stubs included) with profile,
items and history. The plugin hands these to MkDocs; ``netlog render``
writes them to disk; nothing here knows about MkDocs.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from .. import audit as audit_mod
from .. import followups
from ..ics import to_ics
from ..model import Entry, FollowUp, Log
from .md import BLOCK_END, BLOCK_START, h, href, unmark

NAV = (
    ("Dashboard", "index.md"),
    ("Follow-ups", "follow-ups.md"),
    ("People", "people/index.md"),
    ("Timeline", "timeline/index.md"),
    ("Visibility", "visibility.md"),
    ("Serendipity", "serendipity.md"),
    ("Audit", "audit.md"),
    ("Orgs", "orgs.md"),
    ("Tags", "tags.md"),
)
ICS_URI = "follow-ups.ics"
_TOUCHING_BLOCKS = re.compile(BLOCK_END + r"\n?" + BLOCK_START)  # one block right after another
#: Material features the pages rely on, turned on by the plugin and by `netlog render`'s config:
#: the copy button on the pages' "netlog new ..." commands
MATERIAL_FEATURES = ("content.code.copy",)


@dataclass(slots=True)
class Site:
    """Everything the site shows, computed once."""

    log: Log
    today: dt.date
    items: list[FollowUp]  # every item, closed ones included, sorted
    summaries: dict[str, audit_mod.PersonSummary]  # slug -> what the log says about them
    pages: dict[str, str] = field(default_factory=dict)  # src_uri -> Markdown
    titles: dict[str, str] = field(default_factory=dict)  # src_uri -> plain-text title
    tags: dict[str, list[str]] = field(default_factory=dict)  # src_uri -> Material tags
    generated: set[str] = field(default_factory=set)  # src_uris with no file in the log
    with_toc: set[str] = field(default_factory=set)  # pages that keep Material's table of contents
    boost: dict[str, float] = field(default_factory=dict)  # src_uri -> Material search boost
    directory_urls: bool = False  # MkDocs' use_directory_urls: how links are written
    cache: dict[str, object] = field(default_factory=dict)  # computed once, shared by page modules
    memo: dict | None = None  # pages of an earlier build_pages, reused where their inputs are equal
    _entries: dict[str, Entry] = field(default_factory=dict)

    def entry(self, path: str) -> Entry:
        if not self._entries:
            self._entries = {e.path: e for e in self.log.entries}
        return self._entries[path]

    def href(self, here: str, to: str) -> str:
        return href(here, to, self.directory_urls)

    def a(self, text: str, here: str, to: str) -> str:
        """An HTML link with escaped text from page ``here`` to page (or file) ``to``."""
        return f'<a href="{self.href(here, to)}">{h(text)}</a>'

    @property
    def open_items(self) -> list[FollowUp]:
        return [i for i in self.items if not i.closed]

    def meta(self, src_uri: str) -> dict:
        """Page meta for MkDocs: an HTML-safe title (themes print it unescaped), tags, and
        Material's ``hide`` (no navigation sidebar: the tabs are the navigation; the table
        of contents only on long pages) and ``search.boost`` (a person's page first)."""
        out: dict = {"hide": ["navigation"] if src_uri in self.with_toc else ["navigation", "toc"]}
        if src_uri in self.boost:
            out["search"] = {"boost": self.boost[src_uri]}
        if src_uri in self.titles:
            out["title"] = html.escape(self.titles[src_uri], quote=False)
        if self.tags.get(src_uri):
            out["tags"] = [html.escape(t, quote=False) for t in self.tags[src_uri]]
        return out

    def markdown(self, src_uri: str) -> str:
        """The page as plain Markdown (its HTML blocks inline): what ``netlog render`` writes.

        Two blocks that touch are kept apart by a blank line, as :meth:`for_mkdocs` keeps
        them, so that Markdown makes the same HTML of them as the plugin's build.
        """
        return unmark(_TOUCHING_BLOCKS.sub(BLOCK_END + "\n\n" + BLOCK_START, self.pages[src_uri]))

    def for_mkdocs(self, src_uri: str, token: str) -> tuple[str, list[str]]:
        """The page with each HTML block replaced by a placeholder comment, and the blocks.

        Python-Markdown re-parses raw HTML to stash it; the plugin puts the blocks back
        into the rendered page instead (``on_page_content``), which keeps big builds fast.
        """
        text = self.pages[src_uri]
        if BLOCK_START not in text:
            return text, []
        out, blocks = [], []
        pos = 0
        while True:
            start = text.find(BLOCK_START, pos)
            if start < 0:
                break
            end = text.find(BLOCK_END, start)
            out.append(text[pos:start])
            out.append(f"\n\n<!--{token}-{len(blocks)}-->\n\n")
            blocks.append(text[start + 1:end])
            pos = end + 1
        out.append(text[pos:])
        return "".join(out), blocks

    def ics(self) -> bytes:
        return to_ics(self.open_items, self.today, self.log.options.alarm)


def build_pages(log: Log, today: dt.date, *, directory_urls: bool = False, memo: dict | None = None) -> Site:
    """Every page of the site for ``log`` as of ``today``.

    ``directory_urls`` follows MkDocs' ``use_directory_urls``: links in the
    raw HTML parts of pages are written for that URL layout. ``memo`` (a dict
    the caller keeps between calls, as ``netlog serve`` does) lets pages whose
    inputs are unchanged be reused instead of written again; the result is
    the same with or without it.
    """
    from . import dashboard, entries, groups, overview, people, serendipity, timeline, visibility

    items = followups.compute_all(log, today)
    site = Site(log, today, items, audit_mod.summaries(log, today, items), directory_urls=directory_urls,
                memo=memo)
    for module in (dashboard, overview, groups, people, entries, timeline, visibility, serendipity):
        module.add_pages(site)
    return site


def add(site: Site, src_uri: str, title: str, markdown: str, *, generated: bool = True,
        tags: tuple[str, ...] = (), toc: bool = False, boost: float | None = None) -> None:
    """Register a page: ``toc`` keeps Material's table of contents, ``boost`` ranks it in search."""
    site.pages[src_uri] = markdown
    site.titles[src_uri] = title
    if toc:
        site.with_toc.add(src_uri)
    if boost is not None:
        site.boost[src_uri] = boost
    if tags:
        site.tags[src_uri] = list(tags)
    if generated:
        site.generated.add(src_uri)


#: Material's search parser skips elements with this attribute (and its plugin strips it
#: from the page afterwards, so the HTML written is the same).
SEARCH_EXCLUDE = 'data-search-exclude="repeated"'


def keep_repeats_out_of_search(site: Site, src_uri: str, html: str) -> str:
    """``html`` with its tables kept out of Material's search index when the page only repeats
    what entry and person pages hold (generated pages and person pages list entries, items and
    people): a smaller index whose results lead to the page that holds the text."""
    if src_uri in site.generated or src_uri.startswith("people/"):
        return html.replace("<table>", f"<table {SEARCH_EXCLUDE}>")
    return html
