"""`netlog build` progress (issue 11): a status line on a terminal when a build takes a while,
nothing extra when stderr is not a terminal."""

from __future__ import annotations

import io
import threading

from sitehelpers import assert_ok, build, copy_example

from netlog.progress import Progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_build_output_is_unchanged_when_not_a_terminal(tmp_path):
    project = copy_example(tmp_path / "project")
    result = build(project, tmp_path / "site")
    assert_ok(result)
    assert "\r" not in result.stderr and "netlog: reading" not in result.stderr
    assert result.stdout.startswith("Built ")


def test_progress_draws_phases_and_counts_then_clears_the_line():
    stream = Tty()
    drawn = threading.Event()
    progress = Progress(stream, delay=0, interval=0.01)
    with progress:
        progress.set_phase("reading pages", 3)
        for _ in range(2):
            progress.step("reading pages")
        while "reading pages 2/3" not in stream.getvalue():
            drawn.wait(0.01)
        progress.step("writing pages")
        while "writing pages 1/3" not in stream.getvalue():
            drawn.wait(0.01)
    assert stream.getvalue().endswith("\r\033[K")


def test_progress_is_silent_off_a_terminal_and_for_quick_builds():
    quiet = io.StringIO()
    with Progress(quiet, delay=0, interval=0.01) as progress:
        progress.set_phase("reading pages", 3)
        progress.step("reading pages")
    assert quiet.getvalue() == ""
    quick = Tty()
    with Progress(quick, delay=30) as progress:
        progress.step("reading pages")
    assert quick.getvalue() == ""
