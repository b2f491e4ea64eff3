"""Benchmark netlog's core (load, check, follow-ups) against a bare YAML loop.

    python benchmarks/bench_core.py [--entries 10000] [--people 1000] [--repeat 5]

Generates a synthetic log (``genlog.py``) in a temporary folder, then times,
each as a subprocess run ``--repeat`` times after one warm-up run:

a. the baseline: ``python -c`` with a bare loop that walks the log, reads
   every ``.md`` file, cuts the front matter out between the ``---`` lines
   and parses it with ``yaml.load(text, Loader=yaml.CSafeLoader)``;
b. ``netlog check`` in the project folder;
c. ``netlog due --today 2026-11-25 --all --format json`` there.

and prints the median seconds with the ratios b/a and c/a against the target
(at most 1.5). The exit status is 0 unless a command fails: this is a
measurement, not a test.
"""

from __future__ import annotations

import json
import sys

import genlog
from _common import (TODAY, CommandFailed, bench_env, big_log_args, measure_all, mib, netlog_cmd,
                     print_table, scratch_dir, verdict)

TARGET = 1.5

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


def main(argv=None) -> int:
    args = big_log_args(__doc__.split("\n\n")[0], argv)

    with scratch_dir(args.keep) as tmp:
        project = genlog.generate(tmp / "project", args.entries, args.people, args.seed)
        print(f"log: {args.entries} entries, {args.people} people "
              f"(seed {args.seed}); {args.repeat} runs each", file=sys.stderr)
        netlog = netlog_cmd()
        jobs = {
            "a. baseline: walk + read + CSafeLoader":
                ([sys.executable, "-c", BASELINE, "log"], project),
            "b. netlog check": (netlog + ["check"], project),
            "c. netlog due --all --format json":
                (netlog + ["due", "--today", TODAY, "--all", "--format", "json"], project),
        }
        try:
            results = measure_all(jobs, args.repeat, env=bench_env(pycache=tmp / "pycache"))
        except CommandFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1

    base, check, due = results.values()
    problems = [line for line in (check.stdout + check.stderr).splitlines() if line.strip()]
    items = len(json.loads(due.stdout)["items"])

    print()
    print_table(
        ["command", "median s", "min s", "max s", "peak RSS", "ratio to a", "target"],
        [[name, f"{m.median:.3f}", f"{min(m.times):.3f}", f"{max(m.times):.3f}",
          mib(m.max_rss),
          "1.00" if m is base else f"{m.median / base.median:.2f}",
          "" if m is base else f"<= {TARGET} {verdict(m.median / base.median, TARGET)}"]
         for name, m in results.items()])
    print()
    print(f"baseline parsed {base.stdout.strip()} files; "
          f"netlog check printed {len(problems)} problem line(s); "
          f"netlog due listed {items} item(s)")
    for line in problems[:10]:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
