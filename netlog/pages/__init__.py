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
from dataclasses import dataclass, field, fields
from typing import Callable

from markupsafe import Markup

from .. import audit as audit_mod
from .. import followups
from ..feed import to_ics
from .. import registry
from ..items import FollowUp
from ..model import Entry, Log
from .md import BLOCK_END, BLOCK_START, h, href, markup, unmark

NAV = registry.NAV  # (title, src_uri) of the top-level pages, declared in netlog/registry.py
ICS_URI = registry.ICS.uri
_TOUCHING_BLOCKS = re.compile(BLOCK_END + r"\n?" + BLOCK_START)  # one block right after another
#: Material features the pages rely on, turned on by the plugin and by `netlog render`'s config:
#: the copy button on the pages' "netlog new ..." commands
MATERIAL_FEATURES = ("content.code.copy",)


@dataclass(slots=True)
class Page:
    """One page of the site: its Markdown (HTML blocks marked, see md.py) and what MkDocs and
    Material are told about it."""

    uri: str  # src_uri, e.g. "people/ann-lee.md"
    title: str  # plain text
    markdown: str
    tags: tuple[str, ...] = ()  # Material tags
    toc: bool = False  # keeps Material's table of contents
    boost: float | None = None  # Material search boost
    generated: bool = True  # False for entry and person pages (a file of the log)


@dataclass(slots=True)
class Site:
    """Everything the site shows, computed once."""

    log: Log
    today: dt.date
    items: list[FollowUp]  # every item, closed ones included, sorted
    summaries: dict[str, audit_mod.PersonSummary]  # slug -> what the log says about them
    pages: dict[str, Page] = field(default_factory=dict)  # src_uri -> the page
    directory_urls: bool = False  # MkDocs' use_directory_urls: how links are written
    cache: dict[str, object] = field(default_factory=dict)  # computed once, shared by page modules
    memo: dict | None = None  # pages of an earlier build_pages, reused where their inputs are equal
    _entries: dict[str, Entry] = field(default_factory=dict)

    def entry(self, path: str) -> Entry:
        if not self._entries:
            self._entries = {e.path: e for e in self.log.entries}
        return self._entries[path]

    def kept(self, uri: str, inputs: Callable[[], tuple], make: Callable[[], str]) -> str:
        """The Markdown of page ``uri``: ``make()``, or with a memo (``netlog serve``) the text
        it gave last time when ``inputs()`` (everything ``make`` reads, as plain values: two
        equal keys must give the same page) is equal to what it was then."""
        if self.memo is None:
            return make()
        key = inputs()
        last = self.memo.get(("text", uri))
        if last is not None and last[0] == key:
            return last[1]
        text = make()
        self.memo[("text", uri)] = (key, text)
        return text

    def href(self, here: str, to: str) -> str:
        return href(here, to, self.directory_urls)

    def a(self, text: str, here: str, to: str) -> Markup:
        """An HTML link with escaped text from page ``here`` to page (or file) ``to``."""
        # href() percent-encodes everything but A-Za-z0-9-._~/ (paths.url_path): nothing to escape
        return markup(f'<a href="{self.href(here, to)}">{h(text)}</a>')

    @property
    def open_items(self) -> list[FollowUp]:
        return [i for i in self.items if not i.closed]

    def meta(self, src_uri: str) -> dict:
        """Page meta for MkDocs: an HTML-safe title (themes print it unescaped), tags, and
        Material's ``hide`` (no navigation sidebar: the tabs are the navigation; the table
        of contents only on long pages) and ``search.boost`` (a person's page first)."""
        page = self.pages.get(src_uri)
        if page is None:
            return {"hide": ["navigation", "toc"]}
        out: dict = {"hide": ["navigation"] if page.toc else ["navigation", "toc"]}
        if page.boost is not None:
            out["search"] = {"boost": page.boost}
        out["title"] = html.escape(page.title, quote=False)
        if page.tags:
            out["tags"] = [html.escape(t, quote=False) for t in page.tags]
        return out

    def markdown(self, src_uri: str) -> str:
        """The page as plain Markdown (its HTML blocks inline): what ``netlog render`` writes.

        Two blocks that touch are kept apart by a blank line, as :meth:`for_mkdocs` keeps
        them, so that Markdown makes the same HTML of them as the plugin's build.
        """
        return unmark(_TOUCHING_BLOCKS.sub(BLOCK_END + "\n\n" + BLOCK_START, self.pages[src_uri].markdown))

    def for_mkdocs(self, src_uri: str, token: str) -> tuple[str, list[str]]:
        """The page with each HTML block replaced by a placeholder comment, and the blocks.

        Python-Markdown re-parses raw HTML to stash it; the plugin puts the blocks back
        into the rendered page instead (``on_page_content``), which keeps big builds fast.
        """
        text = self.pages[src_uri].markdown
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
        return to_ics(self.open_items, self.today, self.log.options.alarm, memo=self.memo)

    def asset(self, asset: registry.Asset) -> bytes:
        """The bytes of one of netlog's files in the site (registry.ASSETS): the follow-up
        feed of this site, or a packaged file."""
        return self.ics() if asset.source is None else asset.packaged()


