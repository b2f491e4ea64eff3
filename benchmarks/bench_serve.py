"""Benchmark ``netlog serve``: start-up, edit → visible, idle CPU, against a full build.

    python benchmarks/bench_serve.py [--sizes 1000,10000] [--edits 5] [--idle-seconds 20]

For each size (entries; people: 200 at 1,000 entries, a tenth of the entries
above), on a log from ``genlog.py``:

a. times a full ``netlog build --today 2026-11-25 -d SITE`` (the baseline of
   this run);
b. starts ``netlog serve --dev-addr 127.0.0.1:PORT`` and times until the
   dashboard is served (first page) and until the server reports the whole
   site built;
c. appends a line with a fresh marker to one entry, ``--edits`` times, and
   times each edit until the entry's page, polled every 20 ms, shows it
   (edit → visible); prints the median, min and max and the ratio of the
   median to the full build;
d. measures the server's CPU time (``/proc/PID/stat``, user + system) while
   nothing changes for ``--idle-seconds``, as a percentage of one core.

Targets (issue 11): edit → visible ≤ 1 s at 1,000 entries and ≤ 2 s at
10,000 with a ratio to the full build ≤ 0.05; first page sooner than a full
build; idle ≤ 2 % of a core. Exit status 0 unless a command fails.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import genlog
from _common import TODAY, CommandFailed, bench_env, netlog_cmd, positive_int, print_table, run, scratch_dir

TARGET_EDIT = {1000: 1.0, 10000: 2.0}
TARGET_RATIO = 0.05
TARGET_IDLE = 2.0  # percent of one core


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read()
    except OSError:
        return None


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc), its threads included."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Serve:
    """A ``netlog serve`` child with its stderr read line by line in a thread."""

    def __init__(self, project: Path, port: int, env: dict[str, str]):
        self.lines: list[str] = []
        self.built = threading.Event()
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(netlog_cmd() + ["serve", "--dev-addr", f"127.0.0.1:{port}"],
                                     cwd=project, env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.built_at: float | None = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("Built ") and self.built_at is None:
                self.built_at = time.perf_counter() - self.started
                self.built.set()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def bench_size(tmp: Path, entries: int, edits: int, idle: float, seed: int, env) -> dict:
    people = 200 if entries <= 1000 else entries // 10
    print(f"generating {entries} entries, {people} people", file=sys.stderr)
    project = genlog.generate(tmp / f"log-{entries}", entries, people, seed)
    site = tmp / f"site-{entries}"
    run(netlog_cmd() + ["build", "--today", TODAY, "-d", str(site)], project, env)  # warm-up
    full = run(netlog_cmd() + ["build", "--today", TODAY, "-d", str(site)], project, env).seconds
    print(f"  full build {full:.1f}s", file=sys.stderr)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Serve(project, port, env)
    try:
        first = None
        while first is None:
            if server.proc.poll() is not None:
                raise CommandFailed("netlog serve exited:\n" + "\n".join(server.lines[-20:]))
            page = get(f"{base}/index.html")
            if page is not None and b"Dashboard" in page:
                first = time.perf_counter() - server.started
            else:
                time.sleep(0.05)
        if not server.built.wait(timeout=3600):
            raise CommandFailed("netlog serve did not finish its first build")
        print(f"  first page {first:.1f}s, site built {server.built_at:.1f}s", file=sys.stderr)

        entry = sorted((project / "log" / "2026").glob("*.md"))[len(list((project / "log" / "2026").glob("*.md"))) // 2]
        url = f"{base}/2026/{entry.stem}.html"
        times = []
        for n in range(edits):
            time.sleep(1.0)
            marker = f"BENCHMARK-EDIT-{n}-{time.time_ns()}".encode()
            start = time.perf_counter()
            with open(entry, "a", encoding="utf-8") as fh:
                fh.write(f"\n{marker.decode()}\n")
            while True:
                page = get(url)
                if page is not None and marker in page:
                    break
                if time.perf_counter() - start > 600:
                    raise CommandFailed(f"edit {n} never showed on {url}")
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
            print(f"  edit {n + 1}: {times[-1]:.2f}s", file=sys.stderr)

        time.sleep(2.0)
        before, t0 = cpu_seconds(server.proc.pid), time.perf_counter()
        time.sleep(idle)
        idle_pct = 100 * (cpu_seconds(server.proc.pid) - before) / (time.perf_counter() - t0)
        updates = [line for line in server.lines if line.startswith("Updated ")]
    finally:
        server.stop()
    return {"entries": entries, "people": people, "full": full, "first": first, "built": server.built_at,
            "edits": times, "idle": idle_pct, "updates": updates[-edits:]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="comma-separated entry counts (default 1000,10000)")
    parser.add_argument("--edits", type=positive_int, default=5, help="timed edits per size (default 5)")
    parser.add_argument("--idle-seconds", type=positive_int, default=20,
                        help="how long to measure idle CPU (default 20)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    with scratch_dir(args.keep) as tmp:
        env = bench_env(pycache=tmp / "pycache")
        try:
            for size in sizes:
                results.append(bench_size(tmp, size, args.edits, args.idle_seconds, args.seed, env))
        except CommandFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    rows = []
    for r in results:
        med = statistics.median(r["edits"])
        target = TARGET_EDIT.get(r["entries"], 2.0)
        ratio = med / r["full"]
        rows.append([f"{r['entries']} / {r['people']}", f"{r['full']:.1f}s", f"{r['first']:.1f}s",
                     f"{r['built']:.1f}s",
                     f"{med:.2f}s ({min(r['edits']):.2f}–{max(r['edits']):.2f})",
                     f"{ratio:.3f}", f"{r['idle']:.2f}%",
                     " ".join(["edit " + ("ok" if med <= target else "OVER"),
                               "ratio " + ("ok" if ratio <= TARGET_RATIO or r["entries"] < 10000 else "OVER"),
                               "first " + ("ok" if r["first"] < r["full"] else "OVER"),
                               "idle " + ("ok" if r["idle"] <= TARGET_IDLE else "OVER")])])
    print_table(["entries / people", "full build", "first page", "serve site built",
                 f"edit → visible, median of {args.edits} (min–max)", "edit / build", "idle CPU",
                 "verdict"], rows)
    for r in results:
        print(f"\n{r['entries']} entries, the server's lines for the timed edits:")
        for line in r["updates"]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
