"""The netlog plugin's options (SPEC section 7): validation without MkDocs.

The pure validators here serve both the MkDocs plugin (``plugin.py`` wraps
them in MkDocs config options, so ``mkdocs build`` validates them) and the
quick config read of ``netlog check``/``due`` (``config.read_project``),
which does not import MkDocs' config machinery at all.
"""

from __future__ import annotations

from typing import Any, Callable

from .dates import offset_error, parse_offset
from .kinds import GROUPS, actions_without_rule, merge_kinds
from .model import Options


class OptionError(ValueError):
    """A plugin option's value is not valid; the message says why."""


def offset_value(value: Any):
    parsed = parse_offset(value)
    if parsed is None:
        raise OptionError(offset_error(value))
    return parsed


def cadence_value(value: Any) -> dict:
    """``tag: offset`` pairs."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise OptionError("expected a mapping of tag to offset, such as `mentor: 60d`")
    out = {}
    for tag, off in value.items():
        parsed = parse_offset(off)
        if not isinstance(tag, str) or parsed is None:
            raise OptionError(f"tag {tag!r}: {offset_error(off)}")
        out[tag] = parsed
    return out


_KIND_KEYS = ("group", "after", "action")


def kinds_value(value: Any) -> dict[str, dict]:
    """``name: {group, after, action}``; merged over the built-in kinds later."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise OptionError("expected a mapping of kind name to {group, after, action}")
    out: dict[str, dict] = {}
    for name, spec in value.items():
        if not isinstance(name, str) or not name.strip():
            raise OptionError(f"kind name {name!r} must be text")
        if spec is None:
            spec = {}
        if not isinstance(spec, dict):
            raise OptionError(f"kind {name!r}: expected a mapping with group, after and action")
        clean: dict = {}
        for key, v in spec.items():
            if key not in _KIND_KEYS:
                raise OptionError(f"kind {name!r}: unknown key {key!r}; use group, after and action")
            if key == "group":
                if v not in GROUPS:
                    raise OptionError(f"kind {name!r}: group must be conversation or visibility, got {v!r}")
                clean["group"] = v
            elif key == "after":
                if v is None or v is False:
                    clean["after"] = None
                    continue
                parsed = parse_offset(v)
                if parsed is None:
                    raise OptionError(f"kind {name!r}: after: {offset_error(v)}")
                clean["after"] = parsed
            else:
                if not isinstance(v, str) or not v.strip():
                    raise OptionError(f"kind {name!r}: action must be text")
                clean["action"] = v.strip()
        out[name.strip()] = clean
    return out


#: option name -> (default as written in mkdocs.yml, validator)
FIELDS: dict[str, tuple[Any, Callable[[Any], Any]]] = {
    "upcoming": ("7d", offset_value),
    "dormant": ("180d", offset_value),
    "visibility_gap": ("30d", offset_value),
    "thanks_after": ("3d", offset_value),
    "cadence": ({}, cadence_value),
    "kinds": ({}, kinds_value),
}


def validate(raw: dict) -> tuple[dict, list[tuple[str, str]], list[tuple[str, str]]]:
    """(values, errors, warnings) for the options in ``raw``; errors and warnings
    are ``(option name, message)`` pairs."""
    values: dict = {}
    errors: list[tuple[str, str]] = []
    for name, (default, check) in FIELDS.items():
        try:
            values[name] = check(raw[name] if raw.get(name) is not None else default)
        except OptionError as e:
            errors.append((name, str(e)))
    warnings = [(str(k), f"Unrecognised configuration name: {k}") for k in raw if k not in FIELDS]
    if "kinds" in values:
        warnings += [("kinds", w) for w in actions_without_rule(values["kinds"])]
    return values, errors, warnings


def to_options(values) -> Options:
    """Plain options (kinds merged) from validated values (a mapping), or defaults for None."""
    if values is None:
        values, _, _ = validate({})
    return Options(upcoming=values["upcoming"], dormant=values["dormant"],
                   visibility_gap=values["visibility_gap"], thanks_after=values["thanks_after"],
                   cadence=dict(values["cadence"]), kinds=merge_kinds(values["kinds"]))
