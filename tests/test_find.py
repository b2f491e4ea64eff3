"""netlog find (docs/format.md §14): slug-form matching over people and entries, text and JSON."""

from __future__ import annotations

import json

import pytest

from helpers import entry, load_files, person

FILES = {
    "log/people/jose-nunez.md": person("José Núñez", org="Castellan Wright", role="General Counsel",
                                       aka="[Pepe]", tags="[mentor]")
    + "\nMet at the bar association.\nHe knows the Wexford people.\n",
    "log/people/jane-doe.md": person("Jane Doe", org="Acme"),
    "log/people/sam-lee.md": person("Sam Lee", tags="[wexford-alumni]"),
    "log/2026/2026-03-01-coffee-jane-doe.md": entry("2026-03-01", "coffee", "Jane Doe", title="Budget talk",
                                                    body="\nWe spoke about Núñez's team.\n"),
    "log/2026/2026-05-01-call-jane-doe.md": entry("2026-05-01", "call", "jane-doe", via="[Pepe]"),
    "log/2025/2025-01-01-meeting-sam-lee.md": entry("2025-01-01", "meeting", "Sam Lee",
                                                    outcome="An offer from WEXFORD", tags="[hiring]"),
    "log/2026/2026-05-01-email-sam-lee.md": entry("2026-05-01", "email", "Sam Lee", title='"Re: hiring plans"'),
}


def test_accents_and_case_are_ignored_both_ways(project, run):
    project(FILES)
    for query in ("nunez", "NÚÑEZ", "Nunez", "josé núñez", "jose-nunez"):
        r = run("find", query, "--format", "json")
        assert r.exit_code == 0, query
        data = json.loads(r.stdout)
        assert data["query"] == query
        assert [p["slug"] for p in data["people"]] == ["jose-nunez"], query


def test_the_json_shape_and_order_people_first_then_entries_newest_first(project, run):
    project(FILES)
    r = run("find", "jane", "--format", "json")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == {
        "query": "jane",
        "people": [{"slug": "jane-doe", "name": "Jane Doe", "org": "Acme"}],
        "entries": [
            {"path": "2026/2026-05-01-call-jane-doe.md", "date": "2026-05-01", "kind": "call",
             "title": "Call with Jane Doe"},
            {"path": "2026/2026-03-01-coffee-jane-doe.md", "date": "2026-03-01", "kind": "coffee",
             "title": "Budget talk"},
        ],
    }


def test_same_day_entries_are_ordered_by_path(project, run):
    project(FILES)
    r = run("find", "hiring", "--format", "json")
    # a tag of the 2025 meeting, the title of the 2026 email; two people sorted by name
    assert [e["path"] for e in json.loads(r.stdout)["entries"]] == [
        "2026/2026-05-01-email-sam-lee.md", "2025/2025-01-01-meeting-sam-lee.md"]


@pytest.mark.parametrize("query, field, shown", [
    ("pepe", "aka", "aka: Pepe"),
    ("castellan", "org", "org: Castellan Wright"),
    ("general counsel", "role", "role: General Counsel"),
    ("mentor", "tags", "tags: mentor"),
])
def test_each_person_field_matches_and_says_where(project, run, query, field, shown):
    project(FILES)
    r = run("find", query)
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "José Núñez, Castellan Wright  (log/people/jose-nunez.md)"
    assert f"  {shown}" in lines


def test_a_notes_match_names_its_file_line(project, run):
    project(FILES)
    r = run("find", "bar association")
    assert r.stdout.splitlines() == [
        "José Núñez, Castellan Wright  (log/people/jose-nunez.md)",
        "  log/people/jose-nunez.md:9: notes: Met at the bar association.",
    ]
    r = run("find", "nunez's team")  # an entry's notes: the line in the file, after the front matter
    assert "  log/2026/2026-03-01-coffee-jane-doe.md:8: notes: We spoke about Núñez's team." in r.stdout


@pytest.mark.parametrize("query, expected", [
    ("budget", ["2026-03-01  coffee  Budget talk  (log/2026/2026-03-01-coffee-jane-doe.md)", "  title: Budget talk"]),
    ("offer from wexford", ["2025-01-01  meeting  Meeting with Sam Lee  (log/2025/2025-01-01-meeting-sam-lee.md)",
                            "  outcome: An offer from WEXFORD"]),
])
def test_each_entry_field_matches_and_says_where(project, run, query, expected):
    project(FILES)
    r = run("find", query)
    assert r.exit_code == 0
    assert r.stdout.splitlines() == expected


