"""Benchmark `netlog digest` against `netlog due` on the same log.

    python benchmarks/bench_digest.py [--entries 10000] [--people 1000] [--repeat 5]

Generates a synthetic log (``genlog.py``), then times, each as a subprocess
after one untimed warm-up, ``--repeat`` interleaved rounds of:

a. ``netlog due`` (the baseline: loads the log, computes the follow-ups);
b. ``netlog digest``: the same, plus birthdays, the reconnect ranking (tie
   strengths and the ledger of doors), the "since your last review" span,
   the streak, and the drafts and inbox lines waiting;
c. ``netlog digest --format html``.

and prints the median wall seconds, the CPU seconds (user + system) and the
ratios to a against the target (at most 1.5): the ratio of the medians and
the median of each round's ratio; the verdict takes the larger.

Exit status 0 unless a command fails: a measurement, not a test.
"""

from __future__ import annotations

import statistics
import sys

import genlog
from _common import (CommandFailed, bench_env, big_log_args, netlog_cmd, print_table, record, run, scratch_dir,
                     verdict)

TARGET = 1.5


def main(argv=None) -> int:
    args = big_log_args(__doc__.split("\n\n")[0], argv)
    with scratch_dir(args.keep) as tmp:
        project = genlog.generate(tmp / "project", args.entries, args.people, args.seed)
        netlog = netlog_cmd()
        env = bench_env(pycache=tmp / "pycache")
        jobs = {"a. netlog due": netlog + ["due"],
                "b. netlog digest": netlog + ["digest"],
                "c. netlog digest --format html": netlog + ["digest", "--format", "html"]}
        wall: dict[str, list[float]] = {name: [] for name in jobs}
        cpu: dict[str, list[tuple[float, float]]] = {name: [] for name in jobs}
        outputs: dict[str, str] = {}
        print(f"log: {args.entries} entries, {args.people} people", file=sys.stderr)
        try:
            for round_ in range(args.repeat + 1):  # round 0 is the warm-up
                for name, cmd in jobs.items():
                    r = run(cmd, project, env)
                    outputs[name] = r.stdout
                    record(wall, cpu, name, r, round_, args.repeat)
        except CommandFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1

    base_name = "a. netlog due"

    def cpu_median(name: str) -> float | None:
        return statistics.median(u + s for u, s in cpu[name]) if cpu[name] else None

    base, base_cpu = statistics.median(wall[base_name]), cpu_median(base_name)
    rows = []
    for name in jobs:
        m = statistics.median(wall[name])
        spent = cpu_median(name)
        per_round = statistics.median(t / b for t, b in zip(wall[name], wall[base_name]))
        cpu_ratio = f"{spent / base_cpu:.2f}" if spent is not None and base_cpu else "?"
        target = "" if name == base_name else f"<= {TARGET} {verdict(max(m / base, per_round), TARGET)}"
        rows.append([name, f"{m:.3f}", f"{spent:.2f}" if spent is not None else "?", f"{m / base:.2f}",
                     f"{per_round:.2f}", cpu_ratio, target])
    print()
    print_table(["command", "median wall s", "CPU s", "wall ratio to a", "per round", "CPU ratio", "target"], rows)
    print()
    digest = outputs["b. netlog digest"].splitlines()
    print(f"b. {digest[0] if digest else ''}: {sum(1 for line in digest if line.startswith('  - '))} listed lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
