"""What an event's row in the sidebar says, in words a reader scans quickly."""

from __future__ import annotations

from tui.core.document.model import Document, Event


def summary_is_generic(document: Document, event: Event) -> bool:
    """Whether the summary only repeats the type and the trigger, as importers write it
    (``Positive_regulation: Upregulates``) when the source has no summary of its own."""
    trigger = document.text[event.trigger.start : event.trigger.end].strip().casefold()
    info = document.event_types.get(event.type)
    names = {event.type.casefold(), (info.label if info else event.type).casefold()}
    summary = " ".join(event.summary.split()).casefold()
    generic = {trigger, *names, *(f"{name}: {trigger}" for name in names)}
    return summary in generic


def row_words(document: Document, event: Event) -> tuple[str, str]:
    """``(head, rest)`` of the row: the type's label and the summary, or, when the summary
    says nothing more, the trigger and the arguments (``Upregulates``,
    ``Theme IL10, Cause LMP1``)."""
    if not summary_is_generic(document, event):
        info = document.event_types.get(event.type)
        return (info.label if info else event.type), event.summary
    trigger = " ".join(document.text[event.trigger.start : event.trigger.end].split())
    arguments = ", ".join(
        f"{argument.role} {document.entity_by_id[argument.entity_id].name}"
        for argument in event.arguments
        if argument.entity_id in document.entity_by_id
    )
    return trigger, arguments


def any_dated(document: Document) -> bool:
    """Whether any event has a date (else the list needs no date column)."""
    return any(event.date is not None for event in document.events)
