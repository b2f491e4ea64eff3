"""Issue 9, kind 3c: a hostile mkdocs.yml never makes a page load anything from outside the site.

The site is built from a config whose logo, favicon, extra_css, extra_javascript and polyfills
point outside in every form a browser accepts, then every page is opened from disk in Chromium
with every request recorded (none is let through to the network).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import sitehelpers as h
from test_browser import CHROMIUM, CHROMIUM_ARGS, new_context, sync_api  # noqa: F401 - skips without chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OUTSIDE = ["https://evil.example/a", "HTTPS://evil.example/b", "//evil.example/c", "/\\evil.example/d",
           "https:evil.example/e", "/etc/netlog-f", "../outside-g", "data:text/css,body{}",
           "javascript:alert(1)"]

HOSTILE = """site_name: t
docs_dir: log
use_directory_urls: false
theme:
  name: material
  logo: "https://evil.example/logo.png"
  favicon: "//evil.example/favicon.ico"
extra_css: {css}
extra_javascript: {js}
extra:
  polyfills: ["HTTPS://evil.example/poly.js"]
plugins: [search, netlog]
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "proj"
    (root / "log" / "people").mkdir(parents=True)
    import json
    css = json.dumps([u + ".css" for u in OUTSIDE] + ["local.css"])
    js = json.dumps([u + ".js" for u in OUTSIDE] + ["local.js"])
    (root / "mkdocs.yml").write_text(HOSTILE.format(css=css, js=js), encoding="utf-8")
    (root / "log" / "local.css").write_text("body{}", encoding="utf-8")
    (root / "log" / "local.js").write_text("", encoding="utf-8")
    (root / "log" / "people" / "jane-doe.md").write_text("---\nname: Jane Doe\n---\n", encoding="utf-8")
    (root / "log" / "a.md").write_text("---\ndate: 2026-01-02\nkind: coffee\nwith: Jane Doe\n---\n",
                                       encoding="utf-8")
    site = root.parent / "site"
    result = h.build(root, site)
    h.assert_ok(result)
    for u in OUTSIDE:
        assert u in result.stderr or u.replace("\\", "\\\\") in result.stderr, u  # each dropped with a warning
    return site


def test_hostile_config_pages_load_nothing_outside_the_site(hostile_site):
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            ctx = new_context(browser)
            page = ctx.new_page()
            pages = ["index.html", "people/jane-doe.html", "a.html", "people/index.html"]
            for rel in pages:
                page.goto((hostile_site / rel).as_uri(), wait_until="load")
            requests = ctx.recorder.requests
            assert len(requests) > len(pages)
            root = str(hostile_site.resolve())
            outside = [u for u in requests if urlsplit(u).scheme not in ("file", "data", "blob")
                       or (urlsplit(u).scheme == "file" and not unquote(urlsplit(u).path).startswith(root))]
            # data: URLs are inline, but none may come from the config
            outside += [u for u in requests if u.startswith("data:text/css")]
            assert not outside, "requests leaving the site:\n" + "\n".join(outside)
            assert any(u.endswith("/local.css") for u in requests)
            ctx.close()
        finally:
            browser.close()
