"""Benchmark `netlog import ics` against `netlog check` on the same log.

    python benchmarks/bench_capture.py [--events 5000] [--entries 10000] [--people 1000] [--repeat 3]

Generates a synthetic log (``genlog.py``) and a calendar of ``--events``
VEVENTs in the shapes real exports have (Google: UTC times with
X-WR-TIMEZONE, ``ATTENDEE;CN=…;PARTSTAT=…:mailto:…``, Meet links; Outlook:
Windows TZID names, Teams links, rooms; Apple: floating times; all-day
events; weekly series with RRULE, EXDATE and moved or cancelled
occurrences; cancelled and declined meetings). Attendees are people of the
log (by the address in their ``links``, or by name) and strangers. Then it
times, each as a subprocess after one untimed warm-up, ``--repeat`` rounds:

a. ``netlog check`` (the baseline);
b. ``netlog import ics`` of the whole calendar (``--since`` its first day),
   into a log without drafts (moved aside before every run): every occurrence
   expanded, matched and, when it has a known person, written as a draft;
c. ``netlog import ics`` with the default window (the last 90 days);
d. the same as b again on the drafts b wrote: everything is skipped as
   already imported.

and prints the median seconds, the CPU seconds (user + system) and the ratios
to a against the target (at most 3): the ratio of the medians and the median
of each round's ratio; the verdict takes the larger.

On ext4 without a journal (some virtual machines' disks), creating a file
skips every inode deleted in the last one to five minutes, one by one: after
thousands of deletions (a previous run's clean-up, a test suite) b's system
time grows several-fold. The drafts of one run are therefore moved aside,
not deleted, and runs of this script should be some minutes apart there.

Exit status 0 unless a command fails: a measurement, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from pathlib import Path

import genlog
from _common import (TODAY, CommandFailed, bench_env, netlog_cmd, positive_int, print_ratios, run, scratch_dir,
                     set_aside, timed_rounds)

TARGET = 3.0
VIDEO = ["https://meet.google.com/abc-defg-hij", "https://us02web.zoom.us/j/81234567890",
         "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0"]
ZONES = ["Europe/London", "America/New_York", "W. Europe Standard Time", "Pacific Standard Time"]


def _people(log: Path) -> list[tuple[str, str | None]]:
    """(name, e-mail address or None) of every person file genlog wrote."""
    out = []
    for path in sorted((log / "people").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        name = re.search(r"^name: (.*)$", text, re.M).group(1).strip().strip("'\"")
        email = re.search(r"^  email: (.*)$", text, re.M)
        out.append((name.replace("''", "'"), email.group(1).strip() if email else None))
    return out


def log_with_me(folder: Path, entries: int, people: int, seed: int) -> tuple[Path, list[tuple[str, str | None]]]:
    """A log by ``genlog.generate`` whose plugin options say ``me: [me@example.com]``, and the
    (name, address) of its people (:func:`_people`)."""
    project = genlog.generate(folder, entries, people, seed)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - netlog:\n", "  - netlog:\n      me: [me@example.com]\n", 1), encoding="utf-8")
    return project, _people(project / "log")


def _fold(line: str) -> str:
    """RFC 5545 folding at 75 octets (on character boundaries)."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > 74:
            out.append(current)
            current = " " + ch
        else:
            current += ch
    out.append(current)
    return "\r\n".join(out)


def _stamp(t: dt.datetime) -> str:
    return t.strftime("%Y%m%dT%H%M%S")


