"""The calendar speed layer's contract (netlog/capture/icsparse.py): ``parse`` gives what
icalendar's own ``Calendar.from_ical(text, multiple=True)`` gives, on every fixture and on
generated calendars and content lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from netlog.capture.icsparse import parse

from test_capture_ics import calendars

ROOT = Path(__file__).resolve().parent.parent
ICS = ROOT / "tests" / "fixtures" / "ics"


def test_parsing_each_distinct_line_once_gives_icalendars_calendar():
    import icalendar

    for path in sorted(ICS.glob("*.ics")) + [ROOT / "docs" / "example.ics"]:
        text = path.read_text(encoding="utf-8")
        ours = parse(text)
        theirs = icalendar.Calendar.from_ical(text, multiple=True)
        assert [c.to_ical() for c in ours] == [c.to_ical() for c in theirs]
        assert len(ours) == 1 and ours[0].walk("VEVENT")


_PIECES = ["ATTENDEE", "SUMMARY", "DTSTART", "X-A", ";", ":", '"', "\\", ",", "=", "CN", "TZID", "a b", "é",
           "mailto:x@y", "\t", " ", "\\n", "\\,", "\\:", '"a:b"', "PARTSTAT=ACCEPTED"]
_TEXT = st.text(alphabet='ab :;,"\\=é\t', max_size=8)
_PARAM = st.tuples(st.sampled_from(["CN", "TZID", "X-P", "PARTSTAT"]),
                   st.one_of(_TEXT, _TEXT.map(lambda t: '"' + t + '"'))).map("=".join)
#: lines shaped as content lines (a name, parameters, a colon, a value), with quotes, backslashes,
#: colons and semicolons where they change where the value begins; and free-form ones
_CONTENT_LINES = st.one_of(
    st.tuples(st.sampled_from(["ATTENDEE", "SUMMARY", "X-A"]), st.lists(_PARAM, max_size=3), _TEXT)
    .map(lambda t: t[0] + "".join(";" + p for p in t[1]) + ":" + t[2]),
    st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))


@settings(max_examples=600, deadline=None)
@given(st.lists(_CONTENT_LINES, min_size=1, max_size=6))
@example(["ATTENDEE;CN=\\\\::"])  # a backslash after a backslash escapes the colon after both
@example(['X-A;CN=\\":v', 'X-A;CN="\\":v', "X-A:\\\\", 'X-A;CN="a:b":c', "X-A;P=a\\;b:c"])
def test_splitting_a_line_by_its_head_gives_what_icalendar_gives_for_the_whole_line(texts):
    from icalendar.parser import Contentline

    from netlog.capture.icsparse import _Line

    heads: dict = {}  # shared, as in one calendar: a head split once serves every line with it
    for text in texts + texts:
        try:
            want = Contentline(text).parts()
        except ValueError as e:
            with pytest.raises(ValueError) as got:
                _Line(text, heads).parts()
            assert str(got.value) == str(e)
            continue
        name, params, value = _Line(text, heads).parts()
        assert (name, list(params.items()), value) == (want[0], list(want[1].items()), want[2])


@settings(max_examples=150, deadline=None)
@given(calendars())
def test_parse_gives_icalendars_components_on_generated_calendars(text):
    import icalendar

    assert [c.to_ical() for c in parse(text)] == [c.to_ical() for c in icalendar.Calendar.from_ical(text, multiple=True)]
