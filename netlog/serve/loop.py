"""The loop of ``netlog serve``: build, serve, watch, update, report (docs/commands.md).

:func:`serve` runs the first build (the URL is announced as soon as the
dashboard is written), then waits for the watcher's changes and hands them to
``builder.apply_changes``; it shows the log's errors on every page and in the
terminal until they are really gone, says "The log is fine again." only then,
and carries on whatever one update raises. It removes its site folder when it
stops, also on SIGTERM and SIGHUP; a killed server's folder is removed by the
next ``serve`` (``server.bind``).
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import threading
from dataclasses import dataclass
from typing import Callable

from ..model import Problem
from . import adapter
from .builder import SiteBuilder, UpdateFailed, apply_changes, describe


@dataclass(slots=True)
class Terminal:
    """Where ``serve`` reports: ``say`` for news, ``problem`` for problem lines (stderr)."""

    say: Callable[[str], None]
    problem: Callable[[str], None]


def _stop_on_signals() -> Callable[[], None]:
    """SIGTERM and SIGHUP stop the loop as Ctrl+C does (so the site folder is removed); the
    function that puts the earlier handlers back. Nothing outside the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def stop(signum, frame):
        raise KeyboardInterrupt

    earlier = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            earlier[sig] = signal.signal(sig, stop)

    def restore() -> None:
        for sig, handler in earlier.items():
            signal.signal(sig, handler)

    return restore


def serve(server, site_dir: str, project, today, terminal: Terminal, *, url: str,
          open_browser: bool = False, setup: Callable[[_Preview], None] | None = None) -> None:
    """Build the site of ``project`` (a config.Project) into ``site_dir``, serve it on
    ``server`` and keep it up to date until Ctrl+C, SIGTERM or SIGHUP (or the server is
    shut down); the site folder is removed then.

    ``today`` is the date the pages are computed against. The URL is announced
    once the dashboard is written; other pages are answered as they are written.
    ``setup(preview)`` is called before the server starts (the preview's actions register there).
    """
    preview = _Preview(server, site_dir, project, today, terminal, url, open_browser)
    if setup is not None:
        setup(preview)
    restore = _stop_on_signals()
    try:
        preview.rewatch(project.docs_dir, project.custom_dir)
        server.observer.start()
        server.serve_thread.start()
        preview.run(None)
        while True:
            changed = server.wait_for_changes()
            if changed is None:
                break
            changes = server.take_changes() if changed else set()
            if changes:
                preview.run_watched(changes)
    except KeyboardInterrupt:
        pass
    finally:
        restore()
        with preview.lock:
            preview.closed = True  # a search index still to make is not written into the folder removed below
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


