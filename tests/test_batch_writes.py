"""Many new files made durable together (issue 27, docs/format.md §13): imports write each file
create-only without an fsync of its own and flush them all at once; killed half way, an import
leaves whole files only, and running it again completes it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers import child_env, tree, write_files
from netlog import userfiles

CONFIG = "site_name: t\ndocs_dir: log\nplugins:\n  - netlog\n"
CARDS = "".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:Person Number{chr(65 + i)}\nORG:Org {i}\nEND:VCARD\n"
                for i in range(8))


def test_a_batch_writes_whole_files_without_an_fsync_each_then_syncs_once(tmp_path, monkeypatch):
    fsyncs, syncs = [], []
    monkeypatch.setattr(os, "fsync", lambda fd: fsyncs.append(fd))
    monkeypatch.setattr(userfiles, "sync_together", lambda paths: syncs.append(list(paths)))
    with userfiles.Batch() as batch:
        batch.create_file(str(tmp_path / "a" / "one.md"), b"one\n")
        second = batch.create_numbered(str(tmp_path / "a"), "one", b"two\n")
        batch.create_file(str(tmp_path / "b" / "three.md"), b"three\n")
    assert fsyncs == []  # none per file
    assert syncs == [[str(tmp_path / "a" / "one.md"), second, str(tmp_path / "b" / "three.md")]]
    assert os.path.basename(second) == "one-2.md"
    assert tree(tmp_path) == {"a/one.md": b"one\n", "a/one-2.md": b"two\n", "b/three.md": b"three\n"}
    with pytest.raises(FileExistsError):  # create-only, as ever
        userfiles.Batch().create_file(str(tmp_path / "b" / "three.md"), b"other\n")
    assert (tmp_path / "b" / "three.md").read_bytes() == b"three\n"


def test_a_batch_syncs_what_it_wrote_when_an_error_stops_it(tmp_path, monkeypatch):
    syncs = []
    monkeypatch.setattr(userfiles, "sync_together", lambda paths: syncs.append(list(paths)))
    with pytest.raises(RuntimeError), userfiles.Batch() as batch:
        batch.create_file(str(tmp_path / "one.md"), b"one\n")
        raise RuntimeError("stopped")
    assert syncs == [[str(tmp_path / "one.md")]]


def test_sync_together_flushes_each_filesystem_once(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(userfiles, "_syncfs", lambda: (lambda fd: calls.append(os.fstat(fd).st_dev) or 0))
    paths = []
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
        paths.append(str(tmp_path / folder / "x.md"))
        (tmp_path / folder / "x.md").write_bytes(b"x")
    userfiles.sync_together(paths)
    assert calls == [os.stat(tmp_path).st_dev]  # three folders, one filesystem: one syncfs


def test_sync_together_really_flushes(tmp_path):
    """On this system for real (syncfs on Linux, else sync): no error, the files unchanged."""
    (tmp_path / "x.md").write_bytes(b"x\n")
    userfiles.sync_together([str(tmp_path / "x.md")])
    assert (tmp_path / "x.md").read_bytes() == b"x\n"


def test_sync_together_reports_a_failed_syncfs(tmp_path, monkeypatch):
    import errno

    import ctypes

    def failing(fd):
        ctypes.set_errno(errno.EIO)
        return -1

    monkeypatch.setattr(userfiles, "_syncfs", lambda: failing)
    (tmp_path / "x.md").write_bytes(b"x")
    with pytest.raises(OSError) as caught:
        userfiles.sync_together([str(tmp_path / "x.md")])
    assert caught.value.errno == errno.EIO


def test_a_vcard_import_makes_no_fsync_per_person(tmp_path, monkeypatch, project, run):
    project({"log/people/.keep": "", "contacts.vcf": CARDS})
    fsyncs, syncs = [], []
    monkeypatch.setattr(os, "fsync", lambda fd: fsyncs.append(fd))
    monkeypatch.setattr(userfiles, "sync_together", lambda paths: syncs.append(len(paths)))
    result = run("import", "vcard", "contacts.vcf")
    assert result.exit_code == 0, result.output
    assert fsyncs == [] and syncs == [8]
    assert len([k for k in tree(tmp_path / "log" / "people") if k.endswith(".md")]) == 8


@pytest.mark.slow
def test_an_import_killed_after_each_write_leaves_whole_files_and_a_rerun_completes_it(tmp_path):
    def fresh(where):
        write_files(where, {"mkdocs.yml": CONFIG, "log/people/.keep": "", "contacts.vcf": CARDS})
        return where

    def import_(where, kill_after=None):
        env = child_env()
        if kill_after is not None:
            env["NETLOG_TEST_KILL_AFTER_WRITES"] = str(kill_after)
        return subprocess.run([sys.executable, "-m", "netlog", "import", "vcard", "contacts.vcf"],
                              cwd=where, env=env, capture_output=True, text=True, timeout=120)

    whole = fresh(tmp_path / "whole")
    assert import_(whole).returncode == 0
    expected = tree(whole / "log")
    assert len([k for k in expected if k.endswith(".md")]) == 8
    for n in (1, 4, 8):
        where = fresh(tmp_path / f"kill-{n}")
        assert import_(where, n).returncode == -9
        state = tree(where / "log")
        assert len([k for k in state if k.endswith(".md")]) == n
        assert all(expected[k] == v for k, v in state.items())  # whole files only, as they should be
        assert not any(".tmp" in k or ".netlog-" in k for k in tree(where))
        again = import_(where)
        assert again.returncode == 0, again.stderr
        assert tree(where / "log") == expected


def test_an_ics_import_syncs_its_drafts_together(tmp_path, monkeypatch, project, run):
    from pathlib import Path

    from helpers import person

    ics = Path(__file__).resolve().parent / "fixtures" / "ics" / "google.ics"
    project({"log/people/jane-doe.md": person("Jane Doe", links="{email: jane.doe@example.com}"),
             "log/people/sam-lee.md": person("Sam Lee", links="{email: 'mailto:SAM@example.net'}")},
            config="site_name: t\ndocs_dir: log\nplugins:\n  - netlog:\n      me: [Me@Example.org]\n")
    fsyncs, syncs = [], []
    monkeypatch.setattr(os, "fsync", lambda fd: fsyncs.append(fd))
    monkeypatch.setattr(userfiles, "sync_together", lambda paths: syncs.append(sorted(map(os.path.basename, paths))))
    result = run("import", "ics", str(ics), "--today", "2026-11-30")
    assert result.exit_code == 0, result.output
    assert fsyncs == []
    assert syncs == [sorted(tree(tmp_path / "log" / "_drafts"))] and len(syncs[0]) == 2


def test_a_failed_sync_is_one_clear_line_and_exit_1(tmp_path, monkeypatch, project, run):
    import errno

    project({"log/people/.keep": "", "contacts.vcf": CARDS})

    def full(paths):
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(tmp_path / "log" / "people"))

    monkeypatch.setattr(userfiles, "sync_together", full)
    result = run("import", "vcard", "contacts.vcf")
    assert result.exit_code == 1
    assert "the new person files may not be on disk yet" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="unnamed files are Linux's")
def test_a_batch_opens_each_folder_once_and_forgets_one_a_failed_write_removed(tmp_path, monkeypatch):
    real_open, opened = os.open, []

    def counting(path, flags, *args, **kwargs):
        if flags & os.O_DIRECTORY and not flags & os.O_WRONLY:  # O_TMPFILE has the bit too
            opened.append(os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting)
    with userfiles.Batch() as batch:
        for i in range(5):
            batch.create_file(str(tmp_path / "people" / f"p{i}.md"), b"x\n")
        assert opened == [str(tmp_path / "people")]
        # a write into a new folder fails: the folder made for it is removed again, and the next
        # write there works in the folder made anew (not the removed one)
        real_link = os.link
        monkeypatch.setattr(os, "link", lambda *a, **k: (_ for _ in ()).throw(OSError(28, "No space left")))
        with pytest.raises(OSError):
            batch.create_file(str(tmp_path / "drafts" / "d.md"), b"d\n")
        assert not (tmp_path / "drafts").exists()
        monkeypatch.setattr(os, "link", real_link)
        batch.create_file(str(tmp_path / "drafts" / "d.md"), b"d\n")
    assert (tmp_path / "drafts" / "d.md").read_bytes() == b"d\n"
    assert len(tree(tmp_path)) == 6


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="unnamed files are Linux's")
def test_a_batch_writes_into_a_folder_it_knows_without_asking_for_it_again_and_fails_whole(tmp_path, monkeypatch):
    """Files after the first into a folder go straight to it (no folder check, no buffered file
    object); a failed one there leaves nothing, the folder and the earlier files stay."""
    with userfiles.Batch() as batch:
        batch.create_file(str(tmp_path / "people" / "a.md"), b"a\n")
        real_isdir = os.path.isdir
        monkeypatch.setattr(os.path, "isdir", lambda _p: pytest.fail("a folder check for a known folder"))
        batch.create_file(str(tmp_path / "people" / "b.md"), b"b\n" * 50_000)
        monkeypatch.setattr(os.path, "isdir", real_isdir)  # after a failure the folder is checked again
        with pytest.raises(FileExistsError) as caught:
            batch.create_file(str(tmp_path / "people" / "a.md"), b"other\n")
        assert caught.value.filename == str(tmp_path / "people" / "a.md")
        monkeypatch.setattr(os, "link", lambda *a, **k: (_ for _ in ()).throw(OSError(28, "No space left")))
        with pytest.raises(OSError):
            batch.create_file(str(tmp_path / "people" / "c.md"), b"c\n")
    assert tree(tmp_path) == {"people/a.md": b"a\n", "people/b.md": b"b\n" * 50_000}


def test_short_writes_of_an_unbuffered_file_are_continued_until_every_byte_is_written():
    class Short:  # a file object whose write takes at most 3 bytes a call, as a system call may
        def __init__(self):
            self.got = b""

        def write(self, data):
            self.got += bytes(data[:3])
            return min(3, len(data))

    fh = Short()
    userfiles._write_all(fh, b"0123456789")
    assert fh.got == b"0123456789"


@pytest.mark.parametrize("value", ["Marlowe, Stroud & Co", "Partner, Disputes", "Harbour & Vale LLP", "Ada",
                                   "R&D, Q.A.", "Ops + Legal", "O'Neil, J.", "Smith & Co.", "a, b, c",
                                   "No, thanks", "yes", "Yes, please", "True", "null, really", "x & y"])
def test_a_value_alone_on_its_line_is_written_plain_where_yaml_reads_it_back(value):
    import yaml

    from netlog.yamlemit import yaml_line

    line = yaml_line("org", value)
    assert yaml.safe_load(line) == {"org": value}
    assert yaml.safe_load(yaml_line("links", {"company": value})) == {"links": {"company": value}}
    if "," in value and value.lower() not in ("yes", "true"):
        assert line == f"org: {value}"  # plain: no emitter, no quotes


@pytest.mark.parametrize("value", ["+44 20 7946 0958", "020 7946 0958", "+1 555 0100", "1 2", "0 0", "+49 30 12345678",
                                   "00 44 20 7946 0958", "2026 11 25", "0777 123 456"])
def test_a_phone_number_is_written_plain_as_pyyaml_writes_it_and_reads_back(value):
    import yaml

    from netlog.yamlemit import yaml_line

    line = yaml_line("links", {"phone": value})
    assert line == f"links:\n  phone: {value}"
    assert yaml.safe_load(line) == {"links": {"phone": value}}
    # the same text as PyYAML's emitter, which the plain writer spares
    assert yaml.safe_dump({"phone": value}, allow_unicode=True, width=2**30) == f"phone: {value}\n"


@pytest.mark.parametrize("value", ["+44", "2026-11-25", "+44-20-7946-0958", "1:20", "+44  20", " 20 7946", "20 7946 ",
                                   "0x1F 2", "1_000 2"])
def test_numbers_yaml_would_read_otherwise_are_not_written_bare(value):
    import yaml

    from netlog.yamlemit import yaml_line

    assert yaml.safe_load(yaml_line("links", {"phone": value})) == {"links": {"phone": value}}
