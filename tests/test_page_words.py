"""Plain English on the pages (issue 10): distances in time, plurals, reasons, done commands."""

from __future__ import annotations

import datetime as dt

from netlog.items import FollowUp, Source, Status
from netlog.model import Entry, Group
from netlog.pages.dashboard import most_actionable
from netlog.pages.md import plural
from netlog.pages.words import done_command, reason, short_date, when

TODAY = dt.date(2026, 11, 25)


def _entry(kind="rejection", date=dt.date(2026, 11, 18), with_=("elaine",), via=(), title="T"):
    return Entry(path=f"2026/{kind}.md", date=date, kind=kind, group=Group.CONVERSATION, with_=with_, via=via,
                 title=title, title_given=True)


def _item(source, due=TODAY, person="elaine", entry="2026/rejection.md", action="Do it"):
    return FollowUp(due, person, person.title() if person else None, source, action, entry, status=Status.OVERDUE)


def test_when_reads_as_words():
    d = TODAY
    assert when(d, d) == "due today"
    assert when(d + dt.timedelta(1), d) == "tomorrow"
    assert when(d + dt.timedelta(2), d) == "in 2 days"
    assert when(d - dt.timedelta(1), d) == "1 day overdue"
    assert when(d - dt.timedelta(3), d) == "3 days overdue"
    assert when(d - dt.timedelta(35), d) == "5 weeks overdue"
    assert when(d - dt.timedelta(400), d) == "13 months overdue"
    assert when(d - dt.timedelta(3 * 365 + 1), d) == "3 years overdue"


def test_plurals_and_thousands():
    assert plural(1, "person", "people") == "1 person"
    assert plural(2, "problem") == "2 problems"
    assert plural(12345, "entry", "entries") == "12,345 entries"


def test_short_dates():
    assert short_date(dt.date(2026, 11, 18), TODAY) == "18 Nov"
    assert short_date(dt.date(2024, 9, 1), TODAY) == "1 Sep 2024"


def test_reasons_in_plain_words():
    e = _entry()
    assert reason(_item(Source.RULE), e, {}, TODAY, None) == "after the rejection on 18 Nov"
    intro = _entry("intro", with_=("nathan",), via=("harold",))
    assert reason(_item(Source.THANKS, person="harold"), intro, {"nathan": "Nathan Pryce"}, TODAY,
                  None) == "introduced you to Nathan Pryce"
    # a grammar per kind: the noun a sentence needs, not the kind's name (issue 26)
    for kind, words in (("introduced", "after the introduction you made on 18 Nov"),
                        ("intro", "after the introduction on 18 Nov"), ("event", "after the event on 18 Nov"),
                        ("lunch-and-learn", "after the lunch and learn on 18 Nov")):
        assert reason(_item(Source.RULE), _entry(kind), {}, TODAY, None) == words
    assert reason(_item(Source.EXPLICIT), _entry("video"), {}, TODAY, None) == \
        "you asked to follow up after the video call on 18 Nov"
    # titles in quotation marks where a reason names them
    offer = _entry("offer", title="Offer: GC role", via=("elaine",))
    assert reason(_item(Source.THANKS), offer, {}, TODAY, None) == "opened the door to “Offer: GC role” (18 Nov)"
    assert reason(_item(Source.LOOP), offer, {}, TODAY, None) == "their introduction led to “Offer: GC role” (18 Nov)"
    cadence = _item(Source.CADENCE, entry=None, action="Keep in touch (every 2m)")
    # the action names the cadence: the reason says when you were last in touch
    assert reason(cadence, None, {}, TODAY, dt.date(2026, 9, 1)) == "last contact 1 Sep, 2 months ago"
    assert reason(cadence, None, {}, TODAY, None) == "no contact yet"


def test_done_commands():
    assert done_command(_item(Source.THANKS, person="owen-marsh"), _entry("event")) == \
        "netlog done owen-marsh --kind thank-you"
    assert done_command(_item(Source.RULE, person="elaine"), _entry("rejection")) == \
        "netlog done elaine --kind thank-you"
    assert done_command(_item(Source.RULE, person="owen-marsh"), _entry("event")) == \
        "netlog done owen-marsh --kind follow-up"
    assert done_command(_item(Source.CADENCE, entry=None), None) == "netlog done elaine --kind message"
    assert done_command(_item(Source.BIRTHDAY, entry=None), None) == "netlog done elaine --kind message"


def test_most_actionable_puts_the_freshest_overdue_item_first():
    old = _item(Source.RULE, due=TODAY - dt.timedelta(3 * 365))
    fresh = _item(Source.CADENCE, due=TODAY - dt.timedelta(3))
    thanks = _item(Source.THANKS, due=TODAY - dt.timedelta(3))
    assert most_actionable([old, fresh, thanks], Status.OVERDUE) == [thanks, fresh, old]
    soon, later = _item(Source.RULE, due=TODAY + dt.timedelta(1)), _item(Source.THANKS, due=TODAY + dt.timedelta(5))
    assert most_actionable([later, soon], Status.UPCOMING) == [soon, later]
