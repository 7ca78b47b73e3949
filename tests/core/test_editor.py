"""Opening the editor at the annotation: each known editor's form, +LINE otherwise; the
file always as an absolute path (tests/hostile/test_editor_names.py tries hostile names)."""

from __future__ import annotations

import pytest

from tui.core.files.editor import chosen_editor, editor_command


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("vim", ["vim", "+call cursor(12, 5)", "--", "/n/a.yaml"]),
        ("/usr/bin/nvim", ["/usr/bin/nvim", "+call cursor(12, 5)", "--", "/n/a.yaml"]),
        ("emacsclient -t", ["emacsclient", "-t", "+12:5", "/n/a.yaml"]),
        ("nano", ["nano", "--", "+12,5", "/n/a.yaml"]),
        ("code --wait", ["code", "--wait", "--goto", "/n/a.yaml:12:5"]),
        ("hx", ["hx", "--", "/n/a.yaml:12:5"]),
        ("ed", ["ed", "+12", "/n/a.yaml"]),
    ],
)
def test_each_editor_gets_its_form(editor: str, expected: list[str]) -> None:
    assert editor_command(editor, "/n/a.yaml", 12, 5) == expected


def test_visual_wins_over_editor_and_vi_is_the_fallback() -> None:
    assert chosen_editor({"VISUAL": "nano", "EDITOR": "vim"}) == "nano"
    assert chosen_editor({"EDITOR": "vim"}) == "vim"
    assert chosen_editor({}) == "vi"
