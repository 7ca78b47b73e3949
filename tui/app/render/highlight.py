"""From resolved spans to styled display lines for the article view.

The layering is fixed so that nested and overlapping mentions always render the
same way: longer (outer) mentions are painted first and inner ones over them, so
the innermost wins the colour and the outer stays visible around it. Selection
cues are bold and underline, the current mention is reversed and a jump flashes:
cues that survive ``NO_COLOR``.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text
from textual.color import Color

from tui.core.document.model import Document, Span, mentions_overlapping

TYPE_COLOUR_VARIABLES: tuple[str, ...] = (
    "text-accent",
    "text-primary",
    "text-success",
    "text-error",
    "text-warning",
    "text-secondary",
)
"""Theme variables tried first for entity types, so the colours follow the theme."""

_MIN_DISTANCE = 80.0
"""Below this RGB distance two type colours are too alike to tell apart."""


def type_colours(variables: Mapping[str, str], count: int) -> list[str]:
    """``count`` distinct, legible hex colours taken from the theme.

    Themes often give two variables the same colour (accent and warning, say), and
    have fewer than the eight default types need; the rest are the theme's accent
    turned round the colour wheel at the same saturation and lightness.
    """
    background = Color.parse(_solid(variables.get("background", ""), "#000000"))
    dark = background.brightness < 0.5
    chosen: list[Color] = []

    def legible(colour: Color) -> Color:
        hue, saturation, lightness = colour.hsl
        lightness = max(lightness, 0.6) if dark else min(lightness, 0.4)
        return Color.from_hsl(hue, saturation, lightness)

    def distinct(colour: Color) -> bool:
        return all(_distance(colour, other) >= _MIN_DISTANCE for other in chosen)

    for name in TYPE_COLOUR_VARIABLES:
        value = _solid(variables.get(name, ""), "")
        if value in ("default", ""):
            continue  # the theme does not define it
        colour = legible(Color.parse(value))
        if distinct(colour):
            chosen.append(colour)
    seed = chosen[0] if chosen else Color.parse("#ffa62b")
    hue, saturation, lightness = seed.hsl
    step = 0
    while len(chosen) < count and step < 48:
        step += 1
        candidate = legible(
            Color.from_hsl((hue + step * 0.137) % 1.0, max(saturation, 0.55), lightness)
        )
        if distinct(candidate) or step >= 36:
            chosen.append(candidate)
    return [colour.hex for colour in chosen[:count]]


def type_family(code: str) -> str:
    """The family of an entity type: its code's first word (``LOC_FAC`` → ``LOC``)."""
    return code.split("_", 1)[0]


def family_shades(colour: str, count: int) -> list[str]:
    """``count`` shades of one hue for the types of a family: the colour itself first,
    then lighter and darker ones, each nudged round the wheel a little so that
    neighbours stay apart."""
    hue, saturation, lightness = Color.parse(colour).hsl
    shades = [colour]
    offsets = (0.12, -0.1, 0.2, -0.16, 0.06, -0.05, 0.16)
    for index in range(1, count):
        shift = offsets[(index - 1) % len(offsets)]
        shade = Color.from_hsl(
            (hue + 0.04 * (index if index % 2 else -index)) % 1.0,
            saturation,
            min(0.9, max(0.25, lightness + shift)),
        )
        shades.append(shade.hex)
    return shades


def _distance(first: Color, second: Color) -> float:
    return float(
        ((first.r - second.r) ** 2 + (first.g - second.g) ** 2 + (first.b - second.b) ** 2) ** 0.5
    )


SUGGESTION_NO_COLOR = Style(dim=True, italic=True)
"""A suggestion without colour: dim italics, without the underline every type's cue has."""


