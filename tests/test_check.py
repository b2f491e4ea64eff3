"""`netlog check`: every message with its exact text and line, exit codes, formats (docs/format.md §2, §3, §10; docs/commands.md)."""

from __future__ import annotations

import json

import pytest

from netlog import registry

from helpers import entry, person

PEOPLE = {
    "log/people/jane-doe.md": person("Jane Doe", aka="[J. Doe]"),
    "log/people/frank-grey.md": person("Frank Grey", aka="[F. Grey]"),
}

NO_FM = "no front matter: the file must start with a '---' line, then YAML keys, then another '---' line"
RESERVED = "reserved path: netlog generates this page; move or rename the file"


def fm(*lines: str, body: str = "") -> str:
    """A file whose front matter is ``lines``."""
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n" + body


def check(project, run, files: dict, *args):
    all_files = dict(PEOPLE)
    all_files.update(files)
    project(all_files)
    result = run("check", *args)
    return result.stdout.splitlines(), result.exit_code


# --------------------------------------------------------------------------- clean logs


def test_clean_log_prints_nothing_and_exits_0(project, run):
    lines, code = check(project, run, {
        "log/2026/a.md": entry("2026-01-05", "coffee", ["Jane Doe", "F. Grey"], via="J. Doe",
                               follow_up="2w", direction="mutual", channel="in-person",
                               outcome="good", tags="[a, b]", private="false", title='"Hello"',
                               body="Notes.\n"),
        "log/2026/b.md": entry("2026-01-06", "talk", audience=40),
        "log/2026/c.md": entry("2026-01-07", "intro", ["jane-doe"], follow_up="{in: 1m, action: Ask}"),
        "log/2026/d.md": entry("2026-01-08", "event", ["Frank Grey"], follow_up="false"),
        "log/2026/e.md": entry("2026-01-09", "meal", ["Frank Grey"],
                               follow_up="{due: 2026-01-09, action: Same day}"),
    })
    assert lines == []
    assert code == 0


def test_empty_log_is_clean(project, run):
    project({})
    result = run("check")
    assert result.stdout == ""
    assert result.exit_code == 0


def test_bom_and_crlf_are_accepted(project, run):
    crlf = "---\r\ndate: 2026-01-05\r\nkind: coffee\r\nwith: [Jane Doe]\r\nfolow_up: 3d\r\n---\r\n# Hi\r\n"
    lines, code = check(project, run, {
        "log/2026/bom.md": "\ufeff" + entry("2026-01-05", "coffee", ["Jane Doe"]),
        "log/2026/crlf.md": crlf,
        "log/2026/both.md": "\ufeff" + entry("2026-01-05", "coffee", ["Jane Doe"]).replace("\n", "\r\n"),
        "log/2026/cr.md": entry("2026-01-05", "coffee", ["Jane Doe"]).replace("\n", "\r"),
        "log/people/bom-person.md": "\ufeff" + person("Bom Person").replace("\n", "\r\n"),
    })
    # the one finding proves CRLF files are read with the right line numbers
    assert lines == ["log/2026/crlf.md:5: warning: unknown key 'folow_up' in an entry (did you mean 'follow_up'?)"]
    assert code == 0


def test_drafts_and_hidden_folders_are_ignored(project, run):
    lines, code = check(project, run, {
        "log/_drafts/x.md": "not even front matter\n",
        "log/2026/_wip/y.md": "---\nbroken: [\n---\n",
        "log/.hidden/z.md": "\xff garbage",
        "log/people/.secret/w.md": "garbage",
        "log/.dotfile.md": "garbage",
    })
    assert lines == []
    assert code == 0


def test_only_md_files_are_read(project, run):
    lines, code = check(project, run, {
        "log/2026/picture.png": "garbage",
        "log/2026/notes.txt": "garbage",
    })
    assert lines == ["log/2026/notes.txt:1: warning: not read and not published: netlog reads only files ending in .md"]
    assert code == 0


