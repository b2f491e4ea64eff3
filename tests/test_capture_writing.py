"""The shared writing helpers of capture: the quick YAML path and the sources scan."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from netlog import yamlemit
from netlog.capture.writing import known_sources

ALPHABET = st.sampled_from(list("abcXYZ019 ._'/()-:#,[]{}\"&*!|>%@`?+=~\téü王ß\u00a0ªİı\u2028\x85\ufeff💥"))


def pyyaml(value) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=2**30)
    if text.endswith("\n...\n"):
        text = text[:-len("...\n")]
    return text.rstrip("\n")


@settings(max_examples=800, deadline=None)
@given(st.one_of(st.text(ALPHABET, max_size=14), st.sampled_from(["Yes", "NO", "Off", "y", "Null", "on"]),
                 st.lists(st.text(ALPHABET, max_size=8), max_size=3), st.dates()))
def test_the_quick_path_writes_what_pyyaml_writes(value):
    quick = yamlemit._plain(value)
    if quick is not None:
        assert quick == pyyaml(value)
    assert yamlemit.yaml_value(value) == pyyaml(value)


@settings(max_examples=800, deadline=None)
@given(st.text(st.sampled_from(list("aZy09_.@/+=-:~%# ")), max_size=16).map(lambda t: "x" + t),
       st.sampled_from(["", "ics:", "ics:nouid-", "Ics:"]))
def test_the_quick_path_for_identifiers_writes_what_pyyaml_writes(text, prefix):
    value = prefix + text
    quick = yamlemit._plain(value)
    if quick is not None:
        assert quick == pyyaml(value)
        assert yaml.safe_load(f"source: {quick}")["source"] == value


def test_the_quick_path_takes_names_titles_and_dates():
    for value in ["Jane Doe", "Anne-Marie O'Neil", "José Núñez", "王伟", dt.date(2026, 11, 30), ["Jane Doe", "Sam"],
                  "ics:abc@x", "ics:040000008200E00074C5B7101A82E008@2026-11-02", "ics:a_b.c+d=e/f-g@x.y"]:
        assert yamlemit._plain(value) is not None
    for value in ["yes", "Off", "2026-11-30", "a: b", "#x", " lead", "ics:", "ics::x", "ics:x y", "ics:é",
                  ["ics:abc@x"]]:
        assert yamlemit._plain(value) is None


def test_known_sources_reads_entries_and_drafts_only(tmp_path):
    files = {
        "2026/a.md": "---\ndate: 2026-11-02\nsource: ics:a\n---\n",
        "_drafts/b.md": "\ufeff---\r\ndate: 2026-11-02\r\nsource: 'ics:b@2026-11-02'\r\n---\r\n",
        "_drafts/dropped/c.md": "---\nsource: \"ics:c\"\n---\n",
        "_other/d.md": "---\nsource: ics:d\n---\n",
        ".git/e.md": "---\nsource: ics:e\n---\n",
        "2026/f.md": "---\ndate: 2026-11-02\n---\nsource: ics:f in the notes, not a key\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8", newline="")
    assert known_sources(str(tmp_path)) == {"ics:a", "ics:b@2026-11-02", "ics:c"}


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(ALPHABET, max_size=14), st.sampled_from(["Yes", "NO", "Off", "y", "Null", "on", "e1", "x:1"]),
                 st.text(st.sampled_from(list("aZy09_.@/+=-:~%# \r")), max_size=16).map(lambda t: "mail:" + t)))
def test_a_source_that_reads_as_itself_is_what_yaml_reads(text):
    # known_sources takes such a value as it is written, without the YAML parser
    from netlog.capture.writing import source_of

    if yamlemit.reads_as_itself(text):
        assert yaml.safe_load(text) == text
    try:
        value = yaml.safe_load(text.strip(" \t"))  # the line's value, as source_of's pattern takes it
    except yaml.YAMLError:
        expected = None
    else:
        expected = str(value).strip() if value not in (None, "") else None
    if "\n" not in text and "\x85" not in text and "\u2028" not in text:
        assert source_of(f"---\nsource: {text}\n---\n") == expected


def test_known_sources_reads_a_file_s_first_64_kib(tmp_path):
    (tmp_path / "2026").mkdir()
    (tmp_path / "2026" / "a.md").write_text("---\n" + "# x\n" * 20000 + "source: ics:late\n---\n")
    (tmp_path / "2026" / "b.md").write_text("---\n" + "# x\n" * 100 + "source: ics:early\n---\n" + "y" * 70000)
    (tmp_path / "2026" / "c.md").mkdir()  # a folder named like an entry: left out
    assert known_sources(str(tmp_path)) == {"ics:early"}
