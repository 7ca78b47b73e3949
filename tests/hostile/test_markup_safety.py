"""No text from a file is ever parsed as Textual or Rich markup.

The reader's code is read as Python syntax trees and every place where Textual would
parse a ``str`` as markup is checked: ``notify`` (markup unless ``markup=False``),
``border_title``/``border_subtitle`` (a ``str`` is markup, a ``Text`` is not),
``Static``/``Label``/``OptionList`` (markup unless ``markup=False``), tree labels
and option prompts (a ``str`` is markup), ``.update`` of a widget, and
``Text.from_markup``/``Content.from_markup``. The test counts what it checked, so it
cannot pass by finding nothing.
"""

from __future__ import annotations

import ast
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "tui"
SAFE_WRAPPERS = {"Text", "Content"}
"""Calls whose result is styled text that Textual shows as it is."""
STRING_MAKERS = {"one_line", "make_visible", "str", "format", "join", "repr"}
"""Calls that give a ``str``: fine as data, but markup when a widget is handed one."""


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _is_str_expression(node: ast.expr) -> bool:
    """A value that is certainly a ``str`` built at run time (f-string, +, a str helper)."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_str_expression(node.left) or _is_str_expression(node.right)
    if isinstance(node, ast.IfExp):
        return _is_str_expression(node.body) or _is_str_expression(node.orelse)
    return isinstance(node, ast.Call) and _name(node.func) in STRING_MAKERS


def _is_safe_value(node: ast.expr) -> bool:
    """A literal string written in the code, or a Text/Content object."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.IfExp):
        return _is_safe_value(node.body) and _is_safe_value(node.orelse)
    return isinstance(node, ast.Call) and _name(node.func) in SAFE_WRAPPERS


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _is_false(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is False


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)
    checked: Counter[str] = field(default_factory=Counter)
    files: int = 0

    def flag(self, path: Path, node: ast.AST, what: str) -> None:
        line = getattr(node, "lineno", 0)
        self.problems.append(f"{path.relative_to(ROOT.parent)}:{line}: {what}")


def scan() -> Findings:
    findings = Findings()
    for path in sorted(ROOT.rglob("*.py")):
        findings.files += 1
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Attribute) and target.attr in (
                        "border_title",
                        "border_subtitle",
                    ):
                        findings.checked["border title"] += 1
                        if not _is_safe_value(node.value):
                            findings.flag(path, node, "border title set from a str (markup)")
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            markup = _keyword(node, "markup")
            if isinstance(markup, ast.Constant) and markup.value is True:
                findings.flag(path, node, "markup=True")
            if name in ("from_markup", "render_str"):
                findings.flag(path, node, f"{name}() parses markup")
            elif name == "notify":
                findings.checked["notify"] += 1
                if not _is_false(markup):
                    findings.flag(path, node, "notify() without markup=False")
            elif name in ("Static", "Label", "OptionList"):
                findings.checked[name] += 1
                if not _is_false(markup):
                    findings.flag(path, node, f"{name}() without markup=False")
            elif name == "Option":
                findings.checked["Option"] += 1
                if node.args and _is_str_expression(node.args[0]):
                    findings.flag(path, node, "Option() prompt built as a str")
            elif name in ("add", "add_leaf") and node.args:
                if (isinstance(node.func, ast.Attribute) and "root" in ast.unparse(node.func)) or (
                    name == "add_leaf"
                ):
                    findings.checked["tree label"] += 1
                if _is_str_expression(node.args[0]):
                    findings.flag(
                        path, node, f"{name}() label built as a str (tree labels are markup)"
                    )
            elif name == "update" and node.args:
                findings.checked["update"] += 1
                if _is_str_expression(node.args[0]):
                    findings.flag(path, node, "update() with a str (markup)")
            elif name in ("one_line", "make_visible"):
                findings.checked["safe helper"] += 1
    findings.problems.sort(key=lambda problem: (problem.split(":")[0], int(problem.split(":")[1])))
    return findings


def test_no_file_text_reaches_a_markup_parser() -> None:
    findings = scan()
    assert findings.problems == []


def test_the_scan_saw_the_code_it_guards() -> None:
    findings = scan()
    assert findings.files >= 15
    checked = findings.checked
    assert checked["notify"] >= 2  # the reader's notices all go through ReaderScreen.say
    assert checked["border title"] >= 6
    assert checked["Static"] >= 4
    assert checked["OptionList"] >= 2
    assert checked["Option"] >= 6
    assert checked["tree label"] >= 2
    assert checked["update"] >= 2
    assert checked["safe helper"] >= 25


def test_the_scan_catches_what_it_should(tmp_path: Path, monkeypatch: object) -> None:
    """The rules, tried on a module that breaks each of them."""
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    bad = tmp_path / "tui"
    bad.mkdir()
    (bad / "bad.py").write_text(
        "def f(self, name):\n"
        "    self.notify(f'{name}: mention 1 of 2')\n"
        "    self.border_title = one_line(name)\n"
        "    yield Static(name)\n"
        "    yield Label(name, markup=True)\n"
        "    Option(f'{name}')\n"
        "    group.add_leaf(one_line(name))\n"
        "    widget.update(f'[b]{name}')\n"
        "    Text.from_markup(name)\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(f"{__name__}.ROOT", bad)
    problems = [p.split(": ", 1)[1] for p in scan().problems]
    assert problems == [
        "notify() without markup=False",
        "border title set from a str (markup)",
        "Static() without markup=False",
        "markup=True",
        "Label() without markup=False",
        "Option() prompt built as a str",
        "add_leaf() label built as a str (tree labels are markup)",
        "update() with a str (markup)",
        "from_markup() parses markup",
    ]