# --------------------------------------------------------------------------- file-level problems


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(b"---\ndate: 2026-01-05\nkind: coffee\nwith: [Jane Doe]\n---\ncaf\xe9\n",
                     "log/2026/a.md:6: error: not valid UTF-8 (byte 0xE9 on line 6); save the file as UTF-8",
                     id="not-utf8-in-body"),
        pytest.param(b"---\ndate: 2026-01-05\nkind: c\xf6ffee\nwith: [Jane Doe]\n---\n",
                     "log/2026/a.md:3: error: not valid UTF-8 (byte 0xF6 on line 3); save the file as UTF-8",
                     id="not-utf8-in-front-matter"),
        pytest.param("# Coffee\n\nno front matter\n",
                     f"log/2026/a.md:1: error: {NO_FM}",
                     id="no-front-matter"),
        pytest.param("\n---\ndate: 2026-01-05\n---\n",
                     f"log/2026/a.md:1: error: {NO_FM}",
                     id="front-matter-not-on-line-1"),
        pytest.param("---\ndate: 2026-01-05\nkind: coffee\n",
                     "log/2026/a.md:1: error: front matter is not closed: no '---' line after line 1",
                     id="unclosed"),
        pytest.param("---\ndate: 2026-01-05\nkind: coffee\n\twith: [Jane Doe]\n---\n",
                     "log/2026/a.md:4: error: tab used for indentation in front matter; YAML needs spaces",
                     id="tab"),
        pytest.param("---\n- date\n- kind\n---\n",
                     "log/2026/a.md:1: error: front matter must be a mapping of keys to values "
                     "(`key: value` lines), not a list",
                     id="list"),
        pytest.param("---\njust text\n---\n",
                     "log/2026/a.md:1: error: front matter must be a mapping of keys to values "
                     "(`key: value` lines), not a single value",
                     id="scalar"),
    ],
)
def test_file_level_errors(project, run, content, expected):
    lines, code = check(project, run, {"log/2026/a.md": content})
    assert lines == [expected]
    assert code == 1


@pytest.mark.parametrize(
    ("content", "line", "messages"),
    [
        pytest.param("---\ndate: 2026-01-05\nkind: coffee: bad\nwith: [Jane Doe]\n---\n", 3,
                     # libyaml's wording, then PyYAML's pure-Python one
                     ("mapping values are not allowed in this context", "mapping values are not allowed here"),
                     id="yaml-syntax"),
        # an unclosed bracket or quote is reported where it opened, not at the closing '---'
        pytest.param("---\ndate: 2026-01-05\nkind: coffee\nwith: [Jane Doe\n---\n", 4,
                     ("did not find expected ',' or ']'", "expected ',' or ']', but got '<stream end>'"),
                     id="yaml-unclosed-list"),
        pytest.param("---\ndate: 2026-01-05\nkind: coffee\nwith: [Jane Doe]\ntitle: \"open\n---\n", 5,
                     ("found unexpected end of stream",), id="yaml-unclosed-quote"),
        # the unclosed { is kind's: named at its key, not at the next key it ran into
        pytest.param("---\ndate: 2026-01-05\nkind: {a: 1\nwith: [Jane Doe]\n---\n", 3,
                     ("did not find expected ',' or '}'", "expected ',' or '}', but got ':'"),
                     id="yaml-error-inside-a-flow-mapping"),
        # YAML breaks lines at U+2028 too; editors (and netlog's lines) do not
        pytest.param("---\ntitle: \"a\u2028b\"\nkind: coffee\nwith: [Jane Doe\n---\n", 4,
                     ("did not find expected ',' or ']'", "expected ',' or ']', but got '<stream end>'"),
                     id="yaml-error-after-a-line-separator"),
    ],
)
def test_yaml_syntax_errors_name_their_line(project, run, content, line, messages):
    lines, code = check(project, run, {"log/2026/a.md": content})
    assert lines in ([f"log/2026/a.md:{line}: error: YAML syntax error: {m}"] for m in messages)
    assert code == 1


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_key_lines_count_newlines_only(project, run, separator):
    text = fm("date: 2026-01-05", f'title: "one{separator}two"', "kind: coffee", "with: [Jane Doe]",
              "folow_up: 3d", "kind: call")
    lines, code = check(project, run, {"log/2026/a.md": text})
    assert lines == [
        "log/2026/a.md:6: warning: unknown key 'folow_up' in an entry (did you mean 'follow_up'?)",
        "log/2026/a.md:7: error: duplicate key 'kind' (first on line 4)",
    ]
    assert code == 1


def test_empty_front_matter_reports_missing_keys_at_line_1(project, run):
    lines, code = check(project, run, {"log/2026/a.md": "---\n---\nbody\n"})
    assert lines == [
        "log/2026/a.md:1: error: missing required key 'date'",
        "log/2026/a.md:1: error: missing required key 'kind'",
    ]
    assert code == 1


