"""Birthdays (source 7), snoozing and the `self` group (docs/format.md §3, §5, §6), on inline logs."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from helpers import entry, load_files, person
from netlog import audit, followups, serendipity

D = dt.date


def load(tmp_path, files):
    log, problems = load_files(tmp_path, files)
    assert [p for p in problems if p.severity == "error"] == []
    return log


def birthday_items(log, today):
    return [(i.due.isoformat(), i.person, i.action, i.entry)
            for i in followups.compute(log, today) if i.source == "birthday"]


# --------------------------------------------------------------------------- birthdays


@pytest.mark.parametrize("today, due", [
    ("2026-03-10", "2026-03-14"),  # before the day: the coming birthday
    ("2026-03-14", "2026-03-14"),  # on the day
    ("2026-03-21", "2026-03-14"),  # 7 days after, no entry: still due (overdue)
    ("2026-03-22", "2027-03-14"),  # 8 days after: past the grace, the next one
])
def test_birthday_due_within_and_past_the_grace(tmp_path, today, due):
    log = load(tmp_path, {"people/ann-lee.md": person("Ann Lee", birthday="03-14")})
    assert birthday_items(log, D.fromisoformat(today)) == [
        (due, "ann-lee", "Wish Ann Lee a happy birthday", None)]


@pytest.mark.parametrize("when, due", [("2026-03-14", "2027-03-14"),  # on the day: closed
                                        ("2026-03-16", "2027-03-14"),  # after it: closed
                                        ("2026-03-13", "2026-03-14")])  # the day before: does not close
def test_birthday_closed_by_an_entry_from_the_day_on(tmp_path, when, due):
    log = load(tmp_path, {"people/ann-lee.md": person("Ann Lee", birthday="1990-03-14"),
                          "2026/a.md": entry(when, "message", "Ann Lee")})
    assert birthday_items(log, D(2026, 3, 17)) == [(due, "ann-lee", "Wish Ann Lee a happy birthday", None)]


@pytest.mark.parametrize("today, due", [
    ("2027-02-20", "2027-02-28"),  # a common year: 28 February
    ("2027-03-01", "2027-02-28"),  # ... and the grace counts from there
    ("2028-02-20", "2028-02-29"),  # a leap year: the day itself
    ("2028-03-08", "2029-02-28"),  # 8 days after 29 Feb 2028: next year's 28 February
])
def test_birthday_on_29_february(tmp_path, today, due):
    log = load(tmp_path, {"people/leo-day.md": person("Leo Day", birthday="02-29")})
    assert [d for d, *_ in birthday_items(log, D.fromisoformat(today))] == [due]


def test_a_self_entry_does_not_close_a_birthday(tmp_path):
    log = load(tmp_path, {"people/ann-lee.md": person("Ann Lee", birthday="03-14"),
                          "2026/r.md": entry("2026-03-15", "review", "Ann Lee")})
    assert [d for d, *_ in birthday_items(log, D(2026, 3, 16))] == ["2026-03-14"]


@pytest.mark.parametrize("value", ["13-01", "02-30", "1990-02-29", "3-14", "March 14", "0314", "[03, 14]"])
def test_a_bad_birthday_is_an_error_at_its_line(tmp_path, value):
    _log, problems = load_files(tmp_path, {"people/ann-lee.md": f"---\nname: Ann Lee\nbirthday: {value}\n---\n"})
    assert [(p.path, p.line, p.severity, p.code) for p in problems] == [
        ("people/ann-lee.md", 3, "error", "bad-birthday")]


@pytest.mark.parametrize("where, value", [("people/ann-lee.md", "next week"), ("2026/a.md", "2026-02-30")])
def test_a_bad_snooze_is_an_error_at_its_line(tmp_path, where, value):
    files = {"people/ann-lee.md": person("Ann Lee", snooze=value) if where.startswith("people") else person("Ann Lee"),
             "2026/a.md": entry("2026-03-01", "coffee", "Ann Lee", **({"snooze": value} if "2026" in where else {}))}
    line = files[where].split("\n").index(f"snooze: {value}") + 1
    _log, problems = load_files(tmp_path, files)
    assert [(p.path, p.line, p.code) for p in problems] == [(where, line, "bad-date")]
    assert "'snooze'" in problems[0].message


# --------------------------------------------------------------------------- snoozing


SNOOZE_LOG = {
    "people/ann-lee.md": person("Ann Lee", cadence="1m"),
    "people/bo-park.md": person("Bo Park"),
    "2026/interview.md": entry("2026-03-01", "interview", "Ann Lee", via="[Bo Park]"),
}


def items_of(log, today):
    return [(i.due.isoformat(), i.status, i.person, i.source, i.snoozed_from and i.snoozed_from.isoformat())
            for i in followups.compute(log, today) if i.source != "visibility"]


def test_no_snooze_moves_nothing(tmp_path):
    log = load(tmp_path, SNOOZE_LOG)
    assert items_of(log, D(2026, 3, 5)) == [
        ("2026-03-02", "overdue", "ann-lee", "rule", None),
        ("2026-03-04", "overdue", "bo-park", "thanks", None),
        ("2026-04-01", "later", "ann-lee", "cadence", None)]


def test_an_entry_snooze_moves_its_items_only(tmp_path):
    files = dict(SNOOZE_LOG)
    files["2026/interview.md"] = entry("2026-03-01", "interview", "Ann Lee", via="[Bo Park]", snooze="2026-03-06")
    log = load(tmp_path, files)
    assert items_of(log, D(2026, 3, 5)) == [
        ("2026-03-06", "upcoming", "ann-lee", "rule", "2026-03-02"),
        ("2026-03-06", "upcoming", "bo-park", "thanks", "2026-03-04"),
        ("2026-04-01", "later", "ann-lee", "cadence", None)]  # a cadence item has no entry


def test_a_person_snooze_moves_every_item_of_theirs(tmp_path):
    files = dict(SNOOZE_LOG)
    files["people/ann-lee.md"] = person("Ann Lee", cadence="1m", snooze="2026-03-20")
    log = load(tmp_path, files)
    assert items_of(log, D(2026, 3, 5)) == [
        ("2026-03-04", "overdue", "bo-park", "thanks", None),
        ("2026-03-20", "later", "ann-lee", "rule", "2026-03-02"),
        ("2026-04-01", "later", "ann-lee", "cadence", None)]  # due after the snooze: unchanged


def test_entry_and_person_snooze_combined_take_the_latest(tmp_path):
    files = dict(SNOOZE_LOG)
    files["people/ann-lee.md"] = person("Ann Lee", snooze="2026-03-08")
    files["2026/interview.md"] = entry("2026-03-01", "interview", "Ann Lee", via="[Bo Park]", snooze="2026-03-10")
    files["people/bo-park.md"] = person("Bo Park", snooze="2026-03-12")
    log = load(tmp_path, files)
    assert items_of(log, D(2026, 3, 5)) == [
        ("2026-03-10", "upcoming", "ann-lee", "rule", "2026-03-02"),
        ("2026-03-12", "upcoming", "bo-park", "thanks", "2026-03-04")]


def test_an_inert_snooze_changes_nothing_and_a_past_one_still_moves(tmp_path):
    files = dict(SNOOZE_LOG)
    files["2026/interview.md"] = entry("2026-03-01", "interview", "Ann Lee", via="[Bo Park]", snooze="2026-03-03")
    log = load(tmp_path, files)
    # the rule item was due 03-02: the past snooze moves it to 03-03 (still overdue); the thanks
    # item, due 03-04, is after the snooze: untouched
    assert items_of(log, D(2026, 3, 5)) == [
        ("2026-03-03", "overdue", "ann-lee", "rule", "2026-03-02"),
        ("2026-03-04", "overdue", "bo-park", "thanks", None),
        ("2026-04-01", "later", "ann-lee", "cadence", None)]


def test_snoozing_closes_nothing_and_a_snoozed_birthday_moves(tmp_path):
    log = load(tmp_path, {"people/ann-lee.md": person("Ann Lee", birthday="03-14", snooze="2026-03-16")})
    [item] = [i for i in followups.compute(log, D(2026, 3, 15)) if i.source == "birthday"]
    assert (item.due, item.snoozed_from, item.status) == (D(2026, 3, 16), D(2026, 3, 14), "upcoming")


def test_due_json_text_and_ics_show_the_snooze(project, run):
    files = {f"log/{k}": v for k, v in SNOOZE_LOG.items()}
    files["log/2026/interview.md"] = entry("2026-03-01", "interview", "Ann Lee", via="[Bo Park]", snooze="2026-03-06")
    project(files)
    result = run("due", "--today", "2026-03-05", "--format", "json")
    data = json.loads(result.stdout)["items"]
    # (the showcase item is due 30 days after the first entry: later, not listed; docs/format.md §6)
    assert [(i["due"], i["source"], i["snoozed_from"]) for i in data] == [
        ("2026-03-06", "rule", "2026-03-02"), ("2026-03-06", "thanks", "2026-03-04")]
    text = run("due", "--today", "2026-03-05").stdout
    assert ("2026-03-06  upcoming  Ann Lee  Send a thank-you note  (after 2026/interview.md) "
            "(snoozed from 2026-03-02)") in text
    ics = run("due", "--today", "2026-03-05", "--format", "ics").stdout
    assert "Snoozed from: 2026-03-02" in ics.replace("\r\n ", "").replace("\\n", "\n")


# --------------------------------------------------------------------------- the self group


SELF_LOG = {
    "people/ann-lee.md": person("Ann Lee", cadence="1m"),
    "people/bo-park.md": person("Bo Park"),
    "2026/a.md": entry("2026-01-10", "interview", "Ann Lee"),
    "2026/b.md": entry("2026-01-12", "coffee", ["Ann Lee", "Bo Park"]),
    "2026/review.md": entry("2026-03-02", "review", ["Ann Lee", "Bo Park"]),
    "2026/alone.md": entry("2026-03-03", "review"),
}


def test_a_self_entry_needs_no_with_and_is_no_error(tmp_path):
    _log, problems = load_files(tmp_path, SELF_LOG)
    assert problems == []


def test_a_self_entry_is_nobodys_contact_and_closes_nothing(tmp_path):
    log = load(tmp_path, SELF_LOG)
    without = load(tmp_path / "w", {k: v for k, v in SELF_LOG.items() if "review" not in k and "alone" not in k})
    today = D(2026, 3, 10)
    assert followups.compute(log, today) == followups.compute(without, today)
    assert followups.Contacts(log, today).last == {"ann-lee": D(2026, 1, 12), "bo-park": D(2026, 1, 12)}
    s = audit.summaries(log, today, followups.compute(log, today))
    assert [e.path for e in s["ann-lee"].entries] == ["2026/a.md", "2026/b.md"]


def test_a_self_entry_counts_for_no_tie_streak_or_heatmap(tmp_path):
    log = load(tmp_path, SELF_LOG)
    without = load(tmp_path / "w", {k: v for k, v in SELF_LOG.items() if "review" not in k and "alone" not in k})
    today = D(2026, 3, 4)
    assert audit.streak(log, today) == audit.streak(without, today) == 0
    assert audit.heatmap_days(log, today)[1] == audit.heatmap_days(without, today)[1]
    assert serendipity.Ties.of(log, today).together == serendipity.Ties.of(without, today).together
    assert serendipity.known_directly(log, today) == serendipity.known_directly(without, today)
    assert serendipity.strengths(log, today) == serendipity.strengths(without, today)


# --------------------------------------------------------------------------- on the pages


def test_pages_show_birthdays_and_snoozes(tmp_path):
    from netlog.pages import build_pages

    files = dict(SNOOZE_LOG)
    files["people/ann-lee.md"] = person("Ann Lee", cadence="1m", birthday="03-08", snooze="2026-03-07")
    files["people/bo-park.md"] = person("Bo Park", birthday="1990-03-20")
    site = build_pages(load(tmp_path, files), D(2026, 3, 5))
    dashboard = site.pages["index.md"].markdown
    birthdays = dashboard.split("## Birthdays {#birthdays}", 1)[1].split("##", 1)[0]
    assert "Ann Lee" in birthdays and "in 3 days" in birthdays and "Bo Park" not in birthdays  # 15 days off
    assert "snoozed until 7 Mar (was due 2 Mar)" in dashboard
    ann = site.pages["people/ann-lee.md"].markdown
    assert "<dt>Birthday</dt> <dd>8 March</dd>" in ann and "<dt>Snoozed until</dt> <dd>7 Mar</dd>" in ann
    assert "<dt>Birthday</dt> <dd>20 March 1990</dd>" in site.pages["people/bo-park.md"].markdown
    assert "netlog done ann-lee --kind thank-you" in re.sub(r"<[^>]+>", "", ann)  # words in spans
    assert "## Birthdays" not in build_pages(load(tmp_path / "b", SNOOZE_LOG), D(2026, 3, 5)).pages["index.md"].markdown
