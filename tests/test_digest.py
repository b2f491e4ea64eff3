"""`netlog digest` (docs/format.md §16): every part, as text and as HTML, on inline logs.
Sending it is tests/test_digest_send.py."""

from __future__ import annotations

import datetime as dt

from helpers import entry, load_files, person
from netlog import audit, digest
from netlog.since import review_mark

CONFIG = "site_name: Test log\ndocs_dir: log\nplugins:\n  - netlog\n"
FILES = {
    "log/people/ann-lee.md": person("Ann Lee", org="Acme"),
    "log/people/frank-grey.md": person("Frank Grey", cadence="1m"),
    "log/people/bea-today.md": person("Bea Today", birthday="02-04"),
    "log/people/carl-week.md": person("Carl Week", birthday="1980-02-11"),  # today + 7: in
    "log/people/dora-late.md": person("Dora Late", birthday="02-12"),  # today + 8: out
    "log/people/eve-past.md": person("Eve Past", birthday="02-03"),  # yesterday: an overdue item, not listed
    "log/people/olga-old.md": person("Olga Old"),
    "log/people/pat-past.md": person("Pat Past", org="Past & <Co>"),
    "log/people/quinn-quiet.md": person("Quinn Quiet"),
    "log/people/rita-rare.md": person("Rita Rare"),
    "log/2023/2023-05-01-coffee-rita-rare.md": entry("2023-05-01", "coffee", ["Rita Rare"]),
    "log/2024/2024-05-01-coffee-pat-past.md": entry("2024-05-01", "coffee", ["Pat Past"]),
    "log/2024/2024-06-01-coffee-quinn-quiet.md": entry("2024-06-01", "coffee", ["Quinn Quiet"]),
    "log/2025/2025-01-10-coffee-olga-old.md": entry("2025-01-10", "coffee", ["Olga Old"]),
    "log/2026/2026-01-04-coffee-frank-grey.md": entry("2026-01-04", "coffee", ["Frank Grey"]),
    "log/2026/2026-01-20-rejection-ann-lee.md": entry("2026-01-20", "rejection", ["Ann Lee"]),
    "log/2026/2026-01-20-talk.md": entry("2026-01-20", "talk", audience=20),
    "log/2026/2026-01-25-review.md": entry("2026-01-25", "review"),
    "log/2026/2026-01-28-coffee-frank-grey.md": entry("2026-01-28", "coffee", ["Frank Grey"], title="Catch-up"),
    "log/_drafts/2026-02-01-meeting-x.md": entry("2026-02-01", "meeting", ["Ann Lee"]),
    "log/_drafts/2026-02-02-meeting-y.md": entry("2026-02-02", "meeting", ["Ann Lee"]),
    "log/_inbox.md": ("# Inbox\n\n<!-- one line per interaction\n- 2026-01-01 coffee with Nobody -->\n"
                      "- 2026-02-03 coffee with Ann Lee: Lunch\n\nnot a line the inbox can read\n"),
}
TODAY = dt.date(2026, 2, 4)

EXPECTED = """\
netlog digest for Wednesday 4 February 2026

Overdue (2)
  - Ann Lee: Send a thank-you and ask where they saw gaps in your skills (13 days overdue, since 22 Jan)
  - Wish Eve Past a happy birthday (1 day overdue, since 3 Feb)

Due today (1)
  - Wish Bea Today a happy birthday

Upcoming to 11 Feb: 1 item (netlog due).

Birthdays to 11 Feb
  - 4 Feb: Bea Today (today)
  - 11 Feb: Carl Week (in 7 days)

Worth reconnecting
  - {r1}
  - {r2}
  - {r3}

Waiting: 2 drafts (netlog drafts), 2 inbox lines (netlog inbox).
Weekly streak: 2 weeks.
Days since the last review: 10 (25 Jan).

Since your last review (25 Jan, 10 days ago)
1 entry, 1 person met, 0 first met, 0 openings, 0 introductions made.
"""


def reconnect_lines(log) -> list[str]:
    """The audit's first three, as the digest words them (the ranking is the audit's own)."""
    out = []
    for r in audit.reconnect(log, TODAY, 3):
        p = log.people[r.person]
        out.append(p.name + (f" ({p.org})" if p.org else "") + f": {audit.reconnect_why(r, TODAY)}")
    return out


