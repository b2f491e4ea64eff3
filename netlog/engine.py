"""Which static-site engine runs netlog's builds: MkDocs 1.6 or ProperDocs 1.6
(docs/format.md §9 and docs/toolchain.md: ``netlog build``, ``serve``; issue 14).

Every command that loads ``mkdocs.yml``, builds or serves goes through this
module instead of importing an engine itself, so one choice holds for the
whole process (see docs/toolchain.md):

- ``mkdocs``: MkDocs 1.6 (``pip install netlog``).
- ``properdocs``: ProperDocs 1.6, the maintained continuation of MkDocs 1.x
  (``pip install 'netlog[properdocs]'``).
- ``auto`` (the default): ProperDocs when it is installed, else MkDocs.

The choice comes from ``netlog --engine NAME`` or ``NETLOG_ENGINE``.

ProperDocs is a copy of MkDocs under another package name: ``properdocs.*``
with the same classes (``MkDocsConfig`` and ``MkDocsException`` are aliases
of its ``ProperDocsConfig`` and ``ProperDocsException``), the same config
file, and plugins found under both the ``properdocs.plugins`` and the
``mkdocs.plugins`` entry-point groups. Its ``properdocs.replacement`` module
makes every later ``import mkdocs.x`` load ``properdocs.x``; its own command
line imports it first, and so does :func:`activate`. That is why the plugin
and Material, which import ``mkdocs.*``, run unchanged on either engine, and
why the engine is chosen once per process, before anything imports
``mkdocs``: a process that has loaded the real MkDocs cannot switch.

The small API other modules call: :func:`load_config`, :func:`build`,
:func:`yaml_load`, :func:`errors`, :func:`errors_module` and :func:`current`.
``netlog serve`` runs on netlog's own preview (the serve package), which imports
``mkdocs.*`` after the engine is chosen, so it runs on either engine too.
Engine problems raise :class:`~netlog.errors.EngineError` with a message for the user.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass

from .errors import EngineError  # noqa: F401 - part of this module's API (engine.EngineError)

ENV = "NETLOG_ENGINE"
CHOICES = ("auto", "mkdocs", "properdocs")
LABELS = {"mkdocs": "MkDocs", "properdocs": "ProperDocs"}
INSTALL = {"mkdocs": "pip install netlog  (MkDocs comes with it)",
           "properdocs": "pip install 'netlog[properdocs]'"}

# Environment switches of the engines' and the theme's start-up notices. Material 9.7+
# prints its end-of-life banner (material/templates/__init__.py) when the program is
# called `mkdocs` unless NO_MKDOCS_2_WARNING is set; ProperDocs' notice
# (properdocs/replacement_warning.py) obeys DISABLE_MKDOCS_2_WARNING=true. netlog's own
# commands are not `mkdocs`, so these only matter under `python -m`-style wrappers, but
# netlog never shows either: they are for people running those tools by hand.
BANNER_SWITCHES = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@dataclass(frozen=True, slots=True)
class Engine:
    """The engine this process runs: ``name`` is ``mkdocs`` or ``properdocs``."""

    name: str
    version: str
    logger: str  # the engine's top logger: its own messages and (through it) the mkdocs.* ones

    @property
    def label(self) -> str:
        """``MkDocs 1.6.1`` or ``ProperDocs 1.6.7``."""
        return f"{LABELS[self.name]} {self.version}"


_choice: str | None = None  # what --engine said (None: NETLOG_ENGINE, else auto)
_active: Engine | None = None


def installed(name: str) -> bool:
    """Whether engine ``name`` (``mkdocs`` or ``properdocs``, each a package of that name) can
    be imported here. Found without importing it, and without ``importlib.metadata``, which
    would cost every command more than reading a small log (issue 27)."""
    if name in sys.modules:
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _real_mkdocs_loaded() -> bool:
    module = sys.modules.get("mkdocs")
    return module is not None and module.__name__ == "mkdocs"


def _properdocs_loaded() -> bool:
    module = sys.modules.get("mkdocs")
    return module is not None and module.__name__ == "properdocs"


def select(choice: str | None) -> None:
    """Record ``--engine`` (``auto``, ``mkdocs``, ``properdocs`` or None for NETLOG_ENGINE).

    Nothing is imported yet; :func:`current` activates the engine when it is
    first needed. EngineError for an unknown or missing engine.
    """
    global _choice
    if choice is not None and choice not in CHOICES:
        raise EngineError(f"unknown engine {choice!r}: use one of {', '.join(CHOICES)}")
    _choice = choice
    resolve(choice)


def resolve(choice: str | None = None) -> str:
    """The engine name (``mkdocs`` or ``properdocs``) that ``choice`` (else NETLOG_ENGINE,
    else ``auto``) means here; EngineError when it is unknown or not installed."""
    raw = choice or os.environ.get(ENV) or "auto"
    name = raw.strip().lower()
    if name not in CHOICES:
        raise EngineError(f"{ENV}={raw!r} is not an engine: use one of {', '.join(CHOICES)}")
    if name == "auto":
        if _active is not None:
            return _active.name
        if _properdocs_loaded():
            return "properdocs"
        # a process that has already loaded the real MkDocs (a program embedding netlog) keeps it
        return "properdocs" if installed("properdocs") and not _real_mkdocs_loaded() else "mkdocs"
    if not installed(name):
        raise EngineError(f"the {LABELS[name]} engine is not installed: {INSTALL[name]}")
    return name


def silence_banners() -> None:
    """Turn off Material's end-of-life banner and ProperDocs' MkDocs-2 notice for this process."""
    for key, value in BANNER_SWITCHES.items():
        os.environ[key] = value


def activate(choice: str | None = None) -> Engine:
    """Load the engine ``choice`` means (see :func:`resolve`) for this process; the Engine.

    EngineError when another engine is already loaded here.
    """
    global _active
    name = resolve(choice)
    if _active is not None:
        if _active.name != name:
            raise EngineError(f"this process already runs {_active.label}; it cannot switch to "
                              f"{LABELS[name]} (run a new netlog command)")
        return _active
    silence_banners()
    if name == "properdocs":
        if _real_mkdocs_loaded():
            raise EngineError("ProperDocs must be chosen before MkDocs is loaded; this process has "
                              "loaded MkDocs already (run a new netlog command with --engine properdocs)")
        import properdocs.replacement  # noqa: F401 - from now on `mkdocs.x` loads `properdocs.x`
        import logging  # here, not at the top: `netlog --version` should not pay for it (issue 27)

        # as ProperDocs' own command line does: messages of the mkdocs.* loggers (Material,
        # netlog's plugin) reach the properdocs logger, where builds count warnings for --strict
        legacy = logging.getLogger("mkdocs")
        legacy.parent = logging.getLogger("properdocs")
        legacy.setLevel(logging.NOTSET)
        legacy.propagate = True
        _active = Engine("properdocs", getattr(sys.modules["properdocs"], "__version__", "?"), "properdocs")
    else:
        if _properdocs_loaded():
            raise EngineError("this process already runs ProperDocs; it cannot switch to MkDocs "
                              "(run a new netlog command with --engine mkdocs)")
        import mkdocs

        _active = Engine("mkdocs", mkdocs.__version__, "mkdocs")
    return _active


def current() -> Engine:
    """The active engine; activates the selected one on first use (EngineError as activate)."""
    return _active if _active is not None else activate(_choice)


# --------------------------------------------------------------------------- the API


def errors_module():
    """The engine's ``exceptions`` module (``ConfigurationError``, ``PluginError``...)."""
    current()
    from mkdocs import exceptions

    return exceptions


