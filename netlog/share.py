"""The ``--share`` view of a log: private entries and people left out.

Refs to a private person are dropped from the remaining entries (their
default titles are recomputed without the name), so no generated page names
them. Free text in a public entry's notes is the writer's own business.
"""

from __future__ import annotations

from dataclasses import replace

from .load import LoadedLog, with_default_titles


def share_view(log: LoadedLog) -> LoadedLog:
    hidden = {slug for slug, p in log.people.items() if p.private}
    people = {slug: (replace(p, met_via=None) if p.met_via in hidden else p)
              for slug, p in log.people.items() if slug not in hidden}
    entries = []
    for e in log.entries:
        if e.private:
            continue
        if hidden.intersection(e.with_) or hidden.intersection(e.via):
            e = replace(e, with_=tuple(s for s in e.with_ if s not in hidden),
                        via=tuple(s for s in e.via if s not in hidden))
        entries.append(e)
    entries = with_default_titles(entries, people)
    # a stub that only private entries named has nothing left to show
    named = people_named(entries, people.values())
    people = {slug: p for slug, p in people.items() if not p.stub or slug in named}
    return LoadedLog(people=people, entries=entries, options=log.options)


def people_named(entries, people) -> set[str]:
    """Every person slug that kept entries and people refer to (with, via, met_via): what a
    share view must keep, stubs included, so no reference leads to a page it left out."""
    named = {s for e in entries for s in (*e.with_, *e.via)}
    named.update(p.met_via for p in people if p.met_via is not None)
    return named
