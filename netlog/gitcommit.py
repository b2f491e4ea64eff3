"""The option ``commit: true`` (docs/format.md §13): each command commits the files it wrote.

After a command has written its files, :func:`commit_files` commits exactly
those paths (new, changed or removed) with the message ``netlog: <what it
did>``, when the log is inside a git work tree; other changes in the work
tree, staged or not, are left as they are. Nothing here raises: the outcome
is a value the command prints.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from .gitinit import work_tree_of


def _git(git: str, where: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([git, "-C", where, *args], capture_output=True, text=True, timeout=60)


def commit_files(folder: str, paths: list[str], message: str) -> tuple[bool, str]:
    """Commit ``paths`` (absolute, or relative to the current folder) in the git work tree
    holding ``folder``, with ``message``. ``(True, "")`` when committed; ``(False, why)``
    when not (no git, not a work tree, git failed: ``why`` is git's message)."""
    git = shutil.which("git")
    if git is None:
        return False, "git is not installed"
    folder = os.path.abspath(folder)
    if work_tree_of(folder, git) is None:
        return False, "the log is not inside a git work tree"
    present, gone = [], []
    for path in dict.fromkeys(os.path.abspath(p) for p in paths):
        (present if os.path.lexists(path) else gone).append(path)
    if gone:  # a removed file is committed only when git knew it
        known = _git(git, folder, "ls-files", "-z", "--full-name", "--", *gone)
        tracked = {os.path.join(_top(git, folder), p) for p in known.stdout.split("\0") if p}
        gone = [p for p in gone if p in tracked]
    chosen = present + gone
    if not chosen:
        return False, "nothing to commit"
    try:
        added = _git(git, folder, "add", "-A", "--", *chosen)
        if added.returncode != 0:
            return False, " ".join(added.stderr.split())
        done = _git(git, folder, "commit", "-q", "--only", "-m", message, "--", *chosen)
    except (OSError, subprocess.SubprocessError) as e:
        return False, str(e)
    if done.returncode != 0:
        return False, " ".join((done.stderr or done.stdout).split())
    return True, ""


def _top(git: str, folder: str) -> str:
    return _git(git, folder, "rev-parse", "--show-toplevel").stdout.strip()
