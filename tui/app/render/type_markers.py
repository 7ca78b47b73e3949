"""Type tags after mentions in the article when there is no colour (``NO_COLOR``).

The plan (which tag goes where, in the slack a display line leaves) is pure and lives
in :mod:`tui.core.reading.type_tags`; this module draws it into a line already styled by
:func:`tui.app.render.highlight.style_line`. It runs only with ``NO_COLOR``: with colour the
article view never calls it.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from tui.core.document.model import Document
from tui.core.reading.type_tags import Marker, plan_markers, shown_tag, type_tags

TAG_STYLE = Style(dim=True, underline=False, underline2=False, overline=False, italic=False)
"""Tags are dim and carry none of the mention cues, so they never read as text."""


def line_markers(
    document: Document,
    display_text: str,
    start: int,
    end: int,
    width: int,
    shown_types: frozenset[str] | None,
) -> list[Marker]:
    """The tags of the display line ``[start, end)`` of a pane ``width`` cells wide."""
    entities = document.entity_by_id
    mentions = document.mentions_overlapping(start, end)
    return plan_markers(
        mentions,
        {m.entity_id: entities[m.entity_id].type for m in mentions},
        type_tags(document.entity_types_in_use),
        display_text[start:end],
        start,
        end,
        width,
        shown_types,
    )


def with_markers(line: Text, start: int, markers: list[Marker]) -> Text:
    """``line`` (the styled text of a display line starting at ``start``) with each
    tag drawn after its mention."""
    if not markers:
        return line
    pieces = line.divide([marker.offset - start for marker in markers])
    drawn = Text(no_wrap=True, end="")
    for piece, marker in zip(pieces, [*markers, None], strict=True):
        drawn.append_text(piece)
        if marker is not None:
            drawn.append(marker.text, style=TAG_STYLE)
    return drawn


def legend_tag(legend: Text, document: Document, code: str) -> None:
    """Add to the legend the tag of a type whose tag is not its code (``[PER]`` for
    ``HUMAN_PART_PER``), dim as in the text."""
    tag = type_tags(document.entity_types_in_use).get(code, code)
    if tag != code:
        legend.append(shown_tag(tag), style=TAG_STYLE)
        legend.append(" ")
