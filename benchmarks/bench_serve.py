"""Benchmark ``netlog serve``: start-up, edit → visible, idle CPU, against a full build.

    python benchmarks/bench_serve.py [--sizes 1000,10000] [--edits 5] [--idle-seconds 20]

For each size (entries; people: 200 at 1,000 entries, a tenth of the entries
above), on a log from ``genlog.py``:

a. times a full ``netlog build --today 2026-11-25 -d SITE`` (the baseline of
   this run);
b. starts ``netlog serve --dev-addr 127.0.0.1:PORT`` and times until the
   dashboard is served (first page), how long an entry page asked for right
   after it takes while the first build still runs (built on demand), and
   until the server reports the whole site built;
c. makes ``--edits`` rounds of five edits to one entry — a line appended to
   the body, a new title, another day of the same month, another person in
   ``with`` (shown on that person's page) and a new tag (shown on the tags
   page) — and times each until the page that must show it, polled every
   20 ms, does (edit → visible), while a second client asks for the
   dashboard without pause: the longest any request took during the update
   is how long requests wait for it; prints per kind the rounds, median, min
   and max, and the median's ratio to the full build;
d. measures the server's CPU time (``/proc/PID/stat``, user + system) while
   nothing changes for ``--idle-seconds``, as a percentage of one core.

Targets (issues 11 and 27): every edit visible ≤ 0.5 s at 1,000 and 10,000
entries (≤ 2 s at 100,000), with a ratio to the full build ≤ 0.05 at 10,000;
no request waits more than 0.25 s during an update; a page asked for during
the first build answers within 2 s; first page sooner than a full build; idle
≤ 2 % of a core. Exit status 0 unless a command fails.
"""

from __future__ import annotations

import argparse
import os
import re
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

TARGET_EDIT = {1000: 0.5, 10000: 0.5, 100000: 2.0}  # seconds, issue 27
TARGET_WAIT = 0.25  # seconds: the longest request while an update runs ("answered at once")
TARGET_ON_DEMAND = 2.0  # seconds: a page asked for during the first build
TARGET_RATIO = 0.05
TARGET_IDLE = 2.0  # percent of one core


#: The edits timed, each a change to one entry's file (see :func:`edit`).
EDITS = ("body", "title", "date", "people", "tags")


