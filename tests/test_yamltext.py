"""Issue 9, kind 1: YAML never changes what was typed without a word (netlog/yamltext.py)."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from netlog import frontmatter
from netlog.cli import main
from netlog.yamltext import differs, quoted, write_as

from helpers import write_files

CONFIG = "site_name: t\ndocs_dir: log\nplugins: [netlog]\n"


def _check(tmp_path: Path, files: dict[str, str], *args: str):
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    write_files(tmp_path / "log", files)
    with contextlib.chdir(tmp_path):
        return CliRunner().invoke(main, list(args or ["check"]), catch_exceptions=False)


@pytest.mark.parametrize("typed, value", [
    ("0612345670", 103402424), ("+33612345670", 33612345670), ("1_000", 1000), ("1:20", 80),
    ("0x1F", 31), ("yes", True), ("Null", None),
])
def test_differs(typed, value):
    assert differs(value, typed)


def test_same_reading_is_no_difference():
    import datetime as dt
    assert not differs(12345, "12345")
    assert not differs(dt.date(2026, 1, 2), "2026-01-02")


def test_quoted_forms_are_yaml_that_reads_back_as_the_text():
    import yaml
    for text in ("#mentor", '0"1', "a\\b", "é", "1:20"):
        assert yaml.safe_load(write_as("k", text)) == {"k": text}
        assert yaml.safe_load(write_as("k", text, 0)) == [text]
        assert yaml.safe_load(write_as("k", text, "phone")) == {"phone": text}
        assert yaml.safe_load(quoted(text)) == text


@pytest.mark.parametrize("value, shown", [
    ("0612345670", "0612345670"), ("+33612345670", "+33612345670"), ("1_000", "1_000"),
    ("1:20", "1:20"), ("0x1F", "0x1F"), ("2026-01-02", "2026-01-02"), ("12345", "12345"),
])
def test_links_keep_the_text_as_typed(tmp_path, value, shown):
    r = _check(tmp_path, {"people/jane-doe.md": f"---\nname: Jane Doe\nlinks:\n  phone: {value}\n---\n"},
               "render", str(tmp_path / "out"), "--today", "2026-02-01")
    assert r.exit_code == 0, r.output
    page = (tmp_path / "out" / "docs" / "people" / "jane-doe.md").read_text(encoding="utf-8")
    # the value as typed, as text or as the text of a link (a phone number is a tel: link)
    assert re.search(rf'<dd>(?:<a href="[^"]*">)?{re.escape(shown)}(?:</a>)?</dd>', page), page


def test_links_number_that_reads_differently_is_a_warning_with_the_quoted_form(tmp_path):
    r = _check(tmp_path, {"people/jane-doe.md": "---\nname: Jane Doe\nlinks:\n  phone: 0612345670\n---\n"})
    assert r.exit_code == 0
    assert r.stdout == ("log/people/jane-doe.md:4: warning: 'links': YAML reads 0612345670 as the number "
                        "103402424; netlog keeps the text as typed (write phone: \"0612345670\" so that "
                        "every YAML reader agrees)\n")


@pytest.mark.parametrize("front, line, expected", [
    ("tags: #mentor", 3, "'tags' is empty: YAML reads '#mentor' as a comment, not as the value; "
                         "to keep the text write tags: \"#mentor\""),
    ("org:   # soon", 3, "'org' is empty: YAML reads '# soon' as a comment, not as the value; "
                         "to keep the text write org: \"# soon\""),
    ("links:\n  x: #y", 4, "'links': 'x' is empty: YAML reads '#y' as a comment, not as the value; "
                          "to keep the text write x: \"#y\""),
])
def test_a_key_emptied_by_a_comment_is_a_warning(tmp_path, front, line, expected):
    r = _check(tmp_path, {"people/jane-doe.md": f"---\nname: Jane Doe\n{front}\n---\n"})
    assert f"log/people/jane-doe.md:{line}: warning: {expected}" in r.output.splitlines(), r.output


def test_list_item_emptied_by_a_comment_is_named(tmp_path):
    r = _check(tmp_path, {"people/jane-doe.md": "---\nname: Jane Doe\ntags:\n  - a\n  - #b\n---\n"})
    assert ("log/people/jane-doe.md:5: warning: 'tags' item 2 is empty: YAML reads '#b' as a comment, "
            "not as the value; to keep the text write - \"#b\"") in r.output.splitlines(), r.output


def test_text_fields_name_the_quoted_form_and_what_yaml_read(tmp_path):
    r = _check(tmp_path, {"a.md": "---\ndate: 2026-01-02\nkind: article\ntitle: 0123\ntags: [a, yes]\n---\n"})
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        "log/a.md:4: error: 'title' must be text, got the number 83; YAML read 0123 that way "
        "(write title: \"0123\")",
        "log/a.md:5: error: 'tags' must be a list of text; one item is the boolean true; YAML read yes "
        "that way (write - \"yes\")",
    ]


def test_quoted_and_block_scalars_are_text_already():
    fm = frontmatter.parse("a.md", "---\na: '0123'\nb: \"yes\"\nc: |\n  0123\n---\n")
    assert fm.typed_forms() == {} and fm.problems == []


def test_null_spelled_as_a_word_is_a_warning_but_tilde_and_null_are_meant(tmp_path):
    r = _check(tmp_path, {"people/jane-doe.md": "---\nname: Jane Doe\norg: NULL\nrole: ~\n---\n",
                          "people/sam-lee.md": "---\nname: Sam Lee\norg: null\nrole:\n---\n"})
    assert r.stdout == ("log/people/jane-doe.md:3: warning: 'org': YAML reads NULL as no value; to keep the text "
                        "write org: \"NULL\"\n")


def test_kinds_action_without_a_rule_is_a_warning(tmp_path):
    (tmp_path / "log").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndocs_dir: log\nplugins:\n  - netlog:\n      kinds:\n"
                                         "        coffee: {action: Say thanks}\n        event: {action: Slides}\n")
    with contextlib.chdir(tmp_path):
        r = CliRunner().invoke(main, ["check"])
    assert r.exit_code == 0
    assert r.stdout == ("mkdocs.yml:5: warning: plugins: Plugin 'netlog' option 'kinds': kind 'coffee': 'action' "
                        "does nothing because the kind has no rule; add `after:` (an offset) to give it one\n")
