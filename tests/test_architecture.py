"""The shape of the code: rules about how its modules depend on each other."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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
    # tui.cli.main imports the app's modules only inside its command functions.
    assert "tui.app.library_app" in graph["tui.cli.main"]
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
