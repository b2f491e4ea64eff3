"""One writer at a time (docs/format.md §12, "One writer at a time"): an advisory lock on a folder.

Commands that read the log, decide what to write and then write it (``netlog
inbox``, ``netlog import ics``, ``netlog drafts --accept``) would write
everything twice if two ran at once; two ``netlog build`` runs into one site
folder would trip over each other's temporary folders. Each such command
holds :func:`held` on the folder it writes into (the log folder; the site
folder's parent) for its whole read-decide-write cycle.

The lock is ``flock`` on the folder itself: no lock file is ever made or left
behind, and the system drops the lock when the process ends, however it
ends. A second command says that it is waiting, waits up to
:data:`WAIT_SECONDS`, then gives up with :class:`Busy`. Where the system has
no ``flock`` (Windows) or the filesystem refuses locks (some network shares),
commands run without the lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time

from .errors import NetlogError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, as documented
    fcntl = None

#: How long a command waits for another one holding the same lock before giving up.
WAIT_SECONDS = 60.0

#: How often a waiting command tries again.
_POLL_SECONDS = 0.1


class Busy(NetlogError):
    """Another netlog command held the lock for longer than the wait; ``folder`` is what it locks."""

    def __init__(self, folder: str, what: str):
        super().__init__(f"another netlog command is still writing to {folder}; {what} did not start "
                         "(run it again when that one has finished)")
        self.folder = folder


@contextlib.contextmanager
def held(folder: str, what: str, *, say=None, wait: float | None = None):
    """Hold the lock on ``folder`` (an existing folder) while the block runs.

    ``what`` names the command for the messages (``netlog inbox``). When
    another process holds the lock, ``say(message)`` is called once with a
    line saying so, and the lock is tried again every 0.1 s for ``wait``
    seconds (default :data:`WAIT_SECONDS`); then :class:`Busy`. OSError when
    ``folder`` cannot be opened.
    """
    if fcntl is None:
        yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        _acquire(fd, folder, what, say, WAIT_SECONDS if wait is None else wait)
        yield
    finally:
        os.close(fd)  # closing drops the lock


def _acquire(fd: int, folder: str, what: str, say, wait: float) -> None:
    deadline = None
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError as e:  # a filesystem without locks (some network shares): run unlocked, as on Windows
            if e.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL):
                return
            raise
        if deadline is None:
            deadline = time.monotonic() + wait
            if say is not None:
                say(f"netlog: another netlog command is writing to {folder}; {what} waits for it "
                    f"(up to {wait:g} s)")
        if time.monotonic() >= deadline:
            raise Busy(folder, what)
        time.sleep(_POLL_SECONDS)
