"""The hostile-input corpus (tests/corpus): broken, binary, huge, deep and tricky logs.

Each case is a folder ``tests/corpus/<case>/`` holding

- ``log/...``: the files of the log, copied as they are;
- ``mkdocs.yml`` (optional; default: ``site_name: t``, ``docs_dir: log``, ``plugins: [netlog]``);
- ``make.py`` (optional): ``make(root)`` writes what cannot or should not be committed (binary
  bytes, CRLF, a NUL, a 5 MiB file, symbolic links, deep nesting) into the case's temporary copy;
- ``expected.txt``: the exact stdout of ``netlog check`` run in the copy (paths ``log/...``);
- ``exit``: its exit code.

For every case: ``check`` prints ``path:line: severity: message`` lines, exits by itself (no hang,
no crash, no traceback), prints the same on a second run and in ``--format json``; ``due``,
``audit`` and ``render`` never crash either and agree with ``check`` on the exit code. Cases that
could kill or hang the interpreter (deep nesting, alias bombs, huge files) run in a child process,
so a segfault or a hang is a failed test, not a dead test run.

When netlog does the wrong thing today, ``expected.txt`` still holds the RIGHT output and the case
is listed with its bug in one of the strict-xfail tables below (XFAIL_CRASH: a traceback, a hang or
a killed interpreter; XFAIL_FORMAT: a check line that is not one line; XFAIL_CHECK: wrong output;
XFAIL_COMMANDS / XFAIL_BUILD: due, audit, render or build fail). Where the bug is a crash, the
message wording in expected.txt is a proposal (its path, line and severity are the contract); the
lead rewords it if needed and removes the case from the table once netlog is fixed.
"""

from __future__ import annotations

import contextlib
import json
import re
import runpy
import shutil
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from netlog.checks import CHECKS
from netlog.cli import main

from helpers import child_env

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and (p / "expected.txt").exists())
DEFAULT_CONFIG = "site_name: t\ndocs_dir: log\nplugins: [netlog]\n"
TODAY = "2026-02-01"
TIMEOUT = 60  # seconds; generous: every case takes well under 5 s
LINE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>[1-9][0-9]*): (?P<severity>error|warning): (?P<message>.+)$")
NOT_PUBLISHED = "a secret that must not be published"

#: Cases that could crash (segfault, stack overflow) or hang the interpreter: child processes.
SUBPROCESS = {
    "alias-bomb",
    "config-alias-bomb",
    "config-deep-nesting",
    "deep-block-60",
    "deep-explicit-keys-30000",
    "deep-flow-100000",
    "deep-flow-30000",
    "deep-flow-60-short",
    "fifo-named-md",
    "huge-5mib",
}

#: Shorter timeouts (seconds) for cases that are known to hang today.
TIMEOUTS = {"fifo-named-md": 10}

#: Cases that crash netlog today (a traceback, a killed interpreter): every test of the case fails.
XFAIL_CRASH: dict[str, str] = {}

#: Cases whose check output breaks the one-problem-per-line format today.
XFAIL_FORMAT: dict[str, str] = {}

#: Cases whose `netlog check` output is wrong today; expected.txt holds the right output.
XFAIL_CHECK: dict[str, str] = {}

#: Cases where `due`, `audit` or `render` fail today on a log that checks clean.
XFAIL_COMMANDS: dict[str, str] = {}

#: Cases also built with `netlog build` (a subprocess each, about a second).
BUILD_CASES = ["bom-crlf", "folder-named-like-a-file", "huge-title", "far-future-follow-up",
               "newline-in-file-name", "symlink-outside-non-md", "symlink-loop"]
XFAIL_BUILD: dict[str, str] = {}


def _params(cases, xfails: dict, *, slow=frozenset()):
    """The cases as parameters: strict xfails for known bugs, the ``slow`` mark for cases
    that run in a child process (the quick lane leaves those out)."""
    out = []
    for c in cases:
        marks = [pytest.mark.xfail(strict=True, reason=xfails[c])] if c in xfails else []
        if c in slow:
            marks.append(pytest.mark.slow)
        out.append(pytest.param(c, marks=marks))
    return out


# --------------------------------------------------------------------------- running


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    exception: str | None = None  # a formatted traceback when the command raised


def materialize(case: str, dest: Path) -> Path:
    """Copy the case into ``dest`` (a new folder), default config, then run its make.py."""
    src = CORPUS / case
    shutil.copytree(src, dest, symlinks=True,
                    ignore=shutil.ignore_patterns("expected.txt", "exit", "make.py", "__pycache__"))
    if not (dest / "mkdocs.yml").exists():
        (dest / "mkdocs.yml").write_text(DEFAULT_CONFIG, encoding="utf-8")
    (dest / "log").mkdir(exist_ok=True)
    if (src / "make.py").exists():
        runpy.run_path(str(src / "make.py"))["make"](dest)
    return dest


