"""Benchmark ``netlog build`` against a plain Material build of the same pages.

    python benchmarks/bench_build.py [--sizes 1000,10000] [--repeat 5] [--quick]

For each size (entries; people: a tenth of them, at least 200), on a log from
``genlog.py``:

a. the baseline: ``mkdocs build`` (no netlog plugin) of the folder ``netlog
   render`` wrote for the same log and date: the very pages netlog builds,
   with the same titles, tags, search text and ``search``/``tags`` plugins,
   as plain Markdown. The render is done once, untimed.
b. ``netlog build --today 2026-11-25 -d SITE``.

Both build into a fresh folder every time: the previous site is moved aside
(not deleted, which would cost system time that belongs to neither). After one
untimed warm-up round, ``--repeat`` interleaved rounds; the table gives the
rounds, median, min and max wall seconds, median CPU seconds and three
ratios of b to a (of the medians, per round, of CPU), against the target 1.3
(the verdict takes the largest). Then each site's page count (equal, or a
note) and peak resident memory (target under 1 GiB at 10,000 entries), and
the 10,000-entry build's time against the 1,000-entry one (target at most
12). ``--quick`` runs 1,000 entries with two rounds. Exit status 0 unless a
command fails: a measurement, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import genlog
from _common import (TODAY, CommandFailed, bench_env, cpu_total, mib, mkdocs_cmd, netlog_cmd, positive_int,
                     print_ratios, run, scratch_dir, set_aside, timed_rounds)

TARGET_PLAIN = 1.3
TARGET_SCALE = 12.0
TARGET_RSS = 2**30


def count_html(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def sizes(text: str) -> list[int]:
    """``1000,10000`` -> [1000, 10000]."""
    return [positive_int(part) for part in text.split(",") if part.strip()]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=sizes, default=[1000, 10000], help="entries per log (default 1000,10000)")
    parser.add_argument("--repeat", type=positive_int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--quick", action="store_true", help="1,000 entries, two rounds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)
    todo, repeat = ([1000], 2) if args.quick else (args.sizes, args.repeat)
    medians: dict[int, float] = {}
    with scratch_dir(args.keep) as tmp:
        env = bench_env(pycache=tmp / "pycache")
        for entries in todo:
            people = max(entries // 10, 200)
            print(f"generating {entries} entries, {people} people", file=sys.stderr)
            project = genlog.generate(tmp / f"log-{entries}", entries, people, args.seed)
            rendered = tmp / f"rendered-{entries}"
            sites = {"a. mkdocs build of netlog render's folder": tmp / f"site-plain-{entries}",
                     "b. netlog build": tmp / f"site-netlog-{entries}"}
            plain, netlog = sites
            jobs = {plain: mkdocs_cmd() + ["build", "-q", "-f", str(rendered / "mkdocs.yml"), "-d", str(sites[plain])],
                    netlog: netlog_cmd() + ["build", "--today", TODAY, "-d", str(sites[netlog])]}
            aside = tmp / f"aside-{entries}"

            def before(name: str) -> None:  # a fresh folder for every build
                set_aside(sites[name], aside)

            rss: dict[str, int] = {}
            try:
                run(netlog_cmd() + ["render", str(rendered), "--today", TODAY], project, env)
                times, cpu, _ = timed_rounds(jobs, {plain: rendered, netlog: project}, env, repeat, before, rss)
            except CommandFailed as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
            print(f"\n== {entries} entries, {people} people ==")
            print_ratios(times, cpu, plain, {netlog: TARGET_PLAIN})
            counts = {name: count_html(site) for name, site in sites.items()}
            print(f"html pages: plain {counts[plain]}, netlog {counts[netlog]}"
                  + ("" if counts[plain] == counts[netlog] else " (they differ)"))
            print(f"peak RSS: plain {mib(rss.get(plain))}, netlog {mib(rss.get(netlog))}"
                  + (f" (target < 1024 MiB: {'ok' if rss.get(netlog, 0) < TARGET_RSS else 'OVER TARGET'})"
                     if entries >= 10000 else ""))
            print(f"CPU seconds median: plain {cpu_total(cpu[plain]):.2f}, netlog {cpu_total(cpu[netlog]):.2f}")
            medians[entries] = statistics.median(times[netlog])
    if 1000 in medians and 10000 in medians:
        scale = medians[10000] / medians[1000]
        print(f"\nnetlog build 10k / 1k: {scale:.2f} (target <= {TARGET_SCALE:g}: "
              f"{'ok' if scale <= TARGET_SCALE else 'OVER TARGET'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
