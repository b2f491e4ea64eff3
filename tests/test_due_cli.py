"""`netlog due` through the CLI (docs/format.md §6, docs/commands.md), the plugin options and finding the config."""

from __future__ import annotations

import json
import re

import pytest

from helpers import entry, person
from netlog.config import find_config

VIS = "Showcase your work: give a talk, volunteer, circulate takeaways"
PEOPLE = {
    "log/people/jane-doe.md": person("Jane Doe", aka="[J. Doe, Janie]"),
    "log/people/frank-grey.md": person("Frank Grey", aka="[F. Grey]", cadence="1m"),
}


def config_with(options: str) -> str:
    """A mkdocs.yml whose netlog plugin has ``options`` (YAML lines, indented by the caller)."""
    return "site_name: Test log\ndocs_dir: log\nplugins:\n  - netlog:\n" + options


def visibility(due: str, status: str) -> dict:
    return {"due": due, "status": status, "person": None, "name": None, "source": "visibility",
            "action": VIS, "entry": None, "snoozed_from": None}


def item(due, status, slug, name, source, action, entry_path):
    return {"due": due, "status": status, "person": slug, "name": name, "source": source,
            "action": action, "entry": entry_path, "snoozed_from": None}


@pytest.fixture
def sample(project):
    """A small log: Frank has a 1m cadence and last met 2026-01-10."""
    files = dict(PEOPLE)
    files.update({
        "log/2026/01-talk.md": entry("2026-01-05", "talk", audience=30),
        "log/2026/02-coffee.md": entry("2026-01-10", "coffee", ["Frank Grey"]),
        "log/2026/03-interview.md": entry("2026-02-01", "interview", ["Jane Doe"], via="F. Grey",
                                          body="# Interview at ACME\n"),
        "log/2026/04-meal.md": entry("2026-02-02", "meal", ["Jane Doe", "Ann Stub"], follow_up="2w"),
    })
    return project(files)