# --------------------------------------------------------------------------- entry keys


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        pytest.param(("kind: coffee", "with: [Jane Doe]"),
                     ["1: error: missing required key 'date'"], id="missing-date"),
        pytest.param(("date:", "kind: coffee", "with: [Jane Doe]"),
                     ["2: error: 'date' has no value"], id="empty-date"),
        pytest.param(("date: soon", "kind: coffee", "with: [Jane Doe]"),
                     ["2: error: 'date': expected a date YYYY-MM-DD, got 'soon'"], id="date-text"),
        pytest.param(("date: 2026-02-30", "kind: coffee", "with: [Jane Doe]"),
                     ["2: error: 'date': '2026-02-30' is not a calendar date"], id="date-impossible"),
        pytest.param(('date: "2026-02-30"', "kind: coffee", "with: [Jane Doe]"),
                     ["2: error: 'date': '2026-02-30' is not a calendar date"], id="date-quoted-impossible"),
        pytest.param(("date: 2026-01-05 10:30:00", "kind: coffee", "with: [Jane Doe]"),
                     ["2: error: 'date': expected a date YYYY-MM-DD, got a date and time "
                      "(2026-01-05T10:30:00); drop the time"], id="date-time"),
        pytest.param(("date: 20260105", "kind: coffee", "with: [Jane Doe]"),
                     ["2: error: 'date': expected a date YYYY-MM-DD, got the number 20260105"], id="date-number"),
        pytest.param(("date: 2026-01-05", "with: [Jane Doe]"),
                     ["1: error: missing required key 'kind'"], id="missing-kind"),
        pytest.param(("date: 2026-01-05", "kind:", "with: [Jane Doe]"),
                     ["3: error: 'kind' has no value"], id="empty-kind"),
        pytest.param(("date: 2026-01-05", "kind: 3", "with: [Jane Doe]"),
                     ["3: error: 'kind' must be text, got the number 3 (write kind: \"3\")"], id="kind-number"),
        pytest.param(("date: 2026-01-05", "kind: cofee", "with: [Jane Doe]"),
                     ["3: error: unknown kind 'cofee' (did you mean 'coffee'?); add it under the netlog "
                      "plugin's `kinds` option to use it"], id="kind-typo"),
        pytest.param(("date: 2026-01-05", "kind: skydiving", "with: [Jane Doe]"),
                     ["3: error: unknown kind 'skydiving'; add it under the netlog plugin's `kinds` "
                      "option to use it"], id="kind-unknown"),
        pytest.param(("date: 2026-01-05", "kind: coffee"),
                     ["1: error: missing required key 'with' (a coffee is with someone)"], id="missing-with"),
        pytest.param(("date: 2026-01-05", "kind: coffee", "with: []"),
                     ["4: error: 'with' names no one"], id="with-empty-list"),
        pytest.param(("date: 2026-01-05", "kind: coffee", "with: 4"),
                     ["4: error: 'with' must be a list of text, got the number 4 (write with: \"4\")"], id="with-number"),
        pytest.param(("date: 2026-01-05", "kind: coffee", "with: {a: b}"),
                     ["4: error: 'with' must be a list of text, got a mapping"], id="with-mapping"),
        pytest.param(("date: 2026-01-05", "kind: coffee", "with: [Jane Doe, 7]"),
                     ["4: error: 'with' must be a list of text; one item is the number 7 (write - \"7\")"], id="with-item"),
        pytest.param(("date: 2026-01-05", "kind: coffee", "with: ['!!']"),
                     ["4: error: 'with': '!!' has no letters or digits, so it names no one"], id="with-no-letters"),
        pytest.param(("date: 2026-01-05", "kind: talk", "audience: -1"),
                     ["4: error: 'audience' must be a whole number of people (0 or more), got the number -1"],
                     id="audience-negative"),
        pytest.param(("date: 2026-01-05", "kind: talk", "audience: many"),
                     ["4: error: 'audience' must be a whole number of people (0 or more), got 'many'"],
                     id="audience-text"),
        pytest.param(("date: 2026-01-05", "kind: talk", "audience: 2.5"),
                     ["4: error: 'audience' must be a whole number of people (0 or more), got the number 2.5"],
                     id="audience-float"),
        pytest.param(("date: 2026-01-05", "kind: talk", "audience: true"),
                     ["4: error: 'audience' must be a whole number of people (0 or more), "
                      "got the boolean true"], id="audience-bool"),
        pytest.param(("date: 2026-01-05", "kind: coffee", "with: [Jane Doe]", "direction: outt"),
                     ["5: error: 'direction' must be out, in or mutual, got 'outt' (did you mean 'out'?)"],
                     id="direction-typo"),
        pytest.param(("date: 2026-01-05", "kind: coffee", "with: [Jane Doe]", "direction: sideways"),
                     ["5: error: 'direction' must be out, in or mutual, got 'sideways'"], id="direction-bad"),
        pytest.param(("date: 2026-01-05", "kind: coffee", "with: [Jane Doe]", "direction: 3"),
                     ["5: error: 'direction' must be text, got the number 3 (write direction: \"3\")"],
                     id="direction-number"),
        pytest.param(("date: 2026-01-05", "kind: coffee", "with: [Jane Doe]", "private: maybe"),
                     ["5: error: 'private' must be true or false, got 'maybe'"], id="private"),
        pytest.param(("date: 2026-01-05", "kind: coffee", "with: [Jane Doe]", "tags: [a, [b]]"),
                     ["5: error: 'tags' must be a list of text; one item is a list"], id="tags"),
        pytest.param(("date: 2026-01-05", "kind: coffee", "with: [Jane Doe]", "title: 2026"),
                     ["5: error: 'title' must be text, got the number 2026 (write title: \"2026\")"], id="title"),
        pytest.param(("date: 2026-01-05", "kind: coffee", "with: [Jane Doe]", "date: 2026-01-06"),
                     ["5: error: duplicate key 'date' (first on line 2)"], id="duplicate-key"),
        pytest.param(("date: 2026-01-05", "kind: coffee", "with: [Jane Doe]", "with: [F. Grey]"),
                     ["5: error: duplicate key 'with' (first on line 4)"], id="duplicate-with"),
    ],
)
def test_entry_key_errors(project, run, front, expected):
    lines, code = check(project, run, {"log/2026/a.md": fm(*front)})
    assert lines == ["log/2026/a.md:" + e for e in expected]
    assert code == 1


