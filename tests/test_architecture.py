"""The layers and the shape of the code, read from the code itself: the core speaks to no
terminal, no import cycle anywhere, a core without Textual or Rich, and no test module
imports another."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import tui
from tests.support.ast_names import NameTracking

TUI = Path(tui.__file__).parent
ROOT = Path(__file__).resolve().parents[1]

# -- the core speaks to no terminal --------------------------------------------------------
#
# tui/core returns data (lines, results, diagnostics); the command line (tui/cli) prints
# them and decides the exit status. The import-linter contract keeps argparse out of the
# core's imports; this reads every module as a syntax tree and also finds what a contract
# cannot: print() and input(), the standard streams, an import by name at run time.

TERMINAL = {
    "builtins.print",
    "builtins.input",
    "sys.stdout",
    "sys.stderr",
    "sys.stdin",
    "sys.__stdout__",
    "sys.__stderr__",
    "sys.__stdin__",
}
"""What talks to the terminal, as qualified names (however the code names them)."""

COMMAND_LINE = "argparse"
"""The command line's parser: the core has no arguments to parse."""

IMPORTERS = {"builtins.__import__", "importlib.import_module"}


@dataclass(frozen=True, slots=True)
class TerminalUse:
    """One place in the code that reaches the terminal or the command line's parser."""

    line: int
    what: str


