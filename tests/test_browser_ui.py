"""The site as a person uses it (issue 10): phone layout, contrast, width, search, dashboard.

Headless Debian Chromium via Playwright, on the example log and on a generated
1,000-entry log (``benchmarks/genlog.py``). Measured in the browser:

- no page kind needs sideways scrolling at 390 px; no table column is cut at
  1280, 1440 or 1920 px;
- axe-core finds no serious or critical WCAG 2.0/2.1 A or AA violation (Material's header
  and tabs included) on any page kind, at 390 and 1280 px, in both schemes (issue 26);
- every text of the generated content has WCAG AA contrast (4.5:1, 3:1 for large
  text) against its computed background, in the light and the dark scheme, and the
  heatmap's shades are distinct (3:1 against the page for active days);
- search puts a person's page first for their name, an aka and an accent-free name,
  under ``netlog serve`` and from ``file://``; snippets read as text;
- the dashboard shows at most 10 items per status group, lateness in words, the
  command that records an item done; heatmap cells link to existing timeline anchors.

Screenshots of every page kind at 390 and 1280 px, light and dark, go to
``test-output/ui/`` (git-ignored).
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import sitehelpers as h

from netlog import registry
from test_browser import (OUTPUT, TIMEOUT_MS, Server, _local, _on_disk, browser, context,  # noqa: F401
                          new_context, page)

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real browser (left out of the quick lane)

SHOTS = OUTPUT / "ui"
BENCH = h.ROOT / "benchmarks"
SCHEMES = (("light", "default"), ("dark", "slate"))

# ---------------------------------------------------------------------------- measuring in the page

# Every visible text node of the article: its colour (fill for SVG text) over the background
# actually behind it (translucent layers composited up to the first opaque one), and whether it
# counts as large text (24 px, or 18.66 px bold).
CONTRAST_JS = r"""
() => {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const out = [];
  const root = document.querySelector("article.md-content__inner") || document.querySelector("article");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (seen.has(el)) continue;
    seen.add(el);
    if (el.closest(".nl-sr, title, script, style, .md-code__nav")) continue;
    const rect = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    if (rect.width === 0 || rect.height === 0 || cs.visibility === "hidden" || cs.display === "none") continue;
    const isSvg = el instanceof SVGElement;
    let fg = parse(isSvg ? cs.fill : cs.color);
    if (!fg) continue;
    const bg = background(isSvg ? el.closest("div") : el);
    if (fg[3] < 1) fg = over(fg, bg);
    const size = parseFloat(cs.fontSize) * (isSvg ? (el.getScreenCTM() ? el.getScreenCTM().a : 1) : 1);
    const bold = parseInt(cs.fontWeight, 10) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    out.push({text: node.textContent.trim().slice(0, 40), ratio: ratio(fg, bg), need: large ? 3 : 4.5,
              cls: el.className && el.className.baseVal !== undefined ? el.className.baseVal : el.className,
              tag: el.tagName});
  }
  // heatmap shades (the cells' fills; the legend shows every level): against the page, and
  // against each other
  const page = background(document.querySelector(".md-content") || document.body);
  const shades = [0, 1, 2, 3, 4].map(n => {
    const r = document.querySelector(".nl-hm-" + n);
    const key = document.querySelector(".nl-hm-key-" + n);
    return r ? parse(getComputedStyle(r).fill) : key ? parse(getComputedStyle(key).backgroundColor) : null;
  });
  return {texts: out, shades: shades.map(s => s && ratio(s, page)),
          steps: shades.slice(1).map((s, i) => s && shades[i] ? ratio(s, shades[i]) : null)};
}
"""

# axe-core as the axe-playwright-python package ships it (the test extra: pip installs it,
# nothing is fetched from a CDN); only its script is used, with the WCAG 2.0/2.1 A and AA rules
AXE_JS = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
AXE_RUN = """async () => (await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    resultTypes: ["violations"]})).violations
  .filter(v => v.impact === "serious" || v.impact === "critical")
  .map(v => `${v.id} (${v.impact}) x${v.nodes.length}: ${v.nodes[0].target.join(" ")}`)"""

# sideways scrolling of the page itself (scroll boxes inside the page are fine)
OVERFLOW_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"

# tables whose content is wider than the box that shows them (a cut column)
CUT_TABLES_JS = r"""
() => [...document.querySelectorAll("article table")].filter(t => {
  const box = t.closest(".md-typeset__scrollwrap") || t.parentElement;
  return t.scrollWidth > box.clientWidth + 1 || t.getBoundingClientRect().right >
         document.querySelector("article").getBoundingClientRect().right + 1;
}).map(t => t.querySelector("th") ? t.querySelector("th").textContent : "?")
"""


def _kinds(site: Path) -> dict[str, str]:
    """One page of every generated kind: {name: path relative to the site}."""
    people = {p.stem for p in (site.parent / "proj" / "log" / "people").glob("*.md")} if (
        site.parent / "proj").exists() else set()
    person_pages = sorted(p for p in (site / "people").glob("*.html") if p.stem != "index")
    real = [p for p in person_pages if p.stem in people] or person_pages
    stubs = [p for p in person_pages if p.stem not in people]
    # the person with the most entries shows the most blocks
    person = max(real, key=lambda p: (p.stat().st_size, p.name))
    entries = sorted(p for p in site.glob("2*/*.html"))
    entry = max(entries[-60:], key=lambda p: (p.stat().st_size, p.name))
    years = sorted(p.name for p in (site / "timeline").glob("2*.html"))
    orgs = sorted((site / "orgs").glob("*.html"))
    # every top-level page of the registry (pages declared once), then one page of each family
    # and of the pages made per person and per entry
    out = {p.title.lower(): p.uri[:-3] + ".html" for p in registry.TOP_PAGES}
    out["person"] = person.relative_to(site).as_posix()
    if stubs:
        out["stub"] = stubs[0].relative_to(site).as_posix()
    out.update({"year": f"timeline/{years[-1]}",
                "org": max(orgs, key=lambda p: p.stat().st_size).relative_to(site).as_posix(),
                "entry": entry.relative_to(site).as_posix()})
    assert registry.FAMILIES == (registry.YEAR_PAGES, registry.ORG_PAGES)  # a new family: survey one of it here
    return out


def _open(page, url: str, expected_scheme: str) -> None:
    page.goto(url)
    page.locator("article h1").first.wait_for()
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{expected_scheme}'",
                           timeout=TIMEOUT_MS)


def _contrast_failures(page) -> tuple[list[str], dict]:
    found = page.evaluate(CONTRAST_JS)
    bad = [f"{t['tag']}.{t['cls']} {t['text']!r}: {t['ratio']:.2f} < {t['need']}"
           for t in found["texts"] if t["ratio"] < t["need"] - 0.005]
    return bad, found


def _check_heatmap_shades(found: dict, where: str) -> None:
    shades, steps = found["shades"], found["steps"]
    if shades[1] is None:
        return
    for level in (1, 2, 3, 4):
        assert shades[level] >= 3, f"{where}: heatmap level {level} has {shades[level]:.2f}:1 against the page"
    for n, step in enumerate(steps, start=1):
        assert step is None or step >= 1.25, f"{where}: heatmap levels {n - 1} and {n} too alike ({step:.2f}:1)"


def _survey(browser, site: Path, label: str, *, screenshots: bool) -> None:
    """Every page kind of ``site`` at 390 and 1280 px in both schemes: axe-core, overflow, cut
    tables, contrast; then 1440 and 1920 px for cut tables. Screenshots under test-output/ui/."""
    kinds = _kinds(site)
    problems: list[str] = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    for scheme, expected in SCHEMES:
        for width in (390, 1280):
            ctx = new_context(browser, color_scheme=scheme)
            try:
                page = ctx.new_page()
                page.set_viewport_size({"width": width, "height": 900})
                for name, path in kinds.items():
                    _open(page, (site / path).as_uri(), expected)
                    where = f"{label} {name} ({path}) {width}px {scheme}"
                    # axe-core: no serious or critical WCAG 2.0/2.1 A or AA finding (issue 26)
                    page.add_script_tag(path=str(AXE_JS))
                    problems += [f"{where}: axe: {v}" for v in page.evaluate(AXE_RUN)]
                    extra = page.evaluate(OVERFLOW_JS)
                    if extra > 0:
                        problems.append(f"{where}: {extra}px of sideways scrolling")
                    if width > 390:
                        cut = page.evaluate(CUT_TABLES_JS)
                        if cut:
                            problems.append(f"{where}: cut tables {cut}")
                        bad, found = _contrast_failures(page)
                        problems += [f"{where}: {b}" for b in bad[:5]]
                        _check_heatmap_shades(found, where)
                    if screenshots:
                        page.screenshot(path=str(SHOTS / f"{label}-{name}-{width}-{scheme}.png"), full_page=True)
                assert not ctx.recorder.outside(_on_disk)
            finally:
                ctx.close()
    ctx = new_context(browser)
    try:
        page = ctx.new_page()
        for width in (1440, 1920):
            page.set_viewport_size({"width": width, "height": 1000})
            for name, path in kinds.items():
                page.goto((site / path).as_uri())
                cut = page.evaluate(CUT_TABLES_JS)
                if cut:
                    problems.append(f"{label} {name} {width}px: cut tables {cut}")
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """`netlog build` of the example log as of its date; the site folder."""
    root = tmp_path_factory.mktemp("ui")
    project = h.copy_example(root / "proj")
    # one ref with no person file, so the site has a stub page (outside the heatmap's weeks,
    # and of a kind with no follow-up rule: the dashboard is unchanged)
    (project / "log" / "2025" / "2025-01-10-email-ada-quill.md").write_text(
        "---\ndate: 2025-01-10\nkind: email\nwith: Ada Quill\ntitle: Ada Quill asks about the clinic\n---\n"
        "She runs the volunteer rota at the Eastside clinic.\n", encoding="utf-8")
    site = root / "site"
    h.assert_ok(h.build(project, site))
    return site


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """A generated 1,000-entry log with the example's config (both colour schemes); its site."""
    sys.path.insert(0, str(BENCH))
    try:
        import genlog
    finally:
        sys.path.remove(str(BENCH))
    root = tmp_path_factory.mktemp("ui-1k")
    project = genlog.generate(root / "proj", 1000, 200, 1)
    shutil.copy2(h.EXAMPLE / "mkdocs.yml", project / "mkdocs.yml")
    shutil.rmtree(project / "overrides", ignore_errors=True)
    shutil.copytree(h.EXAMPLE / "overrides", project / "overrides")
    site = root / "site"
    h.assert_ok(h.build(project, site))
    return site


