"""Benchmark ``netlog build`` of hostile notes: the patterns that make Python-Markdown slow.

    python benchmarks/bench_hostile.py [--repeat 1] [--keep]

Each case is a project with one person and one entry whose notes are a hostile pattern
(see netlog/hostile.py), built with ``netlog build --today 2026-11-25``. The baseline is
the same project with one-line notes, built in the same run. Two sizes per pattern:

- ``2mib``: a file just under netlog's 2 MiB limit (netlog shows such long notes as plain
  text, so Markdown never sees them);
- ``32k``: notes just under ``hostile.MAX_MARKDOWN_CHARS`` (32 Ki characters), the
  longest that go through Markdown, each at the largest count netlog lets through
  (100 ``[`` per paragraph, 100 stray ``<``, 8 nested markers per line) or far beyond it.

Target: every case builds in at most 10 s (and the ratio to the baseline is printed).
Exit status 0 unless a build fails.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from netlog.hostile import MAX_BRACKETS, MAX_MARKDOWN_CHARS, MAX_NESTING, MAX_STRAY_LT

from _common import TODAY, CommandFailed, measure, netlog_cmd, positive_int, print_table, scratch_dir, verdict

TARGET_SECONDS = 10.0
MAX_FILE = 2 * 1024 * 1024 - 1024  # bytes of notes: under the 2 MiB file limit with the front matter
AT_LIMIT = MAX_MARKDOWN_CHARS - 64  # characters: the longest notes that go through Markdown

CONFIG = """site_name: hostile
docs_dir: log
use_directory_urls: false
theme: {name: material, font: false}
plugins: [search, netlog]
"""
FRONT = "---\ndate: 2026-11-20\nkind: coffee\nwith: Jane Doe\n---\n"


def fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def cases() -> dict[str, str]:
    brackets = "[" * MAX_BRACKETS + " text\n\n"
    stray_lt = "word <a " * MAX_STRAY_LT + "\n\n" + fill("plain words here\n\n", AT_LIMIT - 9 * MAX_STRAY_LT)
    nested = "1. " * MAX_NESTING + "x\n"
    return {
        "2mib: one line of [": fill("[", MAX_FILE),
        "2mib: [x](": fill("[x](", MAX_FILE),
        "2mib: <a ": fill("<a ", MAX_FILE),
        "2mib: 1. nested": fill("1. ", MAX_FILE),
        "2mib: tiny paragraphs": fill("x\n\n", MAX_FILE),
        "2mib: table rows": "| a | b |\n|---|---|\n" + fill("| x | y |\n", MAX_FILE - 30),
        "32k: one line of [": fill("[", AT_LIMIT),
        "32k: paragraphs at the [ limit": fill(brackets, AT_LIMIT),
        "32k: stray < at the limit": stray_lt[:AT_LIMIT],
        "32k: <a (all stray)": fill("<a ", AT_LIMIT),
        "32k: lines of nested markers at the limit": fill(nested, AT_LIMIT),
        "32k: tiny paragraphs": fill("x\n\n", AT_LIMIT),
        "32k: table rows": "| a | b |\n|---|---|\n" + fill("| x | y |\n", AT_LIMIT - 30),
        "32k: *a emphasis": fill("*a", AT_LIMIT),
        "32k: backslashes": fill("\\", AT_LIMIT),
    }


def project(root: Path, notes: str) -> Path:
    (root / "log" / "people").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "log" / "people" / "jane-doe.md").write_text("---\nname: Jane Doe\n---\n", encoding="utf-8")
    (root / "log" / "entry.md").write_text(FRONT + notes, encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=positive_int, default=1, help="timed builds per case (median)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    args = parser.parse_args(argv)
    build = [*netlog_cmd(), "build", "--today", TODAY, "-d", "site"]
    # each case built --repeat times, timed (no warm-up: the baseline is cold too)
    rows = []
    worst = 0.0
    try:
        with scratch_dir(args.keep) as tmp:
            base = measure(build, project(tmp / "baseline", "Coffee, talked about the next steps.\n"),
                           args.repeat, warmup=0, name="baseline").median
            rows.append(["baseline (one-line notes)", "0", f"{base:.2f}", "1.0", ""])
            for n, (name, notes) in enumerate(cases().items()):
                seconds = measure(build, project(tmp / f"case-{n}", notes), args.repeat, warmup=0, name=name).median
                worst = max(worst, seconds)
                rows.append([name, f"{len(notes.encode()):,}", f"{seconds:.2f}", f"{seconds / base:.1f}",
                             verdict(seconds, TARGET_SECONDS)])
    except CommandFailed as e:
        print(e, file=sys.stderr)
        return 1
    print_table(["case", "bytes of notes", "build s", "× baseline", f"≤ {TARGET_SECONDS:.0f} s"], rows)
    print(f"\nworst case: {worst:.2f} s ({verdict(worst, TARGET_SECONDS)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
