"""Front matter at its edges (docs/format.md §8): an unclosed flow collection is named at its
key's line, and YAML aliases that would expand past a sane bound are refused at a line, in
bounded time and memory."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from netlog import frontmatter

from helpers import person


def problems(text: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in frontmatter.parse("x.md", text).problems]


@pytest.mark.parametrize("front, line", [
    ("date: 2026-01-01\nkind: coffee\nwith: [Jane\n", 4),            # the last key, closing '---' next
    ("date: 2026-01-01\nwith: [Jane,\n  Sam,\n", 3),                  # over lines, ending on a comma
    ("date: 2026-01-01\nwith: [Jane,\n  Sam\n", 3),
    ("date: 2026-01-01\nwith:\n  [Jane\n", 3),                        # the value on the next line
    ("date: 2026-01-01\nwith: {a: b\n", 3),                            # a mapping
    ("with: [Jane\ndate: 2026-01-01\n", 2),                            # runs into the next key
    ("date: 2026-01-01\nwith: [Jane\n\n", 3),                          # a blank line before '---'
    ("date: 2026-01-01\nwith: [Jane\n# a comment\n", 3),
])
def test_an_unclosed_flow_collection_is_named_at_its_key(front, line):
    found = problems(f"---\n{front}---\nbody\n")
    assert len(found) == 1 and found[0][0] == line, found
    assert found[0][1].startswith("YAML syntax error")


def _bomb(levels: int, shape: str) -> str:
    out = ["date: 2026-01-01", "kind: coffee", "with: Jane"]
    if shape == "list":
        out.append("a0: &a0 [" + ", ".join(["x"] * 10) + "]")
        for n in range(1, levels):
            out.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    else:  # mappings
        out.append("a0: &a0 {" + ", ".join(f"k{k}: x" for k in range(10)) + "}")
        for n in range(1, levels):
            out.append(f"a{n}: &a{n} {{" + ", ".join(f"k{k}: *a{n - 1}" for k in range(10)) + "}")
    return "---\n" + "\n".join(out) + "\n---\n"


@pytest.mark.parametrize("levels, shape, line", [(9, "list", 9), (6, "list", 9), (9, "mapping", 9),
                                                (7, "mapping", 9)])
def test_an_alias_bomb_is_refused_at_a_line_in_bounded_time_and_memory(levels, shape, line):
    text = _bomb(levels, shape)
    tracemalloc.start()
    started = time.process_time()
    found = problems(text)
    spent = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert found == [(line, "YAML error: aliases (*name) expand the front matter to more than 100,000 values; "
                            "netlog reads at most that many (write the values out, or fewer of them)")]
    assert peak < 50 * 1024 * 1024 and spent < 5  # generous: expanded, these are gigabytes


def test_a_few_aliases_are_fine():
    fm = frontmatter.parse("x.md", "---\ndate: 2026-01-01\nkind: coffee\nwith: Jane\ntags: &t [a, b]\n"
                                   "more: *t\nbase: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n---\n")
    assert fm.problems == [] and fm.data["more"] == ["a", "b"] and fm.data["other"] == {"x": 1, "y": 2}


def test_check_reports_an_alias_bomb_as_an_error_and_goes_on(project, run):
    project({"log/people/jane.md": person("Jane"), "log/2026/bomb.md": _bomb(9, "list") + "notes\n",
             "log/2026/fine.md": "---\ndate: 2026-01-02\nkind: coffee\nwith: Jane\n---\n"})
    result = run("check")
    assert result.exit_code == 1
    assert "log/2026/bomb.md:9: error: YAML error: aliases (*name) expand the front matter" in result.output
    assert "1 entry, 1 person: 1 error" in result.output  # the other entry is read