# ---------------------------------------------------------------------------- layout and contrast


def test_every_page_kind_fits_a_phone_and_reads_in_both_schemes(browser, example):
    assert {"stub", "org", "year", "entry"} <= set(_kinds(example))
    _survey(browser, example, "example", screenshots=True)


def test_person_page_reads_like_a_contact_card(page, example):
    page.goto((example / "people" / "margaret-okafor.html").as_uri())
    ids = page.evaluate("() => [...document.querySelectorAll('article h2')].map(h => h.id)")
    assert ids[0] == "notes" and ids.index("open") < ids.index("entries")
    card = page.locator(".nl-profile:not(.nl-ties)")
    assert card.locator("a[href^='mailto:']").count() == 1
    assert card.locator("a[href='tel:+15550142']").count() == 1
    assert card.locator("a[href='../orgs/okafor-advisory.html']").inner_text() == "Okafor Advisory"
    for label in ("Cadence", "Last contact", "Next due"):
        assert card.locator("dt", has_text=label).count() == 1
    assert card.locator("dt", has_text="Tie strength").count() == 1
    assert card.locator("a[href='#ties']").count() == 1  # to the block with its four parts
    text = page.locator("article").inner_text()
    assert "No one recorded" not in text and "None recorded" not in text
    ties = page.locator(".nl-ties").inner_text()
    assert ties.count("Harold Whitcombe") == 1  # met via and the intro entry: one name
    assert page.locator("#entries ~ .nl-table th").all_inner_texts()[:3] == ["Date", "Kind", "Title"]
    assert page.locator("#entries ~ .nl-table .nl-tag-planned").count() >= 1
    # a stub: the same shape, and the command that creates the file
    page.goto((example / "people" / "ada-quill.html").as_uri())
    assert page.locator(".admonition pre code").inner_text() == 'netlog person "Ada Quill"'
    assert page.locator(".nl-profile:not(.nl-ties)").count() == 1