def pick_entry(year: Path) -> Path:
    """The middle entry of ``year`` whose front matter has a ``title:``, a ``with: [...]`` and
    a ``tags: [...]`` line, the lines :func:`edit` changes."""
    fit = [p for p in sorted(year.glob("*.md"))
           if all(re.search(pattern, p.read_text(encoding="utf-8"), re.M)
                  for pattern in (r"^title: ", r"^with: \[", r"^tags: \["))]
    return fit[len(fit) // 2]


def person_name(person: Path) -> str:
    return re.search(r"^name: (.*)$", person.read_text(encoding="utf-8"), re.M).group(1).strip()


def edit(kind: str, text: str, n: int, entry_url: str, base: str, stem: str, other: Path) -> tuple[str, str, bytes]:
    """One edit of an entry's text: ``(new text, the page that must show it, what it must show)``.
    body: a line appended; title: a new title; date: another day of the same month; people:
    another person in ``with`` (shown on that person's page as a link to the entry); tags: a new
    tag (shown on the tags page)."""
    marker = f"bench{n}x{time.time_ns()}"
    if kind == "body":
        return text + f"\n{marker}\n", entry_url, marker.encode()
    if kind == "title":
        return re.sub(r"^title: .*$", f"title: Title {marker}", text, count=1, flags=re.M), entry_url, marker.encode()
    if kind == "date":
        old = re.search(r"^date: (\d{4}-\d\d)-(\d\d)", text, re.M)
        day = f"{old.group(1)}-{(int(old.group(2)) % 28) + 1:02d}"
        return text.replace(old.group(0), f"date: {day}", 1), entry_url, day.encode()
    if kind == "people":
        name = person_name(other)
        changed = re.sub(r"^with: \[(.*)\]$", lambda m: f"with: [{m.group(1)}, {name}]", text, count=1, flags=re.M)
        return changed, f"{base}/people/{other.stem}.html", f"{stem}.html".encode()
    tag = f"t{marker}"
    changed = re.sub(r"^tags: \[(.*)\]$", lambda m: f"tags: [{m.group(1)}, {tag}]", text, count=1, flags=re.M)
    return changed, f"{base}/tags.html", tag.encode()


def edit_to_visible(entry: Path, changed: str, url: str, marker: bytes, base: str) -> tuple[float, float]:
    """Write ``changed`` into ``entry`` and poll ``url`` every 20 ms until it shows ``marker``:
    (seconds from the write until then, the longest any request took meanwhile). A second
    thread asks for the dashboard without pause all the while: requests during an update."""
    longest = [0.0]
    done = threading.Event()

    def timed_get(u: str) -> bytes | None:
        t = time.perf_counter()
        page = get(u)
        longest[0] = max(longest[0], time.perf_counter() - t)
        return page

    def probe() -> None:
        while not done.is_set():
            timed_get(f"{base}/index.html")

    start = time.perf_counter()
    entry.write_text(changed, encoding="utf-8")
    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    try:
        while True:
            page = timed_get(url)
            if page is not None and marker in page:
                return time.perf_counter() - start, longest[0]
            if time.perf_counter() - start > 600:
                raise CommandFailed(f"an edit never showed on {url}")
            time.sleep(0.02)
    finally:
        done.set()
        thread.join()


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
        # a page deep in the site, asked for while the first build still runs: built on demand?
        entry = pick_entry(project / "log" / "2026")
        during = None
        if not server.built.is_set():
            t = time.perf_counter()
            page = get(f"{base}/2026/{entry.stem}.html")
            if page is not None and not server.built.is_set():
                during = time.perf_counter() - t
        if not server.built.wait(timeout=3600):
            raise CommandFailed("netlog serve did not finish its first build")
        print(f"  first page {first:.1f}s, site built {server.built_at:.1f}s", file=sys.stderr)

        others = sorted((project / "log" / "people").glob("*.md"))
        times: dict[str, list[float]] = {kind: [] for kind in EDITS}
        waits: list[float] = []
        for n in range(edits):
            for kind in EDITS:
                time.sleep(1.0)
                text = entry.read_text(encoding="utf-8")
                changed, url, marker = edit(kind, text, n, f"{base}/2026/{entry.stem}.html", base, entry.stem,
                                            others[n % len(others)])
                seconds, wait = edit_to_visible(entry, changed, url, marker, base)
                times[kind].append(seconds)
                waits.append(wait)
                print(f"  edit {n + 1} ({kind}): {seconds:.2f}s, longest request {wait:.2f}s", file=sys.stderr)

        time.sleep(2.0)
        before, t0 = cpu_seconds(server.proc.pid), time.perf_counter()
        time.sleep(idle)
        idle_pct = 100 * (cpu_seconds(server.proc.pid) - before) / (time.perf_counter() - t0)
        updates = [line for line in server.lines if line.startswith("Updated ")]
    finally:
        server.stop()
    return {"entries": entries, "people": people, "full": full, "first": first, "built": server.built_at,
            "during": during, "edits": times, "waits": waits, "idle": idle_pct,
            "updates": updates[-edits * len(EDITS):]}


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
        during = "built before asked" if r["during"] is None else f"{r['during']:.2f}s"
        rows.append([f"{r['entries']} / {r['people']}", f"{r['full']:.1f}s", f"{r['first']:.1f}s", during,
                     f"{r['built']:.1f}s", f"{r['idle']:.2f}%",
                     " ".join(["first " + ("ok" if r["first"] < r["full"] else "OVER"),
                               "on demand " + ("ok" if r["during"] is None or r["during"] <= TARGET_ON_DEMAND
                                               else "OVER"),
                               "idle " + ("ok" if r["idle"] <= TARGET_IDLE else "OVER")])])
    print()
    print_table(["entries / people", "full build", "first page", "entry page during first build",
                 "serve site built", "idle CPU", "verdict"], rows)
    rows = []
    for r in results:
        target = TARGET_EDIT.get(r["entries"], 2.0)
        for kind, ts in r["edits"].items():
            med = statistics.median(ts)
            ratio = med / r["full"]
            rows.append([f"{r['entries']}", kind, str(len(ts)), f"{med:.2f}s", f"{min(ts):.2f}–{max(ts):.2f}",
                         f"{ratio:.3f}", f"<= {target}s " + ("ok" if med <= target else "OVER")
                         + (" / " + ("ok" if ratio <= TARGET_RATIO else "OVER") if r["entries"] >= 10000 else "")])
        waits = r["waits"]
        rows.append([f"{r['entries']}", "longest request during an update", str(len(waits)),
                     f"{statistics.median(waits):.2f}s", f"{min(waits):.2f}–{max(waits):.2f}", "",
                     f"<= {TARGET_WAIT}s " + ("ok" if max(waits) <= TARGET_WAIT else "OVER")])
    print()
    print_table(["entries", "edit → visible", "rounds", "median", "min–max", "edit / build",
                 f"target (edit / build <= {TARGET_RATIO} at 10k+)"], rows)
    for r in results:
        print(f"\n{r['entries']} entries, the server's lines for the timed edits:")
        for line in r["updates"]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
