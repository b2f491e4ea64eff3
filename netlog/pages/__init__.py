"""Generated pages: pure functions of (log, today) -> {src_uri: Markdown}.

Fourth stage of the pipeline. :func:`build_pages` returns every page of the
site as Markdown: the generated ones of SPEC section 6, each entry page with
its header above the notes, each person page (stubs included) with profile,
items and history. The plugin hands these to MkDocs; ``netlog render``
writes them to disk; nothing here knows about MkDocs.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

from .. import audit as audit_mod
from .. import followups
from ..ics import to_ics
from ..model import Entry, Item, Log
from .md import BLOCK_END, BLOCK_START, h, href, unmark

NAV = (
    ("Dashboard", "index.md"),
    ("Follow-ups", "follow-ups.md"),
    ("People", "people/index.md"),
    ("Timeline", "timeline/index.md"),
    ("Visibility", "visibility.md"),
    ("Audit", "audit.md"),
    ("Orgs", "orgs.md"),
    ("Tags", "tags.md"),
)
ICS_URI = "follow-ups.ics"


@dataclass(slots=True)
class Site:
    """Everything the site shows, computed once."""

    log: Log
    today: dt.date
    items: list[Item]  # every item, closed ones included, sorted
    contacts: dict[str, audit_mod.Contact]
    pages: dict[str, str] = field(default_factory=dict)  # src_uri -> Markdown
    titles: dict[str, str] = field(default_factory=dict)  # src_uri -> plain-text title
    tags: dict[str, list[str]] = field(default_factory=dict)  # src_uri -> Material tags
    generated: set[str] = field(default_factory=set)  # src_uris with no file in the log
    directory_urls: bool = False  # MkDocs' use_directory_urls: how links are written
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
    def open_items(self) -> list[Item]:
        return [i for i in self.items if not i.closed]

    def meta(self, src_uri: str) -> dict:
        """Page meta for MkDocs: an HTML-safe title (themes print it unescaped) and tags."""
        out: dict = {}
        if src_uri in self.titles:
            out["title"] = html.escape(self.titles[src_uri], quote=False)
        if self.tags.get(src_uri):
            out["tags"] = [html.escape(t, quote=False) for t in self.tags[src_uri]]
        return out

    def markdown(self, src_uri: str) -> str:
        """The page as plain Markdown (its HTML blocks inline): what ``netlog render`` writes."""
        return unmark(self.pages[src_uri])

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
        return to_ics(self.open_items, self.today)


def build_pages(log: Log, today: dt.date, *, directory_urls: bool = False, memo: dict | None = None) -> Site:
    """Every page of the site for ``log`` as of ``today``.

    ``directory_urls`` follows MkDocs' ``use_directory_urls``: links in the
    raw HTML parts of pages are written for that URL layout. ``memo`` (a dict
    the caller keeps between calls, as ``netlog serve`` does) lets pages whose
    inputs are unchanged be reused instead of written again; the result is
    the same with or without it.
    """
    from . import entries, overview, people, timeline, visibility

    items = followups.compute_all(log, today)
    site = Site(log, today, items, audit_mod.contacts(log, today, items), directory_urls=directory_urls,
                memo=memo)
    for module in (overview, people, entries, timeline, visibility):
        module.add_pages(site)
    return site


def add(site: Site, src_uri: str, title: str, markdown: str, *, generated: bool = True,
        tags: tuple[str, ...] = ()) -> None:
    site.pages[src_uri] = markdown
    site.titles[src_uri] = title
    if tags:
        site.tags[src_uri] = list(tags)
    if generated:
        site.generated.add(src_uri)