def due_json(run, *args, env=None):
    result = run("due", *args, "--format", "json", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --------------------------------------------------------------------------- JSON shape and content


MEAL = "Follow up: Meal with Jane Doe and Ann Stub"
DEFAULT_DUE = [  # `netlog due --today 2026-02-04` on the sample
    visibility("2026-02-04", "today"),
    item("2026-02-04", "today", "frank-grey", "Frank Grey", "thanks",
         "Thank Frank Grey for Interview at ACME", "2026/03-interview.md"),
    item("2026-02-10", "upcoming", "frank-grey", "Frank Grey", "cadence", "Keep in touch (every 1m)", None),
]
LATER = [
    item("2026-02-16", "later", "ann-stub", "Ann Stub", "explicit", MEAL, "2026/04-meal.md"),
    item("2026-02-16", "later", "jane-doe", "Jane Doe", "explicit", MEAL, "2026/04-meal.md"),
]


def test_json_shape_and_items(sample, run):
    data = due_json(run, "--today", "2026-02-04")
    assert list(data) == ["today", "items"]
    assert data["today"] == "2026-02-04"
    assert all(list(i) == ["due", "status", "person", "name", "source", "action", "entry", "snoozed_from"]
               for i in data["items"])
    # the interview's rule item (due 2026-02-02) is closed by the meal with Jane on 2026-02-02
    assert data["items"] == DEFAULT_DUE


def test_all_includes_later(sample, run):
    assert due_json(run, "--today", "2026-02-04", "--all")["items"] == DEFAULT_DUE + LATER


@pytest.mark.parametrize(("within", "count"), [("11d", 3), ("12d", 5), ("6d", 3), ("5d", 2), ("1d", 2)])
def test_within_replaces_upcoming(sample, run, within, count):
    items = due_json(run, "--today", "2026-02-04", "--within", within)["items"]
    expected = (DEFAULT_DUE + [dict(i, status="upcoming") for i in LATER])[:count]
    assert items == expected


def test_within_and_all(sample, run):
    items = due_json(run, "--today", "2026-02-04", "--within", "1d", "--all")["items"]
    assert items == DEFAULT_DUE[:2] + [dict(DEFAULT_DUE[2], status="later")] + LATER


def test_statuses_move_with_today(sample, run):
    items = due_json(run, "--today", "2026-02-10")["items"]
    assert items == [
        visibility("2026-02-04", "overdue"),
        item("2026-02-04", "overdue", "frank-grey", "Frank Grey", "thanks",
             "Thank Frank Grey for Interview at ACME", "2026/03-interview.md"),
        item("2026-02-10", "today", "frank-grey", "Frank Grey", "cadence", "Keep in touch (every 1m)", None),
        item("2026-02-16", "upcoming", "ann-stub", "Ann Stub", "explicit", MEAL, "2026/04-meal.md"),
        item("2026-02-16", "upcoming", "jane-doe", "Jane Doe", "explicit", MEAL, "2026/04-meal.md"),
    ]


def test_a_planned_entry_is_not_last_and_closes_nothing(sample, run):
    (sample / "log/2026/05-call.md").write_text(entry("2026-03-01", "call", ["Frank Grey", "Jane Doe"]),
                                                encoding="utf-8")
    assert due_json(run, "--today", "2026-02-04", "--all")["items"] == DEFAULT_DUE + LATER
    # on its day it closes the thanks and the meal item and moves Frank's cadence
    items = due_json(run, "--today", "2026-03-01", "--all")["items"]
    assert items == [
        visibility("2026-02-04", "overdue"),
        item("2026-02-16", "overdue", "ann-stub", "Ann Stub", "explicit", MEAL, "2026/04-meal.md"),
        item("2026-04-01", "later", "frank-grey", "Frank Grey", "cadence", "Keep in touch (every 1m)", None),
    ]


# --------------------------------------------------------------------------- --person


@pytest.mark.parametrize("ref", ["Frank Grey", "frank-grey", "F. Grey", "FRANK  grey"])
def test_person_by_name_slug_or_aka(sample, run, ref):
    items = due_json(run, "--today", "2026-02-04", "--all", "--person", ref)["items"]
    assert items == DEFAULT_DUE[1:]


@pytest.mark.parametrize("ref", ["Jane Doe", "Janie", "j. doe"])
def test_person_jane(sample, run, ref):
    items = due_json(run, "--today", "2026-02-04", "--all", "--person", ref)["items"]
    assert items == LATER[1:]


def test_person_stub(sample, run):
    items = due_json(run, "--today", "2026-02-04", "--all", "--person", "Ann Stub")["items"]
    assert items == LATER[:1]


def test_person_without_items(sample, run):
    result = run("due", "--today", "2026-02-04", "--person", "Jane Doe")
    # docs/commands.md (netlog due): the text ends with a count line that says how many `later` items it hid
    assert result.stdout == "Nothing due as of 2026-02-04.\n0 items shown; 1 later item hidden (--all shows them).\n"
    assert result.exit_code == 0


def test_unknown_person_is_a_usage_error(sample, run):
    result = run("due", "--today", "2026-02-04", "--person", "Nobody Here")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Error: Invalid value for --person: no person matches 'Nobody Here'" in result.stderr


# --------------------------------------------------------------------------- today


def test_netlog_today_env(sample, run):
    data = due_json(run, env={"NETLOG_TODAY": "2026-02-04"})
    assert data["today"] == "2026-02-04"
    assert data["items"] == DEFAULT_DUE


def test_today_option_overrides_env(sample, run):
    data = due_json(run, "--today", "2026-02-10", env={"NETLOG_TODAY": "2026-02-04"})
    assert data["today"] == "2026-02-10"
    assert [i["status"] for i in data["items"]][:3] == ["overdue", "overdue", "today"]


def test_env_from_monkeypatch_is_used(sample, run, monkeypatch):
    monkeypatch.setenv("NETLOG_TODAY", "2026-02-04")
    assert due_json(run)["today"] == "2026-02-04"


@pytest.mark.parametrize(("args", "env", "message"), [
    (("--today", "2026-02-30"), None, "'2026-02-30' is not a calendar date"),
    (("--today", "tomorrow"), None, "'tomorrow' is not a date YYYY-MM-DD"),
    ((), {"NETLOG_TODAY": "soon"}, "'soon' is not a date YYYY-MM-DD"),
    (("--within", "0d"), None, "'0d' is not an offset such as 3d, 2w, 1m or 1y"),
    (("--within", "3"), None, "'3' is not an offset such as 3d, 2w, 1m or 1y"),
    (("--format", "xml"), None, "'xml' is not one of 'text', 'json', 'ics'"),
])
def test_usage_errors(sample, run, args, env, message):
    result = run("due", *args, env=env)
    assert result.exit_code == 2
    assert message in result.stderr


# --------------------------------------------------------------------------- text and errors


def test_text_output(sample, run):
    result = run("due", "--today", "2026-02-04", "--all")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "As of 2026-02-04: 5 open (2 today, 1 upcoming, 2 later)",
        f"2026-02-04  today     You         {VIS}  (time to showcase)",
        "2026-02-04  today     Frank Grey  Thank Frank Grey for Interview at ACME  (thanks for 2026/03-interview.md)",
        "2026-02-10  upcoming  Frank Grey  Keep in touch (every 1m)  (your cadence)",
        f"2026-02-16  later     Ann Stub    {MEAL}  (your follow-up on 2026/04-meal.md)",
        f"2026-02-16  later     Jane Doe    {MEAL}  (your follow-up on 2026/04-meal.md)",
        "5 items shown; none hidden.",
    ]


