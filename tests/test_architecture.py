"""The shape of the code: no import cycles, the library never reaches into the command line,
and every problem code is documented (docs/format.md §10)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import netlog
from netlog.checks import CHECKS

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(netlog.__file__).parent


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path, *, top_level_only: bool) -> set[str]:
    """The netlog modules that module ``name`` imports (at import time only, or anywhere)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    typing_only = {id(n) for block in ast.walk(tree)
                   if isinstance(block, ast.If) and ast.unparse(block.test).endswith("TYPE_CHECKING")
                   for stmt in block.body for n in ast.walk(stmt)}  # never run: no import at all
    nodes = tree.body if top_level_only else [n for n in ast.walk(tree) if id(n) not in typing_only]
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            targets = [stem] + [f"{stem}.{a.name}" for a in node.names]
        else:
            continue
        found.update(t for t in targets if t in MODULES and t != name)
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_import_graph_has_no_cycle():
    """Imports between netlog's modules form no cycle: neither at import time nor through
    imports inside functions. The one exception is a package's ``__init__`` importing its
    own modules inside a function (``pages.build_pages`` calling each page module)."""
    top = {name: _imports(name, path, top_level_only=True) for name, path in MODULES.items()}
    cycle = _cycle(top)
    assert cycle is None, "import cycle at import time: " + " -> ".join(cycle)
    every = {}
    for name, path in MODULES.items():
        found = _imports(name, path, top_level_only=False)
        if path.name == "__init__.py":
            found = {m for m in found if not m.startswith(name + ".") or m in top[name]}
        every[name] = found
    cycle = _cycle(every)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_library_never_imports_the_command_line():
    """Only netlog.cli and netlog.commands use Click (``python -m netlog`` runs netlog.cli);
    the library raises netlog.errors."""
    for name, path in MODULES.items():
        if name in ("netlog.cli", "netlog.__main__") or name.startswith("netlog.commands"):
            continue
        imports = _imports(name, path, top_level_only=False)
        assert not {i for i in imports if i == "netlog.cli" or i.startswith("netlog.commands")}, name
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import click|from click)", text, re.M), f"{name} imports Click"


def test_no_private_click_attributes():
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        assert "_custom_shell_complete" not in text, name


@pytest.mark.slow
def test_every_module_imports_on_its_own():
    """Each module imports in a fresh interpreter, first of all netlog's (no order dependence)."""
    script = ("import importlib, sys\n"
              "failed = []\n"
              "for name in sys.argv[1:]:\n"
              "    for m in [m for m in sys.modules if m == 'netlog' or m.startswith('netlog.')]:\n"
              "        del sys.modules[m]\n"
              "    try:\n"
              "        importlib.import_module(name)\n"
              "    except Exception as e:\n"
              "        failed.append(f'{name}: {type(e).__name__}: {e}')\n"
              "print('\\n'.join(failed))\n")
    proc = subprocess.run([sys.executable, "-c", script, *MODULES], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_every_problem_code_is_in_the_format_reference():
    reference = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    start = reference.index("## 10. Problems")
    end = reference.find("\n## ", start)
    section = reference[start:end if end >= 0 else len(reference)]
    listed = re.findall(r"^\| `([a-z0-9-]+)` \| (error|warning) \|", section, re.M)
    assert listed == [(c.code, c.severity) for c in CHECKS.values()]


#: The numbers of docs/format.md's sections, in the order they appear.
FORMAT_SECTIONS = [int(n) for n in re.findall(r"^## (\d+)\. ", (ROOT / "docs" / "format.md").read_text(
    encoding="utf-8"), re.M)]


def test_the_format_reference_is_numbered_in_order_without_gaps():
    assert FORMAT_SECTIONS == list(range(1, len(FORMAT_SECTIONS) + 1)) and len(FORMAT_SECTIONS) >= 10


@pytest.mark.parametrize("path", sorted((ROOT / "netlog").rglob("*.py")) + sorted((ROOT / "tests").glob("*.py")),
                         ids=lambda p: p.name)
def test_comments_cite_the_format_reference_not_an_absent_spec(path):
    text = path.read_text(encoding="utf-8")
    absent = "SP" + "EC"  # the document comments used to cite, which is not in the repository
    assert not re.search(rf"\b{absent}\b", text), f"{path.name} cites {absent}; cite docs/format.md §N"
    for n in re.findall(r"docs/format\.md §(\d+)", text):
        assert int(n) in FORMAT_SECTIONS, f"{path.name} cites a section docs/format.md does not have: §{n}"


def test_every_problem_is_made_with_a_known_code():
    """Each ``Problem(...)`` in the library names its check: a code of checks.CHECKS (docs/format.md §10)."""
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Problem"):
                continue
            code = node.args[4] if len(node.args) >= 5 else next(
                (k.value for k in node.keywords if k.arg == "code"), None)
            where = f"{name}:{node.lineno}"
            assert code is not None, f"{where}: a Problem without a code"
            if isinstance(code, ast.Constant):
                assert code.value in CHECKS, f"{where}: unknown code {code.value!r}"
    # the helpers that pass a code on: every literal code given to them is a check's
    for module, helper in (("load.py", r"(?:f|self)\.(?:error|warn)"), ("frontmatter.py", r"_fail")):
        tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
        codes = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and re.fullmatch(helper, ast.unparse(node.func)):
                given = [k.value for k in node.keywords if k.arg == "code"] or node.args[-1:]
                codes += [c.value for c in given if isinstance(c, ast.Constant)]
        assert codes and all(code in CHECKS for code in codes), (module, codes)


def test_python_m_netlog_is_the_netlog_command(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "netlog", "check", "--help"], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: netlog check")
