"""The one home of writing user files (netlog/userfiles.py, docs/format.md §13): the front matter
line edit changes exactly one key's lines, keeping every other byte; replacing keeps permissions."""

from __future__ import annotations

import os
import stat

import pytest

from netlog import userfiles
from netlog.userfiles import CannotEdit, FileChanged, edit_key

LF = b"---\ndate: 2026-03-01\nkind: coffee  # a good one\nwith: [Ann Lee]\n---\n\nNotes\n"


def crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize("wrap", [lambda b: b, crlf, lambda b: BOM + b, lambda b: BOM + crlf(b)],
                         ids=["lf", "crlf", "bom", "bom-crlf"])
def test_add_replace_remove_one_line_keeps_every_other_byte(wrap):
    original = wrap(LF)
    eol = b"\r\n" if b"\r\n" in original else b"\n"
    added = edit_key(original, "snooze", "snooze: 2026-03-10")
    assert added == original.replace(b"[Ann Lee]" + eol + b"---", b"[Ann Lee]" + eol + b"snooze: 2026-03-10" + eol + b"---")
    replaced = edit_key(added, "snooze", "snooze: 2026-04-01")
    assert replaced == added.replace(b"2026-03-10", b"2026-04-01")
    assert edit_key(replaced, "snooze", None) == original
    assert edit_key(original, "snooze", None) == original  # nothing to remove: unchanged


def test_a_comment_after_the_value_is_kept_and_continuation_lines_go_with_the_key():
    text = b"---\nname: Ann Lee\n# her own words\nsnooze: 2026-01-01   # until the move\ntags:\n- a\n- b\norg: X\n---\n"
    assert edit_key(text, "snooze", "snooze: 2026-02-02") == text.replace(b"2026-01-01", b"2026-02-02")
    assert edit_key(text, "tags", "tags: [c]") == b"---\nname: Ann Lee\n# her own words\nsnooze: 2026-01-01   # until the move\ntags: [c]\norg: X\n---\n"
    assert edit_key(text, "snooze", None) == text.replace(b"snooze: 2026-01-01   # until the move\n", b"")


def test_a_mapping_is_written_as_lines_with_the_files_line_endings():
    text = crlf(b"---\nname: A\nlinks:\n  email: a@x.test\norg: X\n---\n")
    assert edit_key(text, "links", "links:\n  email: a@x.test\n  email-2: b@x.test") == crlf(
        b"---\nname: A\nlinks:\n  email: a@x.test\n  email-2: b@x.test\norg: X\n---\n")


def test_a_key_in_the_notes_or_nested_is_not_the_key():
    text = b"---\nname: A\nlinks:\n  snooze: x\n---\nsnooze: in the notes\n"
    assert edit_key(text, "snooze", "snooze: 2026-01-01") == b"---\nname: A\nlinks:\n  snooze: x\nsnooze: 2026-01-01\n---\nsnooze: in the notes\n"


@pytest.mark.parametrize("text, why", [
    (b"no front matter\n", "no front matter"),
    (b"---\nname: A\n", "not closed"),
    (b"---\nsnooze: 2026-01-01\nsnooze: 2026-01-02\n---\n", "2 times"),
    (b"---\rname: A\r---\r", "lone CR"),
    (b"---\nname: \xff\n---\n", "not UTF-8"),
])
def test_what_cannot_be_edited_says_why(text, why):
    with pytest.raises(CannotEdit, match=why):
        edit_key(text, "snooze", "snooze: 2026-01-01")


def test_replace_keeps_permissions_and_refuses_a_file_changed_meanwhile(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    userfiles.replace_file(str(path), b"new", expected=b"old")
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o640
    with pytest.raises(FileChanged):
        userfiles.replace_file(str(path), b"newer", expected=b"old")
    assert path.read_bytes() == b"new"
    assert sorted(os.listdir(tmp_path)) == ["a.md"]  # no temporary file left


def test_set_key_through_a_link_keeps_the_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_bytes(b"---\nname: A\n---\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    userfiles.set_key(str(link), "snooze", "snooze: 2026-01-01")
    assert link.is_symlink() and real.read_bytes() == b"---\nname: A\nsnooze: 2026-01-01\n---\n"


def test_writers_do_not_import_atomic_write_from_the_build_module():
    import pathlib

    root = pathlib.Path(userfiles.__file__).parent
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 for line in p.read_text().splitlines()
                 if ("sitebuild import" in line and "atomic_write" in line) or "sitebuild.atomic_write" in line]
    assert offenders == []
    assert not any("def _umask" in p.read_text() for p in root.rglob("*.py"))


@pytest.mark.parametrize("wrap", [lambda b: b, crlf, lambda b: BOM + b, lambda b: BOM + crlf(b)],
                         ids=["lf", "crlf", "bom", "bom-crlf"])
def test_rewrite_refs_changes_only_the_values_that_name_the_person(wrap):
    from netlog.acting import rewrite_refs

    text = wrap("---\ndate: 2026-03-01\nkind: call\nwith: ['Jon Smith', Bo]  # Jon Smith\ntitle: Jon Smith\n"
                "via:\n  - \"J. Smith\"   # him\n  - Ann\n---\nJon Smith\n".encode())
    names = {"Jon Smith", "J. Smith"}.__contains__
    new, done = rewrite_refs(text, names, "jonathan-smith")
    assert new == text.replace(b"'Jon Smith', Bo", b"jonathan-smith, Bo").replace(b'"J. Smith"', b"jonathan-smith")
    assert done == [("with", "Jon Smith"), ("via", "J. Smith")]
    assert rewrite_refs(text, {"Nobody"}.__contains__, "x") == (text, [])
