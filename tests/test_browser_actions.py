"""The preview's actions in a real browser (headless Chromium), at 390 and 1280 px, light and dark
(docs/commands.md, issue 22): Done, Undo, Snooze, Log and the Drafts page, by clicking as a
person would, no keyboard shortcut and no script of netlog's. Screenshots of each step go to
``$NETLOG_SHOTS`` (default ``test-output/preview``) to be looked at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import sitehelpers as h
from test_serve_actions import OVERDUE_OWEN, Served, new_files

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser, pytest.mark.slow]
if not os.path.exists(CHROMIUM):
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

SHOTS = Path(os.environ.get("NETLOG_SHOTS", h.ROOT / "test-output" / "preview"))
DRAFT = "---\ndate: 2026-11-20\nkind: coffee\nwith: owen-marsh\ntitle: Coffee from the calendar\n---\n"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_acting_from_the_preview_by_clicking(browser, tmp_path, width, scheme):
    project = h.copy_example(tmp_path / "p")
    log = project / "log"
    (log / "_drafts").mkdir()
    (log / "_drafts/2026-11-20-coffee-owen-marsh.md").write_text(DRAFT, encoding="utf-8")
    (log / "_drafts/2026-11-21-coffee-owen-marsh.md").write_text(DRAFT.replace("11-20", "11-21"), encoding="utf-8")
    srv = Served(project)
    srv.wait()
    base = f"http://{srv.host}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(30_000)
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base, "data:")) else None)

    def shot(name: str, locator=None) -> None:
        if locator is not None:
            locator.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"{name}-{width}-{scheme}.png"))

    def owen_card():
        return page.locator("li.nl-item-overdue", has_text=OVERDUE_OWEN)

    try:
        page.goto(base + "/")
        card = owen_card()
        shot("1-dashboard", card)
        if width == 390:  # every control of the actions is a thumb-sized target
            for control in page.locator(".nl-act .nl-row > .nl-btn, .nl-tools .nl-btn").all():
                box = control.bounding_box()
                if box is not None:
                    assert box["height"] >= 44 and box["width"] >= 44, control.inner_text()
        # Done: the card leaves the dashboard and the follow-ups page; the page says what was written
        uid = card.locator(".nl-action").get_attribute("data-nl-item")
        before = set(log.rglob("*.md"))
        card.get_by_role("button", name="Done", exact=True).first.click()
        page.wait_for_load_state()
        [written] = new_files(before, log)
        banner = page.locator(".nl-banner")
        assert written.relative_to(log).as_posix() in banner.inner_text()
        assert owen_card().count() == 0
        shot("2-done", banner)
        page.goto(base + "/follow-ups.html")
        assert uid not in page.content()
        # Undo: the entry is gone and the card is back
        page.goto(base + "/")
        page.locator(".nl-banner").get_by_role("button", name="Undo").click()
        page.wait_for_load_state()
        assert not written.exists()
        assert owen_card().count() == 1
        shot("3-undo", page.locator(".nl-banner"))
        # Snooze a week: the card moves out of the overdue ones (to upcoming)
        entry = log / "2026/2026-10-14-event-keiko-tanaka.md"
        owen_card().get_by_role("button", name="Week").click()
        page.wait_for_load_state()
        assert "snooze: 2026-12-02" in entry.read_text(encoding="utf-8")
        assert owen_card().count() == 0
        shot("4-snooze", page.locator(".nl-banner"))
        # Log: the form, opened with today's date, writes the entry
        page.get_by_text("Log an interaction").click()
        form = page.locator("form[action='/_netlog/log']")
        assert form.locator("input[name=date]").input_value() == h.TODAY
        form.locator("select[name=kind]").select_option("coffee")
        form.locator("input[name=with]").fill("owen-marsh")
        form.locator("input[name=title]").fill("Coffee in town")
        form.locator("textarea[name=notes]").fill("He starts at the library in January.")
        shot("5-log-form", form)
        before = set(log.rglob("*.md"))
        form.get_by_role("button", name="Write the entry").click()
        page.wait_for_load_state()
        [logged] = new_files(before, log)
        assert "Coffee in town" in logged.read_text(encoding="utf-8")
        assert logged.relative_to(log).as_posix() in page.locator(".nl-banner").inner_text()
        shot("6-logged", page.locator(".nl-banner"))
        # Drafts: accept one, discard the other
        page.get_by_role("link", name="Drafts (2)").click()
        page.wait_for_load_state()
        shot("7-drafts")
        page.locator(".nl-draft").first.get_by_role("button", name="Accept").click()
        page.wait_for_load_state()
        assert (log / "2026/2026-11-20-coffee-owen-marsh.md").exists()
        assert not (log / "_drafts/2026-11-20-coffee-owen-marsh.md").exists()
        page.locator(".nl-draft").first.get_by_role("button", name="Discard").click()
        page.wait_for_load_state()
        assert (log / "_drafts/discarded/2026-11-21-coffee-owen-marsh.md").exists()
        shot("8-drafts-after")
        # a person page has Log with the person filled in
        page.goto(base + "/people/owen-marsh.html")
        assert page.locator("form[action='/_netlog/log'] input[name=with]").input_value() == "owen-marsh"
        shot("9-person", page.locator(".nl-tools"))
        assert outside == []  # nothing outside the preview was loaded
    finally:
        context.close()
        srv.stop()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_actions_on_served_pages_have_aa_contrast_and_no_axe_finding(browser, tmp_path, scheme):
    """What the preview adds to pages (buttons, fields, the banner, the Log form) meets what the
    built pages meet (test_browser_ui): WCAG AA contrast for every text of the article, in both
    schemes, and no serious or critical axe-core finding (new-user trial: the Snooze buttons
    were 2.35:1 in dark mode)."""
    from test_browser_ui import AXE_JS, AXE_RUN, _contrast_failures

    project = h.copy_example(tmp_path / "p")
    (project / "log/_drafts").mkdir()
    (project / "log/_drafts/2026-11-20-coffee-owen-marsh.md").write_text(DRAFT + "\nFrom the calendar.\n",
                                                                          encoding="utf-8")
    (project / "log/_drafts/2026-11-21-coffee-nobody.md").write_text("---\ndate: 2026-11-21\nkind: nope\n---\n",
                                                                      encoding="utf-8")
    srv = Served(project)
    srv.wait()
    base = f"http://{srv.host}"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        for path in ("/", "/follow-ups.html", "/people/owen-marsh.html", "/_netlog/drafts/"):
            page.goto(base + path)
            page.locator("article h1").first.wait_for()
            for more in page.locator("details.nl-more > summary, details.nl-log > summary").all()[:3]:
                more.click()  # the fields behind "Kind, note, date" and the Log form are measured too
            bad, _found = _contrast_failures(page)
            assert bad == [], f"{path} ({scheme}): " + "; ".join(bad[:8])
            page.add_script_tag(path=str(AXE_JS))
            assert page.evaluate(AXE_RUN) == [], f"{path} ({scheme})"
    finally:
        context.close()
        srv.stop()