def test_every_part_as_text(project, run, tmp_path):
    project(dict(FILES), config=CONFIG)
    log, _ = load_files(tmp_path, {})
    r1, r2, r3 = reconnect_lines(log)
    assert [r1.split(" ")[0], r2.split(" ")[0], r3.split(" ")[0]] == ["Rita", "Pat", "Quinn"]  # olga: 4th
    result = run("digest", "--today", "2026-02-04")
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED.format(r1=r1, r2=r2, r3=r3)
    assert result.stderr == ""
    assert run("digest", "--today", "2026-02-04").stdout == result.stdout  # same log and date, same digest


def test_html_has_the_same_parts_every_value_escaped(project, run):
    files = dict(FILES)
    files["log/people/ann-lee.md"] = person("Ann <script>alert(1)</script> Lee", aka="[Ann Lee]", org="A&B")
    project(files, config=CONFIG)
    html = run("digest", "--today", "2026-02-04", "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert "<script>" not in html
    assert "<strong>Ann &lt;script&gt;alert(1)&lt;/script&gt; Lee</strong>: Send a thank-you" in html
    assert "(Past &amp; &lt;Co&gt;)" in html
    for part in ("<h2>Overdue (2)</h2>", "<h2>Due today (1)</h2>", "<h2>Birthdays to 11 Feb</h2>",
                 "<h2>Worth reconnecting</h2>", "2 drafts (<code>netlog drafts</code>)",
                 "2 inbox lines (<code>netlog inbox</code>)", "Weekly streak: 2 weeks.",
                 "Days since the last review: 10 (25 Jan).", "<h2>Since your last review (25 Jan, 10 days ago)</h2>"):
        assert part in html, part
    assert 'src=' not in html and 'href=' not in html  # nothing to load, nowhere to go


def test_no_review_yet_and_nothing_waiting(project, run):
    files = {k: v for k, v in FILES.items() if "review" not in k and "_drafts" not in k and "_inbox" not in k}
    project(files, config=CONFIG)
    out = run("digest", "--today", "2026-02-04").stdout
    assert "Waiting: no drafts, no inbox lines." in out
    assert "Days since the last review: none yet; netlog review walks you through one." in out
    # 5 Jan to 4 Feb: the rejection, the talk and the coffee; Ann Lee first met on 20 Jan
    assert "In the last 30 days (no review yet)\n3 entries, 2 people met, 1 first met, 0 openings" in out


def test_birthdays_window_is_today_to_today_plus_7(tmp_path):
    log, problems = load_files(tmp_path, {
        "people/a.md": person("A Leap", birthday="02-29"),  # 28 Feb in 2027, a common year
        "people/b.md": person("B Eve", birthday="12-31"),
        "people/c.md": person("C Day", birthday="03-08"),
    })
    assert problems == []
    names = lambda today: [(d.isoformat(), p.name) for d, p in digest.birthdays(log, today)]  # noqa: E731
    assert names(dt.date(2027, 2, 21)) == [("2027-02-28", "A Leap")]
    assert names(dt.date(2027, 3, 1)) == [("2027-03-08", "C Day")]
    assert names(dt.date(2026, 12, 26)) == [("2026-12-31", "B Eve")]
    assert names(dt.date(2026, 12, 23)) == []
    assert names(dt.date(9999, 12, 30)) == [("9999-12-31", "B Eve")]  # no overflow at the calendar's end


def test_the_streak_and_the_review_mark_are_the_dashboards_and_the_audits(tmp_path):
    log, _ = load_files(tmp_path, {k.removeprefix("log/"): v for k, v in FILES.items()})
    d = digest.compute(log, TODAY)
    assert d.streak == audit.streak(log, TODAY)
    assert (d.since.mark, d.since.review.path) == (dt.date(2026, 1, 25), "2026/2026-01-25-review.md")
    assert review_mark(log, TODAY)[0] == d.since.mark


def test_log_errors_are_reported_and_the_digest_still_printed(project, run):
    files = dict(FILES)
    files["log/2026/bad.md"] = entry("2026-02-01", "cofee", ["Ann Lee"])
    project(files, config=CONFIG)
    result = run("digest", "--today", "2026-02-04")
    assert result.exit_code == 1
    assert result.stderr.startswith("log/2026/bad.md:3: error: unknown kind 'cofee'")
    assert result.stdout.startswith("netlog digest for Wednesday 4 February 2026\n")


def test_an_unreadable_inbox_is_a_warning_not_a_failure(project, run):
    files = dict(FILES)
    files["log/_inbox.md"] = b"- 2026-02-03 coffee with Ann\xff Lee\n"
    project(files, config=CONFIG)
    result = run("digest", "--today", "2026-02-04")
    assert result.exit_code == 0
    # the inbox as `netlog inbox` reads it (readfile): its own wording, then that it was not counted
    assert result.stderr.startswith("netlog: warning: log/_inbox.md: not valid UTF-8")
    assert "not counted" in result.stderr and "Waiting: 2 drafts (netlog drafts)." in result.stdout


# --------------------------------------------------------------------------- the dashboard's block


def _dashboard(log, today) -> str:
    from netlog.pages import build_pages

    return build_pages(log, today).pages["index.md"].markdown


def test_the_dashboard_says_what_happened_since_the_last_review(tmp_path):
    log, _ = load_files(tmp_path, {k.removeprefix("log/"): v for k, v in FILES.items()})
    page = _dashboard(log, TODAY)
    block = page[page.index('<p class="nl-since">'):]
    block = block[:block.index("</p>") + 4]
    assert block == ('<p class="nl-since"><strong>Since your last review</strong> '
                     '(<a href="2026/2026-01-25-review.html">25 Jan</a>, 10 days ago): 1 entry, 1 person met, '
                     '0 first met, 0 openings, 0 introductions made (<a href="audit.html#since">details</a>).</p>')
    assert page.index('class="nl-streak"') < page.index('class="nl-since"') < page.index('class="nl-heatmap"')
    log, _ = load_files(tmp_path / "none", {k.removeprefix("log/"): v for k, v in FILES.items() if "review" not in k})
    assert ("<strong>In the last 30 days</strong> (no review yet: <code>netlog review</code>): 3 entries"
            in _dashboard(log, TODAY))


def test_the_example_log_shows_a_review_and_a_birthday_on_its_day():
    from sitehelpers import EXAMPLE

    from netlog.config import read_project
    from netlog.load import load_log

    project, _ = read_project(str(EXAMPLE / "mkdocs.yml"))
    log, problems = load_log(project.docs_dir, project.options)
    assert [p for p in problems if p.severity == "error"] == []
    page = _dashboard(log, dt.date(2026, 11, 25))
    assert ('<strong>Since your last review</strong> (<a href="2026/2026-11-11-review.html">11 Nov</a>, 2 weeks ago): '
            "7 entries, 7 people met, 1 first met, 1 opening, 1 introduction made") in page
    assert "## Birthdays {#birthdays}" in page and "fiona-macleod" in page.split("## Birthdays")[1][:400]


def test_the_digest_at_the_ends_of_the_calendar(project, run):
    project(dict(FILES), config=CONFIG)
    for today in ("0001-01-01", "9999-12-31"):
        for fmt in ("text", "html"):
            result = run("digest", "--today", today, "--format", fmt)
            assert result.exit_code == 0, (today, fmt, result.output)
    assert "9999-12-31" not in run("digest", "--today", "9999-12-31").stderr


# --------------------------------------------------------------------------- NETLOG_SMTP_URL


def test_smtp_urls_are_read_as_section_14_says():
    import pytest

    from netlog.mailer import SendError, SmtpUrl, parse_url

    assert parse_url("smtp://mail.example.com") == SmtpUrl("mail.example.com", 25, False)
    assert parse_url("SMTP://mail.example.com:587/") == SmtpUrl("mail.example.com", 587, False)
    assert parse_url("smtps://me%40example.com@mail.example.com") == SmtpUrl(
        "mail.example.com", 465, True, "me@example.com")
    url = parse_url("smtp://me:p%40ss%3Aword@[::1]:2525")
    assert (url.host, url.port, url.user, url.password) == ("::1", 2525, "me", "p@ss:word")
    assert url.shown() == "smtp://me@[::1]:2525"
    assert "p@ss" not in repr(url) and "p@ss" not in url.shown()
    # the environment's password stands in for one the URL leaves out, never over one it gives
    assert parse_url("smtp://me@host", "from-env").password == "from-env"
    assert parse_url("smtp://me:in-url@host", "from-env").password == "in-url"
    for bad in ("", "  ", "mail.example.com", "http://host", "smtp://", "smtp://host/path", "smtp://host?x=1",
                "smtp://host:0x19", "smtp://me:secret@host:99999"):
        with pytest.raises(SendError) as e:
            parse_url(bad)
        assert "secret" not in str(e.value) and "NETLOG_SMTP_URL" in str(e.value)
