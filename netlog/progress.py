"""Progress of a long ``netlog build`` on a terminal (issue 11, docs/commands.md).

A :class:`Progress` is told the phase and the pages done (by the plugin's
page events); a background thread redraws one status line on stderr twice a
second, starting only after ``delay`` seconds, so a quick build prints
nothing extra. Nothing is drawn when stderr is not a terminal.
"""

from __future__ import annotations

import sys
import threading
import time


class Progress:
    """One status line: ``netlog: <phase> <done>/<total>`` (or just the phase)."""

    def __init__(self, stream=None, *, enabled: bool | None = None, delay: float = 2.0,
                 interval: float = 0.5) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.delay = delay
        self.interval = interval
        self.phase = "starting"
        self.done = 0
        self.total = 0
        self._drawn = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ what the build reports

    def set_phase(self, phase: str, total: int = 0) -> None:
        self.phase, self.done, self.total = phase, 0, total

    def step(self, phase: str, total: int | None = None) -> None:
        """One more page done in ``phase`` (a new phase starts counting from 1)."""
        if phase != self.phase:
            self.phase, self.done = phase, 0
            if total is not None:
                self.total = total
        self.done += 1

    # ------------------------------------------------------------------ drawing

    def text(self) -> str:
        if self.total:
            return f"netlog: {self.phase} {min(self.done, self.total)}/{self.total}"
        return f"netlog: {self.phase}…"

    def __enter__(self) -> Progress:
        if self.enabled:
            self._started = time.monotonic()
            self._thread = threading.Thread(target=self._run, name="netlog-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            if self._drawn:
                self.stream.write("\r\033[K")
                self.stream.flush()

    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return
        while not self._stop.is_set():
            with self._lock:
                self.stream.write("\r\033[K" + self.text())
                self.stream.flush()
                self._drawn = True
            self._stop.wait(self.interval)
