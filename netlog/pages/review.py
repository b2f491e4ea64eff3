"""The dashboard's "since your last review" block (docs/format.md §16), beside the weekly streak.

The mark and the span are :mod:`netlog.since`'s (the audit and ``netlog digest`` say the same),
the counted phrases :func:`netlog.digest.since_phrases`; the details are on the audit page.
"""

from __future__ import annotations

from ..digest import since_phrases
from ..since import since
from . import Site
from .md import h, markup, p
from .words import ago, short_date


def since_block(site: Site, here: str) -> str:
    """A paragraph: since when (the review entry linked), what happened, and a link to the
    audit page's Since part."""
    s = since(site.log, site.today)
    if s.review is not None:
        start = (f"<strong>Since your last review</strong> ({site.a(short_date(s.mark, site.today), here, s.review.path)}, "
                 f"{h(ago(s.mark, site.today))})")
    else:
        start = f"<strong>In the last {(site.today - s.mark).days:,} days</strong> (no review yet: <code>netlog review</code>)"
    details = f'<a href="{site.href(here, "audit.md")}#since">details</a>'
    return p(markup(f"{start}: {h(', '.join(since_phrases(s)))} ({details})."), "nl-since")
