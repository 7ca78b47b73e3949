"""How wide each reader pane is: the sidebars give way so the article always fits.

Pure arithmetic, so the rules can be tested without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass

ARTICLE_COMFORT = 40
"""Columns the article keeps before the sidebars start shrinking."""
SIDEBAR_FLOOR = 14
"""Narrowest a sidebar gets: below this its names say too little to be worth the space."""


@dataclass(frozen=True, slots=True)
class PaneWidths:
    """Columns of each pane; 0 for a hidden sidebar."""

    entities: int
    events: int
    article: int


def _preferred(total: int, share: float, low: int, high: int) -> int:
    return max(low, min(high, int(total * share)))


def pane_widths(total: int, *, show_entities: bool, show_events: bool) -> PaneWidths:
    """Widths for a body ``total`` columns wide with the given sidebars shown.

    Each shown sidebar wants its share (entities 22%, 26 to 40 columns; events 26%,
    30 to 50). When that would leave the article under ``ARTICLE_COMFORT`` columns the
    sidebars shrink together, never below ``SIDEBAR_FLOOR``; the article takes the rest,
    so the three always add up to ``total`` and nothing is pushed off screen.
    """
    total = max(0, total)
    entities = _preferred(total, 0.22, 26, 40) if show_entities else 0
    events = _preferred(total, 0.26, 30, 50) if show_events else 0
    room = max(0, total - ARTICLE_COMFORT)
    wanted = entities + events
    if wanted > room:
        shown = [width for width in (entities, events) if width]
        floor = SIDEBAR_FLOOR * len(shown)
        budget = max(room, min(floor, total // 2))
        if entities and events:
            entities = max(1, budget * entities // wanted)
            events = max(1, budget - entities)
        elif entities:
            entities = budget
        elif events:
            events = budget
    article = max(0, total - entities - events)
    return PaneWidths(entities=entities, events=events, article=article)
