"""Helpers shared by the benchmark scripts: run a command, time it, read its
peak memory, find the ``netlog`` and ``mkdocs`` commands, print a table.

Every command runs as a child process with its output sent to a temporary
file, so that a chatty command costs no more than a quiet one and a failing
one can show what it printed. Time is wall-clock (``time.perf_counter``),
with the child's user and system CPU seconds beside it where ``os.wait4`` tells;
peak memory is the child's maximum resident set size, read per child with
``os.wait4`` (it covers the child's own children too), so each run's figure
is its own and not the maximum over all children so far.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

#: The date every benchmark passes as "today" (docs/format.md §4).
TODAY = "2026-11-25"


class CommandFailed(RuntimeError):
    """A measured command exited with a non-zero status."""


@dataclass(frozen=True)
class Run:
    """One run of a command."""

    seconds: float
    max_rss: int | None  # bytes, None where the platform cannot tell
    stdout: str
    stderr: str
    user: float | None = None  # CPU seconds in the command (and its children), None where unknown
    system: float | None = None  # CPU seconds in the kernel for it


@dataclass(frozen=True)
class Measurement:
    """Several runs of one command."""

    times: list[float] = field(default_factory=list)
    max_rss: int | None = None  # the largest of the runs, bytes
    stdout: str = ""  # what the last run printed
    stderr: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def bench_env(pycache: Path | None = None) -> dict[str, str]:
    """The environment of the measured commands: ours, with a fixed today.

    With ``pycache``, Python writes its bytecode cache there (and nowhere
    else), even where ``PYTHONDONTWRITEBYTECODE`` is set: an installed
    package has its ``.pyc`` files, so after the warm-up run netlog's
    modules are not compiled again on every run either.
    """
    env = dict(os.environ)
    env["NETLOG_TODAY"] = TODAY
    # the baselines are `mkdocs build`: netlog runs on the same engine unless told otherwise
    # (bench_engines.py compares the engines)
    env.setdefault("NETLOG_ENGINE", "mkdocs")
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def netlog_cmd() -> list[str]:
    """The ``netlog`` console script, or ``python -m netlog`` without one."""
    exe = shutil.which("netlog")
    return [exe] if exe else [sys.executable, "-m", "netlog"]


def mkdocs_cmd() -> list[str]:
    """The ``mkdocs`` console script, or ``python -m mkdocs`` without one."""
    exe = shutil.which("mkdocs")
    return [exe] if exe else [sys.executable, "-m", "mkdocs"]


def _rss_bytes(ru_maxrss: int) -> int:
    # Linux reports kilobytes, macOS bytes.
    return ru_maxrss if sys.platform == "darwin" else ru_maxrss * 1024


def run(cmd: list[str], cwd, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` in ``cwd`` once; raise :class:`CommandFailed` on failure."""
    env = bench_env() if env is None else env
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=err)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            max_rss = _rss_bytes(usage.ru_maxrss)
            user, system = usage.ru_utime, usage.ru_stime
        else:  # pragma: no cover - Windows
            proc.wait()
            seconds = time.perf_counter() - start
            max_rss = user = system = None
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        tail = "\n".join((stdout + stderr).splitlines()[-30:])
        raise CommandFailed(
            f"{' '.join(map(str, cmd))} (in {cwd}) exited with {proc.returncode}:\n{tail}")
    return Run(seconds, max_rss, stdout, stderr, user, system)


def measure_all(jobs: dict[str, tuple[list[str], Path]], repeat: int, warmup: int = 1,
                env: dict[str, str] | None = None) -> dict[str, Measurement]:
    """Time several commands, each given as ``name: (cmd, cwd)``.

    Each command first runs ``warmup`` times untimed; then ``repeat`` rounds
    run every command once in turn, so that a slow spell of a busy machine
    falls on all of them alike rather than on one.
    """
    for _ in range(warmup):
        for cmd, cwd in jobs.values():
            run(cmd, cwd, env)
    runs: dict[str, list[Run]] = {name: [] for name in jobs}
    for i in range(repeat):
        for name, (cmd, cwd) in jobs.items():
            r = run(cmd, cwd, env)
            runs[name].append(r)
            print(f"  {name}: run {i + 1}/{repeat}: {r.seconds:.2f} s",
                  file=sys.stderr, flush=True)
    results = {}
    for name, rs in runs.items():
        rss = [r.max_rss for r in rs if r.max_rss is not None]
        results[name] = Measurement([r.seconds for r in rs], max(rss) if rss else None,
                                    rs[-1].stdout, rs[-1].stderr)
    return results


def record(times: dict[str, list[float]], cpu: dict[str, list[tuple[float, float]]], name: str, r: Run,
           round_: int, repeat: int) -> None:
    """Keep run ``r`` of ``name`` (wall seconds, and user and system CPU seconds where known)
    unless it is round 0, the warm-up, and say it on stderr."""
    if not round_:
        return
    times[name].append(r.seconds)
    if r.user is not None:
        cpu[name].append((r.user, r.system))
    print(f"  {name}: run {round_}/{repeat}: {r.seconds:.2f} s", file=sys.stderr, flush=True)


