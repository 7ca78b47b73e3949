"""What the index keeps of one annotation file: a flat, picklable record.

A :class:`DocRecord` is built from a loaded document (or from a file that failed to
load, or one that is not a gloss file at all). Search runs on records, whether they
come from the index or straight from the files, so both always give the same answer.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from tui.core.corpus.discovery import GIVEN_TEXT_SUFFIXES
from tui.core.document.diagnostics import Severity
from tui.core.document.model import Document

# A sentence ends where the reader's sentence finder says so (same pattern, same
# abbreviations), so sentence ids agree with the passages the reader shows.
from tui.core.text.sentences import _END, _is_abbreviation
from tui.core.timeline.happenings import document_date_guessed

KIND_GLOSS = "gloss"
"""A gloss annotation file that loaded (it may have warnings)."""
KIND_BROKEN = "broken"
"""A gloss annotation file with errors: listed with its problems, never searched."""
KIND_OTHER = "other"
"""A YAML file that is not a gloss file: skipped and counted."""
KIND_BARE = "bare"
"""An article text that no annotation file names: listed as not annotated, its words
searched (it has no entities or events)."""
SEARCHED_KINDS = (KIND_GLOSS, KIND_BARE)
"""Files whose text search reads."""

MAX_PROBLEMS_KEPT = 200
"""Problems kept per file in the index; the counts are always exact."""

_DECLARES_GLOSS = re.compile(rb"^[\"']?gloss[\"']?[ \t]*:", re.MULTILINE)


def declares_gloss(data: bytes) -> bool:
    """Whether YAML bytes have a top-level ``gloss:`` key (the format version)."""
    return _DECLARES_GLOSS.search(data) is not None


def content_hash(data: bytes) -> str:
    """The digest recorded per file to tell a real change from a touched file."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """An entity as the index keeps it; ``links`` are kept for cross-document identity."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    links: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """One mention: its entity, its code-point span and the sentence it starts in."""

    entity_id: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True, slots=True)
class EventRecord:
    """An event: type, realis, date range, trigger and passage spans, sentence."""

    id: str
    type: str
    realis: str
    summary: str
    date_text: str | None
    date_first: dt.date | None
    date_last: dt.date | None
    trigger_start: int
    trigger_end: int
    passage_start: int
    passage_end: int
    sentence: int
    links: tuple[tuple[str, str], ...] = ()
    """Same meaning as on entities: events sharing a key and value are one corpus event."""


@dataclass(frozen=True, slots=True)
class DocRecord:
    """Everything search and the library need from one file, without the YAML tree."""

    path: str
    """The annotation file, as given or found (relative to the corpus root if inside it)."""
    kind: str
    doc_id: str
    title: str
    text_path: str
    date_text: str | None
    date_first: dt.date | None
    date_last: dt.date | None
    text: str
    entities: tuple[EntityRecord, ...] = ()
    mentions: tuple[MentionRecord, ...] = ()
    events: tuple[EventRecord, ...] = ()
    errors: int = 0
    warnings: int = 0
    problems: tuple[str, ...] = ()
    """Formatted diagnostics (``FILE:LINE:COLUMN: error|warning: message``)."""
    type_counts: dict[str, int] = field(default_factory=dict)
    """Entities per entity type."""
    date_guessed: bool = False
    """The document's note says its date is a guess (:func:`document_date_guessed`)."""


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start: after a sentence end, and after a blank line."""
    starts = [0]
    for match in _END.finditer(text):
        if not _is_abbreviation(text, match.start()):
            starts.append(match.end())
    for match in re.finditer(r"\n[ \t]*\n", text):
        starts.append(match.end())
    starts.sort()
    return starts


def _sentence_of(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def record_of_document(
    path: str,
    document: Document,
    warnings: int,
    problems: tuple[str, ...],
    *,
    kind: str = KIND_GLOSS,
    title: str | None = None,
) -> DocRecord:
    """The record of a document that loaded."""
    starts = sentence_starts(document.text)
    info = document.info
    entities = tuple(
        EntityRecord(e.id, e.type, e.name, e.aliases, e.links) for e in document.entities
    )
    mentions = tuple(
        MentionRecord(m.entity_id, m.span.start, m.span.end, _sentence_of(starts, m.span.start))
        for m in document.mentions
    )
    events = tuple(
        EventRecord(
            id=event.id,
            type=event.type,
            realis=event.realis,
            summary=event.summary,
            date_text=event.date.value.text if event.date else None,
            date_first=event.date.value.first if event.date else None,
            date_last=event.date.value.last if event.date else None,
            trigger_start=event.trigger.start,
            trigger_end=event.trigger.end,
            passage_start=event.passage.start,
            passage_end=event.passage.end,
            sentence=_sentence_of(starts, event.trigger.start),
            links=event.links,
        )
        for event in document.events
    )
    return DocRecord(
        path=path,
        kind=kind,
        doc_id=info.id,
        title=title or info.title or info.id,
        text_path=info.text_path,
        date_text=info.date.text if info.date else None,
        date_first=info.date.first if info.date else None,
        date_last=info.date.last if info.date else None,
        text=document.text,
        entities=entities,
        mentions=mentions,
        events=events,
        errors=0,
        warnings=warnings,
        problems=problems,
        type_counts=dict(Counter(e.type for e in document.entities)),
        date_guessed=document_date_guessed(info),
    )


def _empty_record(
    path: str, kind: str, errors: int, warnings: int, problems: tuple[str, ...]
) -> DocRecord:
    name = os.path.basename(path)
    stem = name.rsplit(".", 1)[0]
    return DocRecord(
        path=path,
        kind=kind,
        doc_id=stem,
        title=name,
        text_path="",
        date_text=None,
        date_first=None,
        date_last=None,
        text="",
        errors=errors,
        warnings=warnings,
        problems=problems,
    )


def build_record(path: str, data: bytes | None = None) -> DocRecord:
    """Read and check one file; never raises for anything in the file.

    Args:
        path: the annotation file.
        data: its bytes when already read (to tell gloss files from other YAML).
    """
    if path.lower().endswith(GIVEN_TEXT_SUFFIXES):
        return bare_text_record(path)
    if data is not None and not declares_gloss(data):
        return _empty_record(path, KIND_OTHER, 0, 0, ())
    from tui.core.loading.loader import load  # here: the library opens without the loader

    result = load(path)
    problems = tuple(d.format() for d in result.diagnostics[:MAX_PROBLEMS_KEPT])
    errors = sum(1 for d in result.diagnostics if d.severity is Severity.ERROR)
    warnings = len(result.diagnostics) - errors
    if result.document is None:
        broken = _empty_record(path, KIND_BROKEN, max(errors, 1), warnings, problems)
        # Its text is still its own (not a bare text), and a change of it may change
        # the errors (a quote no longer found): kept when the file plainly names it.
        from tui.core.loading.preview import peek_text_path

        return replace(broken, text_path=peek_text_path(path) or "")
    return record_of_document(path, result.document, warnings, problems)


def bare_text_record(path: str) -> DocRecord:
    """The record of an article text that no annotation file of the corpus names: its
    words (searched), its dateline's date, titled by its file name; one that cannot be
    read is listed with its errors, as an annotation file with errors is."""
    from tui.core.loading.bare import load_bare_text

    # The corpus already knows no annotation file names it: no need to look for one.
    result = load_bare_text(path, find_annotation=False)
    problems = tuple(d.format() for d in result.diagnostics[:MAX_PROBLEMS_KEPT])
    errors = sum(1 for d in result.diagnostics if d.severity is Severity.ERROR)
    warnings = len(result.diagnostics) - errors
    if result.document is None:
        return _empty_record(path, KIND_BROKEN, max(errors, 1), warnings, problems)
    name = os.path.basename(path)
    return record_of_document(path, result.document, warnings, problems, kind=KIND_BARE, title=name)
