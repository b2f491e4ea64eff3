"""Issue 9, kind 9 (check's part): a link this user may not follow is a problem, never a traceback."""

from __future__ import annotations

import errno
import os

from netlog import load


class _Unreadable:
    """A directory entry whose target cannot be looked at (a link into a folder of mode 000)."""

    def __init__(self, path: str):
        self.path = path
        self.name = os.path.basename(path)

    def is_symlink(self):
        return True

    def is_dir(self):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), self.path)

    def is_file(self):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), self.path)


def test_link_to_an_unreadable_target_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "ok.md").write_text("---\n---\n")
    real_scandir = os.scandir

    def scandir(path):
        entries = list(real_scandir(path))
        if os.path.realpath(path) == os.path.realpath(tmp_path):
            entries.append(_Unreadable(os.path.join(path, "x.md")))
        return iter(entries)

    monkeypatch.setattr(os, "scandir", scandir)
    found, problems = load.walk(str(tmp_path))
    assert found == ["ok.md"]
    assert [(p.path, p.severity, p.message) for p in problems] == [
        ("x.md", "error", "cannot read: Permission denied; netlog skips it")]
