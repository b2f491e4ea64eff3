"""Benchmark `netlog import mail` against `netlog check` on a log of the same size.

    python benchmarks/bench_mail.py [--messages 20000] [--people 1000] [--repeat 5]

Generates a synthetic log of ``--messages`` entries (``genlog.py``) and an
mbox of ``--messages`` messages in the shapes real exports have: Gmail's
multipart/alternative with quoted-printable text and HTML, Outlook's HTML-only
base64 in windows-1252, plain replies with quoted lines and signatures,
threads answered the same day and the next, encoded-word subjects,
introductions and rejections, mailing-list and no-reply mail, and strangers.
Senders and recipients are people of the log (by the address in their
``links``) and strangers. Then it times, each as a subprocess after one
untimed warm-up, ``--repeat`` rounds of:

a. ``netlog check`` (the baseline);
b. ``netlog import mail`` of the whole mbox (``--since`` its first day) into a
   log without drafts (moved aside before every run): every message parsed,
   matched, and its thread drafted;
c. the same again on the drafts b wrote: every thread skipped as already
   imported.

It prints the median wall seconds, the CPU seconds (user + system) and the
ratios to a (targets: b at most 3, c at most 1.5; the verdict takes the larger
of the ratio of the medians and the median of each round's ratio). Then it
measures the peak memory (maximum resident set size) of b on an mbox of a
quarter of the messages and on the whole one: streaming keeps it nearly the
same.

Exit status 0 unless a command fails: a measurement, not a test.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import quopri
import random
import sys
from email.header import Header
from pathlib import Path

from _common import (TODAY, CommandFailed, bench_env, mib, netlog_cmd, positive_int, print_ratios, print_table,
                     run, scratch_dir, set_aside, timed_rounds)
from bench_capture import log_with_me

TARGETS = {"b": 3.0, "c": 1.5}
WORDS = ("matter intake contract review budget hearing panel role team process template forum "
         "knowledge legal operations coffee lunch follow-up thanks introduction report").split()


def _body(rng: random.Random, sentences: int) -> str:
    return "\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize() + "."
                     for _ in range(sentences))


def _message(rng: random.Random, n: int, when: dt.datetime, sender: str, to: list[str], subject: str,
             thread: str | None, text: str, shape: str, extra: str = "") -> bytes:
    date = when.strftime("%a, %d %b %Y %H:%M:%S +0000")
    head = [f"From: {sender}", f"To: {', '.join(to)}", f"Subject: {subject}", f"Date: {date}",
            f"Message-ID: <m{n}.{rng.randrange(10**9)}@mail.example>", "MIME-Version: 1.0"]
    if thread:
        head += [f"In-Reply-To: <{thread}>", f"References: <{thread}>"]
    if extra:
        head.append(extra)
    if shape == "gmail":
        qp = quopri.encodestring(text.encode("utf-8")).decode("ascii")
        html = quopri.encodestring(("<div dir=\"ltr\">" + text.replace("\n", "<br>") + "</div>").encode()).decode()
        body = ("Content-Type: multipart/alternative; boundary=\"b1\"\n\n--b1\n"
                "Content-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n"
                f"{qp}\n--b1\nContent-Type: text/html; charset=\"UTF-8\"\n"
                f"Content-Transfer-Encoding: quoted-printable\n\n{html}\n--b1--\n")
    elif shape == "outlook":
        html = "<html><body><p>" + text.replace("\n", "</p><p>") + "</p></body></html>"
        body = ("Content-Type: text/html; charset=\"Windows-1252\"\nContent-Transfer-Encoding: base64\n\n"
                + base64.encodebytes(html.encode("cp1252", "replace")).decode("ascii"))
    else:
        quote = "\n".join("> " + line for line in _body(rng, 3).split("\n"))
        body = (f"Content-Type: text/plain; charset=utf-8\n\n{text}\n\nOn {date}, someone wrote:\n{quote}\n"
                "-- \nSent from my phone\n")
    return ("\n".join(head) + "\n" + body).encode("utf-8")


def make_mbox(path: Path, count: int, people: list[tuple[str, str | None]], today: dt.date, seed: int) -> dt.date:
    """Write an mbox of ``count`` messages ending ``today``; the first message's date."""
    rng = random.Random(seed)
    known = [(name, email) for name, email in people if email]
    first = today - dt.timedelta(days=max(30, count // 40))
    span = (today - first).days
    me = "Me Myself <me@example.com>"
    with open(path, "wb") as out:
        n = 0
        while n < count:
            when = dt.datetime.combine(first + dt.timedelta(days=rng.randrange(span)), dt.time(8)) + \
                dt.timedelta(minutes=rng.randrange(600))
            name, email = rng.choice(known)
            them = f"{Header(name, 'utf-8').encode()} <{email}>" if rng.random() < 0.3 else f"{name} <{email}>"
            roll = rng.random()
            shape = rng.choice(("gmail", "outlook", "plain"))
            extra = ""
            subject = rng.choice(["Catch-up", "Your application", "Coffee next week?", "Report", "Matter intake"])
            text = _body(rng, rng.randint(2, 8))
            if roll < 0.1:
                sender, to, extra = "Forum <forum@lists.example>", [me], "List-Id: <forum.lists.example>"
            elif roll < 0.15:
                sender, to = "Service <no-reply@service.example>", [me]
            elif roll < 0.3:
                sender, to = f"Stranger {n} <s{n}@unknown.example>", [me]
            elif roll < 0.35:
                other = rng.choice(known)
                sender, to, subject = them, [me, f"{other[0]} <{other[1]}>"], f"Intro: you <> {other[0]}"
            elif roll < 0.4:
                sender, to = them, [me]
                text += "\nWe have decided to move forward with other candidates."
            else:
                sender, to = (them, [me]) if rng.random() < 0.6 else (me, [them])
            msgs = [(sender, to, subject, None)]
            if roll >= 0.4 and rng.random() < 0.4:  # a thread answered the same day
                msgs.append((to[0], [sender], f"Re: {subject}", "first"))
            first_id = None
            for k, (s, t, subj, thread) in enumerate(msgs):
                if n >= count:
                    break
                data = _message(rng, n, when + dt.timedelta(hours=k), s, t, subj, first_id if thread else None,
                                text, shape, extra)
                if first_id is None:
                    first_id = data.split(b"Message-ID: <", 1)[1].split(b">", 1)[0].decode()
                out.write(b"From MAILER-DAEMON Thu Nov  5 19:03:44 2026\n" + data + b"\n")
                n += 1
    return first


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=positive_int, default=20000)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=positive_int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--keep", action="store_true", help="keep the generated log")
    args = parser.parse_args(argv)
    today = dt.date.fromisoformat(TODAY)

    with scratch_dir(args.keep) as tmp:
        project, people = log_with_me(tmp / "project", args.messages, args.people, args.seed)
        box = tmp / "All mail.mbox"
        first = make_mbox(box, args.messages, people, today, args.seed)
        quarter = tmp / "quarter.mbox"
        make_mbox(quarter, args.messages // 4, people, today, args.seed)
        print(f"log: {args.messages} entries, {args.people} people; mbox: {args.messages} messages, "
              f"{box.stat().st_size // 1024} KiB, {first} .. {today}", file=sys.stderr)
        netlog = netlog_cmd()
        env = bench_env(pycache=tmp / "pycache")
        drafts = project / "log" / "_drafts"
        since = ["--since", first.isoformat()]
        whole = netlog + ["import", "mail", str(box)] + since
        jobs = {
            "a. netlog check": netlog + ["check"],
            "b. netlog import mail (whole mbox, no drafts yet)": whole,
            "c. netlog import mail (again: every thread already imported)": whole,
        }
        aside = tmp / "drafts-set-aside"
        rss: dict[str, int | None] = {}
        try:
            times, cpu, outputs = timed_rounds(jobs, project, env, args.repeat,
                                               lambda name: name.startswith("b.") and set_aside(drafts, aside))
            for label, mbox in ((f"{args.messages // 4} messages", quarter), (f"{args.messages} messages", box)):
                set_aside(drafts, aside)
                rss[label] = run(netlog + ["import", "mail", str(mbox)] + since, project, env).max_rss
        except CommandFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1

    print_ratios(times, cpu, "a. netlog check", {name: TARGETS[name[0]] for name in times if name[0] in TARGETS})
    print_table(["import mail of", "peak memory (max RSS)"], [[label, mib(v)] for label, v in rss.items()])
    print()
    for name, out in outputs.items():
        if not name.startswith("a."):
            print(f"{name[:2]} {out.strip().splitlines()[-1] if out.strip() else '(no output)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
