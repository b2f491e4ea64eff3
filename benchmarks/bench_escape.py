"""Benchmark the HTML escaper of the generated pages: markupsafe against the standard library.

    python benchmarks/bench_escape.py [--entries 1000] [--people 200] [--repeat 5]

On a log from ``genlog.py``, in this process (no build):

a. escapes every text value the pages show (titles, names, orgs, roles, kinds, tags),
   ``--repeat`` times, with ``pages.md.h`` (returns markupsafe's ``Markup``), with
   ``markupsafe.escape`` and with the escaper ``h`` was before (``html.escape(...,
   quote=True)`` after the same clean-up, returning ``str``), and prints the time per value
   of each and the ratio to the old one;
b. times ``pages.build_pages`` for the whole log (best of ``--repeat``), which makes every
   page's Markdown with ``h`` and the Markup building blocks.

Target (issue 19): the Markup escaper costs about what the old one did (ratio near 1 or
below). Exit status 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import time

import genlog
from _common import TODAY, positive_int, print_table, scratch_dir


def old_h(text: object) -> str:
    """The escaper before markupsafe (pages/md.py until issue 19)."""
    s = str(text).replace("\x02", "").replace("\x03", "").replace("\x00", "")
    if "\n" in s or "\r" in s:
        s = " ".join(s.split())
    return html.escape(s, quote=True)


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=positive_int, default=1000)
    parser.add_argument("--people", type=positive_int, default=200)
    parser.add_argument("--repeat", type=positive_int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)

    from netlog.config import read_project
    from netlog.load import load_log
    from netlog.pages import build_pages
    from netlog.pages.md import h

    with scratch_dir(args.keep) as tmp:
        root = genlog.generate(tmp / "log", args.entries, args.people, args.seed)
        project, _ = read_project(str(root / "mkdocs.yml"))
        book, _ = load_log(project.docs_dir, project.options)
    values: list[str] = []
    for e in book.entries:
        values += [e.title, e.kind, *e.tags, *(x for x in (e.channel, e.outcome) if x)]
    for p in book.people.values():
        values += [p.name, *(x for x in (p.org, p.role) if x), *p.tags, *p.aka]
    assert all(str(h(v)) == old_h(v) for v in values)  # the same HTML, now typed
    from markupsafe import escape

    def run_new() -> None:
        for v in values:
            h(v)

    def run_old() -> None:
        for v in values:
            old_h(v)

    def run_markupsafe() -> None:
        for v in values:
            escape(v)

    new, old, ms = best(run_new, args.repeat), best(run_old, args.repeat), best(run_markupsafe, args.repeat)
    today = dt.date.fromisoformat(TODAY)
    pages = best(lambda: build_pages(book, today), args.repeat)
    n = len(values)
    print_table(["escaper", "values", "µs per value", "total ms"], [
        ["html.escape (before)", f"{n:,}", f"{old / n * 1e6:.3f}", f"{old * 1000:.1f}"],
        ["pages.md.h -> Markup (now)", f"{n:,}", f"{new / n * 1e6:.3f}", f"{new * 1000:.1f}"],
        ["markupsafe.escape -> Markup", f"{n:,}", f"{ms / n * 1e6:.3f}", f"{ms * 1000:.1f}"],
    ])
    print(f"\nratio h now / before: {new / old:.2f}; markupsafe.escape / before: {ms / old:.2f}")
    print(f"build_pages, {args.entries:,} entries / {args.people:,} people: {pages:.2f} s (best of {args.repeat})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
