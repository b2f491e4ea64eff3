"""A site that reads like a product on a phone (issue 26), measured in headless Chromium.

- Phone: no stacked-card label overprints its value, the next row or the card's border on
  any page kind (the example log and a generated 1,000-entry log); the dashboard's first
  item and its action are on the first screen at 390 x 844; commands wrap between words,
  never inside one; the people index is a two-line list with a filter box and a sort menu
  (netlog's own script) that work, and the whole list without the script.
- Search: an accent-free query finds every page the accented one finds, from disk and under
  ``netlog serve``; an org's page comes first for its name; an entry's snippet starts with
  a sentence, not with the header's labels.
- Accessibility: axe-core sees a violation when there is one (every page kind is checked in
  test_browser_ui's survey).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import sitehelpers as h
from test_browser import TIMEOUT_MS, _on_disk, browser, context, new_context  # noqa: F401
from test_browser_ui import AXE_JS, AXE_RUN, _kinds, _open, big, example, from_disk, type_query, under_serve  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}


def _phone(ctx):
    """A page of ``ctx`` the size of a phone's screen (390 x 844)."""
    page = ctx.new_page()
    page.set_viewport_size(PHONE)
    return page

# ---------------------------------------------------------------------------- labels

# Every stacked-card cell whose label (td::before) is shown: the label's box from its computed
# style (float or absolute), against its cell, the value beside it and the next cell or card.
LABELS_JS = r"""
() => {
  const out = [];
  for (const td of document.querySelectorAll("article .nl-table td[data-label]")) {
    const cs = getComputedStyle(td, "::before");
    if (!cs || cs.content === "none" || cs.display === "none" || td.offsetParent === null) continue;
    const cell = td.getBoundingClientRect();
    const tcs = getComputedStyle(td);
    const width = parseFloat(cs.width), height = parseFloat(cs.height);
    if (!(height > 0)) continue;
    let top, left;
    if (cs.position === "absolute") {
      top = cell.top + parseFloat(cs.top); left = cell.left + parseFloat(cs.left);
    } else if (cs.float !== "none") {
      top = cell.top + parseFloat(tcs.paddingTop) + parseFloat(cs.marginTop);
      left = cell.left + parseFloat(tcs.paddingLeft) + parseFloat(cs.marginLeft);
    } else continue;  // an inline label flows with the text: it cannot print over anything
    const bottom = top + height, right = left + width;
    const label = td.getAttribute("data-label");
    const bad = [];
    if (bottom > cell.bottom + 0.5) bad.push(`runs ${(bottom - cell.bottom).toFixed(1)}px below its cell`);
    if (top < cell.top - 0.5 || left < cell.left - 0.5) bad.push("starts outside its cell");
    if (right > cell.left + parseFloat(tcs.paddingLeft) + 0.5) bad.push("runs into the value");
    const next = td.nextElementSibling || td.parentElement.nextElementSibling;
    if (next && next.offsetParent !== null && next.getBoundingClientRect().top < bottom - 0.5)
      bad.push("overlaps the next row");
    const card = td.parentElement.getBoundingClientRect();
    if (bottom > card.bottom + 0.5) bad.push("crosses the card's border");
    if (bad.length) out.push(`${label}: ${bad.join(", ")}`);
  }
  return out;
}
"""


def _overprints(browser, site: Path, label: str) -> list[str]:
    ctx = new_context(browser)
    problems = []
    try:
        page = _phone(ctx)
        for name, path in _kinds(site).items():
            _open(page, (site / path).as_uri(), "default")
            found = page.evaluate(LABELS_JS)
            problems += [f"{label} {name}: {x}" for x in found]
        assert page.evaluate("() => document.querySelectorAll('article .nl-table td[data-label]').length") > 0
    finally:
        ctx.close()
    return problems


def test_no_stacked_card_label_overprints_on_the_example(browser, example):
    assert _overprints(browser, example, "example") == []


