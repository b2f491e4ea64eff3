"""The plain helpers that test modules share, in one place (fixtures are in conftest.py;
helpers for built sites and HTML in sitehelpers.py).

``write_files`` writes a mapping of relative paths to text or bytes; ``entry``
and ``person`` make the text of log files; ``load_files`` loads a log without
the CLI; ``tree`` reads a folder back; ``child_env`` is the environment for a
netlog run in a child process; ``refuse_unnamed_files`` makes O_TMPFILE fail.
"""

from __future__ import annotations

import os
from pathlib import Path


def refuse_unnamed_files(monkeypatch, code: int) -> None:
    """Make ``os.open`` with ``O_TMPFILE`` (an unnamed file, as exclusive writes make on Linux)
    raise OSError ``code`` (EACCES: a read-only folder; EOPNOTSUPP: a filesystem without them)."""
    real_open = os.open
    unnamed = getattr(os, "O_TMPFILE", None)

    def open_(path, flags, *a, **k):
        if unnamed is not None and flags & unnamed == unnamed:
            raise OSError(code, os.strerror(code), path)
        return real_open(path, flags, *a, **k)

    monkeypatch.setattr(os, "open", open_)


def write_files(root, files: dict) -> None:
    """Write ``files`` (relative path -> ``str`` text or ``bytes``) under ``root``, as given."""
    for rel, content in files.items():
        target = Path(root) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="")


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
    """The text of a person file; ``keys`` are extra front matter lines written as given."""
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

    docs = Path(root) / "log"
    docs.mkdir(parents=True, exist_ok=True)
    write_files(docs, files)
    return load_log(str(docs), options if options is not None else to_options(None))


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root``: relative POSIX path -> bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def child_env(engine: str | None = None) -> dict:
    """The environment for netlog in a child process: no real NETLOG_TODAY, no MkDocs 2 banner,
    UTF-8 output; with ``engine`` (``mkdocs``, ``properdocs``), NETLOG_ENGINE set to it."""
    env = {k: v for k, v in os.environ.items() if k != "NETLOG_TODAY"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    if engine:
        env["NETLOG_ENGINE"] = engine
    return env
