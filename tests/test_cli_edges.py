"""The command line's rough edges (issue 26, point 5), one test each.

``netlog new --help`` lists the kinds; ``--date today|yesterday``; a did-you-mean for
``due --person`` as for ``path``; a terminal without $VISUAL/$EDITOR; the visibility
item of a log with no showcase; templates that name no person; ``--date``/``--today``
errors that name NETLOG_TODAY only when it is set.
"""

from __future__ import annotations

import datetime as dt
import os
import stat

import click
import pytest

from netlog import followups
from netlog.commands import common
from netlog.load import load_log
from netlog.options import to_options

from helpers import entry, person

VIS = "Showcase your work: give a talk, volunteer, circulate takeaways"


def people(project, config=None):
    return project({
        "log/people/jane-doe.md": person("Jane Doe", org="Acme LLP"),
        "log/people/sam-adeyemi.md": person("Sam Adeyemi"),
        "log/people/jose-nunez.md": person("José Núñez"),
        "log/2026/a.md": entry("2026-03-01", "coffee", ["Jane Doe"]),
    }, config)


# --------------------------------------------------------------------------- new --help


def test_new_help_lists_the_kinds_of_the_log_by_group(project, run):
    people(project, "site_name: T\ndocs_dir: log\nplugins:\n  - netlog:\n      kinds:\n"
                    "        podcast: {group: visibility}\n")
    out = run("new", "--help").stdout
    tail = out[out.index("KIND: the kinds of this log"):]
    assert "conversation  call, coffee, email, event," in tail
    visibility = tail[tail.index("visibility"):tail.index("self")]
    assert "podcast" in visibility and "talk" in visibility and "coffee" not in visibility
    assert "self          review" in tail


def test_new_help_lists_the_built_in_kinds_outside_a_project(tmp_path, monkeypatch, run):
    monkeypatch.chdir(tmp_path)
    result = run("new", "--help")
    assert result.exit_code == 0
    assert "KIND: the built-in kinds (the netlog plugin's `kinds` option adds more)" in result.stdout
    assert "lunch-and-learn" in result.stdout and "podcast" not in result.stdout


# --------------------------------------------------------------------------- --date words


@pytest.mark.parametrize(("word", "day"), [("today", "2026-03-10"), ("yesterday", "2026-03-09"),
                                           ("Yesterday", "2026-03-09")])
def test_new_takes_today_and_yesterday_as_the_inbox_does(project, run, word, day):
    people(project)
    result = run("new", "coffee", "--with", "Jane Doe", "--date", word, "--no-edit",
                 env={"NETLOG_TODAY": "2026-03-10"})
    assert result.exit_code == 0, result.output
    assert result.stdout == f"log/2026/{day}-coffee-jane-doe.md\n"
    assert f"date: {day}\n" in open(result.stdout.strip(), encoding="utf-8").read()


def test_a_bad_date_names_neither_the_unset_variable_nor_hides_the_words(project, run):
    people(project)
    result = run("new", "coffee", "--with", "Jane Doe", "--date", "soon")
    assert result.exit_code == 2
    assert "Invalid value for '--date': 'soon' is not a date YYYY-MM-DD, today or yesterday" in result.stderr
    assert "NETLOG_TODAY" not in result.stderr
    result = run("due", "--today", "2026-02-30")
    assert result.exit_code == 2
    assert "Invalid value for '--today': '2026-02-30' is not a calendar date" in result.stderr
    assert "NETLOG_TODAY" not in result.stderr


def test_a_bad_netlog_today_is_named(project, run):
    people(project)
    for args in (("due",), ("new", "coffee", "--with", "Jane Doe", "--no-edit"),
                 ("new", "coffee", "--with", "Jane Doe", "--date", "yesterday", "--no-edit")):
        result = run(*args, env={"NETLOG_TODAY": "soon"})
        assert result.exit_code == 2, args
        assert "NETLOG_TODAY: 'soon' is not a date YYYY-MM-DD" in result.stderr, args
    assert not list((project() / "log").glob("2026/*coffee*"))


# --------------------------------------------------------------------------- did you mean


@pytest.mark.parametrize(("ref", "name"), [("Sam", "Sam Adeyemi"), ("Nunez", "José Núñez"),
                                           ("Jane Deo", "Jane Doe")])
def test_due_person_and_path_offer_the_same_did_you_mean(project, run, ref, name):
    people(project)
    for args in (("due", "--person", ref), ("path", ref)):
        result = run(*args, "--today", "2026-03-10")
        assert result.exit_code == 2, args
        assert f"no person matches {ref!r} (did you mean {name!r}?)" in result.stderr, args


def test_a_word_two_people_share_offers_both(project, run):
    project({"log/people/sam-adeyemi.md": person("Sam Adeyemi"), "log/people/sam-lee.md": person("Sam Lee"),
             "log/people/ana-ruiz.md": person("Ana Ruiz")})
    for args in (("due", "--person", "Sam"), ("path", "Sam")):
        result = run(*args, "--today", "2026-03-10")
        assert result.exit_code == 2
        assert "no person matches 'Sam' (did you mean 'Sam Adeyemi' or 'Sam Lee'?)" in result.stderr