def run_in_process(root: Path, args: list[str], timeout: float | None = None) -> Run:
    with contextlib.chdir(root):
        result = CliRunner().invoke(main, args, catch_exceptions=True)
    exception = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        exception = "".join(traceback.format_exception(result.exception))
    return Run(result.exit_code, result.stdout, result.stderr, exception)


def run_child(root: Path, args: list[str], timeout: float = TIMEOUT) -> Run:
    """``netlog ARGS`` in a child interpreter: a crash or a hang fails the test, not the run."""
    try:
        proc = subprocess.run([sys.executable, "-c", "from netlog.cli import main; main()", *args],
                              cwd=root, capture_output=True, timeout=timeout, env=child_env())
    except subprocess.TimeoutExpired:
        pytest.fail(f"netlog {' '.join(args)} did not finish within {timeout}s (a hang)")
    if proc.returncode < 0:
        pytest.fail(f"netlog {' '.join(args)} was killed by signal {-proc.returncode} (a crash)")
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8", "replace"))


_CHILD_MANY = r"""
import json, sys, traceback
from click.testing import CliRunner
from netlog.cli import main
out = []
for args in json.loads(sys.argv[1]):
    r = CliRunner().invoke(main, args, catch_exceptions=True)
    exc = None
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        exc = "".join(traceback.format_exception(r.exception))
    out.append({"code": r.exit_code, "stdout": r.stdout, "stderr": r.stderr, "exception": exc})
sys.stdout.write(json.dumps(out))
"""


def run_many(case: str, root: Path, commands: list[list[str]]) -> list[Run]:
    """Several commands: in this process, or (crash-prone cases) all in one child process."""
    if case not in SUBPROCESS:
        return [run_in_process(root, args) for args in commands]
    timeout = TIMEOUTS.get(case, TIMEOUT)
    try:
        proc = subprocess.run([sys.executable, "-c", _CHILD_MANY, json.dumps(commands)], cwd=root,
                              capture_output=True, timeout=timeout * 3, env=child_env())
    except subprocess.TimeoutExpired:
        pytest.fail(f"netlog commands did not finish within {timeout * 3}s (a hang)")
    assert proc.returncode == 0, f"child process died ({proc.returncode}):\n{proc.stderr.decode()[-3000:]}"
    return [Run(r["code"], r["stdout"], r["stderr"], r["exception"]) for r in json.loads(proc.stdout)]


def assert_no_crash(run: Run, what: str) -> None:
    assert run.exception is None, f"{what} raised:\n{run.exception}"
    assert "Traceback" not in run.stdout + run.stderr, f"{what} printed a traceback:\n{run.stderr}"
    assert run.code in (0, 1), f"{what} exited {run.code}:\n{run.stdout}\n{run.stderr}"


class CheckRuns:
    """`netlog check` (text, twice, and json) per case, run once and shared by the tests.

    A failure (a hang, a crash) is remembered too, so a hanging case costs one timeout, not three.
    """

    def __init__(self, factory):
        self.factory = factory
        self.cache: dict[str, tuple[Path, Run, Run, Run] | str] = {}

    def get(self, case: str) -> tuple[Path, Run, Run, Run]:
        if case not in self.cache:
            try:
                root = materialize(case, self.factory.mktemp(case) / "case")
                runner = run_child if case in SUBPROCESS else run_in_process
                first = runner(root, ["check"], timeout=TIMEOUTS.get(case, TIMEOUT))
                # a child process costs a second: there the json run below is the second run
                second = first if case in SUBPROCESS else runner(root, ["check"])
                as_json = runner(root, ["check", "--format", "json"], timeout=TIMEOUTS.get(case, TIMEOUT))
                self.cache[case] = (root, first, second, as_json)
            except pytest.fail.Exception as e:
                self.cache[case] = str(e)
        found = self.cache[case]
        if isinstance(found, str):
            pytest.fail(found)
        return found


@pytest.fixture(scope="module")
def checks(tmp_path_factory):
    return CheckRuns(tmp_path_factory)


# --------------------------------------------------------------------------- the corpus itself


def test_corpus_is_complete():
    """Every case folder has its expectation, and the tables name only real cases."""
    folders = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert folders == CASES, "a case folder lacks expected.txt"
    for case in CASES:
        assert (CORPUS / case / "exit").read_text().strip() in ("0", "1"), case
        assert (CORPUS / case / "log").is_dir() or (CORPUS / case / "make.py").exists(), case
    tables = (SUBPROCESS, TIMEOUTS, XFAIL_CRASH, XFAIL_FORMAT, XFAIL_CHECK, XFAIL_COMMANDS, XFAIL_BUILD,
              set(BUILD_CASES))
    for table in tables:
        assert set(table) <= set(CASES)
    assert len(CASES) >= 40
    # nothing big is committed: the large cases are generated by make.py
    for path in CORPUS.rglob("*"):
        if path.is_file():
            assert path.stat().st_size < 64 * 1024, path


# --------------------------------------------------------------------------- check


