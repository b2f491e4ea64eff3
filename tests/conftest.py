"""Shared fixtures for the core tests: a throw-away project and a CLI runner.

``project(files)`` writes a project into ``tmp_path`` and chdirs into it, so
the paths the CLI prints are ``log/...``. ``files`` maps paths relative to
the project folder to their text (``str``) or raw content (``bytes``); a
``mkdocs.yml`` is written unless ``files`` gives one.

Test modules import the plain helpers ``entry``, ``person`` (file texts) and
``load_files`` (load a log without the CLI) with ``from conftest import ...``.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from netlog.cli import main

DEFAULT_CONFIG = "site_name: Test log\ndocs_dir: log\nplugins:\n  - netlog\n"


@pytest.fixture(autouse=True)
def _no_netlog_today(monkeypatch):
    """The real environment's NETLOG_TODAY must never leak into a test."""
    monkeypatch.delenv("NETLOG_TODAY", raising=False)


def write_files(root, files: dict) -> None:
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="")


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


def entry(date, kind, with_=None, **keys) -> str:
    """The text of an entry file; ``keys`` are extra front matter lines written as given."""
    lines = ["---", f"date: {date}", f"kind: {kind}"]
    if with_ is not None:
        refs = with_ if isinstance(with_, list) else [with_]
        lines.append("with: [" + ", ".join(refs) + "]")
    body = keys.pop("body", "")
    for key, value in keys.items():
        lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n" + body


def person(name, **keys) -> str:
    lines = ["---", f"name: {name}"]
    for key, value in keys.items():
        lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def load_files(root, files: dict, options=None):
    """Write ``files`` (paths relative to the log) under ``root/log`` and load them.

    Returns (log, problems) from :func:`netlog.load.load_log` with default
    options unless ``options`` is given.
    """
    from netlog.load import load_log
    from netlog.options import to_options

    docs = root / "log"
    docs.mkdir(parents=True, exist_ok=True)
    write_files(docs, files)
    return load_log(str(docs), options if options is not None else to_options(None))
