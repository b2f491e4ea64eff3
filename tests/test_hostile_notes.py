"""Issue 9, kind 6: notes that would make Python-Markdown take minutes (netlog/hostile.py)."""

from __future__ import annotations

import contextlib

import markdown
from click.testing import CliRunner

from netlog.cli import main
from netlog.hostile import MAX_BRACKETS, MAX_MARKDOWN_CHARS, defuse, findings, notes_markdown

EXTENSIONS = ["toc", "tables", "attr_list", "admonition"]


def test_ordinary_notes_are_left_alone():
    body = ("# Heading\n\nSome [link](x.md), ![img](a.png), <b>bold</b>, a < b, `a < b`\n\n"
            "- a\n  - b\n    - c\n\n> quote\n\n-----------------------------\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert findings(body) == []
    assert defuse(body) == (body, False)


def test_many_brackets_in_a_paragraph_are_shown_as_text():
    body = "ok [a](b)\n\n" + "[" * 8000 + "\nsame paragraph [x](y) <b>\n"
    assert [n for n, _ in findings(body)] == [2]
    text, is_html = defuse(body)
    assert not is_html
    assert text.startswith("ok [a](b)\n\n\x02<p class=\"nl-plain-notes\"")  # the other paragraph keeps its link
    assert "[" * 8000 + "\nsame paragraph [x](y) &lt;b&gt;</p>\x03" in text
    page = notes_markdown(body)
    html = markdown.markdown(page.replace("\x02", "").replace("\x03", ""), extensions=EXTENSIONS)
    assert '<a href="b">' in html and '<a href="y">' not in html


def test_at_the_limit_is_left_alone():
    body = "[" * MAX_BRACKETS
    assert findings(body) == [] and defuse(body) == (body, False)


def test_nested_markers_on_one_line_never_crash_markdown():
    body = "1. " * 5000 + "x\n"
    assert findings(body)[0][0] == 0
    text, _ = defuse(body)
    assert text.startswith("\x02<p")
    markdown.markdown(text, extensions=EXTENSIONS)  # would be a RecursionError unescaped
    for line in ("- " * 17 + "x", "> " * 40 + "x", ">" * 40 + " x"):
        assert findings(line), line


def test_stray_angle_brackets_become_text_when_many():
    body = "keep <b>bold</b>\n" + "<a " * 500
    assert len(findings(body)) == 1
    text, _ = defuse(body)
    assert "<b>bold</b>" in text and "&lt;a " in text


def test_very_long_notes_are_plain_text():
    body = "x\n\n" * (MAX_MARKDOWN_CHARS // 3 + 1) + "<script>alert(1)</script>"
    (n, message), = findings(body)
    assert n == 0 and "plain text" in message
    text, is_html = defuse(body)
    assert is_html and "<script>" not in text and "&lt;script&gt;" in text


def test_check_warns_with_the_line_and_build_shows_the_text(tmp_path):
    root = tmp_path / "p"
    (root / "log" / "people").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: t\ndocs_dir: log\nuse_directory_urls: false\n"
                                     "plugins: [netlog]\n")
    (root / "log" / "people" / "jane-doe.md").write_text("---\nname: Jane Doe\n---\n")
    (root / "log" / "a.md").write_text("---\ndate: 2026-01-02\nkind: coffee\nwith: Jane Doe\n---\n"
                                       "intro\n\n" + "[" * 8000 + "\n")
    with contextlib.chdir(root):
        r = CliRunner().invoke(main, ["check"])
        assert r.exit_code == 0
        assert r.output.startswith("log/a.md:8: warning: a paragraph with 8,000 '['")
        r = CliRunner().invoke(main, ["build", "-d", str(tmp_path / "site"), "--today", "2026-01-05"])
        assert r.exit_code == 0, r.output
    page = (tmp_path / "site" / "a.html").read_text(encoding="utf-8")
    assert '<p class="nl-plain-notes" style="white-space: pre-wrap; overflow-wrap: anywhere">' + "[" * 8000 + "</p>" in page
