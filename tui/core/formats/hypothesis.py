"""hypothes.is API JSON (``/api/search``: ``{"rows": […], "total": N}``) → a gloss document.

hypothes.is annotates web pages; its rows carry the words they quote, not the page. The
page's text is the user's to give (``--text PAGE.txt``: the page saved as text), and
each annotation is anchored in it as hypothes.is anchors it in the page: at its
``TextPositionSelector`` when the words there are the quote, else where its
``TextQuoteSelector`` quote stands between its ``prefix`` and ``suffix`` (white space
compared loosely, as pages and saved texts lay it out differently). An annotation that
cannot be anchored is reported, one warning each, and left out (hypothes.is itself
shows such "orphans" apart); the import names how many.

Its first tag is the entity type (``ANNOTATION`` when it has none), every tag when there
are several is the mention's ``tags``, and its ``text`` (the comment) is the mention's
``note`` and the entity's description.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from tui.core.document.diagnostics import Diagnostic, DiagnosticSink, Position
from tui.core.document.model import Document, Span
from tui.core.formats.common import GLOSS_ID, OffsetMap, slugify
from tui.core.formats.jsonin import compact, is_int, read_json
from tui.core.formats.sniff import wrong_format
from tui.core.formats.spanbuild import Region, Utf16, build_regions
from tui.core.loading import yamlsafe
from tui.core.loading.yamlsafe import read_text_file
from tui.core.text.fitting import short_repr

UNTAGGED = "Annotation"


@dataclass(frozen=True)
class HypothesisImport:
    document: Document | None
    diagnostics: tuple[Diagnostic, ...]
    text_path: str
    anchored: int = 0
    unanchored: int = 0


def import_hypothesis(
    path: str, *, text_path: str, uri: str | None = None, keep_apart: bool = False
) -> HypothesisImport:
    sink = DiagnosticSink(path)
    read = read_json(path, sink)
    if read is None:
        return HypothesisImport(None, sink.sorted(), text_path)
    data, lines = read
    if named := wrong_format(None, data, "hypothesis"):
        sink.error(Position(1, 1), named)
        return HypothesisImport(None, sink.sorted(), text_path)
    rows = data.get("rows") if isinstance(data, dict) else data if isinstance(data, list) else None
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        sink.error(
            Position(1, 1),
            wrong_format(None, data, "hypothesis")
            or 'expected hypothes.is API JSON: {"rows": [annotation, …]}',
        )
        return HypothesisImport(None, sink.sorted(), text_path)
    pages = sorted({row.get("uri") for row in rows if isinstance(row.get("uri"), str)})
    if uri is not None:
        rows = [row for row in rows if row.get("uri") == uri]
        if not rows:
            sink.error(Position(1, 1), f"no row annotates {short_repr(uri)}")
    elif len(pages) > 1:
        sink.error(
            Position(1, 1),
            f"the rows annotate {len(pages)} pages ({', '.join(short_repr(p) for p in pages[:3])}"
            f"{', …' if len(pages) > 3 else ''}); pass --uri URI to import one",
        )
    decoded = read_text_file(text_path, sink, Position(1, 1), "page text", yamlsafe.MAX_TEXT_BYTES)
    if decoded is None or sink.has_errors:
        return HypothesisImport(None, sink.sorted(), text_path)
    offsets = OffsetMap(decoded.text)
    text = offsets.text
    units = Utf16(text)
    regions: list[Region] = []
    page_notes: list[str] = []
    unanchored = 0
    title = None
    for row in rows:
        where = lines.position(row)
        ident = row.get("id")
        name = short_repr(ident) if isinstance(ident, str) else "?"
        if row.get("references"):
            sink.warning(where, f"annotation {name} is a reply; replies are not kept")
            continue
        titles = (
            (row.get("document") or {}).get("title")
            if isinstance(row.get("document"), dict)
            else None
        )
        if title is None and isinstance(titles, list) and titles and isinstance(titles[0], str):
            title = titles[0].strip() or None
        quote = _quote(row)
        comment = row.get("text") if isinstance(row.get("text"), str) else ""
        if quote is None:
            if comment.strip():
                page_notes.append(comment)
                sink.warning(
                    where,
                    f"annotation {name} is a page note (no quote); its text is the document's note",
                )
            else:
                sink.warning(where, f"annotation {name} quotes nothing and says nothing; skipped")
            continue
        span = _anchor(quote, text, units)
        if span is None:
            unanchored += 1
            sink.warning(
                where,
                f"annotation {name}: its quote {short_repr(quote['exact'])} is not in the page text"
                f" {os.path.basename(text_path)}; it is left out (an orphan)",
            )
            continue
        tags = [tag for tag in row.get("tags") or [] if isinstance(tag, str) and tag.strip()]
        attributes: list[tuple[str, str]] = []
        if isinstance(ident, str):
            attributes.append(("hypothesis-id", ident))
        for key in ("user", "created"):
            if isinstance(row.get(key), str):
                attributes.append((key, row[key]))
        if len(tags) > 1:
            attributes.append(("tags", compact(tags)))
        if comment:
            attributes.append(("note", comment))
        regions.append(
            Region(
                span,
                tags[0] if tags else UNTAGGED,
                attributes,
                None,
                {"description": comment} if comment.strip() else None,
            )
        )
    stem = os.path.splitext(os.path.basename(text_path))[0]
    doc_id = stem if GLOSS_ID.fullmatch(stem) else (slugify(stem) or "page")
    document_attributes = [("uri", uri or pages[0])] if (uri or pages) else []
    document = build_regions(
        doc_id=doc_id,
        text=text,
        title=title,
        regions=regions,
        relations=[],
        keep_apart=keep_apart,
        document_attributes=tuple(document_attributes),
        note="\n\n".join(page_notes) or None,
    )
    document = _with_text_path(document, text_path)
    if sink.has_errors:
        return HypothesisImport(None, sink.sorted(), text_path)
    return HypothesisImport(document, sink.sorted(), text_path, len(regions), unanchored)


def _with_text_path(document: Document, text_path: str) -> Document:
    from dataclasses import replace

    return replace(document, info=replace(document.info, text_path=text_path))


def _quote(row: dict[str, Any]) -> dict[str, Any] | None:
    """The row's quote: ``exact``, ``prefix``, ``suffix`` and a position, if any."""
    targets = row.get("target")
    for target in targets if isinstance(targets, list) else []:
        selectors = target.get("selector") if isinstance(target, dict) else None
        found: dict[str, Any] = {}
        for selector in selectors if isinstance(selectors, list) else []:
            if not isinstance(selector, dict):
                continue
            kind = selector.get("type")
            if kind == "TextQuoteSelector" and isinstance(selector.get("exact"), str):
                found["exact"] = selector["exact"]
                found["prefix"] = (
                    selector.get("prefix") if isinstance(selector.get("prefix"), str) else ""
                )
                found["suffix"] = (
                    selector.get("suffix") if isinstance(selector.get("suffix"), str) else ""
                )
            elif kind == "TextPositionSelector":
                start, end = selector.get("start"), selector.get("end")
                if is_int(start) and is_int(end):
                    found["position"] = (start, end)
        if found.get("exact", "").strip():
            return found
    return None


