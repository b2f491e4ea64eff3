"""Benchmark ``netlog build`` on ProperDocs against MkDocs, and the neutral render's plain build.

    python benchmarks/bench_engines.py [--entries 1000] [--people 200] [--repeat 3]

On one generated log (``genlog.py``), in alternating rounds so that a busy
spell of the machine falls on all alike:

a. ``netlog --engine properdocs build`` against ``netlog --engine mkdocs
   build`` (the baseline): what choosing the second engine costs.
b. ``mkdocs build`` of the folder ``netlog render`` writes (plain Material,
   no netlog plugin) against the same baseline: what building without the
   plugin costs. The render itself is done once, untimed.

No target: these figures inform docs/toolchain.md. Needs the properdocs
extra (``pip install -e '.[properdocs]'``). Exit status 0 unless a command
fails.
"""

from __future__ import annotations

import argparse
import sys

import genlog
from _common import (TODAY, CommandFailed, bench_env, measure_all, mib, mkdocs_cmd, netlog_cmd,
                     positive_int, print_table, run, scratch_dir)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=positive_int, default=1000)
    parser.add_argument("--people", type=positive_int, default=200)
    parser.add_argument("--repeat", type=positive_int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)

    with scratch_dir(args.keep) as tmp:
        env = bench_env(pycache=tmp / "pycache")
        env.pop("NETLOG_ENGINE", None)
        try:
            project = genlog.generate(tmp / "log", args.entries, args.people, args.seed)
            rendered = tmp / "rendered"
            run(netlog_cmd() + ["render", str(rendered), "--today", TODAY], project, env)

            def build(engine):
                return (netlog_cmd() + ["--engine", engine, "build", "--today", TODAY,
                                        "-d", str(tmp / f"site-{engine}")], project)

            jobs = {
                "netlog build, MkDocs (baseline)": build("mkdocs"),
                "netlog build, ProperDocs": build("properdocs"),
                "mkdocs build of netlog render's folder": (
                    mkdocs_cmd() + ["build", "-q", "-f", str(rendered / "mkdocs.yml"),
                                    "-d", str(tmp / "site-plain")], rendered),
            }
            results = measure_all(jobs, args.repeat, warmup=1, env=env)
        except CommandFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1

    base, proper, plain = results.values()
    print(f"\n{args.entries} entries / {args.people} people, {args.repeat} timed runs each\n")
    print_table(["build", "median s", "min s", "max s", "peak RSS"],
                [[name, f"{m.median:.2f}", f"{min(m.times):.2f}", f"{max(m.times):.2f}", mib(m.max_rss)]
                 for name, m in results.items()])
    print()
    print_table(["ratio", "value"],
                [["a. ProperDocs / MkDocs", f"{proper.median / base.median:.2f}"],
                 ["b. plain build of the render / MkDocs", f"{plain.median / base.median:.2f}"]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