def test_no_stacked_card_label_overprints_on_a_1000_entry_log(browser, big):
    assert _overprints(browser, big, "1k") == []


def test_the_label_measure_sees_an_overprint(browser, example):
    """The measure can fail: with the old absolutely placed labels it reports the cells."""
    ctx = new_context(browser)
    try:
        page = _phone(ctx)
        _open(page, (example / "serendipity.html").as_uri(), "default")
        page.add_style_tag(content=".md-typeset .nl-table table:not([class]) td::before "
                                   "{ position: absolute; float: none; left: .7rem; top: .2rem; margin: 0; }"
                                   ".md-typeset .nl-table table:not([class]) td { position: relative; }")
        assert any("INTRODUCED YOU TO" in x.upper() or "below its cell" in x for x in page.evaluate(LABELS_JS))
    finally:
        ctx.close()


# ---------------------------------------------------------------------------- dashboard and commands


@pytest.mark.parametrize("which", ["example", "big"])
def test_the_first_action_is_on_the_first_screen_of_a_phone(browser, request, which):
    site = request.getfixturevalue(which)
    ctx = new_context(browser)
    try:
        page = _phone(ctx)
        page.goto((site / "index.html").as_uri())
        first = page.locator("article ul.nl-items > li").first
        box = first.locator(".nl-action").bounding_box()
        assert box is not None
        assert box["y"] + box["height"] <= PHONE["height"], box
        status = first.get_attribute("class")
        assert "nl-item-overdue" in status or "nl-item-today" in status
    finally:
        ctx.close()


# each word of a command on one line (a word: a <span class="nl-word">), at 390 and 320 px
BROKEN_WORDS_JS = r"""
() => [...document.querySelectorAll("pre.nl-cmd")].flatMap(pre => {
  const words = [...pre.querySelectorAll(".nl-word")];
  if (!words.length) return ["a command without words: " + pre.textContent];
  return words.filter(w => w.getClientRects().length > 1).map(w => w.textContent);
})
"""


def test_commands_wrap_between_words_never_inside_a_slug(browser, example):
    ctx = new_context(browser)
    try:
        page = _phone(ctx)
        for width in (390, 320):
            page.set_viewport_size({"width": width, "height": 844})
            for path in ("index.html", "follow-ups.html", "people/thomas-brennan.html", "people/ada-quill.html"):
                page.goto((example / path).as_uri())
                assert page.evaluate(BROKEN_WORDS_JS) == [], (width, path)
            # a long command does wrap (between words) at this width
            page.goto((example / "index.html").as_uri())
            lines = page.evaluate("""() => Math.max(...[...document.querySelectorAll("pre.nl-cmd code")].map(
                c => Math.round(c.getBoundingClientRect().height / parseFloat(getComputedStyle(c).lineHeight))))""")
            assert lines >= 2
            text = page.locator("pre.nl-cmd code").first.inner_text()
            assert text.startswith("netlog new ") and "  " not in text
    finally:
        ctx.close()


# ---------------------------------------------------------------------------- the people list


ROWS_JS = r"""
() => [...document.querySelectorAll(".nl-people tbody tr")].filter(r => !r.hidden).map(r => {
  const cells = [...r.cells].filter(c => c.offsetParent !== null);
  // lines: the cells' line boxes, those less than 8 px apart (baselines of different sizes) one line
  const tops = cells.flatMap(c => [...c.getClientRects()].map(x => x.top)).sort((a, b) => a - b);
  const lines = tops.filter((t, i) => i === 0 || t - tops[i - 1] > 8).length;
  return {name: r.cells[0].innerText, tops: lines, height: r.getBoundingClientRect().height,
          shown: cells.map(c => c.getAttribute("data-label")), strength: Number(r.dataset.strength),
          next: r.dataset.next};
})
"""


