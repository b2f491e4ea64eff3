"""The site folder a build writes into (docs/format.md §8: a build replaces only the files of
a site folder it built): what the user put there is kept, a --share folder is not overwritten by
the private site, builds take turns, attachments only private notes use stay out of --share
however their links are escaped, and write failures say where."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netlog import lock
from netlog.attachments import references

from helpers import child_env
from test_privacy import JANE, SECRET, entry, make, ok, run

TODAY = "2026-01-05"
FILES = {"people/jane-doe.md": JANE, "a.md": entry(body="Hello\n")}


def build(root: Path, site: Path, *more: str):
    return run(root, "build", "--today", TODAY, "-d", str(site), *more)


# --------------------------------------------------------------------------- what the user put there


@pytest.mark.slow  # real builds
@pytest.mark.parametrize("first, then", [(["--share"], ["--share"]), ([], []), (["--share"], []), ([], ["--share"])])
def test_a_build_keeps_the_git_folder_and_cname_it_did_not_write(tmp_path, first, then):
    root = make(tmp_path / "p", dict(FILES))
    site = tmp_path / "site"
    ok(build(root, site, *first))
    (site / ".git" / "objects").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (site / "CNAME").write_text("log.example.org\n")
    (site / ".nojekyll").write_text("")
    if first and not then:  # a --share folder is never replaced by the private site
        r = build(root, site, *then)
        assert r.exit_code == 1 and "it holds a --share build" in r.output and "--share" in r.output
        assert (site / "CNAME").exists()
        return
    ok(build(root, site, *then))
    assert (site / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n" and (site / ".git" / "objects").is_dir()
    assert (site / "CNAME").read_text() == "log.example.org\n" and (site / ".nojekyll").exists()
    assert (site / "index.html").exists()
    ok(build(root, site, *then))  # and again
    assert (site / "CNAME").exists() and (site / ".git" / "HEAD").exists()


@pytest.mark.slow  # real builds
def test_a_site_of_an_older_netlog_keeps_its_dot_folders_and_cname(tmp_path):
    root = make(tmp_path / "p", dict(FILES))
    site = tmp_path / "site"
    ok(build(root, site))
    (site / ".netlog-site").write_text("built by netlog; `netlog build` replaces this folder as a whole\n")
    (site / ".git").mkdir()
    (site / "CNAME").write_text("x\n")
    (site / "stale.html").write_text("an old page")  # an older build's page: netlog's, so it goes
    ok(build(root, site, "--share"))
    assert (site / ".git").is_dir() and (site / "CNAME").exists() and not (site / "stale.html").exists()


@pytest.mark.slow  # real builds
def test_a_file_of_the_user_that_a_build_would_now_write_is_refused_by_name(tmp_path):
    root = make(tmp_path / "p", dict(FILES))
    site = tmp_path / "site"
    ok(build(root, site))
    marker = site / ".netlog-site"
    marker.write_text("".join(line for line in marker.read_text().splitlines(True) if line != "built: 404.html\n"))
    r = build(root, site)  # "404.html" is now the user's, and the build writes one
    assert r.exit_code == 1
    assert "refusing to replace 404.html in " in r.output and "netlog did not build it there" in r.output
    assert (site / "index.html").exists()  # the previous site is unchanged


@pytest.mark.slow  # real builds
def test_a_full_build_over_a_full_one_and_a_share_over_a_full_one_are_fine(tmp_path):
    root = make(tmp_path / "p", dict(FILES))
    site = tmp_path / "site"
    ok(build(root, site))
    ok(build(root, site))
    ok(build(root, site, "--share"))
    assert "kind: share" in (site / ".netlog-site").read_text()


# --------------------------------------------------------------------------- builds take turns


@pytest.mark.slow  # a real build
def test_a_build_while_another_holds_the_site_folder_says_so(tmp_path, monkeypatch):
    root = make(tmp_path / "p", dict(FILES))
    site = tmp_path / "site"
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.0)
    with lock.held(str(tmp_path), "a test"):
        r = build(root, site)
    assert r.exit_code == 1 and not site.exists()
    assert "another netlog command is writing to" in r.output  # it said it waits
    assert f"another netlog command is still writing to {tmp_path}; the build into {site} did not start" in r.output
    assert "Traceback" not in r.output


@pytest.mark.slow  # builds in child processes at once
def test_two_builds_into_one_site_folder_both_succeed(tmp_path):
    root = make(tmp_path / "p", {**FILES, **{f"e{n}.md": entry(body=f"note {n}\n") for n in range(30)}})
    site = tmp_path / "site"
    args = [sys.executable, "-m", "netlog", "build", "--today", TODAY, "-d", str(site)]
    children = [subprocess.Popen(args, cwd=root, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True) for _ in range(2)]
    results = [(c.wait(), *c.communicate()) for c in children]
    assert [r[0] for r in results] == [0, 0], results
    assert (site / "index.html").exists() and (site / ".netlog-site").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p", "site"]  # no temporary folder left


# --------------------------------------------------------------------------- attachments under --share


@pytest.mark.parametrize("body, path", [
    ('<img src="files/a&amp;b.png">', "2026/files/a&b.png"),
    ("<a href='files/it&#39;s.pdf'>cv</a>", "2026/files/it's.pdf"),
    ('<div style="background: url(files/bg.png)"></div>', "2026/files/bg.png"),
    ('<div style="background:url(&quot;files/q.png&quot;)"></div>', "2026/files/q.png"),
    ("<p style=\"background-image: url('files/s p.png')\">", "2026/files/s p.png"),
    ("<style>.x { background: url(\"/img/root.png\") }</style>", "img/root.png"),
    ('<img srcset="files/one.png 1x, files/two.png 2x">', "2026/files/two.png"),
    ("![x](files/m&amp;n.png)", "2026/files/m&n.png"),
])
def test_every_way_of_writing_a_link_is_found(body, path):
    assert path in references(body, "2026/x.md")


@pytest.mark.slow  # real builds
def test_share_drops_attachments_of_private_notes_however_escaped(tmp_path):
    private = ('<img src="files/a&amp;b.png">\n<a href=\'files/it&#39;s.pdf\'>x</a>\n'
               '<div style="background: url(files/bg.png)"></div>\n'
               '<div style="background:url(&quot;files/q.png&quot;)"></div>\n')
    files = {"people/jane-doe.md": JANE, "pub.md": entry(body="![p](files/pub.png)\n"),
             "priv.md": entry(extra="private: true\n", body=private),
             "files/pub.png": b"pub", "files/a&b.png": SECRET, "files/it's.pdf": SECRET, "files/bg.png": SECRET,
             "files/q.png": SECRET}
    root = make(tmp_path / "p", files)
    shared = tmp_path / "shared"
    ok(build(root, shared, "--share"))
    assert sorted(p.name for p in (shared / "files").iterdir()) == ["pub.png"]
    for p in shared.rglob("*"):
        assert not p.is_file() or SECRET.encode() not in p.read_bytes(), p


# --------------------------------------------------------------------------- messages


@pytest.mark.parametrize("writer", ["atomic_write", "write_all", "exchange", "create_file"])
def test_a_full_disk_names_the_file(tmp_path, monkeypatch, writer):
    from netlog import safeio, userfiles

    target = tmp_path / "f.md"
    target.write_text("old")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    calls = {"atomic_write": lambda: userfiles.atomic_write(str(target), b"x"),
             "write_all": lambda: safeio.write_all({str(target): b"x"}),
             "exchange": lambda: safeio.exchange(str(target), b"x"),
             "create_file": lambda: userfiles.create_file(str(tmp_path / "new.md"), b"x")}
    with pytest.raises(OSError) as e:
        calls[writer]()
    words = safeio.message(e.value)
    assert words.startswith("cannot write ") and "No space left on device (the disk is full)" in words
    assert ("new.md" if writer == "create_file" else "f.md") in words
    assert target.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["f.md"]


@pytest.mark.slow  # a real build
def test_an_attachment_that_vanishes_during_the_build_is_said_to_have_vanished(tmp_path, monkeypatch):
    import shutil

    root = make(tmp_path / "p", {**FILES, "b.md": entry(body="![p](photo.png)\n"), "photo.png": b"png"})
    real = shutil.copyfile

    def vanish(src, dst, *a, **k):
        if str(src).endswith("photo.png"):
            os.unlink(src)
        return real(src, dst, *a, **k)

    monkeypatch.setattr(shutil, "copyfile", vanish)
    r = build(root, tmp_path / "site")
    assert r.exit_code == 1
    assert "photo.png: No such file or directory: it vanished while the site was built" in r.output
    assert "cannot write" not in r.output
