"""The calendar's edges (docs/format.md §4): 0001-01-01 is a real day (a contact, a last
contact, inside windows that reach before it), 9999-12-31 is due like any other day, and a
link to a place that cannot be read is one problem on its path while check goes on."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from netlog.config import load_project
from netlog.followups import Contacts
from netlog.load import load_log
from netlog.serendipity import strengths

from helpers import entry, person

PEOPLE = {"log/people/jane-doe.md": person("Jane Doe"), "log/people/sam-lee.md": person("Sam Lee")}


def loaded(root):
    project, _ = load_project(str(root / "mkdocs.yml"))
    log, problems = load_log(project.docs_dir, project.options)
    return log


@pytest.mark.parametrize("today", ["0001-01-01", "0001-01-02", "0001-12-31", "0002-01-01"])
def test_an_entry_on_the_first_day_of_the_calendar_is_a_contact(project, today):
    root = project({**PEOPLE, "log/0001/a.md": entry("0001-01-01", "coffee", "Jane Doe")})
    log = loaded(root)
    day = dt.date.fromisoformat(today)
    assert Contacts(log, day).last == {"jane-doe": dt.date(1, 1, 1)}
    s = strengths(log, day)["jane-doe"]
    assert s.last == dt.date(1, 1, 1)
    assert s.n == (1 if day <= dt.date(1, 12, 31) else 0)  # inside the 365-day window while it covers it


def test_the_first_day_closes_items_and_is_last_contact_in_audit(project, run):
    project({**PEOPLE,
             "log/0001/a.md": entry("0001-01-01", "intro", "Jane Doe", via="Sam Lee"),
             "log/0001/b.md": entry("0001-01-01", "thank-you", "Sam Lee")})
    audit = run("audit", "--today", "0001-03-01")
    assert audit.exit_code == 0, audit.output
    never = audit.stdout.split("Never contacted", 1)[1].split("\n\n", 1)[0]
    assert "Jane Doe" not in never and "Sam Lee" not in never
    due = run("due", "--all", "--today", "0001-03-01")
    assert "thank Sam Lee" not in due.stdout.lower()  # the same-day thank-you closed it


@pytest.mark.parametrize("line", ["yesterday coffee with Jane Doe", "- yesterday call with Sam Lee: x"])
def test_yesterday_on_the_first_day_is_a_bad_line_not_a_crash(project, run, line):
    root = project({**PEOPLE, "log/_inbox.md": line + "\n"})
    result = run("inbox", "--today", "0001-01-01")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "log/_inbox.md:1: error: yesterday falls before 0001-01-01" in result.stderr
    assert (root / "log/_inbox.md").read_text() == line + "\n"


@pytest.mark.parametrize("today", ["0001-01-01", "0001-02-15", "9999-12-31"])
def test_importing_a_calendar_at_the_edges_of_the_calendar_works(project, run, tmp_path, today):
    project(dict(PEOPLE))
    cal = tmp_path / "c.ics"
    cal.write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:e@x\r\nDTSTART;VALUE=DATE:00010101\r\n"
                   "RRULE:FREQ=YEARLY\r\nATTENDEE;CN=Jane Doe:mailto:j@x.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = run("import", "ics", str(cal), "--today", today, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_a_due_date_clamped_to_the_last_day_is_due_on_it_and_the_docs_say_no_never():
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
    assert '"never"' not in text
    assert "is due\non that day like any other date" in text


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("target", ["dead process", "own exe", "outside"])
def test_a_link_to_a_place_that_cannot_be_read_is_one_problem_and_check_goes_on(project, run, tmp_path, target):
    root = project({**PEOPLE, "log/2026/a.md": entry("2026-01-02", "coffee", "Jane Doe")})
    link = root / "log" / "2026" / "link.md"
    path = {"dead process": f"/proc/{_dead_pid()}/exe", "own exe": f"/proc/{os.getpid()}/exe",
            "outside": str(tmp_path.parent)}[target]
    link.symlink_to(path)
    result = run("check")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "cannot read or write" not in result.output
    lines = [line for line in result.stderr.splitlines() + result.stdout.splitlines() if "link.md" in line]
    assert len(lines) == 1 and lines[0].startswith("log/2026/link.md:1: error: "), result.output
    assert "1 entry, 2 people: 1 error" in result.output  # the rest is checked
