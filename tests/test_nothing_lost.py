"""Nothing is ever lost: failed builds keep the previous site, dangerous output folders are
refused before anything is touched, writes are atomic, and no name in the log writes outside
the output folders.

Builds run in this process (MkDocs, about half a second each); one site is built per module and
copied into each test that needs one.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from netlog import sitebuild, userfiles
from netlog.cli import main

from helpers import refuse_unnamed_files, write_files

pytestmark = pytest.mark.slow  # real MkDocs builds (left out of the quick lane)

TODAY = "2026-02-01"
CONFIG = "site_name: t\ndocs_dir: log\nsite_dir: site\nplugins: [netlog]\n"
LOG = {
    "log/people/jane-doe.md": "---\nname: Jane Doe\naka: [J. Doe]\ncadence: 2w\n---\nNotes on Jane.\n",
    "log/2026/2026-01-05-coffee-jane-doe.md": "---\ndate: 2026-01-05\nkind: coffee\nwith: [Jane Doe]\n"
                                              "follow_up: 2w\n---\n# Coffee with Jane\n\nWe talked.\n",
    "log/2026/2026-01-20-talk.md": "---\ndate: 2026-01-20\nkind: talk\naudience: 30\n---\n",
}


# --------------------------------------------------------------------------- helpers


def snapshot(root: Path, exclude: tuple[str, ...] = ()) -> dict[str, str]:
    """Every file, folder and link under ``root``: relative path -> content hash or kind."""
    out: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            if any(rel == e or rel.startswith(e + os.sep) for e in exclude):
                continue
            if os.path.islink(path):
                out[rel] = "link -> " + os.readlink(path)
            elif os.path.isdir(path):
                out[rel] = "dir"
            else:
                with open(path, "rb") as fh:
                    out[rel] = hashlib.sha256(fh.read()).hexdigest()
    return out


def leftovers(folder: Path) -> list[str]:
    """Temporary build folders or files that a finished command must not leave behind."""
    found = []
    for path in folder.rglob("*"):
        name = path.name
        if ".building-" in name or ".old-" in name or (name.startswith(".netlog-") and name.endswith(".tmp")):
            found.append(str(path))
    return found


def run(*args, catch: bool = True):
    return CliRunner().invoke(main, list(args), catch_exceptions=catch)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project (home/proj) with a site built once; tests copy it."""
    base = tmp_path_factory.mktemp("built")
    proj = base / "home" / "proj"
    proj.mkdir(parents=True)
    (proj / "mkdocs.yml").write_text(CONFIG)
    write_files(proj, LOG)
    with contextlib.chdir(proj):
        result = run("build", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (proj / "site" / "index.html").is_file()
    return base


@pytest.fixture
def home(built, tmp_path, monkeypatch):
    """A fresh copy of the built project at tmp_path/home/proj, cwd there, HOME = tmp_path/home."""
    shutil.copytree(built / "home", tmp_path / "home", symlinks=True)
    (tmp_path / "home" / "diary.txt").write_text("the user's own file in their home folder\n")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path / "home" / "proj")
    return tmp_path / "home"


# --------------------------------------------------------------------------- failed builds


BROKEN_HOOK = """
def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.startswith("2026/"):
        raise {error}("boom in the middle of the build")
    return markdown
"""


def _check_error(proj: Path) -> list[str]:
    (proj / "log" / "2026" / "broken.md").write_text("---\ndate: 2026-13-01\nkind: coffee\n---\n")
    return []


def _plugin_option(proj: Path) -> list[str]:
    (proj / "mkdocs.yml").write_text(CONFIG.replace("plugins: [netlog]", "plugins:\n  - netlog:\n      upcoming: soon"))
    return []


def _theme(proj: Path) -> list[str]:
    (proj / "mkdocs.yml").write_text(CONFIG + "theme: {name: nonexistent}\n")
    return []


def _markdown_extension(proj: Path) -> list[str]:
    (proj / "mkdocs.yml").write_text(CONFIG + "markdown_extensions: [no_such_extension_anywhere]\n")
    return []


def _strict_broken_link(proj: Path) -> list[str]:
    (proj / "log" / "2026" / "linked.md").write_text("---\ndate: 2026-01-07\nkind: talk\n---\nSee [x](missing.md).\n")
    return ["--strict"]


def _hook(error: str):
    def setup(proj: Path) -> list[str]:
        (proj / "mkdocs.yml").write_text(CONFIG + "hooks: [boom.py]\n")
        (proj / "boom.py").write_text(BROKEN_HOOK.format(error=error))
        return []
    return setup