def test_people_index_is_a_two_line_list_to_filter_and_sort_on_a_phone(browser, example):
    ctx = new_context(browser)
    try:
        page = _phone(ctx)
        page.goto((example / "people" / "index.html").as_uri())
        page.locator(".nl-listbar input").wait_for()
        rows = page.evaluate(ROWS_JS)
        assert len(rows) == 23  # 22 people and the stub the fixture adds
        for r in rows:
            assert set(r["shown"]) <= {"Name", "Org", "Last contact", "Next due"}, r
            assert r["tops"] <= 2 and r["height"] < 80, r
        assert page.evaluate("() => document.documentElement.scrollHeight") < 2600
        # filter: accents and case folded, every word
        page.locator(".nl-listbar input").fill("nunez")
        assert [r["name"] for r in page.evaluate(ROWS_JS)] == ["José Núñez"]
        assert page.locator(".nl-listcount").inner_text() == "1 of 23 shown"
        page.locator(".nl-listbar input").fill("castellan")
        assert len(page.evaluate(ROWS_JS)) == 3
        page.locator(".nl-listbar input").fill("")
        # sort: tie strength, strongest first; next due, soonest first and none last
        page.locator(".nl-listbar select").select_option(label="Tie strength")
        strengths = [r["strength"] for r in page.evaluate(ROWS_JS)]
        assert strengths == sorted(strengths, reverse=True) and strengths[0] > strengths[-1]
        page.locator(".nl-listbar select").select_option(label="Next due")
        due = [r["next"] for r in page.evaluate(ROWS_JS)]
        dated = [d for d in due if d]
        assert dated == sorted(dated) and due == dated + [""] * (len(due) - len(dated))
        page.locator(".nl-listbar select").select_option(label="Name")
        assert [r["name"] for r in page.evaluate(ROWS_JS)][:2] == ["Ada Quill (stub)", "Arjun Mehta"]
    finally:
        ctx.close()


def test_people_index_without_the_script_shows_everyone(browser, example):
    ctx = new_context(browser, java_script_enabled=False)
    try:
        page = _phone(ctx)
        page.goto((example / "people" / "index.html").as_uri())
        assert page.locator(".nl-listbar").count() == 0
        assert page.locator(".nl-people tbody tr").count() == 23
        assert page.locator(".nl-people tbody tr:visible").count() == 23
    finally:
        ctx.close()


def test_long_org_and_tag_lists_filter_on_a_1000_entry_log(browser, big):
    ctx = new_context(browser)
    try:
        page = _phone(ctx)
        for path, word in (("orgs.html", None), ("tags.html", None)):
            page.goto((big / path).as_uri())
            bar = page.locator(".nl-listbar input")
            bar.wait_for()
            rows = page.locator(".nl-list tbody tr")
            total = rows.count()
            assert total > 8
            first = rows.first.locator("td").first.inner_text()
            bar.fill(first)
            shown = page.locator(".nl-list tbody tr:visible").count()
            assert 1 <= shown < total, (path, first)
        # the tags page folds the older entries of a tag away
        assert page.locator("details.nl-more-entries").count() > 0
        assert page.locator("details.nl-more-entries[open]").count() == 0
    finally:
        ctx.close()


# ---------------------------------------------------------------------------- search


def _results(page, query: str) -> list[str]:
    """Every result page (path, no anchor) for ``query``, in order; Material renders results
    ten at a time as the list scrolls, so scroll until no more come."""
    type_query(page, query)
    # the results are the whole query's when the first link's highlight (?h=) holds the start
    # of its last word, accents folded (Material trims "josé" to "jos")
    page.wait_for_function(
        """(last) => { const a = document.querySelector('.md-search-result__item > a');
                       const fold = s => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
                       const got = a && new URL(a.href).searchParams.get('h');
                       return got && fold(got).includes(fold(last).slice(0, 3)); }""",
        arg=query.split()[-1], timeout=TIMEOUT_MS)
    page.wait_for_function(
        "(q) => document.querySelector('input[data-md-component=search-query]').value === q", arg=query)
    # Material renders the results ten at a time as its list scrolls: scroll it to the end until
    # the number of results stops growing (the same for five polls in a row)
    page.evaluate("""() => new Promise(done => {
        let last = -1, same = 0;
        const step = () => {
          const w = document.querySelector('.md-search__scrollwrap');
          if (w) w.scrollTop = w.scrollHeight;
          const n = document.querySelectorAll('.md-search-result__item').length;
          same = n === last ? same + 1 : 0;
          last = n;
          if (same >= 5) done(n); else setTimeout(step, 200);
        };
        step();
    })""")
    links = page.locator(".md-search-result__item a")
    root = page.evaluate("() => new URL(document.querySelector('link[rel=stylesheet][href*=assets]').href, "
                         "location.href).href.split('assets/')[0]")
    return [urlsplit(href.removeprefix(root)).path for href in links.evaluate_all("els => els.map(e => e.href)")]