@dataclass(frozen=True, slots=True)
class HighlightState:
    """What the article should make stand out right now."""

    selected_entity: str | None = None
    current_mention: Span | None = None
    passage: Span | None = None
    trigger: Span | None = None
    argument_entities: frozenset[str] = frozenset()
    flash: Span | None = None
    search_match: Span | None = None
    shown_types: frozenset[str] | None = None
    """Entity types the reader filtered to (None: all); the rest of the text is dimmed."""
    plain: bool = False
    """Plain reading: no type colours or cues, only the selection stands out."""
    selection: Span | None = None
    """Annotate mode's selection: the words the next edit applies to."""
    suggestions: tuple[Span, ...] = ()
    """Suggested mentions being reviewed: in text order, none overlapping another."""

    def changed_suggestions(self, other: HighlightState) -> list[Span]:
        """The suggested spans shown in one state and not in the other."""
        if self.suggestions == other.suggestions:
            return []
        return list(set(self.suggestions).symmetric_difference(other.suggestions))

    def restyles_everything(self, other: HighlightState) -> bool:
        """Whether going from ``other`` to this state changes the look of every line."""
        return self.shown_types != other.shown_types or self.plain != other.plain

    def spans_of_interest(self) -> tuple[Span, ...]:
        """Spans whose lines change look when this state is set or cleared."""
        return tuple(
            span
            for span in (
                self.current_mention,
                self.passage,
                self.trigger,
                self.flash,
                self.search_match,
                self.selection,
            )
            if span is not None
        )


@dataclass(frozen=True, slots=True)
class Palette:
    """Styles for each entity type and cue, built from the current theme's variables."""

    types: Mapping[str, Style]
    passage: Style
    flash: Style
    search: Style
    selection: Style = field(default_factory=lambda: Style(reverse=True, italic=True))
    fallback: Style = field(default_factory=Style)
    suggestion: Style = field(default_factory=lambda: SUGGESTION_NO_COLOR)

    @classmethod
    def for_document(
        cls, document: Document, variables: Mapping[str, str], *, no_color: bool = False
    ) -> Palette:
        """One colour per entity type the document uses, in its display order, so the
        article, the sidebar and the legend always agree. Types of one family (codes
        that start with the same word: ``HUMAN_PART_PER``, ``HUMAN_PART_ORG``) share a
        hue, in shades from light to dark; a document without families (``PER``,
        ``ORG``) gets one colour per type, as before.

        With ``no_color`` (the ``NO_COLOR`` convention) colours are greys, so every type
        also gets a cue that needs no colour: an underline, single or double, alone or
        with italic or an overline, so that types stay apart too.
        """
        families: dict[str, list[str]] = {}
        for code in document.entity_types_in_use:
            families.setdefault(type_family(code), []).append(code)
        colours = type_colours(variables, len(families))
        styles = {
            code: Style(color=shade)
            for codes, colour in zip(families.values(), colours, strict=True)
            for code, shade in zip(codes, family_shades(colour, len(codes)), strict=True)
        }
        if no_color:
            styles = {
                code: style + NO_COLOR_CUES[index % len(NO_COLOR_CUES)]
                for index, (code, style) in enumerate(styles.items())
            }
        return cls(
            types=styles,
            passage=Style(bgcolor=_tint(variables, "primary", 0.28)),
            flash=Style(reverse=True, bold=True),
            search=Style(bgcolor=_tint(variables, "warning", 0.45)),
            # Without colour, reversed italics: apart from the current mention's
            # reversed bold.
            selection=Style(reverse=True, italic=True)
            if no_color
            else Style(bgcolor=_tint(variables, "accent", 0.6), italic=True, underline=True),
            # A suggestion is not an annotation yet: dim italics on a faint ground, in
            # no type's colour; without colours, dim italics with no underline (every
            # type's cue has one).
            suggestion=SUGGESTION_NO_COLOR
            if no_color
            else Style(
                color=_solid(variables.get("text-muted", ""), "bright_black"),
                bgcolor=_tint(variables, "secondary", 0.18),
                italic=True,
            ),
        )

    def type_style(self, code: str) -> Style:
        """The colour of a type; unknown types get the plain foreground."""
        return self.types.get(code, self.fallback)


