"""The private parts of Textual that gloss relies on, all in one place.

Each is used because Textual offers no public way to do the same, and each has a canary
in ``tests/app/test_textual_private.py`` that fails, naming it, when a Textual release
changes it: that test is the place to look first after upgrading Textual.

- ``App._keymap``: the keys a configuration rebound (help names the keys in force);
- ``ScrollView._size_updated``: overridden so that a layout that resized nothing leaves
  the scrollbars alone (:class:`SteadyScrollbars`);
- ``Widget._vertical_scrollbar`` and ``App._start_widget``: a scrollbar of one's own
  kind, made and started as Textual makes its own (:func:`vertical_scrollbar_of`);
- ``OptionList._on_resize``: overridden so a resize that keeps the width keeps the rows'
  rendering (:class:`RowsKeptOnResize`);
- ``Tree._render_line``: one line of a tree with a base style worked out once per
  repaint (:func:`tree_line`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rich.style import Style
from textual import events
from textual.app import App
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList, Tree


def keymap_of(app: App[Any]) -> Mapping[str, str]:
    """The keys the user's configuration rebound (``binding id → keys``), as given to
    ``App.set_keymap``; Textual keeps them but offers no public getter."""
    keymap: Mapping[str, str] = app._keymap
    return keymap


class SteadyScrollbars(ScrollView):
    """Scrolled views that leave their scrollbars alone when a layout did not resize them.

    Textual lays out the whole screen when any widget changes size (the details panel
    gaining a line, say), and tells every widget its size again. A Line-API view
    compares the size the layout gives its content with the size of the content
    itself, which always differ, so each such layout refreshed the scrollbars of every
    pane and cost one more frame after the layout's own. A view with this mixin skips
    that when its size, its container's size and its content's size are what they were
    last time.

    Base of a Line-API view, or a second base after a ``ScrollView`` subclass
    (``class V(Tree[str], SteadyScrollbars)``: the first base carries the CSS).
    """

    _sized_for: tuple[Size, Size, Size] | None = None
    """Own size, container size and content size at the last update (None: none yet)."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        sized_for = (size, container_size, self.virtual_size)
        if sized_for == self._sized_for:
            return False
        self._sized_for = sized_for
        return super()._size_updated(size, virtual_size, container_size, layout)


def vertical_scrollbar_of(widget: Widget, make: Callable[[], ScrollBar]) -> ScrollBar:
    """``widget``'s vertical scrollbar: the one made by ``make`` the first time it is
    asked for, hidden and started as Textual starts its own."""
    existing: ScrollBar | None = widget._vertical_scrollbar
    if existing is not None:
        return existing
    scroll_bar = make()
    widget._vertical_scrollbar = scroll_bar
    scroll_bar.display = False
    widget.app._start_widget(widget, scroll_bar)
    return scroll_bar


class RowsKeptOnResize(OptionList):
    """An option list that keeps its rows' rendering when a resize keeps its width.

    Textual's list drops every row's rendering on any resize (its handler runs after
    this one unless prevented); only a new width changes how a row is drawn.
    """

    _rendered_width: int | None = None
    """The width the rows were last drawn for (None: not drawn yet)."""

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        width = self.scrollable_content_region.width
        if width == self._rendered_width:
            event.prevent_default()
        self._rendered_width = width


def tree_line(tree: Tree[Any], y: int, x1: int, x2: int, base_style: Style) -> Strip:
    """Line ``y`` of ``tree`` (counted from its top, not from the scroll), columns
    ``x1`` to ``x2``, drawn over ``base_style`` (what ``render_line`` asks for anew)."""
    strip: Strip = tree._render_line(y, x1, x2, base_style)
    return strip