def test_a_visibility_kind_needs_no_with(project, run):
    lines, code = check(project, run, {"log/2026/a.md": fm("date: 2026-01-05", "kind: talk")})
    assert lines == []
    assert code == 0


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("folow_up: 3d", "5: warning: unknown key 'folow_up' in an entry (did you mean 'follow_up'?)"),
        ("tag: [a]", "5: warning: unknown key 'tag' in an entry (did you mean 'tags'?)"),
        ("mood: great", "5: warning: unknown key 'mood' in an entry"),
        ("on: 2026-02-01", "5: warning: unknown key 'on' (YAML reads a bare on as true) in an entry"),
    ],
)
def test_unknown_entry_key_is_a_warning(project, run, extra, expected):
    files = {"log/2026/a.md": fm("date: 2026-01-05", "kind: coffee", "with: [Jane Doe]", extra)}
    lines, code = check(project, run, files)
    assert lines == ["log/2026/a.md:" + expected]
    assert code == 0
    lines, code = check(project, run, files, "--strict")
    assert lines == ["log/2026/a.md:" + expected]
    assert code == 1


# --------------------------------------------------------------------------- follow_up


FOLLOW_UP_SHAPE = ("'follow_up' must be a date, an offset such as 2w, a mapping, or false; got ")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("true", "'follow_up' must be a date, an offset such as 2w, a mapping {due: DATE, "
                             "action: TEXT} or {in: OFFSET, action: TEXT}, or false; got the boolean true",
                     id="true"),
        pytest.param("", "'follow_up' must be a date, an offset such as 2w, a mapping {due: DATE, "
                         "action: TEXT} or {in: OFFSET, action: TEXT}, or false; got nothing",
                     id="empty"),
        pytest.param("3", FOLLOW_UP_SHAPE + "the number 3", id="number"),
        pytest.param("0d", FOLLOW_UP_SHAPE + "'0d'", id="zero-offset"),
        pytest.param("3x", FOLLOW_UP_SHAPE + "'3x'", id="bad-unit"),
        pytest.param("-1d", FOLLOW_UP_SHAPE + "'-1d'", id="negative"),
        pytest.param("soon", FOLLOW_UP_SHAPE + "'soon'", id="text"),
        pytest.param("[2026-02-01]", FOLLOW_UP_SHAPE + "a list", id="list"),
        pytest.param("2026-02-30", FOLLOW_UP_SHAPE + "'2026-02-30'", id="impossible-date"),
        pytest.param("{on: 2026-02-01}",
                     "'follow_up': YAML reads a bare `on:` as true; write `due:` (a date) or `in:` (an offset)",
                     id="mapping-on"),
        pytest.param("{due: 2026-02-01, in: 3d}",
                     "'follow_up': give either `due:` (a date) or `in:` (an offset), not both",
                     id="due-and-in"),
        pytest.param("{when: 2026-02-01}",
                     "'follow_up': unknown key 'when'; use due, in and action", id="unknown-key"),
        pytest.param("{actions: Call, due: 2026-02-01}",
                     "'follow_up': unknown key 'actions' (did you mean 'action'?); use due, in and action",
                     id="unknown-key-suggestion"),
        pytest.param("{action: Call}",
                     "'follow_up': the mapping needs `due:` (a date) or `in:` (an offset)", id="no-due-or-in"),
        pytest.param("{}",
                     "'follow_up': the mapping needs `due:` (a date) or `in:` (an offset)", id="empty-mapping"),
        pytest.param("{due: soon}",
                     "'follow_up': due: expected a date YYYY-MM-DD, got 'soon'", id="due-bad"),
        pytest.param("{due: 2026-02-30}",
                     "'follow_up': due: '2026-02-30' is not a calendar date", id="due-impossible"),
        pytest.param("{in: 3x}",
                     "'follow_up': in: expected an offset such as 3d, 2w, 1m or 1y (a positive number and "
                     "d, w, m or y), got '3x'", id="in-bad"),
        pytest.param("{in: 3}",
                     "'follow_up': in: an offset needs a unit: write 3d, 3w, 3m or 3y", id="in-number"),
        pytest.param("{in: 3d, action: 5}",
                     "'follow_up': action must be text, got the number 5", id="action-number"),
        pytest.param("2026-01-04",
                     "'follow_up' is due 2026-01-04, before the entry's date 2026-01-05", id="date-before"),
        pytest.param("{due: 2025-12-31}",
                     "'follow_up' is due 2025-12-31, before the entry's date 2026-01-05", id="due-before"),
    ],
)
def test_follow_up_errors(project, run, value, message):
    files = {"log/2026/a.md": fm("date: 2026-01-05", "kind: coffee", "with: [Jane Doe]", f"follow_up: {value}")}
    lines, code = check(project, run, files)
    assert lines == [f"log/2026/a.md:5: error: {message}"]
    assert code == 1


