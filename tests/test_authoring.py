"""netlog init, new and person: files written from templates, never overwritten.

Each test writes a small project into ``tmp_path`` (conftest's ``project``),
runs the command through Click's runner and reads back what it wrote;
written files are run through ``netlog check`` so the templates stay valid.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import click
import pytest
import yaml
from click.shell_completion import ShellComplete

from netlog import entrytext, scaffold, userfiles
from netlog.commands import common
from netlog.cli import main
from netlog.load import load_log
from netlog.options import to_options

from helpers import person, tree, write_files

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-25"


def people_project(project):
    return project({
        "log/people/jane-doe.md": person("Jane Doe", aka="[Jane D.]", org="Acme LLP"),
        "log/people/margaret-okafor.md": person("Margaret Okafor"),
    })


# --------------------------------------------------------------------------- init


@pytest.mark.slow
def test_init_into_an_empty_folder_gives_a_log_that_checks_and_builds(tmp_path, monkeypatch, run):
    monkeypatch.chdir(tmp_path)
    result = run("init", "net", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "created     net/AGENTS.md",
        "created     net/.gitignore",
        "created     net/.pre-commit-config.yaml",
        "created     net/log/_inbox.md",
        "created     net/log/people/jane-doe.md",
        f"created     net/log/2026/{TODAY}-coffee-jane-doe.md",
        "created     net/mkdocs.yml",
        "created     net/overrides/main.html",
        "created     net/overrides/partials/copyright.html",
        "created     net/.git (git init)",
        "Next: cd net && netlog check && netlog due && netlog build",
    ]
    monkeypatch.chdir(tmp_path / "net")
    check = run("check", "--strict")
    # nothing but the summary line (docs/commands.md, netlog check; on stderr)
    assert (check.exit_code, check.stdout, check.stderr) == (0, "", "1 entry, 1 person: 0 errors, 0 warnings\n")
    build = run("build", "--strict", "--today", TODAY, "-d", str(tmp_path / "site"))
    assert build.exit_code == 0, build.output
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "people" / "jane-doe.html").is_file()
    assert (tmp_path / "site" / "2026" / f"{TODAY}-coffee-jane-doe.html").is_file()


def test_init_me_writes_the_me_option_and_without_it_says_how(tmp_path, monkeypatch, run):
    import yaml

    monkeypatch.chdir(tmp_path)
    result = run("init", "a", "--no-git", "--today", TODAY, "--me", "Me@Example.com", "--me", "mailto:me@work.example",
                 "--me", "me@example.com")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "a/mkdocs.yml").read_text(encoding="utf-8")
    assert "      me: [me@example.com, me@work.example]  # your own e-mail addresses" in text
    config = yaml.load(text.replace("!!python/name:", "").replace("!ENV", ""), Loader=yaml.BaseLoader)
    [netlog] = [p["netlog"] for p in config["plugins"] if isinstance(p, dict) and "netlog" in p]
    assert netlog["me"] == ["me@example.com", "me@work.example"]
    assert "`me:" not in result.stderr
    plain = run("init", "b", "--no-git", "--today", TODAY)
    assert "      # me: [you@example.com]  #" in (tmp_path / "b/mkdocs.yml").read_text(encoding="utf-8")
    assert "add your own e-mail addresses as `me: [you@example.com]`" in plain.stderr
    bad = run("init", "c", "--no-git", "--today", TODAY, "--me", "not an address")
    assert bad.exit_code == 2 and "'not an address' is not an e-mail address" in bad.output
    assert not (tmp_path / "c").exists()


def test_init_files_say_what_the_issue_asks(tmp_path, monkeypatch, run):
    monkeypatch.chdir(tmp_path)
    run("init", "--today", TODAY)
    cfg = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert cfg["theme"]["name"] == "material"
    assert cfg["theme"]["font"] is False
    assert cfg["theme"]["custom_dir"] == "overrides"
    assert [p["scheme"] for p in cfg["theme"]["palette"]] == ["default", "slate"]
    assert all("toggle" in p for p in cfg["theme"]["palette"])
    assert cfg["use_directory_urls"] is False
    assert cfg["docs_dir"] == "log"
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in cfg["plugins"]]
    assert plugins == ["search", "tags", "netlog"]
    assert "repo_url" not in cfg and "analytics" not in cfg.get("extra", {})
    assert (tmp_path / "log" / "people").is_dir()
    main_html = (tmp_path / "overrides" / "main.html").read_text(encoding="utf-8")
    assert main_html == (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    gitignore = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "site/" in gitignore and "__pycache__/" in gitignore
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"][0]["repo"] == "local"
    hook = hooks["repos"][0]["hooks"][0]
    assert {k: hook[k] for k in ("entry", "language", "pass_filenames", "files")} == {
        "entry": "netlog check", "language": "system", "pass_filenames": False, "files": r"\.(md|ya?ml)$"}
    # the example person and entry name each other
    entry = (tmp_path / "log" / "2026" / f"{TODAY}-coffee-jane-doe.md").read_text(encoding="utf-8")
    person_text = (tmp_path / "log" / "people" / "jane-doe.md").read_text(encoding="utf-8")
    assert "with: Jane Doe" in entry and "../people/jane-doe.md" in entry
    assert f"../2026/{TODAY}-coffee-jane-doe.md" in person_text


def test_init_keeps_an_existing_mkdocs_yml_byte_identical_and_lists_it(tmp_path, monkeypatch, run):
    original = b"site_name: Mine\r\ndocs_dir: notes\r\nplugins:\r\n  - netlog\r\n"
    (tmp_path / "mkdocs.yml").write_bytes(original)
    monkeypatch.chdir(tmp_path)
    result = run("init", "--today", TODAY)
    assert result.exit_code == 0
    assert (tmp_path / "mkdocs.yml").read_bytes() == original
    assert "left alone  mkdocs.yml (already there)" in result.stdout.splitlines()
    assert "created     mkdocs.yml" not in result.stdout
    # the log goes where the existing config says it is
    assert (tmp_path / "notes" / "people" / "jane-doe.md").is_file()
    assert not (tmp_path / "log").exists()
    assert run("check", "--strict").exit_code == 0


def test_init_twice_writes_nothing_the_second_time(tmp_path, monkeypatch, run):
    monkeypatch.chdir(tmp_path)
    run("init", "--today", TODAY)
    before = tree(tmp_path)
    (tmp_path / ".gitignore").write_text("node_modules/\n", encoding="utf-8")
    before[".gitignore"] = b"node_modules/\n"
    result = run("init", "--today", "2027-01-05")
    assert result.exit_code == 0
    assert tree(tmp_path) == before
    out = result.stdout.splitlines()
    assert "created" not in result.stdout
    assert "left alone  .gitignore (already there)" in out
    assert "left out    the example person and entry (log already has Markdown files)" in out
    assert "does not ignore site/" in result.stderr


def test_init_leaves_the_examples_out_of_a_log_that_has_files(tmp_path, monkeypatch, run):
    write_files(tmp_path, {"log/people/sam-lee.md": person("Sam Lee")})
    monkeypatch.chdir(tmp_path)
    result = run("init", "--today", TODAY)
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "log").rglob("*.md")) == ["sam-lee.md"]
    assert (tmp_path / "mkdocs.yml").is_file()


def test_init_into_a_file_is_a_usage_error(tmp_path, monkeypatch, run):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("init", "afile")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_pre_commit_hooks_file_declares_netlog_check():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = {h["id"]: h for h in hooks}["netlog-check"]
    assert {k: hook[k] for k in ("entry", "language", "pass_filenames", "files", "always_run")} == {
        "entry": "netlog check", "language": "python", "pass_filenames": False,
        "files": r"\.(md|ya?ml)$", "always_run": False}


def test_init_templates_are_package_files():
    paths = [p for p, _ in scaffold.init_templates()]
    assert "mkdocs.yml" in paths and "dot-gitignore" in paths and "dot-pre-commit-config.yaml" in paths


# --------------------------------------------------------------------------- new


def test_new_writes_an_entry_that_checks_and_prints_its_path(project, run):
    root = people_project(project)
    result = run("new", "coffee", "--with", "Jane Doe", "--via", "margaret-okafor", "--follow-up", "2w",
                 "--title", "Coffee about the GC role", "--date", "2026-03-04")
    assert result.exit_code == 0, result.output
    assert result.stdout == "log/2026/2026-03-04-coffee-jane-doe.md\n"
    assert result.stderr == ""
    text = (root / "log/2026/2026-03-04-coffee-jane-doe.md").read_text(encoding="utf-8")
    assert text.startswith("---\ndate: 2026-03-04\nkind: coffee\nwith: [Jane Doe]\nvia: [margaret-okafor]\n"
                           "title: Coffee about the GC role\nfollow_up: 2w\n")
    assert "# direction: out" in text and "# channel: in-person" in text and "# tags: []" in text
    assert run("check", "--strict").exit_code == 0
    log, _ = load_log(str(root / "log"), to_options(None))
    (e,) = log.entries
    assert (e.with_, e.via, e.title, e.follow_up.due.isoformat()) == (
        ("jane-doe",), ("margaret-okafor",), "Coffee about the GC role", "2026-03-18")


def test_new_hints_the_optional_keys_of_its_kind(project, run):
    root = people_project(project)
    run("new", "coffee", "--with", "jane-doe", "--date", "2026-03-04")
    coffee = (root / "log/2026/2026-03-04-coffee-jane-doe.md").read_text(encoding="utf-8")
    assert "\n# follow_up: 2w " in coffee and "\n# via: " in coffee and "\n# title: " in coffee
    assert "audience" not in coffee
    run("new", "interview", "--with", "jane-doe", "--date", "2026-03-04")
    interview = (root / "log/2026/2026-03-04-interview-jane-doe.md").read_text(encoding="utf-8")
    assert "Send a thank-you note, 1d after the entry" in interview
    run("new", "talk", "--title", "Billing rules", "--date", "2026-03-04")
    talk = (root / "log/2026/2026-03-04-talk-billing-rules.md").read_text(encoding="utf-8")
    assert "\n# audience: " in talk and "\n# with: " in talk
    assert run("check", "--strict").exit_code == 0


def test_new_names_the_file_after_the_person_the_title_or_the_kind(project, run):
    root = people_project(project)
    date = ("--date", "2026-03-04")
    assert run("new", "call", "--with", "Jane D.", *date).stdout == "log/2026/2026-03-04-call-jane-doe.md\n"
    assert run("new", "call", "--with", "Sam  Lée", *date).stdout == "log/2026/2026-03-04-call-sam-lee.md\n"
    assert run("new", "article", "--title", "Why Billing? Matters!", *date).stdout == \
        "log/2026/2026-03-04-article-why-billing-matters.md\n"
    assert run("new", "report", *date).stdout == "log/2026/2026-03-04-report.md\n"
    long = run("new", "talk", "--title", "word " * 40, *date).stdout.strip()
    assert len(Path(long).stem) <= len("2026-03-04-talk-") + entrytext.MAX_NAME_SLUG
    assert (root / long).is_file()


def test_new_never_overwrites_and_numbers_the_next_file(project, run):
    root = people_project(project)
    target = root / "log/2026/2026-03-04-coffee-jane-doe.md"
    write_files(root, {"log/2026/2026-03-04-coffee-jane-doe.md": "mine, keep me\n"})
    args = ("new", "coffee", "--with", "Jane Doe", "--date", "2026-03-04")
    assert run(*args).stdout == "log/2026/2026-03-04-coffee-jane-doe-2.md\n"
    assert run(*args).stdout == "log/2026/2026-03-04-coffee-jane-doe-3.md\n"
    assert target.read_text(encoding="utf-8") == "mine, keep me\n"


def test_new_refuses_a_ref_with_a_did_you_mean_unless_new_person(project, run):
    root = people_project(project)
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    result = run("new", "coffee", "--with", "Jnae Doe", "--date", "2026-03-04")
    assert result.exit_code == 2
    assert "--with 'Jnae Doe' names no one (did you mean 'Jane Doe'?)" in result.stderr
    assert "--new-person" in result.stderr
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == before


def test_new_warns_about_an_unknown_ref_and_writes_it_as_given(project, run):
    root = people_project(project)
    result = run("new", "coffee", "--with", "Jnae Doe", "--via", "Nobody Known", "--date", "2026-03-04",
                 "--new-person")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "netlog: warning: --with: unknown person 'Jnae Doe' (did you mean 'Jane Doe'?); written as given "
        "(add them with `netlog person 'Jnae Doe'`)",
        "netlog: warning: --via: unknown person 'Nobody Known'; written as given "
        "(add them with `netlog person 'Nobody Known'`)",
    ]
    assert result.stdout == "log/2026/2026-03-04-coffee-jnae-doe.md\n"
    text = (root / "log/2026/2026-03-04-coffee-jnae-doe.md").read_text(encoding="utf-8")
    assert "with: [Jnae Doe]\nvia: [Nobody Known]\n" in text


@pytest.mark.parametrize("value, message", [
    ("3x", "'3x' is neither a date YYYY-MM-DD nor an offset"),
    ("0d", "'0d' is neither a date"),
    ("2026-02-30", "'2026-02-30' is not a calendar date"),
    ("2026-03-01", "2026-03-01 is before the entry's date 2026-03-04"),
])
def test_new_rejects_a_bad_follow_up_with_a_usage_error(project, run, value, message):
    root = people_project(project)
    result = run("new", "coffee", "--with", "Jane Doe", "--date", "2026-03-04", "--follow-up", value)
    assert result.exit_code == 2
    assert message in result.stderr and "--follow-up" in result.stderr
    assert not (root / "log" / "2026").exists()


def test_new_takes_a_follow_up_date(project, run):
    root = people_project(project)
    run("new", "coffee", "--with", "Jane Doe", "--date", "2026-03-04", "--follow-up", "2026-03-20")
    text = (root / "log/2026/2026-03-04-coffee-jane-doe.md").read_text(encoding="utf-8")
    assert "\nfollow_up: 2026-03-20\n" in text
    assert run("check", "--strict").exit_code == 0


def test_new_unknown_kind_is_a_usage_error_with_a_suggestion(project, run):
    people_project(project)
    result = run("new", "cofee", "--with", "Jane Doe")
    assert result.exit_code == 2
    assert "unknown kind 'cofee' (did you mean 'coffee'?)" in result.stderr


def test_new_knows_the_kinds_the_config_adds(project, run):
    root = project({"log/people/jane-doe.md": person("Jane Doe")},
                   config="site_name: T\ndocs_dir: log\nplugins:\n  - netlog:\n      kinds:\n"
                          "        hearing: {group: conversation, after: 7d, action: Send notes}\n")
    result = run("new", "hearing", "--with", "Jane Doe", "--date", "2026-03-04")
    assert result.stdout == "log/2026/2026-03-04-hearing-jane-doe.md\n"
    assert "Send notes, 7d after the entry" in (root / result.stdout.strip()).read_text(encoding="utf-8")
    assert run("check", "--strict").exit_code == 0


def test_new_date_defaults_to_netlog_today(project, run):
    people_project(project)
    result = run("new", "email", "--with", "Jane Doe", env={"NETLOG_TODAY": "2025-12-31"})
    assert result.stdout == "log/2025/2025-12-31-email-jane-doe.md\n"


def test_new_without_with_for_a_conversation_is_refused(project, run):
    root = people_project(project)
    result = run("new", "coffee", "--date", "2026-03-04")
    assert result.exit_code == 2
    assert "a coffee is with someone: give --with REF" in result.stderr
    assert not (root / "log/2026").exists()


@pytest.mark.parametrize("kind", ["talk", "review"])
def test_new_without_with_for_a_showcase_or_self_kind_is_written(project, run, kind):
    root = people_project(project)
    result = run("new", kind, "--date", "2026-03-04", "--no-edit")
    assert result.exit_code == 0, result.output
    assert run("check").exit_code == 0
    assert (root / f"log/2026/2026-03-04-{kind}.md").exists()


def test_new_quotes_what_yaml_would_misread(project, run):
    root = people_project(project)
    result = run("new", "meeting", "--with", "- [a]", "--with", "yes", "--title", 'O\'Neil: "x" #1',
                 "--date", "2026-03-04")
    log, problems = load_log(str(root / "log"), to_options(None))
    (e,) = log.entries
    assert e.title == 'O\'Neil: "x" #1'
    assert [log.people[s].name for s in e.with_] == ["- [a]", "yes"]
    assert all("unknown person" in p.message for p in problems)
    assert result.stdout == "log/2026/2026-03-04-meeting-a.md\n"


def test_new_opens_the_editor_only_when_asked_and_at_a_terminal(project, run, monkeypatch):
    people_project(project)
    opened = []
    monkeypatch.setattr(click, "edit", lambda filename=None, **kw: opened.append(filename))
    args = ("new", "call", "--with", "Jane Doe", "--date", "2026-03-04")
    run(*args)  # no VISUAL or EDITOR
    monkeypatch.setenv("VISUAL", "true")
    run(*args)  # not a terminal
    assert opened == []
    monkeypatch.setattr(common, "interactive", lambda: True)
    run(*args, "--no-edit")
    assert opened == []
    out = run(*args).stdout.strip()
    assert [os.path.relpath(p) for p in opened] == [out]


def _race_worker(barrier, rounds):
    barrier.wait()
    for _ in range(rounds):
        main(["new", "coffee", "--with", "Jane Doe", "--date", "2026-03-04", "--no-edit"],
             standalone_mode=False)


@pytest.mark.slow
def test_two_processes_at_once_never_write_the_same_file(project):
    root = people_project(project)
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(2)
    rounds = 15
    workers = [ctx.Process(target=_race_worker, args=(barrier, rounds)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert [w.exitcode for w in workers] == [0, 0]
    files = sorted(p.name for p in (root / "log" / "2026").glob("*.md"))
    expected = ["2026-03-04-coffee-jane-doe.md"] + [f"2026-03-04-coffee-jane-doe-{n}.md"
                                                    for n in range(2, 2 * rounds + 1)]
    assert files == sorted(expected)
    assert not [p for p in (root / "log" / "2026").iterdir() if p.name.startswith(".")]


# --------------------------------------------------------------------------- person


def test_person_writes_a_file_that_checks(project, run):
    root = people_project(project)
    result = run("person", "José Núñez", "--org", "Castellan Wright", "--role", "General Counsel",
                 "--cadence", "3m", "--tag", "mentor", "--tag", "finance", "--met", "2024-10-15")
    assert (result.exit_code, result.stdout) == (0, "log/people/jose-nunez.md\n")
    text = (root / "log/people/jose-nunez.md").read_text(encoding="utf-8")
    assert text.startswith("---\nname: José Núñez\n")
    for line in ("org: Castellan Wright", "role: General Counsel", "tags: [mentor, finance]",
                 "cadence: 3m", "met: 2024-10-15"):
        assert f"\n{line}\n" in text
    assert "\n# links: " in text
    assert run("check", "--strict").exit_code == 0


def test_person_round_trips_values_yaml_would_misread(project, run):
    root = people_project(project)
    name = 'O\'Neil: "x"'
    result = run("person", name, "--org", "- [a]", "--role", "yes", "--tag", "a, b", "--tag", "#1")
    assert result.stdout == "log/people/o-neil-x.md\n"
    check = run("check", "--strict")
    assert (check.exit_code, check.stdout) == (0, "")
    log, _ = load_log(str(root / "log"), to_options(None))
    p = log.people["o-neil-x"]
    assert (p.name, p.org, p.role, p.tags) == (name, "- [a]", "yes", ("a, b", "#1"))


def test_person_refuses_an_existing_file(project, run):
    root = people_project(project)
    before = (root / "log/people/jane-doe.md").read_bytes()
    result = run("person", "JANE DOE", "--org", "Elsewhere")
    assert result.exit_code == 1
    assert "log/people/jane-doe.md already exists; nothing written" in result.stderr
    assert (root / "log/people/jane-doe.md").read_bytes() == before


def test_person_refuses_a_name_that_clashes_with_an_aka(project, run):
    root = people_project(project)
    result = run("person", "Jane D")
    assert result.exit_code == 1
    assert ("'Jane D' clashes with log/people/jane-doe.md (aka 'Jane D.'): both have the slug form "
            "'jane-d'; nothing written") in result.stderr
    assert not (root / "log/people/jane-d.md").exists()


def test_person_emails_land_in_links_where_calendar_import_finds_them(project, run, tmp_path):
    root = people_project(project)
    result = run("person", "Ana Ruiz", "--email", "ana.ruiz@example.com", "--email", "mailto:Ana@Home.example",
                 "--email", "ana.ruiz@example.com")
    assert result.exit_code == 0, result.output
    log, _ = load_log(str(root / "log"), to_options(None))
    assert dict(log.people["ana-ruiz"].links) == {"email": "ana.ruiz@example.com",
                                                  "email-2": "mailto:Ana@Home.example"}
    (tmp_path / "c.ics").write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTART:20260110T100000Z\r\n"
        "ATTENDEE:mailto:ANA@home.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    imported = run("import", "ics", str(tmp_path / "c.ics"), "--since", "2026-01-01", "--today", "2026-01-31")
    assert "drafted  log/_drafts/2026-01-10-meeting-ana-ruiz.md" in imported.stdout, imported.output


@pytest.mark.parametrize("args", [("!!!",), ("Sam Lee", "--cadence", "2"), ("Sam Lee", "--met", "2026-02-30"),
                                  ("Sam Lee", "--email", "sam at example.com"), ("Sam Lee", "--email", "")])
def test_person_usage_errors(project, run, args):
    root = people_project(project)
    result = run("person", *args)
    assert result.exit_code == 2
    assert not (root / "log/people/sam-lee.md").exists()


def test_a_person_cannot_be_the_people_index(project, run):
    root = people_project(project)
    result = run("person", "INDEX")
    assert result.exit_code == 2
    assert "'INDEX' would be people/index.md, the people index page netlog generates" in result.stderr
    assert not (root / "log/people/index.md").exists()
    result = run("new", "coffee", "--with", "Index", "--date", "2026-03-04")
    assert result.exit_code == 2
    assert "'Index' cannot be a person: people/index.md is the people index page" in result.stderr
    assert not (root / "log/2026").exists()


def test_commands_need_a_config(tmp_path, monkeypatch, run):
    monkeypatch.chdir(tmp_path)
    for args in (("new", "coffee"), ("person", "Sam Lee")):
        result = run(*args)
        assert result.exit_code == 1
        assert "no mkdocs.yml" in result.stderr


# --------------------------------------------------------------------------- completion and help


def complete(args: list[str], incomplete: str) -> list[str]:
    comp = ShellComplete(main, {}, "netlog", "_NETLOG_COMPLETE")
    return [c.value for c in comp.get_completions(args, incomplete)]


def test_kinds_complete_with_the_configs_own(project):
    project({}, config="site_name: T\ndocs_dir: log\nplugins:\n  - netlog:\n      kinds:\n"
                       "        hearing: {group: conversation}\n")
    assert complete(["new"], "co") == ["coffee"]
    assert complete(["new"], "he") == ["hearing"]


def test_people_complete_as_slugs(project):
    people_project(project)
    assert complete(["new", "coffee", "--with"], "ja") == ["jane-doe"]
    assert complete(["new", "coffee", "--via"], "Marg") == ["margaret-okafor"]
    assert complete(["new", "coffee", "--with"], "") == ["jane-doe", "margaret-okafor"]
    assert complete(["due", "--person"], "jane d") == ["jane-doe"]


def test_completion_never_fails_outside_a_log(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "coffee" in complete(["new"], "")
    assert complete(["new", "coffee", "--with"], "") == []
    (tmp_path / "mkdocs.yml").write_text("site_name: [broken\n", encoding="utf-8")
    assert complete(["new"], "tal") == ["talk"]
    assert complete(["new", "coffee", "--with"], "j") == []


@pytest.mark.parametrize("command", [["init"], ["new"], ["person"]])
def test_help_has_an_example(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Example" in result.stdout


def test_files_are_created_exclusively(tmp_path):
    path = tmp_path / "a" / "x.md"
    userfiles.create_file(str(path), b"one")
    with pytest.raises(FileExistsError):
        userfiles.create_file(str(path), b"two")
    assert path.read_bytes() == b"one"
    assert os.listdir(tmp_path / "a") == ["x.md"]
