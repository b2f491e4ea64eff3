"""Shared fixtures: a clean environment, a throw-away project and a CLI runner.

``project(files)`` writes a project into ``tmp_path`` and chdirs into it, so
the paths the CLI prints are ``log/...``. ``files`` maps paths relative to
the project folder to their text (``str``) or raw content (``bytes``); a
``mkdocs.yml`` is written unless ``files`` gives one.

The plain helpers (``entry``, ``person``, ``write_files``, ``load_files``,
``tree``, ``child_env``) are in helpers.py: ``from helpers import ...``.
Tests marked ``slow`` (browser, big builds, child processes per case) are
left out of the quick lane ``python -m pytest -q -m "not slow"``.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from netlog.cli import main

from helpers import write_files

DEFAULT_CONFIG = "site_name: Test log\ndocs_dir: log\nplugins:\n  - netlog\n"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    """The real environment's NETLOG_TODAY, VISUAL and EDITOR never reach a test
    (and no editor ever opens)."""
    for name in ("NETLOG_TODAY", "VISUAL", "EDITOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Write a project (mkdocs.yml unless given, plus the files) and chdir into it."""

    def make(files: dict | None = None, config: str | None = None):
        files = dict(files or {})
        if "mkdocs.yml" not in files:
            files["mkdocs.yml"] = config if config is not None else DEFAULT_CONFIG
        (tmp_path / "log").mkdir(exist_ok=True)
        write_files(tmp_path, files)
        monkeypatch.chdir(tmp_path)
        return tmp_path

    return make


class Runner:
    """``run("check", "--strict")`` -> click Result (stdout and stderr kept apart)."""

    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args, env=None):
        return self.runner.invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def run():
    return Runner()
