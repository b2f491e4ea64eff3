"""The network audit (docs/format.md §15, issue 24): each part pinned on inline logs.

Tiers at their boundaries, roles (no one, only dormant, filled), openness (one org,
many; the fast closed-pairs count against the naive one), goals (a route, no route,
a target naming no one), each key of the reconnect order breaking a tie, the Since
part (first met, dormant again, reconnected; the review mark), the JSON shape, the
options' check messages, ``netlog audit`` and the example log.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random

import pytest

from netlog import audit as audit_mod
from netlog import since as since_mod
from netlog.options import to_options, validate
from netlog.serendipity import Ties, strengths

from helpers import entry, load_files, person

TODAY = dt.date(2026, 11, 25)


def d(days: int) -> str:
    """The date ``days`` before TODAY."""
    return (TODAY - dt.timedelta(days=days)).isoformat()


def options(**raw):
    values, errors, _ = validate(raw)
    assert not errors
    return to_options(values)


def load(tmp_path, files, **raw):
    log, problems = load_files(tmp_path, files, options(**raw))
    assert not [p for p in problems if p.severity == "error"], problems
    return log


def run_audit(tmp_path, files, today=TODAY, mark=None, **raw):
    log = load(tmp_path, files, **raw)
    return log, audit_mod.network_audit(log, today, mark=mark)


# --------------------------------------------------------------------------- tiers


def test_tier_boundaries_29_30_and_59_60(tmp_path):
    # one email k days ago (R = 0.5^(k/180), F = 1/12, D = 0, M = 0.5): 180 days -> exactly 30
    # one coffee k days ago (D = 1): 35 days -> 60, 40 days -> 59
    files = {
        "people/a.md": person("Ann"), "people/b.md": person("Bob"),
        "people/c.md": person("Cy"), "people/e.md": person("Eve"),
        "1.md": entry(d(193), "email", "a"), "2.md": entry(d(180), "email", "b"),
        "3.md": entry(d(40), "coffee", "c"), "4.md": entry(d(35), "coffee", "e"),
    }
    log, a = run_audit(tmp_path, files)
    s = strengths(log, TODAY)
    assert [s[x].value for x in "abce"] == [29, 30, 59, 60]
    tiers = {t.key: t for t in a.tiers}
    assert tiers["inner"].people == ["e"]
    assert tiers["middle"].people == ["c", "b"]  # strongest first
    assert tiers["outer"].people == ["a"]
    assert [(t.low, t.high) for t in a.tiers] == [(60, 100), (30, 59), (0, 29)]
    # next steps: the inner person met longest ago; the strongest of the other rings
    assert tiers["inner"].step.person == "e"
    assert tiers["middle"].step.person == "c"
    assert tiers["middle"].step.text(log).startswith("Write to Cy: the strongest here (strength 59)")
    assert tiers["outer"].step.person == "a"


def test_tiers_count_never_contacted_people_and_stubs(tmp_path):
    files = {"people/a.md": person("Ann"), "1.md": entry(d(1), "coffee", "Stubby Stub")}
    log, a = run_audit(tmp_path, files)
    everyone = [s for t in a.tiers for s in t.people]
    assert sorted(everyone) == ["a", "stubby-stub"]
    assert "a" in {t.key: t for t in a.tiers}["outer"].people  # never contacted: strength 8


# --------------------------------------------------------------------------- roles


ROLE_FILES = {
    "people/mo.md": person("Mo", tags="[mentor]"),
    "people/old.md": person("Olga", tags="[Sponsor]"),  # compared by slug form
    "people/nev.md": person("Nev", tags="[sponsor]"),  # never contacted
    "people/kit.md": person("Kit", org="Acme"),
    "1.md": entry(d(10), "coffee", "mo"),
    "2.md": entry(d(400), "coffee", "old"),
    "3.md": entry(d(2), "coffee", "kit"),
    "4.md": entry(d(1), "email", "kit"),
}


def test_roles_filled_only_dormant_and_with_no_one(tmp_path):
    log, a = run_audit(tmp_path, ROLE_FILES, roles={"mentor": "mentor", "sponsor": "sponsor",
                                                    "connector": "connector"})
    mentor, sponsor, connector = a.roles
    assert (mentor.active, mentor.dormant, mentor.gap) == (["mo"], [], False)
    assert mentor.step.text(log).startswith("Keep in touch with Mo: last contact ")
    assert (sponsor.active, sponsor.dormant, sponsor.gap) == ([], ["nev", "old"], True)
    assert sponsor.step.person == "old"  # someone you met before, over someone never contacted
    assert sponsor.step.text(log) == f"Write to Olga to fill the sponsor role again: last contact {d(400)}."
    assert (connector.active, connector.dormant, connector.gap) == ([], [], True)
    # no one has the tag: ask the strongest person you know
    assert connector.step.person == "mo"  # 64 against Kit's 60
    assert "whom they would suggest as a connector" in connector.step.text(log)
    assert [what for what, _ in a.gaps()] == ["No active sponsor", "No active connector"]


def test_a_role_whose_people_were_never_contacted_is_a_gap(tmp_path):
    log, a = run_audit(tmp_path, {"people/nev.md": person("Nev")}, roles={"board": "board"})
    assert a.roles[0].gap and a.roles[0].step.text(log) == "Find a board and tag them `board`."
    log, a = run_audit(tmp_path, {"people/nev.md": person("Nev", tags="[x]")}, roles={"r": "x"})
    assert a.roles[0].dormant == ["nev"] and a.roles[0].step.text(log) == \
        "Write to Nev to fill the r role: no entry with them yet."


# --------------------------------------------------------------------------- openness


def test_openness_of_a_log_of_one_org(tmp_path):
    files = {f"people/p{i}.md": person(f"P{i}", org="Acme LLP") for i in range(4)}
    files |= {"1.md": entry(d(5), "coffee", ["p0", "p1"]), "2.md": entry(d(50), "call", "p2"),
              "3.md": entry(d(400), "call", "p3"),  # before the span
              "4.md": entry(d(1), "review")}  # self: not counted
    log, a = run_audit(tmp_path, files)
    o = a.openness
    assert (o.entries, o.orgs, o.top_org, o.top_entries, o.top_share) == (2, 1, "Acme LLP", 2, 1.0)
    assert (o.contacts, o.pairs, o.tied_pairs, o.closed_share) == (3, 3, 3, 1.0)
    assert o.step.person == "p3" or o.step.person is None


def test_openness_of_a_log_of_many_orgs(tmp_path):
    files = {"people/a.md": person("Ann", org="Acme"), "people/b.md": person("Bob", org="Beta"),
             "people/c.md": person("Cy", org="ACME"), "people/e.md": person("Eve", org="Gamma"),
             "people/n.md": person("Nobody")}
    files |= {"1.md": entry(d(3), "coffee", ["a", "b"]), "2.md": entry(d(4), "call", "c"),
              "3.md": entry(d(5), "call", "n"), "4.md": entry(d(6), "call", "b")}
    log, a = run_audit(tmp_path, files)
    o = a.openness
    # Acme: entries 1 and 2 (Ann, Cy: one org by slug form); Beta: 1 and 4
    assert (o.entries, o.orgs) == (4, 2)
    assert (o.top_org, o.top_entries, o.top_share) == ("ACME", 2, 0.5)  # tie broken by name
    # pairs of Ann, Bob, Cy, Nobody: Ann-Bob met together, Ann-Cy same org
    assert (o.contacts, o.pairs, o.tied_pairs) == (4, 6, 2)
    assert o.step.person == "e"  # Gamma: an org you did not meet this year
    assert o.step.text(log) == "Write to Eve (Gamma): nobody at Gamma has been in an entry in the last year."


def test_closed_pairs_counted_by_ties_equal_the_naive_count(tmp_path):
    rng = random.Random(7)
    orgs = ["Acme", "acme", "Beta", None, "Gamma"]
    files = {}
    for i in range(30):
        keys = {"org": rng.choice(orgs)} if rng.random() < 0.8 else {}
        keys = {k: v for k, v in keys.items() if v}
        if rng.random() < 0.3 and i:
            keys["met_via"] = f"p{rng.randrange(i)}"
        files[f"people/p{i}.md"] = person(f"P{i}", **keys)
    for n in range(60):
        people = rng.sample([f"p{i}" for i in range(30)], rng.randint(1, 3))
        extra = {"via": f"p{rng.randrange(30)}"} if rng.random() < 0.2 else {}
        files[f"e{n}.md"] = entry(d(rng.randrange(500)), "coffee", people, **extra)
    log, a = run_audit(tmp_path, files)
    ties = Ties.of(log, TODAY)
    span = [e for e in log.entries if TODAY - dt.timedelta(days=365) < e.date <= TODAY and e.with_]
    met = sorted({s for e in span for s in e.with_})
    naive = sum(1 for x, y in itertools.combinations(met, 2) if ties.why(x, y) is not None)
    assert a.openness.contacts == len(met)
    assert a.openness.tied_pairs == naive > 0


# --------------------------------------------------------------------------- goals


GOAL_FILES = {
    "people/ann.md": person("Ann"),
    "people/bob.md": person("Bob", org="Acme", met_via="ann"),
    "people/cy.md": person("Cy", org="Acme", tags="[legal-ops]"),
    "people/zed.md": person("Zed", org="Far Away", tags="[remote]"),
    "1.md": entry(d(10), "coffee", "ann"),
}


def test_a_goal_with_a_route_and_one_without(tmp_path):
    log, a = run_audit(tmp_path, GOAL_FILES, goals=[
        {"name": "Legal ops", "targets": ["tag:legal-ops", "tag:remote", "Ann", "org:Nowhere"]}])
    (goal,) = a.goals
    ops, remote, ann, nowhere = goal.targets
    assert ops.route.people == ("ann", "bob", "cy")
    assert [why for _, _, why in ops.route.links] == ["Ann introduced Bob", "both at Acme"]
    assert ops.step.text(log) == "Ask Ann to introduce you to Bob."
    assert not ops.gap
    assert remote.gap and remote.route is None and remote.people == ["zed"]
    assert remote.step.text(log) == "Write to Zed: nobody you know is tied to them yet."
    assert ann.route.people == ("ann",) and ann.step.text(log) == "Write to Ann: you know them directly."
    assert nowhere.gap and nowhere.people == [] and "no person has the org" in nowhere.problem
    assert [what for what, _ in a.gaps()] == ["Legal ops: no route to people tagged remote",
                                              "Legal ops: no route to people at Nowhere"]


def test_a_goal_beyond_three_people_names_the_nearest(tmp_path):
    files = dict(GOAL_FILES)
    files["people/dee.md"] = person("Dee", met_via="cy")
    log, a = run_audit(tmp_path, files, goals=[{"name": "Far", "targets": "Dee"}])
    t = a.goals[0].targets[0]
    assert t.gap and t.nearest.person == "ann" and t.nearest.hops == 4
    assert t.step.text(log) == "Ask Ann for a way to Dee: 4 people apart."


# --------------------------------------------------------------------------- reconnect


def _dormant_pair(first: dict, second: dict) -> dict:
    """Two dormant people, X and Y, with the given extra files."""
    files = {"people/x.md": person("Xena"), "people/y.md": person("Yuri")}
    files.update(first)
    files.update(second)
    return files


@pytest.mark.parametrize("case, files, first", [
    ("doors", {"1.md": entry(d(400), "coffee", "x"), "2.md": entry(d(400), "coffee", "y"),
               "people/k.md": person("Kid", met_via="y")}, "y"),
    ("mutuality", {"1.md": entry(d(400), "coffee", "x", direction="out"),
                   "2.md": entry(d(400), "coffee", "y", direction="in")}, "y"),
    ("fewer entries", {"1.md": entry(d(400), "coffee", "x"), "1b.md": entry(d(400), "call", "x"),
                       "2.md": entry(d(400), "coffee", "y")}, "y"),
    ("older last", {"1.md": entry(d(300), "coffee", "x"), "2.md": entry(d(400), "coffee", "y")}, "y"),
    ("name", {"1.md": entry(d(400), "coffee", "x"), "2.md": entry(d(400), "coffee", "y")}, "x"),
])
def test_each_reconnect_key_breaks_a_tie(tmp_path, case, files, first):
    log = load(tmp_path, _dormant_pair(files, {}))
    ranked = audit_mod.reconnect(log, TODAY)
    assert [r.person for r in ranked][:2] == ([first, "x" if first == "y" else "y"]), case


def test_reconnect_keeps_five_skips_active_and_never_met_and_the_digest_asks_three(tmp_path):
    files = {f"people/p{i}.md": person(f"P{i}") for i in range(8)}
    files |= {f"{i}.md": entry(d(200 + i), "coffee", f"p{i}") for i in range(7)}
    files["a.md"] = entry(d(3), "coffee", "p6")  # active again
    files["r.md"] = entry(d(1), "review", "p0")  # self: not a contact
    log = load(tmp_path, files)
    ranked = audit_mod.reconnect(log, TODAY)
    assert [r.person for r in ranked] == ["p5", "p4", "p3", "p2", "p1"]  # older last contact first
    assert [r.person for r in audit_mod.reconnect(log, TODAY, 3)] == ["p5", "p4", "p3"]
    assert ranked[0].step.text(log) == f"Write to P5: last contact {d(205)} (6 months ago)."


# --------------------------------------------------------------------------- since


def test_since_the_last_review(tmp_path):
    files = {
        "people/new.md": person("Nina", met=d(5)),
        "people/fresh.md": person("Finn"),
        "people/drift.md": person("Dora"),
        "people/back.md": person("Bart"),
        "people/old.md": person("Olaf"),
        "r1.md": entry(d(60), "review"),
        "r2.md": entry(d(20), "review", "old"),  # the mark: the last review before today
        "r3.md": entry(d(0), "review"),  # today's review is not the mark
        "f.md": entry(d(4), "coffee", "fresh"),
        "dr.md": entry(d(190), "coffee", "drift"),  # active at the mark, dormant today
        "b1.md": entry(d(300), "coffee", "back"),
        "b2.md": entry(d(2), "referral", "back"),  # dormant at the mark, not today
        "i.md": entry(d(3), "introduced", ["fresh", "new"]),
        "o.md": entry(d(400), "coffee", "old"),
        "p.md": entry((TODAY + dt.timedelta(days=3)).isoformat(), "coffee", "new"),  # planned
    }
    log, a = run_audit(tmp_path, files)
    s = a.since
    assert (s.since.mark, s.since.review.path) == (TODAY - dt.timedelta(days=20), "r2.md")
    assert s.since.start == TODAY - dt.timedelta(days=19)
    assert [e.path for e in s.since.entries] == ["f.md", "i.md", "b2.md"]  # by date
    assert s.since.met == ["back", "fresh", "new"]
    assert s.since.first_met == ["fresh", "new"]
    assert s.became_dormant == ["drift"]
    assert s.reconnected == ["back"]
    assert [e.path for e in s.since.openings] == ["b2.md"]
    assert [e.path for e in s.since.introduced] == ["i.md"]
    assert s.step.text(log) == f"Write to Dora: dormant since {d(10)}."
    # --since: any date; as of the mark means today = the mark on the same files
    log, a = run_audit(tmp_path, files, mark=TODAY - dt.timedelta(days=5))
    assert a.since.since.review is None and [e.path for e in a.since.since.entries] == ["f.md", "i.md", "b2.md"]
    assert a.since.became_dormant == [] and a.since.reconnected == ["back"]
    assert a.since.since.first_met == ["fresh"]  # Nina's met is the mark itself


def test_the_mark_without_a_review_is_30_days_ago_and_reviews_are_nobodys_contact(tmp_path):
    files = {"people/a.md": person("Ann"), "r.md": entry(d(0), "review", "a"),
             "r2.md": entry(d(50), "review", "a")}
    log = load(tmp_path, files)
    assert since_mod.review_mark(log, TODAY)[0] == TODAY - dt.timedelta(days=50)
    log = load(tmp_path, {"r2.md": entry(d(0), "review", "a")} | {"r.md": entry(d(1), "email", "a")})
    assert since_mod.review_mark(log, TODAY - dt.timedelta(days=1))[0] == TODAY - dt.timedelta(days=31)
    s = since_mod.since(log, TODAY)
    assert since_mod.contacts_as_of(log, TODAY)["a"] == since_mod.Contact(TODAY - dt.timedelta(days=1),
                                                                           TODAY - dt.timedelta(days=1), 1)
    # today's review is not the mark (it is not before today), and it is no entry of the span
    assert (s.mark, s.review, [e.path for e in s.entries]) == (TODAY - dt.timedelta(days=30), None, ["r.md"])
    assert s.met == ["a"] and s.first_met == ["a"]


def test_since_is_reproducible_as_of_the_mark(tmp_path):
    files = {"people/a.md": person("Ann"), "1.md": entry(d(400), "coffee", "a"),
             "2.md": entry(d(10), "coffee", "a")}
    log = load(tmp_path, files)
    mark = TODAY - dt.timedelta(days=30)
    first = audit_mod.network_audit(log, TODAY, mark=mark).since
    # the same question asked later, on the same files, with the same mark and today
    again = audit_mod.network_audit(log, TODAY, mark=mark).since
    assert first.reconnected == again.reconnected == ["a"]
    # as of the mark, the reconnect list had Ann; today it does not
    assert [r.person for r in audit_mod.reconnect(log, mark)] == ["a"]
    assert audit_mod.reconnect(log, TODAY) == []


# --------------------------------------------------------------------------- JSON and the command line


KEYS = ["tiers", "roles", "openness", "goals", "reconnect", "since", "dormant", "never_contacted",
        "one_sided", "overdue", "no_cadence"]


def test_json_shape(tmp_path, project, run):
    config = ("site_name: T\ndocs_dir: log\nplugins:\n  - netlog:\n      roles: {mentor: mentor}\n"
              "      goals:\n        - {name: G, targets: [\"tag:legal-ops\"]}\n")
    files = {f"log/{k}": v for k, v in GOAL_FILES.items()}
    files["log/people/mo.md"] = person("Mo", tags="[mentor]")
    files["log/3.md"] = entry(d(20), "call", "zed")
    project(files, config=config)
    result = run("audit", "--today", TODAY.isoformat(), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == KEYS
    assert set(data["tiers"]) == {"inner", "middle", "outer"}
    assert data["tiers"]["inner"]["people"] == ["ann"]
    slugs = {"ann", "bob", "cy", "zed", "mo"}
    assert {s for t in data["tiers"].values() for s in t["people"]} == slugs
    assert data["roles"] == [{"role": "mentor", "tag": "mentor", "active": [], "dormant": ["mo"], "gap": True,
                              "next_step": {"text": "Write to Mo to fill the mentor role: no entry with them yet.",
                                            "person": "mo"}}]
    route = data["goals"][0]["targets"][0]["route"]
    assert route["people"] == ["ann", "bob", "cy"] and route["links"][1]["why"] == "both at Acme"
    o = data["openness"]
    for share in (o["top_org"]["share"], o["closed_share"]):
        assert isinstance(share, float) and 0 <= share <= 1
    assert set(data["since"]) >= {"mark", "from", "to", "first_met", "became_dormant", "reconnected",
                                  "openings", "introduced"}
    assert data["dormant"] == []
    assert data["never_contacted"] == [{"person": s, "met": None} for s in ("bob", "cy", "mo")]
    assert (o["top_org"], o["contacts"], o["pairs"], o["tied_pairs"], o["closed_share"]) == (
        {"name": "Far Away", "entries": 1, "share": 0.5}, 2, 1, 0, 0.0)
    assert data["no_cadence"] == ["ann", "bob", "cy", "mo", "zed"]
    assert data["reconnect"] == []


def test_text_output_and_since_option(project, run):
    project({"log/people/a.md": person("Ann"), "log/1.md": entry(d(400), "coffee", "a"),
             "log/2.md": entry(d(10), "coffee", "a")})
    out = run("audit", "--today", TODAY.isoformat()).output
    for heading in ("Tiers (tie strength)", "Roles", "Openness", "Goals", "Reconnect (no entry within 180d)",
                    "Since ", "Dormant (0)", "Never contacted (0)", "No cadence (1)"):
        assert heading in out
    assert "none set: add `roles:`" in out
    assert f"Since {d(30)} (no review before today: the last 30 days)" in out
    out = run("audit", "--today", TODAY.isoformat(), "--since", d(100)).output
    assert f"Since {d(100)}\n" in out and "  reconnected: Ann" in out
    bad = run("audit", "--since", "yesterday")
    assert bad.exit_code == 2 and "--since" in bad.output


@pytest.mark.parametrize("option, message", [
    ("roles: [mentor]", "option 'roles': expected a mapping of role to tag"),
    ("roles: {mentor: }", "role 'mentor': expected the tag of the people who fill it"),
    ("goals: {name: x}", "option 'goals': expected a list of goals"),
    ("goals: [{targets: [a]}]", "goal 1: give it a name"),
    ("goals: [{name: G}]", "goal 'G': expected targets"),
    ("goals: [{name: G, targets: ['org:']}]", "goal 'G': target 'org:' must be a person, org:NAME or tag:NAME"),
    ("goals: [{name: G, target: [a]}]", "goal 1: unknown key 'target'; use name and targets"),
])
def test_bad_roles_and_goals_are_check_errors_with_their_line(project, run, option, message):
    project({}, config=f"site_name: T\ndocs_dir: log\nplugins:\n  - netlog:\n      upcoming: 7d\n      {option}\n")
    result = run("check")
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if message in x)
    assert line.startswith("mkdocs.yml:6: error: ")


def test_the_example_log_shows_every_part(run, monkeypatch):
    from sitehelpers import EXAMPLE

    monkeypatch.chdir(EXAMPLE)
    data = json.loads(run("audit", "--today", "2026-11-25", "--format", "json").output)
    assert all(data["tiers"][k]["people"] for k in ("inner", "middle", "outer"))
    assert any(r["gap"] for r in data["roles"]) and any(not r["gap"] for r in data["roles"])
    targets = [t for g in data["goals"] for t in g["targets"]]
    assert any(t["route"] and len(t["route"]["people"]) > 1 for t in targets)
    assert any(t["gap"] for t in targets)
    assert data["openness"]["entries"] and data["openness"]["next_step"]
    assert data["reconnect"] and data["since"]["first_met"] and data["since"]["openings"]
    assert data["since"]["introduced"] and data["since"]["reconnected"]


def test_since_after_today_is_a_usage_error(project, run):
    project({})
    result = run("audit", "--today", "2026-11-25", "--since", "2026-11-26")
    assert result.exit_code == 2 and "2026-11-26 is after today (2026-11-25)" in result.output
    assert run("audit", "--today", "2026-11-25", "--since", "2026-11-25").exit_code == 0  # an empty span


# --------------------------------------------------------------------------- the page (Markdown)


def test_the_page_summary_parts_and_escaping(tmp_path):
    from netlog.pages import build_pages

    files = dict(GOAL_FILES)
    files["people/mo.md"] = person("Mo <b>", tags="[mentor]")
    log = load(tmp_path, files, roles={"mentor": "mentor", "connector": "connector"},
               goals=[{"name": "Get *there* {#x} <i>", "targets": ["tag:legal-ops", "tag:remote"]}])
    text = build_pages(log, TODAY).markdown("audit.md")
    heads = [line for line in text.splitlines() if line.startswith("## ")]
    assert [x.split(" {#")[0] for x in heads] == [
        "## At a glance", "## Tiers", "## Roles", "## Openness", "## Goals", "## Reconnect",
        "## Since your last review", "## Dormant (0)", "## Never contacted (4)", "## One-sided ties (0)",
        "## Overdue thanks and follow-ups (0)", "## No cadence (5)"]
    # gaps in the summary, with their next steps and links to the people
    summary = text[text.index("## At a glance"):text.index("## Tiers")]
    assert "No active mentor" in summary and "No active connector" in summary
    assert "Get *there* {#x} &lt;i&gt;: no route to people tagged remote" in summary
    assert 'Write to <a href="people/mo.html">Mo &lt;b&gt;</a> to fill the mentor role' in summary
    # the goal's name is literal Markdown text; its route a chain of linked names with reasons
    assert "### Get \\*there\\* \\{\\#x\\} &lt;i&gt;" in text
    assert ('<ol class="nl-route"><li><a href="people/ann.html">Ann</a></li><li><a href="people/bob.html">Bob</a> '
            '<span class="nl-why">Ann introduced Bob</span></li><li><a href="people/cy.html">Cy</a> '
            '<span class="nl-why">both at Acme</span></li></ol>') in text
    assert "<b>" not in text and "<i>" not in text


def _agrees(shown, real) -> bool:
    """Does the documented value ``shown`` agree with ``real``? A list ending in "…" is a cut list
    (its items a prefix of the real ones; for lists of objects, any of them); an object compares key
    by key."""
    if isinstance(shown, dict):
        return isinstance(real, dict) and all(k in real and _agrees(v, real[k]) for k, v in shown.items())
    if isinstance(shown, list) and shown and shown[-1] == "…":
        return real[:len(shown) - 1] == shown[:-1]
    if isinstance(shown, list) and shown and isinstance(shown[0], dict):
        return all(any(_agrees(s, r) for r in real) for s in shown)
    return shown == real


def test_the_json_example_of_the_format_reference_is_the_example_logs(run, monkeypatch):
    import re

    from sitehelpers import EXAMPLE

    doc = (EXAMPLE / "docs" / "format.md").read_text(encoding="utf-8")
    section = doc[re.search(r"^## \d+\. The network audit", doc, re.M).start():]  # its number may change
    shown = json.loads(re.search(r"```json\n(.*?)```", section, re.S).group(1))
    monkeypatch.chdir(EXAMPLE)
    real = json.loads(run("audit", "--today", "2026-11-25", "--format", "json").output)
    assert list(shown) == KEYS
    for key in KEYS:
        assert _agrees(shown[key], real[key]), key
