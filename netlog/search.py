"""What the search index holds of each page (docs/format.md §9, "Search").

Material indexes each page's HTML, section by section, and shows a section's
text as the result's snippet. :func:`for_search` adjusts a page's Markdown
before it is rendered (pages.add calls it for every page), so ``netlog
build``, ``netlog serve`` and the folder ``netlog render`` writes index the
same text:

- an entry page's header (Date, Kind, With …), its follow-ups table and its
  previous/next links are kept out of the index (``data-search-exclude``),
  and a hidden sentence takes their place: "Interview with José Núñez and
  Priya Raman on 15 October 2024, via Thomas Brennan." The entry is still
  found by the people in it, and its snippet starts with words, not with
  "Date 2022-07-14 Kind call";
- every page whose text has accented words gets their accent-free spellings
  in the same hidden paragraph, so an accent-free query ("Nunez") finds every
  page the accented one ("Núñez") finds.

The paragraph has the ``hidden`` attribute: never shown on the page, never read
out by a screen reader; Material's index keeps its text (so a snippet may end
with the accent-free words).
"""

from __future__ import annotations

import re

from .pages.md import MONTHS, block, h
from .slug import drop_accents as fold

#: Material's search parser skips elements with this attribute, and its plugin strips it
#: from the page afterwards (so the HTML written is the same as without it). Its parser
#: stops skipping at the first end tag of the same name, so the attribute goes on elements
#: with no descendant of their own tag: the header's <dl>, not its <div>.
EXCLUDE = 'data-search-exclude="repeated"'
# an entry page's header facts, its follow-ups heading and table, its previous/next links
_REPEATS = ('<div class="nl-entry-header">\n<dl', '<div class="nl-entry-items">\n<p',
            '<div class="nl-table nl-fixed nl-entry-fu"><table', '<nav class="nl-prevnext"')
_WORD = re.compile(r"\w+")
_TABLE = re.compile(r"<table>.*?</table>", re.S)


def for_search(site, src_uri: str, markdown: str, *, entry: bool) -> str:
    """``markdown`` (a page of ``site``, a pages.Site) as the search index should read it (see
    the module docstring); ``entry``: it is an entry page. Pages are returned unchanged when
    there is nothing to do (an ASCII page other than an entry's). With ``site.memo`` (``netlog
    serve``), the result for an unchanged page, sentence and kind is reused."""
    sentence = entry_sentence(site, site.entry(src_uri)) if entry else ""
    memo = site.memo
    if memo is None:
        return _for_search(markdown, sentence, entry)
    # the result is a function of these three alone: `netlog serve` keeps it while they are equal
    key = (markdown, sentence, entry)
    kept = memo.get(("search", src_uri))
    if kept is not None and kept[0] == key:
        return kept[1]
    out = _for_search(markdown, sentence, entry)
    memo[("search", src_uri)] = (key, out)
    return out


def _for_search(markdown: str, sentence: str, entry: bool) -> str:
    if entry:
        for start in _REPEATS:
            markdown = markdown.replace(start, f"{start} {EXCLUDE}", 1)
    # the tables of other pages are kept out of the index (pages.keep_repeats_out_of_search):
    # their words must not make the page found by an accent-free spelling either
    folded = [] if markdown.isascii() else accent_free(markdown if entry else _TABLE.sub(" ", markdown))
    if not sentence and not folded:
        return markdown
    # a plain str: joined to the page's Markdown, a Markup would escape it (markupsafe's __radd__)
    hidden = str(block(f'<p hidden>{h(" ".join(x for x in (sentence, " ".join(folded)) if x))}</p>')) + "\n"
    if entry:  # first: the snippet starts with the sentence
        head, sep, rest = markdown.partition("\n")  # after the page's `# ` title
        return (head + sep + "\n" + hidden + rest) if head.startswith("# ") else hidden + "\n" + markdown
    # last in the page's first section (before netlog's first `## ` heading): still that
    # section's words, after what its snippet should show (a person's org, role ...)
    at = markdown.find("\n## ")
    return markdown + "\n" + hidden if at < 0 else markdown[:at + 1] + "\n" + hidden + markdown[at:]


def accent_free(text: str) -> list[str]:
    """The accent-free spellings of the accented words of ``text``, once each, in order."""
    out: dict[str, None] = {}
    for word in _WORD.findall(text):
        if not word.isascii():
            bare = fold(word)
            if bare != word:
                out.setdefault(bare)
    return list(out)


def entry_sentence(site, entry) -> str:
    """What an entry is, as a sentence: ``Interview with José Núñez and Priya Raman on
    15 October 2024, via Thomas Brennan.`` (plain text)."""
    from .pages.words import kind_words
    from .titles import join_names

    people = site.log.people
    what = kind_words(entry.kind)
    text = what[:1].upper() + what[1:]
    if entry.with_:
        text += " with " + join_names([people[s].name for s in entry.with_])
    d = entry.date
    text += f" on {d.day} {MONTHS[d.month - 1]} {d.year}"
    if entry.via:
        text += ", via " + join_names([people[s].name for s in entry.via])
    return text + "."
