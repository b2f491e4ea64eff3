"""Benchmark ``netlog path`` and the serendipity page against ``netlog check``.

    python benchmarks/bench_serendipity.py [--entries 10000] [--people 1000] [--repeat 5]

Generates a synthetic log (``genlog.py``) in a temporary folder, then times,
each as a subprocess run ``--repeat`` times after one warm-up run, in turns:

a. the baseline: ``netlog check`` in the project folder (it loads and checks
   the whole log, as ``path`` must);
b. ``netlog path <person>`` for the log's first person by slug;
c. ``netlog path org:<org>`` for the org with the most people;
d. ``netlog path tag:<tag>`` for the tag with the most people;

and prints the median seconds with the ratios b/a, c/a and d/a against the
target (at most 1.5, issue 12). It also times, in this process, the
introductions work behind the site on the same log: ``Network.of`` (introducers,
strengths, ledger) and the serendipity page, against building every page
(``build_pages``), so the page's share of a build is visible. The exit status
is 0 unless a command fails: this is a measurement, not a test.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections import Counter

import genlog
from _common import (TODAY, CommandFailed, bench_env, big_log_args, measure_all, mib, netlog_cmd,
                     print_table, scratch_dir, verdict)

TARGET = 1.5


def pick_targets(project) -> tuple[str, str, str]:
    """(a person's slug, org:<slug form>, tag:<slug form>) of the generated log."""
    from netlog.config import read_project
    from netlog.load import load_log
    from netlog.slug import slugify

    proj, _ = read_project(str(project / "mkdocs.yml"))
    log, _ = load_log(proj.docs_dir, proj.options)
    real = sorted(s for s, p in log.people.items() if not p.stub)
    orgs = Counter(slugify(p.org) for p in log.people.values() if p.org)
    tags = Counter(slugify(t) for p in log.people.values() for t in p.tags)
    return real[0], "org:" + orgs.most_common(1)[0][0], "tag:" + tags.most_common(1)[0][0]


def in_process(project, repeat: int) -> dict[str, float]:
    """Median seconds of the site's introductions work (docs/format.md §11) and of all pages, in this process."""
    from netlog.config import read_project
    from netlog.load import load_log
    from netlog.pages import build_pages
    from netlog.pages import serendipity as page_mod
    from netlog.serendipity import Network

    proj, _ = read_project(str(project / "mkdocs.yml"))
    log, _ = load_log(proj.docs_dir, proj.options)
    today = dt.date.fromisoformat(TODAY)
    times: dict[str, list[float]] = {"all pages (build_pages)": [], "Network.of": [],
                                     "serendipity page (with Network.of)": []}
    for _ in range(repeat):
        start = time.perf_counter()
        site = build_pages(log, today)
        times["all pages (build_pages)"].append(time.perf_counter() - start)
        start = time.perf_counter()
        Network.of(log, today)
        times["Network.of"].append(time.perf_counter() - start)
        site.cache.clear()
        start = time.perf_counter()
        page_mod.page(site)
        times["serendipity page (with Network.of)"].append(time.perf_counter() - start)
    return {k: statistics.median(v) for k, v in times.items()}


def main(argv=None) -> int:
    args = big_log_args(__doc__.split("\n\n")[0], argv)

    with scratch_dir(args.keep) as tmp:
        project = genlog.generate(tmp / "project", args.entries, args.people, args.seed)
        person, org, tag = pick_targets(project)
        print(f"log: {args.entries} entries, {args.people} people (seed {args.seed}); "
              f"{args.repeat} runs each; targets {person}, {org}, {tag}", file=sys.stderr)
        netlog = netlog_cmd()
        jobs = {
            "a. netlog check": (netlog + ["check"], project),
            f"b. netlog path {person}": (netlog + ["path", person, "--today", TODAY], project),
            f"c. netlog path {org}": (netlog + ["path", org, "--today", TODAY], project),
            f"d. netlog path {tag} --format json":
                (netlog + ["path", tag, "--today", TODAY, "--format", "json"], project),
        }
        try:
            results = measure_all(jobs, args.repeat, env=bench_env(pycache=tmp / "pycache"))
        except CommandFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        inner = in_process(project, args.repeat)

    base = results["a. netlog check"]
    print()
    print_table(
        ["command", "median s", "min s", "max s", "peak RSS", "ratio to a", "target"],
        [[name, f"{m.median:.3f}", f"{min(m.times):.3f}", f"{max(m.times):.3f}", mib(m.max_rss),
          "1.00" if m is base else f"{m.median / base.median:.2f}",
          "" if m is base else f"<= {TARGET} {verdict(m.median / base.median, TARGET)}"]
         for name, m in results.items()])
    print()
    total = inner["all pages (build_pages)"]
    print_table(["in process, same log", "median s", "share of all pages"],
                [[name, f"{s:.3f}", f"{s / total:.0%}" if name != "all pages (build_pages)" else ""]
                 for name, s in inner.items()])
    for name, m in results.items():
        if name.startswith("b."):
            first = next((line for line in m.stdout.splitlines() if line[:2] == "1."), "")
            print(f"\n{name}: {first.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
