"""MkDocs' log (the ``mkdocs`` logger): the one home for muting, collecting and forwarding it.

``netlog build`` collects MkDocs' warnings to print them after its own
summary (:func:`captured`); shell completion must print nothing at all
(:func:`silenced`); ``netlog serve`` shows warnings and one line per
rebuild as they come (:func:`forward`).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from typing import Callable

LOGGER = "mkdocs"


@contextlib.contextmanager
def captured(collect: list[str]):
    """Silence MkDocs' INFO lines and banners; append its warnings and errors to ``collect``
    as ``"warning: message"`` strings."""

    class Collect(logging.Handler):
        def emit(self, record):
            collect.append(f"{record.levelname.lower()}: {record.getMessage()}")

    logger = logging.getLogger(LOGGER)
    handler = Collect(logging.WARNING)
    old_level, old_propagate, old_handlers = logger.level, logger.propagate, logger.handlers[:]
    logger.handlers = [handler]
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        yield
    finally:
        logger.handlers = old_handlers
        logger.setLevel(old_level)
        logger.propagate = old_propagate


@contextlib.contextmanager
def silenced():
    """No output at all and no MkDocs logging (shell completion: the shell reads stdout)."""
    logger = logging.getLogger(LOGGER)
    old = logger.disabled
    logger.disabled = True
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        logger.disabled = old


def forward(callback: Callable[[int, str], None]) -> None:
    """From now on, hand every MkDocs record of level INFO or above to ``callback(level, message)``
    (``netlog serve``: warnings and rebuild lines while the server runs)."""

    class Forward(logging.Handler):
        def emit(self, record):
            callback(record.levelno, record.getMessage())

    logger = logging.getLogger(LOGGER)
    logger.addHandler(Forward(logging.INFO))
    logger.setLevel(logging.INFO)
