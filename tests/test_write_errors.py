"""Issue 9, kind 5: every write of every command ends in one clear line and leaves no partial file.

A full disk is simulated by making writing a file's bytes (every netlog write: ``os.fdopen``'s
files), fsync or MkDocs' write_file raise ENOSPC (imports make no fsync per file: issue 27);
a read-only folder by making mkstemp/mkdtemp and unnamed files (O_TMPFILE) raise EACCES (the
tests run as root, where chmod does not stop a write).
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from netlog.cli import main
from netlog.safeio import OWNER_FILE, clean_stale, message, write_all

from helpers import refuse_unnamed_files

CONFIG = "site_name: t\ndocs_dir: log\nplugins: [netlog]\n"
JANE = "---\nname: Jane Doe\n---\n"
ENTRY = "---\ndate: 2026-01-02\nkind: coffee\nwith: Jane Doe\n---\nnotes\n"


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "p"
    (root / "log" / "people").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CONFIG)
    (root / "log" / "people" / "jane-doe.md").write_text(JANE)
    (root / "log" / "a.md").write_text(ENTRY)
    return root


def run(root: Path, *args: str):
    with contextlib.chdir(root):
        return CliRunner().invoke(main, list(args), catch_exceptions=True,
                                  env={"NETLOG_TODAY": "2026-01-05", "NO_MKDOCS_2_WARNING": "1"})


def snapshot(root: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))}


def disk_full(*_a, **_k):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _FullFile:
    """A file opened for writing on a full disk: every write raises ENOSPC."""

    def __init__(self, fh):
        self.fh = fh

    def write(self, _data):
        disk_full()

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self.fh.close()

    def __getattr__(self, name):
        return getattr(self.fh, name)


def full_fdopen(monkeypatch) -> None:
    """``os.fdopen`` for writing gives a :class:`_FullFile`: as on a full disk, the bytes of a new
    file cannot be written (delayed allocation reserves the blocks at write time)."""
    real = os.fdopen

    def fdopen(fd, mode="r", *args, **kwargs):
        fh = real(fd, mode, *args, **kwargs)
        return _FullFile(fh) if any(c in mode for c in "wa+") else fh

    monkeypatch.setattr(os, "fdopen", fdopen)


def no_permission(*_a, dir=None, **_k):  # noqa: A002 - tempfile's own name
    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), dir)


def read_only(monkeypatch) -> None:
    """Every way netlog makes a new file in a folder refused as in a read-only folder: temporary
    files and folders, and unnamed files (O_TMPFILE, which exclusive writes use on Linux)."""
    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", no_permission)
    monkeypatch.setattr(tempfile, "mkdtemp", no_permission)
    refuse_unnamed_files(monkeypatch, errno.EACCES)


def assert_one_clear_line(r, reason: str):
    assert r.exit_code == 1, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert "Traceback" not in r.output
    errors = [line for line in r.output.splitlines() if "cannot" in line]
    assert errors and reason in errors[-1], r.output


VCF = "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Lee\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Kim Park\nEND:VCARD\n"

COMMANDS = {
    "new": ["new", "coffee", "--with", "Jane Doe", "--no-edit"],
    "person": ["person", "Sam Lee", "--no-edit"],
    "import": ["import", "vcard", "{vcf}"],
    "render": ["render", "{out}"],
    "build": ["build", "-d", "{out}"],
    "init": ["init", "{fresh}"],
}


def _args(name: str, tmp_path: Path) -> list[str]:
    vcf = tmp_path / "c.vcf"
    vcf.write_text(VCF)
    return [a.format(vcf=vcf, out=tmp_path / "out", fresh=tmp_path / "fresh") for a in COMMANDS[name]]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_full_disk(project, tmp_path, monkeypatch, name):
    import mkdocs.utils

    before = snapshot(tmp_path)
    monkeypatch.setattr(os, "fsync", disk_full)
    monkeypatch.setattr(mkdocs.utils, "write_file", disk_full)
    full_fdopen(monkeypatch)
    r = run(project, *_args(name, tmp_path))
    assert_one_clear_line(r, "No space left on device (the disk is full)")
    after = snapshot(tmp_path)
    after.pop("c.vcf", None)
    before.pop("c.vcf", None)
    assert after == before, "a partial file or folder was left"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_read_only_folder(project, tmp_path, monkeypatch, name):
    before = snapshot(tmp_path)
    read_only(monkeypatch)
    r = run(project, *_args(name, tmp_path))
    assert_one_clear_line(r, "Permission denied")
    after = snapshot(tmp_path)
    after.pop("c.vcf", None)
    before.pop("c.vcf", None)
    assert after == before


def test_render_keeps_an_earlier_render_whole_on_a_full_disk(project, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run(project, "render", str(out)).exit_code == 0
    before = snapshot(out)
    (project / "log" / "b.md").write_text(ENTRY.replace("notes", "more"))
    monkeypatch.setattr(os, "fsync", disk_full)
    r = run(project, "render", str(out))
    assert_one_clear_line(r, "the disk is full")
    assert snapshot(out) == before


def test_write_all_is_all_or_nothing(tmp_path, monkeypatch):
    calls = []
    real = os.fsync

    def fail_third(fd):
        calls.append(fd)
        if len(calls) == 3:
            disk_full()
        real(fd)

    monkeypatch.setattr(os, "fsync", fail_third)
    files = {str(tmp_path / "a" / "b" / f"{n}.md"): b"x" for n in range(5)}
    with pytest.raises(OSError):
        write_all(files)
    assert list(tmp_path.iterdir()) == []


def test_message_names_path_reason_and_hint():
    e = OSError(errno.EROFS, os.strerror(errno.EROFS), "/x/y")
    assert message(e) == "cannot write /x/y: Read-only file system (the file system is read-only)"


def test_killed_builds_leave_nothing_behind(project, tmp_path):
    out = tmp_path / "out"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / ".out.building-dead"
    stale.mkdir()
    (stale / OWNER_FILE).write_text(f"{dead.pid}\n")
    (stale / "index.html").write_text("half")
    ownerless = tmp_path / ".out.building-x"
    ownerless.mkdir()
    old = tmp_path / ".out.old-y"
    old.mkdir()
    live = tmp_path / ".out.building-live"
    live.mkdir()
    (live / OWNER_FILE).write_text(f"{os.getpid()}\n")
    r = run(project, "build", "-d", str(out))
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert ".out.building-dead" not in names and ".out.building-x" not in names and ".out.old-y" not in names
    assert ".out.building-live" in names  # a build that is still running is left alone
    assert not (out / OWNER_FILE).exists()
    assert clean_stale(str(tmp_path), "out") == []


def test_a_site_folder_netlog_did_not_build_is_refused_even_if_it_looks_like_one(project, tmp_path):
    out = tmp_path / "out"
    (out / "assets").mkdir(parents=True)
    (out / "sitemap.xml").write_text("<urlset/>")
    (out / "my-thesis.docx").write_text("years of work")
    before = snapshot(out)
    r = run(project, "build", "-d", str(out))
    assert r.exit_code == 1
    assert "not empty and netlog did not build it (it has no .netlog-site file" in r.output
    assert "404.html" not in r.output and "search/" not in r.output
    assert snapshot(out) == before
    # a site netlog built is replaced
    out2 = tmp_path / "out2"
    assert run(project, "build", "-d", str(out2)).exit_code == 0
    assert run(project, "build", "-d", str(out2)).exit_code == 0


# --------------------------------------------------------------------------- the capture commands

DRAFT = "---\ndate: 2026-01-04\nkind: coffee\nwith: Jane Doe\n---\ndrafted\n"
INBOX = "- 2026-01-03 coffee with Jane Doe: Lunch\n"
ICS = ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:z\nDTSTART:20260103T100000Z\nSUMMARY:Lunch\n"
       "ATTENDEE;CN=Jane Doe:mailto:jane.doe@example.com\nEND:VEVENT\nEND:VCALENDAR\n")

CAPTURE = {
    "inbox": ["inbox"],
    "drafts": ["drafts", "--accept-all"],
    "import ics": ["import", "ics", "{ics}", "--since", "2026-01-01"],
}


@pytest.fixture
def capture_project(project, tmp_path) -> Path:
    (project / "log" / "people" / "jane-doe.md").write_text(
        "---\nname: Jane Doe\nlinks: {email: jane.doe@example.com}\n---\n")
    (project / "log" / "_inbox.md").write_text(INBOX)
    (project / "log" / "_drafts").mkdir()
    (project / "log" / "_drafts" / "2026-01-04-coffee-jane-doe.md").write_text(DRAFT)
    (tmp_path / "c.ics").write_text(ICS)
    return project


def _capture_args(name: str, tmp_path: Path) -> list[str]:
    return [a.format(ics=tmp_path / "c.ics") for a in CAPTURE[name]]


@pytest.mark.parametrize("name", sorted(CAPTURE))
def test_capture_commands_work_here(capture_project, tmp_path, name):
    r = run(capture_project, *_capture_args(name, tmp_path))
    assert r.exit_code == 0, r.output


# calendar drafts skip the fsync (they can be drafted again): no full-disk case for import ics
@pytest.mark.parametrize("name, failure", [(n, "read-only") for n in sorted(CAPTURE)]
                         + [("inbox", "full disk"), ("drafts", "full disk")])
def test_capture_commands_on_a_write_error(capture_project, tmp_path, monkeypatch, name, failure):
    before = snapshot(tmp_path)
    if failure == "full disk":
        monkeypatch.setattr(os, "fsync", disk_full)
    else:
        read_only(monkeypatch)
    r = run(capture_project, *_capture_args(name, tmp_path))
    assert_one_clear_line(r, "No space left on device (the disk is full)" if failure == "full disk"
                          else "Permission denied")
    assert snapshot(tmp_path) == before


def test_a_file_system_without_hard_links_gets_the_file_and_its_folder(tmp_path, monkeypatch):
    from netlog.userfiles import create_file

    def no_links(*_a, **_k):
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "2026" / "a.md"
    create_file(str(target), b"x")
    assert target.read_bytes() == b"x"
    with pytest.raises(FileExistsError):
        create_file(str(target), b"y")
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.md"]
