"""Benchmark ``netlog build`` against a plain ``mkdocs build`` and across sizes.

    python benchmarks/bench_build.py [--quick] [--repeat 3] [--repeat-large 2]

a. A 1,000-entry / 200-person log (``genlog.py``): ``netlog build --today
   2026-11-25 -d SITE`` against ``mkdocs build -d SITE`` of the same log
   generated without the netlog plugin (same theme, ``search`` and ``tags``),
   whose docs folder is padded with simple Markdown pages until both sites
   hold the same number of ``.html`` files (netlog adds the dashboard, the
   people index, the timeline pages ...). Its ``nav`` lists stand-ins for
   netlog's nine top-level pages, as netlog's navigation holds only those.
   Target: ratio at most 1.5.
b. A 10,000-entry / 1,000-person log: its ``netlog build`` time against the
   1,000-entry one. Target: ratio at most 12.
c. The peak resident memory of each ``netlog build`` child process.
   Target: under 1 GiB for the 10,000-entry log.

Each build is a subprocess run in the project folder. The first build of
each 1,000-entry project is untimed: it warms the caches, and counts the pages
(netlog's) or the pages to add (the plain one, before padding). The timed
1,000-entry builds alternate, netlog then plain, so that a busy spell of the
machine falls on both. ``--quick``
runs each timed build once and skips (b). Exit status 0 unless a command
fails.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import genlog
from _common import (TODAY, CommandFailed, Measurement, bench_env, measure, measure_all,
                     mib, mkdocs_cmd, netlog_cmd, positive_int, print_table, run,
                     scratch_dir, verdict)

TARGET_PLAIN = 1.5
TARGET_SCALE = 12.0
TARGET_RSS = 2**30
PAD_FOLDER = "padding"
# netlog's top-level pages (docs/format.md §9), the only ones in its navigation.
NAV_PAGES = ["index.md", "follow-ups.md", "people/index.md", "timeline/index.md",
             "visibility.md", "serendipity.md", "audit.md", "orgs.md", "tags.md"]


def count_html(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def netlog_build(site: Path) -> list[str]:
    return netlog_cmd() + ["build", "--today", TODAY, "-d", str(site)]


def mkdocs_build(site: Path) -> list[str]:
    return mkdocs_cmd() + ["build", "-d", str(site)]


def pad_page(path: Path, title: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# {title}\n\nA plain page that stands for one of the pages "
                    "netlog generates.\n\n- one\n- two\n", encoding="utf-8")


def matched_baseline(tmp: Path, entries: int, people: int, seed: int,
                     html_pages: int, env: dict[str, str]) -> Path:
    """The plain-MkDocs project whose site has ``html_pages`` HTML files.

    Its navigation lists stand-ins for netlog's top-level pages only, as
    netlog's does (docs/format.md §9). Without a ``nav`` MkDocs puts every page
    in every page's sidebar, and the build time grows with the square of the
    page count: that would measure MkDocs' navigation, not netlog.
    """
    project = genlog.generate(tmp / "plain", entries, people, seed, netlog_plugin=False)
    docs = project / "log"
    for page in NAV_PAGES:
        pad_page(docs / page, page)
    with open(project / "mkdocs.yml", "a", encoding="utf-8") as f:
        f.write("nav:\n" + "".join(f"  - {page}\n" for page in NAV_PAGES))
    site = tmp / "site-plain"
    run(mkdocs_build(site), project, env)
    missing = html_pages - count_html(site)
    if missing < 0:
        print(f"warning: the plain site already has {-missing} more pages than "
              "netlog's", file=sys.stderr)
    for i in range(missing):
        pad_page(docs / PAD_FOLDER / f"page-{i:05d}.md", f"Padding page {i}")
    return project


def netlog_project(tmp: Path, name: str, entries: int, people: int,
                   seed: int) -> tuple[Path, Path]:
    """Generate a netlog project; return it and the site folder it builds into."""
    print(f"generating {name}: {entries} entries, {people} people", file=sys.stderr)
    return genlog.generate(tmp / name, entries, people, seed), tmp / f"site-{name}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="one timed run each, and skip the 10,000-entry log")
    parser.add_argument("--repeat", type=positive_int, default=3,
                        help="timed runs of each 1,000-entry build (default 3)")
    parser.add_argument("--repeat-large", type=positive_int, default=2,
                        help="timed runs of the 10,000-entry build (default 2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else args.repeat

    with scratch_dir(args.keep) as tmp:
        env = bench_env(pycache=tmp / "pycache")
        try:
            small, small_site = netlog_project(tmp, "1k", 1000, 200, args.seed)
            # the untimed first build warms the caches and counts the pages
            run(netlog_build(small_site), small, env)
            pages = count_html(small_site)
            plain = matched_baseline(tmp, 1000, 200, args.seed, pages, env)
            plain_site = tmp / "site-plain"
            results = measure_all({
                "mkdocs build, plain (1k entries, padded)":
                    (mkdocs_build(plain_site), plain),
                "netlog build, 1k entries / 200 people":
                    (netlog_build(small_site), small),
            }, repeat, warmup=0, env=env)
            html = {"mkdocs build, plain (1k entries, padded)": count_html(plain_site),
                    "netlog build, 1k entries / 200 people": pages}
            if not args.quick:
                large, large_site = netlog_project(tmp, "10k", 10000, 1000, args.seed)
                name = "netlog build, 10k entries / 1000 people"
                results[name] = measure(netlog_build(large_site), large, args.repeat_large,
                                        warmup=0, env=env, name=name)
                html[name] = count_html(large_site)
        except CommandFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1

    report(results, html)
    return 0


def report(results: dict[str, Measurement], html: dict[str, int]) -> None:
    """Print the timings, the ratios against their targets and peak memory."""
    plain, small, *rest = results.values()
    large = rest[0] if rest else None
    print()
    print_table(["build", "median s", "min s", "max s", "runs", "html pages", "peak RSS"],
                [[name, f"{m.median:.2f}", f"{min(m.times):.2f}", f"{max(m.times):.2f}",
                  str(len(m.times)), str(html[name]), mib(m.max_rss)]
                 for name, m in results.items()])
    ratios = [("a. netlog build 1k / plain mkdocs build", small.median / plain.median,
               TARGET_PLAIN)]
    if large is not None:
        ratios.append(("b. netlog build 10k / netlog build 1k", large.median / small.median,
                       TARGET_SCALE))
    print()
    print_table(["ratio", "value", "target"],
                [[name, f"{value:.2f}", f"<= {target:g} {verdict(value, target)}"]
                 for name, value, target in ratios])
    counts = list(html.values())
    if counts[0] != counts[1]:
        print(f"\nnote: the 1k sites differ in page count ({counts[1]} netlog, "
              f"{counts[0]} plain)")
    print()
    if large is None:
        print(f"c. peak RSS: netlog build 1k {mib(small.max_rss)} "
              "(10k skipped; target < 1024 MiB for 10k)")
    elif large.max_rss is not None:
        ok = "ok" if large.max_rss < TARGET_RSS else "OVER TARGET"
        print(f"c. peak RSS: netlog build 1k {mib(small.max_rss)}, "
              f"10k {mib(large.max_rss)} (target < 1024 MiB for 10k: {ok})")


if __name__ == "__main__":
    sys.exit(main())