@pytest.mark.parametrize("value", ["2026-01-05", '"2026-02-01"', "1d", "2w", "1m", "1y", "false",
                                   "{due: 2026-01-05}", "{in: 2w}", "{due: 2026-02-01, action: Call back}"])
def test_follow_up_valid_forms(project, run, value):
    files = {"log/2026/a.md": fm("date: 2026-01-05", "kind: coffee", "with: [Jane Doe]", f"follow_up: {value}")}
    lines, code = check(project, run, files, "--strict")
    assert lines == []
    assert code == 0


def test_follow_up_without_anyone_is_a_warning(project, run):
    files = {"log/2026/a.md": fm("date: 2026-01-05", "kind: talk", "follow_up: 2w")}
    lines, code = check(project, run, files)
    assert lines == ["log/2026/a.md:4: warning: 'follow_up' has no effect: the entry has no one "
                     "in 'with' to follow up with"]
    assert code == 0


# --------------------------------------------------------------------------- refs


def test_unknown_person_with_suggestion_and_stub(project, run):
    files = {"log/2026/a.md": fm("date: 2026-01-05", "kind: coffee", "with: [Janet Doe]")}
    lines, code = check(project, run, files)
    assert lines == ["log/2026/a.md:4: warning: 'with': unknown person 'Janet Doe' (did you mean "
                     "'Jane Doe'?); add people/janet-doe.md (netlog shows a stub page until then)"]
    assert code == 0


def test_unknown_person_suggests_through_aka(project, run):
    files = {"log/2026/a.md": fm("date: 2026-01-05", "kind: coffee", "with: [F. Gray]")}
    lines, code = check(project, run, files)
    assert lines == ["log/2026/a.md:4: warning: 'with': unknown person 'F. Gray' (did you mean "
                     "'Frank Grey'?); add people/f-gray.md (netlog shows a stub page until then)"]
    assert code == 0


def test_unknown_person_without_suggestion_in_via(project, run):
    files = {"log/2026/a.md": fm("date: 2026-01-05", "kind: coffee", "with: [Jane Doe]",
                                 "via: [Zed Quartermain]")}
    lines, code = check(project, run, files)
    assert lines == ["log/2026/a.md:5: warning: 'via': unknown person 'Zed Quartermain'; "
                     "add people/zed-quartermain.md (netlog shows a stub page until then)"]
    assert code == 0
    _, code = check(project, run, files, "--strict")
    assert code == 1