def test_every_page_kind_of_a_1000_entry_log_fits_and_reads(browser, big):
    _survey(browser, big, "1k", screenshots=True)


# ---------------------------------------------------------------------------- dashboard


def _dashboard_groups(page) -> dict[str, list[dict]]:
    return page.evaluate(r"""() => Object.fromEntries(["overdue", "due-today", "upcoming"].map(id => {
        const h = document.getElementById(id);
        const list = h && h.nextElementSibling && h.nextElementSibling.matches("ul.nl-items")
                     ? h.nextElementSibling : null;
        return [id, list ? [...list.querySelectorAll(":scope > li")].map(li => ({
            when: li.querySelector(".nl-when").textContent,
            text: li.innerText,
            cmd: li.querySelector("pre code").textContent,
            copy: !!li.querySelector("[data-md-type=copy]")})) : []];
    }))""")


def _days(when: str) -> int:
    m = re.fullmatch(r"(\d[\d,]*) (day|week|month|year)s? overdue", when)
    assert m, when
    return int(m.group(1).replace(",", "")) * {"day": 1, "week": 7, "month": 30, "year": 365}[m.group(2)]


def test_dashboard_says_what_to_do_next(page, example):
    page.goto((example / "index.html").as_uri())
    page.locator("ul.nl-items [data-md-type=copy]").first.wait_for(state="attached")
    groups = _dashboard_groups(page)
    overdue = groups["overdue"]
    # 3 on 2026-11-25, as `netlog due` says (tests/test_browser.py): the example's introduced
    # entries and the thank-you to Harold closed Keiko's and Sam's items and moved Harold's cadence
    assert len(overdue) == 3
    owen = [i for i in overdue if h.OVERDUE_PERSON in i["text"]]
    assert owen and h.OVERDUE_ACTION in owen[0]["text"]
    assert owen[0]["when"] == "5 weeks overdue"
    assert "after the event on 14 Oct" in owen[0]["text"]
    assert owen[0]["cmd"] == "netlog done owen-marsh --kind follow-up"
    assert all(i["copy"] for i in overdue), "Material's copy button on each command"
    days = [_days(i["when"]) for i in overdue]
    assert days == sorted(days), "the most recently due first"
    upcoming = groups["upcoming"]
    assert any(i["when"] == "in 2 days" and "introduced you to Nathan Pryce" in i["text"] for i in upcoming)
    # the summary figures are links to their lists
    hrefs = page.locator(".nl-cards a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs[:3] == ["follow-ups.html#overdue", "follow-ups.html#due-today", "follow-ups.html#upcoming"]
    # what to do comes before the activity (issue 26: the first action above the fold on a phone)
    order = page.evaluate("() => [...document.querySelectorAll('article h2')].map(h => h.id)")
    assert order.index("overdue") < order.index("upcoming") < order.index("activity")
    page.locator(".nl-card-overdue").click()
    page.wait_for_url("**/follow-ups.html#overdue")


def test_dashboard_caps_each_group_on_a_1000_entry_log(page, big):
    page.goto((big / "index.html").as_uri())
    groups = _dashboard_groups(page)
    assert len(groups["overdue"]) == 10
    for items in groups.values():
        assert len(items) <= 10
    days = [_days(i["when"]) for i in groups["overdue"]]
    assert days == sorted(days)
    total = int(page.locator(".nl-card-overdue .nl-num").inner_text().replace(",", ""))
    assert total > 10
    more = page.locator("#overdue ~ p.nl-more a").first
    assert more.inner_text() == f"all {total:,} on the follow-ups page"
    # slugs keep letters of any script (docs/format.md §3: `王伟` → `王伟`), as the generated names have
    assert all(re.fullmatch(r"netlog done [^\W_]+(?:-[^\W_]+)* --kind [a-z-]+|netlog new takeaways --title .*",
                            i["cmd"]) for i in groups["overdue"]), [i["cmd"] for i in groups["overdue"]]


def _heatmap_links_resolve(page, site: Path) -> int:
    page.goto((site / "index.html").as_uri())
    hrefs = page.locator(".nl-heatmap a").evaluate_all("els => els.map(e => e.href.baseVal || e.getAttribute('href'))")
    assert hrefs, "active days are links"
    resolved = 0
    for href in hrefs:
        url = urlsplit(href)
        target = (site / unquote(url.path)).resolve()
        assert target.is_file(), href
        assert f'id="{url.fragment}"' in target.read_text(encoding="utf-8"), href
        resolved += 1
    return resolved


def test_heatmap_days_link_to_the_timeline(page, example):
    n = _heatmap_links_resolve(page, example)
    assert n >= 20
    legend = page.locator(".nl-hm-legend")
    assert "Less" in legend.inner_text() and "More" in legend.inner_text()
    page.locator(".nl-heatmap a").last.click()
    page.wait_for_url(re.compile(r".*/timeline/\d{4}\.html#d-\d{4}-\d{2}-\d{2}$"))
    anchor = urlsplit(page.url).fragment
    assert page.locator(f"[id='{anchor}']").count() == 1


def test_heatmap_links_resolve_on_a_1000_entry_log(page, big):
    assert _heatmap_links_resolve(page, big) > 50


# ---------------------------------------------------------------------------- search


SEARCHES = [("Owen Marsh", "people/owen-marsh.html"),  # a name
            ("Maggie", "people/margaret-okafor.html"),  # an aka
            ("Nunez", "people/jose-nunez.html"),  # an accent-free spelling of José Núñez
            ("Tom Brennan", "people/thomas-brennan.html")]


def type_query(page, query: str) -> None:
    """Type ``query`` into Material's search box, opened if need be (it stays open between queries)."""
    box = page.locator("input[data-md-component=search-query]")
    if not box.is_visible():
        page.keyboard.press("/")
        box.wait_for(state="visible")
        # Material ignores keystrokes typed before its search worker has loaded the index
        page.wait_for_function(
            "() => !/initializing/i.test(document.querySelector('.md-search-result__meta').textContent)",
            timeout=TIMEOUT_MS)
    box.fill("")
    box.press_sequentially(query)


def _first_results(page, query: str) -> list[str]:
    """The result links for ``query``, best first."""
    type_query(page, query)
    h.wait_for_results(page, query, TIMEOUT_MS)
    return page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")


def _check_search(page, start: str) -> None:
    page.goto(start)
    for query, expected in SEARCHES:
        hrefs = _first_results(page, query)
        assert urlsplit(hrefs[0]).path.endswith("/" + expected), (query, hrefs[:5])
    # the snippet of a person's page reads as text: labels and values apart
    _first_results(page, "Nunez")
    snippet = page.locator(".md-search-result__item").first.inner_text()
    assert "Castellan Wright LLP" in snippet
    assert not re.search(r"(Org|Role|Email|Cadence|Entries)[A-Z0-9]", snippet), snippet


def under_serve(browser, example, check) -> None:
    """``check(page, url)`` on the example's site under `netlog serve`; nothing loaded from outside."""
    project = example.parent / "proj"
    addr = f"127.0.0.1:{h.free_port()}"
    srv = Server(project, "--dev-addr", addr, "--today", h.TODAY, addr=addr)
    ctx = new_context(browser)
    try:
        srv.wait()
        check(ctx.new_page(), srv.url)
        assert ctx.recorder.outside(_local) == []
    finally:
        ctx.close()
        srv.stop()


def from_disk(context, example, check) -> None:
    """``check(page, url)`` on the example's built site opened from disk; nothing loaded from outside."""
    check(context.new_page(), (example / "index.html").as_uri())
    assert not context.recorder.outside(_on_disk)


def test_search_finds_people_under_serve(browser, example):
    under_serve(browser, example, _check_search)


def test_search_finds_people_from_disk(context, example):
    from_disk(context, example, _check_search)
