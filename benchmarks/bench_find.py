"""Benchmark ``netlog find`` against ``netlog check`` on the same log.

    python benchmarks/bench_find.py [--entries 10000] [--people 1000] [--repeat 5]

Generates a synthetic log (``genlog.py``) in a temporary folder, then times,
each as a subprocess, after one untimed warm-up round, ``--repeat`` rounds
that run every command once in turn:

a. the baseline: ``netlog check`` (it loads and checks the whole log, as
   ``find`` must load it);
b. ``netlog find TOPIC``: a word of the notes that many entries share, so
   that many notes are searched line by line and many hits printed;
c. ``netlog find NAME --format json``: a person's name (their person file,
   and every entry with them in ``with`` or ``via``);
d. ``netlog find ORG``: the org with the most people.

and prints the median wall-clock seconds, the median CPU seconds (user +
system) and the ratios to a against the target (at most 1.5, issue 28): the
ratio of the medians and the median of each round's ratio, for wall-clock
and CPU time; the verdict takes the largest. Exit status 0 unless a command
fails: a measurement, not a test.
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter

import genlog
from _common import (CommandFailed, bench_env, big_log_args, netlog_cmd, print_table, run, scratch_dir,
                     verdict)

TARGET = 1.5


def pick_queries(project) -> tuple[str, str, str]:
    """(a topic word of the notes, a person's name, the org with the most people) of the generated log."""
    from netlog.config import read_project
    from netlog.load import load_log

    proj, _ = read_project(str(project / "mkdocs.yml"))
    log, _ = load_log(proj.docs_dir, proj.options)
    real = sorted((p for p in log.people.values() if not p.stub), key=lambda p: p.slug)
    orgs = Counter(p.org for p in log.people.values() if p.org)
    return genlog.TOPICS[0], real[0].name, orgs.most_common(1)[0][0]


def main(argv=None) -> int:
    args = big_log_args(__doc__.split("\n\n")[0], argv)

    with scratch_dir(args.keep) as tmp:
        project = genlog.generate(tmp / "project", args.entries, args.people, args.seed)
        topic, name, org = pick_queries(project)
        print(f"log: {args.entries} entries, {args.people} people (seed {args.seed}); {args.repeat} rounds; "
              f"queries {topic!r}, {name!r}, {org!r}", file=sys.stderr)
        netlog = netlog_cmd()
        env = bench_env(pycache=tmp / "pycache")
        jobs = {
            "a. netlog check": netlog + ["check"],
            f"b. netlog find {topic!r}": netlog + ["find", topic],
            f"c. netlog find {name!r} --format json": netlog + ["find", name, "--format", "json"],
            f"d. netlog find {org!r}": netlog + ["find", org],
        }
        wall: dict[str, list[float]] = {n: [] for n in jobs}
        cpu: dict[str, list[float]] = {n: [] for n in jobs}
        hits: dict[str, int] = {}
        try:
            for round_ in range(args.repeat + 1):  # round 0 is the warm-up
                for job, cmd in jobs.items():
                    r = run(cmd, project, env)
                    hits[job] = len(r.stdout.splitlines())
                    if round_:
                        wall[job].append(r.seconds)
                        if r.user is not None:
                            cpu[job].append(r.user + r.system)
                        print(f"  {job}: run {round_}/{args.repeat}: {r.seconds:.2f} s", file=sys.stderr,
                              flush=True)
        except CommandFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1

    base = "a. netlog check"
    rows = []
    for job in jobs:
        w, c = statistics.median(wall[job]), statistics.median(cpu[job]) if cpu[job] else float("nan")
        if job == base:
            rows.append([job, f"{w:.3f}", f"{c:.3f}", "1.00", "1.00", "1.00", "1.00", "", ""])
            continue
        # a round's runs follow each other: a slow spell of a busy machine weighs on both sides
        w_rounds = statistics.median(t / a for t, a in zip(wall[job], wall[base]))
        c_rounds = statistics.median(t / a for t, a in zip(cpu[job], cpu[base])) if cpu[job] else float("nan")
        c_ratio = c / statistics.median(cpu[base]) if cpu[job] else float("nan")
        worst = max(w / statistics.median(wall[base]), w_rounds, c_ratio, c_rounds)
        rows.append([job, f"{w:.3f}", f"{c:.3f}", f"{w / statistics.median(wall[base]):.2f}", f"{w_rounds:.2f}",
                     f"{c_ratio:.2f}", f"{c_rounds:.2f}", str(hits[job]), f"<= {TARGET} {verdict(worst, TARGET)}"])
    print()
    print_table(["command", "wall s", "CPU s", "wall ratio", "per round", "CPU ratio", "per round",
                 "lines out", "target"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