def test_ambiguous_ref(project, run):
    files = {
        "log/people/jane-smith.md": person("Jane Smith", aka="[J. Doe Smith, JD]"),
        "log/people/john-doe.md": person("John Doe", aka="[JD]"),
        "log/2026/a.md": fm("date: 2026-01-05", "kind: coffee", "with: [Jane Doe, jd]"),
    }
    lines, code = check(project, run, files)
    assert lines == [
        "log/2026/a.md:4: error: 'with': 'jd' matches more than one person: people/jane-smith.md, "
        "people/john-doe.md",
        "log/people/john-doe.md:3: error: aka 'JD' clashes with people/jane-smith.md ('Jane Smith'): "
        "both have the slug form 'jd'",
    ]
    assert code == 1


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        pytest.param(("alice-b.md", person("Alice B")), ("bob.md", person("Alice  b")),
                     "log/people/bob.md:2: error: name clashes with people/alice-b.md ('Alice B'): "
                     "both have the slug form 'alice-b'", id="names"),
        pytest.param(("alice-b.md", person("Alice B", aka="[Ally]")), ("bob.md", person("Bob", aka="[Al, ally]")),
                     "log/people/bob.md:3: error: aka 'ally' clashes with people/alice-b.md ('Alice B'): "
                     "both have the slug form 'ally'", id="aka-aka"),
        pytest.param(("alice-b.md", person("Alice B")), ("bob.md", person("Bob", aka="[alice b]")),
                     "log/people/bob.md:3: error: aka 'alice b' clashes with people/alice-b.md ('Alice B'): "
                     "both have the slug form 'alice-b'", id="aka-name"),
        pytest.param(("alice.md", person("Alice", aka="[Bobby]")), ("bobby.md", person("Robert")),
                     "log/people/bobby.md:1: error: file name clashes with people/alice.md ('Alice'): "
                     "both have the slug form 'bobby'", id="slug-aka"),
    ],
)
def test_duplicate_people(project, run, first, second, expected):
    files = {f"log/people/{first[0]}": first[1], f"log/people/{second[0]}": second[1]}
    lines, code = check(project, run, files)
    assert lines == [expected]
    assert code == 1


def test_a_persons_own_name_aka_and_slug_may_share_a_form(project, run):
    files = {"log/people/ann-lee.md": person("Ann Lee", aka="[ann lee, ANN-LEE, Annie]")}
    lines, code = check(project, run, files, "--strict")
    assert lines == []
    assert code == 0


# --------------------------------------------------------------------------- person files
# A problem with the file name is at no key: docs/commands.md puts it on the front matter's first line.


@pytest.mark.parametrize(
    ("path", "content", "expected"),
    [
        pytest.param("log/people/nameless.md", "---\norg: ACME\n---\n",
                     "log/people/nameless.md:1: error: missing required key 'name'", id="no-name"),
        pytest.param("log/people/nameless.md", "---\nname:\norg: ACME\n---\n",
                     "log/people/nameless.md:2: error: 'name' has no value", id="empty-name"),
        pytest.param("log/people/Bob Smith.md", person("Bob Smith"),
                     "log/people/Bob Smith.md:1: error: file name 'Bob Smith' is not a slug; "
                     "rename the file to people/bob-smith.md", id="stem-spaces"),
        pytest.param("log/people/José_Núñez.md", person("José Núñez"),
                     "log/people/José_Núñez.md:1: error: file name 'José_Núñez' is not a slug; "
                     "rename the file to people/jose-nunez.md", id="stem-accents"),
        pytest.param("log/people/___.md", person("Carol King"),
                     "log/people/___.md:1: error: file name '___' is not a slug; "
                     "rename the file to people/carol-king.md", id="stem-from-name"),
        pytest.param("log/people/carol.md", person("Carol", nmae="x"),
                     "log/people/carol.md:3: warning: unknown key 'nmae' in a person file (did you mean 'name'?)",
                     id="unknown-key"),
        pytest.param("log/people/carol.md", person("Carol", links="[a]"),
                     "log/people/carol.md:3: error: 'links' must be a mapping such as "
                     "`email: jane@example.com`, got a list", id="links"),
        pytest.param("log/people/carol.md", person("Carol", aka="7"),
                     "log/people/carol.md:3: error: 'aka' must be a list of text, got the number 7 (write aka: \"7\")", id="aka"),
    ],
)
def test_person_file_problems(project, run, path, content, expected):
    lines, code = check(project, run, {path: content})
    assert lines == [expected]
    assert code == (0 if ": warning: " in expected else 1)


def test_person_cadence_and_met_errors(project, run):
    lines, code = check(project, run, {"log/people/carol.md": person("Carol", cadence="2", met="last year",
                                                                     tags="tag")})
    assert lines == [
        "log/people/carol.md:3: error: 'cadence': an offset needs a unit: write 2d, 2w, 2m or 2y",
        "log/people/carol.md:4: error: 'met': expected a date YYYY-MM-DD, got 'last year'",
    ]
    assert code == 1