def _loose(value: str) -> str:
    return r"\s+".join(re.escape(word) for word in value.split())


def _anchor(quote: dict[str, Any], text: str, units: Utf16) -> Span | None:
    exact: str = quote["exact"]
    position = quote.get("position")
    if position is not None:
        start, end = position
        for a, b in ((units.to_points(start), units.to_points(end)), (start, end)):
            if (
                a is not None
                and b is not None
                and 0 <= a < b <= len(text)
                and " ".join(text[a:b].split()) == " ".join(exact.split())
            ):
                return Span(a, b)
    pattern = re.compile(_loose(exact))
    candidates = [match.span() for match in pattern.finditer(text)]
    if not candidates:
        return None
    if len(candidates) == 1:
        return Span(*candidates[0])
    prefix = " ".join(quote.get("prefix", "").split())
    suffix = " ".join(quote.get("suffix", "").split())

    def score(candidate: tuple[int, int]) -> tuple[int, int]:
        before = " ".join(text[max(0, candidate[0] - 4 * len(prefix) - 8) : candidate[0]].split())
        after = " ".join(text[candidate[1] : candidate[1] + 4 * len(suffix) + 8].split())
        return (_common_suffix(before, prefix) + _common_prefix(after, suffix), -candidate[0])

    best = max(candidates, key=score)
    return Span(*best)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
