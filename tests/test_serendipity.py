"""Introductions and serendipity (docs/format.md §5, §6 and §11) with inline logs: introducer,
chain, tie strength and its parts, ties, `netlog path`, `loop` follow-ups, the intro thanks
text, the kind `introduced` and the `opening` option."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from helpers import entry, load_files, person
from netlog import followups, serendipity
from netlog.options import to_options, validate

D = dt.date


def load(tmp_path, files, options=None):
    log, problems = load_files(tmp_path, files, options)
    assert [p for p in problems if p.severity == "error"] == []
    return log


# --------------------------------------------------------------------------- introducer


def test_introducer_precedence(tmp_path):
    log = load(tmp_path, {
        "people/pat-lee.md": person("Pat Lee", met_via="Mo Ray"),
        "people/mo-ray.md": person("Mo Ray"),
        "people/kim-ho.md": person("Kim Ho"),
        # Kim: the earliest entry with a via, by date, then by path
        "2026/b.md": entry("2026-01-05", "intro", ["Kim Ho"], via="[Bo Stub, Cy Stub]"),
        "2026/a.md": entry("2026-01-05", "coffee", ["Kim Ho"], via="[Al Stub]"),
        "2025/z.md": entry("2025-12-31", "coffee", ["Kim Ho"]),  # earlier, but no via
        # Pat: met_via wins over an earlier via
        "2025/p.md": entry("2025-01-01", "intro", ["Pat Lee"], via="[Vic Stub]"),
        # Una: only an entry after today names her introducer
        "2026/u.md": entry("2026-07-01", "intro", ["Una Stub"], via="[Mo Ray]"),
    })
    intros = serendipity.introducers(log, D(2026, 6, 1))
    assert intros["pat-lee"] == "mo-ray"
    assert intros["kim-ho"] == "al-stub"
    assert "una-stub" not in intros
    assert serendipity.introducers(log, D(2026, 7, 1))["una-stub"] == "mo-ray"
    assert "mo-ray" not in intros  # no met_via, no entry with a via


def test_nobody_is_their_own_introducer(tmp_path, project, run):
    files = {
        "people/pat-lee.md": person("Pat Lee", met_via="Pat Lee"),
        "2026/a.md": entry("2026-01-01", "coffee", ["Pat Lee"], via="[Pat Lee, Mo Stub]"),
        "2026/b.md": entry("2026-01-02", "coffee", ["Kim Stub"], via="[Kim Stub]"),
    }
    log, problems = load_files(tmp_path, files)
    intros = serendipity.introducers(log, D(2026, 6, 1))
    assert intros["pat-lee"] == "mo-stub"  # the met_via naming herself and the via naming herself skipped
    assert "kim-stub" not in intros
    project({"log/" + k: v for k, v in files.items()})
    result = run("check")
    assert "log/people/pat-lee.md:3: warning: 'met_via' names Pat Lee itself; nobody is their own " \
           "introducer, so it is skipped" in result.stdout
    own = [p for p in json.loads(run("check", "--format", "json").stdout) if p["path"] == "log/people/pat-lee.md"]
    assert [(p["line"], p["severity"], p["code"]) for p in own] == [(3, "warning", "own-introducer")]
    assert "pat-lee.md" not in run("check", "--ignore", "own-introducer").stdout


def test_stub_introducer_from_met_via(tmp_path):
    log = load(tmp_path, {"people/pat-lee.md": person("Pat Lee", met_via="Nobody Known")})
    assert serendipity.introducers(log, D(2026, 1, 1)) == {"pat-lee": "nobody-known"}
    assert log.people["nobody-known"].stub


# --------------------------------------------------------------------------- chain


def test_chain_follows_introducers_and_stops_at_a_cycle(tmp_path):
    log = load(tmp_path, {
        "people/a.md": person("A", met_via="b"),
        "people/b.md": person("B", met_via="c"),
        "people/c.md": person("C", met_via="a"),
        "people/d.md": person("D", met_via="a"),
        "people/e.md": person("E", met_via="f"),
        "people/f.md": person("F", met_via="e"),
        "people/g.md": person("G"),
    })
    intros = serendipity.introducers(log, D(2026, 1, 1))
    assert serendipity.chain(intros, "a") == ["b", "c"]  # back at a: a is not listed again
    assert serendipity.chain(intros, "d") == ["a", "b", "c"]  # a met again after c: stop
    assert serendipity.chain(intros, "e") == ["f"]
    assert serendipity.chain(intros, "g") == []
    assert serendipity.introduced_by(intros) == {"a": ["c", "d"], "b": ["a"], "c": ["b"], "e": ["f"],
                                                 "f": ["e"]}


# --------------------------------------------------------------------------- tie strength


TODAY = D(2026, 7, 1)


def strength(tmp_path, entries: dict, slug="pat-lee", today=TODAY):
    files = {"people/pat-lee.md": person("Pat Lee")}
    files.update(entries)
    return serendipity.strengths(load(tmp_path, files), today)[slug]


@pytest.mark.parametrize(("days", "recency", "value"), [(0, 1.0, 50), (180, 0.5, 30), (360, 0.25, 20)])
def test_recency_halves_every_180_days(tmp_path, days, recency, value):
    day = TODAY - dt.timedelta(days=days)
    s = strength(tmp_path, {"a.md": entry(day.isoformat(), "call", ["Pat Lee"])})
    # R decays; F = 1/12, D = 0 (a call, no channel), M = 0.5 (no direction)
    assert (s.recency, s.frequency, s.depth, s.mutuality) == (recency, 1 / 12, 0.0, 0.5)
    assert (s.last, s.days, s.n) == (day, days, 1)
    assert s.value == value  # 100 x (0.4 R + 0.025 + 0 + 0.075)


def test_no_entry_is_strength_8_and_planned_entries_do_not_count(tmp_path):
    s = strength(tmp_path, {"a.md": entry("2026-07-02", "coffee", ["Pat Lee"], direction="in")})
    assert (s.value, s.recency, s.frequency, s.depth, s.mutuality, s.last) == (8, 0.0, 0.0, 0.0, 0.5, None)


def test_rounding_is_half_up(tmp_path):
    s = strength(tmp_path, {"a.md": entry("2026-07-01", "coffee", ["Pat Lee"], direction="in")})
    assert (s.recency, s.frequency, s.depth, s.mutuality) == (1.0, 1 / 12, 1.0, 1.0)
    assert s.value == 73  # 72.5 rounds up
    assert serendipity.round_half_up(7.5) == 8 and serendipity.round_half_up(7.4999) == 7


@pytest.mark.parametrize(("count", "frequency"), [(6, 0.5), (12, 1.0), (13, 1.0), (20, 1.0)])
def test_frequency_caps_at_12(tmp_path, count, frequency):
    entries = {f"e{i:02}.md": entry((TODAY - dt.timedelta(days=i * 10)).isoformat(), "call", ["Pat Lee"])
               for i in range(count)}
    s = strength(tmp_path, entries)
    assert (s.n, s.frequency) == (count, frequency)


def test_frequency_window_is_the_last_365_days(tmp_path):
    s = strength(tmp_path, {
        "a.md": entry((TODAY - dt.timedelta(days=365)).isoformat(), "call", ["Pat Lee"]),  # not after today - 365
        "b.md": entry((TODAY - dt.timedelta(days=364)).isoformat(), "call", ["Pat Lee"]),
    })
    assert s.n == 1


def test_depth_counts_depth_kinds_and_the_in_person_channel(tmp_path):
    s = strength(tmp_path, {
        "a.md": entry("2026-06-01", "coffee", ["Pat Lee"]),
        "b.md": entry("2026-06-02", "call", ["Pat Lee"], channel='"In Person"'),  # slug form in-person
        "c.md": entry("2026-06-03", "video", ["Pat Lee"], channel='"in-person "'),
        "d.md": entry("2026-06-04", "call", ["Pat Lee"], channel="phone"),
        "e.md": entry("2026-06-05", "interview", ["Pat Lee"], channel="video"),
        "f.md": entry("2025-01-01", "meal", ["Pat Lee"]),  # outside the year: not in n
    })
    assert (s.n, s.in_person, s.depth) == (5, 4, 0.8)


def test_depth_is_0_when_no_entry_in_the_year(tmp_path):
    s = strength(tmp_path, {"a.md": entry("2024-01-01", "coffee", ["Pat Lee"])})
    assert (s.n, s.depth, s.frequency) == (0, 0.0, 0.0)


def test_mutuality(tmp_path):
    none = strength(tmp_path, {"a.md": entry("2026-06-01", "call", ["Pat Lee"])})
    assert (none.directed, none.mutuality) == (0, 0.5)
    thanks = strength(tmp_path / "t", {"a.md": entry("2026-06-01", "thank-you", ["Pat Lee"])})
    assert (thanks.directed, thanks.answered, thanks.mutuality) == (1, 0, 0.0)  # a thank-you is `out`
    mixed = strength(tmp_path / "m", {
        "a.md": entry("2026-06-01", "call", ["Pat Lee"], direction="in"),
        "b.md": entry("2026-06-02", "call", ["Pat Lee"], direction="mutual"),
        "c.md": entry("2026-06-03", "call", ["Pat Lee"], direction="out"),
        "d.md": entry("2020-06-03", "call", ["Pat Lee"], direction="in"),  # M has no window
        "e.md": entry("2026-08-03", "call", ["Pat Lee"], direction="out"),  # planned: not counted
    })
    assert (mixed.directed, mixed.answered, mixed.mutuality) == (4, 3, 0.75)


# --------------------------------------------------------------------------- ties


@pytest.fixture
def tied(tmp_path):
    log = load(tmp_path, {
        "people/ann.md": person("Ann", org='"Acme Corp"'),
        "people/bob.md": person("Bob", org='"ACME corp."', met_via="ann"),
        "people/cat.md": person("Cat", org="acme-corp"),
        "people/dan.md": person("Dan"),
        "people/eve.md": person("Eve", org="Other"),
        "2026/b.md": entry("2026-01-02", "meeting", ["bob", "cat", "dan"], title="Budget"),
        "2026/a.md": entry("2026-01-02", "coffee", ["cat", "dan"], title="Chat"),
        "2026/c.md": entry("2026-03-01", "coffee", ["cat", "dan"], title="Later chat"),
        "2026/d.md": entry("2026-01-01", "coffee", ["ann", "bob"], title="Met before"),
        "2027/e.md": entry("2027-01-01", "coffee", ["eve", "ann"], title="Planned"),
    })
    return serendipity.Ties.of(log, D(2026, 6, 1))


def test_ties_of_each_kind_and_their_precedence(tied):
    assert tied.why("ann", "bob") == "Ann introduced Bob"  # also met together and same org
    assert tied.why("bob", "ann") == "Ann introduced Bob"
    assert tied.why("bob", "cat") == "met together: Budget, 2026-01-02"  # also same org
    assert tied.why("cat", "dan") == "met together: Chat, 2026-01-02"  # earliest, then by path
    assert tied.why("ann", "cat") == "both at Acme Corp"  # org by slug form, the first person's as written
    assert tied.why("cat", "ann") == "both at acme-corp"
    assert tied.why("ann", "eve") is None  # only a planned entry together
    assert tied.why("dan", "eve") is None
    assert [tied.kind(a, b) for a, b in (("ann", "bob"), ("bob", "cat"), ("ann", "cat"), ("ann", "eve"))] == [
        "introducer", "met", "org", None]
    assert tied.neighbours("ann") == ("bob", "cat")
    assert tied.neighbours("dan") == ("bob", "cat")
    assert tied.neighbours("eve") == ()


# --------------------------------------------------------------------------- netlog path


PATH_TODAY = "2026-06-01"
PATH_FILES = {
    "log/people/tara.md": person("Tara Target", org='"Target Co"', met_via="bea"),
    "log/people/xena.md": person("Xena Unknown", org='"Target Co"', met_via="ann"),
    "log/people/yuri.md": person("Yuri Known", org='"Target Co"', met_via="ann"),
    "log/people/ann.md": person("Ann Able"),
    "log/people/bea.md": person("Bea Busy", tags="[mentor]"),
    "log/people/cal.md": person("Cal Cold", org="Elsewhere"),
    "log/people/dee.md": person("Dee Distant", met_via="eli"),
    "log/people/eli.md": person("Eli Unmet"),
    "log/2026/01-ann.md": entry("2026-05-30", "coffee", ["ann"], direction="mutual"),
    "log/2026/02-bea.md": entry("2026-05-31", "coffee", ["bea"], direction="in"),
    "log/2025/03-yuri.md": entry("2025-06-15", "email", ["yuri"]),
}


def path_json(run, *args):
    result = run("path", *args, "--today", PATH_TODAY, "--format", "json")
    return result, json.loads(result.stdout) if result.stdout else None


def test_path_ranking_and_the_step_choice(project, run):
    project(PATH_FILES)
    result, data = path_json(run, "Tara Target")
    assert result.exit_code == 0, result.stderr
    assert data["target"] == "Tara Target"
    assert [(r["people"], r["strength"]) for r in data["routes"]] == [
        (["bea", "tara"], 72),  # two people, the strongest first
        (["yuri", "tara"], 20),
        (["ann", "yuri", "tara"], 72),  # three: via Yuri (strength 20), not Xena (8) who sorts first by name
    ]
    assert data["routes"][2] == {
        "people": ["ann", "yuri", "tara"], "names": ["Ann Able", "Yuri Known", "Tara Target"], "strength": 72,
        "links": [{"from": "ann", "to": "yuri", "why": "Ann Able introduced Yuri Known"},
                  {"from": "yuri", "to": "tara", "why": "both at Target Co"}]}
    assert data["routes"][0]["links"] == [{"from": "bea", "to": "tara", "why": "Bea Busy introduced Tara Target"}]


def test_path_prefers_the_name_when_strengths_tie(project, run):
    files = {k: v for k, v in PATH_FILES.items() if "yuri" not in k}
    files["log/people/wes.md"] = person("Wes Unknown", org='"Target Co"', met_via="ann")
    project(files)
    _, data = path_json(run, "tara")
    assert [r["people"] for r in data["routes"]] == [["bea", "tara"], ["ann", "wes", "tara"]]


@pytest.mark.parametrize(("first", "second"), [
    ("Abe A", "Zed Z"),
    # one order of people by name everywhere (people.name_order, issue 19): "alice Ames" before
    # "Bob Bell", in `netlog path` as on the pages (code point order had Bob first)
    ("alice Ames", "Bob Bell"),
])
def test_path_ranks_equal_routes_by_names(project, run, first, second):
    files = {
        "log/people/tara.md": person("Tara Target", org="T"),
        "log/people/zed.md": person(second, org="T"),
        "log/people/abe.md": person(first, org="T"),
        "log/2026/a.md": entry("2026-05-01", "call", ["zed"]),
        "log/2026/b.md": entry("2026-05-01", "call", ["abe"]),
    }
    project(files)
    _, data = path_json(run, "tara")
    assert [(r["names"], r["strength"]) for r in data["routes"]] == [
        ([first, "Tara Target"], 45), ([second, "Tara Target"], 45)]
    _, data = path_json(run, "org:t")  # the targets themselves: known directly, strength equal
    assert [r["names"] for r in data["routes"]][:2] == [[first], [second]]


def test_path_directly_known_target_is_a_route_of_one(project, run):
    project(PATH_FILES)
    _, data = path_json(run, "Bea Busy")
    assert data["routes"][0] == {"people": ["bea"], "names": ["Bea Busy"], "strength": 72, "links": []}
    _, data = path_json(run, "tag:Mentor")
    assert data["target"] == "tag:Mentor" and data["routes"][0]["people"] == ["bea"]


def test_path_org_target_limit_and_max_hops(project, run):
    project(PATH_FILES)
    _, data = path_json(run, "org:target-co")
    # targets Tara, Xena and Yuri; Yuri is known directly. Then two people, strength 72, by names
    assert [r["people"] for r in data["routes"]] == [
        ["yuri"], ["ann", "xena"], ["ann", "yuri"], ["bea", "tara"], ["yuri", "tara"]]
    _, data = path_json(run, "org:TARGET CO", "--limit", "2")
    assert [r["people"] for r in data["routes"]] == [["yuri"], ["ann", "xena"]]
    _, data = path_json(run, "Tara Target", "--max-hops", "2")
    assert [r["people"] for r in data["routes"]] == [["bea", "tara"], ["yuri", "tara"]]


def test_path_text_output(project, run):
    project(PATH_FILES)
    result = run("path", "Tara Target", "--today", PATH_TODAY)
    assert result.exit_code == 0
    assert result.stdout == (
        "Warm routes to Tara Target as of 2026-06-01 (at most 3 people each):\n\n"
        "1. Bea Busy → Tara Target  (start: Bea Busy, strength 72)\n"
        "     Bea Busy → Tara Target: Bea Busy introduced Tara Target\n\n"
        "2. Yuri Known → Tara Target  (start: Yuri Known, strength 20)\n"
        "     Yuri Known → Tara Target: both at Target Co\n\n"
        "3. Ann Able → Yuri Known → Tara Target  (start: Ann Able, strength 72)\n"
        "     Ann Able → Yuri Known: Ann Able introduced Yuri Known\n"
        "     Yuri Known → Tara Target: both at Target Co\n")


def test_no_route_exits_1_and_says_who_is_nearest(project, run):
    project(PATH_FILES)
    result = run("path", "Tara Target", "--max-hops", "1", "--today", PATH_TODAY)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == ("netlog: no route of at most 1 people to Tara Target; nearest: Bea Busy, whom you "
                             "know directly, is 2 people from Tara Target (try --max-hops 2)\n")
    result = run("path", "Dee Distant", "--today", PATH_TODAY)
    assert result.exit_code == 1
    assert "nobody you know is connected to them. Nearest: the people tied to them, Eli Unmet" in result.stderr
    result = run("path", "Cal Cold", "--today", PATH_TODAY, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"target": "Cal Cold", "routes": []}
    assert "nobody is tied to them yet" in result.stderr


def test_path_unknown_target_is_a_usage_error(project, run):
    project(PATH_FILES)
    result = run("path", "Tara Targt", "--today", PATH_TODAY)
    assert result.exit_code == 2
    assert "no person matches 'Tara Targt' (did you mean 'Tara Target'?)" in result.stderr
    result = run("path", "org:Nowhere", "--today", PATH_TODAY)
    assert result.exit_code == 2 and "no person has the org 'Nowhere'" in result.stderr
    result = run("path", "Tara", "--max-hops", "0")
    assert result.exit_code == 2


def test_path_completion_offers_people_orgs_and_tags(project, monkeypatch):
    from click.shell_completion import ShellComplete

    from netlog.cli import main

    project(PATH_FILES)

    def complete(incomplete):
        comp = ShellComplete(main, {}, "netlog", "_NETLOG_COMPLETE")
        return [c.value for c in comp.get_completions(["path"], incomplete)]

    assert complete("ta") == ["tara", "tag:"]
    assert complete("org:t") == ["org:target-co"]
    assert complete("org:") == ["org:elsewhere", "org:target-co"]
    assert complete("tag:") == ["tag:mentor"]
    assert "org:" in complete("") and "tag:" in complete("")


# --------------------------------------------------------------------------- loop follow-ups


LOOP_PEOPLE = {
    "people/rae.md": person("Rae Root"),
    "people/meg.md": person("Meg Mid", met_via="rae"),
    "people/hal.md": person("Hal High", met_via="meg"),
    "people/gus.md": person("Gus Guest", met_via="hal"),
}


def loop_rows(log, today):
    return [(i.due.isoformat(), i.person, i.action, i.entry, i.status)
            for i in followups.compute_all(log, today) if i.source == "loop"]


def test_loop_items_for_the_chain_of_an_opening(tmp_path):
    log = load(tmp_path, {**LOOP_PEOPLE,
                          "2026/ref.md": entry("2026-03-01", "referral", ["hal"], title="Board seat")})
    assert loop_rows(log, D(2026, 3, 2)) == [
        ("2026-03-04", "meg", "Tell Meg Mid what came of their introduction: Board seat", "2026/ref.md", "upcoming"),
        ("2026-03-04", "rae", "Tell Rae Root what came of their introduction: Board seat", "2026/ref.md",
         "upcoming")]


def test_loop_skips_people_in_with_or_via_and_planned_openings(tmp_path):
    log = load(tmp_path, {**LOOP_PEOPLE,
                          "2026/offer.md": entry("2026-03-01", "offer", ["gus", "rae"], via="[hal]", title="Job"),
                          "2026/later.md": entry("2026-04-01", "offer", ["gus"], title="Planned")})
    # chain of Gus: Hal (in via: thanked by source 3), Meg, Rae (in with)
    assert [(p, e) for _, p, _, e, _ in loop_rows(log, D(2026, 3, 2))] == [("meg", "2026/offer.md")]


def test_loop_items_close_like_sources_1_to_3(tmp_path):
    log = load(tmp_path, {**LOOP_PEOPLE,
                          "2026/ref.md": entry("2026-03-01", "referral", ["hal"], title="Board seat"),
                          "2026/meg.md": entry("2026-03-05", "call", ["meg"]),  # after: closes
                          "2026/rae.md": entry("2026-03-01", "thank-you", ["rae"]),  # same day thank-you: closes
                          "2026/rae2.md": entry("2026-03-01", "call", ["meg"])})  # same day call: does not
    assert [(p, s) for _, p, _, _, s in loop_rows(log, D(2026, 3, 4))] == [("meg", "today"), ("rae", "closed")]
    assert [(p, s) for _, p, _, _, s in loop_rows(log, D(2026, 3, 5))] == [("meg", "closed"), ("rae", "closed")]
    # an entry after today closes nothing
    assert [(p, s) for _, p, _, _, s in loop_rows(log, D(2026, 3, 3))] == [("meg", "upcoming"), ("rae", "closed")]


def test_opening_option_makes_a_kind_an_opening(tmp_path):
    values, errors, _ = validate({"kinds": {"job-lead": {"opening": True}, "offer": {"opening": False}}})
    assert errors == []
    options = to_options(values)
    assert options.kinds["job-lead"].opening and options.kinds["job-lead"].group == "conversation"
    assert not options.kinds["offer"].opening
    assert options.kinds["referral"].opening
    log = load(tmp_path, {**LOOP_PEOPLE,
                          "2026/lead.md": entry("2026-03-01", "job-lead", ["meg"], title="Lead"),
                          "2026/offer.md": entry("2026-03-01", "offer", ["meg"], title="Offer")}, options)
    assert [(p, e) for _, p, _, e, _ in loop_rows(log, D(2026, 3, 2))] == [("rae", "2026/lead.md")]


def test_opening_option_must_be_a_boolean():
    _, errors, _ = validate({"kinds": {"job-lead": {"opening": "yes please"}}})
    assert errors == [("kinds", "kind 'job-lead': opening must be true or false, got 'yes please'")]


def test_loop_source_in_due_json_text_and_ics(project, run):
    files = {"log/" + k: v for k, v in LOOP_PEOPLE.items()}
    files["log/2026/ref.md"] = entry("2026-03-01", "referral", ["hal"], title="Board seat")
    project(files)
    data = json.loads(run("due", "--today", "2026-03-04", "--format", "json").stdout)
    assert {"due": "2026-03-04", "status": "today", "person": "rae", "name": "Rae Root", "source": "loop",
            "action": "Tell Rae Root what came of their introduction: Board seat",
            "entry": "2026/ref.md", "snoozed_from": None} in data["items"]
    text = run("due", "--today", "2026-03-04").stdout
    assert "Tell Meg Mid what came of their introduction: Board seat  (close the loop on 2026/ref.md)" in text
    ics = run("due", "--today", "2026-03-04", "--format", "ics").stdout.replace("\r\n ", "")
    assert "CATEGORIES:netlog,loop" in ics and "Source: loop" in ics


# --------------------------------------------------------------------------- thanks and the kind `introduced`


@pytest.mark.parametrize(("with_", "names"), [
    (["jo"], "Jo Kim"),
    (["jo", "al"], "Jo Kim and Al Bo"),
    (["jo", "al", "Cy Stub"], "Jo Kim, Al Bo and Cy Stub"),
])
def test_intro_thanks_text(tmp_path, with_, names):
    log = load(tmp_path, {"people/ana.md": person("Ana López"), "people/jo.md": person("Jo Kim"),
                          "people/al.md": person("Al Bo"),
                          "2026/i.md": entry("2026-03-01", "intro", with_, via="[ana]")})
    thanks = [i.action for i in followups.compute(log, D(2026, 3, 1)) if i.source == "thanks"]
    assert thanks == [f"Thank Ana López for introducing you to {names}"]


def test_other_kinds_keep_the_title_in_the_thanks_text(tmp_path):
    log = load(tmp_path, {"people/ana.md": person("Ana López"),
                          "2026/i.md": entry("2026-03-01", "coffee", ["Jo Stub"], via="[ana]", title="Chat")})
    assert [i.action for i in followups.compute(log, D(2026, 3, 1)) if i.source == "thanks"] == [
        "Thank Ana López for Chat"]


def test_introduced_kind_rule_and_ledger(tmp_path):
    log = load(tmp_path, {**LOOP_PEOPLE,
                          "2026/i.md": entry("2026-03-01", "introduced", ["meg", "gus"]),
                          "2026/o.md": entry("2026-03-02", "referral", ["meg"], via="[rae]"),
                          "2026/p.md": entry("2026-09-02", "introduced", ["meg"])})  # planned
    rule = [(i.due.isoformat(), i.person, i.action) for i in followups.compute(log, D(2026, 3, 1))
            if i.source == "rule" and i.entry == "2026/i.md"]
    assert rule == [("2026-03-15", "gus", "Ask how the introduction went"),
                    ("2026-03-15", "meg", "Ask how the introduction went")]
    doors = serendipity.ledger(log, D(2026, 3, 5))
    assert [e.path for e in doors["meg"].yours] == ["2026/i.md"]
    assert [e.path for e in doors["meg"].openings] == ["2026/o.md"]
    assert doors["meg"].introduced == ["hal"]
    assert (doors["meg"].for_you, doors["meg"].by_you, doors["meg"].one_sided) == (2, 1, False)
    assert (doors["rae"].for_you, doors["rae"].by_you, doors["rae"].one_sided) == (2, 0, True)
    assert [e.path for e in serendipity.openings(log, D(2026, 3, 5))] == ["2026/o.md"]


def test_people_are_listed_in_one_order_on_every_page(tmp_path):
    from netlog.pages import build_pages
    from netlog.people import by_name, name_order

    log = load(tmp_path, {
        "people/bob.md": person("Bob Bell", org="Acme"),
        "people/alice.md": person("alice Ames", org="ACME"),
        "people/zed.md": person("Zed Zane", org="acme."),
        "2026/a.md": entry("2026-05-01", "call", ["bob", "alice", "zed"]),
    })
    assert name_order("alice Ames", "a") < name_order("Bob Bell", "b")
    assert [p.name for p in sorted(log.people.values(), key=by_name)] == ["alice Ames", "Bob Bell", "Zed Zane"]
    site = build_pages(log, dt.date(2026, 6, 1))
    for uri in ("people/index.md", "orgs/acme.md"):
        text = site.pages[uri].markdown
        assert text.index("alice Ames") < text.index("Bob Bell") < text.index("Zed Zane"), uri


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Acme Corp", "ACME corp.", True), ("Acme Corp", "Acme-Corp", True), ("Acme", "Acme Corp", False),
    ("!!!", "???", True), ("Ünïon", "union", True),
])
def test_org_identity_is_one_function_for_pages_and_introductions(tmp_path, a, b, same):
    from netlog.pages.groups import org_groups, org_of
    from netlog.pages import build_pages
    from netlog.people import org_key

    assert (org_key(a) == org_key(b)) is same and org_key(None) is None and org_key("") is None
    log = load(tmp_path, {"people/p.md": person("Pat P", org=f'"{a}"'),
                             "people/q.md": person("Quinn Q", org=f'"{b}"')})
    site = build_pages(log, dt.date(2026, 6, 1))
    assert (len(org_groups(site)) == 1) is same
    assert (org_of(site, log.people["p"]) == org_of(site, log.people["q"])) is same
    ties = serendipity.Ties.of(log, dt.date(2026, 6, 1))
    assert ("q" in ties.neighbours("p")) is same
