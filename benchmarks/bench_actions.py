"""Benchmark the preview's actions: a click on Done → the updated dashboard, against a plain GET.

    python benchmarks/bench_actions.py [--sizes example,10000] [--rounds 5]

For each log (``example``: a copy of the repository's example log as of 2026-11-25; a number:
a log from ``genlog.py`` with that many entries and a tenth as many people):

a. starts ``netlog serve --dev-addr 127.0.0.1:PORT`` (with ``NETLOG_TODAY``) and waits for
   its first build;
b. times a plain GET of the dashboard, ``--rounds`` times (the baseline of this run);
c. ``--rounds`` times: reads the dashboard, posts Done for its first open item with a
   person (the form a click sends, with the page's secret), follows the redirect and
   times until the dashboard it answers no longer holds that item (click → updated
   dashboard; the server updates the pages before it redirects), then until the search
   index answers (the server makes it after the redirect; the next round starts once it is);
d. prints the median, min and max of each, the server's CPU time (user + system, from
   ``/proc/PID/stat``) for a Done and for a GET, and the ratio of Done to the GET.

Targets (issue 22): Done → updated dashboard ≤ 1 s on the example log and ≤ 2 s at 10,000
entries. Exit status 0 unless a command fails.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import genlog
from bench_serve import cpu_seconds, free_port, get
from _common import TODAY, CommandFailed, bench_env, netlog_cmd, positive_int, print_table, scratch_dir

ROOT = Path(__file__).resolve().parent.parent
TARGET = {"example": 1.0, "10000": 2.0}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post(url: str, fields: dict[str, str]) -> tuple[int, str]:
    """(status, Location) of a form POST, the redirect not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    data = urllib.parse.urlencode(fields).encode()
    try:
        with opener.open(urllib.request.Request(url, data=data, method="POST"), timeout=120) as r:
            return r.status, r.headers.get("Location", "")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location", "")


def project_for(tmp: Path, size: str, seed: int) -> Path:
    if size == "example":
        dest = tmp / "example"
        dest.mkdir()
        shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
        shutil.copytree(ROOT / "log", dest / "log")
        shutil.copytree(ROOT / "overrides", dest / "overrides")
        return dest
    entries = int(size)
    return genlog.generate(tmp / f"log-{entries}", entries, 200 if entries <= 1000 else entries // 10, seed)


def bench_size(tmp: Path, size: str, rounds: int, seed: int, env) -> dict:
    print(f"preparing the {size} log", file=sys.stderr)
    project = project_for(tmp, size, seed)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(netlog_cmd() + ["serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                            env={**env, "NETLOG_TODAY": TODAY}, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while True:  # the dashboard answers once it is written; the actions need the whole site
            if proc.poll() is not None:
                raise CommandFailed("netlog serve exited:\n" + proc.stderr.read())
            line = proc.stderr.readline()
            if line.startswith("Built "):
                break
        gets, dones, get_cpu, done_cpu, indexed = [], [], [], [], []
        for _ in range(rounds):
            start, cpu = time.perf_counter(), cpu_seconds(proc.pid)
            if get(base + "/") is None:
                raise CommandFailed("the dashboard did not answer")
            gets.append(time.perf_counter() - start)
            get_cpu.append(cpu_seconds(proc.pid) - cpu)
        for n in range(rounds):
            page = (get(base + "/") or b"").decode()
            secret = re.search(r'name="nl_token" value="([^"]+)"', page)
            item = re.search(r'<form id="[^"]+" method="post" action="/_netlog/done">.*?name="item" value="([^"]+)"',
                             page, re.S)
            if not secret or not item:
                raise CommandFailed(f"round {n + 1}: no open item with Done on the dashboard")
            start, cpu = time.perf_counter(), cpu_seconds(proc.pid)
            status, location = post(base + "/_netlog/done", {"nl_token": secret.group(1), "item": item.group(1),
                                                               "back": "/"})
            if status != 303:
                raise CommandFailed(f"round {n + 1}: Done answered {status}")
            after = (get(base + location) or b"").decode()
            dones.append(time.perf_counter() - start)
            done_cpu.append(cpu_seconds(proc.pid) - cpu)
            # the search index is made after the redirect; asking for it waits until it is: the
            # next round starts from a settled site, as a later click does
            if get(base + "/search/search_index.json") is None:
                raise CommandFailed(f"round {n + 1}: the search index did not answer")
            indexed.append(time.perf_counter() - start)
            if f'data-nl-item="{item.group(1)}"' in after:
                raise CommandFailed(f"round {n + 1}: the item is still on the dashboard after Done")
            print(f"  Done {n + 1}: {dones[-1]:.2f}s, server CPU {done_cpu[-1]:.2f}s, "
                  f"search index {indexed[-1]:.2f}s", file=sys.stderr)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {"size": size, "gets": gets, "dones": dones, "get_cpu": get_cpu, "done_cpu": done_cpu,
            "indexed": indexed}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="example,10000", help="example and/or entry counts (default example,10000)")
    parser.add_argument("--rounds", type=positive_int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)
    results = []
    with scratch_dir(args.keep) as tmp:
        env = bench_env(pycache=tmp / "pycache")
        try:
            for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
                results.append(bench_size(tmp, size, args.rounds, args.seed, env))
        except CommandFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    rows = []
    for r in results:
        g, d = statistics.median(r["gets"]), statistics.median(r["dones"])
        target = TARGET.get(r["size"], 2.0)
        rows.append([r["size"], f"{g * 1000:.0f} ms ({min(r['gets']) * 1000:.0f}–{max(r['gets']) * 1000:.0f})",
                     f"{d:.2f}s ({min(r['dones']):.2f}–{max(r['dones']):.2f})",
                     f"{statistics.median(r['done_cpu']):.2f}s ({statistics.median(r['get_cpu']) * 1000:.0f} ms)",
                     f"{statistics.median(r['indexed']):.2f}s", f"{d / g:.1f}×",
                     f"≤ {target:.0f} s: " + ("ok" if d <= target else "OVER")])
    print_table(["log", f"GET dashboard, median of {args.rounds} (min–max)",
                 f"Done → updated dashboard, median of {args.rounds} (min–max)",
                 "server CPU, Done (GET)", "→ search index", "Done / GET", "verdict"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
