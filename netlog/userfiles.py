"""Writing user files: the one home of every write netlog makes into a log (docs/format.md §13).

Three ways, and only these:

- create-only (:func:`create_file`, :func:`create_numbered`): a new file appears whole
  or not at all, and an existing one is never overwritten, not even by two runs at once;
- atomic replace (:func:`replace_file`): a reader sees the old file or the new one,
  and the file keeps its permissions;
- a front matter line edit (:func:`set_key`, pure: :func:`edit_key`): exactly one
  top-level key's line added, replaced or removed; every other byte (line endings,
  byte order mark, comments) stays;

and :func:`remove_file` for the one removal an action states (``merge``). Imports create many
files through a :class:`Batch`: create-only each, made durable together. Every write
goes through :func:`atomic_write`, which the build (``sitebuild``) uses for its own
files too. Errors are OSError (printed by ``safeio.message``) or
:class:`~netlog.errors.NetlogError` for a file whose front matter cannot be edited.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import signal
import stat
import sys
import tempfile

from . import safeio
from .errors import NetlogError
from .report import shown

# --------------------------------------------------------------------------- writing files


def create_file(path: str, data: bytes, *, sync: bool = True, folders: dict | None = None) -> None:
    """Create ``path`` with ``data``; FileExistsError when it is there, even in a race.

    A write to a temporary file and a hard link (``atomic_write``), so a
    reader never sees half a file. Where the filesystem has no hard links
    (FAT, exFAT, some network shares), an ``O_EXCL`` create does the same
    job without the atomicity.
    """
    try:
        atomic_write(path, data, exclusive=True, sync=sync, folders=folders)
    except FileExistsError:
        raise
    except OSError as e:
        if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK):
            raise
        with safeio.new_folders(os.path.dirname(path)):  # atomic_write removed the ones it made
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            try:
                with safeio.naming(path), os.fdopen(fd, "wb") as fh:
                    fh.write(data)
            except BaseException:
                os.unlink(path)  # ours (O_EXCL): no half-written file stays
                raise


#: How many names ``<stem>.md``, ``<stem>-2.md`` … are tried before giving up.
NUMBERED_LIMIT = 10_000


def numbered_names(stem: str, limit: int = NUMBERED_LIMIT):
    """``<stem>.md``, ``<stem>-2.md``, ``<stem>-3.md`` … ``<stem>-<limit>.md``: the names
    :func:`create_numbered` tries, in that order."""
    yield f"{stem}.md"
    for n in range(2, limit + 1):
        yield f"{stem}-{n}.md"


def first_free_name(stem: str, taken: set[str]) -> str:
    """The name :func:`create_numbered` would write in a folder holding ``taken``; added to ``taken``
    (for a dry run that names several files). FileExistsError when every name is taken."""
    for name in numbered_names(stem):
        if name not in taken:
            taken.add(name)
            return name
    raise FileExistsError(errno.EEXIST, f"{NUMBERED_LIMIT} files named {stem}-N.md already exist")


def create_numbered(folder: str, stem: str, data: bytes, limit: int = NUMBERED_LIMIT, *, sync: bool = True,
                    folders: dict | None = None) -> str:
    """Create ``<stem>.md`` in ``folder``, else ``<stem>-2.md``, ``<stem>-3.md`` …; the path written."""
    for name in numbered_names(stem, limit):
        path = os.path.join(folder, name)
        try:
            create_file(path, data, sync=sync, folders=folders)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(errno.EEXIST, f"{limit} files named {stem}-N.md already exist", folder)


class Batch:
    """Many new files made durable together: the create-only writes of an import (people from
    contacts, drafts from a calendar or mail; docs/format.md §13, "Many new files at once").

    Each file is created whole or not at all (:func:`create_file`, :func:`create_numbered`, so
    an interrupted import leaves whole files only and a rerun, which skips what exists, completes
    it) but without an fsync of its own; :meth:`sync` then flushes them all at once — one
    ``syncfs`` per filesystem on Linux, else one ``sync``, else an fsync of each file and folder.
    Flushing thousands of files one by one costs an import most of its time (issue 27).

    As a context manager, it syncs on leaving, also when an error stops the import (what was
    written stays, and is durable). ``paths``: the files written, in order.
    """

    def __init__(self) -> None:
        self.paths: list[str] = []
        self._folders: dict[str, int] = {}  # folder -> an open descriptor of it, for its new files

    def create_file(self, path: str, data: bytes) -> None:
        """:func:`create_file` without its own fsync."""
        create_file(path, data, sync=False, folders=self._folders)
        self.paths.append(path)

    def create_numbered(self, folder: str, stem: str, data: bytes, limit: int = NUMBERED_LIMIT) -> str:
        """:func:`create_numbered` without its own fsync; the path written."""
        path = create_numbered(folder, stem, data, limit, sync=False, folders=self._folders)
        self.paths.append(path)
        return path

    def sync(self) -> None:
        """Make every file written so far durable, with the folders naming them. OSError as the
        system raises it."""
        try:
            if self.paths:
                sync_together(self.paths)
        finally:
            for fd in self._folders.values():
                os.close(fd)
            self._folders.clear()

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc) -> None:
        self.sync()


def sync_together(paths: list[str]) -> None:
    """Flush ``paths`` (files just written) and their folders to disk, all at once: Linux's
    ``syncfs`` once per filesystem they are on, else ``os.sync`` (macOS, BSD), else an fsync of
    each file and each folder (Windows: files only). OSError as the system raises it."""
    # each folder made absolute once, not each of thousands of paths (``abspath`` asks the system
    # for the current folder every time); the same folders, as a file's name is never ``..``
    folders = sorted({os.path.abspath(folder) for folder in {os.path.dirname(p) for p in paths}})
    syncfs = _syncfs()
    if syncfs is not None:
        devices: dict[int, str] = {}
        for folder in folders:
            devices.setdefault(os.stat(folder).st_dev, folder)
        for folder in devices.values():
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            try:
                if syncfs(fd) != 0:
                    code = _errno()
                    raise OSError(code, os.strerror(code), folder)
            finally:
                os.close(fd)
        return
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in paths:  # pragma: no cover - Windows
        with open(path, "rb") as fh:
            os.fsync(fh.fileno())


def _syncfs():
    """libc's ``syncfs(fd)`` where the system has it (Linux), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None


