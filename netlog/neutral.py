"""``netlog render DIR`` (docs/format.md §9, issue 14): the site as a folder any
MkDocs-compatible tool can build.

The neutral contract (docs/toolchain.md): what ``render`` writes builds,
with Material alone and no ``netlog`` plugin, into the same-looking private
site that ``netlog build`` makes::

    DIR/mkdocs.yml                 a minimal config (search, tags, offline; no outside loads)
    DIR/docs/...                   every page as Markdown with its title and tags as front
                                   matter, follow-ups.ics, and netlog's assets
                                   (assets/netlog/netlog.css, assets/netlog/iframe-worker.js)
    DIR/overrides/main.html        the robots and referrer meta tags for every page
    DIR/overrides/...              the project's other theme overrides, copied
    DIR/.netlog-render             the marker: the files this render wrote, one a line

``mkdocs build -f DIR/mkdocs.yml`` (or ``properdocs build``) then builds the
site into DIR/site. A later render replaces the files an earlier one wrote
and removes those it no longer writes (a ``--share`` render after a full one
leaves no private page behind); it never touches other files.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field

import yaml

from .errors import BuildError
from . import registry, safeio
from .pages import keep_repeats_out_of_search
from .sitebuild import RENDER_MARKER, _inside, check_output_dir
from .userfiles import atomic_write

DOCS = "docs"
OVERRIDES = "overrides"
CONFIG = "mkdocs.yml"
REQUIRED_EXTENSIONS = ("tables", "attr_list", "admonition", {"toc": {"permalink": False}})
# Markdown extensions never carried over: they make pages load from outside (emoji images
# from a CDN by default) or need a Python object in their options
UNSAFE_EXTENSIONS = {"pymdownx.emoji": "its emoji images load from a CDN"}
THEME_KEYS = ("language", "features", "palette", "icon", "direction")
SITE_KEYS = ("site_name", "site_description", "site_author", "copyright")

MAIN_HTML = """\
{#- Written by `netlog render`. The netlog plugin adds these tags to every page itself;
    a build without it gets them from this override of Material's main template. -#}
{% extends "base.html" %}

{% block extrahead %}
  <meta name="robots" content="noindex, nofollow">
  <meta name="referrer" content="no-referrer">
{% endblock %}
"""

HEADER = """\
# Written by `netlog render`: the pages in docs/ build into netlog's private site with
# Material alone, no netlog plugin:  mkdocs build -f {config}   (or: properdocs build)
# A later `netlog render` replaces this file. See docs/toolchain.md of netlog.
"""


@dataclass(slots=True)
class Rendered:
    """What :func:`render` did: files written (pages and assets), files removed, notes for the user."""

    written: int
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    config: str = ""


def _front_matter(meta: dict) -> str:
    if not meta:
        return ""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def _read_raw(config_file: str) -> dict:
    """The project's mkdocs.yml as the engine's YAML loader reads it ({} when it cannot:
    `netlog render` has checked the config already)."""
    from .config import read_settings

    return read_settings(config_file)[1]


def _dumpable(value) -> bool:
    try:
        yaml.safe_dump(value)
    except yaml.YAMLError:
        return False
    return True


def _extensions(raw: dict, notes: list[str]) -> list:
    """The required extensions, then the project's own ones that are safe to write down."""
    out: list = list(REQUIRED_EXTENSIONS)
    seen = {"tables", "attr_list", "admonition", "toc"}
    entries = raw.get("markdown_extensions") or []
    if isinstance(entries, dict):
        entries = [{k: v} if v else k for k, v in entries.items()]
    for entry in entries if isinstance(entries, list) else []:
        name = entry if isinstance(entry, str) else next(iter(entry), None) if isinstance(entry, dict) else None
        if not isinstance(name, str):
            continue
        short = name.removeprefix("markdown.extensions.")
        if short in seen:
            continue
        seen.add(short)
        if name in UNSAFE_EXTENSIONS:
            notes.append(f"markdown_extensions: {name} left out: {UNSAFE_EXTENSIONS[name]}")
        elif not _dumpable(entry):
            notes.append(f"markdown_extensions: {name} left out: its options are Python objects")
        else:
            out.append(entry)
    return out


def neutral_config(raw: dict, *, directory_urls: bool, notes: list[str]) -> dict:
    """The minimal mkdocs.yml (as a dict) for a rendered folder, from the project's ``raw`` config.

    Kept: the site's name, description, author and copyright, and the theme's
    language, features (plus the ones the pages rely on, as the plugin adds them),
    palette and icons. Set: Material without web fonts,
    the ``search`` and ``tags`` plugins (``offline`` too when pages end in
    .html, so search works from disk with netlog's worker stand-in), netlog's
    CSS, the navigation of the top-level pages.
    """
    from .pages import MATERIAL_FEATURES

    cfg: dict = {k: raw[k] for k in SITE_KEYS if isinstance(raw.get(k), str)}
    cfg.setdefault("site_name", "My network")
    cfg.update({"docs_dir": DOCS, "site_dir": "site", "use_directory_urls": directory_urls})
    theme = raw.get("theme") if isinstance(raw.get("theme"), dict) else {}
    if (theme.get("name") or "material") != "material":
        notes.append(f"theme: {theme.get('name')!r} replaced by material (the contract is Material's)")
    out_theme: dict = {"name": "material", "custom_dir": OVERRIDES, "font": False}
    out_theme.update({k: theme[k] for k in THEME_KEYS if k in theme and _dumpable(theme[k])})
    features = out_theme.get("features") if isinstance(out_theme.get("features"), list) else []
    out_theme["features"] = features + [f for f in MATERIAL_FEATURES if f not in features]  # as the plugin
    cfg["theme"] = out_theme
    # Material's offline plugin inlines the search index into search/search_index.js for
    # file:// pages; netlog's worker stand-in (an `iframe-worker` polyfill) keeps it from
    # adding its own from a CDN. It needs page.html URLs, so only then.
    cfg["plugins"] = ["search", "tags"] + ([] if directory_urls else ["offline"])
    cfg["nav"] = [{title: uri} for title, uri in registry.NAV]
    cfg["extra_css"] = [registry.CSS.uri]
    cfg["extra_javascript"] = [registry.JS.uri]
    cfg["extra"] = {"polyfills": [registry.WORKER.uri]}
    cfg["markdown_extensions"] = _extensions(raw, notes)
    # entry and person pages are reached by links, not the nav (as the plugin sets it)
    cfg["validation"] = {"nav": {"omitted_files": "info"}}
    return cfg


def _read_manifest(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as fh:
            return [line.rstrip("\n") for line in fh if line.strip() and not line.startswith("#")]
    except OSError:
        return []


def _overrides(custom_dir: str | None) -> dict[str, bytes]:
    """The project's theme overrides (but main.html, which netlog writes), by relative path."""
    out: dict[str, bytes] = {}
    if not custom_dir or not os.path.isdir(custom_dir):
        return out
    for folder, dirs, files in os.walk(custom_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, custom_dir).replace(os.sep, "/")
            if rel == "main.html" or os.path.islink(path):
                continue
            with open(path, "rb") as fh:
                out[rel] = fh.read()
    return out


def render(site, out: str, project) -> Rendered:
    """Write the neutral folder for ``site`` (a pages.Site) into ``out``; a :class:`Rendered`.

    ``project`` is the config.Project the site comes from (its mkdocs.yml,
    docs_dir and theme overrides). ``out`` must be new, empty, or a folder an
    earlier render wrote (its marker file); BuildError otherwise, or when a
    path would land outside ``out``.
    """
    config_dir = os.path.dirname(project.config_file)
    real = check_output_dir(out, project.docs_dir, config_dir, what="render folder",
                            keep=(project.custom_dir,) if project.custom_dir else ())
    marker = os.path.join(real, RENDER_MARKER)
    if os.path.exists(real):
        if not os.path.isdir(real):
            raise BuildError(f"refusing to render into {out}: it is a file")
        if os.listdir(real) and not os.path.exists(marker):
            raise BuildError(f"refusing to render into {out}: it has files netlog did not write "
                             "(render into a new or empty folder)")
    notes: list[str] = []
    raw = _read_raw(project.config_file)
    cfg = neutral_config(raw, directory_urls=project.directory_urls, notes=notes)

    files: dict[str, bytes] = {}
    for uri in site.pages:
        # the same tables kept out of the search index as a netlog build keeps (Material only)
        text = _front_matter(site.meta(uri)) + keep_repeats_out_of_search(site, uri, site.markdown(uri))
        files[f"{DOCS}/{uri}"] = text.encode("utf-8")
    for asset in registry.ASSETS:
        files[f"{DOCS}/{asset.uri}"] = site.asset(asset)
    for rel, data in _overrides(project.custom_dir).items():
        files[f"{OVERRIDES}/{rel}"] = data
    files[f"{OVERRIDES}/main.html"] = MAIN_HTML.encode("utf-8")
    config_text = HEADER.format(config=os.path.join(out, CONFIG)) + yaml.safe_dump(
        cfg, allow_unicode=True, sort_keys=False, default_flow_style=False)
    files[CONFIG] = config_text.encode("utf-8")

    old = _read_manifest(marker)
    out_files: dict[str, bytes] = {}
    for rel, data in files.items():
        path = os.path.normpath(os.path.join(real, *rel.split("/")))
        # a path trick in a src_uri, or a folder link planted inside `out`, never writes outside
        # it (a link at the file itself is replaced by the rename, its target untouched)
        if not _inside(os.path.realpath(os.path.dirname(path)), real):
            raise BuildError(f"refusing to write {rel}: it would land outside {out}")
        out_files[path] = data
    try:
        # every file complete before any is put in place: a full disk changes nothing
        safeio.write_all(out_files)
    except OSError as e:
        raise BuildError(safeio.message(e) + "; nothing was written") from None
    removed = _remove_stale(real, [rel for rel in old if rel not in files])
    manifest = "# written by netlog render; a later render may replace or remove these files\n"
    atomic_write(marker, (manifest + "".join(f"{rel}\n" for rel in sorted(files))).encode("utf-8"))
    return Rendered(len(files), removed, notes, os.path.join(out, CONFIG))


def _remove_stale(real: str, stale: list[str]) -> list[str]:
    """Remove files an earlier render wrote that this one did not (and folders left empty)."""
    removed = []
    for rel in stale:
        path = os.path.normpath(os.path.join(real, *rel.split("/")))
        if not _inside(os.path.realpath(os.path.dirname(path)), real) or not os.path.isfile(path) \
                or os.path.islink(path):
            continue
        os.unlink(path)
        removed.append(rel)
        folder = os.path.dirname(path)
        while folder != real and _inside(folder, real):
            with contextlib.suppress(OSError):
                os.rmdir(folder)  # only when empty
            if os.path.isdir(folder):
                break
            folder = os.path.dirname(folder)
    return removed