def test_an_entry_matches_by_the_names_of_its_with_and_via_people(project, run):
    project(FILES)
    r = run("find", "José")
    out = r.stdout.splitlines()
    # the call names José only as `via: [Pepe]`: matched by his name, listed after him
    assert out[:2] == ["José Núñez, Castellan Wright  (log/people/jose-nunez.md)", "  name: José Núñez"]
    assert out[2:4] == ["2026-05-01  call  Call with Jane Doe  (log/2026/2026-05-01-call-jane-doe.md)",
                        "  via: José Núñez"]


def test_wexford_is_found_in_tags_outcome_and_notes_alike(project, run):
    project(FILES)
    r = run("find", "wexford", "--format", "json")
    data = json.loads(r.stdout)
    assert [p["slug"] for p in data["people"]] == ["jose-nunez", "sam-lee"]  # notes; a tag
    assert [e["path"] for e in data["entries"]] == ["2025/2025-01-01-meeting-sam-lee.md"]


def test_nothing_found_prints_nothing_and_exits_1(project, run):
    project(FILES)
    for fmt in ("text", "json"):
        r = run("find", "zebra", "--format", fmt)
        assert r.exit_code == 1
        assert r.stdout == "" and r.stderr == ""


def test_a_query_without_letters_or_digits_is_a_usage_error(project, run):
    project(FILES)
    r = run("find", "?! …")
    assert r.exit_code == 2
    assert "has no letters or digits" in r.stderr


def test_log_errors_are_reported_and_exit_1_after_the_hits(project, run):
    project({**FILES, "log/2026/bad.md": entry("2026-01-01", "nonsense-kind", "Jane Doe")})
    r = run("find", "budget", "--format", "json")
    assert r.exit_code == 1
    assert json.loads(r.stdout)["entries"][0]["title"] == "Budget talk"
    assert "log/2026/bad.md:3: error:" in r.stderr


def test_search_in_the_library(tmp_path):
    from netlog.find import search

    log, _ = load_files(tmp_path, {k[len("log/"):]: v for k, v in FILES.items()})
    found = search(log, "Núñez")
    assert [h.person.slug for h in found.people] == ["jose-nunez"]
    assert [(h.entry.path, [(m.field, m.line) for m in h.matches]) for h in found.entries] == [
        ("2026/2026-05-01-call-jane-doe.md", [("via", None)]),
        ("2026/2026-03-01-coffee-jane-doe.md", [("notes", 2)]),  # no body lines given: counted from 1
    ]
    with pytest.raises(ValueError):
        search(log, "…")


def test_the_quick_comparisons_agree_with_the_slug_form():
    """find's shortcuts (a pattern for ASCII text, slug.slug_form for accented Latin text) give
    what comparing slug forms (slug.slugify) gives, on random texts and queries."""
    import random

    from netlog.find import _Needle
    from netlog.slug import slug_form, slugify

    rng = random.Random(28)
    alphabet = "ab1 _-.,'éñøßİΩω王\u0301\u0308ﬁ\t"
    texts = ["José Núñez", "1\u0301x", "-\u0301a", "राहुल शर्मा", "İstanbul", "e\u0301\u0301"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(5000)]
    for text in texts:
        assert slug_form(text) == slugify(text), repr(text)
    for _ in range(5000):
        text, query = rng.choice(texts), "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4)))
        form = slugify(query)
        if form:
            assert _Needle(form)(text) == (form in slugify(text)), (text, query)


def test_a_stub_is_found_by_the_name_it_was_first_written_with(project, run):
    project({**FILES, "log/2026/2026-06-01-call-ana.md": entry("2026-06-01", "call", "Ána Ruiz")})
    r = run("find", "ana ruiz")
    assert r.exit_code == 0  # the unknown person is a warning only
    assert r.stdout.splitlines() == [
        "Ána Ruiz  (no person file)",
        "  name: Ána Ruiz",
        "2026-06-01  call  Call with Ána Ruiz  (log/2026/2026-06-01-call-ana.md)",
        "  title: Call with Ána Ruiz",
        "  with: Ána Ruiz",
    ]
    assert json.loads(run("find", "ana ruiz", "--format", "json").stdout)["people"] == [
        {"slug": "ana-ruiz", "name": "Ána Ruiz", "org": None}]
