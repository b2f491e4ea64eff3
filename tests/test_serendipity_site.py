"""The serendipity page, the person-page block and the people index's strength column
(docs/format.md §9 and §11): on the example log, on inline logs from 5 to 500 people, and in a
real browser (the SVG renders, every node links to an existing page, nothing loads from outside)."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

import sitehelpers as h
from helpers import entry, load_files, person
from netlog.pages import build_pages
from netlog.pages import serendipity as page_mod

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = h.copy_example(tmp_path_factory.mktemp("serendipity") / "proj")
    out = project.parent / "site"
    h.assert_ok(h.build(project, out))
    return out


def text_of(site: Path, rel: str) -> str:
    return h.visible_text((site / rel).read_text(encoding="utf-8"))


NODE = re.compile(r'<a class="nl-sg-node[^"]*" href="([^"]+)" data-slug="([^"]+)">')


def test_serendipity_page_shows_the_graph_the_openings_and_the_ledger(site):
    html = (site / "serendipity.html").read_text(encoding="utf-8")
    text = h.visible_text(html)
    start = html.index('<div class="nl-sg">')
    svg = html[start:html.index("</svg>", start)]
    assert "<script" not in svg and "http://www.w3.org/2000/svg" in svg
    nodes = NODE.findall(svg)
    slugs = [s for _, s in nodes]
    assert {"rachel-kim", "margaret-okafor", "harold-whitcombe", "nathan-pryce", "thomas-brennan",
            "jose-nunez", "elaine-fitzgerald", "grant-hollis"} <= set(slugs)
    assert len(slugs) == len(set(slugs))
    for href, slug in nodes:  # every node links to the person's existing page
        assert (site / unquote(href)).resolve() == (site / "people" / f"{slug}.html").resolve()
    # openings are ringed: the first person of each opening
    ringed = re.findall(r'<a class="nl-sg-node nl-sg-opening" href="[^"]+" data-slug="([^"]+)"', svg)
    assert sorted(ringed) == ["elaine-fitzgerald", "grant-hollis", "harold-whitcombe", "jose-nunez"]
    # each opening with its chain; the newest one's loop is open on 2026-11-25
    assert "you ← Harold Whitcombe ← Margaret Okafor ← Rachel Kim" in text
    assert "you ← José Núñez ← Thomas Brennan" in text
    assert "you ← Grant Hollis ← Elaine Fitzgerald" in text
    assert "Margaret Okafor (today, due 2026-11-25)" in text and "Rachel Kim (today, due 2026-11-25)" in text
    # the ledger: doors each way, and the one-sided balances
    assert "Doors opened for you (7)" in text and "Doors you opened (3)" in text
    assert re.search(r"Keiko Tanaka ?: 0 for you, 2 by you", text)
    assert re.search(r"Margaret Okafor ?: 3 for you, 1 by you", text)


def test_serendipity_is_in_the_navigation(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="serendipity.html"' in html


def test_person_page_shows_chain_doors_and_strength_parts(site):
    text = text_of(site, "people/harold-whitcombe.html")
    assert "Introductions and tie strength" in text
    assert "you ← Harold Whitcombe ← Margaret Okafor ← Rachel Kim" in text
    assert "Introduced to you Nathan Pryce" in text
    # the parts in plain words (issue 26), their weights and values in a collapsed block
    assert "Tie strength is how recent, how frequent, how deep and how mutual your contact is: " in text
    assert re.search(r"your last entry with them was \d+ days? ago, on \d{4}-\d\d-\d\d", text)
    html = (site / "people/harold-whitcombe.html").read_text(encoding="utf-8")
    numbers = html[html.index('<details class="nl-strength-numbers">'):]
    numbers = numbers[:numbers.index("</details>")]
    for part, weight in (("How recent", "40%"), ("How frequent", "30%"), ("How deep (in person)", "15%"),
                         ("How mutual", "15%")):
        assert f">{part}</td>" in numbers and f">{weight}</td>" in numbers
    assert "R: recency" not in text
    assert re.search(r"Tie strength \d+ / 100", text)


def test_people_index_has_a_strength_column(site):
    html = (site / "people/index.html").read_text(encoding="utf-8")
    assert "<th>Strength</th>" in html
    row = html[html.index('href="margaret-okafor.html"'):]
    row = row[:row.index("</tr>")]
    assert re.search(r"<td data-label=\"Strength\">\d{1,3}</td>$", row)


def test_dashboard_and_follow_ups_carry_the_loop_source(site):
    for page in ("index.html", "follow-ups.html"):
        text = text_of(site, page)
        assert "Tell Rachel Kim what came of their introduction: Harold puts my name forward" in text
        # why, in words (issue 26: the source's code "loop" read as nothing to a person)
        assert "their introduction led to “Harold puts my name forward" in text
        assert " loop " not in text
    ics = (site / "follow-ups.ics").read_text(encoding="utf-8")
    assert "CATEGORIES:netlog,loop" in ics


# --------------------------------------------------------------------------- layout from 5 to 500 people


def forest(n: int) -> dict:
    """``n`` people: a forest where person i was introduced by person (i - 1) // 3, in trees of 40."""
    files = {}
    for i in range(n):
        extra = {}
        if i % 40:
            extra["met_via"] = f"p{(i - 1) // 3 if (i - 1) // 3 >= (i // 40) * 40 else (i // 40) * 40}"
        files[f"people/p{i}.md"] = person(f"Person number {i:03}", **extra)
    files["2026/offer.md"] = entry("2026-01-10", "offer", [f"p{min(7, n - 1)}"])
    return files