class _Preview:
    """One run of :func:`serve`: the builder, what is watched, and what the terminal and the
    pages were told."""

    def __init__(self, server, site_dir: str, project, today, terminal: Terminal, url: str,
                 open_browser: bool) -> None:
        self.server, self.project, self.terminal = server, project, terminal
        self.url, self.open_browser = url, open_browser
        self.config_file = project.config_file
        self.config_dir = os.path.dirname(os.path.abspath(self.config_file))
        self.announced = threading.Event()
        self.root_index = os.path.join(os.path.normpath(site_dir), "index.html")
        self.builder = SiteBuilder(self.config_file, site_dir, today, on_ready=self.on_ready,
                                   on_full_build=server.full_build_starts, wanted=server.take_wanted)
        self.builder.defer_search = True  # pages first; the search index right after (finish_search)
        self.closed = False  # set under ``lock`` when the preview stops: nothing is written after
        self.watched: dict[str, str] = {}
        #: held while the site is built or updated: an action reads the log and updates the site under it
        self.lock = threading.RLock()
        #: path -> its (size, mtime) when an action's own update read it: the watcher's later
        #: events for the same file, unchanged since, need no second update
        self.applied: dict[str, tuple[int, int] | None] = {}
        #: an update ran since the last :meth:`collect`: its cyclic garbage waits for it
        self.garbage = False

    def announce(self) -> None:
        if not self.announced.is_set():
            self.announced.set()
            self.terminal.say(f"Serving on {self.url} (Ctrl+C stops)")
            if self.open_browser:
                import webbrowser

                webbrowser.open(self.url)

    def on_ready(self, path: str) -> None:
        """A page or file of the first build is written: answer it from now on."""
        self.server.mark_ready(path)
        if os.path.normpath(path) == self.root_index:
            self.announce()

    def rewatch(self, docs_dir: str | None, custom_dir: str | None) -> None:
        """Watch mkdocs.yml's folder, the log and the theme's custom_dir (they may move)."""
        want = {"config": self.config_dir}
        if docs_dir and os.path.isdir(docs_dir):
            want["docs"] = os.path.realpath(docs_dir)
        if custom_dir and os.path.isdir(custom_dir):
            want["custom"] = os.path.realpath(custom_dir)
        for key, path in list(self.watched.items()):
            if want.get(key) != path:
                self.server.unwatch(path)
                del self.watched[key]
        for key, path in want.items():
            if key not in self.watched:
                self.server.watch(path, recursive=key != "config")
                self.watched[key] = path

    def show(self, failure: UpdateFailed | None) -> None:
        """The errors on every page and in the terminal (None: the site built, errors gone)."""
        from ..report import format_problem

        server, builder = self.server, self.builder
        if failure is None:
            if server.errors is not None:
                self.terminal.say("The log is fine again.")
            server.errors = None
            return
        docs_dir = builder.docs_dir if builder.config else self.project.docs_dir
        if builder.problems:
            lines = [problem_line(p, docs_dir, self.config_dir) for p in builder.problems]
            for p in builder.problems:
                self.terminal.problem(format_problem(p, docs_dir))
            n = len(builder.problems)
            server.error_heading = (f"The log has 1 error; the preview shows the site again once it is fixed"
                                    if n == 1 else f"The log has {n:,} errors; the preview shows the site "
                                                   "again once they are fixed")
        else:
            lines = str(failure).splitlines() or ["the build failed"]
            for line in lines:
                self.terminal.problem(f"netlog: build failed: {line}")
            server.error_heading = "The site could not be built; the preview shows it again once it builds"
        server.errors = lines

    def run(self, changes: set[str] | None) -> None:
        """Build in full (None) or apply ``changes``; report; never raise (the preview carries on)."""
        with self.lock:
            self._run(changes)

    def run_own(self, paths: set[str]) -> None:
        """Apply the files an action just wrote (under ``lock``, before it answers), so the page
        it redirects to is up to date; the watcher's events for them are then skipped."""
        with self.lock:
            self.applied.update({os.path.abspath(p): _signature(p) for p in paths})
            self._run(set(paths))

    def _never_in_site(self, path: str) -> bool:
        """True for a path that is gone and was never part of the site (the unnamed file a
        create-only write links into place shows up as ``#<inode>``): nothing to update.
        Never while the last update failed: the file that had the errors may be one the site
        never took in (a new file, then deleted or moved away), and only reading the log
        again clears them."""
        files = self.builder.files
        if files is None or not self.builder.healthy or os.path.lexists(path) or not self.builder.config:
            return False
        docs = os.path.realpath(self.builder.docs_dir)
        if not path.startswith(docs + os.sep):
            return False
        rel = os.path.relpath(path, docs).replace(os.sep, "/")
        return rel not in files.src_uris and not any(uri.startswith(rel + "/") for uri in files.src_uris)

    def run_watched(self, changes: set[str]) -> None:
        """Apply what the watcher reported, less the files an action's own update already
        applied and that have not changed since."""
        with self.lock:
            left = set()
            for path in changes:
                real = os.path.abspath(path)
                if real in self.applied and self.applied[real] == _signature(real):
                    continue  # kept: an editor or netlog may report the same file twice
                if self._never_in_site(real):
                    continue
                self.applied.pop(real, None)
                left.add(path)
            if left:
                self._run(left)

    def _run(self, changes: set[str] | None) -> None:
        server, builder = self.server, self.builder
        failed = False
        result = None
        try:
            # requests go on meanwhile, answered from the files as they are: each is written
            # whole and renamed into place (a full build answers pages as they are written)
            with adapter.atomic_writes():
                result = apply_changes(builder, changes, self.config_file)
        except UpdateFailed as e:
            failed = True
            self.show(e)
        except Exception as e:  # noqa: BLE001 - the preview carries on; the next change builds in full
            failed = True
            builder.fail()
            self.show(UpdateFailed(describe(e)))
        else:
            if result is not None:  # None: nothing of the site changed; pages and errors stay
                self.report(result)
        finally:
            server.first_build_done()
            if builder.search_later is not None:
                server.hold_search()  # before the pages are released: never the old index with new pages
                threading.Thread(target=self._finish_search, name="netlog-search-index", daemon=True).start()
            if changes is not None and result is None and not failed:
                server.end_update(changed=False)  # open pages need not reload
            elif changes is not None or failed:  # pages the first build answered are final
                server.end_update(changed=True)
            self.announce()
            self.settle()
        if builder.config is not None:
            try:
                self.rewatch(builder.docs_dir, builder.custom_dir)
            except OSError as e:  # a folder that went away meanwhile: watched again at the next build
                self.terminal.problem(f"netlog: cannot watch a folder: {e.strerror or e}")

    def _finish_search(self) -> None:
        """The search index of the last update, once the update's request (an action's
        redirect) is answered: under ``lock``, so no update starts meanwhile; requests for the
        index wait for it (server.hold_search). Never raises: a failure means a full build at
        the next change."""
        with self.lock:
            try:
                if not self.closed:
                    with adapter.atomic_writes():  # search/ is answered whole, old or new
                        self.builder.finish_search()
            except Exception as e:  # noqa: BLE001 - the preview carries on
                self.builder.fail()
                self.terminal.problem(f"netlog: the search index could not be made: {describe(e)}")
            finally:
                if self.builder.search_later is None or self.closed:  # else the next update's thread
                    self.server.release_search()
                self.collect()  # the pages and the index are answered: the cycles the update left

    def settle(self) -> None:
        """After a build or update: what the process holds now is the site kept alive, so the
        cycle collector stops scanning it (``gc.freeze``). At 10,000 entries a full collection of
        it takes 0.3–0.4 s, and one came in the middle of every other update (issue 27, goal 3);
        garbage cycles made meanwhile wait for :meth:`collect`."""
        gc.freeze()
        self.garbage = True

    def collect(self) -> None:
        """Once an update's pages and search index are answered (the search index's thread):
        collect the cycles the updates since the last call left, then freeze again
        (:meth:`settle`). Nothing when no update ran since."""
        if not self.garbage:
            return
        with self.lock:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.garbage = False

    def report(self, result) -> None:
        """A build or update that worked: errors gone, warnings (full builds) and what it did."""
        from ..report import format_problem

        self.show(None)
        if result.full:
            for p in self.builder.warnings:
                self.terminal.problem(format_problem(p, self.builder.docs_dir))
        if result.rendered or result.full:
            self.terminal.say(result.describe())


def _signature(path: str) -> tuple[int, int] | None:
    """(size, mtime in ns) of a file, None when it does not exist."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def problem_line(p: Problem, docs_dir: str | None, project_dir: str) -> str:
    """``path:line: severity: message`` with the path relative to the project folder
    (what ``netlog check`` prints when run there)."""
    from ..report import format_problem

    return format_problem(p, docs_dir, start=project_dir)
