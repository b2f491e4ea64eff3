"""The calendar feed's reminders (docs/format.md §16): alarms at the `alarm` time, overdue
items on today, UIDs that stay the same from day to day; read back with icalendar and with
recurring-ical-events, as a calendar client reads a subscribed feed."""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import pytest
import recurring_ical_events

from helpers import entry, load_files, person
from netlog import followups
from netlog.options import to_options, validate
from netlog.pages import build_pages

CONFIG = "site_name: Test log\ndocs_dir: log\nplugins:\n  - netlog:\n"
FILES = {
    "log/people/jane-doe.md": person("Jane Doe"),
    "log/people/frank-grey.md": person("Frank Grey", cadence="1m"),
    "log/people/ann-lee.md": person("Ann Lee"),
    "log/2026/01-talk.md": entry("2026-01-05", "talk", audience=30),
    "log/2026/02-coffee.md": entry("2026-01-10", "coffee", ["Frank Grey"]),  # cadence due 2026-02-10
    "log/2026/03-rejection.md": entry("2026-01-20", "rejection", ["Ann Lee"]),  # rule due 2026-01-22
    "log/2026/04-meal.md": entry("2026-02-02", "meal", ["Jane Doe"], follow_up="2026-02-04"),
}


def feed(run, today: str, *extra) -> icalendar.Calendar:
    result = run("due", "--today", today, "--all", "--format", "ics", *extra)
    assert result.exit_code == 0, result.output
    return icalendar.Calendar.from_ical(result.stdout_bytes)


def by_summary(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["SUMMARY"]): e for e in cal.events}


RULE = "Send a thank-you and ask where they saw gaps in your skills (Ann Lee)"
CADENCE = "Keep in touch (every 1m) (Frank Grey)"
MEAL = "Follow up: Meal with Jane Doe"  # the name is in the action already


def test_overdue_items_are_dated_today_and_say_since_when(project, run):
    project(dict(FILES), config=CONFIG + "      upcoming: 7d\n")
    events = by_summary(feed(run, "2026-02-04"))
    rule = events[RULE]
    assert rule.DTSTART == dt.date(2026, 2, 4)  # due 2026-01-22, overdue: shown today
    assert rule.DTEND == dt.date(2026, 2, 5)
    assert str(rule["DESCRIPTION"]).splitlines()[:2] == ["Person: Ann Lee", "Overdue since 2026-01-22"]
    assert "Status on 2026-02-04: overdue" in str(rule["DESCRIPTION"])
    # items not overdue keep their own date and say nothing of being overdue
    assert events[CADENCE].DTSTART == dt.date(2026, 2, 10)
    assert events[MEAL].DTSTART == dt.date(2026, 2, 4)
    assert "Overdue" not in str(events[MEAL]["DESCRIPTION"])
    assert "Overdue" not in str(events[CADENCE]["DESCRIPTION"])


def test_every_event_has_a_display_alarm_at_nine_on_its_day(project, run):
    project(dict(FILES), config=CONFIG + "      upcoming: 7d\n")
    cal = feed(run, "2026-02-04")
    assert len(cal.events) == 4
    for event in cal.events:
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        assert alarms[0]["ACTION"] == "DISPLAY"
        assert str(alarms[0]["DESCRIPTION"]) == str(event["SUMMARY"])
        # icalendar computes when the alarm rings: 09:00 on the day the event is shown
        times = [t.trigger for t in event.alarms.times]
        assert times == [dt.datetime.combine(event.DTSTART, dt.time(9, 0))]


@pytest.mark.parametrize(("written", "at"), [
    ('"07:45"', dt.time(7, 45)),
    ("'18:05'", dt.time(18, 5)),
    ("9:30", dt.time(9, 30)),  # YAML 1.1 reads it as 570 (base 60): taken as what was typed
    ("00:00", dt.time(0, 0)),
])
def test_the_alarm_option_sets_the_time_of_day(project, run, written, at):
    project(dict(FILES), config=CONFIG + f"      alarm: {written}\n")
    for event in feed(run, "2026-02-04").events:
        (alarm,) = event.walk("VALARM")
        assert alarm["TRIGGER"].dt == dt.timedelta(hours=at.hour, minutes=at.minute)
        assert alarm["TRIGGER"].params["RELATED"] == "START"
        if at != dt.time(0, 0):  # icalendar gives midnight as the bare date
            assert [t.trigger for t in event.alarms.times] == [dt.datetime.combine(event.DTSTART, at)]


def test_alarm_false_means_no_alarms(project, run):
    project(dict(FILES), config=CONFIG + "      alarm: false\n")
    cal = feed(run, "2026-02-04")
    assert len(cal.events) == 4
    assert cal.walk("VALARM") == []
    assert b"VALARM" not in cal.to_ical()


@pytest.mark.parametrize(("written", "message"), [
    ('"25:00"', "'25:00'"),
    ('"9h"', "'9h'"),
    ("2000", "2000"),
    ("[9]", "[9]"),
])
def test_a_bad_alarm_is_an_error_on_its_line(project, run, written, message):
    project({}, config=CONFIG + "      upcoming: 7d\n" + f"      alarm: {written}\n")
    result = run("check")
    assert result.stdout.splitlines() == [
        "mkdocs.yml:6: error: plugins: Plugin 'netlog' option 'alarm': expected a time of day HH:MM such as "
        f'"09:00" (quoted), or false for no reminders, got {message}']
    assert result.exit_code == 1