class _TerminalScanner(NameTracking):
    def __init__(self) -> None:
        super().__init__(
            {
                "print": "builtins.print",
                "input": "builtins.input",
                "__import__": "builtins.__import__",
            }
        )
        self.found: list[TerminalUse] = []

    def _note(self, node: ast.AST, what: str) -> None:
        self.found.append(TerminalUse(getattr(node, "lineno", 0), what))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".")[0] == COMMAND_LINE:
                self._note(node, f"import {alias.name}")
        self.bind_import(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if module.split(".")[0] == COMMAND_LINE:
            self._note(node, f"from {module} import")
        for alias in node.names:
            self.names[alias.asname or alias.name] = f"{module}.{alias.name}"

    def visit_Call(self, node: ast.Call) -> None:
        first = node.args[0] if node.args else None
        if (
            self.dotted(node.func) in IMPORTERS
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
            and first.value.split(".")[0] == COMMAND_LINE
        ):
            self._note(node, f"import {first.value}")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        what = self.names.get(node.id)
        if isinstance(node.ctx, ast.Load) and what in TERMINAL:
            self._note(node, what)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        what = self.dotted(node)
        if what in TERMINAL:
            self._note(node, what)
            return  # sys.stdout.write is one use, not two
        self.generic_visit(node)


def terminal_uses(source: str) -> list[TerminalUse]:
    """Every place in ``source`` that prints, reads input, names a standard stream or
    imports argparse."""
    scanner = _TerminalScanner()
    scanner.visit(ast.parse(source))
    return scanner.found


def test_the_scan_finds_every_form() -> None:
    source = "\n".join(
        [
            "import sys",  # 1
            "import sys as system",  # 2
            "from sys import stderr as errors",  # 3
            "import argparse",  # 4
            "from argparse import ArgumentParser",  # 5
            "import builtins",  # 6
            "import importlib",  # 7
            "def report(lines):",  # 8
            "    print(lines)",  # 9
            "    sys.stdout.write('x')",  # 10
            "    system.stderr.flush()",  # 11
            "    errors.write('x')",  # 12
            "    answer = input('? ')",  # 13
            "    say = builtins.print",  # 14
            "    stream = sys.__stdout__",  # 15
            "    importlib.import_module('argparse')",  # 16
            "    __import__('argparse.x')",  # 17
            "    return sys.stdin.read()",  # 18
        ]
    )
    found = [(use.line, use.what) for use in terminal_uses(source)]
    assert found == [
        (4, "import argparse"),
        (5, "from argparse import"),
        (9, "builtins.print"),
        (10, "sys.stdout"),
        (11, "sys.stderr"),
        (12, "sys.stderr"),
        (13, "builtins.input"),
        (14, "builtins.print"),
        (15, "sys.__stdout__"),
        (16, "import argparse"),
        (17, "import argparse.x"),
        (18, "sys.stdin"),
    ]


def test_the_scan_lets_data_be() -> None:
    """Words in strings, other objects' attributes and the rest of sys are not uses."""
    source = "\n".join(
        [
            "import sys",
            "def lines(report):",
            "    report.stdout.append('print(x)')",
            "    text = 'sys.stderr, input(), argparse'",
            "    return [sys.maxsize, report.print, text]",
        ]
    )
    assert terminal_uses(source) == []


def test_the_core_speaks_to_no_terminal() -> None:
    """No module of tui/core prints, reads input, writes a standard stream or parses a
    command line: the command line (tui/cli) does."""
    modules = sorted((TUI / "core").rglob("*.py"))
    assert len(modules) > 50  # the scan read the core, not an empty folder
    problems = [
        f"tui/{path.relative_to(TUI)}:{use.line}: {use.what}"
        for path in modules
        for use in terminal_uses(path.read_text(encoding="utf-8"))
    ]
    assert problems == [], "the core returns data; print it from tui/cli"


# -- imports: no cycle in tui/, and a core without Textual or Rich ---------------------------
def _modules() -> dict[str, Path]:
    """Every module of the ``tui`` package by dotted name (a package by its own name)."""
    modules: dict[str, Path] = {}
    for path in sorted((ROOT / "tui").rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _imported(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of ``tui`` that ``module`` imports anywhere in its source: at the top,
    inside functions and under ``TYPE_CHECKING``; ``from X import Y`` counts X, and Y
    too when it is a submodule."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name in modules and name != module}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm,
    without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            advanced = False
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    advanced = True
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def import_graph() -> dict[str, set[str]]:
    """Which modules of ``tui`` each one imports."""
    modules = _modules()
    return {name: _imported(name, path, modules) for name, path in modules.items()}


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_the_import_graph_sees_imports_inside_functions_and_under_type_checking() -> None:
    graph = import_graph()
    # The launcher imports the app's modules only inside its functions.
    assert "tui.app.library_app" in graph["tui.cli.launcher"]
    # ``from tui.app import bindings``: the submodule, not only the package.
    assert "tui.app.bindings" in graph["tui.app.reader_app"]


def test_no_module_of_tui_imports_itself_through_others() -> None:
    cycles = _cycles(import_graph())
    listed = "\n".join(" -> ".join(cycle) for cycle in cycles)
    assert not cycles, f"modules that import each other (each line one cycle):\n{listed}"


CORE_PROBE = """
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))))
"""


def test_the_core_imports_neither_textual_nor_rich() -> None:
    core = sorted(name for name in _modules() if name == "tui.core" or name.startswith("tui.core."))
    completed = subprocess.run(
        [sys.executable, "-c", CORE_PROBE, json.dumps(core)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    loaded = json.loads(completed.stdout.strip().splitlines()[-1])
    assert loaded == [], f"importing every tui.core module loads {', '.join(loaded)}"


# -- tests: no test module imports another -----------------------------------------------------
#
# What test modules share lives in a helper module beside them (helpers.py, builders.py,
# harness.py) or in tests/support/. A test module that others import is a library in
# disguise: changing or removing one test breaks tests elsewhere, and a test function
# imported by name is collected again in the module that imports it.


def _names_a_test_module(dotted: str) -> bool:
    return any(part.startswith("test_") for part in dotted.split("."))


def imports_of_test_modules(source: str) -> list[tuple[int, str]]:
    """Every import in ``source`` of a module of tests/ named ``test_*``, at the top or
    inside a function: ``import tests.x.test_y``, ``from tests.x.test_y import z``,
    ``from .test_y import z``, ``from tests.x import test_y``, ``from . import test_y``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                (node.lineno, f"import {alias.name}")
                for alias in node.names
                if alias.name.split(".")[0] == "tests" and _names_a_test_module(alias.name)
            ]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if not node.level and module.split(".")[0] != "tests":
                continue
            written = "." * node.level + module
            if _names_a_test_module(module):
                names = ", ".join(alias.name for alias in node.names)
                found.append((node.lineno, f"from {written} import {names}"))
            else:
                found += [
                    (node.lineno, f"from {written} import {alias.name}")
                    for alias in node.names
                    if alias.name.startswith("test_")
                ]
    return sorted(found)


def test_the_test_import_scan_finds_every_form() -> None:
    source = "\n".join(
        [
            "import tests.corpus.test_index",  # 1
            "import tests.support.pilot",  # 2
            "from tests.formats.test_w3c import tag, write",  # 3
            "from .test_folders import gloss",  # 4
            "from ..corpus.test_index import TEXT_A",  # 5
            "from . import helpers, test_highlight",  # 6
            "from tests.ui import test_highlight as highlight",  # 7
            "from tests.corpus.helpers import small_corpus",  # 8
            "from .builders import TEXT",  # 9
            "import pytest, tests.app.test_live",  # 10
            "def later():",  # 11
            "    from tests.hostile import test_folders",  # 12
            "    return 'from tests.x.test_y import z'",  # 13
            "from hypothesis import strategies as st",  # 14
        ]
    )
    assert imports_of_test_modules(source) == [
        (1, "import tests.corpus.test_index"),
        (3, "from tests.formats.test_w3c import tag, write"),
        (4, "from .test_folders import gloss"),
        (5, "from ..corpus.test_index import TEXT_A"),
        (6, "from . import test_highlight"),
        (7, "from tests.ui import test_highlight"),
        (10, "import tests.app.test_live"),
        (12, "from tests.hostile import test_folders"),
    ]


def test_no_test_module_imports_another() -> None:
    modules = sorted((ROOT / "tests").rglob("test_*.py"))
    assert len(modules) > 100  # the scan read the tests, not an empty folder
    problems = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in modules
        for line, what in imports_of_test_modules(path.read_text(encoding="utf-8"))
    ]
    listed = "\n".join(problems)
    assert not problems, (
        f"test modules that import test modules (share through a helper module):\n{listed}"
    )