@pytest.mark.parametrize("case", _params(CASES, XFAIL_CRASH | XFAIL_FORMAT, slow=SUBPROCESS))
def test_check_never_crashes_and_is_deterministic(case, checks):
    """No traceback, no hang; `path:line: severity: message` lines; same output twice and in json."""
    _root, first, second, as_json = checks.get(case)
    assert_no_crash(first, "netlog check")
    assert_no_crash(as_json, "netlog check --format json")
    assert (second.stdout, second.code) == (first.stdout, first.code), "two runs differ"
    for line in first.stdout.splitlines():
        m = LINE.match(line)
        assert m, f"not a path:line: severity: message line: {line!r}"
        assert m["path"].startswith(("log/", "mkdocs.yml")), line
    found = json.loads(as_json.stdout)
    lines = first.stdout.splitlines()
    assert len(found) == len(lines), "json and text list different problems"
    for p, line in zip(found, lines):
        assert line.endswith(f":{p['line']}: {p['severity']}: {p['message']}"), (p, line)
        if p["path"].isprintable():  # else the text line may show the name escaped
            assert line.startswith(f"{p['path']}:"), (p, line)
        assert p["code"] in CHECKS, f"problem without a known code: {p}"
        assert CHECKS[p["code"]].severity == p["severity"], p
    assert as_json.code == first.code
    errors = any(p["severity"] == "error" for p in found)
    assert first.code == (1 if errors else 0)


@pytest.mark.parametrize("case", _params(CASES, XFAIL_CHECK | XFAIL_CRASH | XFAIL_FORMAT, slow=SUBPROCESS))
def test_check_output_is_exactly_as_expected(case, checks):
    _root, first, _second, _json = checks.get(case)
    expected = (CORPUS / case / "expected.txt").read_text(encoding="utf-8")
    code = int((CORPUS / case / "exit").read_text())
    assert first.stdout == expected
    assert first.code == code


# --------------------------------------------------------------------------- other commands


@pytest.mark.parametrize("case", _params(CASES, XFAIL_COMMANDS | XFAIL_CRASH, slow=SUBPROCESS))
def test_other_commands_never_crash(case, checks, tmp_path):
    """due (text, json, ics), audit and render on every case: no traceback; exit 1 exactly when
    check finds errors."""
    root, first, _second, _json = checks.get(case)
    out = tmp_path / "rendered"
    commands = [
        ["due", "--today", TODAY, "--all"],
        ["due", "--today", TODAY, "--all", "--format", "json"],
        ["due", "--today", TODAY, "--all", "--format", "ics"],
        ["audit", "--today", TODAY],
        ["render", str(out), "--today", TODAY],
    ]
    runs = run_many(case, root, commands)
    for args, run in zip(commands, runs):
        what = "netlog " + " ".join(args)
        assert_no_crash(run, what)
        assert run.code == first.code, f"{what} exited {run.code}, check exited {first.code}:\n{run.stderr}"
    if first.code == 0:
        data = json.loads(runs[1].stdout)
        assert data["today"] == TODAY
        assert runs[2].stdout.startswith("BEGIN:VCALENDAR")
        assert (out / "index.md").is_file()
    else:
        assert not out.exists() or not any(out.iterdir()), "render wrote pages for a log with errors"


@pytest.mark.slow
@pytest.mark.parametrize("case", _params(BUILD_CASES, XFAIL_BUILD))
def test_build_of_hostile_log(case, checks, tmp_path):
    """`netlog build`: no traceback, exit as check says, and nothing from outside the log published."""
    root, first, _second, _json = checks.get(case)
    site = tmp_path / "site"
    run = run_child(root, ["build", "--today", TODAY, "-d", str(site)])
    assert "Traceback" not in run.stdout + run.stderr, run.stderr[-3000:]
    assert run.code == first.code, run.stderr[-3000:]
    if run.code == 0:
        assert (site / "index.html").is_file()
        for path in site.rglob("*"):
            if path.is_file():
                assert NOT_PUBLISHED.encode() not in path.read_bytes(), f"{path} publishes an outside file"
    else:
        assert not site.exists()


@pytest.mark.parametrize("today", ["0001-01-01", "0001-01-03", "9999-12-31"])
def test_today_at_the_ends_of_the_calendar(today, tmp_path):
    """Heatmap, streak and calendar feed at the first and last days Python can represent."""
    root = tmp_path / "p"
    (root / "log" / "people").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(DEFAULT_CONFIG)
    (root / "log" / "people" / "jane-doe.md").write_text("---\nname: Jane Doe\ncadence: 2w\n---\n")
    (root / "log" / "a.md").write_text("---\ndate: 0001-01-01\nkind: event\nwith: Jane Doe\n---\n")
    for args in (["due", "--all", "--today", today], ["due", "--all", "--format", "ics", "--today", today],
                 ["audit", "--today", today], ["render", str(tmp_path / "r"), "--today", today]):
        run = run_in_process(root, args)
        assert run.exception is None, f"netlog {' '.join(args)} raised:\n{run.exception}"
        assert run.code in (0, 2), run.stdout + run.stderr  # fine, or a usage error for the date
