"""Type tags drawn after mentions when the terminal shows no colour (``NO_COLOR``).

Without colour every mention is underlined and each type has its own cue (italic,
overline, a double underline), explained by the legend. A cue still has to be looked
up; a short tag after the mention, ``Rabat[GPE]``, says the type where it is read. The
tag is not part of the text: it pushes the rest of its display line into the room the
line leaves at its right and no further (a line is never re-wrapped for it), so offsets,
search, copying and the wrapping of the article are those of the text alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.core.document.model import Mention
from tui.core.text.wrapping import cell_width, char_width

LONGEST_TAG = 5
"""Codes up to this many characters are their own tag (``PER``, ``MONEY``)."""


def type_tags(codes: Iterable[str]) -> dict[str, str]:
    """A short, distinct tag for each type code: the code itself when short; for a code
    of several words its last word, which tells a family's types apart
    (``HUMAN_PART_PER`` → ``PER``, ``LOC_FAC`` → ``FAC``), or the start of it; else the
    shortest distinct start of the code (``PROTEIN`` → ``PRO``); else its words'
    initials; else the code itself."""
    ordered = list(dict.fromkeys(codes))
    tags = {code: code for code in ordered if len(code) <= LONGEST_TAG}
    used = set(tags.values())
    for code in ordered:
        if code in tags:
            continue
        words = [word for word in re.split(r"[_.\-\s]+", code) if word]
        candidates = []
        if len(words) > 1:
            last = words[-1]
            candidates.append(last if len(last) <= LONGEST_TAG else "")
            candidates.extend(last[:size] for size in range(3, LONGEST_TAG + 1))
        candidates.extend(code[:size] for size in range(3, LONGEST_TAG + 1))
        if len(words) > 1:
            candidates.append("".join(word[0] for word in words))
        candidates = [c for c in candidates if len(c) >= 2]
        candidates.append(code)
        tag = next((c for c in candidates if c not in used and c not in ordered), code)
        tags[code] = tag
        used.add(tag)
    return tags


def shown_tag(tag: str) -> str:
    """How a tag is drawn: bracketed, so that it never reads as a word of the text."""
    return f"[{tag}]"


@dataclass(frozen=True, slots=True)
class Marker:
    """A tag to draw after the character at ``offset - 1`` of the text."""

    offset: int
    text: str


def plan_markers(
    mentions: Sequence[Mention],
    types_of: dict[str, str],
    tags: dict[str, str],
    line_text: str,
    start: int,
    end: int,
    width: int,
    shown_types: frozenset[str] | None = None,
) -> list[Marker]:
    """The tags to draw on the display line ``[start, end)`` whose text is ``line_text``.

    A mention gets its tag after its last piece, on the line where it ends, unless it
    lies inside a longer mention (a tag inside a name would cut it in two: its cue
    still shows its type). Tags go in left to right while the line's slack (``width``
    minus the line's cells) has room; the rest are left out. Types hidden by a filter
    get none, and do not count as the longer mention around a shown one. ``mentions`` are those
    overlapping the line and ``types_of`` maps an entity id to its type code.
    """
    room = width - cell_width(line_text)
    if room <= 0:
        return []
    if shown_types is not None:
        mentions = [m for m in mentions if types_of[m.entity_id] in shown_types]
    ending = sorted(
        (m for m in _outermost(mentions) if start < m.span.end <= end),
        key=lambda m: (m.span.end, m.entity_id),
    )
    markers: list[Marker] = []
    for mention in ending:
        code = types_of[mention.entity_id]
        text = shown_tag(tags.get(code, code))
        if markers and markers[-1].offset == mention.span.end and markers[-1].text == text:
            continue  # two mentions of one type ending together: one tag says it
        size = cell_width(text)
        if size > room:
            break
        markers.append(Marker(mention.span.end, text))
        room -= size
    return markers


def _outermost(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions no longer mention contains (two on the very same span both are)."""
    ordered = sorted(mentions, key=lambda m: (m.span.start, -m.span.end))
    kept: list[Mention] = []
    furthest = -1  # the furthest end of the mentions before, other than on this span
    previous: Mention | None = None
    previous_kept = False
    for mention in ordered:
        if previous is not None and previous.span == mention.span:
            inside = not previous_kept
        else:
            if previous is not None:
                furthest = max(furthest, previous.span.end)
            inside = furthest >= mention.span.end
        if not inside:
            kept.append(mention)
        previous, previous_kept = mention, not inside
    return kept


def offset_at_cell(line_text: str, start: int, markers: Sequence[Marker], cell: int) -> int | None:
    """The text offset under ``cell`` of a display line drawn with ``markers``; a cell
    of a tag gives its mention's last offset, so clicking a tag selects its mention."""
    cells = 0
    index = 0
    for position, char in enumerate(line_text):
        offset = start + position
        while index < len(markers) and markers[index].offset == offset:
            cells += cell_width(markers[index].text)
            index += 1
            if cells > cell:
                return offset - 1
        cells += char_width(char)
        if cells > cell:
            return offset
    for marker in markers[index:]:
        cells += cell_width(marker.text)
        if cells > cell:
            return marker.offset - 1
    return None
