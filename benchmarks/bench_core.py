"""Benchmark netlog's core (load, check, follow-ups) against a bare YAML loop.

    python benchmarks/bench_core.py [--sizes 1000,10000] [--large] [--repeat 5]

For each size (entries; people: a tenth of them, at least 200) it generates a
synthetic log (``genlog.py``) in a temporary folder and times, after one
untimed warm-up round, ``--repeat`` interleaved rounds that each run once:

a. the baseline (the parse floor): ``python -c`` with a bare loop that walks
   the log, reads every ``.md`` file, cuts the front matter out between the
   ``---`` lines and parses it with ``yaml.load(text, Loader=yaml.CSafeLoader)``;
b. ``netlog check`` in the project folder;
c. ``netlog due --today 2026-11-25 --all --format json`` there;
d. ``netlog --version`` and e. ``netlog --help`` (start-up alone; judged by
   their CPU seconds, at most 0.06 s, once, on the first size).

Every command must succeed (a failed one is never timed: the script stops
with its output). It prints per size the rounds, median, min and max wall
seconds, the median CPU seconds, and three ratios to a — of the medians, the
median of each round's ratio, and of the median CPU seconds — against the
target (at most 1.3; the verdict takes the largest), then the problem lines
``netlog check`` printed (``path:line: severity: …`` lines only, not its
summary). ``--large`` adds 100,000 entries (minutes of generation and runs).
Exit status 0 unless a command fails: a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys

import genlog
from _common import (TODAY, CommandFailed, bench_env, cpu_total, netlog_cmd, positive_int, print_ratios,
                     scratch_dir, timed_rounds)

TARGET = 1.3
TARGET_STARTUP_CPU = 0.06  # seconds of user + system for `netlog --version` / `--help`
PROBLEM_LINE = re.compile(r":\d+: (error|warning): ")

BASELINE = """\
import os, sys, yaml
count = 0
for root, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith(("_", "."))]
    for name in files:
        if not name.endswith(".md"):
            continue
        with open(os.path.join(root, name), encoding="utf-8-sig") as f:
            text = f.read()
        if text.startswith("---"):
            end = text.find("\\n---", 3)
            yaml.load(text[3:end], Loader=yaml.CSafeLoader)
            count += 1
print(count)
"""


def sizes(text: str) -> list[int]:
    """``1000,10000`` -> [1000, 10000]."""
    return [positive_int(part) for part in text.split(",") if part.strip()]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=sizes, default=[1000, 10000], help="entries per log (default 1000,10000)")
    parser.add_argument("--large", action="store_true", help="add a log of 100,000 entries (slow)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=positive_int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--keep", action="store_true", help="keep the generated logs")
    args = parser.parse_args(argv)
    todo = args.sizes + ([100000] if args.large else [])
    netlog = netlog_cmd()
    status = 0
    with scratch_dir(args.keep) as tmp:
        env = bench_env(pycache=tmp / "pycache")
        for n, entries in enumerate(todo):
            people = max(entries // 10, 200)
            project = genlog.generate(tmp / f"project-{entries}", entries, people, args.seed)
            print(f"log: {entries} entries, {people} people (seed {args.seed}); {args.repeat} rounds",
                  file=sys.stderr)
            jobs = {
                "a. baseline: walk + read + CSafeLoader": [sys.executable, "-c", BASELINE, "log"],
                "b. netlog check": netlog + ["check"],
                "c. netlog due --all --format json": netlog + ["due", "--today", TODAY, "--all", "--format", "json"],
            }
            startup = {"d. netlog --version": netlog + ["--version"], "e. netlog --help": netlog + ["--help"]}
            if n == 0:
                jobs.update(startup)
            try:
                times, cpu, outputs = timed_rounds(jobs, project, env, args.repeat)
            except CommandFailed as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
            print(f"\n== {entries} entries, {people} people ==")
            core = {name: times[name] for name in times if name not in startup}
            print_ratios(core, cpu, "a. baseline: walk + read + CSafeLoader",
                         {name: TARGET for name in core})
            problems = [line for line in outputs["b. netlog check"].splitlines() if PROBLEM_LINE.search(line)]
            items = len(json.loads(outputs["c. netlog due --all --format json"])["items"])
            print(f"baseline parsed {outputs['a. baseline: walk + read + CSafeLoader'].strip()} files; "
                  f"netlog check printed {len(problems)} problem line(s); netlog due listed {items} item(s)")
            for line in problems[:10]:
                print(f"  {line}")
            for name in startup:
                if name in times:
                    spent = cpu_total(cpu[name])
                    ok = "ok" if spent <= TARGET_STARTUP_CPU else "OVER TARGET"
                    print(f"{name}: {len(times[name])} rounds, CPU median {spent:.3f} s "
                          f"(min {min(u + s for u, s in cpu[name]):.3f}, max {max(u + s for u, s in cpu[name]):.3f}), "
                          f"wall median {statistics.median(times[name]):.3f} s; "
                          f"target <= {TARGET_STARTUP_CPU} s CPU: {ok}")
    return status


if __name__ == "__main__":
    sys.exit(main())
