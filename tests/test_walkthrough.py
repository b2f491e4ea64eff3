"""README's "Five minutes with netlog" works exactly as printed.

The test takes the ```sh block under that heading out of README.md and runs
its lines, as printed, with bash in a new temporary folder (not inside any
git repository): `netlog init` must make the repository the last `git commit`
needs. git's author comes from the environment (no global config is read).
`netlog serve` runs forever, so that line is started in the background,
checked to answer over HTTP, and stopped; when port 8000 is taken on this
machine, `--dev-addr` with a free port is appended to it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def walkthrough() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Five minutes with netlog", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow  # child processes: the README's commands, a real build and a server
@pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash")
def test_the_readme_walkthrough_runs_as_printed(tmp_path):
    lines = walkthrough()
    assert lines[0].startswith("netlog init ~/my-network --me you@example.com && cd ~/my-network")
    assert any(line.startswith("git add -A && git commit") for line in lines)
    serve = [line for line in lines if line.startswith("netlog serve")]
    assert serve == [lines[-1]], "netlog serve runs until stopped: it is the walkthrough's last line"
    env = {k: v for k, v in os.environ.items() if k not in ("NETLOG_TODAY", "VISUAL", "EDITOR", "GIT_DIR",
                                                            "GIT_WORK_TREE")}
    env.update({"PATH": os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", ""),
                "HOME": str(tmp_path), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_AUTHOR_NAME": "Walk Through", "GIT_AUTHOR_EMAIL": "walk@example.com",
                "GIT_COMMITTER_NAME": "Walk Through", "GIT_COMMITTER_EMAIL": "walk@example.com",
                "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    script = "set -euo pipefail\n" + "\n".join(lines[:-1]) + "\npwd > \"$WALK_CWD\"\n"
    cwd_file = tmp_path / "cwd.txt"
    done = subprocess.run(["bash", "-c", script], cwd=tmp_path, env={**env, "WALK_CWD": str(cwd_file)},
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    project = Path(cwd_file.read_text().strip())
    assert project == tmp_path / "my-network"
    # what each step left behind
    assert (project / "log/people/sam-lee.md").is_file()
    assert len(list((project / "log").rglob("*-coffee-sam-lee.md"))) == 1
    assert (project / "site/index.html").is_file()
    log = subprocess.run(["git", "log", "--format=%s"], cwd=project, env=env, capture_output=True, text=True)
    assert log.stdout.strip() == "Coffee with Sam"
    tracked = subprocess.run(["git", "ls-files"], cwd=project, env=env, capture_output=True, text=True).stdout
    assert "log/_inbox.md" in tracked and "site/" not in tracked

    # the last line: netlog serve answers, then is stopped
    line = lines[-1]
    page, output = _serve_once(line, 8000, project, env) if _port_free(8000) else (None, "port 8000 taken")
    if page is None and ("8000" in output or "in use" in output):
        # another program took port 8000 (before or during the run): the same line on a free port
        port = _free_port()
        page, output = _serve_once(line.split("#", 1)[0].rstrip() + f" --dev-addr 127.0.0.1:{port}", port,
                                   project, env)
    assert page is not None, output
    assert "Sam Lee" in page or "My network" in page


def _serve_once(line: str, port: int, project: Path, env: dict) -> tuple[str | None, str]:
    """Run a `netlog serve` line until its home page answers; (the page or None, what it printed)."""
    server = subprocess.Popen(["bash", "-c", f"exec {line}"], cwd=project, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    page = None
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        try:
            output, _ = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            output, _ = server.communicate()
    return page, output.decode("utf-8", "replace")


def test_the_example_entry_states_the_closing_rule_correctly():
    template = next((ROOT / "netlog/templates/init/log").rglob("*-coffee-jane-doe.md")).read_text(encoding="utf-8")
    notes = " ".join(template.split("---\n", 2)[2].split())
    assert "dated after this one" in notes
    assert "on the same day only a `thank-you` or a `follow-up` closes it" in notes
    assert "a second coffee today does not" in notes


def test_init_does_not_nest_a_repository_and_no_git_skips_it(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from netlog.cli import main

    if shutil.which("git") is None:
        pytest.skip("needs git")
    env = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    skipped = runner.invoke(main, ["init", "plain", "--no-git", "--today", "2026-11-30"], env=env)
    assert skipped.exit_code == 0 and not (tmp_path / "plain/.git").exists()
    subprocess.run(["git", "init", "-q", str(tmp_path / "outer")], check=True, env={**os.environ, **env})
    inner = runner.invoke(main, ["init", "outer/net", "--today", "2026-11-30"], env=env)
    assert inner.exit_code == 0, inner.output
    assert not (tmp_path / "outer/net/.git").exists() and "(git init)" not in inner.stdout
    # not silent: a commit there would take the log into the outer repository (the README's
    # walkthrough typed inside a clone of netlog)
    assert (f"netlog: note: no git init: outer/net is inside the git repository {tmp_path / 'outer'}, so a commit "
            "there takes the log into that repository") in inner.stderr
    fresh = runner.invoke(main, ["init", "fresh", "--today", "2026-11-30"], env=env)
    assert "created     fresh/.git (git init)" in fresh.stdout
    assert (tmp_path / "fresh/.git").is_dir()
