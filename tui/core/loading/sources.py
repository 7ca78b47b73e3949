"""Where each annotation of a loaded file was written: line and column in its YAML file.

The loader fills a :class:`SourceMap` as it reads, so tools that talk about single
annotations (``gloss diff`` prints ``FILE:LINE:COL`` for each difference) can point
at them without reading the file a second time. Positions only, no YAML nodes, so
keeping a map costs little memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.core.document.diagnostics import UNKNOWN_POSITION, Position
from tui.core.document.model import Span


@dataclass(slots=True)
class SourceMap:
    """Line and column of each entity, mention, event, trigger, argument and relation."""

    entities: dict[str, Position] = field(default_factory=dict)
    """Entity id → the entity's list item."""
    mentions: dict[tuple[str, Span], Position] = field(default_factory=dict)
    """(entity id, span) → the selector that gave the span."""
    events: dict[str, Position] = field(default_factory=dict)
    """Event id → the event's list item."""
    triggers: dict[str, Position] = field(default_factory=dict)
    """Event id → its trigger selector."""
    arguments: dict[tuple[str, str, str], Position] = field(default_factory=dict)
    """(event id, role, entity id) → the argument's list item."""
    relations: list[Position] = field(default_factory=list)
    """One position per relation, in the order of ``Document.relations``."""

    def mention(self, entity_id: str, span: Span) -> Position:
        """Where a mention was written (its entity's item if unknown)."""
        found = self.mentions.get((entity_id, span))
        return found or self.entities.get(entity_id, UNKNOWN_POSITION)

    def event(self, event_id: str) -> Position:
        """Where an event was written."""
        return self.events.get(event_id, UNKNOWN_POSITION)

    def trigger(self, event_id: str) -> Position:
        """Where an event's trigger was written (the event's item if unknown)."""
        return self.triggers.get(event_id) or self.event(event_id)

    def argument(self, event_id: str, role: str, entity_id: str) -> Position:
        """Where an argument was written (the event's item if unknown)."""
        return self.arguments.get((event_id, role, entity_id)) or self.event(event_id)

    def relation(self, index: int) -> Position:
        """Where the ``index``-th relation was written."""
        return self.relations[index] if 0 <= index < len(self.relations) else UNKNOWN_POSITION
