"""``netlog init``'s git step: a new log gets a repository (docs/commands.md, `netlog init`).

A log is plain text meant to live in git; ``netlog init`` runs ``git init``
when the folder is not already inside a work tree and git is installed, so
the README's walkthrough can end with ``git commit``. Nothing here raises:
the outcome is a value the command prints.
"""

from __future__ import annotations

import os
import shutil
import subprocess

CREATED, INSIDE, NO_GIT, FAILED = "created", "inside", "no-git", "failed"


def work_tree_of(folder: str, git: str) -> str | None:
    """The top folder of the git work tree ``folder`` is inside (``git rev-parse
    --show-toplevel``), or None when it is in none."""
    try:
        done = subprocess.run([git, "-C", folder, "rev-parse", "--show-toplevel"],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    top = done.stdout.strip()
    return top if done.returncode == 0 and top else None


def ensure_repository(folder: str) -> tuple[str, str]:
    """``(outcome, detail)``: ``created`` (``git init`` ran; detail: the new ``.git``),
    ``inside`` (already in a repository; detail: its top folder), ``no-git`` (git is not
    installed) or ``failed`` (detail: git's message)."""
    git = shutil.which("git")
    if git is None:
        return NO_GIT, ""
    folder = os.path.abspath(folder)
    top = work_tree_of(folder, git)
    if top is not None:
        return INSIDE, top
    try:
        done = subprocess.run([git, "init", "-q", folder], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as e:
        return FAILED, str(e)
    if done.returncode != 0:
        return FAILED, " ".join(done.stderr.split())
    return CREATED, os.path.join(folder, ".git")