def _tint(variables: Mapping[str, str], name: str, amount: float) -> str:
    """The theme's background moved ``amount`` of the way towards one of its colours."""
    background = Color.parse(_solid(variables.get("background", ""), "#1e1e1e"))
    colour = Color.parse(_solid(variables.get(name, ""), "#0178d4"))
    return background.blend(colour, amount).hex


def _solid(colour: str, default: str = "default") -> str:
    """Theme colours may carry alpha (``#RRGGBBAA``) that Rich cannot show: drop it."""
    colour = colour.strip()
    if colour.startswith("#") and len(colour) == 9:
        return colour[:7]
    if colour.startswith("#") and len(colour) == 7:
        return colour
    return default


NO_COLOR_CUES: tuple[Style, ...] = (
    Style(underline=True),
    Style(underline=True, italic=True),
    Style(underline=True, overline=True),
    Style(underline=True, overline=True, italic=True),
    # Double underline last: some terminals draw it as a single one.
    Style(underline2=True),
    Style(underline2=True, italic=True),
    Style(underline2=True, overline=True),
    Style(underline2=True, overline=True, italic=True),
)
"""Per-type cues that survive ``NO_COLOR``; none is bold, which marks the selection."""

_DIMMED = Style(dim=True)
_UNDIMMED = Style(dim=False)
_SELECTED = Style(bold=True, underline=True)
_ARGUMENT = Style(underline=True)
_CURRENT = Style(reverse=True, bold=True)
_TRIGGER = Style(bold=True)


def style_line(
    document: Document,
    display_text: str,
    start: int,
    end: int,
    state: HighlightState,
    palette: Palette,
) -> Text:
    """The styled text of the display line holding ``display_text[start:end]``."""
    line = Text(display_text[start:end], no_wrap=True, end="")
    if start == end:
        return line

    def paint(span: Span | None, style: Style) -> None:
        if span is None or span.end <= start or span.start >= end:
            return
        line.stylize(style, max(span.start, start) - start, min(span.end, end) - start)

    shown = state.shown_types
    if shown is not None:
        line.stylize(_DIMMED)
    paint(state.passage, palette.passage)
    entities = document.entity_by_id
    overlapping = mentions_overlapping(document, start, end)
    overlapping.sort(key=lambda m: (-len(m.span), m.span.start, m.entity_id))
    # A mention of several fragments is painted fragment by fragment: the words
    # between them are not part of it.
    fragments_of = {m.span: m.fragments for m in overlapping if m.parts}

    def paint_mention(span: Span | None, style: Style) -> None:
        for part in fragments_of.get(span, (span,)) if span is not None else ():
            paint(part, style)

    for mention in overlapping:
        code = entities[mention.entity_id].type
        if shown is not None and code not in shown:
            continue
        style = _UNDIMMED if state.plain else palette.type_style(code)
        paint_mention(mention.span, style + _UNDIMMED if shown is not None else style)
    for mention in overlapping:
        if mention.entity_id == state.selected_entity:
            paint_mention(mention.span, _SELECTED)
        elif (
            mention.entity_id in state.argument_entities
            and state.passage is not None
            and state.passage.contains(mention.span)
        ):
            paint_mention(mention.span, _ARGUMENT)
    paint(state.trigger, _TRIGGER)
    paint(state.search_match, palette.search)
    paint_mention(state.current_mention, _CURRENT)
    suggestions = state.suggestions
    if suggestions:
        at = bisect.bisect_left(suggestions, Span(start, start)) - 1
        for suggestion in suggestions[max(at, 0) :]:
            if suggestion.start >= end:
                break
            paint(suggestion, palette.suggestion)
    paint(state.selection, palette.selection)
    paint_mention(state.flash, palette.flash)
    return line
