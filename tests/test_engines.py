"""Two engines, the neutral render, the Zensical canary and the silenced banners (issue 14).

Each build runs in its own process: an engine is chosen once per process
(netlog/engine.py), so MkDocs and ProperDocs cannot both run in pytest's.
One build of the example per engine, one render and its plain build serve
the whole module.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import sitehelpers as h
from netlog import engine

GENERATOR = re.compile(r'\s*<meta name="generator" content="[^"]*">')
# sitemap.xml carries the real build date (<lastmod>, when site_url is set) and sitemap.xml.gz
# the gzip header's mtime: two builds on different days legitimately differ there
DATED = {"sitemap.xml", "sitemap.xml.gz"}
# netlog's marker is the one file `netlog build` adds that a plain build does not
NETLOG_ONLY = {".netlog-site"}
BANNER = "end of life"

NETLOG = "import sys; from netlog.cli import main; sys.exit(main())"
# the neutral folder must build with no netlog code at all: importing netlog fails in this process
NO_NETLOG = "import sys; sys.modules['netlog'] = None; from {engine}.__main__ import cli; cli()"


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NETLOG_TODAY", "NETLOG_ENGINE", *engine.BANNER_SWITCHES)}
    env.update(extra)
    return env


def _run(args: list[str], cwd: Path | None = None, **env) -> subprocess.CompletedProcess:
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600, env=_env(**env))
    assert proc.returncode == 0, f"{args} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    return proc


def _netlog(project: Path, *args: str, **env) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-c", NETLOG, "-f", str(project / "mkdocs.yml"), *args], **env)


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def _generator(html: str) -> str:
    m = GENERATOR.search(html)
    return m.group(0).strip() if m else ""


def _same_json_entries(a: Path, b: Path, key: str) -> bool:
    """The same entries under ``key`` in two JSON files, in any order (a plain build walks the
    docs folder, the plugin adds its pages in its own order)."""
    def entries(p):
        return sorted(json.dumps(e, sort_keys=True) for e in json.loads(p.read_text(encoding="utf-8"))[key])
    return entries(a) == entries(b)


def _robots_problems(site: Path) -> list[str]:
    bad = []
    for page in h.html_files(site):
        head = h.parse_head(page.read_text(encoding="utf-8"))
        if head.robots_in_head != ["noindex, nofollow"]:
            bad.append(f"{page.relative_to(site)}: {head.robots_in_head}")
    return bad


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    return h.copy_example(tmp_path_factory.mktemp("engines") / "proj")


@pytest.fixture(scope="module")
def sites(example) -> dict[str, Path]:
    """`netlog --engine NAME build` of the example for each engine."""
    out = {}
    for name in ("mkdocs", "properdocs"):
        site = example.parent / f"site-{name}"
        _netlog(example, "--engine", name, "build", "--today", h.TODAY, "-d", str(site))
        out[name] = site
    return out


@pytest.fixture(scope="module")
def rendered(example) -> Path:
    out = example.parent / "rendered"
    _netlog(example, "render", str(out), "--today", h.TODAY)
    return out


@pytest.fixture(scope="module")
def plain(rendered) -> Path:
    """The rendered folder built by `mkdocs build` in a process where netlog cannot be imported."""
    site = rendered.parent / "plain-site"
    _run([sys.executable, "-c", NO_NETLOG.format(engine="mkdocs"), "build", "-q", "-f",
          str(rendered / "mkdocs.yml"), "-d", str(site)])
    return site


# --------------------------------------------------------------------------- two engines


@pytest.mark.slow  # real builds or child processes (left out of the quick lane)
def test_both_engines_build_the_same_site(sites):
    mk, pd = _files(sites["mkdocs"]), _files(sites["properdocs"])
    assert mk.keys() == pd.keys()
    assert "index.html" in mk and "people/owen-marsh.html" in mk and "search/search_index.js" in mk
    differ = []
    for rel in sorted(mk.keys() - DATED):
        a, b = mk[rel].read_bytes(), pd[rel].read_bytes()
        if rel.endswith(".html"):
            a, b = GENERATOR.sub("", a.decode("utf-8")), GENERATOR.sub("", b.decode("utf-8"))
        if a != b:
            differ.append(rel)
    assert differ == [], differ
    # and they really are two engines: each page names its generator
    mk_gen = _generator(mk["index.html"].read_text(encoding="utf-8"))
    pd_gen = _generator(pd["index.html"].read_text(encoding="utf-8"))
    assert "mkdocs-1." in mk_gen and "ProperDocs" not in mk_gen, mk_gen
    assert "ProperDocs 1.6" in pd_gen, pd_gen
    assert gzip.decompress(mk["sitemap.xml.gz"].read_bytes()) == gzip.decompress(pd["sitemap.xml.gz"].read_bytes())


@pytest.mark.slow  # real builds or child processes (left out of the quick lane)
def test_properdocs_own_command_runs_the_plugin(example, sites, tmp_path):
    """`properdocs build` finds the plugin through its entry points, as `mkdocs build` does."""
    site = tmp_path / "site"
    _run([sys.executable, "-m", "properdocs", "build", "-q", "-f", str(example / "mkdocs.yml"), "-d", str(site)],
         NETLOG_TODAY=h.TODAY)
    for rel in ("index.html", "follow-ups.html", "people/owen-marsh.html", h.LINKED_ENTRY):
        ours = GENERATOR.sub("", (sites["properdocs"] / rel).read_text(encoding="utf-8"))
        assert GENERATOR.sub("", (site / rel).read_text(encoding="utf-8")) == ours, rel


def test_the_engine_option_and_variable(example, run):
    result = run("-f", str(example / "mkdocs.yml"), "--engine", "sphinx", "check")
    assert result.exit_code == 2 and "sphinx" in result.stderr
    result = run("-f", str(example / "mkdocs.yml"), "check", env={"NETLOG_ENGINE": "hugo"})
    assert result.exit_code == 2 and "hugo" in result.stderr
    assert "NETLOG_ENGINE" in run("--help").stdout


def test_auto_prefers_properdocs_and_a_missing_engine_is_named(monkeypatch):
    monkeypatch.setattr(engine, "_active", None)
    monkeypatch.setattr(engine, "_real_mkdocs_loaded", lambda: False)
    monkeypatch.setattr(engine, "_properdocs_loaded", lambda: False)
    monkeypatch.delenv(engine.ENV, raising=False)
    monkeypatch.setattr(engine, "installed", lambda name: "1.6.7")
    assert engine.resolve(None) == "properdocs"
    assert engine.resolve("mkdocs") == "mkdocs"
    monkeypatch.setenv(engine.ENV, "mkdocs")
    assert engine.resolve(None) == "mkdocs"
    monkeypatch.delenv(engine.ENV)
    monkeypatch.setattr(engine, "installed", lambda name: "1.6.1" if name == "mkdocs" else None)
    assert engine.resolve("auto") == "mkdocs"
    with pytest.raises(engine.EngineError, match=r"pip install 'netlog\[properdocs\]'"):
        engine.resolve("properdocs")


@pytest.mark.slow  # real builds or child processes (left out of the quick lane)
def test_a_process_that_loaded_one_engine_refuses_the_other():
    code = ("import sys; from netlog import engine; engine.activate('mkdocs')\n"
            "try:\n    engine.activate('properdocs')\nexcept engine.EngineError as e:\n    print(e)")
    proc = _run([sys.executable, "-c", code])
    assert "cannot switch to ProperDocs" in proc.stdout


@pytest.mark.slow  # real builds or child processes (left out of the quick lane)
def test_netlog_never_shows_the_end_of_life_banner(example, tmp_path):
    """Material 9.7+ prints its banner at import when the program is called `mkdocs` and
    NO_MKDOCS_2_WARNING is unset. Even then netlog's build and render show nothing."""
    as_mkdocs = "import sys; sys.argv[0] = '/usr/bin/mkdocs'; "
    control = subprocess.run([sys.executable, "-c", as_mkdocs + "import material.templates"],
                             capture_output=True, text=True, timeout=120, env=_env())
    if BANNER not in control.stderr:
        pytest.skip("this Material prints no end-of-life banner under the name `mkdocs`: nothing to silence")
    for name in ("mkdocs", "properdocs"):
        for args in (["build", "--today", h.TODAY, "-d", str(tmp_path / f"s-{name}")],
                     ["render", str(tmp_path / f"r-{name}"), "--today", h.TODAY]):
            proc = _run([sys.executable, "-c", as_mkdocs + NETLOG.replace("import sys; ", ""),
                         "-f", str(example / "mkdocs.yml"), "--engine", name, *args])
            assert BANNER not in proc.stderr and "MkDocs 2" not in proc.stderr, (name, args, proc.stderr)


