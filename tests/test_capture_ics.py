"""netlog import ics (docs/format.md §12): real export shapes -> drafts, idempotent.

The calendars in tests/fixtures/ics/ are hand-written in the shapes Google
Calendar, Outlook and Apple Calendar export (invented people and
addresses); docs/example.ics is the one the capture page shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from netlog.capture.ics import occurrences, read_calendar
from netlog.capture.writing import source_of
from netlog.people import email_address

from helpers import person, write_files

ROOT = Path(__file__).resolve().parent.parent
ICS = ROOT / "tests" / "fixtures" / "ics"
TODAY = "2026-11-30"
CONFIG = ("site_name: Test log\ndocs_dir: log\nplugins:\n  - netlog:\n"
          "      me: [Me@Example.org]\n")
PEOPLE = {
    "log/people/jane-doe.md": person("Jane Doe", links="{email: jane.doe@example.com}"),
    "log/people/sam-lee.md": person("Sam Lee", links="{email: 'mailto:SAM@example.net'}"),
    "log/people/ana-ruiz.md": person("Ana Ruiz", links="{linkedin: 'https://www.linkedin.com/in/ana', "
                                                       "email: ana@old.example, email-2: Ana.Ruiz@example.com}"),
    "log/people/jose-nunez.md": person("José Núñez", org="Castellan Wright"),
}


@pytest.fixture
def log(project):
    return project(dict(PEOPLE), config=CONFIG)


def drafts(root: Path) -> dict[str, str]:
    folder = root / "log" / "_drafts"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))} if folder.is_dir() else {}


def fm(text: str) -> dict:
    import yaml

    return yaml.safe_load(text.split("---\n")[1])


def imported(run, name: str, *args):
    return run("import", "ics", str(ICS / name), "--today", TODAY, *args)


# --------------------------------------------------------------------------- exporter shapes


def test_google_export_matches_by_address_any_case_skips_declined_cancelled_and_strangers(log, run):
    result = imported(run, "google.ics")
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert out == [
        "drafted  log/_drafts/2026-11-02-video-jane-doe.md  (2026-11-02 video with Jane Doe: GC role chat)",
        "drafted  log/_drafts/2026-11-18-meeting-sam-lee.md  (2026-11-18 meeting with Sam Lee: Offsite with Sam)",
        "skipped  2026-11-10 Team lunch I declined: you declined it",
        "skipped  2026-11-12 Cancelled coffee: cancelled",
        "skipped  2026-11-19 Intro call with a stranger: no known person (Olu Bankole <olu@elsewhere.example>; "
        "--all drafts it anyway)",
        "2 drafted, 3 skipped, of 5 occurrences from 2026-09-01 to 2026-11-30; review them with `netlog drafts`",
    ]
    found = drafts(log)
    video = found["2026-11-02-video-jane-doe.md"]
    # a UTC start (01:30Z on the 3rd) is dated in the calendar's X-WR-TIMEZONE (New York: the 2nd)
    assert fm(video) == {"date": __import__("datetime").date(2026, 11, 2), "kind": "video", "with": ["Jane Doe"],
                         "title": "GC role chat", "channel": "video", "source": "ics:g-late-call@google.com"}
    # the unmatched attendee is in the notes; you (me) are not an attendee
    assert "- Priya Raman <priya@unknown.example>" in video
    assert "me@example.org" not in video
    # the draft is exactly what `netlog new` writes, plus channel and source
    assert "# follow_up: 2w" in video and "# via: [Jane Doe]" in video
    allday = fm(found["2026-11-18-meeting-sam-lee.md"])
    assert (allday["kind"], allday["channel"], allday["with"]) == ("meeting", "in-person", ["Sam Lee"])
    assert "Location: Hearing room 4, Main Street" in found["2026-11-18-meeting-sam-lee.md"]


def test_all_turns_unknown_names_into_refs(log, run):
    result = imported(run, "google.ics", "--all")
    assert result.exit_code == 0, result.output
    assert ("drafted  log/_drafts/2026-11-19-meeting-olu-bankole.md  (2026-11-19 meeting with Olu Bankole: "
            "Intro call with a stranger)") in result.stdout.splitlines()
    # declined and cancelled stay skipped with --all
    assert "skipped  2026-11-10 Team lunch I declined: you declined it" in result.stdout
    assert "skipped  2026-11-12 Cancelled coffee: cancelled" in result.stdout
    # a stub person is a warning, not an error: the draft passes check
    listing = run("drafts")
    assert "2026-11-19-meeting-olu-bankole.md  2026-11-19  meeting  Olu Bankole  passes check" in listing.stdout


def test_outlook_export_windows_zones_teams_rooms_and_names(log, run):
    result = imported(run, "outlook.ics")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [
        # 00:30 in "W. Europe Standard Time" on the 18th (the 17th in UTC): its own zone's date
        "drafted  log/_drafts/2026-11-18-video-ana-ruiz.md  (2026-11-18 video with Ana Ruiz: Quarterly review)",
        # a Windows zone name with no VTIMEZONE in the file; José matched by his non-ASCII CN
        "drafted  log/_drafts/2026-11-20-meeting-jose-nunez.md  (2026-11-20 meeting with José Núñez: "
        "Lunch at Castellan)",
        "drafted  log/_drafts/2026-11-21-meeting-ana-ruiz.md  (2026-11-21 meeting with Ana Ruiz: Conference day)",
    ]
    review = drafts(log)["2026-11-18-video-ana-ruiz.md"]
    assert fm(review)["channel"] == "video"
    assert "Room 5.01" not in review  # a room is not a person
    assert fm(review)["source"].startswith("ics:040000008200E000")


def test_apple_export_floating_times_and_zoom_in_description(log, run):
    result = imported(run, "apple.ics")
    assert result.exit_code == 0, result.output
    found = drafts(log)
    coffee = fm(found["2026-11-24-meeting-ana-ruiz.md"])
    assert coffee["date"].isoformat() == "2026-11-24"  # floating 08:30: the date as written
    assert coffee["title"] == "Coffee at the corner café"
    zoom = fm(found["2026-11-26-video-sam-lee.md"])
    assert (zoom["kind"], zoom["channel"]) == ("video", "video")


def test_apple_export_with_crlf_line_ends_reads_the_same(log, run, tmp_path):
    crlf = tmp_path / "apple-crlf.ics"
    crlf.write_bytes((ICS / "apple.ics").read_bytes().replace(b"\n", b"\r\n"))
    result = run("import", "ics", str(crlf), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert sorted(drafts(log)) == ["2026-11-24-meeting-ana-ruiz.md", "2026-11-26-video-sam-lee.md"]


# --------------------------------------------------------------------------- recurrence


def test_recurrences_exdate_moved_and_cancelled_occurrences(log, run):
    result = imported(run, "recurring.ics")
    assert result.exit_code == 0, result.output
    found = {name: fm(text) for name, text in drafts(log).items()}
    assert {n: (d["date"].isoformat(), d["source"], d["title"]) for n, d in found.items()} == {
        "2026-11-02-meeting-jane-doe.md": ("2026-11-02", "ics:weekly-1on1@example.com@2026-11-02", "1:1 with Jane"),
        # moved from Monday the 16th to Wednesday the 18th: keeps its original date in the source
        "2026-11-18-meeting-jane-doe.md": ("2026-11-18", "ics:weekly-1on1@example.com@2026-11-16",
                                           "1:1 with Jane (moved)"),
        "2026-11-30-meeting-jane-doe.md": ("2026-11-30", "ics:weekly-1on1@example.com@2026-11-30", "1:1 with Jane"),
    }
    # the 9th is an EXDATE (not listed at all); the 23rd is a cancelled override
    assert "2026-11-09" not in result.stdout
    assert "skipped  2026-11-23 1:1 with Jane: cancelled" in result.stdout


def test_since_and_until_bound_the_start_dates_both_included(log, run):
    result = imported(run, "recurring.ics", "--since", "2026-11-18", "--until", "2026-11-18")
    assert result.exit_code == 0, result.output
    assert sorted(drafts(log)) == ["2026-11-18-meeting-jane-doe.md"]
    bad = imported(run, "recurring.ics", "--since", "2026-11-19", "--until", "2026-11-18")
    assert bad.exit_code == 2 and "is after --until" in bad.stderr


# --------------------------------------------------------------------------- idempotence, dry run


def test_importing_again_changes_nothing_even_after_accepting_and_moving(log, run):
    assert imported(run, "recurring.ics").exit_code == 0
    before = drafts(log)
    again = imported(run, "recurring.ics")
    assert again.exit_code == 0
    assert drafts(log) == before
    assert again.stdout.count("already imported") == 3
    assert "0 drafted" in again.stdout
    # accepted into the log (an entry now), and the meeting moved again in the calendar: still known
    assert run("drafts", "--accept-all").exit_code == 0
    assert drafts(log) == {}
    third = imported(run, "recurring.ics")
    assert "0 drafted" in third.stdout and drafts(log) == {}


def test_dry_run_writes_nothing(log, run):
    before = sorted(p.relative_to(log).as_posix() for p in log.rglob("*"))
    result = imported(run, "google.ics", "--dry-run")
    assert result.exit_code == 0
    assert "would draft  log/_drafts/2026-11-02-video-jane-doe.md" in result.stdout
    assert "(dry run: nothing was written)" in result.stdout
    assert sorted(p.relative_to(log).as_posix() for p in log.rglob("*")) == before


def test_a_dry_run_names_each_draft_as_the_import_then_does(log, run, tmp_path):
    write_files(log, {"log/_drafts/2026-11-10-meeting-jane-doe.md": "mine, keep me\n"})
    one = ("BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:20261110T{hour}0000Z\r\n"
           "ATTENDEE;CN=Jane Doe:mailto:jane.doe@example.com\r\nEND:VEVENT\r\n")
    (tmp_path / "day.ics").write_text(_calendar(one.format(uid="a@x", hour="09"), one.format(uid="b@x", hour="15")),
                                      encoding="utf-8")
    args = ("import", "ics", str(tmp_path / "day.ics"), "--today", TODAY)
    planned = [line.split()[2] for line in run(*args, "--dry-run").stdout.splitlines() if line.startswith("would")]
    done = [line.split()[1] for line in run(*args).stdout.splitlines() if line.startswith("drafted ")]
    assert planned == done == ["log/_drafts/2026-11-10-meeting-jane-doe-2.md", "log/_drafts/2026-11-10-meeting-jane-doe-3.md"]
    assert (log / "log/_drafts/2026-11-10-meeting-jane-doe.md").read_text() == "mine, keep me\n"


def test_a_draft_name_that_is_taken_gets_a_suffix_and_nothing_is_overwritten(log, run):
    write_files(log, {"log/_drafts/2026-11-02-video-jane-doe.md": "mine, keep me\n"})
    assert imported(run, "google.ics").exit_code == 0
    assert (log / "log/_drafts/2026-11-02-video-jane-doe.md").read_text() == "mine, keep me\n"
    assert (log / "log/_drafts/2026-11-02-video-jane-doe-2.md").is_file()


# --------------------------------------------------------------------------- the me option, addresses


def test_without_me_your_own_address_is_an_unmatched_attendee_and_declines_do_not_count(project, run):
    root = project(dict(PEOPLE))
    result = imported(run, "google.ics")
    assert "Team lunch I declined" in result.stdout and "drafted" in result.stdout
    assert "- me@example.org" in drafts(root)["2026-11-02-video-jane-doe.md"]


def test_me_is_validated_as_a_plugin_option(project, run):
    project({}, config="site_name: T\ndocs_dir: log\nplugins:\n  - netlog:\n      me: 42\n")
    result = run("check")
    assert result.exit_code == 1
    assert "me" in result.output and "e-mail addresses" in result.output


@pytest.mark.parametrize("value, expected", [
    ("MAILTO:Jane@Example.com", "jane@example.com"), (" jane@example.com ", "jane@example.com"),
    ("https://example.com/jane", None), ("+1 555 0100", None), ("mailto:", None), (None, None)])
def test_email_address(value, expected):
    assert email_address(value) == expected


def test_an_address_two_people_share_is_matched_to_the_first_with_a_warning(project, run):
    root = project({**PEOPLE, "log/people/jd-work.md": person("JD Work", links="{work: 'mailto:Jane.Doe@example.com'}"),
                    "log/people/myself.md": person("Myself", links="{email: me@example.org}"),
                    "log/people/me-too.md": person("Me Too", links="{email: me@example.org}")}, config=CONFIG)
    result = imported(run, "google.ics")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "netlog: warning: jane.doe@example.com is in the links of both jane-doe and jd-work; it is matched to jane-doe (if they are "
        "one person: `netlog merge jd-work jane-doe`)"]
    assert "2026-11-02-video-jane-doe.md" in drafts(root)  # the first file by name; and me is no one


def test_vcard_and_linkedin_imports_put_addresses_where_matching_finds_them(project, run, tmp_path):
    root = project({}, config=CONFIG)
    (tmp_path / "c.vcf").write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Jane Doe\nEMAIL;TYPE=WORK:Jane.Doe@Example.com\nEND:VCARD\n", encoding="utf-8")
    (tmp_path / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Sam,Lee,https://www.linkedin.com/in/samlee,SAM@example.net,Acme,GC,01 Mar 2024\n", encoding="utf-8")
    assert run("import", "vcard", str(tmp_path / "c.vcf")).exit_code == 0
    assert run("import", "linkedin", str(tmp_path / "Connections.csv")).exit_code == 0
    result = imported(run, "google.ics")
    assert "drafted  log/_drafts/2026-11-02-video-jane-doe.md" in result.stdout
    assert "drafted  log/_drafts/2026-11-18-meeting-sam-lee.md" in result.stdout
    assert "Team lunch I declined: you declined it" in result.stdout
    assert sorted(drafts(root)) == ["2026-11-02-video-jane-doe.md", "2026-11-18-meeting-sam-lee.md"]


# --------------------------------------------------------------------------- bad files


@pytest.mark.parametrize("content", [
    b"", b"hello, this is not a calendar\n", b"BEGIN:VCARD\nVERSION:3.0\nFN:Jane\nEND:VCARD\n",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00", "date,kind\n2026-11-02,coffee\n".encode()])
def test_a_file_that_is_not_icalendar_gets_one_clear_error(log, run, tmp_path, content):
    bad = tmp_path / "bad.ics"
    bad.write_bytes(content)
    result = run("import", "ics", str(bad), "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not an iCalendar file" in lines[0] and "Traceback" not in result.stderr
    assert drafts(log) == {}


def test_a_broken_event_is_left_out_with_a_warning_and_the_rest_imported(log, run, tmp_path):
    bad = tmp_path / "broken.ics"
    bad.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:not-a-date\nUID:x\nEND:VEVENT\n"
                   "BEGIN:VEVENT\nUID:y\nDTSTART:20261102T100000Z\nRRULE:FREQ=SOMETIMES\nEND:VEVENT\n"
                   "BEGIN:VEVENT\nUID:z\nDTSTART:20261103T100000Z\nSUMMARY:fine\n"
                   "ATTENDEE;CN=Jane Doe:mailto:jane.doe@example.com\nEND:VEVENT\nEND:VCALENDAR\n", encoding="utf-8")
    result = run("import", "ics", str(bad), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    warnings = result.stderr.splitlines()
    assert warnings == [  # at the faulty line, in the file's own words
        "broken.ics:3: warning: event 'x' left out: DTSTART 'not-a-date' is not a date or a date-time",
        "broken.ics:9: warning: event 'y' left out: RRULE 'FREQ=SOMETIMES' cannot be read"]
    assert sorted(drafts(log)) == ["2026-11-03-meeting-jane-doe.md"]


def _calendar(*events: str, head: str = "") -> str:
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + head + "".join(events) + "END:VCALENDAR\r\n"


def _weekly(uid: str, start: str, rule: str, extra: str = "") -> str:
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\n{start}\r\nRRULE:{rule}\r\nSUMMARY:{uid}\r\n{extra}"
            "ATTENDEE;CN=Jane Doe:mailto:jane.doe@example.com\r\nEND:VEVENT\r\n")


@pytest.mark.parametrize("start, rule, dates", [
    # Google: a zone and a UTC end, the shape of every recurring event it ends
    ("DTSTART;TZID=America/Los_Angeles:20261006T230000", "FREQ=WEEKLY;WKST=SU;UNTIL=20261104T075959Z;BYDAY=TU",
     ["2026-10-06", "2026-10-13", "2026-10-20", "2026-10-27", "2026-11-03"]),
    # Outlook: a Windows zone name and a UTC end
    ("DTSTART;TZID=W. Europe Standard Time:20261006T100000", "FREQ=WEEKLY;UNTIL=20261027T090000Z;BYDAY=TU",
     ["2026-10-06", "2026-10-13", "2026-10-20", "2026-10-27"]),
    # a UTC start and end
    ("DTSTART:20261006T100000Z", "FREQ=WEEKLY;UNTIL=20261020T100000Z", ["2026-10-06", "2026-10-13", "2026-10-20"]),
    # Apple: a floating start with a UTC end
    ("DTSTART:20261006T100000", "FREQ=WEEKLY;UNTIL=20261020T100000Z", ["2026-10-06", "2026-10-13", "2026-10-20"]),
    # all day, ending on a date
    ("DTSTART;VALUE=DATE:20261006", "FREQ=WEEKLY;UNTIL=20261020", ["2026-10-06", "2026-10-13", "2026-10-20"]),
])
def test_a_recurring_event_with_an_end_date_is_imported_in_every_shape(log, run, tmp_path, start, rule, dates):
    cal = tmp_path / "until.ics"
    cal.write_text(_calendar(_weekly("series@x", start, rule)), encoding="utf-8")
    result = run("import", "ics", str(cal), "--since", "2026-10-01", "--today", TODAY)
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert sorted(fm(t)["date"].isoformat() for t in drafts(log).values()) == dates
    assert sorted(fm(t)["source"] for t in drafts(log).values()) == [f"ics:series@x@{d}" for d in dates]


def test_a_recurrence_the_library_cannot_expand_leaves_out_that_event_only(log, run, tmp_path, monkeypatch):
    import recurring_ical_events

    from netlog.capture import ics

    real = ics.expanded

    def fussy(cal, since, until):  # as if the library refused one series (a rule it cannot follow)
        if any(str(e.get("UID")) == "bad@x" for e in cal.walk("VEVENT")):
            raise recurring_ical_events.InvalidCalendar("cannot follow this rule")
        return real(cal, since, until)

    monkeypatch.setattr(ics, "expanded", fussy)
    cal = tmp_path / "two.ics"
    cal.write_text(_calendar(_weekly("good@x", "DTSTART:20261006T100000Z", "FREQ=WEEKLY;COUNT=2"),
                             _weekly("bad@x", "DTSTART:20261007T100000Z", "FREQ=WEEKLY;COUNT=2")), encoding="utf-8")
    result = run("import", "ics", str(cal), "--since", "2026-10-01", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "two.ics:13: warning: event 'bad@x' left out: its recurrence cannot be expanded: cannot follow this rule"]
    assert sorted(fm(t)["source"] for t in drafts(log).values()) == ["ics:good@x@2026-10-06", "ics:good@x@2026-10-13"]


def test_a_fold_inside_a_character_is_unfolded_as_bytes(log, run, tmp_path):
    line = "ATTENDEE;CN=José Núñez:mailto:jose@example.net".encode("utf-8")
    cut = line.index("ú".encode("utf-8")) + 1  # between the two bytes of ú
    data = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:fold@x\r\nDTSTART:20261110T100000Z\r\nSUMMARY:Cena\r\n"
            + line[:cut] + b"\r\n " + line[cut:] + b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    (tmp_path / "fold.ics").write_bytes(data)
    result = run("import", "ics", str(tmp_path / "fold.ics"), "--today", TODAY, "--all")
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert [fm(t)["with"] for t in drafts(log).values()] == [["José Núñez"]]
    assert "1 drafted, 0 skipped, of 1 occurrence from 2026-09-01 to 2026-11-30" in result.stdout


def test_a_file_not_in_utf8_is_read_with_a_warning_at_its_first_bad_line(log, run, tmp_path):
    text = _calendar("BEGIN:VEVENT\r\nUID:l1@x\r\nDTSTART:20261110T100000Z\r\nDESCRIPTION:a long line that is\r\n"
                     " folded\r\nSUMMARY:Caf\xe9 with Jane\r\nATTENDEE;CN=Jane Doe:mailto:jane.doe@example.com\r\n"
                     "END:VEVENT\r\n")
    (tmp_path / "latin1.ics").write_bytes(text.encode("latin-1"))
    result = run("import", "ics", str(tmp_path / "latin1.ics"), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "latin1.ics:8: warning: the file is not UTF-8, as iCalendar files are: characters it could not read are "
        "shown as \ufffd (export it again as UTF-8)"]
    assert [fm(t)["title"] for t in drafts(log).values()] == ["Caf\ufffd with Jane"]


def test_an_unknown_time_zone_is_named_in_a_warning(log, run, tmp_path):
    event = ("BEGIN:VEVENT\r\nUID:mars@x\r\nDTSTART;TZID=Mars/Olympus_Mons:20261110T100000\r\nSUMMARY:Far\r\n"
             "ATTENDEE;CN=Jane Doe:mailto:jane.doe@example.com\r\nEND:VEVENT\r\n")
    (tmp_path / "mars.ics").write_text(_calendar(event, event.replace("mars@x", "mars2@x")), encoding="utf-8")
    result = run("import", "ics", str(tmp_path / "mars.ics"), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [  # once per zone, at its first event
        "mars.ics:5: warning: time zone 'Mars/Olympus_Mons' is unknown: its times are read as written, without a zone"]
    assert [fm(t)["date"].isoformat() for t in drafts(log).values()] == ["2026-11-10", "2026-11-10"]


@pytest.mark.parametrize("cut, where", [
    ("inside an event", ", inside the event that begins on line 3"),
    ("inside an event after an old one", ", inside the event that begins on line 9"),
    ("between events", "")])
def test_a_file_cut_short_says_so(log, run, tmp_path, cut, where):
    old = ("BEGIN:VEVENT\r\nUID:old@x\r\nDTSTART:20200106T100000Z\r\nSUMMARY:long ago\r\n"  # outside the window
           "ATTENDEE;CN=Jane Doe:mailto:jane.doe@example.com\r\nEND:VEVENT\r\n")
    whole = _calendar(*([old] if "old" in cut else []), _weekly("a@x", "DTSTART:20261006T100000Z", "FREQ=WEEKLY;COUNT=2"))
    text = whole[:whole.rindex("SUMMARY")] if cut.startswith("inside") else whole[:whole.index("END:VCALENDAR")]
    (tmp_path / "cut.ics").write_text(text, encoding="utf-8")
    result = run("import", "ics", str(tmp_path / "cut.ics"), "--today", TODAY)
    assert result.exit_code == 1 and drafts(log) == {}
    assert result.stderr.splitlines() == [
        f"Error: {tmp_path / 'cut.ics'}: not a readable iCalendar file: it ends without END:VCALENDAR{where}; "
        "the export looks cut short (export it again)"]


def test_a_missing_file_and_a_file_too_large_are_refused(log, run, tmp_path, monkeypatch):
    missing = run("import", "ics", str(tmp_path / "nope.ics"), "--today", TODAY)
    assert missing.exit_code == 1 and "cannot read" in missing.stderr
    from netlog import readfile

    monkeypatch.setitem(readfile.LIMITS, "calendar", (100, "calendars", "; export a shorter stretch"))
    big = run("import", "ics", str(ICS / "google.ics"), "--today", TODAY)
    assert big.exit_code == 1 and "netlog reads calendars of at most 0.0 MiB" in big.stderr


# --------------------------------------------------------------------------- the pure stages and the page


def test_occurrences_are_pure_and_sorted():
    import datetime as dt

    cal, problems = read_calendar((ICS / "recurring.ics").read_bytes(), "recurring.ics")
    assert problems == [] and cal is not None
    found, problems = occurrences(cal, dt.date(2026, 11, 1), dt.date(2026, 12, 31), "recurring.ics")
    assert problems == []
    assert [(o.date.isoformat(), o.source.rsplit("@", 1)[1], o.cancelled) for o in found] == [
        ("2026-11-02", "2026-11-02", False), ("2026-11-18", "2026-11-16", False),
        ("2026-11-23", "2026-11-23", True), ("2026-11-30", "2026-11-30", False),
        ("2026-12-07", "2026-12-07", False)]


def test_source_is_a_known_key_shown_on_the_entry_page(log, run, tmp_path):
    assert imported(run, "recurring.ics").exit_code == 0
    assert run("drafts", "--accept-all").exit_code == 0
    check = run("check", "--strict")
    assert (check.exit_code, check.stdout) == (0, "")
    assert run("render", str(tmp_path / "pages"), "--today", TODAY).exit_code == 0
    # the pages are under docs/ (netlog/neutral.py)
    page = (tmp_path / "pages" / "docs" / "2026" / "2026-11-02-meeting-jane-doe.md").read_text(encoding="utf-8")
    assert "Source" in page and "ics:weekly-1on1@example.com@2026-11-02" in page
    assert source_of((log / "log/2026/2026-11-02-meeting-jane-doe.md").read_text()) == \
        "ics:weekly-1on1@example.com@2026-11-02"


def test_the_example_calendar_in_the_docs_imports(project, run):
    root = project({"log/people/jane-doe.md": person("Jane Doe", links="{email: jane@example.com}"),
                    "log/people/sam-lee.md": person("Sam Lee", links="{email: sam@example.com}")},
                   config="site_name: T\ndocs_dir: log\nplugins:\n  - netlog:\n      me: [me@example.com]\n")
    result = run("import", "ics", str(ROOT / "docs" / "example.ics"), "--today", "2026-11-30")
    assert result.exit_code == 0, result.output
    page = (ROOT / "docs" / "capture.md").read_text(encoding="utf-8")
    shown = page.split("it prints:\n\n```\n", 1)[1].split("```", 1)[0]
    assert result.stdout == shown  # the page shows the real output
    draft = drafts(root)["2026-11-17-video-sam-lee.md"]
    assert draft in page  # and the real draft
    listing = run("drafts")
    assert listing.stdout == page.split("`netlog drafts` lists them:\n\n```\n", 1)[1].split("```", 1)[0]


# --------------------------------------------------------------------------- trimming big exports


@pytest.mark.parametrize("name", ["google.ics", "outlook.ics", "apple.ics", "recurring.ics"])
@pytest.mark.parametrize("window", [("2026-09-01", "2026-11-30"), ("2026-11-17", "2026-11-18"),
                                    ("2026-11-24", "2026-11-24"), ("2020-01-01", "2030-12-31")])
def test_trimming_before_parsing_changes_no_occurrence(name, window):
    import datetime as dt

    since, until = map(dt.date.fromisoformat, window)
    data = (ICS / name).read_bytes()
    full, _ = read_calendar(data, name)
    trimmed, _ = read_calendar(data, name, since, until)
    assert occurrences(trimmed, since, until, name) == occurrences(full, since, until, name)


def test_trim_leaves_out_alarms_old_events_and_unused_properties():
    import datetime as dt

    from netlog.capture.ics import trim

    text = ("BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:Europe/Paris\r\n"
            "BEGIN:VEVENT\r\nUID:old\r\nDTSTART:20200101T100000Z\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:old-series\r\nDTSTART:20200101T100000Z\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:new\r\nDTSTART;TZID=Europe/Paris:20261102T100000\r\nDTSTAMP:20261101T000000Z\r\n"
            "DTEND;TZID=Europe/Paris:20261102T110000\r\n"
            "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC\r\nX-LONG:folded\r\n  more\r\n"
            "SUMMARY:kept\r\n  and folded\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\nEND:VEVENT\r\n"
            "BEGIN:VTODO\r\nUID:todo\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")
    assert trim(text, dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == (
        "BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:Europe/Paris\r\n"
        "BEGIN:VEVENT\r\nUID:old-series\r\nDTSTART:20200101T100000Z\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:new\r\nDTSTART;TZID=Europe/Paris:20261102T100000\r\n"
        "SUMMARY:kept\r\n  and folded\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


# --------------------------------------------------------------------------- reading big exports quickly
# read_calendar parses with icalendar handed each distinct line once, and occurrences() reads
# single events itself, sending only recurring events and UIDs on several events through
# recurring-ical-events. The reference: icalendar's own parse of the whole file and every
# event through recurring-ical-events.


def reference(data: bytes, since, until):
    import icalendar

    from netlog.capture.ics import expanded, occurrences_of, recurring_uids

    cal = icalendar.Calendar.from_ical(data.decode("utf-8").lstrip("\ufeff"))
    return occurrences_of(expanded(cal, since, until), recurring_uids(cal.walk("VEVENT")),
                          str(cal.get("METHOD", "")).upper() == "CANCEL", since, until)


def quick(data: bytes, since, until):
    from netlog.capture.ics import set_aside_broken

    cal, problems = read_calendar(data, "x.ics", since, until)
    assert problems == [] and set_aside_broken(cal, "x.ics") == []
    found, problems = occurrences(cal, since, until, "x.ics")
    assert problems == []
    return found


_ATTENDEES = ["ATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:me@example.org",
              "ATTENDEE;CN=Me;PARTSTAT=DECLINED:mailto:me@example.org",
              'ATTENDEE;CN="Doe, Jane";PARTSTAT=ACCEPTED:mailto:JANE.DOE@example.com',
              "ATTENDEE;CUTYPE=ROOM;CN=Room 1:mailto:room1@example.com",
              "ATTENDEE;CN=José Núñez:mailto:jose@example.net",
              "ORGANIZER;CN=Sam Lee:mailto:sam@example.net"]
_ZONES = [("Z", ""), ("", ";TZID=Europe/Paris"), ("", ";TZID=W. Europe Standard Time"), ("", ""), ("date", "")]


def _event(uid, day, hour, shape, extra=(), people=()):
    import datetime as dt

    suffix, param = _ZONES[shape]
    start = dt.date(2026, 11, 1) + dt.timedelta(days=day)
    when = (f"DTSTART;VALUE=DATE:{start:%Y%m%d}" if suffix == "date"
            else f"DTSTART{param}:{start:%Y%m%d}T{hour:02d}0000{suffix}")
    return (["BEGIN:VEVENT"] + ([f"UID:{uid}"] if uid else []) + [when, f"SUMMARY:ev {uid} {day}"]
            + list(extra) + [_ATTENDEES[p] for p in people] + ["END:VEVENT"])


@st.composite
def calendars(draw):
    import datetime as dt

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    if draw(st.booleans()):
        lines.append("X-WR-TIMEZONE:America/New_York")
    for n in range(draw(st.integers(0, 12))):
        uid = draw(st.sampled_from([f"u{n}@x", f"u{n}@x", "dup@x", "dup@x", None]))
        day, hour, shape = draw(st.integers(-20, 50)), draw(st.sampled_from([0, 3, 12, 23])), draw(st.integers(0, 4))
        extra = [f"SEQUENCE:{draw(st.integers(0, 2))}"] if draw(st.booleans()) else []
        if draw(st.booleans()):
            extra.append("STATUS:CANCELLED")
        people = draw(st.lists(st.integers(0, len(_ATTENDEES) - 1), max_size=3))
        series = uid is not None and shape != 4 and draw(st.integers(0, 3)) == 0
        if series:  # ended by a count, or by an UNTIL in UTC (a date for an all-day event), as exporters do
            last = dt.date(2026, 11, 1) + dt.timedelta(days=day + 21)
            extra.append(draw(st.sampled_from(["RRULE:FREQ=WEEKLY;COUNT=4", f"RRULE:FREQ=WEEKLY;UNTIL={last:%Y%m%d}"
                                               + ("" if shape == 4 else "T235959Z")])))
        lines += _event(uid, day, hour, shape, extra, people)
        if series and draw(st.booleans()):  # an occurrence moved a day later
            suffix, param = _ZONES[shape]
            moved = dt.date(2026, 11, 1) + dt.timedelta(days=day + 7)
            lines += _event(uid, day + 8, hour, shape, [f"RECURRENCE-ID{param}:{moved:%Y%m%d}T{hour:02d}0000{suffix}"],
                            people[:1])
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


@settings(max_examples=150, deadline=None)
@given(calendars(), st.integers(-25, 55), st.integers(0, 40))
def test_reading_quickly_finds_what_the_libraries_find_on_the_whole_file(text, first, length):
    import datetime as dt

    since = dt.date(2026, 11, 1) + dt.timedelta(days=first)
    until = since + dt.timedelta(days=length)
    data = text.encode("utf-8")
    assert quick(data, since, until) == reference(data, since, until)


@pytest.mark.parametrize("name", ["google.ics", "outlook.ics", "apple.ics", "recurring.ics"])
def test_reading_quickly_finds_what_the_libraries_find_in_each_export_shape(name):
    import datetime as dt

    data = (ICS / name).read_bytes()
    for window in [("2026-09-01", "2026-11-30"), ("2026-11-17", "2026-11-18"), ("2020-01-01", "2030-12-31")]:
        since, until = map(dt.date.fromisoformat, window)
        assert quick(data, since, until) == reference(data, since, until)


def test_parsing_each_distinct_line_once_gives_icalendars_calendar():
    import icalendar

    from netlog.capture.ics import parse

    for path in sorted(ICS.glob("*.ics")) + [ROOT / "docs" / "example.ics"]:
        text = path.read_text(encoding="utf-8")
        ours = parse(text)
        theirs = icalendar.Calendar.from_ical(text, multiple=True)
        assert [c.to_ical() for c in ours] == [c.to_ical() for c in theirs]
        assert len(ours) == 1 and ours[0].walk("VEVENT")


def test_an_event_in_two_versions_is_read_as_its_latest_even_when_that_is_outside_the_window():
    import datetime as dt

    text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0"]
                       + _event("moved@x", 10, 9, 0, ["SEQUENCE:0"], [2])   # 2026-11-11: the old version
                       + _event("moved@x", 40, 9, 0, ["SEQUENCE:1"], [2])   # moved to 2026-12-11
                       + _event("twice@x", 12, 9, 0, [], [2])               # the same version twice:
                       + _event("twice@x", 12, 9, 0, [], [2])               # one occurrence
                       + ["END:VCALENDAR"]) + "\r\n"
    since, until = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    found = quick(text.encode(), since, until)
    assert [o.source for o in found] == ["ics:twice@x"]
    assert found == reference(text.encode(), since, until)


_PIECES = ["ATTENDEE", "SUMMARY", "DTSTART", "X-A", ";", ":", '"', "\\", ",", "=", "CN", "TZID", "a b", "é",
           "mailto:x@y", "\t", " ", "\\n", "\\,", "\\:", '"a:b"', "PARTSTAT=ACCEPTED"]
_TEXT = st.text(alphabet='ab :;,"\\=é\t', max_size=8)
_PARAM = st.tuples(st.sampled_from(["CN", "TZID", "X-P", "PARTSTAT"]),
                   st.one_of(_TEXT, _TEXT.map(lambda t: '"' + t + '"'))).map("=".join)
#: lines shaped as content lines (a name, parameters, a colon, a value), with quotes, backslashes,
#: colons and semicolons where they change where the value begins; and free-form ones
_CONTENT_LINES = st.one_of(
    st.tuples(st.sampled_from(["ATTENDEE", "SUMMARY", "X-A"]), st.lists(_PARAM, max_size=3), _TEXT)
    .map(lambda t: t[0] + "".join(";" + p for p in t[1]) + ":" + t[2]),
    st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))


@settings(max_examples=600, deadline=None)
@given(st.lists(_CONTENT_LINES, min_size=1, max_size=6))
@example(["ATTENDEE;CN=\\\\::"])  # a backslash after a backslash escapes the colon after both
@example(['X-A;CN=\\":v', 'X-A;CN="\\":v', "X-A:\\\\", 'X-A;CN="a:b":c', "X-A;P=a\\;b:c"])
def test_splitting_a_line_by_its_head_gives_what_icalendar_gives_for_the_whole_line(texts):
    from icalendar.parser import Contentline

    from netlog.capture.ics import _Line

    heads: dict = {}  # shared, as in one calendar: a head split once serves every line with it
    for text in texts + texts:
        try:
            want = Contentline(text).parts()
        except ValueError as e:
            with pytest.raises(ValueError) as got:
                _Line(text, heads).parts()
            assert str(got.value) == str(e)
            continue
        name, params, value = _Line(text, heads).parts()
        assert (name, list(params.items()), value) == (want[0], list(want[1].items()), want[2])