def test_text_output_counts_hidden_later_items(sample, run):
    result = run("due", "--today", "2026-02-04")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "As of 2026-02-04: 3 open (2 today, 1 upcoming)"
    assert lines[-1] == "3 items shown; 2 later items hidden (--all shows them)."


def test_ics_output(sample, run):
    result = run("due", "--today", "2026-02-04", "--format", "ics")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("BEGIN:VCALENDAR")
    assert text.count("BEGIN:VEVENT") == 3
    assert "DTSTART;VALUE=DATE:20260210" in text


def test_due_with_log_errors_reports_them_and_exits_1(sample, run):
    (sample / "log/2026/06-bad.md").write_text(entry("2026-02-03", "cofee", ["Jane Doe"]), encoding="utf-8")
    (sample / "log/2026/07-warn.md").write_text(entry("2026-02-03", "coffee", ["Jane Doe"], mood="ok"),
                                                encoding="utf-8")
    result = run("due", "--today", "2026-02-04", "--format", "json")
    assert result.exit_code == 1
    # errors only, on stderr; the items still print on stdout
    assert result.stderr.splitlines() == [
        "log/2026/06-bad.md:3: error: unknown kind 'cofee' (did you mean 'coffee'?); add it under the "
        "netlog plugin's `kinds` option to use it"]
    assert json.loads(result.stdout)["items"] == DEFAULT_DUE


# --------------------------------------------------------------------------- plugin options


def test_option_upcoming(project, run):
    project({**PEOPLE, "log/a.md": entry("2026-02-01", "coffee", ["Jane Doe"], follow_up="2026-02-15")},
            config=config_with("      upcoming: 2w\n"))
    items = due_json(run, "--today", "2026-02-01")["items"]
    # the showcase item is due 30 days after the log's first entry (docs/format.md §6): later
    assert [(i["due"], i["status"], i["source"]) for i in items] == [
        ("2026-02-01", "today", "cadence"), ("2026-02-15", "upcoming", "explicit")]
    items = due_json(run, "--today", "2026-02-01", "--within", "13d")["items"]
    assert [i["source"] for i in items] == ["cadence"]


def test_option_thanks_after(project, run):
    project({**PEOPLE, "log/a.md": entry("2026-02-01", "talk", via="Jane Doe")},
            config=config_with("      thanks_after: 1w\n"))
    items = due_json(run, "--today", "2026-02-01", "--all")["items"]
    assert [(i["due"], i["source"], i["action"]) for i in items if i["source"] == "thanks"] == [
        ("2026-02-08", "thanks", "Thank Jane Doe for Talk")]


def test_option_visibility_gap(project, run):
    project({**PEOPLE, "log/a.md": entry("2026-01-01", "report")},
            config=config_with("      visibility_gap: 2m\n"))
    items = due_json(run, "--today", "2026-02-01", "--all")["items"]
    assert [i for i in items if i["source"] == "visibility"] == [visibility("2026-03-01", "later")]


