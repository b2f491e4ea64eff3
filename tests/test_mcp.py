"""netlog mcp (docs/format.md §14): the assistant's tools, called in process (netlog.agent) and
through the MCP SDK's own stdio client against ``python -m netlog mcp`` (slow)."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

from helpers import child_env, entry, person

TODAY = "2026-11-25"

FILES = {
    "log/people/jane-doe.md": person("Jane Doe", org="Acme", aka="[JD]", cadence="1m", tags="[mentor]")
    + "\nMet at the bar association.\n",
    "log/people/jose-nunez.md": person("José Núñez", org="Castellan Wright"),
    "log/people/sam-lee.md": person("Sam Lee", org="Acme"),
    "log/2026/2026-09-01-coffee-jane-doe.md": entry("2026-09-01", "coffee", "Jane Doe", follow_up="2026-11-20",
                                                    body="\nAsked about the Acme budget.\n"),
    "log/2026/2026-10-01-interview-jose-nunez.md": entry("2026-10-01", "interview", "jose-nunez", via="[JD]"),
    "log/2026/2026-11-30-meal-jane-doe.md": entry("2026-11-30", "meal", ["Jane Doe", "Sam Lee"]),
    "log/_inbox.md": "# Inbox\n\n- 2026-11-20 call with Sam Lee\n",
}


def _tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _changed(before: dict, after: dict) -> set[str]:
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def _allowed(path: str) -> bool:
    return path.startswith("log/_drafts/") or path == "log/_inbox.md"


@pytest.fixture
def tools(project, monkeypatch):
    """``call(name, **args) -> (texts, is_error)``, in process, in a project of FILES; each call
    checks that nothing outside log/_drafts/ and log/_inbox.md changed."""
    from netlog.agent import Context, call

    root = project(FILES)
    ctx = Context(str(root / "mkdocs.yml"), __import__("datetime").date.fromisoformat(TODAY))

    def run(name, **args):
        before = _tree_hashes(root)
        texts, is_error = call(ctx, name, args)
        changed = _changed(before, _tree_hashes(root))
        assert all(_allowed(p) for p in changed), changed
        if is_error or name not in ("draft_entry", "inbox_line"):
            assert not changed, changed  # a read tool, or a refusal, changes nothing at all
        return texts, is_error

    run.root = root
    return run


# --------------------------------------------------------------------------- read tools: the commands' JSON


@pytest.mark.parametrize("tool, args, command", [
    ("check", {}, ["check", "--format", "json"]),
    ("check", {"only": ["unknown-person"]}, ["check", "--format", "json", "--only", "unknown-person"]),
    ("due", {}, ["due", "--format", "json", "--today", TODAY]),
    ("due", {"all": True, "person": "JD", "within": "30d"},
     ["due", "--format", "json", "--all", "--person", "JD", "--within", "30d", "--today", TODAY]),
    ("audit", {}, ["audit", "--format", "json", "--today", TODAY]),
    ("path", {"target": "Sam Lee"}, ["path", "Sam Lee", "--format", "json", "--today", TODAY]),
    ("path", {"target": "org:acme", "limit": 1}, ["path", "org:acme", "--format", "json", "--limit", "1",
                                                  "--today", TODAY]),
    ("find", {"text": "nunez"}, ["find", "nunez", "--format", "json"]),
])
def test_read_tools_give_exactly_the_json_of_the_command(tools, run, tool, args, command):
    texts, is_error = tools(tool, **args)
    assert not is_error
    result = run(*command)
    assert texts == [result.stdout.rstrip("\n")]
    json.loads(texts[0])


def test_check_gives_the_configs_problems_too(tools, run):
    (tools.root / "mkdocs.yml").write_text("site_name: Test log\ndocs_dir: log\nplugins:\n  - search\n",
                                          encoding="utf-8")
    texts, is_error = tools("check")
    assert texts == [run("check", "--format", "json").stdout.rstrip("\n")]
    assert json.loads(texts[0])[0]["code"] == "plugin-not-enabled"


def test_a_broken_config_is_an_error_result_with_its_check_line(tools):
    (tools.root / "mkdocs.yml").write_text("site_name: [\n", encoding="utf-8")
    texts, is_error = tools("due")
    assert is_error and len(texts) == 1
    assert texts[0].startswith("mkdocs.yml:") and ": error: " in texts[0]


def test_a_read_tool_adds_the_logs_errors_as_check_lines(tools, run):
    (tools.root / "log/2026/bad.md").write_text(entry("2026-01-01", "nonsense", "Jane Doe"), encoding="utf-8")
    texts, is_error = tools("due")
    assert not is_error
    assert texts[0] == run("due", "--format", "json", "--today", TODAY).stdout.rstrip("\n")
    assert texts[1].startswith("log/2026/bad.md:3: error: unknown kind 'nonsense'")


def test_person_gives_profile_items_and_the_ten_newest_entries(tools, run):
    for n in range(1, 13):  # 12 more coffees: only the 10 newest are given, the planned meal first
        (tools.root / f"log/2025/2025-01-{n:02d}-coffee-jane-doe.md").parent.mkdir(exist_ok=True)
        (tools.root / f"log/2025/2025-01-{n:02d}-coffee-jane-doe.md").write_text(
            entry(f"2025-01-{n:02d}", "coffee", "Jane Doe"), encoding="utf-8")
    texts, is_error = tools("person", ref="jane doe")
    assert not is_error
    data = json.loads(texts[0])
    assert (data["slug"], data["name"], data["path"]) == ("jane-doe", "Jane Doe", "people/jane-doe.md")
    assert data["profile"]["org"] == "Acme" and data["profile"]["aka"] == ["JD"]
    assert data["profile"]["cadence"] == "1m" and data["profile"]["tags"] == ["mentor"]
    assert data["notes"] == "Met at the bar association."
    # the open items as `netlog due --all --person` gives them: cadence, thanks for the intro, the coffee's own
    assert data["items"] == json.loads(run("due", "--all", "--person", "jane-doe", "--format", "json",
                                           "--today", TODAY).stdout)["items"]
    assert [i["source"] for i in data["items"]] == ["cadence", "thanks", "explicit"]
    assert len(data["entries"]) == 10 and data["entries_in_all"] == 14
    assert data["entries"][0] == {"path": "2026/2026-11-30-meal-jane-doe.md", "date": "2026-11-30", "kind": "meal",
                                  "title": "Meal with Jane Doe and Sam Lee", "planned": True}
    assert [e["date"] for e in data["entries"][1:]] == ["2026-09-01"] + [f"2025-01-{n:02d}" for n in range(12, 4, -1)]


def test_person_refuses_an_unknown_ref_with_a_suggestion(tools):
    texts, is_error = tools("person", ref="Jane Do")
    assert is_error
    assert texts == ["no person matches 'Jane Do' (did you mean 'Jane Doe'?)"]


def test_bad_arguments_are_error_results_not_tracebacks(tools):
    assert tools("due", within="soon") == (["within: 'soon' is not an offset such as 3d, 2w, 1m or 1y"], True)
    texts, is_error = tools("path", target="Sam Lee", max_hops=0)
    assert is_error and texts[0].startswith("path: max_hops: 0 is less than the minimum of 1")
    assert tools("find", text="!!") == (["'!!' has no letters or digits to search for"], True)
    texts, is_error = tools("draft_entry")
    assert is_error and "'kind' is a required property" in texts[0]


# --------------------------------------------------------------------------- draft_entry


def test_a_draft_is_written_into_drafts_with_an_agent_source(tools, run):
    texts, is_error = tools("draft_entry", kind="coffee", **{"with": ["Jane Doe", "José Núñez"]}, via=["Sam Lee"],
                            date="2026-11-24", follow_up="2w", title="Budget, again", notes="We spoke.\nShe said yes.")
    assert not is_error, texts
    assert texts[0].startswith("drafted log/_drafts/2026-11-24-coffee-jane-doe.md: it waits in the drafts")
    text = (tools.root / "log/_drafts/2026-11-24-coffee-jane-doe.md").read_text(encoding="utf-8")
    assert text in texts[0]
    assert "\nwith: [Jane Doe, José Núñez]\nvia: [Sam Lee]\ntitle: Budget, again\nfollow_up: 2w\n" in text
    assert "\nsource: agent:2026-11-25\n---\n\nWe spoke.\nShe said yes.\n" in text
    listed = run("drafts")
    assert "passes check" in listed.stdout
    accepted = run("drafts", "--accept", "2026-11-24-coffee-jane-doe.md")
    assert accepted.exit_code == 0, accepted.output
    assert (tools.root / "log/2026/2026-11-24-coffee-jane-doe.md").read_text(encoding="utf-8") == text
    assert run("check").exit_code == 0


def test_a_second_draft_of_the_same_name_gets_a_suffix(tools):
    for _ in range(2):
        assert not tools("draft_entry", kind="call", **{"with": ["Sam Lee"]}, date="2026-11-02")[1]
    assert sorted(os.listdir(tools.root / "log/_drafts")) == ["2026-11-02-call-sam-lee-2.md",
                                                              "2026-11-02-call-sam-lee.md"]


@pytest.mark.parametrize("args, line", [
    ({"kind": "cofee", "with": ["Jane Doe"]},
     "log/_drafts/2026-11-25-cofee-jane-doe.md:3: error: unknown kind 'cofee' (did you mean 'coffee'?)"),
    ({"kind": "coffee"}, "log/_drafts/2026-11-25-coffee.md:4: error: "),
    ({"kind": "call", "with": ["Jane Doe"], "date": "2026-11-20", "follow_up": "2026-11-01"},
     "log/_drafts/2026-11-20-call-jane-doe.md:"),
])
def test_a_draft_that_would_not_pass_check_is_refused_with_the_check_lines(tools, args, line):
    texts, is_error = tools("draft_entry", **args)
    assert is_error
    assert len(texts) == 1 and texts[0].startswith(line)
    assert all(": error: " in t for t in texts[0].splitlines())
    assert not (tools.root / "log/_drafts").exists()


def test_a_draft_with_an_unknown_person_passes_with_the_warning(tools):
    texts, is_error = tools("draft_entry", kind="coffee", **{"with": ["Ana Ruiz"]})
    assert not is_error
    assert texts[1] == ("log/_drafts/2026-11-25-coffee-ana-ruiz.md:4: warning: 'with': unknown person 'Ana Ruiz'; "
                        "add people/ana-ruiz.md (netlog shows a stub page until then)")
    assert (tools.root / "log/_drafts/2026-11-25-coffee-ana-ruiz.md").is_file()


@pytest.mark.parametrize("args, message", [
    ({"kind": "coffee", "with": ["Jane Doe"], "date": "2026-13-01"}, "date: '2026-13-01' is not a calendar date"),
    ({"kind": "coffee", "with": ["Jane Doe"], "follow_up": "soon"},
     "follow_up: 'soon' is neither a date YYYY-MM-DD nor an offset such as 3d, 2w, 1m or 1y"),
])
def test_arguments_that_are_no_date_or_offset_are_refused(tools, args, message):
    assert tools("draft_entry", **args) == ([message], True)


# --------------------------------------------------------------------------- inbox_line


def test_an_inbox_line_is_appended_with_today_written_as_the_date(tools, run):
    texts, is_error = tools("inbox_line", line="today coffee with Jane Doe: the budget #acme +2w")
    assert not is_error, texts
    assert texts[0].startswith("added to log/_inbox.md at line 4: 2026-11-25 coffee with Jane Doe: the budget")
    assert (tools.root / "log/_inbox.md").read_text(encoding="utf-8") == (
        "# Inbox\n\n- 2026-11-20 call with Sam Lee\n2026-11-25 coffee with Jane Doe: the budget #acme +2w\n")
    result = run("inbox", "--today", "2026-11-27")  # two days later: still the 25th
    assert result.exit_code == 0, result.output
    assert (tools.root / "log/2026/2026-11-25-coffee-jane-doe.md").is_file()


@pytest.mark.parametrize("before, after", [
    (None, "- 2026-11-24 call with Sam Lee\n"),  # created when missing
    (b"", "- 2026-11-24 call with Sam Lee\n"),
    (b"# Inbox\r\n\r\n- 2026-11-20 coffee with Jane Doe\r\n", "# Inbox\r\n\r\n- 2026-11-20 coffee with Jane Doe\r\n"
     "- 2026-11-24 call with Sam Lee\r\n"),  # the file's own line ends
    (b"- 2026-11-20 coffee with Jane Doe", "- 2026-11-20 coffee with Jane Doe\n- 2026-11-24 call with Sam Lee\n"),
])
def test_an_inbox_line_keeps_every_line_already_there(tools, before, after):
    inbox = tools.root / "log/_inbox.md"
    if before is None:
        inbox.unlink()
    else:
        inbox.write_bytes(before)
    assert not tools("inbox_line", line="- 2026-11-24 call with Sam Lee")[1]
    assert inbox.read_bytes().decode("utf-8") == after


@pytest.mark.parametrize("line, message", [
    ("2026-11-24 cofee with Sam Lee", "log/_inbox.md:4: error: unknown kind 'cofee' (did you mean 'coffee'?)"),
    ("coffee with Sam", "log/_inbox.md:4: error: "),
    ("2026-11-24 coffee", "log/_inbox.md:4: error: a coffee is with someone"),
    ("# a heading", "log/_inbox.md: not an interaction line"),
    ("2026-11-24 call with Sam Lee\n2026-11-24 call with Jane Doe", "one line only"),
    ("2026-11-24 call with Sam Lee\u20282026-11-24 call with Jane Doe", "one line only"),
])
def test_a_line_the_inbox_would_reject_is_refused_with_its_message(tools, line, message):
    before = (tools.root / "log/_inbox.md").read_bytes()
    texts, is_error = tools("inbox_line", line=line)
    assert is_error
    assert texts[0].startswith(message)
    assert (tools.root / "log/_inbox.md").read_bytes() == before


def test_a_line_whose_entry_is_in_the_log_is_refused(tools):
    texts, is_error = tools("inbox_line", line="2026-11-30 meal with Jane Doe, Sam Lee")
    assert is_error and "already has this entry" in texts[0]


# --------------------------------------------------------------------------- the command


def test_netlog_mcp_without_the_sdk_says_how_to_install_it(project, run, monkeypatch):
    project(FILES)
    monkeypatch.setitem(sys.modules, "mcp", None)  # `import mcp` raises ImportError
    monkeypatch.setitem(sys.modules, "mcp.server.lowlevel", None)
    result = run("mcp")
    assert result.exit_code == 1
    assert result.stderr == "Error: netlog mcp needs the MCP SDK: pip install 'netlog[mcp]'\n"


def test_the_core_does_not_import_the_sdk():
    import subprocess

    code = ("import sys, netlog.cli, netlog.agent, netlog.mcpserver, netlog.commands.agents; "
            "print(any(m == 'mcp' or m.startswith('mcp.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_init_writes_agents_md_beside_mkdocs_yml_and_never_over_one(tmp_path, monkeypatch, run):
    monkeypatch.chdir(tmp_path)
    assert run("init", "net", "--no-git", "--today", TODAY).exit_code == 0
    text = (tmp_path / "net/AGENTS.md").read_text(encoding="utf-8")
    assert (tmp_path / "net/mkdocs.yml").is_file()
    for words in ("Never edit, move or delete a file here", "`draft_entry`", "`inbox_line`",
                  "netlog drafts --accept", "netlog find TEXT --format json", "kind: coffee"):
        assert words in text
    (tmp_path / "own").mkdir()
    (tmp_path / "own/AGENTS.md").write_text("my own rules\n", encoding="utf-8")
    result = run("init", "own", "--no-git", "--today", TODAY)
    assert "left alone  own/AGENTS.md (already there)" in result.stdout
    assert (tmp_path / "own/AGENTS.md").read_text(encoding="utf-8") == "my own rules\n"


# --------------------------------------------------------------------------- through the SDK's stdio client


def _session(root: Path, calls):
    """Start ``python -m netlog mcp`` in ``root`` with the SDK's stdio client and run
    ``await calls(session)``."""
    import anyio
    from mcp import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client

    env = child_env()
    env["NETLOG_TODAY"] = TODAY
    params = StdioServerParameters(command=sys.executable, args=["-m", "netlog", "mcp"], cwd=str(root), env=env)

    async def main():
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                return await calls(session)

    return anyio.run(main)


@pytest.mark.slow
def test_the_server_over_stdio_lists_and_runs_every_tool(project, run):
    root = project(FILES)
    expected = {name: run(*args).stdout.rstrip("\n") for name, args in {
        "check": ["check", "--format", "json"],
        "due": ["due", "--format", "json", "--today", TODAY],
        "audit": ["audit", "--format", "json", "--today", TODAY],
        "path": ["path", "Sam Lee", "--format", "json", "--today", TODAY],
        "find": ["find", "acme", "--format", "json"],
    }.items()}
    arguments = {"check": {}, "due": {}, "audit": {}, "path": {"target": "Sam Lee"}, "find": {"text": "acme"},
                 "person": {"ref": "José Núñez"},
                 "draft_entry": {"kind": "coffee", "with": ["Jane Doe"], "title": "Budget", "notes": "Yes."},
                 "inbox_line": {"line": "yesterday call with Sam Lee: hiring +1w"}}
    changes = {}

    async def calls(session):
        listed = await session.list_tools()
        results = {}
        for name, args in arguments.items():
            before = _tree_hashes(root)
            results[name] = await session.call_tool(name, args)
            changes[name] = _changed(before, _tree_hashes(root))
        refused = await session.call_tool("draft_entry", {"kind": "coffee", "with": ["Jane Doe"], "date": "2026-11-20",
                                                          "follow_up": "2026-11-01"})
        return listed, results, refused

    listed, results, refused = _session(root, calls)
    tools = {t.name: t for t in listed.tools}
    assert sorted(tools) == sorted(arguments)
    assert "_drafts/" in tools["draft_entry"].description and "netlog drafts --accept" in tools["draft_entry"].description
    assert "interview 1d" in tools["draft_entry"].description and "YYYY-MM-DD" in tools["inbox_line"].description
    assert tools["draft_entry"].input_schema["properties"]["with"]["type"] == "array"
    assert tools["due"].annotations.read_only_hint and not tools["inbox_line"].annotations.read_only_hint
    for name, text in expected.items():
        assert not results[name].is_error
        assert [c.text for c in results[name].content] == [text], name
    assert json.loads(results["person"].content[0].text)["slug"] == "jose-nunez"
    for name, changed in changes.items():
        assert changed == {"draft_entry": {"log/_drafts/2026-11-25-coffee-jane-doe.md"},
                           "inbox_line": {"log/_inbox.md"}}.get(name, set()), name
    assert (root / "log/_inbox.md").read_text(encoding="utf-8").endswith("\n2026-11-24 call with Sam Lee: hiring +1w\n")
    assert refused.is_error
    assert [c.text for c in refused.content] == [
        "log/_drafts/2026-11-20-coffee-jane-doe.md:7: error: 'follow_up' is due 2026-11-01, before the entry's "
        "date 2026-11-20"]
    assert not (root / "log/_drafts/2026-11-20-coffee-jane-doe.md").exists()
    accepted = run("drafts", "--accept", "2026-11-25-coffee-jane-doe.md")
    assert accepted.exit_code == 0, accepted.output
    assert (root / "log/2026/2026-11-25-coffee-jane-doe.md").read_text(encoding="utf-8").endswith(
        "source: agent:2026-11-25\n---\n\nYes.\n")
    assert not list((root / "log/_drafts").glob("*.md"))
    assert run("check").exit_code == 0


@pytest.mark.slow
def test_the_server_refuses_to_start_without_a_config(tmp_path):
    import subprocess

    result = subprocess.run([sys.executable, "-m", "netlog", "mcp"], cwd=tmp_path, env=child_env(),
                            capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode == 1
    assert result.stderr == ("Error: no mkdocs.yml in this folder or any parent; run `netlog init` to start a log, "
                             "or pass -f CONFIG\n")


@pytest.mark.slow
def test_the_server_finds_its_log_with_f_from_another_folder(project, tmp_path_factory):
    root = project(FILES)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    import anyio
    from mcp import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client

    params = StdioServerParameters(command=sys.executable, cwd=str(elsewhere), env=child_env(),
                                   args=["-m", "netlog", "-f", str(root / "mkdocs.yml"), "mcp"])

    async def main():
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                return await session.call_tool("find", {"text": "castellan"})

    result = anyio.run(main)
    assert not result.is_error
    assert json.loads(result.content[0].text)["people"] == [
        {"slug": "jose-nunez", "name": "José Núñez", "org": "Castellan Wright"}]


def test_audit_json_gives_each_part_with_people_as_slugs(project, run):
    project(FILES)
    data = json.loads(run("audit", "--format", "json", "--today", TODAY).stdout)
    assert list(data) == ["tiers", "roles", "openness", "goals", "reconnect", "since", "dormant",
                          "never_contacted", "one_sided", "overdue", "no_cadence"]
    assert [p["person"] for p in data["never_contacted"]] == ["sam-lee"]  # only a planned meal with him
    assert data["no_cadence"] == ["jose-nunez", "sam-lee"]
    # the interview's thank-you note (rule, 1 day) and thanking Jane, its introducer
    assert [(i["person"], i["source"]) for i in data["overdue"]] == [("jose-nunez", "rule"), ("jane-doe", "thanks")]


def test_find_with_no_match_is_empty_lists_not_an_error(tools):
    assert tools("find", text="zebra") == (['{\n  "query": "zebra",\n  "people": [],\n  "entries": []\n}'], False)


def test_append_line_refuses_a_line_break_of_any_kind(tmp_path):
    from netlog.capture.inbox import append_line

    for text in ("a\nb", "a\rb", "a\u2028b", "a\x85b", "a\n"):
        with pytest.raises(ValueError):
            append_line(str(tmp_path / "_inbox.md"), text)
    assert not (tmp_path / "_inbox.md").exists()  # checked before the file is opened


def test_appends_from_several_writers_at_once_lose_no_line(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from netlog.capture.inbox import append_line

    inbox = tmp_path / "_inbox.md"
    inbox.write_text("# Inbox\n- 2026-11-20 call with Sam Lee\n", encoding="utf-8")
    lines = [f"- 2026-11-{1 + n % 28:02d} coffee with Person {n}" for n in range(40)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        numbers = list(pool.map(lambda line: append_line(str(inbox), line), lines))
    text = inbox.read_text(encoding="utf-8")
    assert text.startswith("# Inbox\n- 2026-11-20 call with Sam Lee\n")
    assert sorted(text.splitlines()[2:]) == sorted(lines) and text.endswith("\n")
    assert min(numbers) == 3


def test_a_draft_is_checked_as_check_reads_a_file_size_and_notes_included(tools, run):
    texts, is_error = tools("draft_entry", kind="coffee", **{"with": ["Jane Doe"]}, notes="x" * (3 * 1024 * 1024))
    assert is_error
    assert texts[0].startswith("log/_drafts/2026-11-25-coffee-jane-doe.md:1: error: ")
    assert texts[0].count("\n") == 0 and "MiB" in texts[0]
    texts, is_error = tools("draft_entry", kind="coffee", **{"with": ["Jane Doe"]}, notes="[" * 500)
    assert not is_error  # hostile notes are a warning, as in check: written, and said
    assert ": warning: " in texts[1] and texts[1].startswith("log/_drafts/2026-11-25-coffee-jane-doe.md:")
    result = run("drafts")
    assert "passes check" in result.stdout


@pytest.mark.slow
def test_ctrl_c_stops_the_server_waiting_on_its_input(project):
    """The SDK reads standard input in a thread no cancellation reaches: SIGINT must still end it."""
    import signal
    import subprocess

    root = project(FILES)
    child = subprocess.Popen([sys.executable, "-m", "netlog", "mcp"], cwd=root, env=child_env(),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        child.stdin.write(b'{"jsonrpc": "2.0", "id": 1, "method": "ping"}\n')  # up and answering
        child.stdin.flush()
        assert b'"id":1' in child.stdout.readline().replace(b" ", b"")
        child.send_signal(signal.SIGINT)
        assert child.wait(timeout=30) == 128 + signal.SIGINT
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
