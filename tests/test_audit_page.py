"""The audit page in a real browser (issue 24): a document a person acts on, on a phone and a desk.

The example log built with MkDocs as of its date, opened from disk in headless
Chromium at 390 and 1280 px in the light and the dark scheme: the summary comes
first (tiers at a glance, gaps, people to reconnect with), every part follows with
its next step, then the older findings; nothing scrolls sideways, no label of a
stacked card runs into its neighbour, every text has AA contrast, every person
link leads to their page, and a goal's route reads as a chain of names with the
reason of each link. Screenshots go to ``test-output/audit/`` (git-ignored).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import sitehelpers as h
from test_browser import OUTPUT, browser, new_context  # noqa: F401
from test_browser_ui import OVERFLOW_JS, SCHEMES, _contrast_failures, _open

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = OUTPUT / "audit"

# a stacked card's label (td::before, absolutely placed) taller than its cell runs into the next
# cell; elements of an audit card that overlap each other vertically print over each other
OVERLAPS_JS = r"""
() => {
  const out = [];
  for (const td of document.querySelectorAll("article .nl-table td")) {
    const before = getComputedStyle(td, "::before");
    if (before.content === "none" || before.position !== "absolute") continue;
    const h = parseFloat(before.height) + parseFloat(before.top);
    if (h > td.getBoundingClientRect().height + 1) out.push("label " + td.dataset.label + " over its cell");
  }
  for (const card of document.querySelectorAll("article .nl-audit-card, article .nl-audit-list > li")) {
    const kids = [...card.children].filter(k => k.getBoundingClientRect().height > 0);
    for (let i = 1; i < kids.length; i++) {
      const a = kids[i - 1].getBoundingClientRect(), b = kids[i].getBoundingClientRect();
      if (b.top < a.bottom - 1) out.push("overlap in " + card.textContent.trim().slice(0, 30));
    }
    if (card.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      out.push("card past the edge: " + card.textContent.trim().slice(0, 30));
  }
  return out;
}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("audit-page")
    project = h.copy_example(root / "proj")
    out = root / "site"
    h.assert_ok(h.build(project, out))
    return out


@pytest.mark.parametrize("width", [390, 1280])
def test_the_audit_page_reads_at_both_widths_in_both_schemes(browser, site, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for scheme, expected in SCHEMES:
        ctx = new_context(browser, color_scheme=scheme)
        try:
            page = ctx.new_page()
            page.set_viewport_size({"width": width, "height": 900})
            _open(page, (site / "audit.html").as_uri(), expected)
            where = f"{width}px {scheme}"
            if page.evaluate(OVERFLOW_JS) > 0:
                problems.append(f"{where}: sideways scrolling")
            problems += [f"{where}: {p}" for p in page.evaluate(OVERLAPS_JS)]
            bad, _ = _contrast_failures(page)
            problems += [f"{where}: {b}" for b in bad[:5]]
            page.screenshot(path=str(SHOTS / f"audit-{width}-{scheme}.png"), full_page=True)
        finally:
            ctx.close()
    assert not problems, "\n".join(problems)


def test_the_audit_page_puts_the_summary_first_and_links_every_person(browser, site):
    ctx = new_context(browser)
    try:
        page = ctx.new_page()
        page.goto((site / "audit.html").as_uri())
        headings = page.locator("article h2").all_inner_texts()
        parts = ["At a glance", "Tiers", "Roles", "Openness", "Goals", "Reconnect", "Since your last review"]
        assert headings[:len(parts)] == parts
        assert headings[len(parts)].startswith("Dormant")  # the older findings after the parts
        cards = page.locator(".nl-card-tier .nl-label").all_inner_texts()
        assert [c.lower() for c in cards] == ["inner circle", "middle ring", "outer ring"]
        gaps = page.locator("h3#gaps ~ ul.nl-audit-list").first.inner_text()
        assert "No active connector" in gaps and "NEXT STEP" in gaps.upper()
        reconnect = page.locator("ol.nl-audit-list li").all_inner_texts()
        assert reconnect and reconnect[0].startswith("Henry Osei")
        # a goal route: the chain of names, each link with its reason
        route = page.locator("ol.nl-route li").all_inner_texts()
        assert [r.split("\n")[0].strip() for r in route] == ["Nathan Pryce", "Arjun Mehta"]
        assert route[1].split("\n")[-1].strip() == "both at Whitlock & Gray LLP"
        # every finding's next step names what to do
        steps = page.locator("p.nl-step").all_inner_texts()
        assert len(steps) >= 10 and all(s.upper().startswith("NEXT STEP") for s in steps)
        # every person link leads to an existing person page
        hrefs = page.eval_on_selector_all("article a[href*='people/']", "els => els.map(e => e.href)")
        assert len(hrefs) > 20
        for href in hrefs:
            path = Path(unquote(urlsplit(href).path))
            assert path.is_file() and path.parent.name == "people", href
    finally:
        ctx.close()


def test_the_overlap_check_sees_a_label_that_runs_into_its_neighbour(browser, site):
    ctx = new_context(browser)
    try:
        page = ctx.new_page()
        page.set_viewport_size({"width": 390, "height": 900})
        page.goto((site / "audit.html").as_uri())
        assert page.evaluate(OVERLAPS_JS) == []
        # the labels as they were placed before they floated in their cell (absolutely, over it)
        page.add_style_tag(content=".md-typeset .nl-table table:not([class]) td::before "
                                   "{ position: absolute; float: none; left: .7rem; top: .2rem; margin: 0; }"
                                   ".md-typeset .nl-table table:not([class]) td { position: relative; }")
        page.evaluate("""() => { const td = document.querySelector("article .nl-table td");
                                 td.dataset.label = "Entries with a direction, all of them out"; }""")
        assert page.evaluate(OVERLAPS_JS) == ["label Entries with a direction, all of them out over its cell"]
    finally:
        ctx.close()
