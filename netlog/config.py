"""Find and read mkdocs.yml with the engine's own loader (MkDocs or ProperDocs,
netlog/engine.py); pick out netlog's options.

The first step of every command: ``mkdocs.yml`` in the current folder or
the nearest parent (or ``-f``), its ``docs_dir`` (the log), ``site_dir`` and
the ``netlog`` plugin's options. Problems in the config become
:class:`~netlog.model.Problem` values on the config file, never exceptions.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import yaml

from .errors import ConfigMissing, ConfigNotFound
from .model import ERROR, WARNING, Problem
from .options import Options

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


def locate(given: str | None, cwd: str | None = None) -> str:
    """The config file to use: ``given`` (``-f``), else the nearest one from ``cwd`` up.

    Raises :class:`~netlog.errors.ConfigMissing` when ``given`` is not a file, and
    :class:`~netlog.errors.ConfigNotFound` when there is none to find.
    """
    if given:
        if not os.path.isfile(given):
            raise ConfigMissing(f"no config file at {given}")
        return os.path.abspath(given)
    found = find_config(cwd or os.getcwd())
    if found is None:
        raise ConfigNotFound("no mkdocs.yml in this folder or any parent; "
                             "run `netlog init` to start a log, or pass -f CONFIG")
    return found


def find_config(start: str) -> str | None:
    """The nearest mkdocs.yml (or mkdocs.yaml) in ``start`` or a parent, as git finds .git."""
    folder = os.path.abspath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


@dataclass(slots=True)
class Project:
    """A loaded config: where things are and netlog's options."""

    config_file: str
    docs_dir: str
    site_dir: str
    options: Options
    mkdocs_config: object  # mkdocs.config.defaults.MkDocsConfig, or None from read_project
    directory_urls: bool = True
    custom_dir: str | None = None  # the theme's overrides folder, never a place to build into


def _line_of(text: str, name: str, message: str = "") -> int:
    """The line where a config key is written (best effort), else 1.

    For a plugin option (``Plugin 'netlog' option 'upcoming': ...``) it is the
    option's line below the plugin's own line.
    """
    m = re.search(r"Plugin '([\w-]+)' option '([\w-]+)'", message)
    if m:
        plugin = re.search(rf"^[ \t-]*{re.escape(m.group(1))}[ \t]*:", text, re.M)
        start = plugin.end() if plugin else 0
        option = re.compile(rf"^[ \t-]*{re.escape(m.group(2))}[ \t]*:", re.M).search(text, start)
        if option:
            return text.count("\n", 0, option.start()) + 1
    for key in reversed(re.split(r"[.:' ]+", name)):
        if not key or not re.fullmatch(r"[A-Za-z_][\w-]*", key):
            continue
        m = re.search(rf"^[ \t-]*{re.escape(key)}[ \t]*:", text, re.M)
        if m:
            return text.count("\n", 0, m.start()) + 1
    return 1


def read_project(config_file: str) -> tuple[Project | None, list[Problem]]:
    """The quick read for commands that do not build: the engine's own YAML loader (``!ENV``,
    ``!relative``, ``INHERIT``, Material's ``!!python/name`` tags) and netlog's options
    validated with the plugin's own config class, without loading the theme and every
    other plugin. ``netlog build`` uses :func:`load_project`, which validates everything.
    """
    from .options import to_options, validate

    text, raw, unreadable = read_settings(config_file)
    if unreadable is not None:
        return None, [unreadable]
    problems: list[Problem] = []
    found, options = _netlog_entry(raw.get("plugins"))
    if not found:
        problems.append(Problem(config_file, _line_of(text, "plugins"), WARNING, NOT_ENABLED,
                                "plugin-not-enabled"))
    if not isinstance(options, dict):
        options = {}
        problems.append(Problem(config_file, _line_of(text, "netlog"), ERROR,
                                "plugins: Plugin 'netlog' options must be a mapping", "bad-option"))
    values, errors, warnings = validate(options)
    for name, err in errors:
        message = f"plugins: Plugin 'netlog' option '{name}': {_one_line(err)}"
        problems.append(Problem(config_file, _line_of(text, "plugins", message), ERROR, message, "bad-option"))
    for name, warn, code in warnings:
        message = f"plugins: Plugin 'netlog' option '{name}': {_one_line(warn)}"
        problems.append(Problem(config_file, _line_of(text, "plugins", message), WARNING, message, code))
    if errors or any(p.severity == ERROR for p in problems):
        return None, problems
    base = os.path.dirname(os.path.abspath(config_file))
    folders = _folders(config_file, text, raw)
    if isinstance(folders, Problem):
        return None, problems + [folders]
    project = Project(config_file=config_file, docs_dir=folders[0], site_dir=folders[1],
                      options=to_options(values), mkdocs_config=None,
                      directory_urls=bool(raw.get("use_directory_urls", True)),
                      custom_dir=_custom_dir(raw.get("theme"), base))
    return project, problems