def measure(cmd: list[str], cwd, repeat: int, warmup: int = 1,
            env: dict[str, str] | None = None, name: str | None = None) -> Measurement:
    """Run ``cmd`` ``warmup`` times untimed, then ``repeat`` times timed."""
    name = name or Path(cmd[0]).name
    return measure_all({name: (cmd, cwd)}, repeat, warmup, env)[name]


def median_time(cmd: list[str], cwd, repeat: int, warmup: int = 1) -> float:
    """The median wall-clock seconds of ``repeat`` runs of ``cmd``."""
    return measure(cmd, cwd, repeat, warmup).median


def peak_rss(cmd: list[str], cwd) -> int | None:
    """The peak resident memory, in bytes, of one run of ``cmd``."""
    return run(cmd, cwd).max_rss


def positive_int(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def big_log_args(description: str, argv=None) -> argparse.Namespace:
    """The options of a benchmark on one generated log: --entries, --people, --seed,
    --repeat (timed runs of each command) and --keep."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=positive_int, default=5,
                        help="timed runs of each command (default 5)")
    parser.add_argument("--keep", action="store_true", help="keep the generated log")
    return parser.parse_args(argv)


def mib(nbytes: int | None) -> str:
    return "n/a" if nbytes is None else f"{nbytes / 2**20:.0f} MiB"


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER TARGET"


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """Print a plain-text table with aligned columns."""
    cells = [headers] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


@contextlib.contextmanager
def scratch_dir(keep: bool = False):
    """A fresh folder under the temp dir, removed afterwards unless ``keep``."""
    path = Path(tempfile.mkdtemp(prefix="netlog-bench-"))
    try:
        yield path
    finally:
        if keep:
            print(f"kept {path}", file=sys.stderr)
        else:
            shutil.rmtree(path, ignore_errors=True)


def print_ratios(times: dict[str, list[float]], cpu: dict[str, list[tuple[float, float]]], base: str,
                 targets: dict[str, float]) -> None:
    """A table of jobs timed in rounds against the job ``base`` (seconds per round, CPU
    ``(user, system)`` per round): median, min and max wall seconds, median CPU, the ratio of
    the medians to ``base`` and the median of each round's ratio; ``targets`` (job name ->
    the most ratio allowed) gives each its verdict, by the larger of the two ratios."""
    baseline = statistics.median(times[base])
    rows = []
    for name, ts in times.items():
        m = statistics.median(ts)
        spent = (f"{statistics.median(u for u, _ in cpu[name]):.2f} + "
                 f"{statistics.median(s for _, s in cpu[name]):.2f}") if cpu.get(name) else "?"
        if name == base:
            rows.append([name, f"{m:.3f}", f"{min(ts):.3f}", f"{max(ts):.3f}", spent, "1.00", "1.00", ""])
            continue
        # the ratio of the medians, and the median of each round's ratio (a round's runs are
        # minutes apart at most, so a slow spell of the machine weighs on both sides of it)
        rounds = statistics.median(t / a for t, a in zip(ts, times[base]))
        target = targets.get(name)
        rows.append([name, f"{m:.3f}", f"{min(ts):.3f}", f"{max(ts):.3f}", spent, f"{m / baseline:.2f}",
                     f"{rounds:.2f}", f"<= {target} {verdict(max(m / baseline, rounds), target)}" if target else ""])
    print()
    print_table(["command", "median s", "min s", "max s", "CPU user + sys s", "ratio to a", "per round", "target"],
                rows)
    print()


def set_aside(folder: Path, aside: Path) -> None:
    """Move ``folder`` (a log's ``_drafts``) into ``aside`` under a new number, if it exists.

    Moved out of the log, not deleted: ext4 without a journal skips inodes freed in the
    last minutes when it allocates new ones, so deleting thousands of drafts here would
    make the next import's file creation several times slower than on a user's disk."""
    if folder.exists():
        aside.mkdir(exist_ok=True)
        folder.rename(aside / str(len(list(aside.iterdir()))))


def timed_rounds(jobs: dict[str, list[str]], cwd, env: dict[str, str], repeat: int, before=None):
    """Run every job once as a warm-up, then ``repeat`` timed rounds (each job once per round,
    in order; ``before(name)`` first, untimed). ``(times, cpu, outputs)``: seconds and
    ``(user, system)`` CPU seconds per job and round, and each job's last stdout. Raises
    :class:`CommandFailed`."""
    times: dict[str, list[float]] = {name: [] for name in jobs}
    cpu: dict[str, list[tuple[float, float]]] = {name: [] for name in jobs}
    outputs: dict[str, str] = {}
    for round_ in range(repeat + 1):  # round 0 is the warm-up
        for name, cmd in jobs.items():
            if before is not None:
                before(name)
            r = run(cmd, cwd, env)
            outputs[name] = r.stdout
            if round_:
                times[name].append(r.seconds)
                if r.user is not None:
                    cpu[name].append((r.user, r.system))
                print(f"  {name}: run {round_}/{repeat}: {r.seconds:.2f} s", file=sys.stderr, flush=True)
    return times, cpu, outputs
