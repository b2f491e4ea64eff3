"""The writers that can race (netlog inbox, import ics, drafts --accept) and the inbox's
rewrite: one writer at a time (netlog/lock.py), every two-step move idempotent, nothing of
the inbox lost or widened (docs/format.md §12)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from netlog import lock

from helpers import child_env, entry
from test_capture_inbox import PEOPLE, TODAY, entries, fm

ROOT = Path(__file__).resolve().parent.parent
ICS = ROOT / "tests" / "fixtures" / "ics"


# --------------------------------------------------------------------------- the lock


def test_a_second_writer_waits_says_so_and_gives_up_with_one_line(project, run, monkeypatch):
    root = project({**PEOPLE, "log/_inbox.md": "today coffee with Jane Doe\n"})
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.0)
    with lock.held(str(root / "log"), "a test"):
        for args in (["inbox", "--today", TODAY], ["drafts", "--accept-all"],
                     ["import", "ics", str(ICS / "google.ics"), "--today", TODAY]):
            result = run(*args)
            assert result.exit_code == 1, (args, result.output)
            said = result.stderr.splitlines()
            assert said[0].startswith("netlog: another netlog command is writing to ") and "waits for it" in said[0]
            assert said[-1].startswith("Error: another netlog command is still writing to ")
            assert "Traceback" not in result.output
    assert entries(root) == {} and (root / "log/_inbox.md").read_text() == "today coffee with Jane Doe\n"
    assert run("inbox", "--today", TODAY).exit_code == 0  # released: the next one runs
    assert list(entries(root)) == ["2026/2026-11-30-coffee-jane-doe.md"]


def test_listing_drafts_takes_no_lock(project, run, monkeypatch):
    root = project(dict(PEOPLE))
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.0)
    with lock.held(str(root / "log"), "a test"):
        assert run("drafts").exit_code == 0


def test_the_lock_leaves_no_file_and_is_dropped_when_the_block_fails(tmp_path):
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(RuntimeError), lock.held(str(tmp_path), "x"):
        raise RuntimeError
    with lock.held(str(tmp_path), "x", wait=0):
        assert sorted(os.listdir(tmp_path)) == before


_RACE = textwrap.dedent("""\
    import sys
    from netlog.cli import main
    main(sys.argv[1:])
    """)


def _race(root: Path, *commands: list[str]) -> list[subprocess.CompletedProcess]:
    children = [subprocess.Popen([sys.executable, "-c", _RACE, *c], cwd=root, env=child_env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    return [subprocess.CompletedProcess(c.args, c.wait(), *c.communicate()) for c in children]


@pytest.mark.slow  # child processes at once
def test_two_inbox_runs_at_once_write_each_line_once(project):
    lines = [f"2026-11-{d:02d} coffee with Jane Doe: talk {d}" for d in range(1, 21)]
    root = project({**PEOPLE, "log/_inbox.md": "\n".join(lines) + "\n"})
    done = _race(root, ["inbox", "--today", TODAY], ["inbox", "--today", TODAY])
    assert [d.returncode for d in done] == [0, 0], [d.stderr for d in done]
    assert len(entries(root)) == 20
    assert (root / "log/_inbox.md").read_text() == ""


@pytest.mark.slow  # child processes at once
def test_two_accept_all_at_once_accept_each_draft_once(project):
    drafts = {f"log/_drafts/2026-11-{d:02d}-meeting-jane-doe.md":
              entry(f"2026-11-{d:02d}", "meeting", "Jane Doe", source=f"'ics:x@2026-11-{d:02d}'") for d in range(1, 21)}
    root = project({**PEOPLE, **drafts})
    done = _race(root, ["drafts", "--accept-all"], ["drafts", "--accept-all"])
    assert len(entries(root)) == 20, [d.stdout for d in done]
    assert not list((root / "log/_drafts").glob("*.md"))


@pytest.mark.slow  # child processes at once
def test_two_imports_at_once_draft_each_meeting_once(project):
    from test_capture_ics import CONFIG, PEOPLE as ICS_PEOPLE

    root = project(dict(ICS_PEOPLE), config=CONFIG)
    args = ["import", "ics", str(ICS / "google.ics"), "--today", "2026-11-30"]
    done = _race(root, args, args)
    assert [d.returncode for d in done] == [0, 0], [d.stderr for d in done]
    sources = [fm(p.read_text())["source"] for p in (root / "log/_drafts").glob("*.md")]
    assert sources and len(sources) == len(set(sources))


# --------------------------------------------------------------------------- accepting, twice or half


DRAFT = entry("2026-11-02", "meeting", "Jane Doe", title="Weekly", source="'ics:abc@2026-11-02'")


def test_an_accept_interrupted_after_writing_the_entry_does_not_duplicate_on_rerun(project, run):
    root = project({**PEOPLE, "log/_drafts/2026-11-02-meeting-jane-doe.md": DRAFT,
                    # the entry an interrupted accept wrote before it could remove the draft
                    "log/2026/2026-11-02-meeting-jane-doe.md": DRAFT})
    result = run("drafts", "--accept-all")
    assert result.exit_code == 0, result.output
    assert "the entry was already there: only the draft was removed" in result.stdout
    assert "1 accepted, 0 kept" in result.stdout
    assert list(entries(root)) == ["2026/2026-11-02-meeting-jane-doe.md"]
    assert not (root / "log/_drafts/2026-11-02-meeting-jane-doe.md").exists()


def test_an_entry_with_the_same_name_but_other_text_is_not_taken_for_the_draft(project, run):
    other = entry("2026-11-02", "meeting", "Jane Doe", title="Something else")
    root = project({**PEOPLE, "log/_drafts/2026-11-02-meeting-jane-doe.md": DRAFT,
                    "log/2026/2026-11-02-meeting-jane-doe.md": other})
    assert run("drafts", "--accept-all").exit_code == 0
    assert entries(root) == {"2026/2026-11-02-meeting-jane-doe.md": other,
                             "2026/2026-11-02-meeting-jane-doe-2.md": DRAFT}


@pytest.mark.parametrize("how", ["unlink fails", "draft vanished meanwhile"])
def test_a_draft_that_cannot_be_removed_is_not_accepted_and_a_rerun_adds_nothing(project, run, monkeypatch, how):
    root = project({**PEOPLE, "log/_drafts/2026-11-02-meeting-jane-doe.md": DRAFT})
    real = os.unlink
    draft = str(root / "log/_drafts/2026-11-02-meeting-jane-doe.md")

    def unlink(path, *a, **k):  # a read-only _drafts/ (root ignores the mode bits, so as the system would say)
        if str(path) == draft:
            if how == "unlink fails":
                raise PermissionError(13, "Permission denied", str(path))
            real(path)
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real(path, *a, **k)

    monkeypatch.setattr(os, "unlink", unlink)
    result = run("drafts", "--accept-all")
    if how == "unlink fails":
        assert result.exit_code == 1
        assert "Permission denied" in result.stderr and "nothing was accepted" in result.stderr
        assert "0 accepted, 1 kept" in result.stdout
        assert entries(root) == {}  # the entry made is taken back: the draft is the one copy
        monkeypatch.setattr(os, "unlink", real)
        for _ in range(2):  # and then once, however often it runs
            run("drafts", "--accept-all")
    else:
        assert result.exit_code == 0 and "1 accepted" in result.stdout
    assert list(entries(root)) == ["2026/2026-11-02-meeting-jane-doe.md"]


# --------------------------------------------------------------------------- the inbox file


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x1c", "\x1d", "\x1e"])
def test_a_line_separator_inside_an_inbox_line_does_not_cut_it(project, run, separator):
    root = project({**PEOPLE, "log/_inbox.md": f"today coffee with Jane Doe: GC{separator}role\n"})
    result = run("inbox", "--today", TODAY)
    assert result.exit_code == 0, result.output
    [text] = entries(root).values()
    assert fm(text)["with"] == ["Jane Doe"] and fm(text)["title"].startswith("GC")
    assert (root / "log/_inbox.md").read_text() == ""


def test_a_symlinked_inbox_stays_a_symlink_and_its_target_is_rewritten(project, run, tmp_path):
    synced = tmp_path / "Sync" / "inbox.md"
    synced.parent.mkdir()
    synced.write_text("today coffee with Jane Doe\nnot a line\n")
    root = project(dict(PEOPLE))
    (root / "log/_inbox.md").symlink_to(synced)
    result = run("inbox", "--today", TODAY)
    assert result.exit_code == 1  # "not a line" stays
    assert (root / "log/_inbox.md").is_symlink() and os.readlink(root / "log/_inbox.md") == str(synced)
    assert synced.read_text() == "not a line\n"
    assert not [p for p in synced.parent.iterdir() if p.name != "inbox.md"]  # no temporary file left
    (root / "log/_inbox.md").open("a").write("today call with Sam Lee\n")  # later lines are read
    run("inbox", "--today", TODAY)
    assert sorted(entries(root)) == ["2026/2026-11-30-call-sam-lee.md", "2026/2026-11-30-coffee-jane-doe.md"]


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_the_inbox_keeps_its_mode_and_its_byte_order_mark(project, run, mode, bom):
    root = project(dict(PEOPLE))
    inbox = root / "log/_inbox.md"
    inbox.write_bytes(bom + b"today coffee with Jane Doe\r\n# kept\r\n")
    inbox.chmod(mode)
    assert run("inbox", "--today", TODAY).exit_code == 0
    assert stat.S_IMODE(inbox.stat().st_mode) == mode
    assert inbox.read_bytes() == bom + b"# kept\r\n"


def test_lines_added_at_the_very_moment_of_the_swap_are_kept(project, run, monkeypatch):
    from netlog import safeio

    root = project({**PEOPLE, "log/_inbox.md": "today coffee with Jane Doe\n"})
    real, calls = safeio.exchange, []

    def late_sync(path, data):  # a phone appends a line between netlog's last read and its swap
        calls.append(path)
        if len(calls) <= 2:
            with open(path, "a") as fh:
                fh.write(f"today call with Sam Lee: late {len(calls)}\n")
        return real(path, data)

    monkeypatch.setattr(safeio, "exchange", late_sync)
    assert run("inbox", "--today", TODAY).exit_code == 0
    assert (root / "log/_inbox.md").read_text() == ("today call with Sam Lee: late 1\n"
                                                    "today call with Sam Lee: late 2\n")
    assert len(calls) == 3


@pytest.mark.parametrize("more", ["via Ana Ruiz", "#mentor", "+2w", "via Ana Ruiz #mentor +1m"])
def test_a_line_that_says_more_than_an_entry_is_written_not_dropped(project, run, more):
    root = project({**PEOPLE, "log/2026/mine.md": entry("2026-11-30", "coffee", "jane-doe", title="GC role"),
                    "log/_inbox.md": f"today coffee with Jane Doe: GC role {more}\n"})
    result = run("inbox", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "1 written, 0 already in the log" in result.stdout
    assert len(entries(root)) == 2


def test_an_identical_line_is_already_in_the_log(project, run):
    root = project({**PEOPLE, "log/_inbox.md": "today coffee with Jane Doe via Ana Ruiz: GC #mentor +2w\n"})
    assert "1 written" in run("inbox", "--today", TODAY).stdout
    (root / "log/_inbox.md").write_text("today coffee with Jane Doe via Ana Ruiz: GC #mentor +2w\n")
    assert "0 written, 1 already in the log" in run("inbox", "--today", TODAY).stdout
    assert len(entries(root)) == 1


@pytest.mark.parametrize("source", ["/dev/zero", "big"])
def test_an_endless_or_huge_inbox_is_one_clear_line(project, run, tmp_path, source):
    project(dict(PEOPLE))
    if source == "big":
        source = str(tmp_path / "big.md")
        Path(source).write_bytes(b"today coffee with Jane Doe\n" * 200_000)
    result = run("inbox", source, "--today", TODAY)
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("netlog reads inboxes of at most 4 MiB; split it into several files")
    assert "MemoryError" not in result.output and "Traceback" not in result.output


def test_a_filesystem_without_locks_runs_unlocked(project, run, monkeypatch):
    import fcntl

    def refuse(fd, how):
        raise OSError(errno.ENOLCK, "No locks available")

    root = project({**PEOPLE, "log/_inbox.md": "today coffee with Jane Doe\n"})
    monkeypatch.setattr(fcntl, "flock", refuse)
    assert run("inbox", "--today", TODAY).exit_code == 0
    assert list(entries(root)) == ["2026/2026-11-30-coffee-jane-doe.md"]
