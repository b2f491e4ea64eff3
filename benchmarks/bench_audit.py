"""Benchmark ``netlog audit`` (the network audit, docs/format.md §13) against ``netlog check``.

    python benchmarks/bench_audit.py [--entries 10000] [--people 1000] [--repeat 5]

Generates a synthetic log (``genlog.py``) in a temporary folder and gives it
the options the audit reads: ``roles`` (the three most common tags and one no
one has: a gap) and two ``goals`` (the org and the tag with the most people,
and the first person by slug). Then times, each as a subprocess after one
warm-up round, in ``--repeat`` interleaved rounds (a, b, c, a, b, c, …):

a. the baseline: ``netlog check`` (it loads and checks the whole log, as the
   audit must);
b. ``netlog audit`` (text);
c. ``netlog audit --format json``;

and prints the median wall seconds, the median CPU seconds (user + system),
the ratio of the medians to a and the median of each round's ratio, against
the target (at most 2, issue 24). It also times, in this process, the audit's
own work on the loaded log (``network_audit``) and the openness part alone,
whose closed-pairs share must not grow with the square of the people: it
counts ties per org, per entry and per introduction. The exit status is 0
unless a command fails: this is a measurement, not a test.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from collections import Counter

import genlog
from _common import (TODAY, CommandFailed, bench_env, big_log_args, netlog_cmd, print_table, run,
                     scratch_dir, verdict)

TARGET = 2.0


def add_options(project) -> dict:
    """Write ``roles`` and ``goals`` into the generated mkdocs.yml; the options written."""
    from netlog.config import read_project
    from netlog.load import load_log
    from netlog.slug import slugify

    proj, _ = read_project(str(project / "mkdocs.yml"))
    log, _ = load_log(proj.docs_dir, proj.options)
    tags = [t for t, _ in Counter(t for p in log.people.values() for t in p.tags).most_common(3)]
    org = Counter(slugify(p.org) for p in log.people.values() if p.org).most_common(1)[0][0]
    first = sorted(s for s, p in log.people.items() if not p.stub)[0]
    roles = {f"role-{t}": t for t in tags} | {"connector": "no-one-has-this-tag"}
    goals = [{"name": "Reach the biggest org", "targets": [f"org:{org}", f"tag:{tags[0]}"]},
             {"name": "Meet the first person", "targets": [first]}]
    config = project / "mkdocs.yml"
    extra = "      roles: " + json.dumps(roles) + "\n      goals: " + json.dumps(goals) + "\n"
    config.write_text(config.read_text(encoding="utf-8").replace("  - netlog:\n", "  - netlog:\n" + extra, 1),
                      encoding="utf-8")
    return {"roles": roles, "goals": goals}


def in_process(project, repeat: int) -> dict[str, float]:
    """Median seconds of the audit's work on the loaded log, and of its openness part."""
    from netlog import audit as audit_mod
    from netlog.config import read_project
    from netlog.load import load_log
    from netlog.serendipity import Network, Ties
    from netlog.since import contacts_as_of

    proj, _ = read_project(str(project / "mkdocs.yml"))
    log, _ = load_log(proj.docs_dir, proj.options)
    today = dt.date.fromisoformat(TODAY)
    times: dict[str, list[float]] = {"network_audit (every part)": [], "openness (ties given)": []}
    for _ in range(repeat):
        start = time.perf_counter()
        audit_mod.network_audit(log, today)
        times["network_audit (every part)"].append(time.perf_counter() - start)
        net = Network.of(log, today)
        ties = Ties.of(log, today, net.intros)
        contacts = contacts_as_of(log, today)
        start = time.perf_counter()
        audit_mod.openness(log, today, ties, net.strength, contacts)
        times["openness (ties given)"].append(time.perf_counter() - start)
    return {k: statistics.median(v) for k, v in times.items()}


def main(argv=None) -> int:
    args = big_log_args(__doc__.split("\n\n")[0], argv)

    with scratch_dir(args.keep) as tmp:
        project = genlog.generate(tmp / "project", args.entries, args.people, args.seed)
        opts = add_options(project)
        print(f"log: {args.entries} entries, {args.people} people (seed {args.seed}); {args.repeat} rounds; "
              f"roles {sorted(opts['roles'])}; goals {[g['targets'] for g in opts['goals']]}", file=sys.stderr)
        netlog = netlog_cmd()
        env = bench_env(pycache=tmp / "pycache")
        jobs = {
            "a. netlog check": netlog + ["check"],
            "b. netlog audit": netlog + ["audit", "--today", TODAY],
            "c. netlog audit --format json": netlog + ["audit", "--today", TODAY, "--format", "json"],
        }
        times: dict[str, list[float]] = {name: [] for name in jobs}
        cpu: dict[str, list[float]] = {name: [] for name in jobs}
        outputs: dict[str, str] = {}
        try:
            for round_ in range(args.repeat + 1):  # round 0 is the warm-up
                for name, cmd in jobs.items():
                    r = run(cmd, project, env)
                    outputs[name] = r.stdout
                    if round_:
                        times[name].append(r.seconds)
                        if r.user is not None:
                            cpu[name].append(r.user + r.system)
                        print(f"  {name}: run {round_}/{args.repeat}: {r.seconds:.2f} s", file=sys.stderr,
                              flush=True)
        except CommandFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        inner = in_process(project, args.repeat)

    base = statistics.median(times["a. netlog check"])
    base_cpu = statistics.median(cpu["a. netlog check"]) if cpu["a. netlog check"] else None
    rows = []
    for name, ts in times.items():
        m = statistics.median(ts)
        c = statistics.median(cpu[name]) if cpu[name] else None
        spent = f"{c:.2f}" if c is not None else "?"
        if name.startswith("a."):
            rows.append([name, f"{m:.3f}", f"{min(ts):.3f}", f"{max(ts):.3f}", spent, "1.00", "1.00", "1.00", ""])
            continue
        rounds = statistics.median(t / a for t, a in zip(ts, times["a. netlog check"]))
        cpu_ratio = f"{c / base_cpu:.2f}" if c is not None and base_cpu else "?"
        rows.append([name, f"{m:.3f}", f"{min(ts):.3f}", f"{max(ts):.3f}", spent, f"{m / base:.2f}",
                     f"{rounds:.2f}", cpu_ratio, f"<= {TARGET} {verdict(max(m / base, rounds), TARGET)}"])
    print()
    print_table(["command", "median s", "min s", "max s", "CPU s", "ratio to a", "per round", "CPU ratio",
                 "target"], rows)
    print()
    print_table(["in process, same log", "median s"], [[k, f"{v:.3f}"] for k, v in inner.items()])
    data = json.loads(outputs["c. netlog audit --format json"])
    o = data["openness"]
    print(f"\nopenness: {o['entries']} entries, {o['contacts']} people met, {o['tied_pairs']} of {o['pairs']} "
          f"pairs tied; {sum(r['gap'] for r in data['roles'])} role gaps; "
          f"{sum(t['gap'] for g in data['goals'] for t in g['targets'])} goal targets with no route")
    return 0


if __name__ == "__main__":
    sys.exit(main())
