"""Writing user files: create-only, never overwriting (docs/format.md §11).

Files in the log are created exclusively (``sitebuild.atomic_write(...,
exclusive=True)``): nothing is ever overwritten, not even by two runs at once.
"""

from __future__ import annotations

import errno
import os

from . import safeio

# --------------------------------------------------------------------------- writing files


def create_file(path: str, data: bytes, *, sync: bool = True) -> None:
    """Create ``path`` with ``data``; FileExistsError when it is there, even in a race.

    A write to a temporary file and a hard link (``atomic_write``), so a
    reader never sees half a file. Where the filesystem has no hard links
    (FAT, exFAT, some network shares), an ``O_EXCL`` create does the same
    job without the atomicity.
    """
    from .sitebuild import atomic_write

    try:
        atomic_write(path, data, exclusive=True, sync=sync)
    except FileExistsError:
        raise
    except OSError as e:
        if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK):
            raise
        with safeio.new_folders(os.path.dirname(path)):  # atomic_write removed the ones it made
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            try:
                with os.fdopen(fd, "wb") as fh:
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


def create_numbered(folder: str, stem: str, data: bytes, limit: int = NUMBERED_LIMIT, *, sync: bool = True) -> str:
    """Create ``<stem>.md`` in ``folder``, else ``<stem>-2.md``, ``<stem>-3.md`` …; the path written."""
    for name in numbered_names(stem, limit):
        path = os.path.join(folder, name)
        try:
            create_file(path, data, sync=sync)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(errno.EEXIST, f"{limit} files named {stem}-N.md already exist", folder)
