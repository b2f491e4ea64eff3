"""netlog inbox and netlog drafts (docs/format.md §12).

The inbox: the line grammar, bad lines kept and reported as path:line,
blank lines, headings and comments kept, and nothing lost when the command
is killed between writing entries and rewriting the inbox. The drafts:
listed with date, kind, people and check state; accepted without ever
overwriting.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from netlog.capture.inbox import BAD, ENTRY, KEEP, parse
from netlog.kinds import BUILTIN_KINDS

from helpers import entry, person

TODAY = "2026-11-30"
PEOPLE = {
    "log/people/jane-doe.md": person("Jane Doe", aka="[Jane D.]"),
    "log/people/sam-lee.md": person("Sam Lee"),
    "log/people/ana-ruiz.md": person("Ana Ruiz"),
}


def entries(root: Path) -> dict[str, str]:
    log = root / "log"
    return {p.relative_to(log).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(log.rglob("*.md"))
            if not p.relative_to(log).as_posix().startswith(("people/", "_"))}


def fm(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


# --------------------------------------------------------------------------- the grammar (pure)


def one(text: str):
    lines = parse(text + "\n", dt.date(2026, 11, 30), BUILTIN_KINDS)
    assert len(lines) == 1
    return lines[0]


def test_the_full_line_of_the_spec():
    line = one("- 2026-11-30 coffee with Jane Doe, Sam Lee via Ana Ruiz: GC role #mentor +2w")
    assert line.what == ENTRY
    assert (line.date, line.kind, line.with_, line.via, line.title, line.tags, str(line.follow_up)) == (
        dt.date(2026, 11, 30), "coffee", ("Jane Doe", "Sam Lee"), ("Ana Ruiz",), "GC role", ("mentor",), "2w")


@pytest.mark.parametrize("text, fields", [
    ("today call with Jane Doe", ("2026-11-30", "call", ("Jane Doe",), (), None, (), None)),
    ("yesterday meal with Jane Doe and Sam Lee", ("2026-11-29", "meal", ("Jane Doe", "Sam Lee"), (), None, (), None)),
    ("Yesterday coffee with Jane Doe, Sam Lee and Ana Ruiz: three of us",
     ("2026-11-29", "coffee", ("Jane Doe", "Sam Lee", "Ana Ruiz"), (), "three of us", (), None)),
    ("2026-11-02 intro with Sam Lee via Jane Doe +3d", ("2026-11-02", "intro", ("Sam Lee",), ("Jane Doe",), None, (), "3d")),
    ("2026-11-20 talk: Lunch & learn: billing rules #visibility #q4",
     ("2026-11-20", "talk", (), (), "Lunch & learn: billing rules", ("visibility", "q4"), None)),
    ("2026-11-20 talk via Ana Ruiz: Panel", ("2026-11-20", "talk", (), ("Ana Ruiz",), "Panel", (), None)),
    ("  -   today coffee with jane-doe:   spaced   out  ", ("2026-11-30", "coffee", ("jane-doe",), (), "spaced out", (), None)),
    ("today coffee with Jane Doe +1m #a", ("2026-11-30", "coffee", ("Jane Doe",), (), None, ("a",), "1m")),
])
def test_grammar(text, fields):
    line = one(text)
    assert line.what == ENTRY, line.error
    got = (line.date.isoformat(), line.kind, line.with_, line.via, line.title, line.tags,
           str(line.follow_up) if line.follow_up else None)
    assert got == fields


@pytest.mark.parametrize("text, message", [
    ("2026-13-01 coffee with Jane Doe", "a date YYYY-MM-DD, today or yesterday"),
    ("tomorrow coffee with Jane Doe", "a date YYYY-MM-DD, today or yesterday"),
    ("today cofee with Jane Doe", "unknown kind 'cofee' (did you mean 'coffee'?)"),
    ("today coffee", "a coffee is with someone"),
    ("today coffee: no one", "a coffee is with someone"),
    ("today coffee Jane Doe", "after the kind come `with REFS`"),
    ("today coffee with Jane Doe +2x", "'+2x' is not a follow-up offset"),
    ("today coffee with Jane Doe +2w +3d", "two follow-ups"),
    ("today coffee with Jane Doe #", "a lone '#'"),
    ("just some words", "'just' is not a date YYYY-MM-DD"),
    ("coffee", "expected DATE KIND"),
])
def test_bad_lines_say_why(text, message):
    line = one(text)
    assert line.what == BAD
    assert message in line.error


def test_blank_lines_headings_and_comments_are_kept():
    text = "# Inbox\n\n<!-- a comment\ntoday coffee with Jane Doe\n-->\n## Later\n<!-- one line -->\n"
    assert [line.what for line in parse(text, dt.date(2026, 11, 30), BUILTIN_KINDS)] == [KEEP] * 7


# --------------------------------------------------------------------------- the command


INBOX = textwrap.dedent("""\
    # Inbox

    - 2026-11-30 coffee with Jane Doe, Sam Lee via Ana Ruiz: GC role #mentor +2w
    yesterday call with Jane D.
    today cofee with Sam Lee
    <!--
    - today coffee with Jane Doe: a commented-out line stays
    -->
    2026-11-20 talk: Lunch & learn #visibility
    today coffee with Olu Bankole and Sam Lee
    today email with Jane Doe +31x
    """)


def test_inbox_writes_entries_as_netlog_new_does_and_keeps_the_rest(project, run):
    root = project({**PEOPLE, "log/_inbox.md": INBOX})
    result = run("inbox", "--today", TODAY)
    assert result.exit_code == 1  # lines were kept with errors
    assert result.stdout.splitlines() == [
        "wrote    log/2026/2026-11-30-coffee-jane-doe.md  (was line 3 of the inbox, taken out)",
        "wrote    log/2026/2026-11-29-call-jane-doe.md  (was line 4 of the inbox, taken out)",
        "wrote    log/2026/2026-11-20-talk-lunch-learn.md  (was line 9 of the inbox, taken out)",
        "wrote    log/2026/2026-11-30-coffee-olu-bankole.md  (was line 10 of the inbox, taken out)",
        "4 written, 0 already in the log, 2 lines kept with errors; log/_inbox.md rewritten",
    ]
    assert result.stderr.splitlines() == [  # the lines kept at their lines in the rewritten inbox
        "log/_inbox.md:3: error: unknown kind 'cofee' (did you mean 'coffee'?); after the date comes a kind "
        "such as coffee, call or talk",
        "log/_inbox.md:7: error: '+31x' is not a follow-up offset such as +3d, +2w, +1m or +1y",
        # a written line's warning where `netlog check` reports it: in the entry
        "log/2026/2026-11-30-coffee-olu-bankole.md:4: warning: 'with': unknown person 'Olu Bankole'; "
        "add people/olu-bankole.md (netlog shows a stub page until then)",
    ]
    assert (root / "log/_inbox.md").read_text(encoding="utf-8") == textwrap.dedent("""\
        # Inbox

        today cofee with Sam Lee
        <!--
        - today coffee with Jane Doe: a commented-out line stays
        -->
        today email with Jane Doe +31x
        """)
    written = entries(root)
    coffee = written["2026/2026-11-30-coffee-jane-doe.md"]
    assert fm(coffee) == {"date": dt.date(2026, 11, 30), "kind": "coffee", "with": ["Jane Doe", "Sam Lee"],
                          "via": ["Ana Ruiz"], "title": "GC role", "follow_up": "2w", "tags": ["mentor"]}
    assert "# direction: out" in coffee  # the commented hints of `netlog new`
    assert fm(written["2026/2026-11-20-talk-lunch-learn.md"])["tags"] == ["visibility"]
    # the same text `netlog new` writes for the same options
    new = run("new", "call", "--with", "Jane D.", "--date", "2026-11-29", "--no-edit")
    assert new.exit_code == 0
    assert (root / "log/2026/2026-11-29-call-jane-doe-2.md").read_text(encoding="utf-8") == \
        written["2026/2026-11-29-call-jane-doe.md"]
    check = run("check")
    assert check.exit_code == 0, check.output


def test_inbox_problems_name_the_line_as_the_files_are_after_the_run(project, run):
    root = project({**PEOPLE, "log/_inbox.md": INBOX})
    result = run("inbox", "--today", TODAY)
    inbox = (root / "log/_inbox.md").read_text(encoding="utf-8").splitlines()
    for problem in result.stderr.splitlines():  # each names a line that holds what it is about
        path, line, _ = problem.split(":", 2)
        text = (root / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
        assert ("cofee" in text if "cofee" in problem else "+31x" in text if "+31x" in problem
                else text == "with: [Olu Bankole, Sam Lee]"), (problem, text)
    assert len(result.stderr.splitlines()) == 3 and len(inbox) == 7
    # run again on the rewritten inbox: the same lines, the same numbers, nothing written twice
    again = run("inbox", "--today", TODAY)
    assert again.stderr.splitlines() == result.stderr.splitlines()[:2]
    assert "0 written" in again.stdout


def test_inbox_problems_carry_codes_a_bad_line_or_the_entry_check_that_failed():
    from netlog.capture.inbox import plan
    from netlog.checks import CHECKS
    from netlog.options import Options
    from netlog.people import PeopleIndex

    text = "today cofee with Sam Lee\ntoday coffee with Olu Bankole\ntoday coffee with ,\n"
    lines = parse(text, dt.date(2026, 11, 30), BUILTIN_KINDS)
    p = plan(lines, "inbox.md", PeopleIndex(), [], BUILTIN_KINDS, Options(), set())
    assert [(q.line, q.severity, q.code) for q in p.problems] == [
        (1, "error", "inbox-bad-line"), (2, "warning", "unknown-person"), (3, "error", "inbox-bad-line")]
    assert all(q.code in CHECKS for q in p.problems)
    assert [w.line.number for w in p.writes] == [2]


def test_a_line_whose_entry_exists_is_not_written_twice(project, run):
    root = project({**PEOPLE,
                    "log/2026/mine.md": entry("2026-11-30", "coffee", "jane-doe", title="GC role"),
                    "log/_inbox.md": "today coffee with Jane Doe: GC role\ntoday coffee with Jane Doe: GC role\n"})
    result = run("inbox", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == ["done     line 1: already in the log", "done     line 2: already in the log"]
    assert list(entries(root)) == ["2026/mine.md"]
    assert (root / "log/_inbox.md").read_text() == ""


def test_two_lines_for_one_interaction_make_one_entry(project, run):
    root = project({**PEOPLE, "log/_inbox.md": "today coffee with Jane Doe\n- 2026-11-30 coffee with jane-doe\n"})
    result = run("inbox", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert list(entries(root)) == ["2026/2026-11-30-coffee-jane-doe.md"]


def test_an_inbox_elsewhere_crlf_and_a_missing_inbox(project, run, tmp_path):
    root = project(dict(PEOPLE))
    missing = run("inbox", "--today", TODAY)
    assert missing.exit_code == 1 and "no inbox at log/_inbox.md" in missing.stderr
    phone = tmp_path / "phone.md"
    phone.write_bytes(b"\xef\xbb\xbftoday coffee with Jane Doe\r\n\r\nbad line\r\n")
    result = run("inbox", str(phone), "--today", TODAY)
    assert result.exit_code == 1
    assert "phone.md:2: error: " in result.stderr  # line 3 before the rewrite took line 1 out
    assert phone.read_bytes() == b"\xef\xbb\xbf\r\nbad line\r\n"  # its byte order mark kept
    assert list(entries(root)) == ["2026/2026-11-30-coffee-jane-doe.md"]


def test_an_inbox_that_is_not_utf8_is_a_problem_at_its_line_and_stays_as_it_is(project, run, tmp_path):
    project(dict(PEOPLE))
    phone = tmp_path / "phone.md"
    phone.write_bytes(b"today coffee with Jane Doe\ncaf\xe9 with Sam Lee\n")
    result = run("inbox", str(phone), "--today", TODAY)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.endswith("phone.md:2: error: not valid UTF-8 (byte 0xE9 on line 2); save the file as UTF-8")
    assert phone.read_bytes() == b"today coffee with Jane Doe\ncaf\xe9 with Sam Lee\n"


def test_paths_far_from_the_current_folder_are_shown_absolute(tmp_path, monkeypatch):
    from netlog.report import shown

    here = tmp_path / "a" / "b"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)
    assert shown(str(here / "log" / "x.md")) == os.path.join("log", "x.md")
    assert shown(str(tmp_path / "a" / "site")) == os.path.join("..", "site")  # one folder up stays relative
    assert shown(str(tmp_path / "x.vcf")) == str(tmp_path / "x.vcf")
    assert shown("/nope.vcf") == "/nope.vcf"


def test_the_inbox_is_not_an_entry_nor_a_page(project, run, tmp_path):
    project({**PEOPLE, "log/_inbox.md": "today cofee with Jane\n"})
    assert run("check", "--strict").exit_code == 0
    assert run("render", str(tmp_path / "pages"), "--today", TODAY).exit_code == 0
    assert not list((tmp_path / "pages").rglob("_inbox*"))


# --------------------------------------------------------------------------- interrupted


_KILLED = textwrap.dedent("""\
    import os, sys
    import netlog.capture.inbox as inbox
    where = sys.argv[1]
    if where == "before-rewrite":
        inbox.rewrite_inbox = lambda *a: os._exit(9)
    else:
        real, count = inbox.write_entry, [0]
        def write_then_die(*a):
            path = real(*a)
            count[0] += 1
            if count[0] == 2:
                os._exit(9)
            return path
        inbox.write_entry = write_then_die
    from netlog.cli import main
    main(["inbox", "--today", "2026-11-30"])
    """)


@pytest.mark.slow  # a child process that is killed half way
@pytest.mark.parametrize("where", ["before-rewrite", "after-two-entries"])
def test_killed_between_writing_entries_and_rewriting_the_inbox_loses_nothing(project, run, where):
    lines = ["today coffee with Jane Doe: one", "yesterday call with Sam Lee", "2026-11-20 talk: Panel #v",
             "today meal with Ana Ruiz and Jane Doe +2w", "today coffee with Jane Doe: one more"]
    root = project({**PEOPLE, "log/_inbox.md": "# Inbox\n" + "\n".join(lines) + "\nnot a line\n"})
    killed = subprocess.run([sys.executable, "-c", _KILLED, where], cwd=root, capture_output=True, text=True,
                            env={**os.environ, "NETLOG_TODAY": ""})
    assert killed.returncode == 9, killed.stderr
    # killed: the inbox is untouched, some entries exist
    assert (root / "log/_inbox.md").read_text().count("\n") == 7
    assert len(entries(root)) == (5 if where == "before-rewrite" else 2)
    again = run("inbox", "--today", TODAY)
    assert again.exit_code == 1  # "not a line" stays
    assert (root / "log/_inbox.md").read_text() == "# Inbox\nnot a line\n"
    written = entries(root)
    assert len(written) == 5
    keys = sorted((fm(t)["date"].isoformat(), fm(t)["kind"], tuple(fm(t).get("with", [])), fm(t).get("title"))
                  for t in written.values())
    assert keys == [("2026-11-20", "talk", (), "Panel"), ("2026-11-29", "call", ("Sam Lee",), None),
                    ("2026-11-30", "coffee", ("Jane Doe",), "one"), ("2026-11-30", "coffee", ("Jane Doe",), "one more"),
                    ("2026-11-30", "meal", ("Ana Ruiz", "Jane Doe"), None)]
    # and once more: nothing changes
    third = run("inbox", "--today", TODAY)
    assert len(entries(root)) == 5 and "0 written" in third.stdout


def test_a_line_added_to_the_inbox_while_writing_stays_in_it(project, run, monkeypatch):
    from netlog.capture import inbox

    root = project({**PEOPLE, "log/_inbox.md": "today coffee with Jane Doe\n"})
    real = inbox.write_entry

    def write_and_add(*a):  # a phone syncs a new line while the entries are written
        path = real(*a)
        with open(root / "log/_inbox.md", "a") as fh:
            fh.write("today call with Sam Lee\n")
        return path

    monkeypatch.setattr(inbox, "write_entry", write_and_add)
    result = run("inbox", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (root / "log/_inbox.md").read_text() == "today call with Sam Lee\n"
    monkeypatch.setattr(inbox, "write_entry", real)
    assert run("inbox", "--today", TODAY).exit_code == 0
    assert sorted(entries(root)) == ["2026/2026-11-30-call-sam-lee.md", "2026/2026-11-30-coffee-jane-doe.md"]


def test_an_inbox_changed_in_the_middle_while_writing_is_left_as_it_is(project, run, monkeypatch):
    from netlog.capture import inbox

    root = project({**PEOPLE, "log/_inbox.md": "today coffee with Jane Doe\n"})
    real = inbox.write_entry

    def write_and_edit(*a):
        path = real(*a)
        (root / "log/_inbox.md").write_text("today call with Sam Lee\ntoday coffee with Jane Doe\n")
        return path

    monkeypatch.setattr(inbox, "write_entry", write_and_edit)
    result = run("inbox", "--today", TODAY)
    assert result.exit_code == 1 and "changed while the entries were written" in result.stderr
    assert (root / "log/_inbox.md").read_text() == "today call with Sam Lee\ntoday coffee with Jane Doe\n"
    monkeypatch.setattr(inbox, "write_entry", real)
    assert run("inbox", "--today", TODAY).exit_code == 0
    assert sorted(entries(root)) == ["2026/2026-11-30-call-sam-lee.md", "2026/2026-11-30-coffee-jane-doe.md"]


# --------------------------------------------------------------------------- drafts


DRAFT_OK = entry("2026-11-02", "meeting", "Jane Doe", title="Weekly", source="'ics:abc@2026-11-02'")
DRAFT_BAD = entry("2026-11-03", "meeting", "Sam Lee", direction="sideways")


def test_drafts_lists_date_kind_people_and_check_state(project, run):
    project({**PEOPLE, "log/_drafts/a.md": DRAFT_OK, "log/_drafts/b.md": DRAFT_BAD,
             "log/_drafts/c.md": "no front matter\n"})
    result = run("drafts")
    assert result.exit_code == 0
    out = [click_unstyle(line) for line in result.stdout.splitlines()]
    assert out[0] == "log/_drafts/a.md  2026-11-02  meeting  Jane Doe  passes check"
    assert out[1] == "log/_drafts/b.md  2026-11-03  meeting  Sam Lee  fails check"
    assert out[2].startswith("log/_drafts/c.md  (cannot be read as an entry)")
    assert out[3] == "3 drafts: 1 pass check, 2 fail; accept with `netlog drafts --accept PATH` or `--accept-all`"
    assert "log/_drafts/b.md:5: error: 'direction' must be out, in or mutual" in result.stderr


def click_unstyle(text: str) -> str:
    import click

    return click.unstyle(text)


def test_accepting_moves_passing_drafts_never_overwrites_and_keeps_failing_ones(project, run):
    root = project({**PEOPLE, "log/_drafts/a.md": DRAFT_OK, "log/_drafts/b.md": DRAFT_BAD,
                    "log/2026/a.md": "mine, keep me\n"})
    result = run("drafts", "--accept", "log/_drafts/a.md", "--accept", "b.md")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "accepted log/_drafts/a.md -> log/2026/a-2.md",
        "kept     log/_drafts/b.md: it does not pass check",
        "1 accepted, 1 kept in drafts",
    ]
    assert "log/_drafts/b.md:5: error: 'direction' must be out, in or mutual" in result.stderr
    assert (root / "log/2026/a.md").read_text() == "mine, keep me\n"
    assert (root / "log/2026/a-2.md").read_text() == DRAFT_OK
    assert not (root / "log/_drafts/a.md").exists() and (root / "log/_drafts/b.md").read_text() == DRAFT_BAD


def test_accept_all_and_an_unknown_draft(project, run):
    root = project({**PEOPLE, "log/_drafts/a.md": DRAFT_OK})
    unknown = run("drafts", "--accept", "nope.md")
    assert unknown.exit_code == 1 and "no draft nope.md" in unknown.stderr
    result = run("drafts", "--accept-all")
    assert result.exit_code == 0 and "accepted log/_drafts/a.md -> log/2026/a.md" in result.stdout
    assert run("drafts").stdout == "No drafts in log/_drafts.\n"
    assert (root / "log/2026/a.md").is_file()


def test_init_writes_an_inbox_whose_example_line_works_once_uncommented(tmp_path, monkeypatch, run):
    monkeypatch.chdir(tmp_path)
    assert run("init", "--no-git", "--today", TODAY).exit_code == 0
    inbox = tmp_path / "log/_inbox.md"
    text = inbox.read_text(encoding="utf-8")
    example = next(line for line in text.splitlines() if line.startswith("- 2026-11-30 coffee"))
    # as written (inside a comment) it is kept and nothing is written
    first = run("inbox", "--today", TODAY)
    assert first.exit_code == 0 and "0 written" in first.stdout
    assert inbox.read_text(encoding="utf-8") == text
    inbox.write_text(text + example + "\n", encoding="utf-8")
    second = run("inbox", "--today", TODAY)
    assert second.exit_code == 0, second.output
    assert "wrote    log/2026/2026-11-30-coffee-jane-doe-2.md" in second.stdout
    assert inbox.read_text(encoding="utf-8") == text
    assert run("check", "--strict").exit_code == 0


def test_drafts_shows_the_warnings_of_a_draft_that_passes(project, run):
    """A draft with someone who has no person file passes check, with the warning `netlog check`
    will give once it is in the log (trial: "passes check" and nothing else)."""
    project({**PEOPLE, "log/_drafts/a.md": DRAFT_OK.replace("Jane Doe", "Jane Doe, Zed Stranger")})
    result = run("drafts")
    out = [click_unstyle(line) for line in result.stdout.splitlines()]
    assert out[0].endswith("passes check") and out[-1].startswith("1 draft: 1 pass check, 0 fail")
    assert "log/_drafts/a.md:" in result.stderr and "warning: 'with': unknown person 'Zed Stranger'" in result.stderr