def test_option_cadence_by_tag(project, run):
    project({"log/people/carol.md": person("Carol", tags="[mentor, friend]"),
             "log/people/dan.md": person("Dan", tags="[friend]", cadence="1w", met="2026-01-01"),
             "log/a.md": entry("2026-01-20", "coffee", ["Carol"])},
            config=config_with("      cadence:\n        mentor: 60d\n        friend: 3w\n"))
    items = due_json(run, "--today", "2026-02-01", "--all")["items"]
    assert [(i["due"], i["person"], i["action"]) for i in items if i["source"] == "cadence"] == [
        ("2026-01-08", "dan", "Keep in touch (every 1w)"),
        ("2026-02-10", "carol", "Keep in touch (every 3w)"),
    ]


def test_option_kinds_new_kind_and_changed_group(project, run):
    project({**PEOPLE,
             "log/a.md": entry("2026-02-01", "hearing", ["Jane Doe"]),
             "log/b.md": entry("2026-01-25", "email"),  # moved to the visibility group: no `with` needed
             "log/c.md": entry("2026-02-01", "interview", ["F. Grey"])},
            config=config_with("      kinds:\n"
                               "        hearing: {group: conversation, after: 7d, action: Send notes}\n"
                               "        email: {group: visibility}\n"
                               "        interview: {after: 5d}\n"))
    result = run("check", "--strict")
    assert (result.stdout, result.exit_code) == ("", 0)
    items = due_json(run, "--today", "2026-02-01", "--all")["items"]
    assert items == [
        item("2026-02-06", "upcoming", "frank-grey", "Frank Grey", "rule", "Send a thank-you note", "c.md"),
        item("2026-02-08", "upcoming", "jane-doe", "Jane Doe", "rule", "Send notes", "a.md"),
        visibility("2026-02-24", "later"),
        item("2026-03-01", "later", "frank-grey", "Frank Grey", "cadence", "Keep in touch (every 1m)", None),
    ]


def test_unknown_kind_is_suggested_from_the_kinds_option(project, run):
    project({**PEOPLE, "log/a.md": entry("2026-02-01", "hearings", ["Jane Doe"])},
            config=config_with("      kinds:\n        hearing: {after: 7d}\n"))
    result = run("check")
    assert result.stdout.splitlines() == [
        "log/a.md:3: error: unknown kind 'hearings' (did you mean 'hearing'?); add it under the netlog "
        "plugin's `kinds` option to use it"]
    assert result.exit_code == 1


# --------------------------------------------------------------------------- finding and reading the config


def test_config_found_in_a_parent_folder(sample, run, monkeypatch):
    monkeypatch.chdir(sample / "log" / "2026")
    assert due_json(run, "--today", "2026-02-04")["items"] == DEFAULT_DUE
    (sample / "log/2026/06-bad.md").write_text(entry("2026-02-03", "cofee", ["Jane Doe"]), encoding="utf-8")
    result = run("check")
    assert result.stdout.splitlines() == [
        "04-meal.md:4: warning: 'with': unknown person 'Ann Stub'; add people/ann-stub.md "
        "(netlog shows a stub page until then)",
        "06-bad.md:3: error: unknown kind 'cofee' (did you mean 'coffee'?); add it under the netlog "
        "plugin's `kinds` option to use it"]
    assert result.exit_code == 1


def test_config_file_option(project, run, monkeypatch, tmp_path):
    project({"proj/mkdocs.yml": "site_name: Other\ndocs_dir: notes\nplugins:\n  - netlog\n",
             "proj/notes/a.md": entry("2026-02-01", "cofee"),
             "log/a.md": entry("2026-02-01", "coffee", ["Jane Doe"], follow_up="1d")})
    for flag in ("-f", "--config-file"):
        result = run(flag, "proj/mkdocs.yml", "check")
        assert result.stdout.splitlines() == [
            "proj/notes/a.md:3: error: unknown kind 'cofee' (did you mean 'coffee'?); add it under the "
            "netlog plugin's `kinds` option to use it"]
        assert result.exit_code == 1
    # without -f the nearest mkdocs.yml (the one in this folder) is used
    result = run("due", "--today", "2026-02-01", "--format", "json")
    assert [i["entry"] for i in json.loads(result.stdout)["items"]] == ["a.md"]  # the showcase item: later


def test_config_file_option_missing_file(project, run):
    project({})
    result = run("-f", "nowhere.yml", "check")
    assert result.exit_code == 2
    assert "no config file at nowhere.yml" in result.stderr


BROKEN_UPCOMING = ("error: plugins: Plugin 'netlog' option 'upcoming': expected an offset such as 3d, 2w, "
                   "1m or 1y (a positive number and d, w, m or y), got 'soon'")


