"""The built-in kinds (docs/format.md §5), and merging the ``kinds`` option over them."""

from __future__ import annotations

from .dates import Offset
from .model import Group, Kind

CONVERSATION = Group.CONVERSATION
VISIBILITY = Group.VISIBILITY
SELF = Group.SELF
GROUPS = tuple(Group)

#: Kinds whose entries close an item from an entry of the same day.
SAME_DAY_CLOSERS = frozenset({"thank-you", "follow-up"})
#: Kinds whose `direction` defaults to `out`.
OUTWARD_KINDS = SAME_DAY_CLOSERS
#: Built-in openings: an opportunity came to you (docs/format.md §5 and §11).
OPENINGS = frozenset({"offer", "referral"})


def _builtin() -> dict[str, Kind]:
    kinds: dict[str, Kind] = {}
    for name in ("coffee", "meal", "call", "video", "meeting", "email", "message",
                 "offer", "thank-you", "follow-up"):
        kinds[name] = Kind(name, CONVERSATION, opening=name in OPENINGS)
    for name, after, action in (
        ("event", Offset(3, "d"), "Follow up with the people you met"),
        ("interview", Offset(1, "d"), "Send a thank-you note"),
        ("rejection", Offset(2, "d"), "Send a thank-you and ask where they saw gaps in your skills"),
        ("intro", Offset(3, "d"), "Follow up on the introduction"),
        ("referral", Offset(2, "d"), "Thank them for recommending you"),
        ("introduced", Offset(14, "d"), "Ask how the introduction went"),
    ):
        kinds[name] = Kind(name, CONVERSATION, after, action, opening=name in OPENINGS)
    for name in ("talk", "panel", "workshop", "lunch-and-learn", "volunteer", "report",
                 "article", "project", "takeaways", "focus-group"):
        kinds[name] = Kind(name, VISIBILITY)
    kinds["review"] = Kind("review", SELF)
    return kinds


BUILTIN_KINDS: dict[str, Kind] = _builtin()


def merge_kinds(overrides: dict[str, dict]) -> dict[str, Kind]:
    """The built-in kinds with the (already validated) ``kinds`` option merged over them.

    A known kind keeps what the option does not name; a new kind defaults to
    the conversation group with no rule and not an opening. A rule without an
    action uses the explicit default, ``Follow up: <title>``.
    """
    kinds = dict(BUILTIN_KINDS)
    for name, spec in overrides.items():
        base = kinds.get(name, Kind(name, CONVERSATION))
        after = spec.get("after", base.after)
        action = spec.get("action", base.action)
        kinds[name] = Kind(name, Group(spec.get("group", base.group)), after, action,
                           opening=spec.get("opening", base.opening))
    return kinds


def actions_without_rule(overrides: dict[str, dict]) -> list[str]:
    """Warnings for ``{action: ...}`` given to a kind that (after merging) has no rule: the
    action would never be used."""
    merged = merge_kinds(overrides)
    return [f"kind {name!r}: 'action' does nothing because the kind has no rule; add `after:` "
            "(an offset) to give it one" for name, spec in overrides.items()
            if "action" in spec and merged[name].after is None]
