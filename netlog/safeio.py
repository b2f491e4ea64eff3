"""Writing files so that a failure leaves nothing half-written and says one clear thing.

Issue 9, kind 5. Every command that writes (build, render, new, person, init,
import ...) goes through these pieces:

- :func:`message`: one line for an OSError (``cannot write PATH: No space left on
  device (the disk is full)``), the same wording everywhere;
- ``commands.common.boundary`` (and the ``netlog`` group, ``commands.common.NetlogGroup``)
  turns an OSError into that line (exit 1), never a traceback;
- :func:`write_all`: many files written as one step: each to a temporary file in its
  folder first, and only when every one is complete are they renamed into place; on
  a failure the temporary files and the folders made for them are removed;
- :func:`claim` and :func:`clean_stale`: a build's temporary folder names its process,
  so the next build removes the folders of builds that were killed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile

#: The file in a temporary build folder that names the process building there.
OWNER_FILE = ".netlog-owner"

_HINTS = {
    errno.ENOSPC: " (the disk is full)",
    errno.EDQUOT: " (the disk quota is used up)",
    errno.EACCES: " (no permission: check the folder's owner and mode)",
    errno.EPERM: " (no permission: check the folder's owner and mode)",
    errno.EROFS: " (the file system is read-only)",
    errno.ENAMETOOLONG: " (the name is longer than the file system allows)",
}


def _shown(path) -> str:
    from .report import shown
    from .sanitize import for_terminal

    path = shown(os.fsdecode(path))

    return for_terminal(os.fsencode(path).decode("utf-8", "backslashreplace"))


def message(e: OSError, action: str = "write") -> str:
    """``cannot ACTION PATH: REASON (HINT)`` for ``e``."""
    where = f" {_shown(e.filename)}" if e.filename else ""
    reason = e.strerror or str(e) or type(e).__name__
    return f"cannot {action}{where}: {reason}{_HINTS.get(e.errno, '')}"


@contextlib.contextmanager
def naming(path: str):
    """An OSError inside that names no file (a ``write`` on a full disk names none) is made to
    name ``path``, so its message says where: ``cannot write PATH: No space left on device``."""
    try:
        yield
    except OSError as e:
        if not e.filename:
            e.filename = path
        raise


def umask() -> int:
    """The process's umask (read by setting and restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_all(files: dict[str, bytes]) -> None:
    """Write every ``path: data`` of ``files`` or none: OSError (nothing changed) on failure.

    Folders are created as needed (and removed again on failure when this call made
    them). A file already at a path is replaced by the rename, so a link there is
    replaced, not followed.
    """
    made: list[str] = []
    staged: list[tuple[str, str]] = []
    mode = 0o666 & ~umask()
    try:
        for path, data in files.items():
            folder = os.path.dirname(path)
            makedirs(folder, made)
            fd, tmp = tempfile.mkstemp(prefix=".netlog-", suffix=".tmp", dir=folder)
            staged.append((tmp, path))
            with naming(path), os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        undo([tmp for tmp, _path in staged], made)
        raise


def undo(files, folders: list[str]) -> None:
    """Remove ``files`` and then ``folders`` (innermost first, each only when empty) that a
    failed write made; what is already gone, or cannot go, is left."""
    for path in files:
        with contextlib.suppress(OSError):
            os.unlink(path)
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            os.rmdir(folder)


@contextlib.contextmanager
def new_folders(folder: str):
    """Make ``folder`` (and its missing parents) for the write inside the ``with``; if that
    write fails, the folders made here are removed again (when still empty)."""
    made: list[str] = []
    makedirs(folder, made)
    try:
        yield
    except BaseException:
        undo((), made)
        raise


def makedirs(folder: str, made: list[str]) -> None:
    """``os.makedirs``, remembering each folder it creates (outermost first)."""
    missing = []
    while folder and not os.path.isdir(folder):
        missing.append(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    for f in reversed(missing):
        os.mkdir(f)
        made.append(f)


def claim(folder: str) -> None:
    """Mark ``folder`` (a temporary build folder) as this process's."""
    with open(os.path.join(folder, OWNER_FILE), "w", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")


def release(folder: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(os.path.join(folder, OWNER_FILE))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: someone else's live process
        return True
    return True


def clean_stale(parent: str, name: str) -> list[str]:
    """Remove the temporary folders of killed builds of ``name`` in ``parent``; the paths removed.

    ``.NAME.building-*`` folders whose owner process is gone (or that name none) and
    ``.NAME.old-*`` folders (an old site a build was about to delete).
    """
    removed = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return removed
    for item in entries:
        if not item.is_dir(follow_symlinks=False):
            continue
        if item.name.startswith(f".{name}.old-"):
            shutil.rmtree(item.path, ignore_errors=True)
            removed.append(item.path)
        elif item.name.startswith(f".{name}.building-"):
            try:
                with open(os.path.join(item.path, OWNER_FILE), encoding="utf-8") as fh:
                    pid = int(fh.read().strip() or 0)
            except (OSError, ValueError):
                pid = 0
            if pid and _alive(pid):
                continue
            shutil.rmtree(item.path, ignore_errors=True)
            removed.append(item.path)
    return removed


def _renameat2():
    """libc's ``renameat2`` (Linux 3.15, glibc 2.28), or None where there is none."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        call = libc.renameat2
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    call.restype = ctypes.c_int
    return call


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(path: str, data: bytes) -> bytes:
    """Put ``data`` at ``path`` (an existing regular file, not a symlink: pass its real path) and
    return the bytes that were there at that very moment.

    The new file is written beside it (same folder, the file's own mode) and
    swapped in with one ``renameat2(RENAME_EXCHANGE)``, so a line another
    program writes to ``path`` up to the swap is in the bytes returned, never
    lost unseen. Where the system has no exchange, the file is read and then
    replaced, a window of microseconds. OSError as the system raises it.
    """
    import ctypes
    import stat

    folder = os.path.dirname(path) or "."
    mode = stat.S_IMODE(os.stat(path).st_mode)
    fd, tmp = tempfile.mkstemp(prefix=".netlog-", suffix=".tmp", dir=folder)
    try:
        with naming(path), os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        call = _renameat2()
        swapped = call is not None and call(_AT_FDCWD, os.fsencode(tmp), _AT_FDCWD, os.fsencode(path),
                                            _RENAME_EXCHANGE) == 0
        if not swapped:
            if call is not None and ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
                err = ctypes.get_errno()
                raise OSError(err, os.strerror(err), path)
            with open(path, "rb") as fh:
                before = fh.read()
            os.replace(tmp, path)
            return before
        with open(tmp, "rb") as fh:  # what was at path, now under the temporary name
            return fh.read()
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