# --------------------------------------------------------------------------- the neutral render


@pytest.mark.slow  # real builds or child processes (left out of the quick lane)
def test_render_writes_a_config_the_assets_and_the_pages(rendered):
    config = yaml.safe_load((rendered / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == ["search", "tags", "offline"]
    assert config["theme"]["font"] is False and config["theme"]["custom_dir"] == "overrides"
    for rel in ("docs/index.md", "docs/tags.md", "docs/follow-ups.ics", "docs/assets/netlog/netlog.css",
                "docs/assets/netlog/iframe-worker.js", "overrides/main.html", "overrides/partials/copyright.html"):
        assert (rendered / rel).is_file(), rel
    person = (rendered / "docs/people/owen-marsh.md").read_text(encoding="utf-8")
    # the page's meta (title, tags, and how the page shows and ranks in search) as front matter
    assert person.startswith("---\n")
    meta = yaml.safe_load(person.split("---\n", 2)[1])
    assert meta["title"] == "Owen Marsh" and meta["tags"] == ["hr"]
    assert meta["hide"] == ["navigation", "toc"] and meta["search"] == {"boost": 10}


@pytest.mark.slow  # real builds or child processes (left out of the quick lane)
def test_rendered_folder_builds_without_netlog_into_the_same_site(plain, sites):
    """Plain Material, netlog not importable: the same pages, byte for byte but the marker."""
    ours = _files(sites["mkdocs"])
    theirs = _files(plain)
    assert theirs.keys() == ours.keys() - NETLOG_ONLY
    differ = [rel for rel in sorted(theirs) if rel.endswith(".html")
              and theirs[rel].read_bytes() != ours[rel].read_bytes()]
    assert differ == [], differ
    assert theirs["follow-ups.ics"].read_bytes() == ours["follow-ups.ics"].read_bytes()
    assert _same_json_entries(theirs["search/search_index.json"], ours["search/search_index.json"], "docs")
    assert _same_json_entries(theirs["tags.json"], ours["tags.json"], "mappings")
    assert theirs["search/search_index.js"].read_text(encoding="utf-8").startswith("var __index = ")


@pytest.mark.slow  # real builds or child processes (left out of the quick lane)
def test_rendered_site_keeps_the_robots_tag_and_loads_nothing_from_outside(plain):
    assert _robots_problems(plain) == []
    assert h.outside_loads(plain) == []
    assert "iframe-worker" in (plain / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow  # real builds or child processes (left out of the quick lane)
def test_a_later_render_removes_pages_it_no_longer_writes(example, tmp_path):
    out = tmp_path / "pages"
    _netlog(example, "render", str(out), "--today", h.TODAY)
    mine = out / "docs" / "my-notes.txt"
    mine.write_text("mine\n", encoding="utf-8")
    private = [out / "docs" / p.relative_to(example / "log") for p in h.private_files(example / "log")]
    assert private and all(p.is_file() for p in private)
    proc = _netlog(example, "render", str(out), "--today", h.TODAY, "--share")
    assert "removed" in proc.stdout
    assert not any(p.exists() for p in private)
    assert mine.read_text(encoding="utf-8") == "mine\n"
    for rel in ("docs/index.md", "mkdocs.yml", "docs/assets/netlog/netlog.css"):
        assert (out / rel).is_file(), rel


# --------------------------------------------------------------------------- the Zensical canary


def _zensical() -> list[str] | None:
    exe = shutil.which("zensical", path=os.path.dirname(sys.executable)) or shutil.which("zensical")
    return [exe] if exe else None


@pytest.mark.slow  # real builds or child processes (left out of the quick lane)
def test_zensical_builds_the_rendered_folder(rendered, tmp_path):
    """Material's successor reads mkdocs.yml but runs no MkDocs plugins: the neutral folder is
    what it can build. Checks the pages exist and load nothing from outside."""
    zensical = _zensical()
    if zensical is None:
        pytest.skip("Zensical is not installed: `pip install zensical` (the test extra has it; on "
                    "2026-11-30 the registry had zensical 0.1.x without its zensical-ui dependency, "
                    "so pip takes 0.0.73)")
    project = tmp_path / "z"
    shutil.copytree(rendered, project)
    _run([*zensical, "build", "-f", str(project / "mkdocs.yml")], cwd=project)
    site = project / "site"
    expected = [html for _, html in h.NAV] + h.ASSETS[:1] + ["people/owen-marsh.html", h.LINKED_ENTRY]
    assert [rel for rel in expected if not (site / rel).is_file()] == []
    dashboard = h.visible_text((site / "index.html").read_text(encoding="utf-8"))
    assert "As of 2026-11-25" in dashboard and h.OVERDUE_ACTION in dashboard
    assert h.outside_loads(site) == []


def test_render_config_keeps_the_look_and_leaves_out_what_loads_from_outside(project, run):
    """The project's site name and palette are kept; an extension that loads from a CDN, one with
    Python objects in its options, another theme and the plugin's own options are not."""
    project({"log/people/jane-doe.md": "---\nname: Jane Doe\n---\n"}, config=(
        "site_name: Mine\ndocs_dir: log\ntheme:\n  name: readthedocs\n  palette: {scheme: slate}\n"
        "plugins:\n  - netlog:\n      upcoming: 14d\n"
        "markdown_extensions:\n  - footnotes\n  - pymdownx.emoji\n"
        "  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n"))
    result = run("render", "out", "--today", h.TODAY)
    assert result.exit_code == 0, result.output
    config = yaml.safe_load(Path("out/mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Mine" and config["theme"]["palette"] == {"scheme": "slate"}
    assert config["theme"]["name"] == "material" and config["theme"]["font"] is False
    # the features the pages rely on, which the plugin turns on itself (the copy button)
    assert config["theme"]["features"] == ["content.code.copy"]
    assert "footnotes" in config["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert "pymdownx.emoji" not in names and "pymdownx.superfences" not in names
    assert config["plugins"] == ["search", "tags"]  # directory URLs: no offline plugin
    for what in ("pymdownx.emoji left out", "pymdownx.superfences left out", "replaced by material"):
        assert what in result.stderr, result.stderr


def test_render_config_keeps_the_projects_features_and_adds_the_pages_own(project, run):
    project({"log/people/jane-doe.md": "---\nname: Jane Doe\n---\n"}, config=(
        "site_name: Mine\ndocs_dir: log\ntheme:\n  name: material\n  features: [navigation.top]\n"
        "plugins:\n  - netlog\n"))
    assert run("render", "out", "--today", h.TODAY).exit_code == 0
    config = yaml.safe_load(Path("out/mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["features"] == ["navigation.top", "content.code.copy"]
