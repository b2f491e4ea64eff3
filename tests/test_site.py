"""The built site (docs/format.md §9, `netlog build`/`render` of docs/commands.md): real MkDocs builds, no browser.

The example project (mkdocs.yml, log/, overrides/ at the repo root) is copied
into a temporary folder and built once per module with ``--today 2026-11-25``;
most tests read that build. Tests that need another build make their own.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sitehelpers as h

from netlog import registry

pytestmark = pytest.mark.slow  # real MkDocs builds (left out of the quick lane)

# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """A private copy of the example project (never modified by the tests that share it)."""
    return h.copy_example(tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="module")
def built(example, tmp_path_factory):
    """(site folder, click Result) of one full build of the example."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = h.build(example, site)
    h.assert_ok(result)
    return site, result


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def shared(example, tmp_path_factory) -> Path:
    """A `--share` build of the example."""
    out = tmp_path_factory.mktemp("shared") / "site"
    h.assert_ok(h.build(example, out, "--share"))
    return out


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh copy of the example project that a test may change."""
    return h.copy_example(tmp_path / "proj")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- pages


def test_build_exits_0_and_prints_the_summary(built):
    site, result = built
    out = result.stdout
    assert re.search(r"^Built \d+ pages into .+ in \d+\.\ds\.$", out, re.M), out
    assert re.search(r"^As of 2026-11-25: \d+ overdue, \d+ due today, \d+ upcoming \(\d+ open items\)\.$",
                     out, re.M), out
    # the example's own numbers on that date (`netlog due --today 2026-11-25`): 3 overdue, 2 today
    # (the two today are the `loop` items of Harold's board referral)
    assert "As of 2026-11-25: 3 overdue, 2 due today," in out


def test_every_page_of_section_6_is_built(site):
    expected = [html for _, html in h.NAV] + h.ASSETS + ["404.html"] + h.example_org_pages()
    people = h.example_people()
    entries = h.example_entries()
    assert len(people) >= 10 and len(entries) >= 50  # the example is the demo: it is not tiny
    expected += [h.html_of(p) for p in people]
    expected += [h.html_of(e) for e in entries]
    years = {h.front_matter(h.EXAMPLE / "log" / e)["date"].year for e in entries}
    expected += [f"timeline/{y}.html" for y in sorted(years)]
    missing = [p for p in expected if not (site / p).is_file()]
    assert not missing, f"pages missing from the build: {missing}"
    # no timeline page for a year without entries
    built_years = {p.stem for p in (site / "timeline").glob("*.html")} - {"index"}
    assert built_years == {str(y) for y in years}


def test_calendar_feed_is_an_icalendar_file(site):
    ics = (site / "follow-ups.ics").read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and ics.rstrip().endswith("END:VCALENDAR")
    assert "Follow up with the people you met (Owen Marsh)" in ics


def test_dashboard_shows_the_overdue_item_and_the_heatmap(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    text = h.visible_text(html)
    assert "2026-11-25" in text
    overdue = h.visible_text(html[html.index('<h2 id="overdue"'):html.index('<h2 id="due-today"')])
    assert h.OVERDUE_PERSON in overdue and h.OVERDUE_ACTION in overdue
    assert "<svg" in html and "<rect" in html and "<title>" in html


def test_every_page_has_a_single_robots_meta_in_its_head(site):
    bad = []
    for page in h.html_files(site):
        p = h.parse_head(page.read_text(encoding="utf-8"))
        if p.robots_in_head != ["noindex, nofollow"] or p.robots_elsewhere:
            bad.append((page.relative_to(site).as_posix(), p.robots_in_head, p.robots_elsewhere))
    assert (site / "404.html").is_file()
    assert not bad, f"pages without exactly one robots noindex, nofollow in <head>: {bad[:10]}"


SEO_ENTRY = "2026/2026-11-02-article-seo.html"


@pytest.fixture(scope="module")
def bare_override_site(tmp_path_factory) -> Path:
    """The example built with overrides/main.html reduced to `{% extends "base.html" %}`.

    The log also gets one entry whose notes quote a robots meta tag in a code span.
    """
    project = h.copy_example(tmp_path_factory.mktemp("bare") / "proj")
    _write(project / "overrides" / "main.html", '{% extends "base.html" %}\n')
    shutil.rmtree(project / "overrides" / "partials")
    _write(project / "log" / "2026" / "2026-11-02-article-seo.md",
           "---\ndate: 2026-11-02\nkind: article\ntitle: SEO notes\n---\n"
           'We discussed `<meta name="robots" content="index">` for the firm\'s public site.\n')
    site = project.parent / "site"
    h.assert_ok(h.build(project, site))
    return site


def test_robots_meta_survives_an_empty_main_html_override(bare_override_site):
    """The user's overrides/main.html may drop netlog's block: the plugin adds the tag itself."""
    site = bare_override_site
    pages = [p for p in h.html_files(site) if p.relative_to(site).as_posix() != SEO_ENTRY]
    assert len(pages) > 80
    missing = [p.relative_to(site).as_posix() for p in pages
               if h.parse_head(p.read_text(encoding="utf-8")).robots_in_head != ["noindex, nofollow"]]
    assert not missing, f"no robots meta in <head>: {missing[:10]}"
    assert h.ROBOTS in (site / "404.html").read_text(encoding="utf-8")


def test_robots_meta_even_when_the_notes_mention_a_robots_tag(bare_override_site):
    page = (bare_override_site / SEO_ENTRY).read_text(encoding="utf-8")
    assert h.parse_head(page).robots_in_head == ["noindex, nofollow"]


def test_no_page_loads_anything_from_outside(site):
    problems = h.outside_loads(site)
    assert not problems, "outside URLs in loading positions:\n" + "\n".join(problems[:30])
    # the checker does see outside URLs: the example's person links are plain anchors
    anchors = [href for href, _ in h.anchors((site / "people" / "keiko-tanaka.html").read_text("utf-8"))]
    assert any(a.startswith("https://") for a in anchors)


def test_the_outside_url_checker_catches_loads():
    """A self-test of the parser the previous test relies on."""
    html = ('<html><head><link rel="stylesheet" href="https://cdn.example/x.css">'
            '<link rel="preconnect" href="//fonts.example">'
            '<script src="http://cdn.example/x.js"></script>'
            '<style>body{background:url("https://img.example/b.png")}</style></head>'
            '<body><img srcset="a.png 1x, https://img.example/a2.png 2x"><a href="https://ok.example">ok</a>'
            '<svg><image href="//img.example/i.svg"/></svg><iframe src="https://x.example"></iframe>'
            '<div style="background-image:url(//img.example/c.png)"></div></body></html>')
    p = h.LoadParser()
    p.feed(html)
    assert len(p.outside) == 8, p.outside
    assert not any("ok.example" in u for u in p.outside)
    assert h.outside_in_css("@import 'https://fonts.example/css'; a{b:url(data:image/svg+xml;"
                            "charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>)}") == \
        ["https://fonts.example/css"]


def test_navigation_has_only_the_top_level_pages(site):
    for page, prefix in (("index.html", ""), (h.LINKED_ENTRY, "../"), ("people/owen-marsh.html", "../")):
        parser = h.NavParser()
        parser.feed((site / page).read_text(encoding="utf-8"))
        links = [(text, href) for text, href in parser.links if text]
        assert links, f"no navigation found in {page}"
        titles = [t for t, _ in links]
        assert set(titles) == {t for t, _ in h.NAV}, f"{page}: {titles}"
        # in order, each pointing at its page
        assert list(dict.fromkeys(titles)) == [t for t, _ in h.NAV]
        targets = {os.path.normpath(os.path.join(os.path.dirname(page), href)) for _, href in links}
        assert targets == {os.path.normpath(p) for _, p in h.NAV}, f"{page}: {sorted(targets)}"
        assert not any(re.search(r"\d{4}/|people/(?!index)", t) for t in targets)


# --------------------------------------------------------------------------- failed builds


def _built_copy(site: Path, tmp_path: Path) -> Path:
    """A previously built site for a test to try to overwrite."""
    dest = tmp_path / "site"
    shutil.copytree(site, dest)
    return dest


BROKEN = {
    "unknown kind": lambda p: _write(p / "log" / "2026" / "2026-11-01-bad.md",
                                     "---\ndate: 2026-11-01\nkind: nonsense\nwith: owen-marsh\n---\n"),
    "bad plugin option": lambda p: _write(
        p / "mkdocs.yml", (p / "mkdocs.yml").read_text(encoding="utf-8").replace("upcoming: 7d", "upcoming: soon")),
    # a failure inside MkDocs itself, after netlog's own check passed
    "broken theme override": lambda p: _write(
        p / "overrides" / "main.html", '{% extends "base.html" %}{% block extrahead %}{% if %}{% endblock %}\n'),
}


@pytest.mark.parametrize("breakage", list(BROKEN))
def test_failed_build_exits_1_and_leaves_the_previous_site_unchanged(breakage, site, project, tmp_path):
    if breakage == "bad plugin option":
        assert "upcoming: 7d" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    old = _built_copy(site, tmp_path)
    before = h.tree_hashes(old)
    BROKEN[breakage](project)
    result = h.build(project, old)
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert h.tree_hashes(old) == before
    # and nothing is left beside it (no half-built temporary folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proj", "site"]


def test_failed_build_in_mkdocs_reports_without_a_traceback(project, tmp_path):
    BROKEN["broken theme override"](project)
    proc = subprocess.run([sys.executable, "-c", "import sys; from netlog.cli import main; sys.exit(main())",
                           "build", "--today", h.TODAY, "-d", str(tmp_path / "site")],
                          cwd=project, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "netlog: build failed" in proc.stderr


def _refused(project: Path, target: Path, protected: Path):
    before = h.tree_hashes(protected)
    result = h.build(project, target)
    assert result.exit_code == 1, (target, result.stdout, result.stderr)
    assert "refusing" in result.stderr
    assert h.tree_hashes(protected) == before, f"files changed under {protected}"
    assert len(before) > 50


def test_site_dir_at_the_log_the_project_or_a_parent_is_refused(tmp_path):
    outer = tmp_path / "outer"
    project = h.copy_example(outer / "proj")
    # each target also looks like a built site (a sitemap.xml), so only the path guard protects it
    for folder in (project / "log", project, outer):
        (folder / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    _refused(project, project / "log", project)
    _refused(project, project / "log" / "2026", project)  # inside the log
    _refused(project, project, outer)
    _refused(project, outer, outer)
    # the same through a symlink and a path with `..`
    (tmp_path / "link").symlink_to(project / "log")
    _refused(project, tmp_path / "link", outer)
    _refused(project, project / "log" / "..", outer)


def test_site_dir_at_the_theme_overrides_is_refused(project):
    _write(project / "overrides" / "404.html",
           '{% extends "main.html" %}{% block content %}<h1>Not here</h1>{% endblock %}\n')
    before = h.tree_hashes(project / "overrides")
    result = h.build(project, project / "overrides")
    assert h.tree_hashes(project / "overrides") == before
    assert result.exit_code == 1


# --------------------------------------------------------------------------- share


def _tree_text(root: Path) -> dict[str, str]:
    """{relative path: text} of every file of a built site (gzip files decompressed)."""
    out = {}
    for p in root.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            if p.name.endswith(".gz"):
                data = gzip.decompress(data)
            out[p.relative_to(root).as_posix()] = data.decode("utf-8", errors="replace")
    return out


def test_private_phrases_are_really_private_in_the_example():
    private = h.private_files()
    assert {p.name for p in private} == {"diane-sorensen.md", "2026-06-16-call-diane-sorensen.md"}
    private_text = "\n".join(p.read_text(encoding="utf-8") for p in private).lower()
    public_text = "\n".join(p.read_text(encoding="utf-8") for p in (h.EXAMPLE / "log").rglob("*.md")
                            if p not in private).lower()
    for phrase in h.PRIVATE_PHRASES:
        assert phrase.lower() in private_text, phrase
        assert phrase.lower() not in public_text, phrase


def test_share_build_leaves_out_private_entries_and_people(site, shared):
    full, share = _tree_text(site), _tree_text(shared)
    assert "search/search_index.json" in share and "tags.json" in share
    for phrase in h.PRIVATE_PHRASES:
        needle = phrase.lower()
        assert any(needle in rel.lower() or needle in text.lower() for rel, text in full.items()), \
            f"{phrase!r} is not in the full build: the test would prove nothing"
        leaks = [rel for rel, text in share.items() if needle in rel.lower() or needle in text.lower()]
        assert not leaks, f"private text {phrase!r} in the --share build: {leaks}"
    # the private pages themselves are gone, the public ones are there
    assert not (shared / "people" / "diane-sorensen.html").exists()
    assert not (shared / "2026" / "2026-06-16-call-diane-sorensen.html").exists()
    assert (shared / "people" / "owen-marsh.html").is_file()
    assert "Owen Marsh" in share["search/search_index.json"]


# --------------------------------------------------------------------------- escaping

HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_AKA = "[x](javascript:alert(1))"
HOSTILE_TITLE = "{{ config.site_name }} {% if %} <img src=x onerror=alert(1)>"
HOSTILE_TAG = "<b>bold</b>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    _write(root / "mkdocs.yml", "site_name: Hostile\ndocs_dir: log\nuse_directory_urls: false\n"
           "theme:\n  name: material\n  font: false\nplugins:\n  - search\n  - tags\n  - netlog\n")
    _write(root / "log" / "people" / "x.md",
           f'---\nname: "{HOSTILE_NAME}"\naka: ["{HOSTILE_AKA}"]\ntags: ["{HOSTILE_TAG}"]\n'
           'links:\n  site: "javascript:alert(1)"\n---\nNotes.\n')
    _write(root / "log" / "2026" / "2026-11-01-coffee.md",
           f'---\ndate: 2026-11-01\nkind: coffee\nwith: ["{HOSTILE_NAME}"]\nvia: ["{HOSTILE_AKA}"]\n'
           f'title: "{HOSTILE_TITLE}"\ntags: ["{HOSTILE_TAG}"]\nchannel: "<i>x</i>"\n---\nNotes.\n')
    site = root / "site"
    h.assert_ok(h.build(root, site))
    return site


def test_front_matter_never_injects_html(hostile_site):
    pages = h.html_files(hostile_site)
    assert len(pages) >= 10
    bad = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for needle in ("<script>alert(1)</script>", "<img src=x", "<img src=\"x\"", "<b>bold</b>",
                       "<i>x</i>"):
            if needle in html:
                bad.append((page.name, needle))
        if re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I):
            bad.append((page.name, "href=javascript:"))
    assert not bad, bad


def test_front_matter_is_shown_as_text(hostile_site):
    person = (hostile_site / "people" / "x.html").read_text(encoding="utf-8")
    entry = (hostile_site / "2026" / "2026-11-01-coffee.html").read_text(encoding="utf-8")
    assert h.parse_head(person).h1 == [HOSTILE_NAME]
    assert h.parse_head(entry).h1 == [HOSTILE_TITLE]
    person_text, entry_text = h.visible_text(person), h.visible_text(entry)
    assert HOSTILE_AKA in person_text and HOSTILE_TAG in person_text
    assert "javascript:alert(1)" in person_text  # the link value, as text
    assert HOSTILE_NAME in entry_text and HOSTILE_TAG in entry_text and "<i>x</i>" in entry_text
    # the escaped forms are in the HTML, and Jinja did not run the title
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in person
    assert "&lt;img src" in entry and "{{ config.site_name }}" in entry and "{% if %}" in entry
    # the person link in the entry header still goes to the person page
    assert ("../people/x.html", HOSTILE_NAME) in h.anchors(entry)
    for page in ("index.html", "people/index.html", "tags.html", "timeline/2026.html"):
        text = h.visible_text((hostile_site / page).read_text(encoding="utf-8"))
        assert HOSTILE_NAME in text or HOSTILE_TITLE in text or HOSTILE_TAG in text, page


# --------------------------------------------------------------------------- plain MkDocs, render


def test_plain_mkdocs_build_works_on_the_example(example, tmp_path):
    env = {**os.environ, "NETLOG_TODAY": h.TODAY, "NO_MKDOCS_2_WARNING": "1"}
    out = tmp_path / "site2"
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(example / "mkdocs.yml"),
                           "-d", str(out)], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr
    text = h.visible_text((out / "index.html").read_text(encoding="utf-8"))
    assert "Dashboard" in text and "As of 2026-11-25" in text and h.OVERDUE_ACTION in text
    for page in ("follow-ups.html", "people/index.html", "people/owen-marsh.html", h.LINKED_ENTRY,
                 "follow-ups.ics"):
        assert (out / page).is_file(), page


def test_render_writes_the_pages_as_markdown(example, tmp_path):
    out = tmp_path / "pages"
    result = h.netlog(example, "render", str(out), "--today", h.TODAY)
    h.assert_ok(result)
    docs = out / "docs"  # the pages; out/mkdocs.yml builds them without netlog (tests/test_engines.py)
    for page in [p.uri for p in registry.TOP_PAGES] + [a.uri for a in registry.ASSETS]:
        assert (docs / page).is_file(), page
    missing = [p.as_posix() for p in h.example_entries() + h.example_people() if not (docs / p).is_file()]
    assert not missing, missing
    assert h.OVERDUE_ACTION in (docs / "index.md").read_text(encoding="utf-8")
    # a second render into the same folder works and writes the same files
    before = h.tree_hashes(out)
    h.assert_ok(h.netlog(example, "render", str(out), "--today", h.TODAY))
    assert h.tree_hashes(out) == before


def test_render_refuses_a_foreign_folder(example, tmp_path):
    foreign = tmp_path / "mine"
    _write(foreign / "notes.txt", "mine\n")
    result = h.netlog(example, "render", str(foreign), "--today", h.TODAY)
    assert result.exit_code == 1
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    before = h.tree_hashes(example)
    assert h.netlog(example, "render", str(example / "log"), "--today", h.TODAY).exit_code == 1
    assert h.tree_hashes(example) == before


# --------------------------------------------------------------------------- determinism


def test_two_builds_are_identical(example, site, tmp_path):
    again = tmp_path / "again"
    h.assert_ok(h.build(example, again))
    for page in ["index.html", "follow-ups.html", *sorted(p.relative_to(site).as_posix()
                                                          for p in (site / "people").glob("*.html"))]:
        assert (site / page).read_bytes() == (again / page).read_bytes(), page
    # The whole tree too, except sitemap.xml and sitemap.xml.gz. MkDocs stamps them with the
    # real build date, not netlog's --today: each page's <lastmod> in sitemap.xml (written when
    # site_url is set; the example has none, so today it is an empty <urlset>) and the gzip
    # header's mtime in sitemap.xml.gz (mkdocs.utils.get_build_timestamp). Two builds on
    # different days legitimately differ there. Nothing else may depend on the clock.
    ignored = {"sitemap.xml", "sitemap.xml.gz"}
    a = {k: v for k, v in h.tree_hashes(site).items() if k not in ignored}
    b = {k: v for k, v in h.tree_hashes(again).items() if k not in ignored}
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []
