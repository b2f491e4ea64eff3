"""Start-up (issue 27): ``netlog --version`` and ``--help`` import no command module, no
``importlib.metadata``, no engine; a command imports its own module only; what ``netlog
--help`` lists from the index is what Click lists from the modules themselves."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest
from click.shell_completion import ShellComplete
from click.testing import CliRunner

from netlog.cli import COMMAND_MODULES, main
from netlog.commands.group import CONTEXT, LazyGroup, entries
from netlog.commands.index import INDEX

from helpers import child_env, write_files

#: A command run in a fresh interpreter; prints the netlog and heavy modules it imported.
PROBE = """
import sys
HEAVY = {HEAVY!r}
from netlog.cli import main
try:
    main(sys.argv[1:], prog_name="netlog")
except SystemExit:
    pass
mods = sorted(m for m in sys.modules if m.startswith("netlog.") or m in (
    "importlib.metadata", "mkdocs", "properdocs", "yaml", "markdown", "jinja2", "json", "logging")
    or m.split(".")[0] in HEAVY)
print("\\n" + repr(mods), file=sys.stderr)
"""

#: Modules ``netlog check`` and ``netlog due`` have no use for (the site's, the importers', the
#: standard library's that only messages, ``--format json`` or an editor need): start-up, issue 27.
#: Probed on MkDocs: choosing ProperDocs imports its ``properdocs.replacement``, which brings
#: ``importlib.resources`` and with it ``tempfile`` and ``shutil``.
HEAVY = ("jinja2", "markupsafe", "markdown", "pymdownx", "material", "watchdog", "icalendar", "vobject",
         "email", "zoneinfo", "difflib", "html", "shutil", "subprocess", "tempfile", "segno")


def _imported(args, cwd, engine: str | None = None) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE.replace("{HEAVY!r}", repr(set(HEAVY))), *args],
                          capture_output=True, text=True, cwd=cwd, env=child_env(engine), timeout=60)
    return set(ast.literal_eval(proc.stderr.strip().splitlines()[-1]))


def _fresh_group(index) -> LazyGroup:
    """A group like ``netlog``'s, nothing loaded yet, with its own index."""
    return LazyGroup(name="netlog", params=main.params, callback=main.callback, help=main.help,
                     context_settings=CONTEXT, modules=COMMAND_MODULES, index=index)


def test_the_index_matches_the_command_modules():
    """Run ``python -m netlog.cli`` after changing a command module (it writes the index)."""
    assert INDEX == {name: entries(name) for name in COMMAND_MODULES}


def test_no_command_name_is_in_two_modules():
    names = [entry[0] for name in COMMAND_MODULES for entry in entries(name)]
    assert len(names) == len(set(names))


def test_help_from_the_index_is_clicks_own_table():
    lazy = CliRunner().invoke(_fresh_group(INDEX), ["--help"], prog_name="netlog")
    eager = CliRunner().invoke(_fresh_group({}), ["--help"], prog_name="netlog")  # imports every module
    assert lazy.exit_code == eager.exit_code == 0
    assert lazy.output == eager.output
    assert "check " in lazy.output and "import " in lazy.output


def test_a_module_the_index_does_not_know_is_imported_to_be_listed():
    partial = {name: rows for name, rows in INDEX.items() if name != "capture"}
    group = _fresh_group(partial)
    out = CliRunner().invoke(group, ["--help"], prog_name="netlog").output
    assert "drafts " in out and "inbox " in out
    assert group.get_command(None, "drafts") is not None


@pytest.mark.slow
def test_version_and_help_load_no_command_and_no_metadata(tmp_path):
    for args in (["--version"], ["--help"]):
        mods = _imported(args, tmp_path)
        assert not {m for m in mods if m.startswith("netlog.commands.") and
                    m not in ("netlog.commands.group", "netlog.commands.index")}, (args, mods)
        assert not mods & {"importlib.metadata", "mkdocs", "properdocs", "yaml"}, (args, mods)


@pytest.mark.slow
def test_check_loads_its_own_module_only(tmp_path):
    write_files(tmp_path, {"mkdocs.yml": "site_name: t\ndocs_dir: log\nplugins: [netlog]\n",
                          "log/people/ann.md": "---\nname: Ann\n---\n"})
    mods = _imported(["check"], tmp_path)
    assert "netlog.commands.check" in mods
    others = {f"netlog.commands.{m}" for m in COMMAND_MODULES} - {"netlog.commands.check"}
    assert not mods & others, mods & others
    assert "importlib.metadata" not in mods
    mods = _imported(["check"], tmp_path, engine="mkdocs")
    assert not {m for m in mods if m.split(".")[0] in HEAVY} and "json" not in mods, mods
    assert not mods & {"netlog.yamltext", "netlog.checks", "netlog.views"}, mods  # messages', --only's, json's


@pytest.mark.slow
def test_due_imports_nothing_heavy(tmp_path):
    """``netlog due`` (json only for ``--format json``) loads the log without the site's, the
    importers' or the messages' modules (start-up, issue 27)."""
    write_files(tmp_path, {"mkdocs.yml": "site_name: t\ndocs_dir: log\nplugins: [netlog]\n",
                          "log/people/ann.md": "---\nname: Ann\n---\n",
                          "log/2026/2026-01-02-coffee-ann.md": "---\ndate: 2026-01-02\nkind: coffee\n"
                                                               "with: [Ann]\nfollow_up: 2w\n---\nNotes.\n"})
    for args in (["due", "--today", "2026-02-01"], ["due", "--today", "2026-02-01", "--all", "--format", "json"]):
        mods = _imported(args, tmp_path, engine="mkdocs")
        assert "netlog.commands.due" in mods
        assert not {m for m in mods if m.split(".")[0] in HEAVY}, (args, mods)
        assert "importlib.metadata" not in mods
        assert "logging" not in mods, args  # shell completion's, imported when one runs
        assert ("json" in mods) == ("json" in args), args


#: A command run in a fresh interpreter; prints every module it imported.
FULL_PROBE = """
import sys
from netlog.cli import main
try:
    main(sys.argv[1:], prog_name="netlog")
except SystemExit:
    pass
print("\\n" + repr(sorted(sys.modules)), file=sys.stderr)
"""

#: What ``netlog check`` and ``netlog due`` do without (start-up, issue 27): the engine's config,
#: plugin and build machinery (the package ``mkdocs`` itself is imported for its version), the
#: site's modules, Markdown and its extensions, the goals' class (a log without goals), the calendar
#: module (month lengths are computed) and the package metadata.
NOT_ON_THE_READING_PATH = ("mkdocs.config", "mkdocs.utils", "mkdocs.plugins", "mkdocs.commands",
                           "mkdocs.structure", "mkdocs.theme", "netlog.plugin", "netlog.pages",
                           "netlog.sitebuild", "netlog.mkdocs_log", "netlog.capture", "netlog.goals", "calendar",
                           "importlib.metadata", "importlib.resources", "jinja2", "markdown")


@pytest.mark.slow
def test_check_and_due_leave_the_engine_and_the_site_alone(tmp_path):
    """``netlog check`` and ``netlog due`` import none of the engine's config or build machinery,
    the site's modules or the calendar (start-up, issue 27). A log whose entry has a follow-up
    in months and a person with a birthday walks the paths that compute dates."""
    write_files(tmp_path, {"mkdocs.yml": "site_name: t\ndocs_dir: log\nplugins: [search, netlog]\n",
                          "log/people/ann.md": "---\nname: Ann Émile\nbirthday: 02-29\n"
                                               "links: {email: ann@example.com}\n---\n",
                          "log/2026/2026-01-02-coffee-ann.md": "---\ndate: 2026-01-02\nkind: coffee\n"
                                                               "with: [Ann Émile]\nfollow_up: 1m\n---\n"
                                                               "Notes with <b>markup</b> and [a link](x).\n"})
    for args in (["check"], ["check", "--format", "json"], ["due", "--today", "2026-02-01"],
                 ["due", "--today", "2026-02-01", "--all", "--format", "json"]):
        proc = subprocess.run([sys.executable, "-c", FULL_PROBE, *args], capture_output=True, text=True,
                              cwd=tmp_path, env=child_env("mkdocs"), timeout=60)
        mods = set(ast.literal_eval(proc.stderr.strip().splitlines()[-1]))
        assert "netlog.load" in mods and "mkdocs" in mods, args  # the log was read, the engine chosen
        found = sorted(m for m in mods if m.startswith(NOT_ON_THE_READING_PATH))
        assert found == [], (args, found)
        if args[0] == "check":  # no follow-ups, so none of their classes
            assert not mods & {"netlog.followups", "netlog.items", "netlog.intros", "netlog.serendipity"}, args
        else:  # the `loop` items need the introducers (intros.py), not tie strength or routes
            assert "netlog.intros" in mods and "netlog.serendipity" not in mods, args


def test_command_help_and_completion_still_work():
    result = CliRunner().invoke(_fresh_group(INDEX), ["snooze", "--help"], prog_name="netlog")
    assert result.exit_code == 0 and "--for" in result.output
    comp = ShellComplete(_fresh_group(INDEX), {}, "netlog", "_NETLOG_COMPLETE")
    assert {"rename", "render"} <= {c.value for c in comp.get_completions([], "re")}
    assert [c.value for c in comp.get_completions(["import"], "")] and all(
        c.value in ("vcard", "linkedin", "ics", "mail") for c in comp.get_completions(["import"], ""))


def test_a_plain_config_reads_as_the_engine_reads_it(tmp_path, monkeypatch):
    """mkdocs.yml without tags is read by PyYAML's safe loader (start-up) into the very mapping the
    engine's loader gives; one with ``!ENV`` or ``INHERIT`` still goes to the engine."""
    from netlog import config, engine

    plain = ("site_name: 'Ann: a log'\ndocs_dir: log\nuse_directory_urls: false\nextra:\n  on: yes\n  n: 0o17\n"
             "  when: 2026-01-02\n  list: [a, {b: c}]\nplugins:\n  - search\n  - netlog:\n      cadence: {mentor: 60d}\n")
    (tmp_path / "mkdocs.yml").write_text(plain, encoding="utf-8")
    with open(tmp_path / "mkdocs.yml", "rb") as fh:
        expected = engine.yaml_load(fh)
    assert config._plain_settings(str(tmp_path / "mkdocs.yml")) == (plain, expected, None)
    assert config.read_settings(str(tmp_path / "mkdocs.yml"))[1] == expected
    monkeypatch.setenv("NETLOG_TEST_NAME", "From env")
    for text in ("site_name: !ENV NETLOG_TEST_NAME\n", "INHERIT: base.yml\n"):
        (tmp_path / "base.yml").write_text("site_name: From base\n", encoding="utf-8")
        (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
        assert config._plain_settings(str(tmp_path / "mkdocs.yml")) is None
        assert config.read_settings(str(tmp_path / "mkdocs.yml"))[1]["site_name"] in ("From env", "From base")


def test_a_command_leaves_the_collector_frozen_at_exit():
    """The CLI's process ends after its command: at exit the cycle collector is frozen, so Python's
    shutdown does not walk every object once more (start-up, issue 27)."""
    code = "import atexit, gc, netlog.cli; gc.unfreeze(); atexit._run_exitfuncs(); print(gc.get_freeze_count() > 0)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=child_env(), timeout=60)
    assert proc.stdout.strip() == "True", proc.stderr


def test_the_modules_of_the_command_line_are_frozen_and_the_collector_is_back_on():
    """``netlog.cli`` loads Click and the group with the collector off, then freezes them (no
    collection walks them again) and turns the collector back on, unless it was off already."""
    for before, expected in (("", "True True"), ("gc.disable(); ", "False True")):
        code = f"import gc; {before}import netlog.cli; print(gc.isenabled(), gc.get_freeze_count() > 1000)"
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=child_env(),
                              timeout=60)
        assert proc.stdout.strip() == expected, (before, proc.stdout, proc.stderr)