def _pages(paths: list[str]) -> set[str]:
    return set(paths)


def _matching(page, query: str) -> int:
    """How many documents Material says match ``query``."""
    _results(page, query)
    meta = page.locator(".md-search-result__meta").inner_text()
    m = re.search(r"(\d+) matching", meta)
    return int(m.group(1)) if m else (1 if "1 matching" in meta else 0)


PAIRS = [("Núñez", "Nunez"), ("José", "Jose"), ("José Núñez", "Jose Nunez")]


def _check_search(page, start: str) -> None:
    page.goto(start)
    for accented, bare in PAIRS:
        # as many documents match the accent-free query as the accented one (Material's count)
        with_accents, without = _matching(page, accented), _matching(page, bare)
        assert with_accents > 0, accented
        assert without >= with_accents, (accented, with_accents, bare, without)
    # the person, the org and the entries that mention them
    found = _pages(_results(page, "Nunez"))
    assert {"people/jose-nunez.html", "orgs/castellan-wright-llp.html",
            "2024/2024-10-15-interview-jose-nunez.html"} <= found
    assert _results(page, "Nunez")[0] == "people/jose-nunez.html"
    # an org's page first for its name
    first = _results(page, "Castellan")[0]
    assert first.endswith("orgs/castellan-wright-llp.html"), first
    # an entry's snippet: the sentence, not the header's labels
    _results(page, "Priya")
    teasers = page.locator(".md-search-result__article").all_inner_texts()
    entry = [t for t in teasers if "Interview with José Núñez and Priya Raman on 15 October 2024" in t]
    assert entry, teasers[:5]
    assert not any(re.search(r"\bDate \d{4}-\d\d-\d\d Kind\b|Due State Person Action", t) for t in teasers)
    # the page shows the header, not the sentence (it is for search only)
    page.goto(start.rsplit("/", 1)[0] + "/2024/2024-10-15-interview-jose-nunez.html"
              if start.endswith(".html") else start + "2024/2024-10-15-interview-jose-nunez.html")
    assert "Interview with José Núñez" not in page.locator("article").inner_text()
    assert page.locator(".nl-entry-header").is_visible()


def test_search_folds_accents_from_disk(context, example):
    from_disk(context, example, _check_search)


def test_search_folds_accents_under_serve(browser, example):
    under_serve(browser, example, _check_search)


# ---------------------------------------------------------------------------- accessibility

# axe-core runs on every page kind, in both schemes, at 390 and 1280 px, of the example
# log and of the generated 1,000-entry log in test_browser_ui's survey (AXE_JS, AXE_RUN).


def test_axe_sees_what_it_should(browser, example):
    """The check can fail: Material's own tab colours (70% white) are reported."""
    ctx = new_context(browser)
    try:
        page = ctx.new_page()
        _open(page, (example / "index.html").as_uri(), "default")
        page.add_style_tag(content=".md-tabs__link { opacity: .7 !important; }")
        page.add_script_tag(path=str(AXE_JS))
        assert any(v.startswith("color-contrast") and "md-tabs" in v for v in page.evaluate(AXE_RUN))
    finally:
        ctx.close()