def read_settings(config_file: str) -> tuple[str, dict, Problem | None]:
    """(text, settings, problem): mkdocs.yml read once, with the engine's own YAML loader
    (``!ENV``, ``!relative``, ``INHERIT``, Material's ``!!python/name`` tags).

    The one reader of the file for every command (``read_project``, ``load_project``,
    ``netlog render``): a file that cannot be read, decoded or parsed, or that is not a
    mapping, gives ``("", {}, problem)`` with the code ``config-unreadable``.
    """
    from . import engine

    plain = _plain_settings(config_file)
    if plain is not None:
        return plain
    try:
        exceptions = engine.errors_module()
    except engine.EngineError as e:  # the engine that reads mkdocs.yml is missing or cannot run
        return "", {}, _unreadable(config_file, str(e))
    try:
        with open(config_file, "rb") as fh:
            text = fh.read().decode("utf-8-sig")
            fh.seek(0)
            raw = engine.yaml_load(fh)
    except OSError as e:
        return "", {}, _unreadable(config_file, f"cannot read the config: {e.strerror}")
    except UnicodeDecodeError:
        return "", {}, _unreadable(config_file, "the config is not valid UTF-8")
    except exceptions.ConfigurationError as e:
        return "", {}, _unreadable(config_file, f"cannot read the config: {_one_line(e)}", _yaml_line(e))
    except RecursionError:  # its wording depends on where the stack ran out: keep it stable
        return "", {}, _unreadable(config_file,
                                   "cannot read the config: RecursionError: maximum recursion depth exceeded")
    except Exception as e:  # noqa: BLE001 - e.g. a !!python/name tag naming a missing module
        return "", {}, _unreadable(config_file, f"cannot read the config: {_error_text(e)}")
    if not isinstance(raw, dict):
        return text, {}, _unreadable(config_file, "the config must be a mapping of settings")
    return text, raw, None


def _plain_settings(config_file: str) -> tuple[str, dict, None] | None:
    """:func:`read_settings`'s answer for a config that is plain YAML — no ``!`` anywhere (so no
    ``!ENV``, ``!relative`` or ``!!python`` tag) and no ``INHERIT`` — read with PyYAML's safe C
    loader, else None. The engine's loader gives such a file the very same mapping (its extra
    constructors are all for tags), but importing it costs ``netlog check`` more than reading
    a small log (issue 27). Anything else, errors included, is left to the engine's loader."""
    try:
        with open(config_file, "rb") as fh:
            text = fh.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    if "!" in text or "INHERIT" in text:
        return None
    try:
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        return None
    return (text, raw, None) if isinstance(raw, dict) else None


def _folders(config_file: str, text: str, raw: dict) -> tuple[str, str] | Problem:
    """(docs_dir, site_dir) as absolute paths, or the one problem every reader gives for them:
    ``config-invalid`` when they are not paths, ``missing-docs-dir`` when the log folder is
    not there (docs/format.md §1)."""
    base = os.path.dirname(os.path.abspath(config_file))
    docs_dir, site_dir = raw.get("docs_dir", "docs"), raw.get("site_dir", "site")
    if not isinstance(docs_dir, (str, os.PathLike)) or not isinstance(site_dir, (str, os.PathLike)):
        return Problem(config_file, _line_of(text, "docs_dir"), ERROR, "docs_dir and site_dir must be paths",
                       "config-invalid")
    docs = os.path.join(base, os.fspath(docs_dir))
    if not os.path.isdir(docs):
        what = "is not a folder" if os.path.exists(docs) else "does not exist"
        return Problem(config_file, _line_of(text, "docs_dir"), ERROR, f"docs_dir: the log folder {docs} {what}",
                       "missing-docs-dir")
    return docs, os.path.join(base, os.fspath(site_dir))


def _custom_dir(theme, base: str) -> str | None:
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        return os.path.join(base, theme["custom_dir"])
    return None


NOT_ENABLED = ("the netlog plugin is not enabled in this config: add `- netlog` "
               "under `plugins:` (netlog uses its default options)")


