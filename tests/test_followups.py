"""Follow-up items computed from a loaded log (docs/format.md §6), through netlog.followups.compute."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import entry, load_files, person
from netlog import followups
from netlog.dates import Offset
from netlog.kinds import merge_kinds
from netlog.options import Options
from netlog.options import to_options

D = dt.date
VIS = "Showcase your work: give a talk, volunteer, circulate takeaways"

PEOPLE = {
    "people/jane-doe.md": person("Jane Doe", aka="[J. Doe]"),
    "people/frank-grey.md": person("Frank Grey", aka="[F. Grey]"),
}


def load(tmp_path, files: dict, options: Options | None = None, people: bool = True):
    all_files = dict(PEOPLE) if people else {}
    all_files.update(files)
    log, problems = load_files(tmp_path, all_files, options)
    assert [p for p in problems if p.severity == "error"] == []
    return log


def rows(items, *, visibility: bool = False):
    """(due, status, person, source, action, entry) of each item; the visibility item left out."""
    return [(i.due.isoformat(), i.status, i.person, i.source, i.action, i.entry)
            for i in items if visibility or i.source != "visibility"]


def compute(tmp_path, files, today, options=None, upcoming=None, **kw):
    log = load(tmp_path, files, options, **kw)
    return followups.compute(log, today, upcoming)


def test_default_options():
    options = to_options(None)
    assert (options.upcoming, options.dormant, options.visibility_gap, options.thanks_after) == (
        Offset(7, "d"), Offset(180, "d"), Offset(30, "d"), Offset(3, "d"))
    assert options.cadence == {}
    conversation = {"coffee", "meal", "call", "video", "meeting", "email", "message", "offer", "thank-you",
                    "follow-up", "event", "interview", "rejection", "intro", "referral", "introduced"}
    showcase = {"talk", "panel", "workshop", "lunch-and-learn", "volunteer", "report", "article", "project",
                "takeaways", "focus-group"}
    assert {k for k, v in options.kinds.items() if v.group == "conversation"} == conversation
    assert {k for k, v in options.kinds.items() if v.group == "visibility"} == showcase
    assert {k: str(v.after) for k, v in options.kinds.items() if v.after is not None} == {
        "event": "3d", "interview": "1d", "rejection": "2d", "intro": "3d", "referral": "2d",
        "introduced": "14d"}
    assert {k for k, v in options.kinds.items() if v.opening} == {"offer", "referral"}


# --------------------------------------------------------------------------- explicit


@pytest.mark.parametrize(
    ("follow_up", "due", "action"),
    [
        ("2026-03-01", "2026-03-01", "Follow up: Coffee with Jane Doe"),
        ('"2026-03-01"', "2026-03-01", "Follow up: Coffee with Jane Doe"),
        ("2026-02-01", "2026-02-01", "Follow up: Coffee with Jane Doe"),  # same day as the entry
        ("3d", "2026-02-04", "Follow up: Coffee with Jane Doe"),
        ("2w", "2026-02-15", "Follow up: Coffee with Jane Doe"),
        ("1m", "2026-03-01", "Follow up: Coffee with Jane Doe"),
        ("1y", "2027-02-01", "Follow up: Coffee with Jane Doe"),
        ("{due: 2026-02-20, action: Send the deck}", "2026-02-20", "Send the deck"),
        ("{due: 2026-02-20}", "2026-02-20", "Follow up: Coffee with Jane Doe"),
        ("{in: 10d, action: Send the deck}", "2026-02-11", "Send the deck"),
        ("{in: 10d}", "2026-02-11", "Follow up: Coffee with Jane Doe"),
    ],
)
def test_explicit_follow_up_forms(tmp_path, follow_up, due, action):
    items = compute(tmp_path, {"2026/a.md": entry("2026-02-01", "coffee", ["Jane Doe"], follow_up=follow_up)},
                    D(2026, 2, 1), upcoming=Offset(2, "y"))
    assert rows(items) == [(due, "today" if due == "2026-02-01" else "upcoming", "jane-doe", "explicit",
                            action, "2026/a.md")]


def test_explicit_gives_one_item_per_person_in_with_and_none_for_via(tmp_path):
    items = compute(tmp_path, {"2026/a.md": entry("2026-02-01", "meeting", ["Jane Doe", "Frank Grey"],
                                                  follow_up="2026-02-05", via="Carol Stub")},
                    D(2026, 2, 1))
    assert rows(items) == [
        ("2026-02-04", "upcoming", "carol-stub", "thanks", "Thank Carol Stub for Meeting with Jane Doe and Frank Grey",
         "2026/a.md"),
        ("2026-02-05", "upcoming", "frank-grey", "explicit", "Follow up: Meeting with Jane Doe and Frank Grey",
         "2026/a.md"),
        ("2026-02-05", "upcoming", "jane-doe", "explicit", "Follow up: Meeting with Jane Doe and Frank Grey",
         "2026/a.md"),
    ]


def test_explicit_replaces_the_kinds_rule(tmp_path):
    items = compute(tmp_path, {"2026/a.md": entry("2026-02-01", "interview", ["Jane Doe"], follow_up="5d")},
                    D(2026, 2, 1))
    assert rows(items) == [("2026-02-06", "upcoming", "jane-doe", "explicit",
                            "Follow up: Interview with Jane Doe", "2026/a.md")]


# --------------------------------------------------------------------------- rules


@pytest.mark.parametrize(
    ("kind", "due", "action"),
    [
        ("event", "2026-02-04", "Follow up with the people you met"),
        ("interview", "2026-02-02", "Send a thank-you note"),
        ("rejection", "2026-02-03", "Send a thank-you and ask where they saw gaps in your skills"),
        ("intro", "2026-02-04", "Follow up on the introduction"),
        ("referral", "2026-02-03", "Thank them for recommending you"),
    ],
)
def test_rule_per_kind(tmp_path, kind, due, action):
    items = compute(tmp_path, {"2026/a.md": entry("2026-02-01", kind, ["Jane Doe", "F. Grey"])}, D(2026, 2, 1))
    assert rows(items) == [
        (due, "upcoming", "frank-grey", "rule", action, "2026/a.md"),
        (due, "upcoming", "jane-doe", "rule", action, "2026/a.md"),
    ]


@pytest.mark.parametrize("kind", ["coffee", "meal", "call", "video", "meeting", "email", "message", "offer",
                                  "thank-you", "follow-up"])
def test_conversation_kinds_without_a_rule_give_no_item(tmp_path, kind):
    items = compute(tmp_path, {"2026/a.md": entry("2026-02-01", kind, ["Jane Doe"])}, D(2026, 2, 1))
    assert rows(items) == []


def test_follow_up_false_turns_off_explicit_and_rule_but_not_thanks(tmp_path):
    items = compute(tmp_path, {
        "2026/a.md": entry("2026-02-01", "interview", ["Jane Doe"], follow_up="false", via="Frank Grey"),
    }, D(2026, 2, 1))
    assert rows(items) == [("2026-02-04", "upcoming", "frank-grey", "thanks",
                            "Thank Frank Grey for Interview with Jane Doe", "2026/a.md")]


# --------------------------------------------------------------------------- thanks


def test_thanks_from_via_default_3d(tmp_path):
    items = compute(tmp_path, {
        "2026/a.md": entry("2026-02-01", "coffee", ["Jane Doe"], via="[F. Grey, Zed Stub]", title='"Lunch chat"'),
    }, D(2026, 2, 1))
    assert rows(items) == [
        ("2026-02-04", "upcoming", "frank-grey", "thanks", "Thank Frank Grey for Lunch chat", "2026/a.md"),
        ("2026-02-04", "upcoming", "zed-stub", "thanks", "Thank Zed Stub for Lunch chat", "2026/a.md"),
    ]


def test_thanks_after_option(tmp_path):
    options = Options(thanks_after=Offset(1, "w"), kinds=merge_kinds({}))
    items = compute(tmp_path, {"2026/a.md": entry("2026-02-01", "coffee", ["Jane Doe"], via="F. Grey")},
                    D(2026, 2, 1), options)
    assert rows(items) == [("2026-02-08", "upcoming", "frank-grey", "thanks",
                            "Thank Frank Grey for Coffee with Jane Doe", "2026/a.md")]


def test_thanks_on_a_visibility_entry(tmp_path):
    items = compute(tmp_path, {"2026/a.md": entry("2026-02-01", "talk", via="Jane Doe", title='"Bar talk"')},
                    D(2026, 2, 1))
    assert rows(items) == [("2026-02-04", "upcoming", "jane-doe", "thanks", "Thank Jane Doe for Bar talk",
                            "2026/a.md")]


# --------------------------------------------------------------------------- closing


def test_a_later_entry_with_the_person_closes(tmp_path):
    files = {
        "2026/a.md": entry("2026-02-01", "interview", ["Jane Doe", "Frank Grey"], via="J. Doe"),
        "2026/b.md": entry("2026-02-02", "coffee", ["Jane Doe"]),
    }
    items = compute(tmp_path, files, D(2026, 2, 10))
    # Jane's rule and thanks items are closed; Frank's rule item is not
    assert rows(items) == [("2026-02-02", "overdue", "frank-grey", "rule", "Send a thank-you note", "2026/a.md")]


def test_a_later_entry_with_the_person_only_in_via_does_not_close(tmp_path):
    files = {
        "2026/a.md": entry("2026-02-01", "interview", ["Jane Doe"]),
        "2026/b.md": entry("2026-02-05", "coffee", ["Frank Grey"], via="Jane Doe"),
    }
    items = compute(tmp_path, files, D(2026, 2, 10))
    assert rows(items) == [
        ("2026-02-02", "overdue", "jane-doe", "rule", "Send a thank-you note", "2026/a.md"),
        ("2026-02-08", "overdue", "jane-doe", "thanks", "Thank Jane Doe for Coffee with Frank Grey", "2026/b.md"),
    ]


def test_an_earlier_entry_does_not_close(tmp_path):
    files = {
        "2026/a.md": entry("2026-01-20", "thank-you", ["Jane Doe"]),
        "2026/b.md": entry("2026-02-01", "interview", ["Jane Doe"]),
    }
    items = compute(tmp_path, files, D(2026, 2, 10))
    assert rows(items) == [("2026-02-02", "overdue", "jane-doe", "rule", "Send a thank-you note", "2026/b.md")]


@pytest.mark.parametrize(("closer", "closed"), [("thank-you", True), ("follow-up", True), ("coffee", False),
                                                ("email", False), ("interview", False)])
def test_same_day_closers(tmp_path, closer, closed):
    files = {
        "2026/a.md": entry("2026-02-01", "interview", ["Jane Doe"], follow_up="2026-02-05", via="Frank Grey"),
        "2026/b.md": entry("2026-02-01", closer, ["Jane Doe", "Frank Grey"]),
    }
    items = compute(tmp_path, files, D(2026, 2, 3))
    expected = [] if closed else [
        ("2026-02-04", "upcoming", "frank-grey", "thanks", "Thank Frank Grey for Interview with Jane Doe",
         "2026/a.md"),
        ("2026-02-05", "upcoming", "jane-doe", "explicit", "Follow up: Interview with Jane Doe", "2026/a.md"),
    ]
    if closer == "interview":  # the closer's own rule items
        expected = [("2026-02-02", "overdue", "frank-grey", "rule", "Send a thank-you note", "2026/b.md"),
                    ("2026-02-02", "overdue", "jane-doe", "rule", "Send a thank-you note", "2026/b.md")] + expected
    assert rows(items) == expected


def test_a_thank_you_does_not_close_its_own_items(tmp_path):
    files = {"2026/a.md": entry("2026-02-01", "thank-you", ["Jane Doe"], follow_up="1w")}
    items = compute(tmp_path, files, D(2026, 2, 3))
    assert rows(items) == [("2026-02-08", "upcoming", "jane-doe", "explicit",
                            "Follow up: Thank-you with Jane Doe", "2026/a.md")]


def test_same_day_thank_you_after_today_does_not_close(tmp_path):
    files = {
        "2026/a.md": entry("2026-02-05", "interview", ["Jane Doe"]),
        "2026/b.md": entry("2026-02-05", "thank-you", ["Jane Doe"]),
    }
    items = compute(tmp_path, files, D(2026, 2, 1))
    assert rows(items) == [("2026-02-06", "upcoming", "jane-doe", "rule", "Send a thank-you note", "2026/a.md")]


def test_planned_entry_closes_nothing_but_has_its_own_items(tmp_path):
    files = {
        "2026/a.md": entry("2026-02-01", "interview", ["Jane Doe"]),
        "2026/b.md": entry("2026-02-20", "coffee", ["Jane Doe"], follow_up="{in: 1w, action: Send notes}"),
    }
    items = compute(tmp_path, files, D(2026, 2, 10), upcoming=Offset(30, "d"))
    assert rows(items) == [
        ("2026-02-02", "overdue", "jane-doe", "rule", "Send a thank-you note", "2026/a.md"),
        ("2026-02-27", "upcoming", "jane-doe", "explicit", "Send notes", "2026/b.md"),
    ]
    # once the planned day has passed, it closes the older item
    items = compute(tmp_path, {}, D(2026, 2, 20), upcoming=Offset(30, "d"))
    assert rows(items) == [("2026-02-27", "upcoming", "jane-doe", "explicit", "Send notes", "2026/b.md")]


def test_entry_dated_today_closes(tmp_path):
    files = {
        "2026/a.md": entry("2026-02-01", "interview", ["Jane Doe"]),
        "2026/b.md": entry("2026-02-10", "call", ["Jane Doe"]),
    }
    assert rows(compute(tmp_path, files, D(2026, 2, 10))) == []
    assert rows(compute(tmp_path, {}, D(2026, 2, 9))) == [
        ("2026-02-02", "overdue", "jane-doe", "rule", "Send a thank-you note", "2026/a.md")]


def test_compute_all_keeps_closed_items_marked(tmp_path):
    files = {
        "2026/a.md": entry("2026-02-01", "interview", ["Jane Doe"]),
        "2026/b.md": entry("2026-02-03", "call", ["Jane Doe"]),
    }
    log = load(tmp_path, files)
    every = followups.compute_all(log, D(2026, 2, 10))
    assert [(i.source, i.person, i.status, i.closed) for i in every if i.source != "visibility"] == [
        ("rule", "jane-doe", "closed", True)]
    assert rows(followups.compute(log, D(2026, 2, 10))) == []


# --------------------------------------------------------------------------- cadence


def test_cadence_from_the_persons_own_cadence(tmp_path):
    files = {
        "people/carol.md": person("Carol", cadence="2w", met="2025-01-01", tags="[mentor]"),
        "2026/a.md": entry("2026-01-10", "coffee", ["Carol"]),
        "2026/b.md": entry("2026-01-20", "coffee", ["Jane Doe"], via="Carol"),  # via is not contact
        "2026/c.md": entry("2026-03-01", "coffee", ["Carol"]),  # planned: not `last`
    }
    options = Options(cadence={"mentor": Offset(1, "w")}, kinds=merge_kinds({}))
    items = compute(tmp_path, files, D(2026, 2, 1), options, upcoming=Offset(60, "d"))
    cadence = [r for r in rows(items) if r[3] == "cadence"]
    assert cadence == [("2026-01-24", "overdue", "carol", "cadence", "Keep in touch (every 2w)", None)]


def test_cadence_from_tags_chooses_the_shortest(tmp_path):
    files = {
        "people/carol.md": person("Carol", tags="[friend, mentor, other]"),
        "people/dan.md": person("Dan", tags="[mentor]"),
        "people/erin.md": person("Erin", tags="[unrelated]"),
        "2026/a.md": entry("2026-01-31", "coffee", ["Carol", "Dan", "Erin"]),
    }
    options = Options(cadence={"mentor": Offset(30, "d"), "friend": Offset(1, "m")}, kinds=merge_kinds({}))
    items = compute(tmp_path, files, D(2026, 2, 1), options, upcoming=Offset(1, "y"))
    # from 2026-01-31, 1m lands on 2026-02-28 and 30d on 2026-03-02: 1m is shorter
    assert [r for r in rows(items) if r[3] == "cadence"] == [
        ("2026-02-28", "upcoming", "carol", "cadence", "Keep in touch (every 1m)", None),
        ("2026-03-02", "upcoming", "dan", "cadence", "Keep in touch (every 30d)", None),
    ]


def test_cadence_with_no_entries_uses_met(tmp_path):
    files = {"people/carol.md": person("Carol", cadence="3m", met="2025-11-30")}
    items = compute(tmp_path, files, D(2026, 2, 1))
    assert rows(items) == [("2026-02-28", "later", "carol", "cadence", "Keep in touch (every 3m)", None)]


def test_cadence_with_no_entries_and_no_met_is_due_today(tmp_path):
    files = {"people/carol.md": person("Carol", cadence="60d")}
    items = compute(tmp_path, files, D(2026, 2, 1))
    assert rows(items) == [("2026-02-01", "today", "carol", "cadence", "Keep in touch (every 60d)", None)]


def test_cadence_with_only_planned_entries_uses_met(tmp_path):
    files = {
        "people/carol.md": person("Carol", cadence="1w", met="2026-01-01"),
        "2026/a.md": entry("2026-03-01", "coffee", ["Carol"]),
    }
    items = compute(tmp_path, files, D(2026, 2, 1))
    assert rows(items) == [("2026-01-08", "overdue", "carol", "cadence", "Keep in touch (every 1w)", None)]


def test_no_cadence_item_for_people_without_cadence_or_stubs(tmp_path):
    files = {"2026/a.md": entry("2026-01-01", "coffee", ["Jane Doe", "Stub Person"])}
    options = Options(cadence={"mentor": Offset(1, "w")}, kinds=merge_kinds({}))
    assert rows(compute(tmp_path, files, D(2026, 2, 1), options)) == []


# --------------------------------------------------------------------------- visibility


def test_visibility_without_any_showcase_is_due_today(tmp_path):
    items = compute(tmp_path, {}, D(2026, 2, 1))
    assert [i.to_json() for i in items] == [
        {"due": "2026-02-01", "status": "today", "person": None, "name": None, "source": "visibility",
         "action": VIS, "entry": None, "snoozed_from": None}]


def test_visibility_from_the_latest_showcase_on_or_before_today(tmp_path):
    files = {
        "2025/a.md": entry("2025-12-01", "talk"),
        "2026/b.md": entry("2026-01-10", "takeaways", ["Jane Doe"]),
        "2026/c.md": entry("2026-01-20", "coffee", ["Jane Doe"]),  # a conversation is no showcase
        "2026/d.md": entry("2026-03-01", "panel"),  # planned: ignored
    }
    items = compute(tmp_path, files, D(2026, 2, 1))
    assert rows([i for i in items if i.source == "visibility"], visibility=True) == [
        ("2026-02-09", "later", None, "visibility", VIS, None)]


def test_visibility_gap_option(tmp_path):
    options = Options(visibility_gap=Offset(2, "w"), kinds=merge_kinds({}))
    items = compute(tmp_path, {"2026/a.md": entry("2026-01-10", "volunteer")}, D(2026, 2, 1), options)
    assert rows(items, visibility=True) == [("2026-01-24", "overdue", None, "visibility", VIS, None)]


def test_a_kind_moved_to_the_visibility_group_counts_as_a_showcase(tmp_path):
    options = Options(kinds=merge_kinds({"meeting": {"group": "visibility"}}))
    items = compute(tmp_path, {"2026/a.md": entry("2026-01-25", "meeting")}, D(2026, 2, 1), options)
    assert rows(items, visibility=True) == [("2026-02-24", "later", None, "visibility", VIS, None)]


# --------------------------------------------------------------------------- status and order


@pytest.mark.parametrize(
    ("today", "status"),
    [(D(2026, 2, 5), "overdue"), (D(2026, 2, 4), "today"), (D(2026, 2, 3), "upcoming"),
     (D(2026, 1, 28), "upcoming"), (D(2026, 1, 27), "later")],
)
def test_status_with_default_upcoming_7d(tmp_path, today, status):
    files = {"2026/a.md": entry("2026-01-01", "coffee", ["Jane Doe"], follow_up="2026-02-04")}
    items = compute(tmp_path, files, today)
    assert [(i.status, i.due) for i in items if i.source == "explicit"] == [(status, D(2026, 2, 4))]


@pytest.mark.parametrize(("upcoming", "status"), [(Offset(14, "d"), "upcoming"), (Offset(13, "d"), "later"),
                                                  (Offset(2, "w"), "upcoming"), (Offset(1, "m"), "upcoming")])
def test_status_with_another_upcoming(tmp_path, upcoming, status):
    files = {"2026/a.md": entry("2026-01-01", "coffee", ["Jane Doe"], follow_up="2026-02-15")}
    items = compute(tmp_path, files, D(2026, 2, 1), upcoming=upcoming)
    assert [i.status for i in items if i.source == "explicit"] == [status]
    options = Options(upcoming=upcoming, kinds=merge_kinds({}))
    items = compute(tmp_path, {}, D(2026, 2, 1), options)
    assert [i.status for i in items if i.source == "explicit"] == [status]


def test_sort_order_due_then_name_then_source_then_entry(tmp_path):
    files = {
        "people/carol.md": person("Carol", cadence="1w"),
        "2026/b.md": entry("2026-02-01", "coffee", ["Frank Grey", "Jane Doe"], follow_up="2026-02-04",
                           via="Jane Doe"),
        "2026/a.md": entry("2026-02-01", "coffee", ["Frank Grey"], follow_up="2026-02-04"),
        "2026/d.md": entry("2026-02-01", "intro", ["Jane Doe"]),
        "2026/e.md": entry("2026-01-28", "coffee", ["Carol"], follow_up="2026-02-04"),
        # the first entry: the showcase item is due 30 days after it, on 2026-02-04 (§6)
        "2026/f.md": entry("2026-01-05", "coffee", ["Frank Grey"], follow_up=False),
    }
    items = compute(tmp_path, files, D(2026, 2, 4))
    assert [(i.due.isoformat(), i.name, i.source, i.entry) for i in items] == [
        ("2026-02-04", None, "visibility", None),  # no name sorts first
        ("2026-02-04", "Carol", "cadence", None),  # sources compare as text: cadence < explicit
        ("2026-02-04", "Carol", "explicit", "2026/e.md"),
        ("2026-02-04", "Frank Grey", "explicit", "2026/a.md"),
        ("2026-02-04", "Frank Grey", "explicit", "2026/b.md"),
        ("2026-02-04", "Jane Doe", "explicit", "2026/b.md"),
        ("2026-02-04", "Jane Doe", "rule", "2026/d.md"),
        ("2026-02-04", "Jane Doe", "thanks", "2026/b.md"),
    ]


def test_select_filters_later_and_person(tmp_path):
    files = {
        "2026/a.md": entry("2026-02-01", "coffee", ["Jane Doe"], follow_up="2026-02-03"),
        "2026/b.md": entry("2026-02-01", "coffee", ["Frank Grey"], follow_up="2026-03-30"),
    }
    items = compute(tmp_path, files, D(2026, 2, 1))
    # the showcase item is due 30 days after the first entry (docs/format.md §6): 2026-03-03
    assert [(i.person, i.status) for i in followups.select(items)] == [("jane-doe", "upcoming")]
    assert [(i.person, i.status) for i in followups.select(items, include_later=True)] == [
        ("jane-doe", "upcoming"), (None, "later"), ("frank-grey", "later")]
    assert [i.person for i in followups.select(items, include_later=True, person="frank-grey")] == ["frank-grey"]


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("extra", "body", "title"),
    [
        ({"title": '"Breakfast at the Ritz"'}, "# Ignored heading\n", "Breakfast at the Ritz"),
        ({}, "Some notes.\n\n# The heading\n\n# Second heading\n", "The heading"),
        ({}, "## Not a title\n\n# Closing hashes ##\n", "Closing hashes"),
        ({}, "```\n# in a fence\n```\n#Not a heading\n", "Coffee with Jane Doe and Frank Grey"),
        ({}, "No heading at all.\n", "Coffee with Jane Doe and Frank Grey"),
        ({"with": "[Jane Doe, Frank Grey, Zoë Stub]"}, "", "Coffee with Jane Doe, Frank Grey and Zoë Stub"),
        ({"with": "[zoe STUB]"}, "", "Coffee with zoe STUB"),
    ],
)
def test_title_resolution_in_the_default_action(tmp_path, extra, body, title):
    keys = {"follow_up": "2026-02-03", "body": body}
    with_ = ["Jane Doe", "Frank Grey"]
    if "with" in extra:
        with_ = None
        keys["with"] = extra.pop("with")
    keys.update(extra)
    items = compute(tmp_path, {"2026/a.md": entry("2026-02-01", "coffee", with_, **keys)}, D(2026, 2, 1))
    actions = {i.action for i in items if i.source == "explicit"}
    assert actions == {f"Follow up: {title}"}


def test_title_of_a_hyphenated_kind(tmp_path):
    items = compute(tmp_path, {"2026/a.md": entry("2026-02-01", "lunch-and-learn", via="Jane Doe")},
                    D(2026, 2, 1))
    assert [i.action for i in items if i.source == "thanks"] == ["Thank Jane Doe for Lunch-and-learn"]


# --------------------------------------------------------------------------- kinds option


def test_a_new_kind_with_a_rule(tmp_path):
    options = Options(kinds=merge_kinds({"hearing": {"group": "conversation", "after": Offset(7, "d"),
                                                     "action": "Send notes"},
                                         "dinner": {"after": Offset(1, "d")}}))
    files = {
        "2026/a.md": entry("2026-02-01", "hearing", ["Jane Doe"]),
        "2026/b.md": entry("2026-02-01", "dinner", ["Frank Grey"]),
    }
    items = compute(tmp_path, files, D(2026, 2, 1), options)
    assert rows(items) == [
        ("2026-02-02", "upcoming", "frank-grey", "rule", "Follow up: Dinner with Frank Grey", "2026/b.md"),
        ("2026-02-08", "upcoming", "jane-doe", "rule", "Send notes", "2026/a.md"),
    ]


def test_a_kinds_rule_can_be_removed(tmp_path):
    options = Options(kinds=merge_kinds({"interview": {"after": None}}))
    items = compute(tmp_path, {"2026/a.md": entry("2026-02-01", "interview", ["Jane Doe"])}, D(2026, 2, 1), options)
    assert rows(items) == []


def test_with_status_is_replace_for_every_field():
    """FollowUp.with_status (issue 27) keeps every other field: each set to a value unlike its default."""
    import dataclasses

    from netlog.items import FollowUp, Source, Status

    values = {"due": dt.date(2026, 1, 2), "person": "ann", "name": "Ann", "source": Source.LOOP,
              "action": "Tell Ann", "entry": "2026/x.md", "status": Status.LATER, "closed": True,
              "snoozed_from": dt.date(2025, 12, 30)}
    assert {f.name for f in dataclasses.fields(FollowUp)} == set(values)
    item = FollowUp(**values)
    for status in (Status.OVERDUE, Status.CLOSED, ""):
        assert item.with_status(status) == dataclasses.replace(item, status=status)