def _errno() -> int:
    """The errno of the last ctypes call (``syncfs``)."""
    import ctypes

    return ctypes.get_errno()


# --------------------------------------------------------------------------- atomic writes


#: errno values with which a system or filesystem refuses an unnamed file (O_TMPFILE): kernels
#: before 3.11 read the flag as O_DIRECTORY (EISDIR), filesystems without it say EOPNOTSUPP
_NO_UNNAMED = frozenset({errno.EOPNOTSUPP, errno.ENOTSUP, errno.EISDIR, errno.EINVAL, errno.ENOSYS})


def _link_unnamed(folder: str, path: str, data: bytes, sync: bool, folders: dict | None = None) -> bool:
    """Write ``data`` to an unnamed file in ``folder`` and give it the name ``path`` (Linux's
    ``O_TMPFILE`` and a hard link through ``/proc/self/fd``): all of the file or nothing, like
    a temporary file and a link, without making and removing a temporary name.

    True when written; False where the system cannot (no ``O_TMPFILE``, a filesystem without
    it, no ``/proc``), and nothing is left behind. FileExistsError when ``path`` exists;
    other OSErrors as the system raises them.
    """
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not _proc_fds():
        return False
    # the folder's own descriptor: kept open in ``folders`` (a Batch's) for its next files, as
    # opening it again for each of thousands of files costs a third of the write
    here = folders.get(folder) if folders is not None else None
    if here is None:
        here = os.open(folder or ".", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        if folders is not None:
            folders[folder] = here
    try:
        try:
            fd = os.open(".", flag | os.O_WRONLY | os.O_CLOEXEC, 0o666, dir_fd=here)  # the usual mode, less umask
        except OSError as e:
            if e.errno in _NO_UNNAMED:
                return False
            e.filename = folder or "."  # the folder, not the "." it was opened as
            raise
        # unbuffered (the bytes are written at once): no terminal check and no seek for each file
        with safeio.naming(path), os.fdopen(fd, "wb", buffering=0) as fh:  # closing an unnamed file never linked discards it
            _write_all(fh, data)
            if sync:
                os.fsync(fh.fileno())
            # linkat(AT_SYMLINK_FOLLOW): what os.link does with a dst_dir_fd
            with _naming(path):
                os.link(f"/proc/self/fd/{fd}", os.path.basename(path), dst_dir_fd=here, follow_symlinks=True)
    except BaseException:
        if folders is not None and folders.get(folder) == here:  # the folder may go (new_folders' undo)
            del folders[folder]
            os.close(here)
        raise
    finally:
        if folders is None:
            os.close(here)
    return True


@functools.cache
def _proc_fds() -> bool:
    """True when ``/proc/self/fd`` is there to link an unnamed file by (asked once a process)."""
    return os.path.isdir("/proc/self/fd")


def _write_all(fh, data: bytes) -> None:
    """Write all of ``data`` to the unbuffered file ``fh``, however many calls it takes."""
    view = memoryview(data)
    while view:
        view = view[fh.write(view):]


@contextlib.contextmanager
def _naming(path: str):
    """An OSError inside names ``path`` (the file asked for), not the temporary or /proc name
    the system call was given: ``cannot write PATH: File exists``."""
    try:
        yield
    except OSError as e:
        e.filename, e.filename2 = path, None
        raise


def atomic_write(path: str, data: bytes, *, exclusive: bool = False, sync: bool = True,
                 mode: int | None = None, folders: dict | None = None) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename (or a link, when
    ``exclusive``: then an existing file is never replaced and FileExistsError is raised).
    ``sync=False`` skips the fsync, for files that can be made again (calendar drafts);
    ``mode`` is the new file's permission bits (default: 0o666 less the umask); ``folders``, a
    :class:`Batch`'s open folder descriptors, reused for its files."""
    folder = os.path.dirname(path)
    if exclusive and folders and folder in folders:
        # a Batch's folder, open already (it was there, or made, for an earlier file): no folder to
        # make or remove again for each of thousands of files
        if _link_unnamed(folder, path, data, sync, folders):
            _written()
            return
    with safeio.new_folders(folder):
        if exclusive and _link_unnamed(folder, path, data, sync, folders):
            _written()
            return
        fd, tmp = tempfile.mkstemp(prefix=".netlog-", suffix=".tmp", dir=folder)
        try:
            with safeio.naming(path), os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                if sync:
                    os.fsync(fh.fileno())
            # mkstemp makes 0600: give the file the mode asked for, else the usual one
            os.chmod(tmp, mode if mode is not None else 0o666 & ~safeio.umask())
            if exclusive:
                with _naming(path):
                    os.link(tmp, path)  # fails if path exists: no clobbering, even in a race
                os.unlink(tmp)
            else:
                with _naming(path):
                    os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
    _written()


# --------------------------------------------------------------------------- replacing and removing


#: Test hook: a process with this variable set to N kills itself (SIGKILL) right after its Nth
#: write or removal, so a test can interrupt a command between two writes for real and check
#: that nothing is lost (docs/format.md §13: "an interrupted merge loses nothing").
KILL_AFTER_ENV = "NETLOG_TEST_KILL_AFTER_WRITES"
_writes = 0


def _written() -> None:
    global _writes
    _writes += 1
    limit = os.environ.get(KILL_AFTER_ENV)
    if limit and _writes >= int(limit):
        os.kill(os.getpid(), signal.SIGKILL)


class FileChanged(NetlogError):
    """A file changed on disk between netlog reading it and writing it back."""


def replace_file(path: str, data: bytes, *, expected: bytes | None = None) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the file's permission bits.

    ``expected``: the bytes netlog read and edited; when the file no longer holds
    them (an editor saved it meanwhile) nothing is written and :class:`FileChanged`
    is raised. A symbolic link is replaced by the file it named being written
    (the link's target), so the link stays.
    """
    real = os.path.realpath(path)
    st = os.stat(real)
    if expected is not None:
        with open(real, "rb") as fh:
            if fh.read() != expected:
                raise FileChanged(f"{shown(path)} changed while netlog was editing it; nothing written, "
                                  "run the command again")
    atomic_write(real, data, mode=stat.S_IMODE(st.st_mode))


def move_file(src: str, dst: str) -> None:
    """Move ``src`` to ``dst`` with one rename (a reader sees the file at one name or the other,
    never both, never neither); FileExistsError when ``dst`` exists (nothing is overwritten).
    ``rename`` moves a person file this way (docs/format.md §13)."""
    if os.path.lexists(dst):
        raise FileExistsError(errno.EEXIST, "exists already", dst)
    os.rename(src, dst)
    _written()


def remove_file(path: str) -> None:
    """Remove ``path`` (the one removal an action states, e.g. ``merge``'s FROM file)."""
    os.unlink(path)
    _written()


# --------------------------------------------------------------------------- one front matter line


class CannotEdit(NetlogError):
    """A file whose front matter netlog cannot edit one line of (no front matter, errors in it,
    the key written twice, lone CR line endings)."""


_OPEN_LINE = re.compile(r"---[ \t]*")
_CLOSE_LINE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def front_matter_lines(text: str) -> tuple[list[str], int]:
    """``text``'s lines with their endings, and the index of the line that closes the front
    matter (the opening ``---`` is line 0). CannotEdit when there is no front matter."""
    lines = _LINE.findall(text)
    if not lines or not _OPEN_LINE.fullmatch(lines[0].rstrip("\r\n")):
        raise CannotEdit("no front matter: the file does not start with a '---' line")
    for n in range(1, len(lines)):
        if _CLOSE_LINE.fullmatch(lines[n].rstrip("\r\n")):
            return lines, n
    raise CannotEdit("the front matter is not closed by a '---' line")


def key_block(lines: list[str], close: int, key: str) -> tuple[int, int] | None:
    """``(first, end)``: the lines of top-level ``key`` (its own line and the indented or
    ``- `` lines that continue its value), or None when the key is not there. CannotEdit
    when it is there twice."""
    pattern = re.compile(rf"{re.escape(key)}[ \t]*:(?=[ \t\r\n]|$)")
    found = [n for n in range(1, close) if pattern.match(lines[n])]
    if not found:
        return None
    if len(found) > 1:
        raise CannotEdit(f"the key {key!r} is there {len(found)} times")
    first = found[0]
    value = lines[first].split(":", 1)[1].strip()
    empty = value == "" or value.startswith("#")
    end = first + 1
    while end < close and (lines[end][:1] in (" ", "\t") or (empty and lines[end][:1] == "-")):
        end += 1
    return first, end


def _line_ending(lines: list[str], at: int) -> str:
    return "\r\n" if lines[at].endswith("\r\n") else "\n"


def edit_key(raw: bytes, key: str, line: str | None) -> bytes:
    """``raw`` (a file's bytes) with top-level ``key``'s line set to ``line`` (YAML text
    ``key: value`` as ``yamlemit.yaml_line`` writes it; a mapping's lines below it), or
    removed when ``line`` is None.

    A key that is there is replaced in place (its value's continuation lines too; a
    comment after a one-line value is kept); a new key goes last in the front matter.
    Every other byte is kept: the byte order mark, the line endings (the new line takes
    those of the line it replaces, else of the first line), comments, the notes.
    CannotEdit for a file that is not UTF-8, has no front matter, lone CR line endings
    or the key twice.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CannotEdit("the file is not UTF-8 text") from None
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text[len(bom):]
    if "\r" in text.replace("\r\n", ""):
        raise CannotEdit("the file has lone CR line endings; save it with LF or CRLF line endings")
    lines, close = front_matter_lines(text)
    block = key_block(lines, close, key)
    if line is not None and not line.startswith(f"{key}:"):
        raise ValueError(f"{line!r} is not a line of {key!r}")
    if block is None:
        if line is None:
            return raw
        eol = _line_ending(lines, 0)
        lines.insert(close, line.replace("\n", eol) + eol)
    else:
        first, end = block
        if line is None:
            del lines[first:end]
        else:
            eol = _line_ending(lines, first)
            old = lines[first].rstrip("\r\n")
            kept = re.match(rf"{re.escape(key)}[ \t]*:[ \t]*[^'\"#\s][^'\"#]*?([ \t]+#.*)$", old)
            comment = kept.group(1) if kept and end == first + 1 and "\n" not in line else ""
            lines[first:end] = [line.replace("\n", eol) + comment + eol]
    return (bom + "".join(lines)).encode("utf-8")


def extend_block(raw: bytes, key: str, items: list[str]) -> bytes | None:
    """``raw`` with ``items`` (``k: v`` texts) added at the end of top-level ``key``'s block
    mapping, indented as its first line is; every other byte kept. None when ``key`` is
    not a block written on lines of its own (absent, or a flow ``{...}``): the caller
    writes the whole key then."""
    text = raw.decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines, close = front_matter_lines(text[len(bom):])
    block = key_block(lines, close, key)
    if block is None or block[1] == block[0] + 1:
        return None
    first, end = block
    indent = lines[first + 1][:len(lines[first + 1]) - len(lines[first + 1].lstrip(" "))]
    if not indent:
        return None
    eol = _line_ending(lines, first)
    lines[end:end] = [f"{indent}{item}{eol}" for item in items]
    return (bom + "".join(lines)).encode("utf-8")


def set_key(path: str, key: str, line: str | None, *, check=None) -> tuple[bytes, bytes]:
    """Edit one front matter line of the file at ``path`` (:func:`edit_key`) and write it back
    atomically (:func:`replace_file`), unless nothing changes. ``check(old, new)`` may raise
    to stop the write (e.g. when the result would have a new ``check`` error). Returns
    ``(old bytes, new bytes)``."""
    with open(path, "rb") as fh:
        old = fh.read()
    new = edit_key(old, key, line)
    if check is not None:
        check(old, new)
    if new != old:
        replace_file(path, new, expected=old)
    return old, new
