"""Calendars in the shapes other projects' test suites hold (written here, nothing copied):
properties that come twice or not at all, THISANDFUTURE overrides, two occurrences of a
series on one day, folds after blank lines, values icalendar cannot read, recurrences too
frequent to expand. Every problem is named at its line, in the file's own words, and every
other event of the file is still imported (docs/capture.md)."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlog.capture.ics import occurrences, read_calendar, set_aside_broken

from test_capture_ics import CONFIG, PEOPLE, drafts, fm

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-30"
JANE = "ATTENDEE;CN=Jane Doe:mailto:jane.doe@example.com"


@pytest.fixture
def log(project):
    return project(dict(PEOPLE), config=CONFIG)


def calendar(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", *lines, "END:VCALENDAR"]) + "\r\n"


def event(uid: str, start: str, *more: str) -> list[str]:
    return ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTART:{start}", f"SUMMARY:{uid}", JANE, *more, "END:VEVENT"]


def imported(run, tmp_path, text: str, *args: str):
    path = tmp_path / "cal.ics"
    path.write_bytes(text.encode("utf-8"))
    return run("import", "ics", str(path), "--today", TODAY, *args)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = text.split("\r\n")
    hits = [n for n, line in enumerate(lines, 1) if line.startswith(needle)]
    return hits[nth - 1]


# --------------------------------------------------------------------------- 1. a property twice


FIJI_ZONE = ["BEGIN:VTIMEZONE", "TZID:custom_Pacific/Fiji", "BEGIN:STANDARD", "DTSTART:19700101T000000",
             "TZOFFSETFROM:+1200", "TZOFFSETTO:+1200", "END:STANDARD", "END:VTIMEZONE"]


@pytest.mark.parametrize("shape", ["zone first", "zone after the event (a forward reference)", "no zone"])
@pytest.mark.parametrize("twice", ["DTSTART", "UID", "RECURRENCE-ID", "SUMMARY", "ORGANIZER", "STATUS"])
def test_a_property_an_event_has_once_given_twice_leaves_out_that_event_alone(log, run, tmp_path, shape, twice):
    zone = ";TZID=custom_Pacific/Fiji" if shape != "no zone" else ""
    first = {"DTSTART": f"DTSTART{zone}:20261110T080000", "UID": "UID:second-uid",
             "RECURRENCE-ID": "RECURRENCE-ID:20261110T080000", "SUMMARY": "SUMMARY:one",
             "ORGANIZER": "ORGANIZER;CN=Sam Lee:mailto:sam@example.net", "STATUS": "STATUS:CONFIRMED"}[twice]
    second = {"DTSTART": f"DTSTART{zone}:20261110T100000", "UID": "UID:third-uid",
              "RECURRENCE-ID": "RECURRENCE-ID:20261111T080000", "SUMMARY": "SUMMARY:other",
              "ORGANIZER": "ORGANIZER;CN=Ana Ruiz:mailto:ana@old.example", "STATUS": "STATUS:TENTATIVE"}[twice]
    if twice == "UID":
        first = "UID:twice@x"
    own = {"UID": "UID:twice@x", "DTSTART": f"DTSTART{zone}:20261110T080000", "SUMMARY": "SUMMARY:bad"}
    own.pop(twice, None)  # the event's own line of that property is the first
    bad = ["BEGIN:VEVENT", *own.values(), JANE, first, second, "END:VEVENT"]
    good = event("fine@x", "20261112T100000Z")
    lines = (FIJI_ZONE if shape == "zone first" else []) + bad + good + (FIJI_ZONE if "after" in shape else [])
    text = calendar(*lines)
    result = imported(run, tmp_path, text)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    stated = second.split(":", 1)[1]
    warning = result.stderr.strip()
    assert warning.startswith(f"cal.ics:{line_of(text, second)}: warning: event 'twice@x' left out: it has 2 {twice} "
                              "lines"), warning
    assert repr(stated) in warning and warning.endswith("an event has one")
    assert [fm(t)["source"] for t in drafts(log).values()] == ["ics:fine@x"]


def test_the_same_line_twice_is_read_once(log, run, tmp_path):
    text = calendar(*event("dup@x", "20261110T080000Z", "DTSTART:20261110T080000Z", "SUMMARY:dup@x"))
    result = imported(run, tmp_path, text)
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert [fm(t)["source"] for t in drafts(log).values()] == ["ics:dup@x"]


@pytest.mark.parametrize("name, line", [("X-WR-TIMEZONE", "X-WR-TIMEZONE:Europe/Paris"), ("METHOD", "METHOD:CANCEL")])
def test_a_calendar_property_given_twice_is_one_error_at_its_second_line(log, run, tmp_path, name, line):
    other = line.replace("Europe/Paris", "Asia/Tokyo").replace("CANCEL", "PUBLISH")
    text = calendar(line, other, *event("a@x", "20261110T080000Z"))
    result = imported(run, tmp_path, text)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.strip() == f"Error: {tmp_path / 'cal.ics'}:5: the calendar has 2 {name} lines; it has one"


def test_an_event_without_uid_is_named_at_its_own_line(log, run, tmp_path):
    text = calendar(*event("ok@x", "20261110T080000Z"),
                    "BEGIN:VEVENT", "DTSTART:20261111T080000Z", "EXDATE:", "END:VEVENT")
    result = imported(run, tmp_path, text)
    assert result.stderr.strip() == f"cal.ics:{line_of(text, 'EXDATE')}: warning: an event without UID left out: " \
                                    "EXDATE '' cannot be read"


# --------------------------------------------------------------------------- 2. occurrences not drafted


def weekly_one_to_one(override: str) -> str:
    return calendar("BEGIN:VEVENT", "UID:1on1@x", "DTSTART:20261005T100000Z", "RRULE:FREQ=WEEKLY;COUNT=8",
                    "SUMMARY:1:1", JANE, "END:VEVENT",
                    "BEGIN:VEVENT", "UID:1on1@x", override, "DTSTART:20261019T110000Z", "SUMMARY:1:1 later", JANE,
                    "END:VEVENT")


@pytest.mark.parametrize("override", ["RECURRENCE-ID;RANGE=THISANDFUTURE:20261019T100000Z",
                                      "RECURRENCE-ID;RANGE=thisandfuture:20261019T100000Z"])
def test_every_occurrence_after_a_thisandfuture_override_is_drafted_once(log, run, tmp_path, override):
    text = weekly_one_to_one(override)
    result = imported(run, tmp_path, text, "--since", "2026-10-01")
    assert result.exit_code == 0 and result.stderr == "", result.output
    got = sorted((fm(t)["date"].isoformat(), fm(t)["source"]) for t in drafts(log).values())
    days = ["2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16",
            "2026-11-23"]
    assert got == [(d, f"ics:1on1@x@{d}") for d in days]  # the original dates: the override moved the time only
    again = imported(run, tmp_path, text, "--since", "2026-10-01")
    assert "0 drafted, 8 skipped" in again.stdout and len(drafts(log)) == 8


def test_a_thisandfuture_override_that_moves_the_day_keeps_the_original_dates(log, run, tmp_path):
    text = calendar("BEGIN:VEVENT", "UID:m@x", "DTSTART:20261005T100000Z", "RRULE:FREQ=WEEKLY;COUNT=4", JANE,
                    "END:VEVENT", "BEGIN:VEVENT", "UID:m@x", "RECURRENCE-ID;RANGE=THISANDFUTURE:20261012T100000Z",
                    "DTSTART:20261013T100000Z", JANE, "END:VEVENT")
    result = imported(run, tmp_path, text, "--since", "2026-10-01")
    assert result.exit_code == 0, result.output
    got = sorted((fm(t)["date"].isoformat(), fm(t)["source"]) for t in drafts(log).values())
    assert got == [("2026-10-05", "ics:m@x@2026-10-05"), ("2026-10-13", "ics:m@x@2026-10-12"),
                   ("2026-10-20", "ics:m@x@2026-10-19"), ("2026-10-27", "ics:m@x@2026-10-26")]


@pytest.mark.parametrize("extra, second", [
    ("RDATE:20261105T150000Z", "2026-11-05T15:00"),             # an extra date on a day the rule has
    ("RDATE:20261105T080000Z", "2026-11-05T10:00"),             # one before the rule's: the first keeps @date
    ("RDATE:20261105T153015Z", "2026-11-05T15:30:15")])         # seconds, when it has them
def test_two_occurrences_of_a_series_on_one_day_each_get_a_draft_and_their_own_source(log, run, tmp_path,
                                                                                     extra, second):
    text = calendar("BEGIN:VEVENT", "UID:d@x", "DTSTART:20261104T100000Z", "RRULE:FREQ=DAILY;COUNT=3", extra,
                    "SUMMARY:standup", JANE, "END:VEVENT")
    result = imported(run, tmp_path, text)
    assert result.exit_code == 0 and result.stderr == "", result.output
    sources = sorted(fm(t)["source"] for t in drafts(log).values())
    assert sources == sorted(["ics:d@x@2026-11-04", "ics:d@x@2026-11-05", f"ics:d@x@{second}", "ics:d@x@2026-11-06"])
    assert "already imported" not in result.stdout
    assert "0 drafted" in imported(run, tmp_path, text).stdout  # and a second import finds every one


def test_an_occurrence_is_skipped_only_when_its_own_source_is_in_the_log(log, run, tmp_path):
    text = calendar("BEGIN:VEVENT", "UID:d@x", "DTSTART:20261104T100000Z", "RRULE:FREQ=DAILY;COUNT=2",
                    "RDATE:20261104T150000Z", JANE, "END:VEVENT")
    (log / "log" / "_drafts").mkdir()
    (log / "log" / "_drafts" / "kept.md").write_text("---\ndate: 2026-11-04\nkind: meeting\nwith: Jane Doe\n"
                                                     "source: ics:d@x@2026-11-04\n---\n", encoding="utf-8")
    result = imported(run, tmp_path, text)
    assert "2 drafted, 1 skipped" in result.stdout, result.output
    assert "already imported (ics:d@x@2026-11-04)" in result.stdout
    assert sorted(fm(t)["source"] for n, t in drafts(log).items() if n != "kept.md") == [
        "ics:d@x@2026-11-04T15:00", "ics:d@x@2026-11-05"]


def test_the_source_forms_are_documented():
    capture = (ROOT / "docs" / "capture.md").read_text(encoding="utf-8")
    fmt = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for page in (capture, fmt):
        assert "ics:<UID>@<date>T<HH:MM>" in page


# --------------------------------------------------------------------------- 3. the pre-filter


@pytest.mark.parametrize("folded", [
    ["DTEND:20261110T090000Z", "", " X"],                  # a dropped property folded after a blank line
    ["X-ALT-DESC;FMTTYPE=text/html:<p>", "", " more</p>"],  # a vendor property
    ["SUMMARY:a long", "", "  title"],                     # a kept one
    ["UID:folded-", "", " uid@x"],                          # the UID itself
    ["DESCRIPTION:a", "", "", "\t b"],                      # two blank lines, a tab
])
def test_a_fold_after_a_blank_line_is_read_the_same_trimmed_or_not(folded):
    lines = ["BEGIN:VEVENT", "DTSTART:20261110T080000Z", *folded, JANE, "END:VEVENT"]
    if not any(line.startswith("UID") for line in folded):
        lines.insert(1, "UID:x@x")
    text = calendar(*lines, *event("other@x", "20200101T080000Z")).encode()
    since, until = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    full, problems = read_calendar(text, "c.ics")
    trimmed, problems2 = read_calendar(text, "c.ics", since, until)
    assert problems == problems2 == []
    assert set_aside_broken(trimmed, "c.ics", text.decode()) == []
    got = occurrences(trimmed, since, until, "c.ics")
    assert got == occurrences(full, since, until, "c.ics") and len(got[0]) == 1


@pytest.mark.parametrize("separator", ["\u2028", "\x0b", "\x0c", "\x85", "\x1c"])
def test_a_line_separator_inside_a_value_does_not_cut_the_line(separator):
    text = calendar("BEGIN:VEVENT", "UID:s@x", "DTSTART:20261110T080000Z", f"SUMMARY:one{separator} DTEND two",
                    JANE, "END:VEVENT").encode()
    since, until = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    full, _ = read_calendar(text, "c.ics")
    trimmed, _ = read_calendar(text, "c.ics", since, until)
    found = occurrences(trimmed, since, until)[0]
    assert found == occurrences(full, since, until)[0] and found[0].summary == f"one{separator} DTEND two"


# --------------------------------------------------------------------------- 4. in the file's words


@pytest.mark.parametrize("lines, at, words", [
    (["IMAGE;ENCODING=BASE64;VALUE=BINARY:!!!not base64"], "IMAGE", "IMAGE value '!!!not base64' cannot be read"),
    (["BEGIN:VTIMEZONE", "TZID:Europe/Prague", "BEGIN:STANDARD", "DTSTART:18500101T000000", "TZOFFSETFROM:+5744",
      "TZOFFSETTO:+5744", "END:STANDARD", "END:VTIMEZONE"], "TZOFFSETFROM", "TZOFFSETFROM value '+5744' cannot be read"),
    (["X"], "X", "line 'X' is not a content line (NAME:VALUE)"),
    (["END:VCALENDAR"], "END:VCALENDAR", "'END:VCALENDAR' ends a component that was never begun"),
])
def test_a_value_icalendar_cannot_read_is_named_at_its_line_in_the_files_words(log, run, tmp_path, lines, at, words):
    text = calendar(*event("a@x", "20261110T080000Z"), *lines)
    result = imported(run, tmp_path, text)
    assert result.exit_code == 1 and drafts(log) == {}
    at = line_of(text, at, 2 if at == "END:VCALENDAR" else 1)  # the second END:VCALENDAR
    assert result.stderr.strip() == (f"Error: {tmp_path / 'cal.ics'}:{at}: not a readable iCalendar "
                                     f"file: {words}")
    for library_words in ("Not valid base 64", "Offset must be", "Content line could not", "without an accompanying"):
        assert library_words not in result.stderr


@pytest.mark.parametrize("rdate", ["RDATE;VALUE=TIME:083000", "RDATE;VALUE=TIME:133000Z"])
def test_an_rdate_of_times_of_day_is_left_out_in_the_files_words_not_pythons(log, run, tmp_path, rdate):
    text = calendar(*event("t@x", "20261110T080000Z", rdate), *event("ok@x", "20261111T080000Z"))
    result = imported(run, tmp_path, text)
    assert result.exit_code == 0
    value = rdate.split(":", 1)[1]
    assert result.stderr.strip() == (f"cal.ics:{line_of(text, 'RDATE')}: warning: event 't@x' left out: "
                                     f"RDATE {value!r} is not a list of dates or date-times")
    assert "not supported between" not in result.output
    assert [fm(t)["source"] for t in drafts(log).values()] == ["ics:ok@x"]


def skip_reasons_of_a_plan() -> set[str]:
    """Every reason plan() gives, found by running it on occurrences made to hit each."""
    from netlog.capture.ics import Attendee, Occurrence, plan
    from netlog.kinds import merge_kinds
    from netlog.people import PeopleIndex

    def occurrence(source, attendees, cancelled=False):
        return Occurrence("u", dt.date(2026, 11, 2), source, "s", None, None, cancelled, attendees)

    stranger = Attendee("x@example.com", None)
    found = [occurrence("ics:a", (stranger,)), occurrence("ics:a", (stranger,)), occurrence("ics:b", (), True),
             occurrence("ics:c", (Attendee("me@example.org", "Me", "DECLINED"),)),
             occurrence("ics:e", ()), occurrence("ics:f", (Attendee("me@example.org", "Me", "ACCEPTED"),))]
    reasons = set()
    for unknown in (False, True):
        p = plan(found, PeopleIndex(), {"me@example.org"}, merge_kinds({}), {"ics:e"}, unknown_as_refs=unknown)
        reasons |= {re.sub(r" \([^()]*\)$", "", s.reason) for s in p.skips}
    return reasons


def test_every_skip_reason_is_in_the_docs():
    reasons = skip_reasons_of_a_plan()
    assert reasons == {"already imported", "the same occurrence again in this file", "cancelled", "you declined it",
                       "no known person", "no attendee has a name (CN) to use as a ref", "no attendees but you"}
    capture = " ".join((ROOT / "docs" / "capture.md").read_text(encoding="utf-8").split())  # as one line
    for reason in reasons:
        assert f'"{reason}"' in capture, reason


# --------------------------------------------------------------------------- 6. bounded expansion


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=MINUTELY;INTERVAL=1", "FREQ=HOURLY;BYMINUTE=" +
                                  ",".join(map(str, range(60))) + ";BYSECOND=" + ",".join(map(str, range(60))),
                                  "FREQ=DAILY;BYHOUR=" + ",".join(map(str, range(24))) + ";BYMINUTE=" +
                                  ",".join(map(str, range(60)))])
def test_a_recurrence_too_frequent_to_expand_is_left_out_quickly(log, run, tmp_path, rule):
    text = calendar(*event("often@x", "20260101T080000Z", f"RRULE:{rule}"), *event("ok@x", "20261111T080000Z"))
    started = time.process_time()
    result = imported(run, tmp_path, text)
    assert time.process_time() - started < 20  # a generous bound: unbounded, this took minutes and gigabytes
    assert result.exit_code == 0, result.output
    warning = result.stderr.strip()
    assert warning.startswith(f"cal.ics:{line_of(text, 'RRULE')}: warning: event 'often@x' left out: RRULE {rule!r} "
                              "repeats too often to expand"), warning
    assert [fm(t)["source"] for t in drafts(log).values()] == ["ics:ok@x"]


@pytest.mark.parametrize("rule, count", [("FREQ=HOURLY;COUNT=30", 30), ("FREQ=MINUTELY;COUNT=5", 5),
                                         ("FREQ=DAILY", 30)])
def test_a_frequent_recurrence_within_the_bound_is_expanded(log, run, tmp_path, rule, count):
    text = calendar(*event("r@x", "19500101T080000Z" if rule == "FREQ=DAILY" else "20261110T080000Z",
                           f"RRULE:{rule}"))
    result = imported(run, tmp_path, text, "--since", "2026-11-01")
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert f"{count} drafted" in result.stdout


@pytest.mark.parametrize("attendees", [10_000, 6_000])
def test_a_meeting_too_big_to_draft_is_skipped_with_a_word_not_written_to_fail_check(log, run, tmp_path, attendees):
    people = [f"ATTENDEE;CN=Person {n}:mailto:p{n}@example.com" for n in range(attendees)]
    text = calendar(*event("all@x", "20261110T100000Z", *people), *event("ok@x", "20261111T080000Z"))
    result = imported(run, tmp_path, text, "--all")
    assert result.exit_code == 0, result.output[-500:]
    assert re.search(r"skipped  2026-11-10 all@x: its draft's front matter would be \d+ KiB \(\d+ people in with\); "
                     r"netlog reads at most 64 KiB", result.stdout)
    assert [fm(t)["source"] for t in drafts(log).values()] == ["ics:ok@x"]
    assert "1 drafted, 1 skipped" in result.stdout
    assert "1 pass check, 0 fail" in run("drafts").stdout


def test_a_big_meeting_that_fits_is_drafted_and_passes_check(log, run, tmp_path):
    people = [f"ATTENDEE;CN=Person {n}:mailto:p{n}@example.com" for n in range(300)]
    result = imported(run, tmp_path, calendar(*event("big@x", "20261110T100000Z", *people)), "--all")
    assert "1 drafted" in result.stdout
    assert "1 pass check, 0 fail" in run("drafts").stdout


# --------------------------------------------------------------------------- any line twice or not at all


def _pipeline(data: bytes, since, until):
    """The import's reading stages, as the command runs them: no exception may escape."""
    from netlog.capture.ics import unknown_zones

    cal, problems = read_calendar(data, "c.ics", since, until)
    if cal is None:
        return None, problems
    text = data.decode("utf-8", errors="replace")
    problems += set_aside_broken(cal, "c.ics", text, until) + unknown_zones(cal, "c.ics", text)
    found, more = occurrences(cal, since, until, "c.ics", text)
    return found, problems + more