def test_broken_plugin_option_in_check(project, run):
    project({}, config=config_with("      upcoming: soon\n"))
    result = run("check")
    assert result.stdout.splitlines() == [f"mkdocs.yml:5: {BROKEN_UPCOMING}"]
    assert result.exit_code == 1
    result = run("check", "--format", "json")
    assert json.loads(result.stdout) == [{"path": "mkdocs.yml", "line": 5, "severity": "error",
                                          "message": BROKEN_UPCOMING[len("error: "):], "code": "bad-option"}]
    assert result.exit_code == 1


@pytest.mark.parametrize("fmt", ["text", "json", "ics"])
def test_broken_plugin_option_in_due(project, run, fmt):
    project({}, config=config_with("      upcoming: soon\n"))
    result = run("due", "--today", "2026-02-01", "--format", fmt)
    assert result.stderr.splitlines() == [f"mkdocs.yml:5: {BROKEN_UPCOMING}"]
    assert result.stdout == ""
    assert result.exit_code == 1


def test_broken_plugin_option_names_the_options_line(project, run):
    project({}, config=config_with("      dormant: 90d\n      upcoming: soon\n"))
    result = run("check")
    assert result.stdout.splitlines()[0].startswith("mkdocs.yml:6: error:")


@pytest.mark.parametrize(("options", "message"), [
    ("      kinds:\n        hearing: {group: talkative}\n",
     "plugins: Plugin 'netlog' option 'kinds': kind 'hearing': group must be conversation or visibility, "
     "got 'talkative'"),
    ("      cadence:\n        mentor: 60\n",
     "plugins: Plugin 'netlog' option 'cadence': tag 'mentor': an offset needs a unit: write 60d, 60w, 60m or 60y"),
    ("      thanks_after: 0d\n",
     "plugins: Plugin 'netlog' option 'thanks_after': expected an offset such as 3d, 2w, 1m or 1y "
     "(a positive number and d, w, m or y), got '0d'"),
])
def test_other_broken_plugin_options(project, run, options, message):
    project({}, config=config_with(options))
    result = run("check")
    assert result.stdout.splitlines() == [f"mkdocs.yml:5: error: {message}"]
    assert result.exit_code == 1


def test_unreadable_config_yaml_is_a_check_line_not_a_traceback(project, run):
    project({}, config="site_name: t\ndocs_dir: log\nplugins: [netlog\n")
    result = run("check")
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("mkdocs.yml:3: error:")
    # the engine's own words (netlog/engine.py: MkDocs or ProperDocs, whichever this process runs)
    assert re.search(r": error: cannot read the config: (MkDocs|ProperDocs) encountered an error parsing "
                     r"the configuration file", line), line
    assert "Traceback" not in result.output


def test_missing_docs_dir(project, run):
    project({}, config="site_name: t\ndocs_dir: nowhere\nplugins: [netlog]\n")
    result = run("check")
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("mkdocs.yml:2: error: docs_dir: ")


def test_config_without_the_netlog_plugin_warns_and_uses_defaults(project, run):
    project({**PEOPLE, "log/a.md": entry("2026-02-01", "interview", ["Jane Doe"])},
            config="site_name: t\ndocs_dir: log\n")
    result = run("check")
    assert result.stdout.splitlines() == [
        "mkdocs.yml:1: warning: the netlog plugin is not enabled in this config: add `- netlog` under "
        "`plugins:` (netlog uses its default options)"]
    assert result.exit_code == 0
    assert run("check", "--strict").exit_code == 1
    items = due_json(run, "--today", "2026-02-01")["items"]
    assert [(i["due"], i["source"]) for i in items] == [("2026-02-01", "cadence"), ("2026-02-02", "rule")]


@pytest.mark.parametrize("command", [("check",), ("due",), ("due", "--format", "json")])
def test_no_config_anywhere(tmp_path, run, monkeypatch, command):
    if find_config(str(tmp_path)) is not None:
        pytest.skip("a mkdocs.yml exists in a parent of the temporary folder")
    (tmp_path / "log").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run(*command)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == ("Error: no mkdocs.yml in this folder or any parent; run `netlog init` to start "
                             "a log, or pass -f CONFIG\n")
