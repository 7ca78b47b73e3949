"""Scrolled views that leave their scrollbars alone when a layout did not resize them.

Textual lays out the whole screen when any widget changes size (the details panel
gaining a line, say), and tells every widget its size again. A Line-API view compares
the size the layout gives its content with the size of the content itself, which
always differ, so each such layout refreshed the scrollbars of every pane and cost
one more frame after the layout's own. A view with this mixin skips that when its
size, its container's size and its content's size are what they were last time.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


class SteadyScrollbars(ScrollView):
    """Base of a Line-API view, or a second base after a ``ScrollView`` subclass
    (``class V(Tree[str], SteadyScrollbars)``: the first base carries the CSS)."""

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
