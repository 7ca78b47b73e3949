"""Where an annotation's target is: the article text it names, and its span there."""

from __future__ import annotations

import os

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.document.model import (
    Span,
)
from tui.core.formats.common import (
    OffsetMap,
)
from tui.core.formats.w3c.reading import SCHEME, Annotation, Target
from tui.core.text.fitting import short_repr


def resolve_text(
    path: str, text_path: str | None, annotations: list[Annotation], sink: DiagnosticSink
) -> str | None:
    """The text file: ``--text``, else the one source the targets name, beside the JSON."""
    sources: dict[str, Position] = {}
    for annotation in annotations:
        for target in annotation.targets:
            if target.source is not None:
                sources.setdefault(target.source, target.where)
    if len(sources) > 1:
        names = ", ".join(short_repr(name) for name in list(sources)[:3])
        sink.error(
            list(sources.values())[1],
            f"the targets name {len(sources)} sources ({names}); gloss imports one article "
            "at a time",
        )
        return None
    if text_path is not None:
        return text_path
    if not sources:
        if not sink.has_errors:  # a target already refused would have named one
            sink.error(Position(1, 1), "no target names its source; pass --text DOC.txt")
        return None
    name, where = next(iter(sources.items()))
    folder = os.path.dirname(path)
    parts = name.replace("\\", "/").split("/")
    local = not SCHEME.match(name) and not name.startswith("/") and ".." not in parts
    candidate = os.path.join(folder, *parts) if local else ""
    if not local or not os.path.isfile(candidate):
        sink.error(
            where,
            f"the target source {short_repr(name)} is not a file beside {os.path.basename(path)}; "
            "pass --text DOC.txt",
        )
        return None
    return candidate


def target_span(target: Target, mapping: OffsetMap, sink: DiagnosticSink) -> Span | None:
    """The gloss span a target selects; positions first, checked against the quote."""
    text = mapping.text
    if target.start is not None and target.end is not None:
        start, end = target.start, target.end
        spans: list[Span] = []
        if 0 <= start < end <= len(text):
            spans.append(Span(start, end))
        if mapping.changed and 0 <= start < end <= len(mapping.raw):
            # Other tools may count the text as stored (a BOM, the CR of each CRLF).
            raw = Span(mapping.to_gloss(start), mapping.to_gloss(end))
            if raw.start < raw.end and raw not in spans:
                spans.append(raw)
        if not spans:
            sink.error(
                target.where,
                f"TextPositionSelector [{start}, {end}) is not within the text "
                f"({len(text)} characters) or is empty",
            )
            return None
        if target.quote is None:
            return spans[0]
        for span in spans:
            if text[span.start : span.end] == target.quote[0]:
                return span
        sink.error(
            target.where,
            f"TextPositionSelector [{start}, {end}) covers "
            f"{short_repr(text[spans[0].start : spans[0].end])} but the TextQuoteSelector says "
            f"{short_repr(target.quote[0])} (stale offsets, or the wrong text?)",
        )
        return None
    assert target.quote is not None
    exact, prefix, suffix = target.quote
    found: list[int] = []
    matched = 0
    position = text.find(exact)
    while position != -1:
        matched += 1
        before, after = text[:position], text[position + len(exact) :]
        if before.endswith(prefix) and after.startswith(suffix):
            found.append(position)
        position = text.find(exact, position + 1)
    if not found:
        how = (
            f"it occurs {matched} times, but not after the prefix and before the suffix given"
            if matched
            else "it does not occur"
        )
        sink.error(target.where, f"the quote {short_repr(exact)} is not in the text: {how}")
        return None
    if len(found) > 1:
        sink.warning(
            target.where,
            f"the quote {short_repr(exact)} with its prefix and suffix occurs {len(found)} times; "
            "the first is taken",
        )
    return Span(found[0], found[0] + len(exact))