def errors() -> tuple[type[BaseException], ...]:
    """The engine's exception classes a build or config load raises for the user to read."""
    current()
    from mkdocs.exceptions import Abort, MkDocsException

    return (Abort, MkDocsException)


def yaml_load(stream):
    """The engine's YAML loader for mkdocs.yml (``!ENV``, ``!relative``, ``INHERIT``)."""
    current()
    from mkdocs.utils.yaml import yaml_load as load

    return load(stream)


def load_config(config_file: str, **overrides):
    """(config, errors, warnings): ``config_file`` loaded and validated by the engine.

    ``overrides`` are settings applied over the file (None values skipped);
    errors and warnings are ``(setting name, exception)`` pairs as the engine
    gives them. The engine's own exceptions (:func:`errors`, YAML errors as
    ``ConfigurationError``) propagate.
    """
    current()
    from mkdocs.config.defaults import MkDocsConfig

    cfg = MkDocsConfig(config_file_path=config_file)
    with open(config_file, "rb") as fh:
        cfg.load_file(fh)
    cfg.load_dict({k: v for k, v in overrides.items() if v is not None})
    errs, warnings = cfg.validate()
    return cfg, errs, warnings


def build(config, *, dirty: bool = False) -> None:
    """Build the site of a loaded ``config`` (from :func:`load_config`) into its site_dir."""
    current()
    from mkdocs.commands.build import build as engine_build

    engine_build(config, dirty=dirty)