def test_unknown_met_via_is_a_warning_on_its_line(project, run):
    files = {"log/people/carol.md": person("Carol", org="ACME", met_via="Zed Q")}
    lines, code = check(project, run, files)
    assert lines == ["log/people/carol.md:4: warning: 'met_via': unknown person 'Zed Q'; add "
                     "people/zed-q.md (netlog shows a stub page until then)"]
    assert code == 0


# --------------------------------------------------------------------------- reserved paths


@pytest.mark.parametrize("path", sorted(registry.RESERVED) + [
    "timeline/2024.md", "timeline/1.md", "timeline/24.md", "timeline/999.md", "timeline/9999.md",
    "orgs/acme.md", "orgs/org.md"])
def test_reserved_paths(project, run, path):
    """Every top-level page of the registry, and every year page the timeline can generate
    (``timeline/1.md`` is the page of year 1: issue 20), is a reserved path."""
    lines, code = check(project, run, {f"log/{path}": entry("2026-01-05", "coffee", ["Jane Doe"])})
    assert lines == [f"log/{path}:1: error: {RESERVED}"]
    assert code == 1


@pytest.mark.parametrize("path", ["2024/index.md", "timeline/2024-notes.md", "timeline/0024.md", "timeline/0.md",
                                  "timeline/10000.md", "people.md", "orgs/acme/notes.md"])
def test_near_reserved_paths_are_entries(project, run, path):
    lines, code = check(project, run, {f"log/{path}": entry("2026-01-05", "coffee", ["Jane Doe"])})
    assert lines == []
    assert code == 0


# --------------------------------------------------------------------------- output and exit codes


def test_problems_sorted_by_path_then_line(project, run):
    lines, code = check(project, run, {
        "log/2026/b.md": fm("kind: coffee", "with: [Jane Doe]", "mood: ok"),
        "log/2026/a.md": fm("date: 2026-01-05", "kind: coffee", "with: [Nobody Known]", "folow_up: 3d"),
    })
    assert lines == [
        "log/2026/a.md:4: warning: 'with': unknown person 'Nobody Known'; add people/nobody-known.md "
        "(netlog shows a stub page until then)",
        "log/2026/a.md:5: warning: unknown key 'folow_up' in an entry (did you mean 'follow_up'?)",
        "log/2026/b.md:1: error: missing required key 'date'",
        "log/2026/b.md:4: warning: unknown key 'mood' in an entry",
    ]
    assert code == 1


def test_json_format(project, run):
    files = {
        "log/2026/a.md": fm("date: 2026-01-05", "kind: cofee", "with: [Jane Doe]"),
        "log/2026/b.md": fm("date: 2026-01-05", "kind: coffee", "with: [Jane Doe]", "folow_up: 3d"),
    }
    check(project, run, files)
    result = run("check", "--format", "json")
    data = json.loads(result.stdout)
    assert data == [
        {"path": "log/2026/a.md", "line": 3, "severity": "error",
         "message": "unknown kind 'cofee' (did you mean 'coffee'?); add it under the netlog plugin's "
                    "`kinds` option to use it", "code": "unknown-kind"},
        {"path": "log/2026/b.md", "line": 5, "severity": "warning",
         "message": "unknown key 'folow_up' in an entry (did you mean 'follow_up'?)", "code": "unknown-key"},
    ]
    assert all(list(obj) == ["path", "line", "severity", "message", "code"] for obj in data)
    assert result.exit_code == 1


def test_json_format_clean_is_an_empty_list(project, run):
    check(project, run, {})
    result = run("check", "--format", "json")
    assert json.loads(result.stdout) == []
    assert result.exit_code == 0


def test_json_format_keeps_non_ascii(project, run):
    check(project, run, {"log/2026/a.md": fm("date: 2026-01-05", "kind: coffee", "with: [Zoë]")})
    result = run("check", "--format", "json")
    assert "'Zoë'" in json.loads(result.stdout)[0]["message"]
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("files", "args", "code"),
    [
        ({}, (), 0),
        ({}, ("--strict",), 0),
        ({"log/a.md": fm("date: 2026-01-05", "kind: coffee", "with: [Someone New]")}, (), 0),
        ({"log/a.md": fm("date: 2026-01-05", "kind: coffee", "with: [Someone New]")}, ("--strict",), 1),
        ({"log/a.md": fm("date: 2026-01-05", "kind: coffee", "with: [Someone New]")},
         ("--strict", "--format", "json"), 1),
        ({"log/a.md": fm("date: 2026-01-05", "kind: cofee", "with: [Jane Doe]")}, (), 1),
        ({"log/a.md": fm("date: 2026-01-05", "kind: cofee", "with: [Jane Doe]")}, ("--format", "json"), 1),
        ({}, ("--format", "xml"), 2),
        ({}, ("--strictly",), 2),
    ],
)
def test_exit_codes(project, run, files, args, code):
    all_files = dict(PEOPLE)
    all_files.update(files)
    project(all_files)
    assert run("check", *args).exit_code == code


