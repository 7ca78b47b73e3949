"""One reader for every file: nothing in ``tui/`` opens a file to read it but the one
reader (``tui.core.files.saferead``), the one writer, and a short list of places that read
files gloss itself owns.

The code is read as syntax trees, not searched as text: ``open(``, ``io.open``,
``codecs.open``, ``io.FileIO``, ``os.open``, ``os.fdopen`` (under any alias) and every
``.open`` / ``.read_text`` / ``.read_bytes`` (a ``pathlib.Path``'s) are found wherever
they are named, called or not, and each must be in :data:`ALLOWED` with its reason.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import tui
from tests.support.ast_names import NameTracking

TUI = Path(tui.__file__).parent

WHOLE_MODULE = "*"

ALLOWED: dict[tuple[str, str], str] = {
    ("core/files/saferead.py", WHOLE_MODULE): "the one reader",
    ("core/files/safewrite.py", WHOLE_MODULE): "the one writer: its record of what it wrote, and "
    "the file it is about to replace",
    ("core/files/config.py", "read_config"): "gloss's own configuration in $XDG_CONFIG_HOME",
    ("core/files/recent.py", "read_recent"): "gloss's own list of recent files in $XDG_STATE_HOME",
    (
        "core/reading/jumps.py",
        "PositionStore._load",
    ): "gloss's own remembered places in $XDG_STATE_HOME",
}
"""(module under ``tui/``, function or ``Class.method``) -> why it may open a file itself."""

NOT_FILES: dict[str, str] = {
    "CorpusIndex": "CorpusIndex.open opens (or builds) the corpus index, not a file to read",
    "Journal": "Journal.open makes the journal of unsaved edits, written through the one "
    "writer's append-only log (nothing is read)",
}
"""Names whose ``.open`` is not a file's."""

FILE_OPENERS = {
    "builtins.open",
    "io.open",
    "io.FileIO",
    "codecs.open",
    "os.open",
    "os.fdopen",
}
FILE_METHODS = {"open", "read_text", "read_bytes"}
"""Methods of ``pathlib.Path`` that open a file; any receiver but :data:`NOT_FILES`."""


@dataclass(frozen=True, slots=True)
class Opening:
    """One place in the code that opens a file."""

    line: int
    what: str
    scope: str
    """The function (``Class.method``) it is in, or ``<module>``."""