def build_pages(log: Log, today: dt.date, *, directory_urls: bool = False, memo: dict | None = None) -> Site:
    """Every page of the site for ``log`` as of ``today``.

    ``directory_urls`` follows MkDocs' ``use_directory_urls``: links in the
    raw HTML parts of pages are written for that URL layout. ``memo`` (a dict
    the caller keeps between calls, as ``netlog serve`` does) lets pages whose
    inputs are unchanged be reused instead of written again; the result is
    the same with or without it.

    With a memo, the log is compared with the last one by identity (``load.build_log``
    keeps unchanged entries and people as the same objects, issue 27 goal 3): when only
    entries' notes changed, every other page is the last call's (only an entry's own page
    shows its notes); when only their notes and tags changed, the tags page and person
    pages are looked at again too; when only entries changed, the entry pages looked at
    again are theirs, their neighbours' and those of the entries that share a person with
    them (:func:`changed_entries`); anything else is looked at page by page.
    """
    from . import dashboard, entries, groups, overview, people, serendipity, timeline, visibility

    items = followups.compute_all(log, today)
    site = Site(log, today, items, audit_mod.summaries(log, today, items), directory_urls=directory_urls,
                memo=memo)
    change = changed_entries(memo, log, today, directory_urls)
    by_entry = site.cache["items_by_entry"] = _items_by_entry(items)
    if change is not None:
        # an edit can give an entry far away other follow-ups (a link in a chain of
        # introductions): those entry pages are looked at again, whatever else changed
        before = memo.get("items_by_entry", {})
        moved = {path for path in by_entry.keys() | before.keys() if by_entry.get(path) != before.get(path)}
    if memo is not None:
        memo["last"] = (log, today, directory_urls, site.pages)
        memo["items_by_entry"] = by_entry
    if change is not None and change.fields <= {"body"} and not moved:
        site.pages.update(change.pages)
        entries.add_pages(site, only=change.paths)
        return site
    around = None if change is None else change.around(log, by_entry) | moved
    if change is not None and change.fields <= {"body", "tags"}:
        # entries' tags show on their own pages, the tags page and person pages (the anchors of
        # their tags): the other pages are the last call's (each page is put back in its place)
        site.pages.update(change.pages)
        people.add_pages(site)
        entries.add_pages(site, only=around)
        groups.add_tags_page(site)
        return site
    for module in (dashboard, overview, groups, people):
        module.add_pages(site)
    entries.add_pages(site, only=around, earlier=change.pages if change is not None else None)
    for module in (timeline, visibility, serendipity):
        module.add_pages(site)
    return site


