"""Issue 9, kinds 7 and 10: one title heading rule (netlog/titles.py); slugs keep every script's words."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from netlog.cli import main
from netlog.slug import is_slug, old_slugify, slugify, stem_by_old_rule
from netlog.titles import body_without_title, find_title_heading, title_from_body

from helpers import write_files

CONFIG = "site_name: t\ndocs_dir: log\nplugins: [netlog]\n"


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    write_files(tmp_path / "log", files)
    return tmp_path


def _run(root: Path, *args: str):
    import contextlib
    with contextlib.chdir(root):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize("body, title, index", [
    ("# Title\n", "Title", 0),
    ("#\tTabbed\n", "Tabbed", 0),
    ("# Closing ##\n", "Closing", 0),
    ("## Not\n# Yes\n", "Yes", 1),
    ("#tag line\n# Real\n", "Real", 1),
    (" # indented\n", None, None),
    ("```\n# Fenced\n```\n# Fenced\n", "Fenced", 3),
    ("~~~~\n# A\n~~~\n# B\n~~~~\n# C\n", "C", 5),
    ("````md\n# A\n```\n````\n# D\n", "D", 4),
    ("#   \n", None, None),
])
def test_title_heading_rule(body, title, index):
    found = find_title_heading(body)
    assert (found.text if found else None) == title
    assert (found.index if found else None) == index
    assert title_from_body(body) == title


def test_the_heading_line_that_gave_the_title_is_the_one_removed():
    body = "```\n# Fenced\n```\n# Fenced\nafter\n"
    assert body_without_title(body, "Fenced") == "```\n# Fenced\n```\nafter\n"
    assert body_without_title("#\tTabbed\ntext\n", "Tabbed") == "text\n"
    assert body_without_title("# Other\n", "Title") == "# Other\n"


def test_entry_page_has_one_h1_for_a_tab_heading_and_keeps_fenced_lines(tmp_path):
    root = _project(tmp_path, {
        "a.md": "---\ndate: 2026-01-02\nkind: article\n---\n#\tTabbed title\n\nbody text\n",
        "b.md": "---\ndate: 2026-01-03\nkind: article\n---\n```\n# Fenced\n```\n# Fenced\nafter\n",
    })
    r = _run(root, "render", str(tmp_path / "out"), "--today", "2026-02-01")
    assert r.exit_code == 0, r.output
    def body(name):  # render writes pages under DIR/docs/, each after its front matter
        text = (tmp_path / "out" / "docs" / name).read_text(encoding="utf-8")
        return text.split("\n---\n", 1)[1].lstrip("\n") if text.startswith("---\n") else text

    a = body("a.md")
    assert a.startswith("# Tabbed title\n")
    assert "Tabbed title" not in a[len("# Tabbed title\n"):]
    b = body("b.md")
    assert "```\n# Fenced\n```" in b  # the fenced line stays
    assert b.count("# Fenced") == 2  # the page's h1 and the fenced line; the real heading is gone


# --------------------------------------------------------------------------- slugs


@pytest.mark.parametrize("name, slug", [
    ("José Núñez", "jose-nunez"),
    ("Anne-Marie O'Neil", "anne-marie-o-neil"),
    ("王伟", "王伟"),
    ("राहुल शर्मा", "राहुल-शर्मा"),
    ("สมชาย ใจดี", "สมชาย-ใจดี"),
    ("김민준", "김민준"),
    ("Ἀθηνᾶ Παππᾶ", "αθηνα-παππα"),
    ("Ёлкин Йосиф", "елкин-иосиф"),
    ("محمد عبد الله", "محمد-عبد-الله"),
    ("தமிழ் செல்வி", "தமிழ்-செல்வி"),
])
def test_slugs_keep_every_scripts_words(name, slug):
    assert slugify(name) == slug
    assert slugify(name) == unicodedata.normalize("NFC", slugify(name))
    assert is_slug(slug)
    assert slugify(unicodedata.normalize("NFD", name)) == slug


def test_decomposed_korean_is_not_a_slug():
    assert not is_slug(unicodedata.normalize("NFD", "김민준"))


def test_old_rule_is_recognised():
    assert old_slugify("राहुल शर्मा") == "र-ह-ल-शरम"
    assert stem_by_old_rule("र-ह-ल-शरम", ["राहुल शर्मा"]) == "राहुल-शर्मा"
    assert stem_by_old_rule("jose-nunez", ["José Núñez"]) is None


def test_person_file_named_by_the_old_rule_is_an_error_naming_the_new_stem(tmp_path):
    root = _project(tmp_path, {
        "people/र-ह-ल-शरम.md": "---\nname: राहुल शर्मा\n---\n",
        "people/" + unicodedata.normalize("NFD", "김민준") + ".md": "---\nname: 김민준\n---\n",
        "people/สมชาย-ใจดี.md": "---\nname: สมชาย ใจดี\n---\n",
    })
    r = _run(root, "check")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert any("old slug rule" in x and "people/राहुल-शर्मा.md" in x for x in lines), r.output
    assert any("not a slug" in x and "people/김민준.md" in x for x in lines), r.output
    assert len(lines) == 2, r.output


def test_refs_in_devanagari_resolve_to_the_person(tmp_path):
    root = _project(tmp_path, {
        "people/राहुल-शर्मा.md": "---\nname: राहुल शर्मा\n---\n",
        "a.md": "---\ndate: 2026-01-02\nkind: call\nwith: राहुल शर्मा\n---\n",
    })
    r = _run(root, "check")
    assert r.exit_code == 0 and r.stdout == "", r.output
