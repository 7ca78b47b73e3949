"""The article pane: the text, wrapped to the pane, drawn one visible line at a time.

A :class:`~tui.core.text.wrapping.LineIndex` is built once per width; each display
line's :class:`Strip` is cached, and a change of highlight only drops the cached
lines it touches, so the cost of a keypress depends on what is on screen, not on
the length of the document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.actions import SkipAction
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from tui.app import bindings
from tui.app.render.highlight import HighlightState, Palette, style_line
from tui.app.render.type_markers import line_markers, with_markers
from tui.app.textual_private import SteadyScrollbars
from tui.core.document.model import Document, Mention, Span
from tui.core.reading.type_tags import Marker, offset_at_cell
from tui.core.text.textsafety import make_visible
from tui.core.text.wrapping import LineIndex, char_width, wrap

_STRIP_CACHE_SIZE = 512


class ArticleView(SteadyScrollbars, can_focus=True):
    """Shows the document text with every mention coloured by its entity's type."""

    flash_seconds: ClassVar[float] = 0.6
    """How long a jump's target stands out; 0 draws no flash (screenshots and snapshots
    are taken of the steady screen, without waiting for a flash to fade)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.ARTICLE

    @dataclass
    class MentionClicked(Message):
        """The reader clicked on a mention."""

        article: ArticleView
        mention: Mention

        @property
        def control(self) -> ArticleView:
            return self.article

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self.display_text = make_visible(document.text)
        self._lines: LineIndex | None = None
        self._strips: LRUCache[int, tuple[tuple[int, Style], Strip]] = LRUCache(_STRIP_CACHE_SIZE)
        """Drawn display lines by number, with the width and base style they were drawn at."""
        self._base_style: Style | None = None
        self._state = HighlightState()
        self._palette: Palette | None = None
        self._top_anchor: int | None = None
        """Text offset the reader scrolled to; re-wrapping puts its line back on top."""
        self._rewrapping = False
        self._keep_in_view: Span | None = None
        """The span last jumped to, kept in view when the pane's height changes (a
        details panel growing under it) until the reader scrolls elsewhere."""
        self._jumping = False
        self.annotating = False
        """Set by the reader in annotate mode: the arrow keys and j/k move the selection
        (the screen's keys), not the text."""

    _SELECTION_KEYS_ACTIONS = frozenset({"scroll_down", "scroll_up", "scroll_left", "scroll_right"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In annotate mode the key goes on to the reader's annotate bindings.
        return not (self.annotating and action in self._SELECTION_KEYS_ACTIONS)

    # -- state -----------------------------------------------------------------------
    @property
    def highlight(self) -> HighlightState:
        """What is highlighted now."""
        return self._state

    @property
    def line_index(self) -> LineIndex | None:
        """Display lines at the current width (None until the pane has a size)."""
        return self._lines

    def set_document(self, document: Document, *, changed: list[Span] | None = None) -> None:
        """Show an edited version of the same text: the wrapping is kept, and only the
        lines of ``changed`` (every line when None) are drawn again."""
        same_text = document.text == self.document.text
        types_changed = document.entity_types_in_use != self.document.entity_types_in_use
        self.document = document
        if not same_text:
            self.display_text = make_visible(document.text)
            self._lines = None
            changed = None
        if types_changed:
            self._palette = None  # a type came or went: the colours are dealt again
            changed = None
        if changed is None:
            self._strips.clear()
            self.refresh()
        else:
            self._invalidate_spans(changed)

    def set_highlight(self, state: HighlightState) -> None:
        """Change what stands out, re-rendering only the lines that change."""
        old = self._state
        if state == old:
            return
        self._state = state
        if state.restyles_everything(old):
            self._strips.clear()
            self.refresh()
            return
        changed: list[Span] = [*old.spans_of_interest(), *state.spans_of_interest()]
        changed.extend(state.changed_suggestions(old))
        if old.selected_entity != state.selected_entity:
            for entity_id in (old.selected_entity, state.selected_entity):
                entity = self.document.entity_by_id.get(entity_id or "")
                if entity is not None:
                    changed.extend(mention.span for mention in entity.mentions)
        if old.argument_entities != state.argument_entities:
            for passage in (old.passage, state.passage):
                if passage is not None:
                    changed.append(passage)
        self._invalidate_spans(changed)

    def _invalidate_spans(self, spans: list[Span]) -> None:
        if self._lines is None:
            return
        lines = self._lines
        top = self.scroll_offset.y
        bottom = top + self.size.height
        refresh_needed = False
        for span in spans:
            first = lines.line_of(span.start)
            last = lines.line_of(max(span.start, span.end - 1))
            for line in range(first, last + 1):
                self._strips.discard(line)
            if first < bottom and last >= top:
                refresh_needed = True
        if refresh_needed:
            self.refresh()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self, _theme: str) -> None:
        self._palette = None
        self._strips.clear()
        self.refresh()

    @property
    def palette(self) -> Palette:
        """Colours for entity types from the current theme."""
        if self._palette is None:
            self._palette = Palette.for_document(
                self.document, self.app.theme_variables, no_color=self.app.no_color
            )
        return self._palette

    # -- layout ----------------------------------------------------------------------
    def _text_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def on_resize(self, _event: events.Resize) -> None:
        self._ensure_layout()
        span = self._keep_in_view
        if span is not None and not self._span_fully_visible(span):
            self.scroll_to_span(span, flash=False)

    def _ensure_layout(self) -> LineIndex:
        width = self._text_width()
        if self._lines is None or self._lines.width != width:
            # The anchor is the offset the reader scrolled to, not the start of the line
            # now on top: taking the line start each time would creep backwards a little
            # with every re-wrap (each pane shown or hidden).
            anchor = self._top_anchor
            self._rewrapping = True
            try:
                self._lines = wrap(self.display_text, width)
                self._strips.clear()
                self.virtual_size = Size(width, len(self._lines))
                if anchor is not None:
                    self.scroll_to(y=self._lines.line_of(anchor), animate=False, immediate=True)
            finally:
                self._rewrapping = False
        return self._lines

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        lines = self._lines
        if self._rewrapping or lines is None or not len(lines):
            return
        if not self._jumping:
            self._keep_in_view = None
        if lines.width != self._text_width():
            return  # a scroll clamped by a resize not yet wrapped: not the reader's move
        if round(old_value) != round(new_value):
            self._top_anchor = lines.starts[min(round(new_value), len(lines) - 1)]

    # -- moving ----------------------------------------------------------------------
    # Keys move the text at once, as in less: Textual's default scroll glides there over
    # a few frames, so a one-line step would take some 20-40 ms to finish.
    def action_scroll_down(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_down(animate=False, immediate=True)

    def action_scroll_up(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_up(animate=False, immediate=True)

    def action_page_down(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_home(animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_end(animate=False, immediate=True)

    # -- rendering -------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's base style walks every ancestor's styles: work it out once per
        # repaint, not twice for each line drawn.
        self._base_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base_style = None

    def render_line(self, y: int) -> Strip:
        lines = self._ensure_layout()
        number = self.scroll_offset.y + y
        width = self.size.width
        base = self._base_style or self.rich_style
        if number >= len(lines):
            return Strip.blank(width, base)
        key = (width, base)
        cached = self._strips.get(number)
        if cached is None or cached[0] != key:
            # The strip is kept as drawn (cut or padded to the pane's width), so that a
            # line scrolled back into view is the very same strip and Textual's own
            # caches of its cropping and styling hold.
            strip = self._render_display_line(number).crop_extend(0, width, base)
            self._strips.set(number, (key, strip))
            return strip
        return cached[1]

    def _render_display_line(self, number: int) -> Strip:
        assert self._lines is not None
        base = self._base_style or self.rich_style
        start, end = self._lines.starts[number], self._lines.ends[number]
        text = style_line(self.document, self.display_text, start, end, self._state, self.palette)
        if self.app.no_color and not self._state.plain:
            text = with_markers(text, start, self._type_markers(start, end))
        segments = list(text.render(self.app.console))
        return Strip(Segment.apply_style(segments, base))

    def _type_markers(self, start: int, end: int) -> list[Marker]:
        """Type tags for the display line ``[start, end)`` (drawn only with NO_COLOR)."""
        width = self._lines.width if self._lines is not None else self._text_width()
        return line_markers(
            self.document, self.display_text, start, end, width, self._state.shown_types
        )

    # -- positions -------------------------------------------------------------------
    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under a cell of the widget, if any."""
        lines = self._ensure_layout()
        number = self.scroll_offset.y + y
        if not 0 <= number < len(lines):
            return None
        start, end = lines.starts[number], lines.ends[number]
        if self.app.no_color and not self._state.plain:
            line_text = self.display_text[start:end]
            return offset_at_cell(line_text, start, self._type_markers(start, end), x)
        cells = 0
        for offset in range(start, end):
            cells += char_width(self.display_text[offset])
            if cells > x:
                return offset
        return None

    def on_click(self, event: events.Click) -> None:
        content = event.get_content_offset(self)
        if content is None:
            return
        offset = self.offset_at(content.x, content.y)
        if offset is None:
            return
        found = self.document.mentions_at(offset)
        if found:
            self.post_message(self.MentionClicked(self, found[0]))

    def scroll_to_span(self, span: Span, *, flash: bool = True) -> None:
        """Bring ``span`` comfortably into view (a third of the way down) and flash it."""
        lines = self._ensure_layout()
        first = lines.line_of(span.start)
        last = lines.line_of(max(span.start, span.end - 1))
        height = max(1, self.size.height)
        top = self.scroll_offset.y
        comfortable = top + 1 <= first and last <= top + height - 3
        if not comfortable:
            target = max(0, first - max(1, height // 3))
            self._jumping = True
            try:
                self.scroll_to(y=target, animate=False, immediate=True)
            finally:
                self._jumping = False
        self._keep_in_view = span
        if flash:
            self.flash(span)

    def scroll_to_offset(self, offset: int) -> None:
        """Put the display line holding ``offset`` at the top."""
        lines = self._ensure_layout()
        self.scroll_to(y=lines.line_of(offset), animate=False, immediate=True)
        self._top_anchor = offset

    def flash(self, span: Span) -> None:
        """Make ``span`` stand out briefly (not at all when ``flash_seconds`` is 0)."""
        if self.flash_seconds <= 0:
            return
        self.set_highlight(replace(self._state, flash=span))

        def clear() -> None:
            if self._state.flash == span:
                self.set_highlight(replace(self._state, flash=None))

        self.set_timer(self.flash_seconds, clear)

    def top_offset(self) -> int:
        """The text offset at the top of the visible area."""
        lines = self._ensure_layout()
        if not len(lines):
            return 0
        return lines.starts[min(self.scroll_offset.y, len(lines) - 1)]

    def bottom_offset(self) -> int:
        """The text offset just after the last visible line."""
        lines = self._ensure_layout()
        if not len(lines):
            return 0
        last = min(self.scroll_offset.y + max(1, self.size.height), len(lines)) - 1
        return lines.ends[last]

    def _span_fully_visible(self, span: Span) -> bool:
        lines = self._ensure_layout()
        top = self.scroll_offset.y
        last = lines.line_of(max(span.start, span.end - 1))
        return top <= lines.line_of(span.start) and last < top + self.size.height

    def span_is_visible(self, span: Span) -> bool:
        """Whether any line of ``span`` is on screen."""
        lines = self._ensure_layout()
        top = self.scroll_offset.y
        return top <= lines.line_of(span.start) < top + self.size.height