@dataclass(slots=True)
class EntryChanges:
    """How a log differs from the one the last :func:`build_pages` call made pages of, when
    only entries differ (same people, options, date and URL layout)."""

    old: dict[str, Entry]  # path -> the entry as it was (added entries: absent)
    new: dict[str, Entry]  # path -> the entry as it is (removed entries: absent)
    old_order: list[Entry]  # the last log's entries
    pages: dict[str, Page]  # the last call's pages
    fields: set[str]  # the Entry fields that differ ("path" when entries came or went)

    @property
    def paths(self) -> set[str]:
        return set(self.old) | set(self.new)

    def around(self, log: Log, items: dict[str, tuple]) -> set[str]:
        """The entry pages that can differ besides those whose follow-ups differ: the changed
        entries' own; their neighbours' (before and after: previous/next links); and those with
        an item for a person of a changed entry (``with`` or ``via``, before or after), which
        may be the entry that closed it, named on the page (``items``: entry path -> its items)."""
        changed = self.paths
        slugs: set[str] = set()
        for e in (*self.old.values(), *self.new.values()):
            slugs.update(e.with_)
            slugs.update(e.via)
        out = set(changed)
        for order in (self.old_order, log.entries):
            for n, e in enumerate(order):
                if e.path in changed:
                    out.update(x.path for x in order[max(n - 1, 0):n + 2])
        out.update(path for path, now in items.items() if any(i.person in slugs for i in now))
        return out


def _items_by_entry(items: list[FollowUp]) -> dict[str, tuple[FollowUp, ...]]:
    """Entry path -> the items that entry gives, in order."""
    lists: dict[str, list[FollowUp]] = {}
    for i in items:
        if i.entry is not None:
            lists.setdefault(i.entry, []).append(i)
    return {path: tuple(found) for path, found in lists.items()}


def changed_entries(memo: dict | None, log: Log, today: dt.date, directory_urls: bool) -> EntryChanges | None:
    """The entries that differ from the last :func:`build_pages` call's log (by identity); None
    when there was none, or anything but entries differs (people, options, date, URL layout)."""
    last = memo.get("last") if memo is not None else None
    if last is None:
        return None
    old_log, old_today, old_urls, pages = last
    if (old_today != today or old_urls != directory_urls or getattr(old_log, "options", None)
            is not getattr(log, "options", None) or len(old_log.people) != len(log.people)):
        return None
    for (slug, person), (old_slug, old_person) in zip(log.people.items(), old_log.people.items()):
        if slug != old_slug or person is not old_person and person != old_person:  # stubs are made anew
            return None
    old = {e.path: e for e in old_log.entries}  # left holding the removed and changed ones
    new: dict[str, Entry] = {}
    for e in log.entries:
        kept = old.pop(e.path, None)
        if kept is not e:
            new[e.path] = e
            if kept is not None:
                old[e.path] = kept
    differ = set() if old.keys() == new.keys() else {"path"}
    for path, e in new.items():
        if path in old:
            differ.update(f for f in _ENTRY_FIELDS if getattr(e, f) != getattr(old[path], f))
    return EntryChanges(old, new, old_log.entries, pages, differ)


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def add(site: Site, src_uri: str, title: str, markdown: str, *, generated: bool = True,
        tags: tuple[str, ...] = (), toc: bool = False, boost: float | None = None) -> None:
    """Register a page: ``toc`` keeps Material's table of contents, ``boost`` ranks it in search.
    The search index's view of it is set here, for every way a site is made (netlog/search.py)."""
    from ..search import for_search

    # a plain str: a page is Markdown, not HTML (its HTML blocks are Markup while they are made)
    markdown = for_search(site, src_uri, str(markdown), entry=not generated and not src_uri.startswith("people/"))
    page = Page(src_uri, title, markdown, tuple(tags), toc, boost, generated)
    memo = site.memo
    if memo is not None:
        # a page equal to the last call's is that very object: `netlog serve` knows it by identity
        kept = memo.get(("page", src_uri))
        if kept == page:
            page = kept
        else:
            memo[("page", src_uri)] = page
    site.pages[src_uri] = page


#: Material's search parser skips elements with this attribute (and its plugin strips it
#: from the page afterwards, so the HTML written is the same).
SEARCH_EXCLUDE = 'data-search-exclude="repeated"'


def keep_repeats_out_of_search(site: Site, src_uri: str, html: str) -> str:
    """``html`` with its tables kept out of Material's search index when the page only repeats
    what entry and person pages hold (generated pages and person pages list entries, items and
    people): a smaller index whose results lead to the page that holds the text."""
    if site.pages[src_uri].generated or src_uri.startswith("people/"):
        return html.replace("<table>", f"<table {SEARCH_EXCLUDE}>")
    return html
