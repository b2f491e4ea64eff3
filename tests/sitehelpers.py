"""Shared helpers for the site tests (tests/test_site.py and tests/test_browser.py).

A plain module, not a conftest: both test files import it. It knows where the
example project is, copies it, runs ``netlog build`` in-process, hashes trees
and parses built HTML with :mod:`html.parser` (no third-party parser).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
from html.parser import HTMLParser
from pathlib import Path

import yaml
from click.testing import CliRunner

from netlog import registry
from netlog.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT  # mkdocs.yml, log/ and overrides/ of the example project live at the repo root
TODAY = "2026-11-25"
ROBOTS = '<meta name="robots" content="noindex, nofollow">'

# the top-level pages of docs/format.md §9, in navigation order: (title, built page), from the
# one declaration (netlog/registry.py)
NAV = [(page.title, page.html) for page in registry.TOP_PAGES]
#: the files netlog adds beside the pages (the follow-up feed, its style sheet and script)
ASSETS = [asset.uri for asset in registry.ASSETS]


def example_org_pages() -> list[str]:
    """The built org page of every org of the example's people (``orgs/<slug>.html``)."""
    from netlog.slug import slugify

    orgs = {front_matter(EXAMPLE / "log" / p).get("org") for p in example_people()}
    return sorted(f"orgs/{slugify(o) or 'org'}.html" for o in orgs if o)

# Distinctive text of the example log's private files (log/people/diane-sorensen.md and
# log/2026/2026-06-16-call-diane-sorensen.md). test_site checks each one is really in a
# private source file and in the full build, so a change to the example cannot make the
# share test pass vacuously.
PRIVATE_PHRASES = [
    "Sorensen",  # the private person's surname: name, org, slugs, title
    "diane-sorensen",  # slug: person page and entry file names
    "Ashby Sorensen Executive Search",  # org
    "Partner, legal sector practice",  # role
    "555 0188",  # phone link
    "Executive search partner",  # person notes
    "director-level search she could not name",  # entry notes
    "run two processes at once",  # entry notes
    "Nobody at the firm knows about this call",  # entry notes
]

# the distinctive word of one public entry's title ("Hearing: Alder Homes v. Pemberton Group,
# case management conference"), for the search test
SEARCH_WORD = "Pemberton"
SEARCH_ENTRY = "2024/2024-09-26-event-thomas-brennan.html"

# the example log's overdue rule item on 2026-11-25 (see `netlog due --today 2026-11-25`)
OVERDUE_PERSON = "Owen Marsh"
OVERDUE_ACTION = "Follow up with the people you met"
# an entry whose header links to Owen Marsh (he is in its `with`)
LINKED_ENTRY = "2026/2026-10-14-event-keiko-tanaka.html"
LINKED_ENTRY_TITLE = "ALA Annual Conference 2026"


# --------------------------------------------------------------------------- projects


