"""What Material's search indexes, and how (docs/format.md §9, "Search").

Material builds its lunr index in the browser from ``search/search_index.json``;
netlog shapes that file in two places, both called from the plugin:

- :func:`keep_out` (per page, before Material's search plugin reads it) marks
  what only repeats facts with ``data-search-exclude``: an entry page's header
  (Date, Kind, With …), its follow-ups table and its previous/next links. A
  snippet then starts with words, not with "Date 2022-07-14 Kind call".
- :func:`rewrite_index` (after the build) gives each entry page's first
  section a sentence in their place ("Interview with José Núñez and Priya
  Raman on 15 October 2024, via Thomas Brennan."), so the entry is still found
  by the people in it; appends to every section the accent-free spelling of its
  accented words, so an accent-free query ("Nunez") finds every page the
  accented one ("Núñez") finds; and ranks org pages like person pages, their
  name as a search tag (an org's page first for its name, before the entries
  tagged with it).

The accent-free words go in an element with the ``hidden`` attribute: indexed,
never shown in a result.
"""

from __future__ import annotations

import html
import json
import re

from .pages.md import MONTHS
from .slug import drop_accents as fold

#: Material's search parser skips elements with this attribute, and its plugin strips it
#: from the page afterwards (so the HTML written is the same as without it). Its parser
#: stops skipping at the first end tag of the same name, so the attribute goes on elements
#: with no descendant of their own tag: the header's <dl>, not its <div>.
EXCLUDE = 'data-search-exclude="repeated"'
#: The search rank of an org page (person pages have the same: pages.people).
ORG_BOOST = 10
# an entry page's header facts, its follow-ups heading and table, its previous/next links
_REPEATS = ('<div class="nl-entry-header">\n<dl', '<div class="nl-entry-items">\n<p',
            '<div class="nl-table nl-fixed nl-entry-fu"><table', '<nav class="nl-prevnext"')
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")


def keep_out(site, src_uri: str, page_html: str) -> str:
    """``page_html`` with an entry page's header, follow-ups table and previous/next links kept
    out of the search index (``site``: a pages.Site; other pages are returned as they are)."""
    if src_uri in site.generated or src_uri.startswith("people/"):  # not an entry page
        return page_html
    for start in _REPEATS:
        page_html = page_html.replace(start, f"{start} {EXCLUDE}", 1)
    return page_html


def entry_sentence(site, entry) -> str:
    """What an entry is, as a sentence: ``Interview with José Núñez and Priya Raman on
    15 October 2024, via Thomas Brennan.`` (plain text)."""
    from .pages.words import kind_words

    people = site.log.people
    what = kind_words(entry.kind)
    text = what[:1].upper() + what[1:]
    if entry.with_:
        text += " with " + _and([people[s].name for s in entry.with_])
    d = entry.date
    text += f" on {d.day} {MONTHS[d.month - 1]} {d.year}"
    if entry.via:
        text += ", via " + _and([people[s].name for s in entry.via])
    return text + "."


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def rewrite_index(site, index_path: str, dest_uri) -> None:
    """Rewrite Material's ``search_index.json`` at ``index_path`` in place (see the module
    docstring). ``dest_uri(src_uri)`` is the URL MkDocs gives a page (as in the index)."""
    with open(index_path, encoding="utf-8") as fh:
        data = json.load(fh)
    entries = {dest_uri(e.path): e for e in site.log.entries}
    orgs = {dest_uri(uri): site.titles[uri] for uri in site.pages if uri.startswith("orgs/")}
    for doc in data.get("docs", []):
        location = doc.get("location", "")
        page = location.split("#", 1)[0]
        if page == location and page in entries:
            sentence = html.escape(entry_sentence(site, entries[page]), quote=False)
            doc["text"] = f"<p>{sentence}</p> " + doc.get("text", "")
        if page in orgs:
            doc["boost"] = ORG_BOOST
            if page == location:  # Material ranks a tag match far above a title match (entries
                doc["tags"] = [*doc.get("tags", []), orgs[page]]  # tagged with the org would win)
        plain = html.unescape(_TAG.sub(" ", doc.get("title", "") + " " + doc.get("text", "")))
        folded = []
        for word in dict.fromkeys(_WORD.findall(plain)):
            bare = fold(word)
            if bare != word and bare not in folded:
                folded.append(bare)
        if folded:
            doc["text"] = doc.get("text", "") + f' <span hidden>{html.escape(" ".join(folded), quote=False)}</span>'
    with open(index_path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
