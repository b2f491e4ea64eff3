"""Problem codes (docs/format.md §10): in every problem, in JSON, and `check --only/--ignore`;
the people index and the title rules that load, new, person, imports and due share."""

from __future__ import annotations

import json

import pytest

from netlog.checks import CHECKS
from netlog.model import Person
from netlog.people import PeopleIndex
from netlog.titles import body_without_title, default_title, title_from_body

from helpers import entry, person

FILES = {
    "log/people/jane-doe.md": person("Jane Doe"),
    "log/2026/a.md": entry("2026-01-05", "cofee", "Jane Doe"),  # unknown-kind (error)
    "log/2026/b.md": entry("2026-01-06", "coffee", "Janet Doe"),  # unknown-person (warning)
    "log/2026/c.md": entry("2026-01-07", "coffee", "Jane Doe", folow_up="3d"),  # unknown-key (warning)
}


def codes(result) -> list[str]:
    return [p["code"] for p in json.loads(result.stdout)]


def test_every_problem_has_its_code_in_json(project, run):
    project(FILES)
    result = run("check", "--format", "json")
    assert codes(result) == ["unknown-kind", "unknown-person", "unknown-key"]
    assert result.exit_code == 1


def test_only_keeps_the_named_codes_and_the_exit_status_follows(project, run):
    project(FILES)
    result = run("check", "--only", "unknown-person")
    assert result.stdout.splitlines() == [
        "log/2026/b.md:4: warning: 'with': unknown person 'Janet Doe' (did you mean 'Jane Doe'?); "
        "add people/janet-doe.md (netlog shows a stub page until then)"]
    assert result.exit_code == 0  # the error is not among the problems kept
    assert run("check", "--only", "unknown-person", "--strict").exit_code == 1
    result = run("check", "--format", "json", "--only", "unknown-key,unknown-kind")
    assert codes(result) == ["unknown-kind", "unknown-key"]
    assert result.exit_code == 1


def test_ignore_leaves_out_the_named_codes(project, run):
    project(FILES)
    result = run("check", "--format", "json", "--ignore", "unknown-kind", "--ignore", "unknown-key")
    assert codes(result) == ["unknown-person"]
    assert result.exit_code == 0
    result = run("check", "--format", "json", "--only", "unknown-kind", "--ignore", "unknown-kind")
    assert codes(result) == [] and result.exit_code == 0


@pytest.mark.parametrize("option", ["--only", "--ignore"])
def test_an_unknown_code_is_a_usage_error_with_a_suggestion(project, run, option):
    project(FILES)
    result = run("check", option, "unknown-persn")
    assert result.exit_code == 2
    assert "unknown problem code 'unknown-persn' (did you mean 'unknown-person'?)" in result.stderr
    assert result.stdout == ""


def test_codes_are_stable_names():
    for code, check in CHECKS.items():
        assert code == check.code and code.islower() and " " not in code
        assert check.severity in ("error", "warning") and check.section.startswith("§")


# --------------------------------------------------------------------------- the people index


def _p(slug, name, *aka, path=True):
    return Person(slug=slug, name=name, path=f"people/{slug}.md" if path else None, aka=tuple(aka))


def test_people_index_resolves_claims_and_suggests():
    index = PeopleIndex()
    assert index.add(_p("jane-doe", "Jane Doe", "J. D.")) == []
    clashes = index.add(_p("j-d", "Jay Dee", "Jane  DOE"))
    assert [(c.key, c.what, c.form, c.first.slug) for c in clashes] == [
        (None, "file name", "j-d", "jane-doe"), ("aka", "aka 'Jane  DOE'", "jane-doe", "jane-doe")]
    assert [p.slug for p in index.resolve("JAY  dée")] == ["j-d"]
    assert index.slugs("JANÉ doe") == ["jane-doe", "j-d"]  # ambiguous: both claim it
    assert index.slugs("J.D.") == ["jane-doe", "j-d"]
    assert index.claimant("Jane  DOE") == (index.people["jane-doe"], "file name")
    assert index.claimant("jd") is None and index.claimant("J D")[1] == "aka 'J. D.'"
    assert index.claimant("Sam") is None
    assert index.suggest("Jnae Doe") == "Jane Doe"
    assert index.suggest("Zebulon") is None
    assert [p.slug for p in index.complete("jay")] == ["j-d"]
    assert [p.slug for p in index.complete("")] == ["j-d", "jane-doe"]


def test_people_are_found_by_an_email_address_in_their_links():
    jane = Person(slug="jane-doe", name="Jane Doe", path="people/jane-doe.md",
                  links=(("email", "Jane.Doe@Example.com"), ("work", "mailto:jd@acme.test")))
    sam = Person(slug="sam-lee", name="Sam Lee", path="people/sam-lee.md", links=(("url", "https://x.test/@sam"),))
    index = PeopleIndex.of([jane, sam])
    assert index.by_email("jane.doe@example.COM") == [jane]
    assert index.by_email("<JD@acme.test>") == [jane]
    assert index.by_email("sam@x.test") == []
    index.add(Person(slug="j-d", name="J D", path="people/j-d.md", links=(("email", "jd@acme.test"),)))
    assert [p.slug for p in index.by_email("jd@acme.test")] == ["jane-doe", "j-d"]


def test_suggestions_follow_people_added_later():
    index = PeopleIndex.of([_p("jane-doe", "Jane Doe")])
    assert index.suggest("Sam Le") is None
    index.add(_p("sam-lee", "Sam Lee"))
    assert index.suggest("Sam Le") == "Sam Lee"


# --------------------------------------------------------------------------- titles


def test_the_title_heading_is_the_one_that_is_taken_out():
    body = "```\n# not this\n```\n#\tThe title ##\n\ntext\n"
    assert title_from_body(body) == "The title"
    assert body_without_title(body, "The title") == "```\n# not this\n```\n\ntext\n"
    assert body_without_title(body, "Another") == body  # a `title:` key that differs: notes unchanged
    assert title_from_body("## not a title\n") is None
    assert default_title("coffee", ["A", "B", "C"]) == "Coffee with A, B and C"
    assert default_title("talk", []) == "Talk"