def copy_example(dest: Path) -> Path:
    """Copy mkdocs.yml, log/ and overrides/ of the example project into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(EXAMPLE / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(EXAMPLE / "log", dest / "log")
    shutil.copytree(EXAMPLE / "overrides", dest / "overrides")
    return dest


def netlog(project: Path, *args: str):
    """Run ``netlog -f <project>/mkdocs.yml ARGS`` in-process; the click Result.

    Exceptions are caught (the Result has them), so a traceback shows up as
    ``result.exception`` rather than aborting the test run.
    """
    runner = CliRunner()
    return runner.invoke(main, ["-f", str(project / "mkdocs.yml"), *args],
                         env={"NETLOG_TODAY": None, "NO_MKDOCS_2_WARNING": "1"})


def build(project: Path, site: Path, *extra: str, today: str = TODAY):
    """``netlog build --today TODAY -d SITE`` for ``project``; the click Result."""
    return netlog(project, "build", "--today", today, "-d", str(site), *extra)


def assert_ok(result) -> None:
    assert result.exit_code == 0 and result.exception is None, (
        f"exit {result.exit_code}, exception {result.exception!r}\n"
        f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8-sig")
    _, fm, _ = text.split("---", 2)
    return yaml.safe_load(fm) or {}


def _is_draft(rel: Path) -> bool:
    return any(part.startswith(("_", ".")) for part in rel.parts[:-1])


def example_people(log: Path = EXAMPLE / "log") -> list[Path]:
    """The person files of a log (paths relative to the log)."""
    return sorted(p.relative_to(log) for p in (log / "people").glob("*.md"))


def example_entries(log: Path = EXAMPLE / "log") -> list[Path]:
    """The entry files of a log (paths relative to the log): every other .md, drafts excluded."""
    out = []
    for p in log.rglob("*.md"):
        rel = p.relative_to(log)
        if rel.parts[0] == "people" and len(rel.parts) == 2:
            continue
        if _is_draft(rel):
            continue
        out.append(rel)
    return sorted(out)


def private_files(log: Path = EXAMPLE / "log") -> list[Path]:
    return sorted(p for p in log.rglob("*.md") if front_matter(p).get("private") is True)


def html_of(md_rel: Path) -> str:
    """The built page of a source path (use_directory_urls is false in the example)."""
    return md_rel.with_suffix(".html").as_posix()


# --------------------------------------------------------------------------- trees


def tree_hashes(root: Path) -> dict[str, str]:
    """{relative path: sha256} of every file under ``root`` (hidden files included)."""
    out = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            p = Path(dirpath) / name
            out[p.relative_to(root).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- HTML parsing

# tags whose URL attributes make the browser load something, and those attributes
LOADING = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),  # SVG
    "use": ("href", "xlink:href"),  # SVG
}
_OUTSIDE = re.compile(r"^\s*(?:https?:)?//", re.I)
_CSS_URL = re.compile(r"""url\(\s*['"]?\s*((?:https?:)?//[^'")\s]*)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?['"]?\s*((?:https?:)?//[^'")\s;]*)""", re.I)


def outside_in_css(css: str) -> list[str]:
    """URLs in ``url(...)`` or ``@import`` that point outside the site."""
    return _CSS_URL.findall(css) + _CSS_IMPORT.findall(css)


def _urls(attr: str, value: str) -> list[str]:
    if attr == "srcset":
        return [c.strip().split()[0] for c in value.split(",") if c.strip()]
    return [value]


class LoadParser(HTMLParser):
    """Collects every outside URL an HTML page would load (not <a href>)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.outside: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        for name in LOADING.get(tag, ()):
            for url in _urls(name, a.get(name, "")):
                if _OUTSIDE.match(url):
                    self.outside.append(f"<{tag} {name}={url!r}>")
        if "style" in a:
            self.outside += [f"style attribute url {u!r}" for u in outside_in_css(a["style"])]
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh" and _OUTSIDE.search(
                a.get("content", "").split("url=", 1)[-1]):
            self.outside.append(f"<meta http-equiv=refresh content={a['content']!r}>")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.outside += [f"<style> url {u!r}" for u in outside_in_css(data)]


def outside_loads(site: Path) -> list[str]:
    """Every outside URL a built site would load, as ``page: what`` lines (HTML pages and CSS)."""
    found = []
    for page in html_files(site):
        parser = LoadParser()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        found += [f"{page.relative_to(site).as_posix()}: {u}" for u in parser.outside]
    for css in site.rglob("*.css"):
        found += [f"{css.relative_to(site).as_posix()}: url {u}"
                  for u in outside_in_css(css.read_text(encoding="utf-8"))]
    return found


class HeadParser(HTMLParser):
    """The <meta name=robots> tags inside <head>, and the page's <h1> texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.robots_in_head: list[str] = []
        self.robots_elsewhere: list[str] = []
        self.h1: list[str] = []
        self._in_head = False
        self._h1_depth = 0

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        if tag == "meta" and a.get("name", "").lower() == "robots":
            (self.robots_in_head if self._in_head else self.robots_elsewhere).append(a.get("content", ""))
        if tag == "h1":
            self._h1_depth += 1
            self.h1.append("")

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        if tag == "h1" and self._h1_depth:
            self._h1_depth -= 1

    def handle_data(self, data):
        if self._h1_depth:
            self.h1[-1] += data


def parse_head(html: str) -> HeadParser:
    p = HeadParser()
    p.feed(html)
    p.close()
    return p


class NavParser(HTMLParser):
    """Links of Material's navigation: the tabs and the primary nav, not the table of contents."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (text, href)
        self._stack: list[str] = []  # "nav" (counted), "toc" or "other" for every open <nav>
        self._link: list | None = None

    def _counting(self) -> bool:
        return bool(self._stack) and "toc" not in self._stack and self._stack[-1] != "other" \
            and "nav" in self._stack

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "nav":
            cls = a.get("class", "").split()
            if "md-nav--secondary" in cls:
                self._stack.append("toc")
            elif "md-tabs" in cls or "md-nav--primary" in cls or (self._stack and self._stack[-1] == "nav"):
                self._stack.append("nav")
            else:
                self._stack.append("other")
        elif tag == "a" and self._counting():
            self._link = [a.get("href", ""), ""]

    def handle_endtag(self, tag):
        if tag == "nav" and self._stack:
            self._stack.pop()
        elif tag == "a" and self._link is not None:
            self.links.append((" ".join(self._link[1].split()), self._link[0]))
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data


class TextParser(HTMLParser):
    """The visible text of a page's article (what a reader sees, character references decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def visible_text(html: str) -> str:
    p = TextParser()
    p.feed(html)
    p.close()
    return p.text


class AnchorParser(HTMLParser):
    """Every <a href> of a page as (href, text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.anchors: list[tuple[str, str]] = []
        self._cur: list | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._cur = [dict(attrs).get("href") or "", ""]

    def handle_endtag(self, tag):
        if tag == "a" and self._cur is not None:
            self.anchors.append((self._cur[0], " ".join(self._cur[1].split())))
            self._cur = None

    def handle_data(self, data):
        if self._cur is not None:
            self._cur[1] += data


def anchors(html: str) -> list[tuple[str, str]]:
    p = AnchorParser()
    p.feed(html)
    p.close()
    return p.anchors


def wait_for_results(page, query: str, timeout_ms: int) -> None:
    """Wait until Material's search results are those of the whole ``query``: results follow each
    keystroke, and Material puts the query's terms in each result link (``?h=...``)."""
    last = query.split()[-1].lower()
    page.wait_for_function(
        """(last) => { const a = document.querySelector('.md-search-result__item > a');
                       return a && new URL(a.href).searchParams.get('h') !== null &&
                              new URL(a.href).searchParams.get('h').toLowerCase().includes(last); }""",
        arg=last, timeout=timeout_ms)
