"""Pages declared once (netlog/registry.py, issue 19): every generated page and file of the site
is declared there, and navigation, reserved paths, plugin, neutral render and preview derive
from it."""

from __future__ import annotations

import datetime as dt
import typing

import pytest
from sitehelpers import TODAY, copy_example

from netlog import registry
from netlog.config import read_project
from netlog.load import is_reserved, load_log
from netlog.pages import build_pages


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_example(tmp_path_factory.mktemp("registry") / "project")
    proj = read_project(str(project / "mkdocs.yml"))[0]
    book, problems = load_log(proj.docs_dir, proj.options)
    assert not [p for p in problems if p.severity == "error"]
    return build_pages(book, dt.date.fromisoformat(TODAY))


def test_every_generated_page_is_declared_and_every_top_page_is_built(site):
    generated = {uri for uri, page in site.pages.items() if page.generated}
    undeclared = sorted(uri for uri in generated if not is_reserved(uri))
    assert undeclared == [], "generated pages missing from netlog/registry.py"
    for top in registry.TOP_PAGES:
        assert site.pages[top.uri].title == top.title
    assert any(registry.YEAR_PAGES.matches(u) for u in generated)
    assert any(registry.ORG_PAGES.matches(u) for u in generated)
    # entry and person pages are the log's own files: never reserved
    assert not any(is_reserved(uri) for uri, page in site.pages.items() if not page.generated)


@pytest.mark.parametrize("year", [1, 9, 10, 99, 100, 999, 1000, 2026, 9999])
def test_the_year_pages_the_timeline_writes_are_exactly_the_reserved_ones(year):
    page = registry.YEAR_PAGES.page(year)
    assert page == f"timeline/{year}.md" and is_reserved(page)
    assert not is_reserved(f"timeline/{year:05d}.md")


def test_the_neutral_config_and_the_plugin_take_the_navigation_from_the_registry():
    from netlog.neutral import neutral_config

    cfg = neutral_config({}, directory_urls=False, notes=[])
    assert cfg["nav"] == [{title: uri} for title, uri in registry.NAV]
    assert cfg["extra_css"] == [registry.CSS.uri] and cfg["extra"]["polyfills"] == [registry.WORKER.uri]
    assert [t for t, _ in registry.NAV][:2] == ["Dashboard", "Follow-ups"]


def test_assets_come_from_the_package_or_the_site(site):
    assert site.asset(registry.ICS).startswith(b"BEGIN:VCALENDAR")
    assert b"nl-" in site.asset(registry.CSS)
    assert site.asset(registry.WORKER) == registry.WORKER.packaged()
    assert registry.RESERVED_FILES >= {a.uri for a in registry.ASSETS}


def test_the_data_model_carries_no_options_and_its_type_hints_resolve():
    import netlog.items
    import netlog.model

    for module, name in ((netlog.model, "Log"), (netlog.model, "Entry"), (netlog.model, "Person"),
                         (netlog.items, "FollowUp"), (netlog.model, "Problem")):
        hints = typing.get_type_hints(getattr(module, name))
        assert hints, name
    assert "options" not in typing.get_type_hints(netlog.model.Log)
