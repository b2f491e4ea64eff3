"""`netlog review` (docs/format.md §16): the agenda, each card's context and the review entry's
notes as pure functions; the ritual itself through a real pseudo-terminal (pexpect, slow):
single keys, done/snooze/log/open/next/quit, Ctrl-C, and no terminal at all."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest

from helpers import child_env, entry, load_files, person, write_files

TODAY = dt.date(2026, 2, 4)


@pytest.fixture(autouse=True)
def ctrl_c_as_at_a_terminal():
    """Ctrl-C does what it does at a terminal, however the test run was started: a shell's
    background job (`cmd &` without job control) ignores SIGINT, and the children it spawns
    would inherit that and never be interrupted."""
    import signal

    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)

CONFIG = "site_name: Test log\ndocs_dir: log\nplugins:\n  - netlog\n"
FILES = {
    "people/ann-lee.md": person("Ann Lee", org="Acme"),
    "people/jane-doe.md": person("Jane Doe"),
    "people/frank-grey.md": person("Frank Grey", cadence="1m"),
    "people/olga-old.md": person("Olga Old"),
    "people/pat-past.md": person("Pat Past"),
    "2024/2024-05-01-coffee-pat-past.md": entry("2024-05-01", "coffee", ["Pat Past"]),
    "2025/2025-01-10-coffee-olga-old.md": entry("2025-01-10", "coffee", ["Olga Old"], title="Coffee at the fair",
                                                body="\n# Notes\n\nShe runs the alumni board now.\nMore.\n"),
    "2026/2026-01-04-coffee-frank-grey.md": entry("2026-01-04", "coffee", ["Frank Grey"]),
    "2026/2026-01-20-rejection-ann-lee.md": entry("2026-01-20", "rejection", ["Ann Lee"]),
    "2026/2026-01-20-talk.md": entry("2026-01-20", "talk", audience=20),
    "2026/2026-01-30-meal-jane-doe.md": entry("2026-01-30", "meal", ["Jane Doe"], follow_up="2026-02-02"),
}
RULE = "Send a thank-you and ask where they saw gaps in your skills"


# --------------------------------------------------------------------------- the pure parts


def test_agenda_is_overdue_and_today_items_then_people_worth_reconnecting(tmp_path):
    from netlog.review import agenda

    log, problems = load_files(tmp_path, FILES)
    assert problems == []
    cards = agenda(log, TODAY)
    assert [(c.person, c.item.action if c.item else None) for c in cards] == [
        ("ann-lee", RULE),
        ("jane-doe", "Follow up: Meal with Jane Doe"),
        ("frank-grey", "Keep in touch (every 1m)"),
        ("pat-past", None),  # one entry each: the older last contact first
        ("olga-old", None),
    ]


def test_context_shows_the_person_the_action_and_their_last_entry(tmp_path):
    from netlog.review import agenda, context

    log, _ = load_files(tmp_path, FILES)
    cards = agenda(log, TODAY)
    assert context(log, TODAY, cards[0]) == [
        "Ann Lee (Acme)",
        f"{RULE}  [overdue, due 2026-01-22]",
        "Last entry: 2026-01-20 Rejection with Ann Lee (2026/2026-01-20-rejection-ann-lee.md)",
    ]
    assert context(log, TODAY, cards[2])[1] == "Keep in touch (every 1m)  [today]"
    olga = context(log, TODAY, cards[4])
    assert olga[0] == "Olga Old"
    assert olga[1].startswith("Worth reconnecting: ") and "1 entry, the last" in olga[1]
    assert olga[2:] == ["Last entry: 2025-01-10 Coffee at the fair (2025/2025-01-10-coffee-olga-old.md)",
                        "  She runs the alumni board now."]  # the first line that is not a heading


def test_the_showcase_card_shows_the_last_showcase(tmp_path):
    from netlog.review import agenda, context

    log, _ = load_files(tmp_path, FILES)
    visibility = [c for c in agenda(log, dt.date(2026, 2, 20)) if c.person is None]
    assert len(visibility) == 1  # due 2026-02-19, 30 days after the talk
    assert context(log, dt.date(2026, 2, 20), visibility[0]) == [
        "Showcase your work: give a talk, volunteer, circulate takeaways  [overdue, due 2026-02-19]",
        "Last showcase: 2026-01-20 Talk (2026/2026-01-20-talk.md)"]


def test_a_card_no_longer_shows_once_an_answer_closed_it(tmp_path):
    from netlog.review import agenda, current

    log, _ = load_files(tmp_path, FILES)
    cards = agenda(log, TODAY)
    log2, _ = load_files(tmp_path, {"2026/2026-02-04-thank-you-ann-lee.md": entry("2026-02-04", "thank-you", ["Ann Lee"]),
                                    "2026/2026-02-04-message-olga-old.md": entry("2026-02-04", "message", ["Olga Old"])})
    assert current(log2, TODAY, cards[0]) is None  # closed
    assert current(log2, TODAY, cards[4]) is None  # no longer dormant
    assert current(log2, TODAY, cards[1]) == cards[1]


def test_the_review_notes_list_done_snoozed_logged_and_skipped():
    from netlog.review import Outcome

    o = Outcome(shown=3, done=["Ann Lee: x (2026/a.md)"], snoozed=[], logged=["today call with Jo (2026/b.md)"],
                skipped=["Showcase your work"])
    assert o.notes(TODAY) == (
        "Reviewed 3 items on 2026-02-04: 1 done, 0 snoozed, 1 logged, 1 skipped.\n\n"
        "## Done\n\n- Ann Lee: x (2026/a.md)\n\n"
        "## Logged\n\n- today call with Jo (2026/b.md)\n\n"
        "## Skipped\n\n- Showcase your work\n")


def test_ctrl_c_during_a_write_takes_effect_once_it_is_complete():
    import signal

    from netlog.commands.reminders import _uninterrupted

    steps = []
    with pytest.raises(KeyboardInterrupt):
        with _uninterrupted():
            os.kill(os.getpid(), signal.SIGINT)  # as the terminal sends it on Ctrl-C
            steps.append("written")  # the write goes on to its end
        steps.append("after")  # the interrupt lands here, before anything else
    assert steps == ["written"]


def test_without_a_terminal_it_exits_2_naming_due_and_done(project, run):
    project({f"log/{k}": v for k, v in FILES.items()}, config=CONFIG)
    before = sorted(p.as_posix() for p in Path("log").rglob("*"))
    result = run("review", "--today", "2026-02-04")
    assert result.exit_code == 2
    assert "needs a terminal" in result.stderr
    assert "`netlog due`" in result.stderr and "`netlog done REF`" in result.stderr
    assert sorted(p.as_posix() for p in Path("log").rglob("*")) == before


# --------------------------------------------------------------------------- through a pseudo-terminal

KEYS = r"\[d\]one \[s\]nooze \[l\]og \[o\]pen \[n\]ext \[q\]uit"


@pytest.fixture
def session(tmp_path):
    """spawn(*args, env=...) -> a pexpect child running `netlog review` in a project of FILES."""
    pexpect = pytest.importorskip("pexpect")
    write_files(tmp_path, {"mkdocs.yml": CONFIG, **{f"log/{k}": v for k, v in FILES.items()}})
    children = []

    def spawn(*args, env=None):
        child = pexpect.spawn(sys.executable, ["-m", "netlog", "review", "--today", "2026-02-04", *args],
                              cwd=str(tmp_path), env={**child_env(), **(env or {})}, encoding="utf-8",
                              timeout=60, dimensions=(50, 200))
        children.append(child)
        return child

    yield spawn
    for c in children:
        c.close(force=True)


def finished(child) -> int:
    import pexpect

    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def card(child, title: str) -> None:
    child.expect_exact(title)
    child.expect(KEYS)


def read(tmp_path, rel: str) -> str:
    return (tmp_path / "log" / rel).read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_whole_review_done_snooze_open_log_next_quit(session, tmp_path):
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nopen(sys.argv[0] + '.opened', 'a').write(sys.argv[1] + '\\n')\n")
    child = session(env={"EDITOR": f"{sys.executable} {editor}"})
    card(child, "Ann Lee (Acme)")
    child.send("d")  # one key, no Enter
    child.expect_exact("kind [thank-you]:")
    child.sendline("")
    child.expect_exact("note:")
    child.sendline("Sent a thank-you card")
    child.expect_exact("2026-02-04-thank-you-ann-lee.md")
    card(child, "Jane Doe")
    child.send("s")
    child.expect_exact("snooze for [1w]:")
    child.sendline("2w")
    child.expect_exact("snoozed until 2026-02-18")
    card(child, "Frank Grey")
    child.send("o")
    child.expect(KEYS)  # the same card again, after the editor
    child.send("n")
    card(child, "Pat Past")
    child.send("l")
    child.expect_exact("inbox line [today message with pat-past]:")
    child.sendline("today call with Pat Past: Caught up on the merger")
    child.expect_exact("wrote log/2026/2026-02-04-call-pat-past.md")
    card(child, "Olga Old")
    child.send("q")
    child.expect_exact("wrote log/2026/2026-02-04-review.md: Reviewed 5 items on 2026-02-04: 1 done, 1 snoozed, "
                       "1 logged, 2 skipped.")
    assert not child.before.endswith("\\x0a")  # a line of its own, not an escaped newline
    assert finished(child) == 0

    done = read(tmp_path, "2026/2026-02-04-thank-you-ann-lee.md")
    assert "kind: thank-you" in done and "with: [ann-lee]" in done
    assert done.endswith(f"Done: {RULE}\n\nSent a thank-you card\n")
    assert "snooze: 2026-02-18" in read(tmp_path, "2026/2026-01-30-meal-jane-doe.md")
    assert (tmp_path / "editor.py.opened").read_text() == f"{tmp_path / 'log' / 'people' / 'frank-grey.md'}\n"
    call = read(tmp_path, "2026/2026-02-04-call-pat-past.md")
    assert "title: Caught up on the merger" in call and "with: [Pat Past]" in call  # as the inbox writes it
    review = read(tmp_path, "2026/2026-02-04-review.md")
    assert review.startswith("---\ndate: 2026-02-04\nkind: review\n")
    assert review.split("---\n", 2)[2] == (
        "\nReviewed 5 items on 2026-02-04: 1 done, 1 snoozed, 1 logged, 2 skipped.\n\n"
        f"## Done\n\n- Ann Lee: {RULE} (2026/2026-02-04-thank-you-ann-lee.md)\n\n"
        "## Snoozed\n\n- Follow up: Meal with Jane Doe: until 2026-02-18\n\n"  # the name is in the action
        "## Logged\n\n- today call with Pat Past: Caught up on the merger (2026/2026-02-04-call-pat-past.md)\n\n"
        "## Skipped\n\n- Frank Grey: Keep in touch (every 1m)\n- Olga Old: worth reconnecting\n")


@pytest.mark.slow
def test_ctrl_c_keeps_what_was_written_and_writes_no_review(session, tmp_path, run, monkeypatch):
    child = session()
    card(child, "Ann Lee (Acme)")
    child.send("d")
    child.expect_exact("kind [thank-you]:")
    child.sendline("")
    child.expect_exact("note:")
    child.sendline("")
    card(child, "Jane Doe")
    child.send("s")
    child.expect_exact("snooze for [1w]:")
    child.sendcontrol("c")  # in the middle of a question
    child.expect_exact("Interrupted: every file written so far is complete; no review entry written.")
    assert finished(child) == 1
    written = sorted(p.name for p in (tmp_path / "log" / "2026").iterdir())
    assert "2026-02-04-thank-you-ann-lee.md" in written
    assert not any("review" in name for name in written)
    assert "snooze" not in read(tmp_path, "2026/2026-01-30-meal-jane-doe.md")
    monkeypatch.chdir(tmp_path)
    check = run("check")
    assert check.exit_code == 0, check.output  # every file written is whole


@pytest.mark.slow
def test_ctrl_c_at_the_key_prompt(session, tmp_path):
    child = session()
    card(child, "Ann Lee (Acme)")
    child.sendcontrol("c")  # read as a single key: Ctrl-C all the same
    child.expect_exact("Interrupted")
    assert finished(child) == 1
    assert sorted(p.name for p in (tmp_path / "log" / "2026").iterdir()) == sorted(
        Path(k).name for k in FILES if k.startswith("2026/"))


@pytest.mark.slow
def test_quit_at_once_records_the_item_as_skipped(session, tmp_path):
    child = session()
    card(child, "Ann Lee (Acme)")
    child.send("x")  # not an answer: asked again
    child.expect_exact("one of d, s, l, o, n or q")
    child.expect(KEYS)
    child.send("q")
    child.expect_exact("wrote log/2026/2026-02-04-review.md")
    assert finished(child) == 0
    notes = read(tmp_path, "2026/2026-02-04-review.md").split("---\n", 2)[2]
    assert notes == (f"\nReviewed 1 item on 2026-02-04: 0 done, 0 snoozed, 0 logged, 1 skipped.\n\n"
                     f"## Skipped\n\n- Ann Lee: {RULE}\n")


@pytest.mark.slow
def test_done_for_someone_with_nothing_open_says_so_and_asks_again(session, tmp_path):
    child = session()
    for name in ("Ann Lee (Acme)", "Jane Doe", "Frank Grey"):
        card(child, name)
        child.send("n")
    card(child, "Pat Past")
    child.send("d")
    child.expect_exact("kind [message]:")
    child.sendline("")
    child.expect_exact("note:")
    child.sendline("")
    child.expect_exact("Pat Past has no open follow-up; nothing written")
    child.expect_exact("Press l to log what you did with them instead.")
    child.expect(KEYS)
    child.send("q")
    assert finished(child) == 0
    assert "## Skipped" in read(tmp_path, "2026/2026-02-04-review.md")


@pytest.mark.slow
def test_nothing_to_review_writes_nothing(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    write_files(tmp_path, {"mkdocs.yml": CONFIG, "log/people/ann-lee.md": person("Ann Lee"),
                           "log/2026/a.md": entry("2026-02-01", "talk")})
    child = pexpect.spawn(sys.executable, ["-m", "netlog", "review", "--today", "2026-02-04"], cwd=str(tmp_path),
                          env=child_env(), encoding="utf-8", timeout=60)
    child.expect_exact("nothing to review")
    assert finished(child) == 0
    assert sorted(os.listdir(tmp_path / "log" / "2026")) == ["a.md"]
