"""The daily digest (``netlog digest``, docs/format.md §16): today's short list, as data first
(:func:`compute`), then plain text (:func:`as_text`) and HTML (:func:`as_html`, every value
escaped with markupsafe), and the mail's subject (:func:`subject`).

It holds every overdue and today item; the number of upcoming ones; the
birthdays from today to today + 7 days; up to 3 people worth reconnecting
(the audit's ranking); how many drafts and inbox lines
wait; the weekly streak (the dashboard's); days since the last review; and
what happened since the last review (the audit's "since" summary). Pure:
the caller counts drafts and inbox lines on disk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from markupsafe import Markup

from . import audit as audit_mod
from . import followups
from .dates import add_or_never
from .items import FollowUp, Status
from .model import Log, Person
from .pages.md import MONTHS, plural
from .pages.words import ago, short_date, when
from .sanitize import for_terminal
from .since import Since, contacts_as_of
from .since import since as since_of

#: Birthdays shown: from today to today + this many days (docs/format.md §16).
BIRTHDAY_DAYS = 7
#: People worth reconnecting shown (the audit lists 5).
RECONNECT = 3


@dataclass(slots=True)
class Digest:
    """What the digest says as of ``today`` (docs/format.md §16)."""

    today: dt.date
    overdue: list[FollowUp]  # oldest due first
    due_today: list[FollowUp]
    upcoming: int  # items due after today, up to upcoming_until
    upcoming_until: dt.date
    since: Since  # what happened since the review mark (since.py: the one definition)
    birthdays: list[tuple[dt.date, Person]] = field(default_factory=list)  # (the day, the person), soonest first
    reconnect: list[tuple[Person, str]] = field(default_factory=list)  # (person, why), at most RECONNECT
    drafts: int = 0
    inbox: int = 0  # lines `netlog inbox` would read
    streak: int = 0  # weeks


def compute(log: Log, today: dt.date, *, drafts: int = 0, inbox: int = 0,
            items: list[FollowUp] | None = None) -> Digest:
    """The digest of ``log`` as of ``today``; ``drafts`` and ``inbox`` are the counts waiting on
    disk; ``items`` the open items when the caller has them (``followups.compute``)."""
    items = followups.compute(log, today) if items is None else items
    contacts = contacts_as_of(log, today)
    return Digest(
        today=today,
        overdue=[i for i in items if i.status == Status.OVERDUE],
        due_today=[i for i in items if i.status == Status.TODAY],
        upcoming=sum(1 for i in items if i.status == Status.UPCOMING),
        upcoming_until=add_or_never(log.options.upcoming, today),
        since=since_of(log, today, contacts=contacts),
        birthdays=birthdays(log, today),
        reconnect=[(log.people[r.person], audit_mod.reconnect_why(r, today))
                   for r in audit_mod.reconnect(log, today, RECONNECT, contacts=contacts)],
        drafts=drafts,
        inbox=inbox,
        streak=audit_mod.streak(log, today),
    )


def birthdays(log: Log, today: dt.date) -> list[tuple[dt.date, Person]]:
    """``(day, person)`` for each birthday that falls from today to today + 7 days (docs/format.md
    §16), soonest first, then by name; the day as source 7 places it (29 February on the 28th in
    a common year). A birthday's item may be closed or snoozed: the birthday is still listed."""
    try:
        until = today + dt.timedelta(days=BIRTHDAY_DAYS)
    except OverflowError:
        until = dt.date.max
    out = []
    for p in log.people.values():
        if p.birthday is None:
            continue
        latest, upcoming = followups.birthday_occurrences(p.birthday, today)
        day = latest if latest == today else upcoming
        if day is not None and day <= until:
            out.append((day, p))
    out.sort(key=lambda dp: (dp[0], dp[1].name.casefold(), dp[1].slug))
    return out


def since_phrases(s: Since) -> list[str]:
    """What happened in the span of ``s``, as counted phrases: entries, people met, people first
    met, openings and introductions you made (the parts of docs/format.md §16's "since")."""
    return [plural(len(s.entries), "entry", "entries"), plural(len(s.met), "person", "people") + " met",
            f"{len(s.first_met):,} first met", plural(len(s.openings), "opening"),
            plural(len(s.introduced), "introduction") + " made"]


def since_title(s: Since, today: dt.date) -> str:
    """``Since your last review (18 Nov, 7 days ago)``, or ``In the last 30 days (no review yet)``."""
    if s.review is None:
        return f"In the last {(today - s.mark).days:,} days (no review yet)"
    return f"Since your last review ({short_date(s.mark, today)}, {ago(s.mark, today)})"


# --------------------------------------------------------------------------- words