@pytest.mark.parametrize("breakage", [
    pytest.param(_check_error, id="check-error"),
    pytest.param(_plugin_option, id="plugin-option-upcoming-soon"),
    pytest.param(_theme, id="theme-nonexistent"),
    pytest.param(_markdown_extension, id="markdown-extension-missing"),
    pytest.param(_strict_broken_link, id="strict-broken-link"),
    pytest.param(_hook("RuntimeError"), id="hook-raises-mid-build"),
    pytest.param(_hook("KeyboardInterrupt"), id="interrupted-mid-build"),
])
def test_a_failed_build_leaves_the_previous_site_byte_for_byte(home, breakage):
    proj = home / "proj"
    before = snapshot(proj / "site")
    extra = breakage(proj)
    result = run("build", "--today", TODAY, *extra)
    assert result.exit_code != 0, result.output
    assert snapshot(proj / "site") == before
    assert leftovers(home) == []


def test_a_failed_swap_puts_the_old_site_back(home, monkeypatch):
    """The site is complete in the temporary folder, but renaming it into place fails."""
    proj = home / "proj"
    before = snapshot(proj / "site")
    real_rename = os.rename

    def rename(src, dst, *args, **kwargs):
        if os.path.basename(str(src)).startswith(".site.building-"):
            raise OSError(28, "No space left on device")
        return real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(sitebuild.os, "rename", rename)
    result = run("build", "--today", TODAY)
    assert result.exit_code != 0
    monkeypatch.undo()
    assert snapshot(proj / "site") == before
    assert leftovers(home) == []


