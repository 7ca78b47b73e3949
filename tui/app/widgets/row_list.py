"""A list of many rows drawn one visible line at a time (Textual's Line API).

Rows are plain data (one ``rich.text.Text`` per cell); only the rows on screen are
turned into strips, so ten thousand articles cost no more to show than ten. Used by
the library and by the search results.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app import bindings

RowT = TypeVar("RowT")


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its heading, its width (None: takes what is left) and alignment."""

    heading: str
    width: int | None
    right: bool = False
    """Right-aligned; too long, it loses its start rather than its end (left context)."""
    hide_below: int = 0
    """The column is left out when the list is narrower than this."""
    fit: bool = False
    """The column takes the cells its texts need (:meth:`RowList.fit_widths`), up to
    ``width``, before any other column is narrowed."""


class RowList(ScrollView, Generic[RowT], can_focus=True):
    """Rows of cells with a heading line and a cursor; ``enter`` chooses a row."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.ROW_LIST

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor", "row-list--heading"}

    cursor: reactive[int] = reactive(0, always_update=True, repaint=True)
    """Index of the current row in :attr:`rows`."""

    @dataclass
    class Chosen(Message):
        """The user pressed enter (or clicked) on a row."""

        row_list: RowList[object]
        index: int

        @property
        def control(self) -> RowList[object]:
            return self.row_list

    @dataclass
    class Moved(Message):
        """The cursor moved to another row."""

        row_list: RowList[object]
        index: int

        @property
        def control(self) -> RowList[object]:
            return self.row_list

    def __init__(
        self,
        columns: Sequence[Column],
        cells: Callable[[RowT], Sequence[Text]],
        *,
        empty: str = "Nothing to show.",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self._cells = cells
        self.rows: list[RowT] = []
        self.empty = empty
        self._needed: dict[str, int] = {}
        """The cells each fitting column needs, by heading."""

    # -- data ------------------------------------------------------------------------
    def set_rows(
        self, rows: list[RowT], *, keep: RowT | None = None, keep_place: bool = False
    ) -> None:
        """Show ``rows``; the cursor stays on ``keep`` when it is among them, or at the
        same place in the list with ``keep_place`` (while rows are still arriving)."""
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        index = self.cursor if keep_place else 0
        if keep is not None and not keep_place:
            try:
                index = rows.index(keep)
            except ValueError:
                index = 0
        self.cursor = min(index, max(0, len(rows) - 1))
        self._scroll_cursor_visible()
        self.refresh()

    def fit_widths(self, needed: Mapping[str, int]) -> None:
        """The cells the fitting columns need (by heading), as their owner measured them."""
        if dict(needed) != self._needed:
            self._needed = dict(needed)
            self.refresh()

    def column_width(self, column: Column) -> int | None:
        """The width a column is given before the list's width is shared out."""
        if column.fit and column.width is not None:
            return min(column.width, max(len(column.heading), self._needed.get(column.heading, 0)))
        return column.width

    @property
    def current(self) -> RowT | None:
        """The row under the cursor."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    # -- drawing ---------------------------------------------------------------------
    def _shown(self, width: int) -> list[int]:
        """Indexes of the columns that fit at ``width``."""
        return [n for n, c in enumerate(self.columns) if width >= c.hide_below]

    def _widths(self, columns: list[Column], width: int) -> list[int]:
        gaps = len(columns) - 1
        wanted = [self.column_width(c) for c in columns]
        # Fitting columns keep what they need; the others share what is left, down to
        # three cells each, and the flexible column keeps at least 12.
        kept = sum(w or 0 for w, c in zip(wanted, columns, strict=True) if c.fit)
        fixed = sum(w or 0 for w, c in zip(wanted, columns, strict=True) if not c.fit)
        room = width - gaps - 12 - kept
        scale = min(1.0, room / fixed) if fixed and room > 0 else 1.0
        widths = [
            0 if w is None else w if c.fit else max(3, int(w * scale))
            for w, c in zip(wanted, columns, strict=True)
        ]
        rest = max(8, width - gaps - sum(widths))
        return [w if c.width is not None else rest for w, c in zip(widths, columns, strict=True)]

    def _line(self, cells: Sequence[Text], width: int, style: Style) -> Strip:
        shown = self._shown(width)
        columns = [self.columns[n] for n in shown]
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        for number, (cell, column, cell_width) in enumerate(
            zip([cells[n] for n in shown], columns, self._widths(columns, width), strict=True)
        ):
            if number:
                line.append(" ")
            piece = cell.copy()
            piece.no_wrap = True
            if column.right and piece.cell_len > cell_width:
                # Keep the end, nearest the hit: "…the words just before".
                keep = max(0, cell_width - 1)
                piece = Text("…") + piece[len(piece) - keep :] if keep else Text("")
                while piece.cell_len > cell_width and len(piece) > 1:
                    piece = Text("…") + piece[2:]
            piece.truncate(cell_width, overflow="ellipsis", pad=False)
            padding = " " * max(0, cell_width - piece.cell_len)
            if column.right:
                line.append(padding)
                line.append_text(piece)
            else:
                line.append_text(piece)
                line.append(padding)
        segments = list(line.render(self.app.console))
        strip = Strip(Segment.apply_style(segments, style))
        return strip.crop_extend(0, width, style)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            heading = self.get_component_rich_style("row-list--heading")
            return self._line([Text(c.heading) for c in self.columns], width, base + heading)
        number = self.scroll_offset.y + y - 1
        if not self.rows:
            if y == 1:
                return Strip([Segment(self.empty, base)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if number >= len(self.rows):
            return Strip.blank(width, base)
        style = base
        if number == self.cursor:
            style = base + self.get_component_rich_style("row-list--cursor")
        return self._line(self._cells(self.rows[number]), width, style)

    def on_resize(self, _event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)

    # -- moving ----------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        if old != new:
            self.post_message(self.Moved(self, new))  # type: ignore[arg-type]

    def _visible_rows(self) -> int:
        return max(1, self.size.height - 1)

    def _scroll_cursor_visible(self) -> None:
        top = int(self.scroll_offset.y)
        visible = self._visible_rows()
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def move_to(self, index: int) -> None:
        """Put the cursor on row ``index`` (clamped) and bring it into view."""
        if not self.rows:
            return
        self.cursor = max(0, min(index, len(self.rows) - 1))
        self._scroll_cursor_visible()
        self.refresh()

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self.move_to(self.cursor + step * self._visible_rows())

    def action_edge(self, end: int) -> None:
        self.move_to(len(self.rows) - 1 if end else 0)

    def action_choose(self) -> None:
        if self.rows:
            self.post_message(self.Chosen(self, self.cursor))  # type: ignore[arg-type]

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            return
        index = int(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self.rows):
            self.move_to(index)
            if event.chain >= 2:
                self.action_choose()