def make_calendar(path: Path, events: int, people, today: dt.date, seed: int = 1) -> tuple[dt.date, int]:
    """Write a calendar of ``events`` VEVENTs over the two years before ``today``;
    (its first day, the number of recurring series)."""
    rng = random.Random(seed)
    first = today - dt.timedelta(days=730)
    known_email = [p for p in people if p[1]]
    lines = ["BEGIN:VCALENDAR", "PRODID:-//netlog bench//capture//EN", "VERSION:2.0",
             "X-WR-TIMEZONE:Europe/London"]

    def attendees(n_known: int) -> list[str]:
        out = ["ATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:me@example.com"]
        for _ in range(n_known):
            if known_email and rng.random() < 0.6:
                name, email = rng.choice(known_email)
                out.append(f"ATTENDEE;CN=\"{name}\";PARTSTAT=ACCEPTED:mailto:{email.upper() if rng.random() < 0.2 else email}")
            else:
                name, _ = rng.choice(people)
                out.append(f"ATTENDEE;CN=\"{name}\";PARTSTAT=NEEDS-ACTION:mailto:x{rng.randrange(10**6)}@elsewhere.example")
        for _ in range(rng.randint(0, 2)):
            out.append(f"ATTENDEE;CN=Stranger {rng.randrange(10**5)};PARTSTAT=TENTATIVE:"
                       f"mailto:s{rng.randrange(10**6)}@unknown.example")
        if rng.random() < 0.05:
            out.append("ATTENDEE;CUTYPE=ROOM;CN=Room 5.01:mailto:room501@example.com")
        return out

    series = 0
    n = 0
    while n < events:
        day = first + dt.timedelta(days=rng.randrange(730))
        start = dt.datetime(day.year, day.month, day.day, rng.randrange(7, 19), rng.choice((0, 30)))
        uid = f"ev-{n}@bench.example"
        body = [f"UID:{uid}", "DTSTAMP:20261101T000000Z", f"SUMMARY:Meeting {n} about topic {rng.randrange(100)}"]
        shape = rng.random()
        if shape < 0.35:  # Google: UTC
            body.append(f"DTSTART:{_stamp(start)}Z")
            body.append(f"DTEND:{_stamp(start + dt.timedelta(minutes=30))}Z")
        elif shape < 0.7:  # Outlook and others: a zone
            zone = rng.choice(ZONES)
            body.append(f"DTSTART;TZID={zone}:{_stamp(start)}")
            body.append(f"DTEND;TZID={zone}:{_stamp(start + dt.timedelta(minutes=45))}")
            body.append("X-MICROSOFT-CDO-BUSYSTATUS:BUSY")
        elif shape < 0.9:  # Apple: floating
            body.append(f"DTSTART:{_stamp(start)}")
            body.append(f"DTEND:{_stamp(start + dt.timedelta(hours=1))}")
            body.append("X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC")
        else:  # all day
            body.append(f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}")
            body.append(f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}")
        if rng.random() < 0.4:
            body.append(f"DESCRIPTION:Join: {rng.choice(VIDEO)}\\nAgenda: item one\\, item two\\, item three and a "
                        "longer line of text that will need folding at seventy-five octets")
        else:
            body.append(f"LOCATION:Office {rng.randrange(1, 9)}\\, floor {rng.randrange(1, 20)}")
        if rng.random() < 0.03:
            body.append("STATUS:CANCELLED")
        body += attendees(rng.randint(1, 3))
        if rng.random() < 0.03:
            body[-1] = "ATTENDEE;CN=Me;PARTSTAT=DECLINED:mailto:me@example.com"
        recurring = rng.random() < 0.02 and "VALUE=DATE" not in "".join(body)
        if recurring:
            series += 1
            body.append("RRULE:FREQ=WEEKLY;COUNT=12")
            skip = start + dt.timedelta(weeks=2)
            zone_param = next((b.split(":")[0][len("DTSTART"):] for b in body if b.startswith("DTSTART")), "")
            suffix = "Z" if body[3].endswith("Z") else ""
            body.append(f"EXDATE{zone_param}:{_stamp(skip)}{suffix}")
        lines += ["BEGIN:VEVENT"] + [_fold(b) for b in body] + ["END:VEVENT"]
        n += 1
        if recurring and n < events:  # a moved occurrence of the series
            moved_from = start + dt.timedelta(weeks=3)
            moved_to = moved_from + dt.timedelta(days=1, hours=2)
            zone_line = next(b for b in body if b.startswith("DTSTART"))
            param, _value = zone_line.split(":", 1)
            suffix = "Z" if zone_line.endswith("Z") else ""
            over = [f"UID:{uid}", "DTSTAMP:20261101T000000Z",
                    f"RECURRENCE-ID{param[len('DTSTART'):]}:{_stamp(moved_from)}{suffix}",
                    f"{param}:{_stamp(moved_to)}{suffix}", "SUMMARY:Moved occurrence"] + attendees(1)
            lines += ["BEGIN:VEVENT"] + [_fold(b) for b in over] + ["END:VEVENT"]
            n += 1
    lines.append("END:VCALENDAR")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return first, series


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=positive_int, default=5000)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=positive_int, default=3, help="timed rounds (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the generated log")
    args = parser.parse_args(argv)
    today = dt.date.fromisoformat(TODAY)

    with scratch_dir(args.keep) as tmp:
        project, people = log_with_me(tmp / "project", args.entries, args.people, args.seed)
        cal = tmp / "calendar.ics"
        first, series = make_calendar(cal, args.events, people, today, args.seed)
        print(f"log: {args.entries} entries, {args.people} people ({sum(1 for p in people if p[1])} with an "
              f"address); calendar: {args.events} VEVENTs ({series} weekly series), "
              f"{cal.stat().st_size // 1024} KiB, {first} .. {today}", file=sys.stderr)
        netlog = netlog_cmd()
        env = bench_env(pycache=tmp / "pycache")
        drafts = project / "log" / "_drafts"
        jobs = {
            "a. netlog check": (netlog + ["check"], True),
            "b. netlog import ics (whole calendar, no drafts yet)":
                (netlog + ["import", "ics", str(cal), "--since", first.isoformat()], True),
            "c. netlog import ics (default window: 90 days)": (netlog + ["import", "ics", str(cal)], True),
            "d. netlog import ics (whole calendar again: all already imported)":
                (netlog + ["import", "ics", str(cal), "--since", first.isoformat()], False),
        }
        aside = tmp / "drafts-set-aside"
        whole = jobs["b. netlog import ics (whole calendar, no drafts yet)"][0]

        def before(name: str) -> None:
            if jobs[name][1]:
                set_aside(drafts, aside)
            if name.startswith("d."):  # d runs on the drafts of a whole import
                set_aside(drafts, aside)
                run(whole, project, env)

        try:
            times, cpu, outputs = timed_rounds({name: cmd for name, (cmd, _fresh) in jobs.items()}, project, env,
                                               args.repeat, before)
        except CommandFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1

    print_ratios(times, cpu, "a. netlog check", {name: TARGET for name in times})
    for name, out in outputs.items():
        if not name.startswith("a."):
            print(f"{name[:2]} {out.strip().splitlines()[-1] if out.strip() else '(no output)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
