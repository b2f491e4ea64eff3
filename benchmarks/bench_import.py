"""Benchmark ``netlog import linkedin`` and ``netlog import vcard`` against ``netlog check``.

    python benchmarks/bench_import.py [--contacts 5000] [--repeat 5]

Writes a LinkedIn ``Connections.csv`` (its "Notes:" preamble, CRLF line ends, quoted
companies and positions, some addresses) and a vCard file (3.0 and 4.0 cards with ``N``,
``ORG``, ``TITLE``, e-mail, phone, a folded ``NOTE``) of ``--contacts`` people each, with
unique names, and a log of as many person files (``genlog.py``: the same size as the log the
import writes). After one untimed warm-up round, ``--repeat`` interleaved rounds time:

a. ``netlog check`` on that log (the baseline);
b. ``netlog import linkedin Connections.csv`` into a log with no people yet;
c. ``netlog import vcard contacts.vcf`` into a log with no people yet.

Before each import the people it wrote last time are moved aside (not deleted: see
bench_capture.py on freed inodes), so every run writes all of them, and the import's wall time
includes making them durable. The table is ``print_ratios``' (rounds, wall and CPU, three
ratios), target at most 3 (issue 27). Exit status 0 unless a command fails.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import genlog
from _common import (CommandFailed, bench_env, netlog_cmd, positive_int, print_last_lines, print_ratios, scratch_dir,
                     set_aside, timed_rounds)

TARGET = 3.0
FIRST = ["Ada", "Bram", "Chiara", "Dmitri", "Elif", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kemi", "Luca",
         "Maya", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Søren", "Tomás", "Uma", "Vikram", "Wen", "Yusuf", "Zoë"]
LAST = ["Okafor", "Lindqvist", "Brennan", "Novak", "Haddad", "Moreau", "Kowalski", "Tanaka", "Ferreira", "Müller",
        "O'Connell", "Nguyen", "Rossi", "Shah", "Ivanova", "García", "Walsh", "Kim", "Osei", "Dubois"]
ORGS = ["Harbour & Vale LLP", "Nordhavn Advokater", "Marlowe, Stroud & Co", "Castellan Wright", "Acme Ltd",
        "Example Partners LLP", "Blue Fern", "Kestrel Labs"]
TITLES = ["Partner", "Head of Operations", "Director of Legal Operations", "Practice Manager", "Engineer",
          "Partner, Disputes", "Knowledge Lawyer"]


def people(n: int, seed: int) -> list[tuple[str, str, str, str, str | None]]:
    """(first, last, org, title, e-mail or None) for ``n`` people with unique names."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        last = f"{last} {chr(65 + i % 26)}{i // 26}"  # unique: a middle part numbered
        email = f"p{i}@{rng.choice(['example.com', 'mail.example', 'firm.example'])}" if rng.random() < 0.6 else None
        out.append((first, last, rng.choice(ORGS), rng.choice(TITLES), email))
    return out


def _csv(value: str) -> str:
    return f'"{value}"' if any(c in value for c in ',"') else value


def write_linkedin(path: Path, rows) -> None:
    lines = ["Notes:", '"When exporting your connection data, you may notice that some of the email addresses are '
             'missing."', "", "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for i, (first, last, org, title, email) in enumerate(rows):
        lines.append(",".join([first, _csv(last), f"https://www.linkedin.com/in/member-{i}", email or "", _csv(org),
                               _csv(title), f"{1 + i % 28:02d} Mar {2015 + i % 11}"]))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


def write_vcard(path: Path, rows) -> None:
    cards = []
    for i, (first, last, org, title, email) in enumerate(rows):
        version = "3.0" if i % 3 else "4.0"
        card = ["BEGIN:VCARD", f"VERSION:{version}", f"N:{last};{first};;;", f"FN:{first} {last}",
                f"ORG:{org.replace(',', chr(92) + ',')}", f"TITLE:{title.replace(',', chr(92) + ',')}"]
        if email:
            card.append(f"EMAIL;TYPE=INTERNET;TYPE=WORK:{email}")
        card.append(f"TEL;TYPE=CELL:+44 20 7946 {i % 10000:04d}")
        if i % 4 == 0:
            card += ["NOTE:Met at the spring forum\\, table 6. Wants to compare matter-intake f", " orms."]
        card.append("END:VCARD")
        cards += card
    path.write_bytes(("\r\n".join(cards) + "\r\n").encode("utf-8"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=positive_int, default=5000)
    parser.add_argument("--repeat", type=positive_int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)
    with scratch_dir(args.keep) as tmp:
        base = genlog.generate(tmp / "log-checked", 0, args.contacts, args.seed)
        target = genlog.generate(tmp / "log-imported", 0, 0, args.seed)
        rows = people(args.contacts, args.seed)
        write_linkedin(tmp / "Connections.csv", rows)
        write_vcard(tmp / "contacts.vcf", rows)
        print(f"{args.contacts} contacts; the checked log has {args.contacts} people; {args.repeat} rounds",
              file=sys.stderr)
        netlog = netlog_cmd()
        jobs = {"a. netlog check": netlog + ["check"],
                "b. netlog import linkedin": netlog + ["import", "linkedin", str(tmp / "Connections.csv")],
                "c. netlog import vcard": netlog + ["import", "vcard", str(tmp / "contacts.vcf")]}
        people_dir = target / "log" / "people"
        aside = tmp / "people-set-aside"

        def before(name: str) -> None:
            if not name.startswith("a."):
                set_aside(people_dir, aside)
                people_dir.mkdir(parents=True)

        try:
            times, cpu, outputs = timed_rounds(jobs, {"a. netlog check": base, "b. netlog import linkedin": target,
                                                      "c. netlog import vcard": target},
                                               bench_env(pycache=tmp / "pycache"), args.repeat, before)
        except CommandFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    print_ratios(times, cpu, "a. netlog check", {name: TARGET for name in times})
    print_last_lines(outputs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
