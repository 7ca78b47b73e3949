"""Opening the editor at the annotation: each known editor's form, +LINE otherwise."""

from __future__ import annotations

import pytest

from tui.core.editor import chosen_editor, editor_command


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("vim", ["vim", "+call cursor(12, 5)", "a.yaml"]),
        ("/usr/bin/nvim", ["/usr/bin/nvim", "+call cursor(12, 5)", "a.yaml"]),
        ("emacsclient -t", ["emacsclient", "-t", "+12:5", "a.yaml"]),
        ("nano", ["nano", "+12,5", "a.yaml"]),
        ("code --wait", ["code", "--wait", "--goto", "a.yaml:12:5"]),
        ("hx", ["hx", "a.yaml:12:5"]),
        ("ed", ["ed", "+12", "a.yaml"]),
    ],
)
def test_each_editor_gets_its_form(editor: str, expected: list[str]) -> None:
    assert editor_command(editor, "a.yaml", 12, 5) == expected


def test_visual_wins_over_editor_and_vi_is_the_fallback() -> None:
    assert chosen_editor({"VISUAL": "nano", "EDITOR": "vim"}) == "nano"
    assert chosen_editor({"EDITOR": "vim"}) == "vim"
    assert chosen_editor({}) == "vi"
