"""`netlog done`, `snooze`, `merge` and `rename` (docs/format.md §13, docs/commands.md), on inline logs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers import child_env, entry, person, tree

TODAY = "2026-03-10"

PEOPLE = {
    "log/people/ann-lee.md": person("Ann Lee", aka="[Annie]", cadence="1m"),
    "log/people/bo-park.md": person("Bo Park"),
    "log/people/cy-diaz.md": person("Cy Diaz", birthday="03-20"),
}


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("NETLOG_TODAY", TODAY)


def files_of(root):
    return {k: v for k, v in tree(root / "log").items()}


def due_json(run, *args):
    result = run("due", "--all", "--format", "json", *args)
    return json.loads(result.stdout)["items"]


# --------------------------------------------------------------------------- done: the kind


@pytest.mark.parametrize("files, kind, closed", [
    ({"log/2026/i.md": entry("2026-03-01", "interview", "Bo Park")}, "thank-you", ["Send a thank-you note"]),
    ({"log/2026/r.md": entry("2026-03-01", "rejection", "Bo Park")}, "thank-you",
     ["Send a thank-you and ask where they saw gaps in your skills"]),
    ({"log/2026/r.md": entry("2026-03-01", "referral", "Bo Park")}, "thank-you", ["Thank them for recommending you"]),
    ({"log/2026/e.md": entry("2026-03-01", "event", "Bo Park")}, "follow-up", ["Follow up with the people you met"]),
    ({"log/2026/c.md": entry("2026-03-01", "coffee", "Bo Park", follow_up="2026-03-05")}, "follow-up",
     ["Follow up: Coffee with Bo Park"]),
    ({"log/2026/c.md": entry("2026-03-01", "coffee", "Ann Lee", via="[Bo Park]")}, "thank-you",
     ["Thank Bo Park for Coffee with Ann Lee"]),
    ({"log/people/bo-park.md": person("Bo Park", cadence="2w")}, "message", ["Keep in touch (every 2w)"]),
    ({"log/people/bo-park.md": person("Bo Park", birthday="03-08")}, "message", ["Wish Bo Park a happy birthday"]),
])
def test_done_chooses_the_kind_the_first_item_calls_for(project, run, today, files, kind, closed):
    root = project({**PEOPLE, **files})
    result = run("done", "bo-park")
    assert result.exit_code == 0, result.output
    path = f"log/2026/2026-03-10-{kind}-bo-park.md"
    assert result.stdout.splitlines()[0] == path
    text = (root / path).read_text()
    assert f"kind: {kind}\nwith: [bo-park]\n" in text
    assert text.endswith("---\n\n" + "\n\n".join(f"Done: {a}" for a in closed) + "\n")
    assert [line.split("  ")[2] for line in result.stdout.splitlines()[2:]] == [f"Bo Park: {a}" for a in closed]
    assert [i for i in due_json(run) if i["person"] == "bo-park" and i["due"] <= TODAY] == []  # all closed


def test_done_closes_every_item_it_can_and_notes_then_the_note(project, run, today):
    root = project({**PEOPLE,
                    "log/2026/i.md": entry("2026-03-01", "interview", "Ann Lee", follow_up="2026-03-20"),
                    "log/2026/t.md": entry("2026-03-10", "coffee", "Ann Lee", follow_up="2026-03-30")})
    result = run("done", "Annie", "--note", "Sent the note and a book.")
    assert result.exit_code == 0, result.output
    text = (root / "log/2026/2026-03-10-follow-up-ann-lee.md").read_text()
    # the interview's item was closed by today's coffee already; the coffee's own item and the
    # cadence are closed by a follow-up on the same day
    assert text.endswith("---\n\nDone: Follow up: Coffee with Ann Lee\n\n"
                         "Done: Keep in touch (every 1m)\n\nSent the note and a book.\n")
    assert [i["source"] for i in due_json(run) if i["person"] == "ann-lee"] == ["cadence"]


def test_done_and_snooze_take_today_and_done_refuses_a_date_after_it(project, run):
    """Every command that depends on the date takes --today (README); an entry dated after today
    closes nothing, so `done --date` after today writes nothing (exit 2)."""
    root = project({**PEOPLE, "log/2026/i.md": entry("2026-03-01", "interview", "Ann Lee")})
    before = files_of(root)
    refused = run("done", "ann-lee", "--today", TODAY, "--date", "2026-03-11")
    assert refused.exit_code == 2 and "2026-03-11 is after today (2026-03-10)" in refused.output
    assert files_of(root) == before
    assert run("snooze", "ann-lee", "--today", TODAY, "--for", "1w").exit_code == 0
    assert "snooze: 2026-03-17" in (root / "log/people/ann-lee.md").read_text()
    result = run("done", "ann-lee", "--today", "2026-03-20")
    assert result.exit_code == 0, result.output
    assert (root / "log/2026/2026-03-20-thank-you-ann-lee.md").exists()


def test_done_with_a_kind_that_closes_nothing_on_the_day_says_so(project, run, today):
    root = project({**PEOPLE, "log/2026/c.md": entry("2026-03-10", "coffee", "Bo Park", follow_up="2026-03-12")})
    result = run("done", "bo-park", "--kind", "coffee")
    assert result.exit_code == 0
    assert "closes none of Bo Park's 1 open item(s)" in result.stdout
    assert (root / "log/2026/2026-03-10-coffee-bo-park.md").exists()


def test_done_without_open_items_exits_1_and_writes_nothing(project, run, today):
    root = project(PEOPLE)
    before = files_of(root)
    result = run("done", "bo-park")
    assert result.exit_code == 1
    assert "Bo Park has no open follow-up; nothing written" in result.stderr
    result = run("done", "cy-diaz")  # only a birthday, 10 days ahead
    assert result.exit_code == 1
    assert "only open item is their birthday on 2026-03-20" in result.stderr
    assert files_of(root) == before


@pytest.mark.parametrize("birthday, snooze, closes", [
    ("03-08", "2026-03-15", True),   # passed, snoozed past today: still the birthday of 03-08
    ("03-10", "2026-03-12", True),   # today's, snoozed
    ("03-12", "2026-03-20", False),  # still to come, snoozed further: no entry today closes it
])
def test_done_takes_a_snoozed_birthday_by_its_day_not_its_new_date(project, run, today, birthday, snooze, closes):
    """A snooze moves a birthday item's due date, not the birthday: `done` closes a passed
    birthday that a snooze moved past today, and still refuses one whose day is to come."""
    root = project({**PEOPLE, "log/people/bo-park.md": person("Bo Park", birthday=birthday, snooze=snooze),
                    "log/2026/e.md": entry("2026-03-01", "event", "Bo Park")})
    result = run("done", "bo-park")
    assert result.exit_code == 0, result.output
    actions = [line.split("  ")[2] for line in result.stdout.splitlines()[2:]]
    assert ("Bo Park: Wish Bo Park a happy birthday" in actions) is closes
    assert "Bo Park: Follow up with the people you met" in actions
    birthday_due = [i["due"] for i in due_json(run) if i["person"] == "bo-park" and i["source"] == "birthday"]
    assert birthday_due == (["2027-" + birthday] if closes else ["2026-03-20"])  # closed: next year's


def test_done_refuses_a_snoozed_birthday_still_to_come_saying_its_day(project, run, today):
    root = project({**PEOPLE, "log/people/bo-park.md": person("Bo Park", birthday="03-12", snooze="2026-03-20")})
    before = files_of(root)
    result = run("done", "bo-park")
    assert result.exit_code == 1
    assert "only open item is their birthday on 2026-03-12" in result.stderr
    assert files_of(root) == before


def test_done_refuses_a_did_you_mean_ref_and_an_unknown_one(project, run, today):
    root = project({**PEOPLE, "log/2026/c.md": entry("2026-03-01", "interview", "Ann Lee")})
    before = files_of(root)
    result = run("done", "Ann Le")
    assert result.exit_code == 2
    assert "'Ann Le' names no one (did you mean 'Ann Lee'?)" in result.stderr
    result = run("done", "Ann Le", "--new-person")
    assert result.exit_code == 1 and "names no person of the log" in result.stderr
    result = run("done", "Zed Quux")
    assert result.exit_code == 1
    assert files_of(root) == before


def test_done_kind_must_be_known(project, run, today):
    project({**PEOPLE, "log/2026/c.md": entry("2026-03-01", "interview", "Ann Lee")})
    result = run("done", "ann-lee", "--kind", "cofee")
    assert result.exit_code == 2 and "did you mean 'coffee'" in result.stderr


def test_done_completes_people(project, monkeypatch):
    from click.shell_completion import ShellComplete

    from netlog.cli import main

    project(PEOPLE)
    complete = ShellComplete(main, {}, "netlog", "_NETLOG_COMPLETE")
    assert [c.value for c in complete.get_completions(["done"], "an")] == ["ann-lee"]
    assert [c.value for c in complete.get_completions(["snooze"], "cy")] == ["cy-diaz"]


# --------------------------------------------------------------------------- snooze


ENTRY = "---\ndate: 2026-03-01\nkind: interview\nwith: [Ann Lee]  # met at the fair\n---\n\n# Interview\n"


@pytest.mark.parametrize("wrap", [lambda b: b, lambda b: b.replace(b"\n", b"\r\n"), lambda b: b"\xef\xbb\xbf" + b],
                         ids=["lf", "crlf", "bom"])
def test_snooze_an_entry_edits_one_line_byte_exactly(project, run, today, wrap):
    original = wrap(ENTRY.encode())
    root = project({**PEOPLE, "log/2026/i.md": original})
    os.chmod(root / "log/2026/i.md", 0o600)
    eol = b"\r\n" if b"\r\n" in original else b"\n"
    result = run("snooze", "log/2026/i.md", "--until", "2026-03-15")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "2026/i.md: snoozed until 2026-03-15 (log/2026/i.md)", "moved 1 item(s):",
        "  2026-03-15  Ann Lee: Send a thank-you note  [rule]  (was 2026-03-02)"]
    edited = (root / "log/2026/i.md").read_bytes()
    assert edited == original.replace(b"fair" + eol + b"---", b"fair" + eol + b"snooze: 2026-03-15" + eol + b"---")
    assert oct((root / "log/2026/i.md").stat().st_mode & 0o777) == oct(0o600)
    run("snooze", "2026/i.md", "--until", "2026-03-20")  # a path in the log works too
    assert (root / "log/2026/i.md").read_bytes() == edited.replace(b"2026-03-15", b"2026-03-20")
    result = run("snooze", "log/2026/i.md", "--clear")
    assert result.exit_code == 0
    assert "  2026-03-02  Ann Lee: Send a thank-you note  [rule]  (was 2026-03-20)" in result.stdout
    assert (root / "log/2026/i.md").read_bytes() == original


@pytest.mark.parametrize("bad", ["someday", "2026-02-30", "[2026-03-10]"])
def test_snooze_replaces_or_clears_an_entry_snooze_that_is_not_a_date(project, run, today, bad):
    original = ENTRY.replace("fair\n---", f"fair\nsnooze: {bad}\n---")
    root = project({**PEOPLE, "log/2026/i.md": original})
    assert run("check").exit_code == 1  # the entry is out of the log until its snooze is fixed
    result = run("snooze", "log/2026/i.md", "--until", "2026-03-15")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "2026/i.md: snoozed until 2026-03-15 (log/2026/i.md)", "moved 1 item(s):",
        "  2026-03-15  Ann Lee: Send a thank-you note  [rule]  (was 2026-03-02)"]
    assert (root / "log/2026/i.md").read_text() == original.replace(bad, "2026-03-15")
    (root / "log/2026/i.md").write_text(original)
    result = run("snooze", "log/2026/i.md", "--clear")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["2026/i.md: snooze cleared (log/2026/i.md)", "no open item moved"]
    assert (root / "log/2026/i.md").read_text() == ENTRY
    assert run("check").exit_code == 0


def test_snooze_still_refuses_an_entry_with_another_error(project, run, today):
    root = project({**PEOPLE, "log/2026/i.md": ENTRY.replace("fair\n---", "fair\nsnooze: someday\n---")
                    .replace("kind: ", "kind: no-such-")})
    before = files_of(root)
    result = run("snooze", "log/2026/i.md", "--clear")
    assert result.exit_code == 2 and "is not an entry or person file of the log" in result.stderr
    assert files_of(root) == before


def test_snooze_a_person_moves_every_item_of_theirs(project, run, today):
    root = project({**PEOPLE, "log/2026/i.md": ENTRY})
    result = run("snooze", "Annie", "--for", "1m")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Ann Lee: snoozed until 2026-04-10 (log/people/ann-lee.md)", "moved 2 item(s):",
        "  2026-04-10  Ann Lee: Send a thank-you note  [rule]  (was 2026-03-02)",
        "  2026-04-10  Ann Lee: Keep in touch (every 1m)  [cadence]  (was 2026-04-01)"]
    assert (root / "log/people/ann-lee.md").read_text() == PEOPLE["log/people/ann-lee.md"].replace(
        "cadence: 1m\n", "cadence: 1m\nsnooze: 2026-04-10\n")
    assert {(i["source"], i["due"], i["snoozed_from"]) for i in due_json(run) if i["person"] == "ann-lee"} == {
        ("rule", "2026-04-10", "2026-03-02"), ("cadence", "2026-04-10", "2026-04-01")}
    assert run("check").exit_code == 0


def test_snooze_refuses_a_stub_a_past_date_and_unclear_options(project, run, today):
    root = project({**PEOPLE, "log/2026/c.md": entry("2026-03-01", "interview", "Dee Stub")})
    before = files_of(root)
    result = run("snooze", "dee-stub", "--for", "1w")
    assert result.exit_code == 1 and "Dee Stub has no person file to hold a snooze" in result.stderr
    assert run("snooze", "ann-lee", "--until", TODAY).exit_code == 2
    assert run("snooze", "ann-lee", "--until", "2026-03-01").exit_code == 2
    assert run("snooze", "ann-lee").exit_code == 2
    assert run("snooze", "ann-lee", "--for", "1w", "--clear").exit_code == 2
    assert run("snooze", "log/2026/nope.md", "--for", "1w").exit_code == 2
    assert files_of(root) == before


# --------------------------------------------------------------------------- merge


MERGE = {
    "log/people/jon-smith.md": "---\nname: Jon Smith\naka: [J. Smith]\norg: Acme\ntags: [vcard]\nlinks:\n"
                               "  email: jon@acme.test\n  phone: '+1 555'\nbirthday: 05-01\n---\nMet at the fair.\n",
    "log/people/jonathan-smith.md": "---\nname: Jonathan Smith\norg: Acme LLP\ntags: [linkedin]\nlinks:\n"
                                    "  email: jon@acme.test\n  phone: '+1 999'\n---\nFrom LinkedIn.\n",
    "log/people/bo-park.md": "---\nname: Bo Park\nmet_via: J. Smith  # at the fair\n---\n",
    "log/2026/a.md": "---\ndate: 2026-03-01\nkind: coffee\nwith: [Bo Park, \"Jon  Smith\"]  # both\n---\n",
    "log/2026/b.md": "---\r\ndate: 2026-03-02\r\nkind: call\r\nwith:\r\n  - jon-smith  # him\r\n  - Bo Park\r\n"
                     "via: J. Smith\r\n---\r\nJon Smith is not a ref here.\r\n",
    "log/2026/c.md": "---\ndate: 2026-03-03\nkind: call\nwith: Jonathan Smith\n---\n",
}

MERGED = {
    "people/jonathan-smith.md": "---\nname: Jonathan Smith\norg: Acme LLP\ntags: [linkedin, vcard]\nlinks:\n"
                                "  email: jon@acme.test\n  phone: '+1 999'\n  phone-2: +1 555\naka: [Jon Smith, J. Smith]\n"
                                "birthday: 05-01\n---\nFrom LinkedIn.\n\n## From Jon Smith\n\n- org: Acme\n\nMet at the fair.\n",
    "people/bo-park.md": "---\nname: Bo Park\nmet_via: jonathan-smith  # at the fair\n---\n",
    "2026/a.md": "---\ndate: 2026-03-01\nkind: coffee\nwith: [Bo Park, jonathan-smith]  # both\n---\n",
    "2026/b.md": "---\r\ndate: 2026-03-02\r\nkind: call\r\nwith:\r\n  - jonathan-smith  # him\r\n  - Bo Park\r\n"
                 "via: jonathan-smith\r\n---\r\nJon Smith is not a ref here.\r\n",
    "2026/c.md": MERGE["log/2026/c.md"],
}


def test_merge_rewrites_refs_in_place_and_merges_the_person(project, run, today):
    root = project(MERGE)
    result = run("merge", "jon-smith", "Jonathan Smith")
    assert result.exit_code == 0, result.output
    after = {k: v.decode() for k, v in files_of(root).items()}
    assert after == MERGED
    assert run("check").exit_code == 0
    assert "merged: Jon Smith into Jonathan Smith" in result.stdout


def test_merge_dry_run_prints_every_change_and_writes_nothing(project, run, today):
    root = project(MERGE)
    before = files_of(root)
    result = run("merge", "J. Smith", "jonathan-smith", "--dry-run")
    assert result.exit_code == 0
    assert files_of(root) == before
    out = result.stdout
    for line in ("would change log/2026/a.md", "    with: Jon  Smith -> jonathan-smith",
                 "would change log/2026/b.md", "    via: J. Smith -> jonathan-smith",
                 "would change log/people/bo-park.md", "would change log/people/jonathan-smith.md",
                 "    links + phone-2: +1 555", "    aka + Jon Smith", "    notes + ## From Jon Smith (with the org kept from Jon Smith)",
                 "would remove log/people/jon-smith.md"):
        assert line in out.splitlines(), line
    assert "2026/c.md" not in out


def test_merge_keeps_from_values_that_differ_under_its_heading(project, run, today):
    root = project({
        "log/people/al-bo.md": "---\nname: Al Bo\norg: Acme\nrole: CTO\ncadence: 3m\nmet: 2020-01-02\n"
                               "snooze: 2026-12-01\n---\n",
        "log/people/albert-bo.md": "---\nname: Albert Bo\norg: Acme\nrole: Chief\n  technology officer\n"
                                   "met: 2021-05-06\n---\n",
    })
    result = run("merge", "al-bo", "albert-bo")
    assert result.exit_code == 0, result.output
    assert "    notes + ## From Al Bo (with the role, met kept from Al Bo)" in result.stdout.splitlines()
    text = (root / "log/people/albert-bo.md").read_text()
    # the same org is not repeated; the cadence and snooze INTO lacks fill it
    assert text == ("---\nname: Albert Bo\norg: Acme\nrole: Chief\n  technology officer\nmet: 2021-05-06\n"
                    "aka: [Al Bo]\ncadence: 3m\nsnooze: 2026-12-01\n---\n\n## From Al Bo\n\n- role: CTO\n- met: 2020-01-02\n")
    assert run("check").exit_code == 0


def test_merge_twice_changes_nothing_more_and_refuses_the_same_person(project, run, today):
    root = project(MERGE)
    run("merge", "jon-smith", "jonathan-smith")
    again = run("merge", "jon-smith", "jonathan-smith")  # FROM is gone: its slug is an aka of INTO
    assert again.exit_code == 0 and again.stdout.startswith("nothing to change: jon-smith into Jonathan Smith")
    assert run("merge", "jonathan-smith", "Jonathan Smith").exit_code == 2
    assert {k: v.decode() for k, v in files_of(root).items()} == MERGED


def test_merge_names_the_argument_that_names_no_one(project, run, today):
    root = project(MERGE)
    before = files_of(root)
    into = run("merge", "jon-smith", "nobody")
    assert into.exit_code == 2 and "Invalid value for 'INTO': no person matches 'nobody'" in into.stderr
    source = run("merge", "nobody", "jon-smith")
    assert source.exit_code == 2 and "Invalid value for 'FROM': no person matches 'nobody'" in source.stderr
    assert files_of(root) == before


def test_merge_refuses_a_result_with_a_new_error(project, run, today):
    files = dict(MERGE)
    files["log/people/jonathan-smith.md"] = MERGE["log/people/jonathan-smith.md"].replace(
        "org: Acme LLP\n", "org: Acme LLP\naka: [J Smith Jr]\n")
    files["log/people/j-smith-jr.md"] = "---\nname: Jon Smith\n---\n"  # will clash once 'Jon Smith' is an aka
    root = project(files)
    before = files_of(root)
    result = run("merge", "jon-smith", "jonathan-smith")
    assert result.exit_code == 1
    assert "would give the log" in result.stderr and "nothing written" in result.stderr
    assert files_of(root) == before


@pytest.mark.slow
def test_merge_killed_after_each_write_loses_nothing_and_a_rerun_completes_it(tmp_path):
    """The process kills itself (SIGKILL) right after its Nth write, for every N; the log then
    still holds every person and ref, and running the merge again gives the same files as
    an uninterrupted merge."""
    from helpers import write_files

    def fresh(where):
        write_files(where, {**MERGE, "mkdocs.yml": "site_name: t\ndocs_dir: log\nplugins:\n  - netlog\n"})
        return where

    def merge(where, kill_after=None):
        env = dict(child_env(), NETLOG_TODAY=TODAY)
        if kill_after is not None:
            env["NETLOG_TEST_KILL_AFTER_WRITES"] = str(kill_after)
        return subprocess.run([sys.executable, "-m", "netlog", "merge", "jon-smith", "jonathan-smith"],
                              cwd=where, env=env, capture_output=True, text=True, timeout=120)

    writes = 5  # a.md, b.md, bo-park.md, jonathan-smith.md, then jon-smith.md removed
    for n in range(1, writes + 1):
        where = fresh(tmp_path / f"kill-{n}")
        killed = merge(where, n)
        assert killed.returncode == -9, (n, killed.stderr)
        state = {k: v.decode() for k, v in tree(where / "log").items()}
        # nothing lost: FROM's file stays until the very last write; the refs say FROM or INTO
        assert ("people/jon-smith.md" in state) == (n < writes)
        assert not any(".tmp" in k for k in tree(where))
        again = merge(where)
        assert again.returncode == 0, (n, again.stderr)
        assert {k: v.decode() for k, v in tree(where / "log").items()} == MERGED, n
    assert merge(fresh(tmp_path / "whole"), writes + 1).returncode == 0


# --------------------------------------------------------------------------- rename


RENAME = {
    "log/people/jon-smith.md": "---\nname: Jon Smith\naka: [JS]\n---\nNotes.\n",
    "log/people/bo-park.md": "---\nname: Bo Park\nmet_via: jon-smith\n---\n",
    "log/2026/a.md": "---\ndate: 2026-03-01\nkind: coffee\nwith: [jon-smith, Bo Park]  # by slug\n---\n",
    "log/2026/b.md": "---\ndate: 2026-03-02\nkind: coffee\nwith: Jon Smith\nvia: [JS]\n---\n",
}


@pytest.mark.slow
def test_rename_killed_after_each_write_loses_nothing_and_a_rerun_completes_it(tmp_path):
    """As for merge: killed (SIGKILL) right after its Nth write, the log still names the person
    (by the old file or the new one) and a rerun gives the files of an uninterrupted rename."""
    from helpers import write_files

    def fresh(where):
        write_files(where, {**RENAME, "mkdocs.yml": "site_name: t\ndocs_dir: log\nplugins:\n  - netlog\n"})
        return where

    def rename(where, kill_after=None, ref="JS"):
        env = dict(child_env(), NETLOG_TODAY=TODAY)
        if kill_after is not None:
            env["NETLOG_TEST_KILL_AFTER_WRITES"] = str(kill_after)
        return subprocess.run([sys.executable, "-m", "netlog", "rename", ref, "Jonathan Smith"],
                              cwd=where, env=env, capture_output=True, text=True, timeout=120)

    whole = fresh(tmp_path / "whole")
    assert rename(whole).returncode == 0
    expected = tree(whole / "log")
    writes = 4  # a.md, bo-park.md, the file's new text, then its move
    for n in range(1, writes + 1):
        where = fresh(tmp_path / f"kill-{n}")
        killed = rename(where, n)
        assert killed.returncode == -9, (n, killed.stderr)
        state = tree(where / "log")
        assert "people/jon-smith.md" in state or "people/jonathan-smith.md" in state, n
        assert not any(".tmp" in k for k in tree(where))
        # the rerun names the person by the aka both files have
        again = rename(where)
        assert again.returncode == 0, (n, again.stderr)
        assert tree(where / "log") == expected, n


def test_rename_moves_the_file_and_rewrites_only_refs_by_the_old_slug(project, run, today):
    root = project(RENAME)
    result = run("rename", "JS", "Jonathan Smith")
    assert result.exit_code == 0, result.output
    assert {k: v.decode() for k, v in files_of(root).items()} == {
        "people/jonathan-smith.md": "---\nname: Jonathan Smith\naka: [JS, Jon Smith]\n---\nNotes.\n",
        "people/bo-park.md": "---\nname: Bo Park\nmet_via: jonathan-smith\n---\n",
        "2026/a.md": "---\ndate: 2026-03-01\nkind: coffee\nwith: [jonathan-smith, Bo Park]  # by slug\n---\n",
        "2026/b.md": RENAME["log/2026/b.md"],  # by name and aka: they still resolve
    }
    assert run("check").exit_code == 0
    # the thanks item of b.md (via: [JS]) still names the person, now by the new slug
    assert [(i["person"], i["name"]) for i in due_json(run) if i["person"]] == [("jonathan-smith", "Jonathan Smith")]


def test_rename_refuses_a_slug_someone_else_has(project, run, today):
    root = project({**RENAME, "log/people/jonathan-smith.md": "---\nname: Jonathan Smith\n---\n"})
    before = files_of(root)
    result = run("rename", "jon-smith", "Jonathan  SMITH")
    assert result.exit_code == 1 and "already" in result.stderr
    assert files_of(root) == before


def test_rename_keeping_the_slug_edits_the_name_in_place(project, run, today):
    root = project(RENAME)
    assert run("rename", "jon-smith", "Jon SMITH").exit_code == 0
    assert (root / "log/people/jon-smith.md").read_text() == "---\nname: Jon SMITH\naka: [JS]\n---\nNotes.\n"


# --------------------------------------------------------------------------- commit: true


def _git(root, *args):
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.mark.slow
def test_commit_true_commits_exactly_the_files_each_command_wrote(project, run, today):
    config = "site_name: t\ndocs_dir: log\nplugins:\n  - netlog:\n      commit: true\n"
    root = project({**PEOPLE, **MERGE, "log/2026/i.md": ENTRY, "notes.txt": "mine\n"}, config=config)
    _git(root, "init", "-q")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")
    (root / "notes.txt").write_text("changed, not netlog's\n")
    os.environ.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    try:
        assert run("done", "ann-lee").exit_code == 0
        assert run("snooze", "bo-park", "--for", "1w").exit_code == 0
        assert run("merge", "jon-smith", "jonathan-smith").exit_code == 0
        assert run("new", "talk", "--title", "Billing rules", "--no-edit").exit_code == 0
    finally:
        for k in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
            os.environ.pop(k, None)
    log = _git(root, "log", "--format=%x00%s", "--name-status").split("\0")
    commits = [[line for line in block.splitlines() if line] for block in log if block.strip()]
    assert commits[0] == ["netlog: new talk", "A\tlog/2026/2026-03-10-talk-billing-rules.md"]
    assert commits[1][0] == "netlog: merge Jon Smith into Jonathan Smith"
    assert sorted(commits[1][1:]) == ["D\tlog/people/jon-smith.md", "M\tlog/2026/a.md", "M\tlog/2026/b.md",
                                      "M\tlog/people/bo-park.md", "M\tlog/people/jonathan-smith.md"]
    assert commits[2] == ["netlog: snooze Bo Park until 2026-03-17", "M\tlog/people/bo-park.md"]
    assert commits[3] == ["netlog: done Ann Lee (thank-you)", "A\tlog/2026/2026-03-10-thank-you-ann-lee.md"]
    assert _git(root, "status", "--porcelain") == " M notes.txt\n"  # the user's own change is left alone


# --------------------------------------------------------------------------- writers keep one person one person


def test_inbox_keeps_a_did_you_mean_line_with_the_error_unless_new_person(project, run, today):
    root = project({**PEOPLE, "log/_inbox.md": "- 2026-03-09 call with Ann Le\n- 2026-03-09 call with Zed Quux\n"})
    result = run("inbox")
    assert result.exit_code == 1
    assert "log/_inbox.md:1: error: ref 'Ann Le' names no one (did you mean 'Ann Lee'?)" in result.stderr
    assert (root / "log/_inbox.md").read_text() == "- 2026-03-09 call with Ann Le\n"  # Zed: no one close, written
    assert (root / "log/2026/2026-03-09-call-zed-quux.md").exists()
    assert not (root / "log/2026/2026-03-09-call-ann-le.md").exists()
    problems = json.loads(run("check", "--format", "json").stdout)
    assert [p["code"] for p in problems] == ["unknown-person"]  # Zed, as before
    result = run("inbox", "--new-person")
    assert result.exit_code == 0 and (root / "log/2026/2026-03-09-call-ann-le.md").exists()


def test_unsure_ref_is_a_registered_code():
    from netlog.checks import CHECKS

    assert CHECKS["unsure-ref"].severity == "error" and CHECKS["bad-birthday"].severity == "error"


def test_new_refuses_an_entry_that_would_have_a_check_error(project, run, today):
    # two files claim the slug form `sam` already: a ref `Sam` would be ambiguous, an error
    root = project({"log/people/sam-lee.md": person("Sam Lee", aka="[Sam]"),
                    "log/people/sam-ray.md": person("Sam Ray", aka="[Sam]")})
    result = run("new", "coffee", "--with", "Sam", "--no-edit")
    assert result.exit_code == 1
    assert "the entry would have errors: 'with': 'Sam' matches more than one person" in result.stderr
    assert not (root / "log/2026").exists()


def test_done_for_a_stub_with_open_items_writes_its_name(project, run, today):
    root = project({**PEOPLE, "log/2026/c.md": entry("2026-03-01", "coffee", "Ann Lee", via="[Dee Stub]")})
    result = run("done", "Dee Stub")
    assert result.exit_code == 0, result.output
    assert "with: [Dee Stub]\n" in (root / "log/2026/2026-03-10-thank-you-dee-stub.md").read_text()


@pytest.mark.slow
def test_commit_true_commits_the_drafts_an_import_wrote_and_what_accepting_moved(project, run, today):
    """`import ics` commits the drafts it wrote; `drafts --accept-all` the entry it made and the draft
    it removed; `--discard` the copy in discarded/ and the draft it removed (docs/format.md §13)."""
    config = "site_name: t\ndocs_dir: log\nplugins:\n  - netlog:\n      commit: true\n"
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
           "BEGIN:VEVENT\r\nUID:a@t\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:20260305T100000Z\r\n"
           "SUMMARY:Catch-up\r\nATTENDEE;CN=Ann Lee:mailto:ann@x.test\r\nEND:VEVENT\r\n"
           "BEGIN:VEVENT\r\nUID:b@t\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:20260306T100000Z\r\n"
           "SUMMARY:Lunch\r\nATTENDEE;CN=Bo Park:mailto:bo@x.test\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    root = project({**PEOPLE, "cal.ics": ics}, config=config)
    _git(root, "init", "-q")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")
    os.environ.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    try:
        assert run("import", "ics", "cal.ics").exit_code == 0
        drafts = sorted(p.name for p in (root / "log/_drafts").iterdir())
        assert len(drafts) == 2
        assert run("drafts", "--accept", drafts[0], "--discard", drafts[1]).exit_code == 0
    finally:
        for k in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
            os.environ.pop(k, None)
    log = _git(root, "log", "--format=%x00%s", "--name-status", "--no-renames").split("\0")
    commits = [[line for line in block.splitlines() if line] for block in log if block.strip()]
    assert commits[1] == ["netlog: import cal.ics: 2 drafts"] + [f"A\tlog/_drafts/{d}" for d in drafts]
    assert commits[0][0] == "netlog: drafts: 1 accepted, 1 discarded"
    assert sorted(commits[0][1:]) == sorted([f"A\tlog/2026/{drafts[0]}", f"A\tlog/_drafts/discarded/{drafts[1]}",
                                            f"D\tlog/_drafts/{drafts[0]}", f"D\tlog/_drafts/{drafts[1]}"])
    assert _git(root, "status", "--porcelain") == ""
