"""The netlog plugin's options (docs/format.md §7), declared once: :data:`FIELDS`.

Each option is declared here, and only here, with its default as written in
mkdocs.yml, its validator and how the validated value becomes an attribute
of :class:`Options`. The MkDocs plugin's config class (``plugin.py``) and
:class:`Options` are both made from :data:`FIELDS`, and the quick config read
of ``netlog check``/``due`` (``config.read_project``) validates with the same
functions without importing MkDocs' config machinery. Adding an option is
one entry in :data:`FIELDS`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Callable

from .dates import offset_error, parse_offset
from .errors import OptionError
from .kinds import GROUPS, actions_without_rule, merge_kinds
from .people import email_address
from .slug import slugify

if TYPE_CHECKING:
    from .goals import Goal


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


_KIND_KEYS = ("group", "after", "action", "opening")


def kinds_value(value: Any) -> dict[str, dict]:
    """``name: {group, after, action, opening}``; merged over the built-in kinds later."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise OptionError("expected a mapping of kind name to {group, after, action, opening}")
    out: dict[str, dict] = {}
    for name, spec in value.items():
        if not isinstance(name, str) or not name.strip():
            raise OptionError(f"kind name {name!r} must be text")
        if spec is None:
            spec = {}
        if not isinstance(spec, dict):
            raise OptionError(f"kind {name!r}: expected a mapping with group, after, action and opening")
        clean: dict = {}
        for key, v in spec.items():
            if key not in _KIND_KEYS:
                raise OptionError(f"kind {name!r}: unknown key {key!r}; use group, after, action and opening")
            if key == "group":
                if v not in GROUPS:
                    raise OptionError(f"kind {name!r}: group must be conversation or visibility, got {v!r}")
                clean["group"] = v
            elif key == "opening":
                if not isinstance(v, bool):
                    raise OptionError(f"kind {name!r}: opening must be true or false, got {v!r}")
                clean["opening"] = v
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


def me_value(value: Any) -> tuple[str, ...]:
    """Your own e-mail addresses (one string or a list), as :func:`people.email_address` compares them."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    addresses = [email_address(v) for v in value] if isinstance(value, list) else [None]
    if None in addresses:
        raise OptionError("expected your e-mail addresses, such as [me@example.com]")
    return tuple(dict.fromkeys(addresses))


_ALARM_HELP = 'expected a time of day HH:MM such as "09:00" (quoted), or false for no reminders'


def alarm_value(value: Any) -> dt.time | None:
    """``alarm`` (docs/format.md §7 and §16): the time of day of the calendar feed's reminders,
    ``HH:MM`` (24-hour), or ``false`` for none. YAML 1.1 reads an unquoted ``9:30`` as the
    base-60 number 570, so a whole number under 24 × 60 is taken as minutes after midnight
    (what the person typed); ``true`` is the default time. OptionError otherwise."""
    if value is None or value is True:
        return dt.time(9, 0)
    if value is False:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value < 24 * 60:
            return dt.time(value // 60, value % 60)
        raise OptionError(f"{_ALARM_HELP}, got {value!r}")
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", value)
        if match and int(match[1]) < 24 and int(match[2]) < 60:
            return dt.time(int(match[1]), int(match[2]))
    raise OptionError(f"{_ALARM_HELP}, got {value!r}")


def digest_to_value(value: Any) -> str | None:
    """``digest_to`` (docs/format.md §7 and §16): the address ``netlog digest --send`` mails,
    as written (``mailto:`` and angle brackets dropped); None: the first of ``me``."""
    if value is None:
        return None
    if not isinstance(value, str) or email_address(value) is None:
        raise OptionError(f"expected an e-mail address such as me@example.com, got {value!r}")
    text = value.strip().strip("<>").strip()
    return text[7:].strip() if text[:7].lower() == "mailto:" else text


def flag_value(value: Any) -> bool:
    """``true`` or ``false``."""
    if not isinstance(value, bool):
        raise OptionError(f"expected true or false, got {value!r}")
    return value


def roles_value(value: Any) -> dict[str, str]:
    """``role: tag`` pairs (docs/format.md §15): the people with the tag fill the role.

    A role is any text; the tag is compared by slug form, as ``tag:NAME`` in
    ``netlog path`` compares it, so it must have a letter or digit."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise OptionError("expected a mapping of role to tag, such as `mentor: mentor`")
    out: dict[str, str] = {}
    for role, tag in value.items():
        if not isinstance(role, str) or not role.strip():
            raise OptionError(f"role {role!r} must be text, such as `mentor`")
        if not isinstance(tag, str) or not slugify(tag):
            raise OptionError(f"role {role.strip()!r}: expected the tag of the people who fill it, "
                              f"such as `{slugify(role) or 'mentor'}`, got {tag!r}")
        out[role.strip()] = tag.strip()
    return out


_GOAL_KEYS = ("name", "targets")
_GOAL_EXAMPLE = '`- {name: Move into legal operations, targets: ["tag:legal-ops"]}`'