def _netlog_entry(plugins) -> tuple[bool, object]:
    """(enabled, options) of the netlog plugin in a raw ``plugins`` setting (list or mapping)."""
    if isinstance(plugins, dict):
        if "netlog" in plugins:
            return True, plugins["netlog"] or {}
        return False, {}
    for item in plugins or []:
        if item == "netlog":
            return True, {}
        if isinstance(item, dict) and "netlog" in item:
            return True, item["netlog"] or {}
    return False, {}


def load_project(config_file: str, **overrides) -> tuple[Project | None, list[Problem]]:
    """Load ``config_file`` with the engine, MkDocs or ProperDocs (``!ENV`` and all); None
    and problems when it is broken.

    The full read for ``netlog build`` (theme and every plugin validated); the
    caller decides where the engine's log goes (``mkdocs_log.captured``).
    """
    from . import engine

    text, raw, unreadable = read_settings(config_file)
    if unreadable is not None:
        return None, [unreadable]
    if overrides.get("docs_dir") is None:
        # the log folder first, in the words every reader uses (the engine would call a missing
        # one an invalid setting)
        folders = _folders(config_file, text, raw)
        if isinstance(folders, Problem):
            return None, [folders]
    exceptions = engine.errors_module()
    try:
        cfg, errors, warnings = engine.load_config(config_file, **overrides)
    except exceptions.ConfigurationError as e:
        return None, [_unreadable(config_file, f"cannot read the config: {_one_line(e)}", _yaml_line(e))]
    except Exception as e:  # noqa: BLE001 - a broken third-party plugin must not give a traceback
        return None, [_unreadable(config_file, f"cannot load the config: {_error_text(e)}")]
    problems = [Problem(config_file, _line_of(text, name, str(err)), ERROR, f"{name}: {_one_line(err)}",
                        "config-invalid") for name, err in errors]
    problems += [Problem(config_file, _line_of(text, name, str(w)), WARNING, f"{name}: {_one_line(w)}",
                         "config-warning") for name, w in warnings]
    if errors:
        return None, problems
    plugin = cfg.plugins.get("netlog")
    if plugin is None:
        problems.append(Problem(config_file, _line_of(text, "plugins"), WARNING, NOT_ENABLED,
                                "plugin-not-enabled"))
    from .options import to_options

    options = to_options(plugin.config if plugin is not None else None)
    project = Project(config_file=config_file, docs_dir=cfg.docs_dir, site_dir=cfg.site_dir,
                      options=options, mkdocs_config=cfg, directory_urls=cfg.use_directory_urls,
                      custom_dir=cfg.theme.custom_dir)
    return project, problems


def _unreadable(config_file: str, message: str, line: int = 1) -> Problem:
    """The problem of a config that cannot be read at all (``config-unreadable``)."""
    return Problem(config_file, line, ERROR, message, "config-unreadable")


def _error_text(e: Exception) -> str:
    """``Type: message`` of an unexpected error; a RecursionError's message without the
    Python-version and stack-depth dependent tail ("... while calling a Python object")."""
    if isinstance(e, RecursionError):
        return "RecursionError: maximum recursion depth exceeded"
    return f"{type(e).__name__}: {_one_line(e)}"


def _one_line(e: object) -> str:
    return " ".join(str(e).split())


def _yaml_line(e: Exception) -> int:
    """The line of a YAML error in mkdocs.yml (MkDocs wraps PyYAML's error)."""
    # the first position named is where the broken construct starts (an unclosed
    # bracket is only noticed at the end of the file)
    m = re.search(r"line (\d+), column", str(e))
    return int(m.group(1)) if m else 1


def _any_tag_loader() -> type:
    """A safe loader that reads MkDocs' ``!ENV`` and ``!!python/name`` tags as nothing (made
    when ``netlog init`` asks: start-up, issue 27)."""

    class _AnyTagLoader(yaml.SafeLoader):
        pass

    _AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
    return _AnyTagLoader


def docs_dir_in(root: str) -> str | None:
    """The docs_dir of a config already in ``root`` (relative to it), or None when there is none.

    A forgiving read for ``netlog init`` (any tag is read as nothing; a config
    that cannot be read at all gives ``log``), which must never fail.
    """
    for name in CONFIG_NAMES:
        path = os.path.join(root, name)
        if os.path.isfile(path):
            try:
                with open(path, encoding="utf-8-sig") as fh:
                    data = yaml.load(fh, Loader=_any_tag_loader())
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                return "log"
            docs = data.get("docs_dir") if isinstance(data, dict) else None
            return docs if isinstance(docs, str) and docs.strip() else "docs"  # MkDocs' default
    return None
