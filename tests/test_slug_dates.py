"""Slugs, ref matching by slug form (docs/format.md §3) and offsets/dates (§4)."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import entry, load_files, person
from netlog.dates import Offset, date_error, offset_error, parse_date, parse_offset, parse_today
from netlog.slug import is_slug, slugify

D = dt.date


# --------------------------------------------------------------------------- slugs


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("José Núñez", "jose-nunez"),
        ("Anne-Marie O'Neil", "anne-marie-o-neil"),
        ("王伟", "王伟"),
        ("Jane  DOE", "jane-doe"),
        ("Jané Doe", "jane-doe"),
        ("jane-doe", "jane-doe"),
        ("F. Grey", "f-grey"),
        ("  --Dr. Émile   Zola--  ", "dr-emile-zola"),
        ("snake_case_name", "snake-case-name"),
        ("Agent 007", "agent-007"),
        ("!!!", ""),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jane-doe", True),
        ("jose-nunez", True),
        ("王伟", True),
        ("a1-2b", True),
        ("Jane-Doe", False),
        ("jane--doe", False),
        ("-jane", False),
        ("jane-", False),
        ("jane_doe", False),
        ("josé", False),
        ("jane doe", False),
        ("", False),
    ],
)
def test_is_slug(text, expected):
    assert is_slug(text) is expected


def test_slugify_is_idempotent():
    for text in ("José Núñez", "Anne-Marie O'Neil", "王伟", "Ω Omega_2"):
        once = slugify(text)
        assert slugify(once) == once
        assert is_slug(once)


# --------------------------------------------------------------------------- refs


@pytest.fixture
def people_files():
    return {
        "people/jane-doe.md": person("Jane Doe"),
        "people/frank-grey.md": person("Frank Grey", aka="[F. Grey, Franky]"),
        "people/jose-nunez.md": person("José Núñez"),
    }


@pytest.mark.parametrize("ref", ["Jane  DOE", "jane-doe", "Jané Doe", "Jane Doe", "JANE_DOE"])
def test_ref_forms_name_jane_doe(tmp_path, people_files, ref):
    files = dict(people_files)
    files["2026/a.md"] = entry("2026-01-05", "coffee", [ref])
    log, problems = load_files(tmp_path, files)
    assert problems == []
    assert [e.with_ for e in log.entries] == [("jane-doe",)]
    assert log.people["jane-doe"].name == "Jane Doe"
    assert not any(p.stub for p in log.people.values())


@pytest.mark.parametrize("ref", ["F. Grey", "f grey", "Franky", "frank-grey", "Frank Grey"])
def test_aka_and_slug_refs(tmp_path, people_files, ref):
    files = dict(people_files)
    files["2026/a.md"] = entry("2026-01-05", "coffee", [f'"{ref}"'])
    log, problems = load_files(tmp_path, files)
    assert problems == []
    assert log.entries[0].with_ == ("frank-grey",)


def test_accented_name_matches_unaccented_ref(tmp_path, people_files):
    files = dict(people_files)
    files["2026/a.md"] = entry("2026-01-05", "coffee", ["Jose Nunez"], via="jose nuñez")
    log, problems = load_files(tmp_path, files)
    assert problems == []
    assert log.entries[0].with_ == ("jose-nunez",)
    assert log.entries[0].via == ("jose-nunez",)


def test_with_as_one_string_is_a_list_of_one(tmp_path, people_files):
    files = dict(people_files)
    files["2026/a.md"] = "---\ndate: 2026-01-05\nkind: coffee\nwith: Jane Doe\n---\n"
    log, problems = load_files(tmp_path, files)
    assert problems == []
    assert log.entries[0].with_ == ("jane-doe",)


def test_repeated_ref_counts_once(tmp_path, people_files):
    files = dict(people_files)
    files["2026/a.md"] = entry("2026-01-05", "coffee", ["Jane Doe", "jane-doe", "Frank Grey"])
    log, problems = load_files(tmp_path, files)
    assert problems == []
    assert log.entries[0].with_ == ("jane-doe", "frank-grey")


def test_unknown_ref_makes_a_stub_named_as_first_written(tmp_path, people_files):
    files = dict(people_files)
    files["2026/a.md"] = entry("2026-01-05", "coffee", ["Zoë  Smith"])
    files["2026/b.md"] = entry("2026-01-06", "coffee", ["zoe smith"])
    log, problems = load_files(tmp_path, files)
    assert [p.severity for p in problems] == ["warning", "warning"]
    stub = log.people["zoe-smith"]
    assert stub.stub and stub.path is None
    assert stub.name == "Zoë  Smith"
    assert [e.with_ for e in log.entries] == [("zoe-smith",), ("zoe-smith",)]


# --------------------------------------------------------------------------- offsets


@pytest.mark.parametrize(
    ("text", "n", "unit"),
    [("1d", 1, "d"), ("3d", 3, "d"), ("2w", 2, "w"), ("1m", 1, "m"), ("18m", 18, "m"),
     ("1y", 1, "y"), ("365d", 365, "d")],
)
def test_parse_offset(text, n, unit):
    off = parse_offset(text)
    assert off == Offset(n, unit)
    assert str(off) == text


@pytest.mark.parametrize("value", ["0d", "3", "3x", "-1d", "", "d", "1.5d", "3 d", "1D", "03d",
                                   "+1d", "1dd", 3, 0, None, True, 1.5, ["3d"]])
def test_invalid_offsets(value):
    assert parse_offset(value) is None


@pytest.mark.parametrize(
    ("start", "offset", "expected"),
    [
        (D(2026, 1, 1), "1d", D(2026, 1, 2)),
        (D(2025, 12, 31), "1d", D(2026, 1, 1)),
        (D(2024, 2, 28), "1d", D(2024, 2, 29)),
        (D(2026, 1, 1), "2w", D(2026, 1, 15)),
        (D(2026, 1, 15), "1m", D(2026, 2, 15)),
        (D(2025, 12, 15), "1m", D(2026, 1, 15)),
        (D(2026, 1, 31), "1m", D(2026, 2, 28)),   # docs/format.md §4's own example
        (D(2024, 1, 31), "1m", D(2024, 2, 29)),   # a leap year's February
        (D(2026, 3, 31), "1m", D(2026, 4, 30)),
        (D(2026, 1, 31), "13m", D(2027, 2, 28)),
        (D(2026, 1, 31), "2m", D(2026, 3, 31)),   # clamps only where the target month lacks the day
        (D(2026, 5, 31), "12m", D(2027, 5, 31)),
        (D(2024, 2, 29), "1y", D(2025, 2, 28)),
        (D(2024, 2, 29), "4y", D(2028, 2, 29)),
        (D(2024, 2, 29), "12m", D(2025, 2, 28)),
        (D(2026, 6, 30), "1y", D(2027, 6, 30)),
    ],
)
def test_offset_add_to(start, offset, expected):
    assert parse_offset(offset).add_to(start) == expected


def test_offset_past_the_calendar_raises_overflow():
    with pytest.raises(OverflowError):
        Offset(1, "y").add_to(D(9999, 6, 1))


def test_offset_error_messages():
    assert offset_error(3) == "an offset needs a unit: write 3d, 3w, 3m or 3y"
    assert offset_error("3x") == ("expected an offset such as 3d, 2w, 1m or 1y "
                                  "(a positive number and d, w, m or y), got '3x'")
    assert offset_error(None) == "expected an offset such as 3d, 2w, 1m or 1y, got nothing"


# --------------------------------------------------------------------------- dates


def test_parse_date():
    assert parse_date(D(2026, 2, 28)) == D(2026, 2, 28)
    assert parse_date("2026-02-28") == D(2026, 2, 28)
    assert parse_date("2026-02-30") is None
    assert parse_date("2026-2-28") is None
    assert parse_date(dt.datetime(2026, 2, 28, 10, 0)) is None
    assert parse_date(20260228) is None
    assert parse_date(None) is None


def test_date_errors():
    assert date_error("2026-02-30") == "'2026-02-30' is not a calendar date"
    assert date_error("soon") == "expected a date YYYY-MM-DD, got 'soon'"
    assert date_error(dt.datetime(2026, 1, 1, 10, 0)) == (
        "expected a date YYYY-MM-DD, got a date and time (2026-01-01T10:00:00); drop the time")


def test_parse_today():
    assert parse_today("2026-03-01") == D(2026, 3, 1)
    with pytest.raises(ValueError, match="is not a date YYYY-MM-DD"):
        parse_today("March 1")
    with pytest.raises(ValueError, match="is not a calendar date"):
        parse_today("2026-02-30")


# --------------------------------------------------------------------------- entry fields (docs/format.md §2)


def test_direction_defaults(tmp_path, people_files):
    files = dict(people_files)
    files.update({
        "2026/a.md": entry("2026-01-05", "thank-you", ["Jane Doe"]),
        "2026/b.md": entry("2026-01-06", "follow-up", ["Jane Doe"]),
        "2026/c.md": entry("2026-01-07", "coffee", ["Jane Doe"]),
        "2026/d.md": entry("2026-01-08", "thank-you", ["Jane Doe"], direction="in"),
        "2026/e.md": entry("2026-01-09", "call", ["Jane Doe"], direction="mutual"),
    })
    log, problems = load_files(tmp_path, files)
    assert problems == []
    assert [(e.path, e.direction) for e in log.entries] == [
        ("2026/a.md", "out"), ("2026/b.md", "out"), ("2026/c.md", None), ("2026/d.md", "in"),
        ("2026/e.md", "mutual")]


def test_entries_are_ordered_by_date_then_path(tmp_path, people_files):
    files = dict(people_files)
    files.update({
        "z.md": entry("2026-01-05", "coffee", ["Jane Doe"]),
        "2027/a.md": entry("2025-01-05", "coffee", ["Jane Doe"]),
        "a.md": entry("2026-01-05", "coffee", ["Jane Doe"]),
    })
    log, problems = load_files(tmp_path, files)
    assert problems == []
    assert [e.path for e in log.entries] == ["2027/a.md", "a.md", "z.md"]
