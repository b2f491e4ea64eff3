"""Benchmark `netlog done` and `netlog snooze` against `netlog check` on the same log.

    python benchmarks/bench_acting.py [--entries 10000] [--people 1000] [--repeat 5]

Generates a synthetic log (``genlog.py``), picks the person with the most
open items (``netlog due --all --format json``), then times, each as a
subprocess after one untimed warm-up, ``--repeat`` interleaved rounds of:

a. ``netlog check`` (the baseline);
b. ``netlog done PERSON``: loads the log, computes the person's items, writes
   the entry that closes them (moved out of the log after each run, so every
   round starts from the same log);
c. ``netlog snooze PERSON --for 2w``: loads the log, edits one line of the
   person's file, computes the items it moved (the file's bytes are put back
   after each run, and synced).

and prints the median wall seconds, the CPU seconds (user + system) and the
ratios to a against the target (at most 1.5): the ratio of the medians and
the median of each round's ratio; the verdict takes the larger.

Exit status 0 unless a command fails: a measurement, not a test.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
from collections import Counter

import genlog
from _common import (CommandFailed, bench_env, big_log_args, netlog_cmd, print_table, record, run,
                     scratch_dir, verdict)

TARGET = 1.5


def restore(path, data: bytes) -> None:
    """Put ``data`` back into ``path`` and sync it: the next run's own fsync must not pay for
    flushing a write of this script's (ext4 commits every pending write with it)."""
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def main(argv=None) -> int:
    args = big_log_args(__doc__.split("\n\n")[0], argv)
    with scratch_dir(args.keep) as tmp:
        project = genlog.generate(tmp / "project", args.entries, args.people, args.seed)
        netlog = netlog_cmd()
        env = bench_env(pycache=tmp / "pycache")
        items = json.loads(run(netlog + ["due", "--all", "--format", "json"], project, env).stdout)["items"]
        slug, count = Counter(i["person"] for i in items if i["person"]).most_common(1)[0]
        person_file = project / "log" / "people" / f"{slug}.md"
        original = person_file.read_bytes()
        aside = tmp / "done-entries"
        aside.mkdir()
        print(f"log: {args.entries} entries, {args.people} people; acting on {slug} ({count} open items)",
              file=sys.stderr)
        jobs = {"a. netlog check": netlog + ["check"],
                "b. netlog done PERSON": netlog + ["done", slug, "--no-edit"],
                "c. netlog snooze PERSON --for 2w": netlog + ["snooze", slug, "--for", "2w"]}
        times: dict[str, list[float]] = {name: [] for name in jobs}
        cpu: dict[str, list[tuple[float, float]]] = {name: [] for name in jobs}
        outputs: dict[str, str] = {}
        try:
            for round_ in range(args.repeat + 1):  # round 0 is the warm-up
                for name, cmd in jobs.items():
                    r = run(cmd, project, env)
                    outputs[name] = r.stdout
                    if name.startswith("b."):  # the entry written: out of the log again
                        written = project / r.stdout.splitlines()[0]
                        written.rename(aside / f"{round_}-{written.name}")
                    if name.startswith("c."):
                        restore(person_file, original)
                    record(times, cpu, name, r, round_, args.repeat)
        except CommandFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1

    base = statistics.median(times["a. netlog check"])
    base_cpu = statistics.median(u + s for u, s in cpu["a. netlog check"]) if cpu["a. netlog check"] else None
    rows = []
    for name, ts in times.items():
        m = statistics.median(ts)
        spent = statistics.median(u + s for u, s in cpu[name]) if cpu[name] else None
        shown_cpu = f"{spent:.2f}" if spent is not None else "?"
        if name.startswith("a."):
            rows.append([name, f"{m:.3f}", shown_cpu, "1.00", "1.00", "1.00", ""])
            continue
        rounds = statistics.median(t / a for t, a in zip(ts, times["a. netlog check"]))
        cpu_ratio = f"{spent / base_cpu:.2f}" if spent is not None and base_cpu else "?"
        rows.append([name, f"{m:.3f}", shown_cpu, f"{m / base:.2f}", f"{rounds:.2f}", cpu_ratio,
                     f"<= {TARGET} {verdict(max(m / base, rounds), TARGET)}"])
    print()
    print_table(["command", "median wall s", "CPU s", "wall ratio to a", "per round", "CPU ratio", "target"], rows)
    print()
    for name, out in outputs.items():
        if not name.startswith("a."):
            print(f"{name[:2]} {out.strip().splitlines()[1] if len(out.strip().splitlines()) > 1 else out.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
