"""Canaries for the private parts of Textual that tui.app.textual_private relies on.

When one fails after a Textual upgrade, its message names what changed; the module's
docstring says what each part is for, so the code that needs it can be adapted there.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import OptionList, Tree

from tui.app.textual_private import RowsKeptOnResize, SteadyScrollbars, keymap_of


def _parameters(function: Callable[..., Any]) -> list[str]:
    return list(inspect.signature(function).parameters)


def _changed(what: str) -> str:
    return f"Textual changed {what}: adapt tui/app/textual_private.py to the new Textual"


def test_the_app_keeps_the_keymap_it_was_given() -> None:
    app: App[None] = App()
    assert isinstance(getattr(app, "_keymap", None), dict), _changed("App._keymap")
    app.set_keymap({"reader.next_mention": "ctrl+n"})
    assert keymap_of(app) == {"reader.next_mention": "ctrl+n"}, _changed("App._keymap")


def test_a_scroll_view_is_told_its_size_through_size_updated() -> None:
    method = getattr(ScrollView, "_size_updated", None)
    assert method is not None, _changed("ScrollView._size_updated (gone)")
    assert _parameters(method) == ["self", "size", "virtual_size", "container_size", "layout"], (
        _changed("the parameters of ScrollView._size_updated")
    )
    assert "_size_updated" in vars(SteadyScrollbars)


def test_a_widget_makes_its_vertical_scrollbar_on_first_use() -> None:
    widget = Widget()
    assert getattr(widget, "_vertical_scrollbar", "gone") is None, _changed(
        "Widget._vertical_scrollbar (no longer None until first used)"
    )
    start = getattr(App, "_start_widget", None)
    assert start is not None, _changed("App._start_widget (gone)")
    assert _parameters(start) == ["self", "parent", "widget"], _changed(
        "the parameters of App._start_widget"
    )
    source = inspect.getsource(type(widget).vertical_scrollbar.fget)  # type: ignore[attr-defined]
    assert "_vertical_scrollbar" in source and "_start_widget" in source, _changed(
        "how Widget.vertical_scrollbar makes its scrollbar"
    )


def test_an_option_list_handles_resizes_in_on_resize() -> None:
    handler = vars(OptionList).get("_on_resize")
    assert handler is not None, _changed("OptionList._on_resize (gone: rows kept on resize?)")
    assert issubclass(RowsKeptOnResize, OptionList)
    assert "_on_resize" in vars(RowsKeptOnResize)


def test_a_tree_draws_one_line_with_render_line() -> None:
    method = getattr(Tree, "_render_line", None)
    assert method is not None, _changed("Tree._render_line (gone)")
    assert _parameters(method) == ["self", "y", "x1", "x2", "base_style"], _changed(
        "the parameters of Tree._render_line"
    )
