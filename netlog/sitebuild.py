"""``netlog build``: run the engine (MkDocs or ProperDocs, netlog/engine.py) safely around
the plugin; the output-folder guards ``netlog render`` (netlog/neutral.py) shares.

A build goes into a temporary folder beside the site folder and is swapped
in only when it succeeded, so a failed build leaves the previous site as it
was. A site folder that is (or contains) the log, the config's folder, the
home folder or the filesystem root is refused before anything is touched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass

from . import safeio
from .errors import BuildError

MARKER = ".netlog-site"
RENDER_MARKER = ".netlog-render"


def _inside(child: str, parent: str) -> bool:
    return child == parent or child.startswith(parent.rstrip(os.sep) + os.sep)


def check_output_dir(out: str, docs_dir: str, config_dir: str, what: str = "site folder",
                     keep: tuple[str, ...] = ()) -> str:
    """The real path of ``out``, or BuildError when writing there could destroy user files.

    ``keep`` names more folders the output must neither be nor contain (the theme's
    custom_dir, say).
    """
    real = os.path.realpath(out)
    docs = os.path.realpath(docs_dir)
    home = os.path.realpath(os.path.expanduser("~"))
    if real == os.path.dirname(real):
        raise BuildError(f"refusing to use the filesystem root as the {what}")
    if _inside(docs, real):
        raise BuildError(f"refusing {what} {out}: it is or contains the log ({docs_dir})")
    if _inside(real, docs):
        raise BuildError(f"refusing {what} {out}: it is inside the log ({docs_dir})")
    if _inside(os.path.realpath(config_dir), real):
        raise BuildError(f"refusing {what} {out}: it is or contains the config's folder")
    if _inside(home, real):
        raise BuildError(f"refusing {what} {out}: it is or contains the home folder")
    for folder in keep:
        if folder and _inside(os.path.realpath(folder), real):
            raise BuildError(f"refusing {what} {out}: it is or contains {folder}")
    return real


#: The first line of the marker file; the lines after it say the build's kind and the
#: top-level names it wrote (``kind: share``, ``built: index.html`` …).
_MARKER_HEAD = "built by netlog; `netlog build` replaces what it built here and keeps what it did not"


def marker_text(kind: str, names) -> str:
    """The marker file's text for a build of ``kind`` (``full`` or ``share``) that wrote the
    top-level ``names`` of the site folder."""
    return "\n".join([_MARKER_HEAD, f"kind: {kind}", *(f"built: {n}" for n in sorted(names))]) + "\n"


def read_marker(site: str) -> tuple[str | None, set[str] | None]:
    """``(kind, names built)`` of the site folder ``site`` from its marker; ``(None, None)``
    for a marker of an older netlog that named neither (or none)."""
    try:
        with open(os.path.join(site, MARKER), encoding="utf-8", errors="replace") as fh:
            lines = fh.read(1 << 20).splitlines()
    except OSError:
        return None, None
    kind = next((line[6:].strip() for line in lines if line.startswith("kind: ")), None)
    built = {line[7:] for line in lines if line.startswith("built: ")}
    return kind, (built if kind is not None else None)


def kept_names(site: str) -> list[str]:
    """The top-level names in the site folder ``site`` that no netlog build wrote (a ``.git``
    folder, a ``CNAME`` put there to publish it): a build keeps them (docs/format.md §8). For a marker
    of an older netlog, which did not list what it built, the names starting with ``.`` and
    ``CNAME`` count as the user's."""
    try:
        names = set(os.listdir(site))
    except FileNotFoundError:
        return []
    _kind, built = read_marker(site)
    names.discard(MARKER)
    if built is None:
        return sorted(n for n in names if n.startswith(".") or n == "CNAME")
    return sorted(names - built)


def _looks_like_site(path: str) -> bool:
    """Missing, empty, or built by netlog (it holds the marker file netlog writes into every
    site it builds). A folder that merely looks like a site (sitemap.xml, assets/) is not
    netlog's to replace."""
    try:
        names = set(os.listdir(path))
    except FileNotFoundError:
        return True
    return not names or MARKER in names


@dataclass(slots=True)
class BuildResult:
    site_dir: str
    pages: int
    items: list
    seconds: float
    messages: list[str]


def build_site(project, *, today, share: bool, strict: bool, site_dir: str | None,
               log=None, progress=None, say=None) -> BuildResult:
    """Build the site into a temporary folder and swap it in; BuildError on failure.

    ``log`` is the log the caller has just loaded and checked; the plugin uses it
    instead of reading every file again. ``progress`` (a progress.Progress) is
    told the phases and the pages done. Builds into one site folder take turns
    (``netlog.lock`` on its parent); ``say(line)`` is told when this one waits.
    Top-level files and folders of the site folder that no build wrote (a
    ``.git``, a ``CNAME``) are kept (:func:`kept_names`); a folder holding a
    ``--share`` build is not replaced by a build without ``--share``.
    """
    from . import engine
    from .lock import Busy, held

    started = time.perf_counter()
    try:
        engine_errors = engine.errors()
    except engine.EngineError as e:
        raise BuildError(str(e)) from None
    target = site_dir or project.site_dir
    real = check_output_dir(target, project.docs_dir, os.path.dirname(project.config_file),
                            keep=(project.custom_dir,) if project.custom_dir else ())
    if os.path.isdir(real) and not _looks_like_site(real):
        raise BuildError(f"refusing to replace {target}: it is not empty and netlog did not build it "
                         f"(it has no {MARKER} file, which netlog writes into every site it builds); "
                         "empty it or choose another -d")
    if os.path.exists(real) and not os.path.isdir(real):
        raise BuildError(f"refusing to replace {target}: it is a file, not a folder")
    parent = os.path.dirname(real)
    try:
        os.makedirs(parent, exist_ok=True)
    except OSError as e:
        raise BuildError(safeio.message(e, "build in")) from None
    try:  # two builds into one site folder: the second waits for the first (both succeed), or says so
        with held(parent, f"the build into {target}", say=say):
            return _build_locked(project, today=today, share=share, strict=strict, target=target, real=real,
                                 log=log, progress=progress, started=started, engine_errors=engine_errors)
    except Busy as e:
        raise BuildError(str(e)) from None