# --------------------------------------------------------------------------- no $EDITOR


def _fake_editor(folder, name):
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_no_editor_variable_opens_the_first_fallback_and_says_how_to_choose(project, run, monkeypatch,
                                                                             tmp_path_factory):
    people(project)
    bin_dir = tmp_path_factory.mktemp("bin")
    _fake_editor(bin_dir, "nano")
    _fake_editor(bin_dir, "vi")
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setattr(common, "interactive", lambda: True)
    opened = []
    monkeypatch.setattr(click, "edit", lambda filename=None, editor=None, **kw: opened.append((filename, editor)))
    result = run("new", "coffee", "--with", "Jane Doe", "--date", "2026-03-04")
    assert result.exit_code == 0
    assert opened == [(os.path.abspath(result.stdout.strip()), "nano")]
    assert ("netlog: note: $VISUAL and $EDITOR are not set; opening nano (set EDITOR to choose, "
            "e.g. `export EDITOR=nano` in your shell's profile)") in result.stderr
    monkeypatch.setenv("EDITOR", "myeditor")
    run("new", "coffee", "--with", "Jane Doe", "--date", "2026-03-04")
    assert opened[-1][1] is None  # click.edit reads $EDITOR itself


def test_no_editor_at_all_says_what_to_set(project, run, monkeypatch, tmp_path_factory):
    people(project)
    monkeypatch.setenv("PATH", str(tmp_path_factory.mktemp("empty-bin")))
    monkeypatch.setattr(common, "interactive", lambda: True)
    monkeypatch.setattr(click, "edit", lambda **kw: pytest.fail("nothing should open"))
    result = run("new", "coffee", "--with", "Jane Doe", "--date", "2026-03-04")
    assert result.exit_code == 0
    assert result.stdout == "log/2026/2026-03-04-coffee-jane-doe.md\n"
    assert ("netlog: note: $VISUAL and $EDITOR are not set, so nothing opened "
            "log/2026/2026-03-04-coffee-jane-doe.md; set EDITOR to choose") in result.stderr


# --------------------------------------------------------------------------- visibility with no showcase


def _visibility(tmp_path, files, today):
    from helpers import write_files

    write_files(tmp_path, files)
    log, _ = load_log(str(tmp_path), to_options(None))
    (item,) = [i for i in followups.compute_all(log, today) if i.source == "visibility"]
    return item


@pytest.mark.parametrize(("today", "due", "status"), [
    (dt.date(2026, 3, 1), "2026-03-31", "later"),
    (dt.date(2026, 3, 31), "2026-03-31", "today"),
    (dt.date(2026, 5, 2), "2026-03-31", "overdue"),
])
def test_with_no_showcase_the_gap_counts_from_the_first_entry(tmp_path, today, due, status):
    item = _visibility(tmp_path, {"2026/a.md": entry("2026-03-01", "coffee", ["Jane Doe"]),
                                  "2026/b.md": entry("2026-04-20", "coffee", ["Jane Doe"])}, today)
    assert (item.due.isoformat(), item.status, item.action) == (due, status, VIS)


def test_an_empty_log_has_the_showcase_item_due_today(tmp_path):
    item = _visibility(tmp_path, {"2026/a.md": entry("2026-09-01", "coffee", ["Jane Doe"])},
                       dt.date(2026, 3, 1))  # only a planned entry
    assert (item.due, item.status) == (dt.date(2026, 3, 1), "today")


# --------------------------------------------------------------------------- templates


@pytest.mark.parametrize("kind", ["coffee", "talk", "interview", "review"])
def test_templates_name_no_person(project, run, kind):
    project({"log/people/ana-ruiz.md": person("Ana Ruiz")})
    args = ("new", kind, "--date", "2026-03-04", "--no-edit", "--title", "T")
    result = run(*args, *(("--with", "Ana Ruiz") if kind in ("coffee", "interview") else ()))
    assert result.exit_code == 0, result.output
    text = open(result.stdout.strip(), encoding="utf-8").read()
    assert "Jane Doe" not in text
    assert "# via: [<name or slug>]" in text


# --------------------------------------------------------------------------- NO_COLOR, TERM=dumb


@pytest.mark.parametrize("env, styled", [({}, True), ({"NO_COLOR": "1"}, False), ({"TERM": "dumb"}, False)])
def test_styles_only_when_the_terminal_may_have_them(project, env, styled):
    """Output to a terminal is styled (bold, colours) unless NO_COLOR is set or TERM is dumb
    (new-user trial: `netlog review` under TERM=dumb printed escape codes)."""
    from click.testing import CliRunner

    from netlog.cli import main

    root = people(project)
    base = {"NETLOG_TODAY": "2026-03-20", "NO_COLOR": None, "TERM": "xterm-256color"}
    result = CliRunner().invoke(main, ["-f", str(root / "mkdocs.yml"), "due", "--all"], color=True,
                                env={**base, **env})
    assert result.exit_code == 0, result.output
    assert ("\x1b[" in result.output) is styled
