"""Issue 9, kinds 2-4: what the site publishes and links, and what the terminal shows.

Real builds of small hostile projects (Material theme); the browser test that records every
request of the hostile config is in test_privacy_browser.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner

from netlog import sanitize
from netlog.attachments import references
from netlog.cli import main
from netlog.paths import cut_slug, unpublished, url_path
from netlog.sanitize import for_terminal, json_for_terminal, literal_note, loads_from_outside

from helpers import write_files

CONFIG = "site_name: t\ndocs_dir: log\nuse_directory_urls: {urls}\ntheme: {{name: material, font: false}}\n" \
         "plugins: [search, netlog]\n"
SECRET = "a secret that must not be published"
JANE = "---\nname: Jane Doe\n---\n"


def make(root: Path, files: dict[str, str | bytes], urls: bool = False, config: str | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config or CONFIG.format(urls=str(urls).lower()), encoding="utf-8")
    (root / "log").mkdir(exist_ok=True)
    write_files(root / "log", files)
    return root


def run(root: Path, *args: str):
    with contextlib.chdir(root):
        return CliRunner().invoke(main, list(args), catch_exceptions=True,
                                  env={"NETLOG_TODAY": None, "NO_MKDOCS_2_WARNING": "1"})


def ok(r):
    assert r.exit_code == 0 and r.exception is None, (r.output, r.exception)
    return r


def entry(with_: str = "Jane Doe", extra: str = "", body: str = "") -> str:
    return f"---\ndate: 2026-01-02\nkind: coffee\nwith: {with_}\n{extra}---\n{body}"


def broken_links(site: Path) -> list[str]:
    """Relative links of every page (404.html aside) that lead to no file of the site."""
    bad = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        for href in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:|^#|^/", href):
                continue
            path = urllib.parse.unquote(href.split("#")[0].split("?")[0])
            target = (page.parent / path)
            if href.split("#")[0].endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                bad.append(f"{page.relative_to(site)} -> {href}")
    return bad


# --------------------------------------------------------------------------- kind 2: names and URLs


NAMES = ["Coffee #2 with José", "a?b", "100% sure", "it's \"quoted\"", "x&y", "tab\tname", "a+b=c"]


@pytest.mark.parametrize("urls", [False, True])
def test_every_name_check_accepts_builds_and_every_link_works(tmp_path, urls):
    files = {"people/jane-doe.md": JANE}
    for n, name in enumerate(NAMES):
        files[f"2026/{name}.md"] = entry(body=f"# Title {n}\n")
    root = make(tmp_path / "p", files, urls=urls)
    assert run(root, "check").stdout == ""
    site = tmp_path / "site"
    ok(run(root, "build", "--today", "2026-01-05", "-d", str(site)))
    assert broken_links(site) == []
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    person = (site / "people" / ("jane-doe/index.html" if urls else "jane-doe.html")).read_text(encoding="utf-8")
    for name in NAMES:
        assert url_path(name) in person  # the link on the person page
        assert url_path(name) in index  # MkDocs' own search index encodes the same way


def test_url_path_encodes_everything_but_unreserved():
    assert url_path("2026/Coffee #2 with José?%.md") == "2026/Coffee%20%232%20with%20Jos%C3%A9%3F%25.md"


def test_non_utf8_file_names_are_check_errors_and_nothing_crashes(tmp_path):
    root = make(tmp_path / "p", {"people/jane-doe.md": JANE, "a.md": entry()})
    (root / "log" / os.fsdecode(b"caf\xe9.md")).write_bytes(entry().encode())
    (root / "log" / os.fsdecode(b"d\xff")).mkdir()
    (root / "log" / os.fsdecode(b"d\xff") / "x.md").write_bytes(entry().encode())
    r = run(root, "check")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        "log/caf\\xe9.md:1: error: file name is not valid UTF-8 (byte 0xE9); rename it: a site cannot "
        "link or publish it",
        "log/d\\xff:1: error: folder name is not valid UTF-8 (byte 0xFF); rename it: a site cannot link or "
        "publish it; netlog does not read the files in it",
    ]
    for args in (["due", "--all", "--format", "json", "--today", "2026-01-01"],
                 ["due", "--all", "--format", "ics", "--today", "2026-01-01"],
                 ["audit", "--today", "2026-01-01"], ["render", str(tmp_path / "r")],
                 ["build", "-d", str(tmp_path / "s")]):
        r = run(root, *args)
        assert r.exception is None or isinstance(r.exception, SystemExit), (args, r.exception)
        assert r.exit_code == 1, args
        r.stdout.encode("utf-8")  # valid UTF-8 text
    assert not (tmp_path / "s").exists()


def test_names_over_the_limit_are_check_errors_with_the_limit(tmp_path):
    root = make(tmp_path / "p", {"people/jane-doe.md": JANE, "2026/" + "a" * 251 + ".md": entry(),
                                 "2026/" + "b" * 250 + ".md": entry(),
                                 "stub.md": entry(with_="B" * 251)})
    r = run(root, "check")
    lines = r.stdout.splitlines()
    assert any(line.startswith("log/2026/" + "a" * 251 + ".md:1: error:") and "251 bytes" in line
               and "limit is 250 bytes" in line for line in lines), r.output
    assert any(line.startswith("log/stub.md:4: error: 'with'") and "251 bytes" in line for line in lines)
    assert len(lines) == 2, r.output
    os.unlink(root / "log" / "2026" / ("a" * 251 + ".md"))
    os.unlink(root / "log" / "stub.md")
    for urls in (False, True):
        (root / "mkdocs.yml").write_text(CONFIG.format(urls=str(urls).lower()))
        ok(run(root, "build", "--today", "2026-01-05", "-d", str(tmp_path / f"site-{urls}")))


def test_new_and_person_with_long_names(tmp_path):
    root = make(tmp_path / "p", {})
    long_name = "Ж" * 125  # 250 bytes: the longest slug
    r = ok(run(root, "person", long_name, "--no-edit"))
    for _ in range(2):
        r = ok(run(root, "new", "coffee", "--with", long_name, "--no-edit", "--date", "2026-01-09"))
        assert len(Path(r.output.strip()).stem.encode()) <= 250
    r = run(root, "person", "Ж" * 126, "--no-edit")
    assert r.exit_code == 2 and "252 bytes" in r.output and "limit is 250" in r.output
    assert run(root, "check").stdout == ""
    ok(run(root, "build", "--today", "2026-01-05", "-d", str(tmp_path / "site")))


def test_cut_slug_respects_bytes_and_hyphens():
    assert cut_slug("abc-def-ghi", 8) == "abc-def"
    assert len(cut_slug("ж" * 200, 101).encode()) <= 101


# --------------------------------------------------------------------------- kind 3: privacy


@pytest.mark.parametrize("share", [False, True])
def test_files_under_underscore_and_dot_folders_and_markdown_files_are_never_published(tmp_path, share):
    files = {"people/jane-doe.md": JANE, "a.md": entry(body="![p](photo.png)\n"),
             "photo.png": b"\x89PNG public",
             "_drafts/secret.pdf": SECRET, "_drafts/deep/x.txt": SECRET, "a/_b/c.png": SECRET,
             ".hidden/y.css": SECRET, "private.markdown": f"---\nprivate: true\n---\n{SECRET}\n",
             "notes.mdown": SECRET}
    root = make(tmp_path / "p", files)
    site = tmp_path / "site"
    ok(run(root, "build", "--today", "2026-01-05", "-d", str(site), *(["--share"] if share else [])))
    assert (site / "photo.png").exists()
    for path in site.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    assert not (site / "private.html").exists() and not (site / "_drafts").exists()


def test_share_drops_attachments_only_private_notes_use(tmp_path):
    files = {"people/jane-doe.md": JANE,
             "people/pat-secret.md": "---\nname: Pat Secret\nprivate: true\n---\n![x](../img/pat.jpg)\n",
             "pub.md": entry(body="[cv](files/both.pdf) ![x](files/pub%20pic.png)\n"),
             "priv.md": entry(extra="private: true\n",
                              body='![x](files/only-private.png)\n[cv](files/both.pdf)\n'
                                   '<img src="files/html.png">\n[ref]: files/ref.pdf\n'),
             "files/both.pdf": b"both", "files/pub pic.png": b"pub", "files/only-private.png": SECRET,
             "files/html.png": SECRET, "files/ref.pdf": SECRET, "img/pat.jpg": SECRET}
    root = make(tmp_path / "p", files)
    full, shared = tmp_path / "full", tmp_path / "shared"
    ok(run(root, "build", "--today", "2026-01-05", "-d", str(full)))
    ok(run(root, "build", "--today", "2026-01-05", "-d", str(shared), "--share"))
    assert (full / "files" / "only-private.png").exists()
    assert sorted(p.name for p in (shared / "files").iterdir()) == ["both.pdf", "pub pic.png"]
    assert not (shared / "img" / "pat.jpg").exists()


def test_references_resolve_relative_absolute_and_encoded():
    body = ("![a](x.png) [b](../y.pdf#p2) [c](<sp ace.png>) [d](https://e.com/z.png) [e](/root.png?x=1)\n"
            "[f]: f%20g.pdf\n<img src='h.png'> <a href=\"//cdn/x\">")
    assert references(body, "2026/a.md") == {"2026/x.png", "y.pdf", "2026/sp", "root.png", "2026/f g.pdf",
                                             "2026/h.png"}


def test_vcard_note_script_is_never_live(tmp_path):
    root = make(tmp_path / "p", {})
    vcf = tmp_path / "c.vcf"
    vcf.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Eve Hacker\nNOTE:<script>alert(1)</script> & <b>bold</b>\n"
                   "END:VCARD\n", encoding="utf-8")
    ok(run(root, "import", "vcard", str(vcf)))
    site = tmp_path / "site"
    ok(run(root, "build", "--today", "2026-01-05", "-d", str(site)))
    page = (site / "people" / "eve-hacker.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page


# text strangers write that reaches a page's Markdown through an import: each would make
# HTML, a script handler, a link, an image or an attribute if written as it is
HOSTILE = ["<img src=x onerror=alert(1)>", 'Click {: onclick="alert(2)" style="position:fixed" }',
           "[x](javascript:alert(3)) ![i](https://e.example/t.png)", "<https://e.example/t> <!-- c -->",
           "&#60;b&#62; \\{: onclick=alert(4)} <svg/onload=alert(5)>"]
READABLE = "Q&A: 3 < 5 -> fine, Ana <> Jo"


@pytest.mark.slow
def test_imported_text_is_shown_as_written_and_makes_no_markup(tmp_path):
    """vCard NOTE, a message's body, a calendar's LOCATION and a stranger's attendee name: none
    can put an element, a handler, a link or an image on a page, and each reads as written."""
    import html

    root = make(tmp_path / "p", {"people/jane-doe.md": "---\nname: Jane Doe\nlinks: {email: jane@x.example}\n---\n"},
                config=CONFIG.format(urls="false").replace("plugins: [search, netlog]",
                                                           "plugins: [search, {netlog: {me: [me@x.example]}}]")
                + "markdown_extensions: [attr_list]\n")
    lines = HOSTILE + [READABLE]
    vcf = tmp_path / "c.vcf"
    vcf.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Eve Card\nNOTE:" + "\\n".join(
        line.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;") for line in lines) + "\nEND:VCARD\n",
        encoding="utf-8")
    eml = tmp_path / "m.eml"
    eml.write_text("From: Jane Doe <jane@x.example>\nTo: me@x.example\nSubject: Hello\n"
                   "Date: Thu, 03 Dec 2026 10:00:00 +0000\nMessage-ID: <m1@x>\n"
                   "Content-Type: text/plain; charset=utf-8\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    ics = tmp_path / "c.ics"
    quoted = [line.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;") for line in lines]
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\n" + "".join(
        f"BEGIN:VEVENT\r\nUID:u{i}\r\nDTSTART:202612{i + 1:02d}T100000Z\r\nDTEND:202612{i + 1:02d}T110000Z\r\n"
        f"SUMMARY:Meeting {i}\r\nLOCATION:{q}\r\nATTENDEE;CN=Jane Doe:mailto:jane@x.example\r\n"
        f'ATTENDEE;CN="{line.replace(chr(34), "")}":mailto:s{i}@y.example\r\nEND:VEVENT\r\n'
        for i, (q, line) in enumerate(zip(quoted, lines))) + "END:VCALENDAR\r\n", encoding="utf-8")
    ok(run(root, "import", "vcard", str(vcf)))
    ok(run(root, "import", "mail", str(eml), "--since", "2026-11-01", "--today", "2026-12-20"))
    ok(run(root, "import", "ics", str(ics), "--since", "2026-11-01", "--today", "2026-12-20"))
    ok(run(root, "drafts", "--accept-all"))
    site = tmp_path / "site"
    ok(run(root, "build", "--today", "2026-12-20", "-d", str(site)))
    pages = {p.name: p.read_text(encoding="utf-8") for p in [site / "people/eve-card.html",
                                                               *sorted((site / "2026").glob("*.html"))]}
    assert len(pages) == 1 + 1 + len(lines)
    for name, page in pages.items():
        article = page.split("<article", 1)[1].split("</article>", 1)[0]
        assert not re.search(r"<[^>]*\s(on\w+|style)\s*=", article), name
        assert not re.search(r"<(img|svg|script)\b", article), name
        assert not re.search(r'(href|src)="(https?:|javascript:)', article), name
        text = html.unescape(re.sub(r"<[^>]*>", "", article))
        meeting = re.match(r"2026-12-(\d\d)-meeting", name)
        for line in [lines[int(meeting.group(1)) - 1]] if meeting else lines:  # each as it was written
            assert line in text, (name, line)


@pytest.mark.parametrize("url, outside", [
    ("https://e.com/x.png", True), ("HTTPS://e.com/x", True), ("//e.com/x", True), ("/\\e.com/x", True),
    ("\\\\e.com\\x", True), ("https:e.com/x", True), ("ht\ttps://e.com", True), (" //e.com", True),
    ("data:image/png;base64,AA", True), ("javascript:alert(1)", True), ("/x.css", True), ("../x.css", True),
    ("ftp://e.com/x", True), ("\x01//e.com", True),
    ("assets/x.css", False), ("x.css?v=1", False), ("a/../x.css", False),
])
def test_loads_from_outside(url, outside):
    assert loads_from_outside(url) is outside


def test_terminal_text_is_neutralised():
    assert for_terminal("a\x1b[2Jb\x9b31mc\u202ed\x07") == "a\\x1b[2Jb\\x9b31mc\\u202ed\\x07"
    assert for_terminal("José 王伟 👩\u200d💻") == "José 王伟 👩\u200d💻"


def test_json_for_terminal_escapes_control_and_format_characters_only():
    text = json.dumps({"name": "José\u202eX\x7f", "n": "👩\u200d💻 \u2028"}, ensure_ascii=False, indent=2)
    assert json_for_terminal(text) == text.replace("\u202e", "\\u202e").replace("\x7f", "\\u007f").replace(
        "\u2028", "\\u2028")
    plain = json.dumps({"name": "José 王伟 👩\u200d💻", "items": [1, 2]}, ensure_ascii=False, indent=2)
    assert json_for_terminal(plain) is plain


def test_every_unsafe_character_is_unprintable():
    """json_for_terminal skips its pattern for text ``str.isprintable`` finds printable (newlines
    aside): right only while no character the pattern escapes is printable."""
    unsafe = re.compile(sanitize._UNSAFE)
    assert not [c for c in map(chr, range(0x110000)) if c.isprintable() and unsafe.fullmatch(c)]


def test_literal_note_escapes_only_what_would_be_markup():
    assert literal_note("Q&A: 3 < 5 -> fine, a > b, Ana <> Jo") == "Q&A: 3 < 5 -> fine, a > b, Ana <> Jo"
    assert literal_note("<script>&amp; &#60; <a@b.c>") == "&lt;script>&amp;amp; &amp;#60; <a@b.c>"
    assert literal_note("> q\n  >q\\x [l](u) {: .c}") == "\\> q\n  \\>q\\\\x \\[l\\](u) \\{: .c\\}"


def test_terminal_escapes_in_names_never_reach_check_due_audit_path(tmp_path):
    evil = "Eve\x1b]0;pwned\x07\x1b[2J\u202eX"
    root = make(tmp_path / "p", {
        "people/eve.md": f'---\nname: "{evil.encode("unicode_escape").decode()}"\naka: [eve]\ncadence: 1w\n---\n',
        "a.md": '---\ndate: 2026-01-02\nkind: coffee\nwith: "Bob\\e[31m"\n---\n',
        "b.md": "---\ndate: 2026-01-02\nkind: coffee\nwith: eve\nfollow_up: {in: 1d, action: \"x\\e[5m\"}\n---\n",
    })
    for args in (["check"], ["check", "--format", "json"], ["due", "--all", "--today", "2026-02-01"],
                 ["audit", "--today", "2026-02-01"], ["path", "eve", "--today", "2026-02-01"],
                 ["path", "eve", "--today", "2026-02-01", "--format", "json"],
                 ["path", "Bob\x1b[31m", "--today", "2026-02-01"]):
        r = run(root, *args)
        assert r.exception is None or isinstance(r.exception, SystemExit)
        for ch in "\x1b\x07\u202e\x9b":
            assert ch not in r.output, (args, r.output)
    r = run(root, "due", "--all", "--today", "2026-02-01")
    assert "Eve\\x1b]0;pwned" in r.output
    r = run(root, "path", "eve", "--today", "2026-02-01")
    assert r.exit_code == 0 and "Eve\\x1b]0;pwned" in r.output, r.output


def test_unpublished_paths():
    assert unpublished("_drafts/a.png") and unpublished("a/.git/x") and unpublished(".x")
    assert not unpublished("a/b_c/d.png") and not unpublished("_x.png")


# --------------------------------------------------------------------------- kind 4: --share references


def test_share_keeps_every_reference_working(tmp_path):
    files = {
        "people/jane-doe.md": "---\nname: Jane Doe\nmet_via: Someone Unfiled\n---\n",
        "people/sam-lee.md": "---\nname: Sam Lee\nmet_via: Pat Secret\n---\n",
        "people/pat-secret.md": "---\nname: Pat Secret\nprivate: true\nmet_via: Other Unfiled\n---\n",
        "people/kim-park.md": "---\nname: Kim Park\nmet_via: Jane Doe\n---\n",
        "pub.md": entry(with_="[Jane Doe, Pat Secret]", extra="via: [Via Unfiled, Pat Secret]\n"),
        "pub2.md": entry(with_="With Unfiled", extra="via: Kim Park\n"),
        "priv.md": entry(with_="Only Private Unfiled", extra="private: true\nvia: Jane Doe\n"),
    }
    root = make(tmp_path / "p", files)
    r = run(root, "render", str(tmp_path / "r"), "--share", "--today", "2026-01-05")
    ok(r)
    out = tmp_path / "r" / "docs"  # render writes the pages under DIR/docs/ (docs/toolchain.md)
    assert (out / "people" / "someone-unfiled.md").exists()
    assert (out / "people" / "via-unfiled.md").exists() and (out / "people" / "with-unfiled.md").exists()
    assert not (out / "people" / "pat-secret.md").exists()
    assert not (out / "people" / "other-unfiled.md").exists()
    assert not (out / "people" / "only-private-unfiled.md").exists()
    text = "\n".join(p.read_text(encoding="utf-8") for p in out.rglob("*.md"))
    assert "Pat Secret" not in text and "Only Private Unfiled" not in text
    site = tmp_path / "site"
    ok(run(root, "build", "--share", "--today", "2026-01-05", "-d", str(site)))
    assert broken_links(site) == []


def test_import_output_neutralises_escape_sequences(tmp_path):
    root = make(tmp_path / "p", {})
    vcf = tmp_path / "e.vcf"
    vcf.write_bytes(b"BEGIN:VCARD\nVERSION:3.0\nFN:Ev\x1b[2Je\nEND:VCARD\n")
    r = ok(run(root, "import", "vcard", str(vcf), "--dry-run"))
    assert "\x1b" not in r.output and "Ev\\x1b[2Je" in r.output
