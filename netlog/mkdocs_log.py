"""The engine's log: the one home for muting, collecting and forwarding it.

The engine (netlog/engine.py) logs to ``mkdocs`` (MkDocs) or ``properdocs``
(ProperDocs, which also receives the ``mkdocs.*`` loggers of Material and the
plugin); :func:`logger` is the one that applies.

``netlog build`` collects the engine's warnings to print them after its own
summary (:func:`captured`); shell completion must print nothing at all
(:func:`silenced`); ``netlog serve`` shows warnings and one line per
rebuild as they come (:func:`forward`).
"""

from __future__ import annotations

import contextlib
import io
import logging
from typing import Callable

LOGGER = "mkdocs"  # MkDocs' logger; the logger when the engine cannot be loaded either


def logger() -> logging.Logger:
    """The active engine's top logger (``mkdocs`` or ``properdocs``)."""
    from . import engine

    try:
        return logging.getLogger(engine.current().logger)
    except engine.EngineError:  # no engine to run: nothing of it will log anyway
        return logging.getLogger(LOGGER)


@contextlib.contextmanager
def captured(collect: list[str]):
    """Silence the engine's INFO lines and banners; append its warnings and errors to ``collect``
    as ``"warning: message"`` strings."""

    class Collect(logging.Handler):
        def emit(self, record):
            collect.append(f"{record.levelname.lower()}: {record.getMessage()}")

    from .engine import silence_banners

    log = logger()
    handler = Collect(logging.WARNING)
    old_level, old_propagate, old_handlers = log.level, log.propagate, log.handlers[:]
    log.handlers = [handler]
    log.setLevel(logging.WARNING)
    log.propagate = False
    silence_banners()
    try:
        yield
    finally:
        log.handlers = old_handlers
        log.setLevel(old_level)
        log.propagate = old_propagate


@contextlib.contextmanager
def silenced():
    """No output at all and no logging of the engine, Material or the plugin (shell completion:
    the shell reads stdout)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        # MkDocs' logger too: under ProperDocs it is a child of the engine's, whose handlers a
        # disabled parent would not keep it from reaching
        loggers = list({id(log): log for log in (logger(), logging.getLogger(LOGGER))}.values())
        old = [log.disabled for log in loggers]
        for log in loggers:
            log.disabled = True
        try:
            yield
        finally:
            for log, was in zip(loggers, old):
                log.disabled = was


def forward(callback: Callable[[int, str], None]) -> None:
    """From now on, hand every record of the engine's log of level INFO or above to
    ``callback(level, message)`` (``netlog serve``: warnings and rebuild lines while the server runs)."""

    class Forward(logging.Handler):
        def emit(self, record):
            callback(record.levelno, record.getMessage())

    log = logger()
    log.addHandler(Forward(logging.INFO))
    log.setLevel(logging.INFO)
