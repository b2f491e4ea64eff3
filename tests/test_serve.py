"""`netlog serve` rebuilds when a file of the log changes (live reload).

A real server on a free port of 127.0.0.1; the test polls the page until the
change shows (generous deadline, no timing assertion).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from sitehelpers import TODAY, copy_example, free_port

pytestmark = pytest.mark.slow  # real MkDocs builds, a server (left out of the quick lane)

DEADLINE = 90  # seconds: a slow, shared machine rebuilds the example in a few


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, predicate, proc) -> str:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if proc.poll() is not None:
            pytest.fail(f"netlog serve exited early:\n{proc.stderr.read()}")
        page = _get(url)
        if page is not None and predicate(page):
            return page
        time.sleep(0.5)
    pytest.fail(f"{url} did not show the change within {DEADLINE}s")


@pytest.fixture
def server(tmp_path):
    project = copy_example(tmp_path / "project")
    port = free_port()
    env = {**os.environ, "NETLOG_TODAY": TODAY}
    proc = subprocess.Popen([sys.executable, "-c", "from netlog.cli import main; main()", "serve",
                             "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield project, f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_serve_rebuilds_when_an_entry_and_a_person_change(server):
    project, base, proc = server
    entry = project / "log" / "2026" / "2026-10-14-event-keiko-tanaka.md"
    person = project / "log" / "people" / "owen-marsh.md"
    page_url = f"{base}/2026/2026-10-14-event-keiko-tanaka.html"
    first = _wait_for(page_url, lambda page: "ALA Annual Conference 2026" in page, proc)
    assert "Renamed by the test" not in first

    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("title: ALA Annual Conference 2026",
                                  "title: Renamed by the test"), encoding="utf-8")
    _wait_for(page_url, lambda page: "Renamed by the test" in page, proc)

    person_url = f"{base}/people/owen-marsh.html"
    person.write_text(person.read_text(encoding="utf-8").replace("\n---\n", "\n---\nA NOTE ADDED LIVE.\n", 1),
                      encoding="utf-8")
    _wait_for(person_url, lambda page: "A NOTE ADDED LIVE." in page, proc)