class _Scanner(NameTracking):
    def __init__(self) -> None:
        super().__init__({"open": "builtins.open"})
        self.scopes: list[str] = []
        self.found: list[Opening] = []

    def _note(self, node: ast.AST, what: str) -> None:
        scope = ".".join(self.scopes) or "<module>"
        self.found.append(Opening(getattr(node, "lineno", 0), what, scope))

    def _scoped(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.scopes.append(node.name)
        self.generic_visit(node)
        self.scopes.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scoped

    def visit_Import(self, node: ast.Import) -> None:
        self.bind_import(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            qualified = f"{node.module}.{alias.name}"
            if qualified in FILE_OPENERS:
                self.names[alias.asname or alias.name] = qualified

    def visit_Call(self, node: ast.Call) -> None:
        # Opening the null device (to silence a closed pipe) reads nothing of anyone's.
        first = node.args[0] if node.args else None
        if (
            self.dotted(node.func) == "os.open"
            and first is not None
            and self.dotted(first) == "os.devnull"
        ):
            for argument in [*node.args, *node.keywords]:
                self.visit(argument)
            return
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load) and self.names.get(node.id) in FILE_OPENERS:
            self._note(node, self.names[node.id])

    def visit_Attribute(self, node: ast.Attribute) -> None:
        dotted = self.dotted(node)
        if dotted in FILE_OPENERS:
            self._note(node, dotted)
        elif node.attr in FILE_METHODS and not (
            isinstance(node.value, ast.Name) and node.value.id in NOT_FILES
        ):
            self._note(node, f".{node.attr}")
        self.generic_visit(node)


def openings(source: str) -> list[Opening]:
    """Every place in ``source`` that names a way to open a file."""
    scanner = _Scanner()
    scanner.visit(ast.parse(source))
    return scanner.found


def check_tree(root: Path) -> tuple[list[str], set[tuple[str, str]], int]:
    """The openings under ``root`` that are not allowed (as ``FILE:LINE: …`` lines), the
    allowlist entries that were used, and how many modules were read."""
    problems: list[str] = []
    used: set[tuple[str, str]] = set()
    modules = sorted(root.rglob("*.py"))
    for module in modules:
        relative = module.relative_to(root).as_posix()
        for opening in openings(module.read_text(encoding="utf-8")):
            for key in ((relative, WHOLE_MODULE), (relative, opening.scope)):
                if key in ALLOWED:
                    used.add(key)
                    break
            else:
                problems.append(
                    f"tui/{relative}:{opening.line}: {opening.what} in {opening.scope}: read "
                    "through tui.core.files.saferead (or list it in ALLOWED with its reason)"
                )
    return problems, used, len(modules)


def test_nothing_in_tui_opens_a_file_but_the_one_reader() -> None:
    problems, used, modules = check_tree(TUI)
    assert problems == []
    assert modules > 100  # the whole package was read
    assert ("core/files/saferead.py", WHOLE_MODULE) in used  # the scanner sees os.open


def test_every_allowance_is_still_needed() -> None:
    _, used, _ = check_tree(TUI)
    assert sorted(set(ALLOWED) - used) == []


@pytest.mark.parametrize(
    ("source", "what"),
    [
        ("open('a.txt')", "builtins.open"),
        ("with open(path, 'rb') as handle:\n    pass", "builtins.open"),
        ("opener = open", "builtins.open"),
        ("import builtins\nbuiltins.open('a')", "builtins.open"),
        ("import io\nio.open('a')", "io.open"),
        ("from io import open as o\no('a')", "io.open"),
        ("import io\nio.FileIO('a')", "io.FileIO"),
        ("import codecs\ncodecs.open('a')", "codecs.open"),
        ("import os\nos.open('a', os.O_RDONLY)", "os.open"),
        ("import os as system\nsystem.open('a', 0)", "os.open"),
        ("from os import open as raw\nraw('a', 0)", "os.open"),
        ("import os\nos.fdopen(3)", "os.fdopen"),
        ("from pathlib import Path\nPath('a').read_text()", ".read_text"),
        ("path.read_bytes()", ".read_bytes"),
        ("self.path.parent.joinpath('a').open('rb')", ".open"),
        ("reader = Path.read_text", ".read_text"),
    ],
)
def test_the_scanner_finds_every_way_to_open_a_file(source: str, what: str) -> None:
    assert [opening.what for opening in openings(source)] == [what]


@pytest.mark.parametrize(
    "source",
    [
        "from tui.core.files.saferead import read_capped\nread_capped(path, 10)",
        "import os\nos.open(os.devnull, os.O_WRONLY)",
        "index = CorpusIndex.open(source)",
        "self._open(document)",
        "class Index:\n    def open(self) -> None:\n        pass",
        "import os\nos.path.isfile(path)",
    ],
)
def test_the_scanner_passes_what_opens_no_file(source: str) -> None:
    assert openings(source) == []


def test_the_scanner_names_the_function_an_opening_is_in() -> None:
    source = "class Store:\n    def _load(self):\n        return self.path.read_bytes()\n"
    assert openings(source) == [Opening(3, ".read_bytes", "Store._load")]


def test_a_new_plain_open_fails_the_check(tmp_path: Path) -> None:
    (tmp_path / "core" / "files").mkdir(parents=True)
    (tmp_path / "core" / "files" / "config.py").write_text(
        "def read_config(path):\n    return open(path).read()\n\n"
        "def read_theme(path):\n    return open(path).read()\n"
    )
    (tmp_path / "core" / "new.py").write_text(
        "import os\n\ndef peek(path):\n    return os.fdopen(os.open(path, 0)).read()\n"
    )
    problems, used, modules = check_tree(tmp_path)
    assert modules == 2
    assert used == {("core/files/config.py", "read_config")}
    advice = "read through tui.core.files.saferead (or list it in ALLOWED with its reason)"
    assert problems == [
        f"tui/core/files/config.py:5: builtins.open in read_theme: {advice}",
        f"tui/core/new.py:4: os.fdopen in peek: {advice}",
        f"tui/core/new.py:4: os.open in peek: {advice}",
    ]