_FIXTURES = {name: (ROOT / "tests" / "fixtures" / "ics" / name).read_text(encoding="utf-8")
             for name in ("google.ics", "outlook.ics", "apple.ics", "recurring.ics")}


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(sorted(_FIXTURES)), st.integers(0, 10_000), st.sampled_from(["twice", "changed", "dropped"]))
def test_any_line_of_an_event_twice_or_not_at_all_leaves_out_that_event_at_most(name, pick, how):
    lines = _FIXTURES[name].split("\n")
    inside, depth = [], 0
    for n, line in enumerate(lines):
        head = line.strip().upper()
        if head == "BEGIN:VEVENT":
            depth += 1
        elif head == "END:VEVENT":
            depth -= 1
        elif depth and line[:1] not in (" ", "\t") and ":" in line:
            inside.append(n)
    n = inside[pick % len(inside)]
    line = lines[n]
    if how == "dropped":
        changed = lines[:n] + lines[n + 1:]
    else:
        other = line if how == "twice" else re.sub(r"\d", lambda m: str((int(m[0]) + 1) % 10), line, count=3) + "x"
        changed = lines[:n + 1] + [other] + lines[n + 1:]
    data = "\n".join(changed).encode()
    since, until = dt.date(2026, 9, 1), dt.date(2026, 11, 30)
    whole, _ = _pipeline(_FIXTURES[name].encode(), since, until)
    found, problems = _pipeline(data, since, until)
    assert found is not None, problems
    total = len(changed) + 1
    for p in problems:
        assert 1 <= p.line <= total and "Traceback" not in p.message
        assert "object has no attribute" not in p.message and "not supported between" not in p.message
    # every event untouched by the change still gives its occurrences
    touched = {o.uid for o in whole} - {o.uid for o in found}
    assert len(touched) <= 1
