"""The netlog plugin's options (SPEC section 7) as an MkDocs ``Config`` class.

MkDocs validates them when it loads mkdocs.yml (for ``mkdocs build`` and for
every netlog command alike); :func:`to_options` turns the validated config
into the plain :class:`~netlog.model.Options` the pure stages read.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .dates import offset_error, parse_offset
from .kinds import GROUPS, merge_kinds
from .model import Options


class OffsetOption(c.BaseConfigOption):
    """An offset such as ``7d``; validated to an :class:`Offset`."""

    def __init__(self, default: str):
        super().__init__()
        self.default = default

    def run_validation(self, value):
        parsed = parse_offset(value)
        if parsed is None:
            raise base.ValidationError(offset_error(value))
        return parsed


class CadenceOption(c.BaseConfigOption):
    """``tag: offset`` pairs."""

    def __init__(self):
        super().__init__()
        self.default = {}

    def run_validation(self, value):
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise base.ValidationError("expected a mapping of tag to offset, such as `mentor: 60d`")
        out = {}
        for tag, off in value.items():
            parsed = parse_offset(off)
            if not isinstance(tag, str) or parsed is None:
                raise base.ValidationError(f"tag {tag!r}: {offset_error(off)}")
            out[tag] = parsed
        return out


_KIND_KEYS = ("group", "after", "action")


class KindsOption(c.BaseConfigOption):
    """``name: {group, after, action}``; merged over the built-in kinds later."""

    def __init__(self):
        super().__init__()
        self.default = {}

    def run_validation(self, value):
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise base.ValidationError("expected a mapping of kind name to {group, after, action}")
        out: dict[str, dict] = {}
        for name, spec in value.items():
            if not isinstance(name, str) or not name.strip():
                raise base.ValidationError(f"kind name {name!r} must be text")
            if spec is None:
                spec = {}
            if not isinstance(spec, dict):
                raise base.ValidationError(f"kind {name!r}: expected a mapping with group, after and action")
            clean: dict = {}
            for key, v in spec.items():
                if key not in _KIND_KEYS:
                    raise base.ValidationError(f"kind {name!r}: unknown key {key!r}; use group, after and action")
                if key == "group":
                    if v not in GROUPS:
                        raise base.ValidationError(f"kind {name!r}: group must be conversation or visibility, got {v!r}")
                    clean["group"] = v
                elif key == "after":
                    if v is None or v is False:
                        clean["after"] = None
                        continue
                    parsed = parse_offset(v)
                    if parsed is None:
                        raise base.ValidationError(f"kind {name!r}: after: {offset_error(v)}")
                    clean["after"] = parsed
                else:
                    if not isinstance(v, str) or not v.strip():
                        raise base.ValidationError(f"kind {name!r}: action must be text")
                    clean["action"] = v.strip()
            out[name.strip()] = clean
        return out


class NetlogConfig(base.Config):
    """The options of the ``netlog`` plugin in mkdocs.yml."""

    upcoming = OffsetOption("7d")
    dormant = OffsetOption("180d")
    visibility_gap = OffsetOption("30d")
    thanks_after = OffsetOption("3d")
    cadence = CadenceOption()
    kinds = KindsOption()


def to_options(config: NetlogConfig | None) -> Options:
    """Plain options (kinds merged) from a validated plugin config (None: defaults)."""
    if config is None:
        return Options(kinds=merge_kinds({}))
    kinds = merge_kinds(config.kinds)
    return Options(upcoming=config.upcoming, dormant=config.dormant,
                   visibility_gap=config.visibility_gap, thanks_after=config.thanks_after,
                   cadence=dict(config.cadence), kinds=kinds)
