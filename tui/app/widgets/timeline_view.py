"""The timeline: one row per happening under a date axis, drawn one visible row at a time.

Rows are plain tuples built once per set of lanes; a row's :class:`Strip` is made only
when it is on screen and cached until the zoom, the width or the lanes change (moving the
cursor re-renders the two rows it leaves and enters). The axis ruler takes the first two
lines of the view and stays put while the rows scroll.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app import bindings
from tui.core.document.dates import DateValue
from tui.core.text.textsafety import one_line
from tui.core.timeline.happenings import (
    UNDATED_LANE,
    Axis,
    Happening,
    Lane,
    extent,
    is_mark,
    make_axis,
)

HEADER_LINES = 2
"""The ruler: tick labels, then the axis line."""
_STRIP_CACHE_SIZE = 256

REALIS_GLYPHS: dict[str, tuple[str, str]] = {
    "actual": ("●", "━"),
    "planned": ("○", "╍"),
    "hypothetical": ("◇", "┄"),
    "generic": ("◆", "═"),
}
"""Per realis: the mark drawn for a day, the character a bar (month, year, range) is made of."""

CURSOR = "▶"
GUESSED = "~"
NOW_LINE = "│"


def compact_date(value: DateValue | None) -> str:
    """The date column: the value, or where a range starts followed by ``…``; ``?`` undated."""
    if value is None:
        return "?"
    if value.is_range:
        return value.text.partition("/")[0] + "…"
    return value.text


@dataclass(frozen=True, slots=True)
class Row:
    """A lane title (``happening`` None) or a happening within a lane."""

    lane: Lane
    happening: Happening | None


class TimelineView(ScrollView, can_focus=True):
    """Happenings by date, in lanes, each drawn at its place on the axis."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--actual",
        "timeline--planned",
        "timeline--hypothetical",
        "timeline--generic",
        "timeline--now",
        "timeline--lane",
        "timeline--cursor",
        "timeline--date",
        "timeline--words",
        "timeline--tick",
        "timeline--guessed",
    }

    BINDINGS: ClassVar[list[BindingType]] = bindings.TIMELINE_VIEW

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto a happening."""

        view: TimelineView
        happening: Happening

        @property
        def control(self) -> TimelineView:
            return self.view

    @dataclass
    class Chosen(Message):
        """Enter on a happening: go to its passage."""

        view: TimelineView
        happening: Happening

        @property
        def control(self) -> TimelineView:
            return self.view

    def __init__(
        self,
        now: DateValue | None,
        *,
        now_guessed: bool = False,
        source_of: Callable[[Happening], str | None] | None = None,
        id: str | None = None,
    ) -> None:
        """Rows under an axis with the "now" line at ``now`` (the article's date, if any;
        ``now_guessed`` when that date is a guess); ``source_of`` names the document a
        happening comes from, when there are several."""
        super().__init__(id=id)
        self._now = now
        self._now_label = f"{now.text}{GUESSED if now_guessed else ''}" if now else ""
        self._source_of = source_of
        self.rows: list[Row] = []
        self.cursor = 0
        """Index into :attr:`rows` of the highlighted happening."""
        self.zoom = 0
        self._span: tuple[dt.date, dt.date] = (dt.date(2000, 1, 1), dt.date(2000, 1, 1))
        self._dated = False
        self._axis: Axis | None = None
        self._focus: dt.date | None = None
        self._strips: LRUCache[int, Strip] = LRUCache(_STRIP_CACHE_SIZE)

    # -- content -----------------------------------------------------------------------
    def set_lanes(self, lanes: Sequence[Lane], keep: str | None = None) -> None:
        """Show these lanes; the cursor stays on happening ``keep`` when it is still shown."""
        rows: list[Row] = []
        for lane in lanes:
            rows.append(Row(lane, None))
            rows.extend(Row(lane, happening) for happening in lane.happenings)
        self.rows = rows
        self._dated = any(h.date is not None for lane in lanes for h in lane.happenings)
        self._span = extent((h for lane in lanes for h in lane.happenings), self.now)
        self._invalidate()
        target = next((i for i, row in enumerate(rows) if keep and _id(row) == keep), None)
        if target is None:
            target = next((i for i, row in enumerate(rows) if row.happening), 0)
        self.move_to(target, force=True)

    def show_lane(self, key: str) -> None:
        """Put the cursor on the first happening of lane ``key``, its title in view."""
        for number, row in enumerate(self.rows):
            if row.lane.key == key and row.happening is not None:
                self.move_to(number)
                return

    @property
    def now(self) -> DateValue | None:
        """The article's date."""
        return self._now

    @property
    def current(self) -> Happening | None:
        """The happening under the cursor."""
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].happening
        return None

    @property
    def has_axis(self) -> bool:
        """Whether any happening has a date: without one there is nothing to place in
        time, and no axis is drawn (rather than one of made-up days)."""
        return self._dated

    @property
    def axis(self) -> Axis:
        """The axis at the current width and zoom."""
        if self._axis is None:
            width = self._axis_width()
            self._axis = make_axis(*self._span, width, self.zoom, self._focus)
            self.zoom = self._axis.zoom
        return self._axis

    def set_zoom(self, zoom: int) -> None:
        """Zoom to ``zoom`` (0: every date fits), centred on the happening under the cursor."""
        happening = self.current
        if happening is not None and happening.date is not None:
            value = happening.date
            self._focus = value.first + (value.last - value.first) / 2
        elif self.now is not None:
            self._focus = self.now.first
        self.zoom = max(0, zoom)
        self._invalidate()

    def _invalidate(self) -> None:
        self._axis = None
        self._strips.clear()
        width = max(1, self.scrollable_content_region.width)
        self.virtual_size = Size(width, len(self.rows) + HEADER_LINES)
        self.refresh()

    # -- layout ------------------------------------------------------------------------
    @property
    def label_width(self) -> int:
        """Cursor, date column, guessed mark and realis glyph, with their spaces."""
        return 1 + 11 + 1 + 1 + 1 + 1

    def _axis_width(self) -> int:
        free = max(1, self.scrollable_content_region.width) - self.label_width
        return max(12, min(100, free * 2 // 5))

    def on_resize(self, _event: events.Resize) -> None:
        self._invalidate()
        self._scroll_to_cursor()

    # -- cursor ------------------------------------------------------------------------
    def move_to(self, row: int, *, force: bool = False) -> None:
        """Put the cursor on ``row`` (a happening row) and keep it in view."""
        if not self.rows:
            self.cursor = 0
            return
        row = max(0, min(row, len(self.rows) - 1))
        if self.rows[row].happening is None:
            forward = next((i for i in range(row, len(self.rows)) if self.rows[i].happening), None)
            backward = next((i for i in range(row, -1, -1) if self.rows[i].happening), None)
            found = forward if forward is not None else backward
            if found is None:
                return
            row = found
        if row == self.cursor and not force:
            return
        old, self.cursor = self.cursor, row
        self._strips.discard(old)
        self._strips.discard(row)
        happening = self.rows[row].happening
        if (
            happening is not None
            and happening.date is not None
            and self.zoom
            and self.axis.side_of(happening.date)
        ):
            # Zoomed in, the window follows the cursor to a date outside it.
            self.set_zoom(self.zoom)
        self._scroll_to_cursor()
        self.refresh()
        if happening is not None:
            self.post_message(self.Highlighted(self, happening))

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.scrollable_content_region.height - HEADER_LINES)
        top = self.scroll_offset.y
        wanted = top
        # Show the lane title too when the cursor is on a lane's first happening.
        first = (
            self.cursor - 1
            if self.cursor and self.rows[self.cursor - 1].happening is None
            else self.cursor
        )
        if first < top:
            wanted = first
        elif self.cursor >= top + visible:
            wanted = self.cursor - visible + 1
        if wanted != top:
            self.scroll_to(y=wanted, animate=False, immediate=True)

    def _step(self, step: int) -> None:
        row = self.cursor + step
        while 0 <= row < len(self.rows) and self.rows[row].happening is None:
            row += step
        if 0 <= row < len(self.rows):
            self.move_to(row)

    def action_cursor_down(self) -> None:
        """Next happening (into the next lane at a lane's end)."""
        self._step(1)

    def action_cursor_up(self) -> None:
        """Previous happening."""
        self._step(-1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    def action_page_down(self) -> None:
        page = max(1, self.scrollable_content_region.height - HEADER_LINES - 1)
        self.move_to(min(len(self.rows) - 1, self.cursor + page))

    def action_page_up(self) -> None:
        page = max(1, self.scrollable_content_region.height - HEADER_LINES - 1)
        self.move_to(max(0, self.cursor - page))

    def action_choose(self) -> None:
        """Go to the passage of the happening under the cursor."""
        happening = self.current
        if happening is not None:
            self.post_message(self.Chosen(self, happening))

    def on_click(self, event: events.Click) -> None:
        content = event.get_content_offset(self)
        if content is None or content.y < HEADER_LINES:
            return
        row = self.scroll_offset.y + content.y - HEADER_LINES
        if 0 <= row < len(self.rows) and self.rows[row].happening is not None:
            self.move_to(row)

    # -- drawing -----------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"timeline--{name}", partial=True)

    def realis_style(self, realis: str) -> Style:
        """How events of this realis look (also used by the legend)."""
        return self._style(realis if realis in REALIS_GLYPHS else "generic")

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y < HEADER_LINES:
            text = self._ruler_line(y)
        else:
            number = self.scroll_offset.y + y - HEADER_LINES
            if number >= len(self.rows):
                return Strip.blank(width, base)
            strip = self._strips.get(number)
            if strip is not None:
                return strip.crop_extend(0, width, base)
            text = self._row_text(number)
            strip = self._strip(text)
            self._strips.set(number, strip)
            return strip.crop_extend(0, width, base)
        return self._strip(text).crop_extend(0, width, base)

    def _strip(self, text: Text) -> Strip:
        text.no_wrap = True
        text.overflow = "ellipsis"
        text.truncate(max(1, self.size.width), overflow="ellipsis")
        segments = list(text.render(self.app.console))
        return Strip(Segment.apply_style(segments, self.rich_style))

    def _ruler_line(self, y: int) -> Text:
        if not self.has_axis:
            return self._no_axis_line(y)
        axis = self.axis
        pad = " " * self.label_width
        now_column = self._now_column(axis)
        if y == 0:
            cells = [" "] * axis.width
            for tick in axis.ticks():
                cells[tick.column : tick.column + len(tick.label)] = tick.label
            info = f"{axis.unit.value}, zoom {axis.zoom}"
            line = Text(
                f"{info[: self.label_width - 1]:<{self.label_width}}", style=self._style("tick")
            )
            line.append("".join(cells), style=self._style("date"))
            if self.now is not None:
                line.append(f"  now {self._now_label}", style=self._style("now"))
            return line
        cells = ["─"] * axis.width
        for tick in axis.ticks():
            cells[tick.column] = "┬"
        if now_column is not None:
            cells[now_column] = "▼"
        line = Text(pad)
        line.append("".join(cells), style=self._style("tick"))
        if now_column is not None:
            at = self.label_width + now_column
            line.stylize(self._style("now"), at, at + 1)
        return line

    def _no_axis_line(self, y: int) -> Text:
        """The ruler's place when nothing is dated: says so, draws no days."""
        if y:
            return Text()
        # A happening in an entity lane is also in the undated lane: count each once.
        count = len({row.happening.id for row in self.rows if row.happening is not None})
        said = " No event has a date, so there is no time axis"
        if not count:
            said = " The article has no events, so there is no time axis"
        else:
            said += (
                f"; the {count} undated events are listed below, in text order"
                if count > 1
                else "; the undated event is listed below"
            )
        line = Text(said, style=self._style("tick"))
        if self.now is not None:
            line.append(f"  (article of {self._now_label})", style=self._style("now"))
        return line

    def _now_column(self, axis: Axis) -> int | None:
        if self.now is None or axis.cells(self.now) is None:
            return None
        return axis.column_of(self.now.first)

    def _row_text(self, number: int) -> Text:
        row = self.rows[number]
        happening = row.happening
        if happening is None:
            return self._lane_title(row.lane)
        selected = number == self.cursor
        line = Text()
        line.append(CURSOR if selected else " ")
        line.append(f"{compact_date(happening.date):>11} ", style=self._style("date"))
        line.append(GUESSED if happening.guessed else " ", style=self._style("guessed"))
        glyph, bar = REALIS_GLYPHS.get(happening.realis, REALIS_GLYPHS["generic"])
        realis_style = self.realis_style(happening.realis)
        line.append(glyph, style=realis_style)
        line.append(" ")
        if self.has_axis:
            line.append_text(self._axis_cells(self.axis, happening, glyph, bar, realis_style))
            line.append(" ")
        source = self._source_of(happening) if self._source_of else None
        if source is not None:
            line.append(f"{one_line(source)}: ", style=self._style("date"))
        line.append(one_line(happening.event.summary), style=realis_style)
        if len(happening.tellings) > 1:
            line.append(f" ×{len(happening.tellings)}", style="italic")
        if happening.date_words:
            quote = one_line(happening.date_words)
            mark = "" if happening.words_source == "annotated" else "≈"
            line.append(f"  {mark}“{quote}”", style=self._style("words"))
        if selected:
            line.stylize(self._style("cursor"))
        return line

    def _axis_cells(
        self, axis: Axis, happening: Happening, glyph: str, bar: str, style: Style
    ) -> Text:
        cells = [" "] * axis.width
        now_column = self._now_column(axis)
        if now_column is not None:
            cells[now_column] = NOW_LINE
        drawn: tuple[int, int] | None = None
        value = happening.date
        if value is not None:
            drawn = axis.cells(value)
            if drawn is None:
                side = axis.side_of(value)
                drawn = (0, 0) if side < 0 else (axis.width - 1, axis.width - 1)
                cells[drawn[0]] = "◂" if side < 0 else "▸"
            elif is_mark(value):
                cells[drawn[0]] = glyph
            else:
                for column in range(drawn[0], drawn[1] + 1):
                    cells[column] = bar
        text = Text("".join(cells))
        if now_column is not None:
            text.stylize(self._style("now"), now_column, now_column + 1)
        if drawn is not None:
            text.stylize(style, drawn[0], drawn[1] + 1)
        return text

    def _lane_title(self, lane: Lane) -> Text:
        count = len(lane.happenings)
        title = Text("── ", style=self._style("tick"))
        title.append(one_line(lane.title), style=self._style("lane"))
        detail = f" {count} event{'s' if count != 1 else ''}"
        if not self.has_axis and lane.key != UNDATED_LANE:
            detail = " none dated"
        elif lane.key == UNDATED_LANE:
            detail = f" {count}, not on the axis"
        elif lane.undated_left_out:
            detail += f", +{lane.undated_left_out} undated below"
        title.append(detail, style=self._style("tick"))
        return title


def _id(row: Row) -> str | None:
    return row.happening.id if row.happening is not None else None