def goals_value(value: Any) -> tuple[Goal, ...]:
    """A list of ``{name, targets}`` mappings; ``targets`` is one target or a list of them."""
    if value is None or (isinstance(value, (list, tuple)) and not value):
        return ()  # the default: Goal's class is made only for a log with goals (start-up, issue 27)
    from .goals import Goal

    if isinstance(value, tuple) and all(isinstance(g, Goal) for g in value):
        return value  # validated already (the plugin's config, read again)
    if not isinstance(value, list):
        raise OptionError(f"expected a list of goals, such as {_GOAL_EXAMPLE}")
    out: list[Goal] = []
    for n, goal in enumerate(value, 1):
        if not isinstance(goal, dict):
            raise OptionError(f"goal {n}: expected a mapping with name and targets, such as {_GOAL_EXAMPLE}")
        unknown = [k for k in goal if k not in _GOAL_KEYS]
        if unknown:
            raise OptionError(f"goal {n}: unknown key {unknown[0]!r}; use name and targets")
        name = goal.get("name")
        if not isinstance(name, str) or not name.strip():
            raise OptionError(f"goal {n}: give it a name (text), such as `name: Move into legal operations`")
        targets = goal.get("targets")
        if isinstance(targets, str):
            targets = [targets]
        if not isinstance(targets, list) or not targets:
            raise OptionError(f"goal {name.strip()!r}: expected targets, a list such as "
                              '["org:Castellan Wright LLP", "tag:legal-ops", "Jane Doe"]')
        for t in targets:
            if not isinstance(t, str) or not slugify(t.removeprefix("org:").removeprefix("tag:")):
                raise OptionError(f"goal {name.strip()!r}: target {t!r} must be a person, org:NAME or tag:NAME")
        out.append(Goal(name.strip(), tuple(t.strip() for t in targets)))
    return tuple(out)


@dataclasses.dataclass(frozen=True, slots=True)
class Field:
    """One plugin option: its default as written in mkdocs.yml, the validator (raises
    OptionError), and how a validated value becomes the :class:`Options` attribute."""

    default: Any
    check: Callable[[Any], Any]
    finish: Callable[[Any], Any] = lambda value: value


#: option name -> Field: the one declaration of the plugin's options.
FIELDS: dict[str, Field] = {
    "upcoming": Field("7d", offset_value),
    "dormant": Field("180d", offset_value),
    "visibility_gap": Field("30d", offset_value),
    "thanks_after": Field("3d", offset_value),
    "cadence": Field({}, cadence_value, dict),
    "kinds": Field({}, kinds_value, merge_kinds),  # merged over the built-in kinds
    "me": Field([], me_value, tuple),  # your own e-mail addresses (docs/format.md §10)
    "alarm": Field("09:00", alarm_value),  # the calendar feed's reminders: a time of day, or None (§16)
    "digest_to": Field(None, digest_to_value),  # where `netlog digest --send` mails; None: the first of `me`
    "commit": Field(False, flag_value),  # commit each file a command writes (docs/format.md §13)
    "roles": Field({}, roles_value, dict),  # role -> tag (docs/format.md §15)
    "goals": Field([], goals_value, tuple),  # Goal values (docs/format.md §15)
}


def default(name: str):
    """The :class:`Options` value of option ``name`` when mkdocs.yml does not set it."""
    spec = FIELDS[name]
    return spec.finish(spec.check(spec.default))


#: The validated plugin options (frozen): one attribute per entry of FIELDS, with its
#: default (upcoming, dormant, visibility_gap, thanks_after are Offsets; cadence maps
#: tag -> Offset; kinds maps name -> Kind, the built-in kinds merged with the option; roles
#: maps role -> tag; goals is a tuple of Goal).
Options = dataclasses.make_dataclass(
    "Options",
    [(name, Any, dataclasses.field(default_factory=lambda name=name: default(name))) for name in FIELDS],
    frozen=True, slots=True)
Options.__module__ = __name__


def validate(raw: dict) -> tuple[dict, list[tuple[str, str]], list[tuple[str, str, str]]]:
    """(values, errors, warnings) for the options in ``raw``; errors are ``(option name,
    message)`` pairs, warnings ``(option name, message, code)`` (docs/format.md §10)."""
    values: dict = {}
    errors: list[tuple[str, str]] = []
    for name, spec in FIELDS.items():
        try:
            values[name] = spec.check(raw[name] if raw.get(name) is not None else spec.default)
        except OptionError as e:
            errors.append((name, str(e)))
    warnings = [(str(k), f"Unrecognised configuration name: {k}", "unknown-option")
                for k in raw if k not in FIELDS]
    if "kinds" in values:
        warnings += [("kinds", w, "action-without-rule") for w in actions_without_rule(values["kinds"])]
    return values, errors, warnings


def to_options(values) -> Options:
    """Options from validated values (a mapping: the plugin's config or :func:`validate`'s),
    or the defaults for None."""
    if values is None:
        return Options()
    return Options(**{name: spec.finish(values[name]) for name, spec in FIELDS.items()})