def test_a_successful_rebuild_replaces_the_site_and_leaves_no_temporary_folders(home):
    proj = home / "proj"
    (proj / "log" / "2026" / "new.md").write_text("---\ndate: 2026-01-25\nkind: talk\ntitle: Brand new\n---\n")
    result = run("build", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (proj / "site" / "2026" / "new.html").is_file() or (proj / "site" / "2026" / "new" / "index.html").is_file()
    assert leftovers(home) == []


# --------------------------------------------------------------------------- refused site folders


def _targets(home: Path) -> dict[str, str]:
    proj = home / "proj"
    return {
        "the-log": str(proj / "log"),
        "inside-the-log": str(proj / "log" / "2026"),
        "the-config-folder": str(proj),
        "a-parent-of-the-log": str(home.parent),
        "the-home-folder": str(home),
        "a-link-to-the-log": str(home / "alias"),
    }


TARGETS = ["the-log", "inside-the-log", "the-config-folder", "a-parent-of-the-log", "the-home-folder",
           "a-link-to-the-log"]


@pytest.mark.parametrize("how", ["-d", "site_dir"])
@pytest.mark.parametrize("target", TARGETS)
def test_dangerous_site_dirs_are_refused_before_anything_is_deleted(home, target, how):
    os.symlink(home / "proj" / "log", home / "alias")
    path = _targets(home)[target]
    proj = home / "proj"
    if how == "site_dir":
        (proj / "mkdocs.yml").write_text(CONFIG.replace("site_dir: site", f"site_dir: '{path}'"))
        args = ["build", "--today", TODAY]
    else:
        args = ["build", "--today", TODAY, "-d", path]
    before = snapshot(home.parent)
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert snapshot(home.parent) == before


def test_a_home_folder_without_the_project_is_refused(home, tmp_path, monkeypatch):
    """HOME elsewhere: only the home rule stands between the build and the user's files."""
    other = tmp_path / "other-home"
    (other / "Documents").mkdir(parents=True)
    (other / "Documents" / "cv.txt").write_text("my CV\n")
    (other / "sitemap.xml").write_text("<urlset/>\n")  # even looking a bit like a site
    monkeypatch.setenv("HOME", str(other))
    before = snapshot(tmp_path)
    result = run("build", "--today", TODAY, "-d", str(other))
    assert result.exit_code == 1, result.output
    assert snapshot(tmp_path) == before


def test_an_existing_folder_of_user_files_is_refused(home):
    mine = home / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("precious notes\n")
    before = snapshot(home)
    result = run("build", "--today", TODAY, "-d", str(mine))
    assert result.exit_code == 1, result.output
    assert "refusing" in result.output
    assert snapshot(home) == before


def test_a_folder_of_user_files_with_a_search_subfolder_is_refused(home):
    mine = home / "mine"
    (mine / "search").mkdir(parents=True)
    (mine / "search" / "saved-searches.txt").write_text("jobs in Berlin\n")
    (mine / "notes.txt").write_text("precious notes\n")
    before = snapshot(home)
    result = run("build", "--today", TODAY, "-d", str(mine))
    assert result.exit_code == 1, result.output
    assert snapshot(home) == before


def test_a_file_as_site_dir_is_refused(home):
    target = home / "site.txt"
    target.write_text("not a folder\n")
    result = run("build", "--today", TODAY, "-d", str(target))
    assert result.exit_code == 1
    assert target.read_text() == "not a folder\n"


# --------------------------------------------------------------------------- render


def test_render_refuses_a_folder_it_did_not_write(home):
    out = home / "pages"
    out.mkdir()
    (out / "notes.txt").write_text("precious notes\n")
    (out / "index.md").write_text("my own index\n")
    before = snapshot(home)
    result = run("render", str(out), "--today", TODAY)
    assert result.exit_code == 1, result.output
    assert snapshot(home) == before


@pytest.mark.parametrize("where", ["log", "log/2026", ".", "..", "../alias"])
def test_render_refuses_the_log_and_the_project(home, where):
    os.symlink(home / "proj" / "log", home / "alias")
    before = snapshot(home)
    result = run("render", where, "--today", TODAY)
    assert result.exit_code == 1, result.output
    assert snapshot(home) == before


def test_render_never_writes_through_a_link_in_its_folder(home):
    out, victim = home / "pages", home / "victim"
    assert run("render", str(out), "--today", TODAY).exit_code == 0
    victim.mkdir()
    (victim / "jane-doe.md").write_text("MY PRECIOUS NOTES\n")
    shutil.rmtree(out / "docs" / "people")  # the pages are under docs/ (netlog/neutral.py)
    os.symlink(victim, out / "docs" / "people")
    result = run("render", str(out), "--today", TODAY)
    assert "Traceback" not in result.output
    assert (victim / "jane-doe.md").read_text() == "MY PRECIOUS NOTES\n"
    assert sorted(p.name for p in victim.iterdir()) == ["jane-doe.md"]


def test_render_twice_keeps_files_the_user_added(home):
    out = home / "pages"
    assert run("render", str(out), "--today", TODAY).exit_code == 0
    (out / "my-notes.txt").write_text("mine\n")
    result = run("render", str(out), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (out / "my-notes.txt").read_text() == "mine\n"
    assert leftovers(home) == []


def test_render_replaces_a_linked_page_without_touching_its_target(home):
    out, victim = home / "pages", home / "diary.txt"
    assert run("render", str(out), "--today", TODAY).exit_code == 0
    (out / "docs" / "index.md").unlink()  # the pages are under docs/ (netlog/neutral.py)
    os.symlink(victim, out / "docs" / "index.md")
    before = victim.read_bytes()
    assert run("render", str(out), "--today", TODAY).exit_code == 0
    assert victim.read_bytes() == before
    assert not (out / "docs" / "index.md").is_symlink()


# --------------------------------------------------------------------------- atomic writes


class Boom(OSError):
    pass


def _fail(*_args, **_kwargs):
    raise Boom(5, "Input/output error")


def _interrupt(*_args, **_kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize("existing", [True, False], ids=["over-a-file", "new-file"])
@pytest.mark.parametrize("step,fail", [
    ("replace", _fail), ("replace", _interrupt), ("fsync", _fail), ("fsync", _interrupt),
])
def test_an_interrupted_write_leaves_no_half_written_file(tmp_path, monkeypatch, existing, step, fail):
    target = tmp_path / "out" / "page.md"
    target.parent.mkdir()
    if existing:
        target.write_bytes(b"the old, complete page\n")
    monkeypatch.setattr(sitebuild.os, step, fail)
    with pytest.raises((Boom, KeyboardInterrupt)):
        userfiles.atomic_write(str(target), b"the new page\n" * 1000)
    monkeypatch.undo()
    if existing:
        assert target.read_bytes() == b"the old, complete page\n"
    else:
        assert not target.exists()
    assert sorted(p.name for p in target.parent.iterdir()) == (["page.md"] if existing else [])


@pytest.mark.parametrize("fail", [_fail, _interrupt])
def test_an_interrupted_exclusive_write_leaves_nothing(tmp_path, monkeypatch, fail):
    target = tmp_path / "new.md"
    monkeypatch.setattr(sitebuild.os, "link", fail)
    with pytest.raises((Boom, KeyboardInterrupt)):
        userfiles.atomic_write(str(target), b"data\n", exclusive=True)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_an_exclusive_write_never_replaces_a_file(tmp_path):
    target = tmp_path / "taken.md"
    target.write_bytes(b"someone's file\n")
    with pytest.raises(FileExistsError):
        userfiles.atomic_write(str(target), b"new\n", exclusive=True)
    assert target.read_bytes() == b"someone's file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["taken.md"]


@pytest.mark.parametrize("unnamed", [True, False], ids=["unnamed-file", "temporary-name"])
def test_an_exclusive_write_gives_the_usual_mode_and_names_the_path_it_could_not_write(tmp_path, monkeypatch,
                                                                                       unnamed):
    import tempfile

    if unnamed and not hasattr(os, "O_TMPFILE"):
        pytest.skip("no unnamed files on this system")
    if not unnamed:  # a system or filesystem without O_TMPFILE: a temporary file and a link
        refuse_unnamed_files(monkeypatch, errno.EOPNOTSUPP)
    named: list[str] = []
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*a, **k):
        named.append("temporary")
        return real_mkstemp(*a, **k)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    target = tmp_path / "d" / "new.md"
    userfiles.atomic_write(str(target), b"data\n", exclusive=True)
    assert named == ([] if unnamed else ["temporary"])  # the way asked for was the way taken
    mask = os.umask(0o022)
    os.umask(mask)
    assert target.read_bytes() == b"data\n"
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    with pytest.raises(FileExistsError) as raised:
        userfiles.atomic_write(str(target), b"other\n", exclusive=True)
    assert raised.value.filename == str(target) and "/proc" not in str(raised.value)
    assert target.read_bytes() == b"data\n"
    assert [p.name for p in target.parent.iterdir()] == ["new.md"]


def test_atomic_write_writes_everything_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "deep" / "er" / "page.md"
    userfiles.atomic_write(str(target), b"x" * 100_000)
    assert target.read_bytes() == b"x" * 100_000
    userfiles.atomic_write(str(target), b"short\n")
    assert target.read_bytes() == b"short\n"
    assert [p.name for p in target.parent.iterdir()] == ["page.md"]


def test_a_failed_swap_restores_the_old_folder(tmp_path, monkeypatch):
    old, new = tmp_path / "site", tmp_path / ".site.building-x"
    old.mkdir()
    (old / "index.html").write_text("old site\n")
    new.mkdir()
    (new / "index.html").write_text("new site\n")
    real_rename = os.rename

    def rename(src, dst, *args, **kwargs):
        if str(src) == str(new):
            raise OSError(18, "Invalid cross-device link")
        return real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(sitebuild.os, "rename", rename)
    with pytest.raises(OSError):
        sitebuild._swap(str(new), str(old))
    monkeypatch.undo()
    assert (old / "index.html").read_text() == "old site\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.building-x", "site"]


# --------------------------------------------------------------------------- path tricks


#: Where a naive path join of the names below would land outside tmp_path.
OUTSIDE = ("/tmp/evil-title", "/tmp/evil-title.md", "/tmp/evil-title.html", "/etc/evil", "/etc/evil.md",
           "/abs/stub", "/abs/tag", "/evil", "/evil.md")


def test_names_and_titles_never_write_outside_the_output_folders(tmp_path, monkeypatch):
    """Titles, names, aka, tags and refs made of ../, absolute paths and NULs (YAML "\\0")."""
    proj = tmp_path / "proj"
    abs_name = str(tmp_path / "evil-absolute")
    files = {
        "mkdocs.yml": CONFIG,
        "log/people/evil.md": f'---\nname: "../../evil"\naka: ["{abs_name}", "nul\\0name", "/etc/evil"]\n'
                              f'org: "../../../org"\ntags: ["../../tag", "/abs/tag"]\n---\n',
        "log/people/abs.md": f'---\nname: "{tmp_path}/abs-person"\n---\n',
        "log/people/nul.md": '---\nname: "nul\\0in name"\n---\n',
        "log/2026/a.md": '---\ndate: 2026-01-05\nkind: event\n'
                         f'with: ["../../evil", "{tmp_path}/abs-person", "../../../stub", "/abs/stub", "n\\0ul"]\n'
                         f'title: "../../evil"\ntags: ["../../evil", "{abs_name}-tag"]\nvia: ["../../.."]\n---\n',
        "log/2026/b.md": f'---\ndate: 2026-01-06\nkind: talk\ntitle: "{abs_name}-title\\0x"\n'
                         'tags: ["..", "a/../../b"]\n---\n# ../../heading\n',
        "log/2026/c.md": '---\ndate: 2026-01-07\nkind: coffee\nwith: "a\\0b/../../c"\n'
                         'title: ../../../../../../../../tmp/evil-title\n---\n',
    }
    write_files(proj, files)
    # "../../.." has no letters: an error; fix it so that build and render really run
    (proj / "log/2026/a.md").write_text((proj / "log/2026/a.md").read_text().replace('via: ["../../.."]', 'via: ["../x"]'))
    monkeypatch.chdir(proj)
    check = run("check")
    assert check.exit_code == 0, check.output
    before = snapshot(tmp_path)
    existed = {p: os.path.exists(p) for p in OUTSIDE}
    build = run("build", "--today", TODAY, "-d", str(tmp_path / "site"))
    assert build.exit_code == 0, build.output
    render = run("render", str(tmp_path / "r"), "--today", TODAY)
    assert render.exit_code == 0, render.output
    after = snapshot(tmp_path, exclude=("site", "r"))
    assert after == before
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "r" / "docs" / "index.md").is_file()
    for outside in OUTSIDE:
        assert os.path.exists(outside) == existed[outside], outside