@pytest.mark.parametrize("n", [5, 60, 500])
def test_graph_layout_is_legible_and_deterministic(tmp_path, n):
    log, problems = load_files(tmp_path, forest(n))
    assert not [p for p in problems if p.severity == "error"]
    site = build_pages(log, dt.date(2026, 2, 1))
    net = page_mod.network(site)
    nodes = page_mod.layout(site, net)
    assert len(nodes) == n
    by_column: dict[int, list[float]] = {}
    for node in nodes.values():
        by_column.setdefault(node.depth, []).append(node.row)
        if node.parent is not None:
            assert nodes[node.parent].depth == node.depth - 1
    for rows in by_column.values():  # no two labels of one column closer than a row
        rows.sort()
        assert all(b - a >= 1 for a, b in zip(rows, rows[1:]))
    svg = page_mod.graph_svg(site, net)
    assert svg == page_mod.graph_svg(build_pages(log, dt.date(2026, 2, 1)), net)
    width = int(re.search(r'width="(\d+)"', svg).group(1))
    assert width < 1200  # grows downwards, not sideways
    assert svg.count("<a ") == n and svg.count('class="nl-sg-ring"') == 1
    assert 'font-size:13px' in svg


def test_graph_survives_a_cycle_of_introducers(tmp_path):
    log, _ = load_files(tmp_path, {"people/a.md": person("A", met_via="b"), "people/b.md": person("B", met_via="a"),
                                   "people/c.md": person("C", met_via="a")})
    site = build_pages(log, dt.date(2026, 1, 1))
    nodes = page_mod.layout(site, page_mod.network(site))
    assert sorted(nodes) == ["a", "b", "c"]
    assert nodes["a"].parent is None and nodes["a"].back == "b"  # the cycle is cut before A (first by name)
    assert "nl-sg-back" in page_mod.graph_svg(site, page_mod.network(site))


def test_no_introductions_says_so(tmp_path):
    log, _ = load_files(tmp_path, {"people/a.md": person("A")})
    site = build_pages(log, dt.date(2026, 1, 1))
    assert "No introductions recorded yet" in site.pages["serendipity.md"].markdown


# --------------------------------------------------------------------------- in a browser


@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"needs Debian's chromium at {CHROMIUM}")
def test_graph_renders_in_a_browser_and_every_node_links_to_a_page(site):
    sync_api = pytest.importorskip("playwright.sync_api")
    requests: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            for scheme in ("light", "dark"):
                ctx = browser.new_context(viewport={"width": 390, "height": 900}, color_scheme=scheme)
                ctx.on("request", lambda r: requests.append(r.url))
                ctx.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).scheme
                          in ("file", "data", "blob") else route.abort())
                page = ctx.new_page()
                page.goto((site / "serendipity.html").as_uri())
                svg = page.locator(".nl-sg svg")
                box = svg.bounding_box()
                assert box and box["width"] > 100 and box["height"] > 100
                nodes = page.locator(".nl-sg svg a")
                count = nodes.count()
                assert count >= 10
                for i in range(count):
                    node = nodes.nth(i)
                    assert node.bounding_box()["width"] > 0
                    target = urljoin(page.url, node.get_attribute("href"))
                    assert Path(unquote(urlsplit(target).path)).is_file(), target
                # labels are drawn in a visible colour (not the background) in both schemes
                fill = page.evaluate("getComputedStyle(document.querySelector('.nl-sg text')).fill")
                bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
                assert fill and fill != bg
                # the graph scrolls sideways on a phone instead of shrinking the text
                assert box["width"] >= page.evaluate("document.querySelector('.nl-sg svg').viewBox.baseVal.width") - 1
                with page.expect_navigation():
                    page.locator('.nl-sg svg a[data-slug="harold-whitcombe"]').click()
                assert page.url.endswith("people/harold-whitcombe.html")
                assert "Introductions and tie strength" in page.content()
                ctx.close()
        finally:
            browser.close()
    outside = [u for u in requests if urlsplit(u).scheme not in ("file", "data", "blob")]
    assert outside == []