def test_paths_are_relative_to_the_current_folder(project, run, monkeypatch):
    root = project({**PEOPLE, "log/2026/a.md": fm("date: 2026-01-05", "kind: cofee", "with: [Jane Doe]")})
    monkeypatch.chdir(root / "log" / "2026")
    result = run("check")
    assert result.stdout.splitlines() == [
        "a.md:3: error: unknown kind 'cofee' (did you mean 'coffee'?); add it under the netlog "
        "plugin's `kinds` option to use it"]
    assert result.exit_code == 1


def test_text_output_ends_with_the_summary_line_on_stderr(project, run):
    # docs/commands.md (netlog check): `<n> entries, <m> people: <e> errors, <w> warnings`, on stderr only
    project({**PEOPLE_FOR_SUMMARY,
             "log/2026/a.md": entry("2026-01-05", "coffee", ["Jane Doe"]),
             "log/2026/b.md": entry("2026-01-06", "cofee", ["Jane Doe"]),
             "log/2026/c.md": entry("2026-01-07", "coffee", ["Jane Doe"], mood="fine")})
    result = run("check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "2 entries, 1 person: 1 error, 1 warning"
    assert "entries" not in result.stdout
    assert "entries" not in run("check", "--format", "json").stderr


def test_summary_line_counts_the_problems_only_and_ignore_keep(project, run):
    project({**PEOPLE_FOR_SUMMARY,
             "log/2026/a.md": entry("2026-01-05", "coffee", ["Jane Doe"]),
             "log/2026/b.md": entry("2026-01-06", "cofee", ["Jane Doe"]),
             "log/2026/c.md": entry("2026-01-07", "coffee", ["Jane Doe"], mood="fine")})
    result = run("check", "--ignore", "unknown-kind")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == "2 entries, 1 person: 0 errors, 1 warning"


def test_summary_line_of_a_clean_log(project, run):
    project({})
    result = run("check")
    assert result.stdout == ""
    assert result.stderr == "0 entries, 0 people: 0 errors, 0 warnings\n"


PEOPLE_FOR_SUMMARY = {"log/people/jane-doe.md": person("Jane Doe")}


# --------------------------------------------------------------------------- one reader of mkdocs.yml (issue 19)


@pytest.mark.parametrize(("docs_dir", "what"), [("nowhere", "does not exist"), ("afile", "is not a folder")])
def test_every_reader_of_mkdocs_yml_reports_a_missing_log_folder_alike(tmp_path, docs_dir, what):
    """`check` (the quick read), `build` and `serve` (the engine's full read) gave
    `missing-docs-dir` from one reader and `config-invalid` from the other."""
    from netlog.config import load_project, read_project

    (tmp_path / "afile").write_text("not a folder\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\n# the log\ndocs_dir: {docs_dir}\nplugins:\n  - netlog\n", encoding="utf-8")
    expected = [(str(config), 3, "error", f"docs_dir: the log folder {tmp_path / docs_dir} {what}",
                 "missing-docs-dir")]
    for reader in (read_project, load_project):
        project, problems = reader(str(config))
        assert project is None
        assert [(p.path, p.line, p.severity, p.message, p.code) for p in problems] == expected, reader.__name__


def test_every_reader_of_mkdocs_yml_reports_a_broken_file_alike(tmp_path):
    from netlog.config import load_project, read_project, read_settings

    config = tmp_path / "mkdocs.yml"
    config.write_bytes(b"site_name: [unclosed\n")
    found = {reader.__name__: reader(str(config))[1] for reader in (read_project, load_project)}
    assert found["read_project"] == found["load_project"]
    assert [p.code for p in found["read_project"]] == ["config-unreadable"]
    assert read_settings(str(config))[2] == found["read_project"][0]


def test_summary_line_counts_people_with_a_file_not_stubs(project, run):
    """A name no person file gives is a warning and a stub page, not one of the people: the summary
    counts as the dashboard does (trial: `check` said 23 people, the dashboard 22)."""
    project({**PEOPLE_FOR_SUMMARY,
             "log/2026/a.md": entry("2026-01-05", "coffee", ["Jane Doe", "Zed Stranger"])})
    result = run("check")
    assert result.stderr.splitlines()[-1] == "1 entry, 1 person: 0 errors, 1 warning"
    assert "unknown person 'Zed Stranger'" in result.stdout