def test_digest_to_is_validated_and_kept_as_written():
    values, errors, _ = validate({"digest_to": "mailto:Me@Example.com"})
    assert errors == [] and values["digest_to"] == "Me@Example.com"
    assert to_options(None).digest_to is None
    _, errors, _ = validate({"digest_to": "me at example"})
    assert errors == [("digest_to", "expected an e-mail address such as me@example.com, got 'me at example'")]


def test_uids_do_not_depend_on_the_day_shown(project, run):
    project(dict(FILES), config=CONFIG)
    days = ["2026-02-03", "2026-02-04", "2026-02-05", "2026-02-20"]
    feeds = [by_summary(feed(run, d)) for d in days]
    # the overdue rule item moves from day to day, and keeps its UID
    assert [f[RULE].DTSTART for f in feeds] == [dt.date(2026, 2, 3), dt.date(2026, 2, 4), dt.date(2026, 2, 5),
                                                dt.date(2026, 2, 20)]
    assert len({str(f[RULE]["UID"]) for f in feeds}) == 1
    assert len({str(f[CADENCE]["UID"]) for f in feeds}) == 1
    # and every UID is different from every other item's
    for f in feeds:
        uids = [str(e["UID"]) for e in f.values()]
        assert len(uids) == len(set(uids))


def test_a_calendar_client_sees_overdue_items_today(project, run):
    """recurring-ical-events reads the feed as a client does: what falls on each day."""
    project(dict(FILES), config=CONFIG)
    result = run("due", "--today", "2026-02-04", "--all", "--format", "ics")
    cal = icalendar.Calendar.from_ical(result.stdout_bytes)
    reader = recurring_ical_events.of(cal)
    today = sorted(str(e["SUMMARY"]) for e in reader.at(dt.date(2026, 2, 4)))
    assert today == sorted([RULE, MEAL, "Showcase your work: give a talk, volunteer, circulate takeaways"])
    assert [str(e["SUMMARY"]) for e in reader.at(dt.date(2026, 1, 22))] == []  # not on the past due date
    assert [str(e["SUMMARY"]) for e in reader.at(dt.date(2026, 2, 10))] == [CADENCE]
    # each occurrence keeps its alarm
    for e in reader.between(dt.date(2026, 2, 1), dt.date(2026, 3, 1)):
        assert [a["ACTION"] for a in e.walk("VALARM")] == ["DISPLAY"]


def test_the_sites_feed_has_the_same_alarms(tmp_path):
    log, problems = load_files(tmp_path, {k.removeprefix("log/"): v for k, v in FILES.items()},
                               to_options({**validate({"alarm": "08:15"})[0]}))
    assert problems == []
    today = dt.date(2026, 2, 4)
    site = build_pages(log, today)
    cal = icalendar.Calendar.from_ical(site.ics())
    assert len(cal.events) == len(followups.compute(log, today))
    for event in cal.events:
        assert [t.trigger for t in event.alarms.times] == [dt.datetime.combine(event.DTSTART, dt.time(8, 15))]
    rule = by_summary(cal)[RULE]
    assert rule.DTSTART == today and "Overdue since 2026-01-22" in str(rule["DESCRIPTION"])


def test_json_and_text_keep_the_real_due_date(project, run):
    """Only the calendar moves an overdue item to today; `due` text and JSON keep its due date."""
    project(dict(FILES), config=CONFIG)
    items = json.loads(run("due", "--today", "2026-02-04", "--format", "json").stdout)["items"]
    assert [i["due"] for i in items if i["source"] == "rule"] == ["2026-01-22"]


def test_the_feed_is_what_icalendar_writes_and_a_memo_changes_no_byte(tmp_path):
    """to_ics joins the events' own lines into the calendar's (netlog serve keeps them in a
    memo): the file is the one icalendar writes for a calendar holding those events, and the
    same with a memo kept over other days, alarms and items."""
    from netlog.feed import event_ics, to_ics

    log, problems = load_files(tmp_path, {k.removeprefix("log/"): v for k, v in FILES.items()},
                               to_options(validate({})[0]))
    assert problems == []
    memo: dict = {}
    for today, alarm_at in ((dt.date(2026, 2, 4), dt.time(9, 0)), (dt.date(2026, 2, 4), None),
                            (dt.date(2026, 3, 1), dt.time(9, 0)), (dt.date(2026, 2, 4), dt.time(9, 0))):
        items = followups.compute(log, today)
        for subset in (items, items[1:], items):
            plain = to_ics(subset, today, alarm_at)
            assert to_ics(subset, today, alarm_at, memo=memo) == plain
            assert len(memo["ics"]) == len(subset)  # only the events of these items are kept
            cal = icalendar.Calendar.from_ical(plain)
            assert cal.to_ical() == plain  # what icalendar writes for the calendar it reads
            assert len(cal.events) == len(subset)
            assert [e.to_ical() for e in cal.events] == [event_ics(i, today, alarm_at) for i in subset]
