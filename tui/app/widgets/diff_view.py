"""The article of a comparison: every annotation marked by how the two files agree.

The text view is the reader's :class:`ArticleView`; only the painting differs. Each kind
has a colour from the theme and a text attribute, so the kinds stay apart with
``NO_COLOR`` too: in both underlined, only in A struck through, only in B italic, other
type bold, other boundaries bold italic, other date or realis bold underlined.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from tui.app.widgets.article_view import ArticleView
from tui.core.compare.align import Comparison, Kind
from tui.core.compare.marks import Marks

_ATTRIBUTES: dict[Kind, Style] = {
    Kind.BOTH: Style(underline=True),
    Kind.ONLY_A: Style(strike=True),
    Kind.ONLY_B: Style(italic=True),
    Kind.TYPE: Style(bold=True),
    Kind.BOUNDARY: Style(bold=True, italic=True),
    Kind.DATE: Style(bold=True, underline=True),
    Kind.REALIS: Style(bold=True, underline=True),
    Kind.NOT_PLACED: Style(),
}
_COLOUR_VARIABLES: dict[Kind, str] = {
    Kind.BOTH: "text-muted",
    Kind.ONLY_A: "text-error",
    Kind.ONLY_B: "text-success",
    Kind.TYPE: "text-warning",
    Kind.BOUNDARY: "text-accent",
    Kind.DATE: "text-secondary",
    Kind.REALIS: "text-secondary",
    Kind.NOT_PLACED: "text-muted",
}
_CURRENT = Style(reverse=True, bold=True)


@dataclass(frozen=True, slots=True)
class DiffPalette:
    """One style per kind: a theme colour and a text attribute."""

    kinds: Mapping[Kind, Style]

    @classmethod
    def from_theme(cls, variables: Mapping[str, str]) -> DiffPalette:
        """Styles from the theme's variables (unknown or muted ones: attribute only)."""
        kinds: dict[Kind, Style] = {}
        for kind, attribute in _ATTRIBUTES.items():
            colour = _opaque(variables.get(_COLOUR_VARIABLES[kind], ""))
            kinds[kind] = (Style(color=colour) if colour else Style()) + attribute
        return cls(kinds)


def _opaque(colour: str) -> str:
    """``#RRGGBB`` of a theme colour (alpha dropped: Rich cannot show it), else ``""``."""
    colour = colour.strip()
    return colour[:7] if colour.startswith("#") and len(colour) in (7, 9) else ""


def kind_style(kind: Kind) -> Style:
    """The text attribute of a kind (the part that survives ``NO_COLOR``)."""
    return _ATTRIBUTES[kind]


class DiffArticleView(ArticleView):
    """A's article with the comparison's marks painted over it."""

    def __init__(self, comparison: Comparison, *, id: str | None = None) -> None:
        super().__init__(comparison.a.document, id=id)
        self.comparison = comparison
        self.marks = Marks(comparison.findings)
        self._diff_palette: DiffPalette | None = None

    def _theme_changed(self, theme: str) -> None:
        self._diff_palette = None
        super()._theme_changed(theme)

    @property
    def diff_palette(self) -> DiffPalette:
        """Styles of each kind in the current theme."""
        if self._diff_palette is None:
            self._diff_palette = DiffPalette.from_theme(self.app.theme_variables)
        return self._diff_palette

    def _render_display_line(self, number: int) -> Strip:
        assert self.line_index is not None
        start, end = self.line_index.starts[number], self.line_index.ends[number]
        line = Text(self.display_text[start:end], no_wrap=True, end="")
        if start < end:
            palette = self.diff_palette
            for mark in self.marks.overlapping(start, end):
                line.stylize(
                    palette.kinds[mark.kind],
                    max(mark.span.start, start) - start,
                    min(mark.span.end, end) - start,
                )
            for span in (self.highlight.current_mention, self.highlight.flash):
                if span is not None and span.start < end and span.end > start:
                    line.stylize(
                        _CURRENT, max(span.start, start) - start, min(span.end, end) - start
                    )
        segments = list(line.render(self.app.console))
        return Strip(Segment.apply_style(segments, self.rich_style))