def _build_locked(project, *, today, share, strict, target, real, log, progress, started, engine_errors):
    """:func:`build_site` once the site folder's parent is locked."""
    from . import engine
    from .config import load_project
    from .mkdocs_log import captured

    kind, _built = read_marker(real) if os.path.isdir(real) else (None, None)
    if kind == "share" and not share:
        raise BuildError(f"refusing to replace {target}: it holds a --share build (the site to publish), and "
                         "this build without --share would put your private entries and people there; build "
                         "with --share, choose another -d, or remove the folder first")
    kept = kept_names(real) if os.path.isdir(real) else []
    parent = os.path.dirname(real)
    try:
        safeio.clean_stale(parent, os.path.basename(real))
        tmp = tempfile.mkdtemp(prefix=f".{os.path.basename(real)}.building-", dir=parent)
        safeio.claim(tmp)
    except OSError as e:
        raise BuildError(safeio.message(e, "build in")) from None
    messages: list[str] = []
    try:
        with captured(messages):
            cfg_project, problems = load_project(project.config_file, site_dir=tmp, strict=strict)
            if cfg_project is None:
                raise BuildError("\n".join(p.message for p in problems))
            cfg = cfg_project.mkdocs_config
            plugin = cfg.plugins.get("netlog")
            if plugin is None:
                raise BuildError("the netlog plugin is not enabled in the config: add `- netlog` under `plugins:`")
            plugin.today = today
            plugin.share = share
            plugin.progress = progress
            same_log = os.path.realpath(cfg.docs_dir) == os.path.realpath(project.docs_dir)
            if log is not None and same_log and cfg_project.options == project.options:
                plugin.preloaded = (cfg.docs_dir, log)
            engine.build(cfg)
        if progress is not None:
            progress.set_phase("replacing the old site")
        safeio.release(tmp)
        built = set(os.listdir(tmp))
        clash = sorted(built.intersection(kept))
        if clash:
            raise BuildError(f"refusing to replace {', '.join(clash)} in {target}: netlog did not build "
                             f"{'it' if len(clash) == 1 else 'them'} there, and this build writes "
                             f"{'that name' if len(clash) == 1 else 'those names'}; move "
                             f"{'it' if len(clash) == 1 else 'them'} away or choose another -d")
        with safeio.naming(os.path.join(tmp, MARKER)), open(os.path.join(tmp, MARKER), "w", encoding="utf-8") as fh:
            fh.write(marker_text("share" if share else "full", built))
        os.chmod(tmp, 0o755)
        _swap(tmp, real, kept)
    except engine_errors as e:
        shutil.rmtree(tmp, ignore_errors=True)
        detail = "\n".join(m for m in messages if str(e) not in m)
        raise BuildError(f"{e}" + (f"\n{detail}" if detail else "")) from None
    except (KeyboardInterrupt, SystemExit):
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    except OSError as e:  # a full disk, a read-only folder: one line, and no half-built folder
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(_os_message(e, project.docs_dir, target)) from None
    except Exception as e:  # noqa: BLE001 - a theme template or third-party plugin failing
        shutil.rmtree(tmp, ignore_errors=True)
        where = getattr(e, "filename", None)
        line = getattr(e, "lineno", None)
        at = f" ({where}:{line})" if where and line else ""
        raise BuildError(f"{type(e).__name__}: {e}{at}") from None
    stats = plugin.stats
    return BuildResult(target, stats.get("pages", 0), stats.get("items", []),
                       time.perf_counter() - started, messages)


def _os_message(e: OSError, docs_dir: str, target: str) -> str:
    """One line for an OSError of a build: a file of the log that vanished while the site was
    built is said to have vanished (not "cannot write"); an error that names no file names the
    site folder."""
    import errno

    name = os.fsdecode(e.filename) if e.filename else ""
    if e.errno == errno.ENOENT and name and _inside(os.path.realpath(name), os.path.realpath(docs_dir)):
        return (f"{safeio.message(e, 'read')}: it vanished while the site was built (removed or renamed "
                "meanwhile); build again")
    if not e.filename:
        e.filename = target
    return safeio.message(e)


def _swap(new: str, target: str, kept: list[str] = ()) -> None:
    """Put ``new`` at ``target``; the old folder is removed only once the new one is in place.
    The names ``kept`` (top-level, the user's, not netlog's) move from the old folder into the
    new one first, and back again if the swap fails."""
    if not os.path.exists(target):
        os.rename(new, target)
        return
    moved: list[str] = []
    try:
        for name in kept:
            os.rename(os.path.join(target, name), os.path.join(new, name))
            moved.append(name)
        old = tempfile.mkdtemp(prefix=f".{os.path.basename(target)}.old-", dir=os.path.dirname(target))
        os.rmdir(old)
        os.rename(target, old)
    except OSError:
        for name in moved:
            os.rename(os.path.join(new, name), os.path.join(target, name))
        raise
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)
        for name in moved:
            os.rename(os.path.join(new, name), os.path.join(target, name))
        raise
    shutil.rmtree(old, ignore_errors=True)