#: A piece of a line: (style, text), style "" (plain), "strong", "late" (overdue) or "code".
Span = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the digest: a heading (None: none) and its lines; ``listed`` lines are bullets."""

    title: str | None
    lines: list[list[Span]]
    listed: bool = True


def long_date(d: dt.date) -> str:
    """``Wednesday 25 November 2026``."""
    return f"{d.strftime('%A')} {d.day} {MONTHS[d.month - 1]} {d.year}"


def subject(d: Digest) -> str:
    """The mail's subject: the date and the counts that call for action."""
    counts = [f"{len(d.overdue)} overdue", f"{len(d.due_today)} today"]
    if d.birthdays:
        counts.append(plural(len(d.birthdays), "birthday"))
    return f"netlog digest, {long_date(d.today)}: " + ", ".join(counts)


def _item(item: FollowUp, today: dt.date) -> list[Span]:
    out: list[Span] = []
    if item.name and item.name not in item.action:
        out += [("strong", item.name), ("", ": ")]
    out.append(("", item.action))
    if item.due < today:
        out += [("", " "), ("late", f"({when(item.due, today)}, since {short_date(item.due, today)})")]
    return out


def _birthday_when(day: dt.date, today: dt.date) -> str:
    return "today" if day == today else when(day, today)


def sections(d: Digest) -> list[Section]:
    """The digest's parts in order, as words: what :func:`as_text` and :func:`as_html` show."""
    today = d.today
    out = []
    for title, items, none in (("Overdue", d.overdue, "nothing overdue"), ("Due today", d.due_today, "nothing")):
        out.append(Section(f"{title} ({len(items)})", [_item(i, today) for i in items] or [[("", none)]]))
    out.append(Section(None, [[("", f"Upcoming to {short_date(d.upcoming_until, today)}: "
                                    f"{plural(d.upcoming, 'item')} ("), ("code", "netlog due"), ("", ").")]],
                       listed=False))
    if d.birthdays:
        until = short_date(today + dt.timedelta(days=BIRTHDAY_DAYS), today)
        out.append(Section(f"Birthdays to {until}", [
            [("", f"{short_date(day, today)}: "), ("strong", p.name), ("", f" ({_birthday_when(day, today)})")]
            for day, p in d.birthdays]))
    if d.reconnect:
        out.append(Section("Worth reconnecting", [
            [("strong", p.name)] + ([("", f" ({p.org})")] if p.org else []) + [("", f": {why}")]
            for p, why in d.reconnect]))
    waiting: list[Span] = [("", "Waiting: ")]
    if d.drafts:
        waiting += [("", f"{plural(d.drafts, 'draft')} ("), ("code", "netlog drafts"), ("", ")")]
    if d.inbox:
        waiting += [("", ", " if d.drafts else ""), ("", f"{plural(d.inbox, 'inbox line')} ("),
                    ("code", "netlog inbox"), ("", ")")]
    if not d.drafts and not d.inbox:
        waiting.append(("", "no drafts, no inbox lines"))
    waiting.append(("", "."))
    review: list[Span]
    if d.since.review is None:
        review = [("", "Days since the last review: none yet; "), ("code", "netlog review"),
                  ("", " walks you through one.")]
    else:
        review = [("", f"Days since the last review: {(today - d.since.mark).days:,} "
                       f"({short_date(d.since.mark, today)}).")]
    out.append(Section(None, [waiting, [("", f"Weekly streak: {plural(d.streak, 'week')}.")], review],
                       listed=False))
    out.append(Section(since_title(d.since, today), [[("", ", ".join(since_phrases(d.since)) + ".")]],
                       listed=False))
    return out


def as_text(d: Digest) -> str:
    """The digest as plain text (the terminal, the mail's text part); control characters from
    the log's names and actions written as escapes (sanitize.for_terminal)."""
    lines = [f"netlog digest for {long_date(d.today)}"]
    for s in sections(d):
        lines.append("")
        if s.title:
            lines.append(s.title)
        for spans in s.lines:
            text = "".join(for_terminal(t) for _style, t in spans)
            lines.append(f"  - {text}" if s.listed else text)
    return "\n".join(lines) + "\n"


_HTML_STYLE = {"": Markup("{}"), "strong": Markup("<strong>{}</strong>"), "code": Markup("<code>{}</code>"),
               "late": Markup('<span style="color:#b00020">{}</span>')}


def as_html(d: Digest) -> str:
    """The digest as a small HTML document (the mail's alternative part); every value escaped
    by markupsafe, styles inline (mail readers drop style sheets), nothing loaded from outside."""
    body = [Markup("<h1>netlog digest</h1>\n<p>{}</p>").format(long_date(d.today))]
    for s in sections(d):
        if s.title:
            body.append(Markup("<h2>{}</h2>").format(s.title))
        rows = [Markup("").join(_HTML_STYLE[style].format(text) for style, text in spans) for spans in s.lines]
        if s.listed:
            body.append(Markup("<ul>\n") + Markup("\n").join(Markup("<li>{}</li>").format(r) for r in rows)
                        + Markup("\n</ul>"))
        else:
            body += [Markup("<p>{}</p>").format(r) for r in rows]
    head = Markup('<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>{}</title></head>\n'
                  "<body>\n").format(subject(d))
    return str(head + Markup("\n").join(body) + Markup("\n</body>\n</html>\n"))
