""""Did you mean ...?": the one closest-match rule for every message that offers one."""

from __future__ import annotations

#: How close a word must be to be offered: keys, kinds and codes need more than names.
CUTOFF = 0.75
NAME_CUTOFF = 0.6


def closest(word: str, choices, cutoff: float = CUTOFF) -> str | None:
    """The closest of ``choices`` (an iterable of str) to ``word``, when one is close enough."""
    import difflib  # only when a word is unknown (start-up, issue 27)

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices, cutoff: float = CUTOFF, shown=None) -> str:
    """`` (did you mean 'x'?)``, or "" when nothing is close; ``shown`` maps a match to what to print."""
    best = closest(word, choices, cutoff)
    if best is None:
        return ""
    return f" (did you mean {(shown[best] if shown is not None else best)!r}?)"
