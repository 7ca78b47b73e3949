"""W3C Web Annotation (JSON-LD) ↔ gloss: one Annotation per mention and per trigger.

Export: each annotation targets the article with a ``TextQuoteSelector`` (exact,
prefix, suffix) and a ``TextPositionSelector`` (code points, as gloss counts them),
so tools can anchor either way. The body names the gloss entity (id, type, name) or
event (id, type, summary, realis, arguments); a declared type adds its label.

Import reads that back, and the common shapes other tools write: a collection
(``first.items`` or ``items``), a page, a list or one annotation; bodies that tag or
classify (``TextualBody`` with ``purpose: tagging``) become one entity per distinct
label and text (:mod:`.grouping`) unless kept apart. Problems are reported at the
line and column of the JSON object that holds them, every one at once. See ``docs/interop.md``.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

from tui.core.document.diagnostics import Diagnostic, DiagnosticSink, Position
from tui.core.document.model import (
    DEFAULT_ENTITY_TYPES,
    REALIS_VALUES,
    Document,
    Span,
    TypeInfo,
)
from tui.core.files.saferead import ReadRefused, read_capped, resolve_named
from tui.core.formats.common import (
    ENTITY_CODE,
    GLOSS_ID,
    EntityDraft,
    EventDraft,
    OffsetMap,
    TypeMapper,
    build_document,
    slugify,
)
from tui.core.formats.grouping import GroupKey, same_text_key
from tui.core.loading import yamlsafe
from tui.core.loading.yamlsafe import read_text_file
from tui.core.text.fitting import short_repr
from tui.core.text.textsafety import inert_json

CONTEXT: list[Any] = [
    "http://www.w3.org/ns/anno.jsonld",
    {
        "gloss": "https://gloss.invalid/ns#",
        "entityId": "gloss:entityId",
        "entityType": "gloss:entityType",
        "eventId": "gloss:eventId",
        "eventType": "gloss:eventType",
        "name": "gloss:name",
        "summary": "gloss:summary",
        "realis": "gloss:realis",
        "arguments": {"@id": "gloss:arguments", "@container": "@list"},
        "role": "gloss:role",
        "entityTypeLabel": "gloss:entityTypeLabel",
        "eventTypeLabel": "gloss:eventTypeLabel",
    },
]
CONTEXT_CHARS = 32
"""How much text the prefix and suffix of a TextQuoteSelector carry."""


def _selectors(text: str, span: Span) -> list[dict[str, Any]]:
    return [
        {
            "type": "TextQuoteSelector",
            "exact": text[span.start : span.end],
            "prefix": text[max(0, span.start - CONTEXT_CHARS) : span.start],
            "suffix": text[span.end : span.end + CONTEXT_CHARS],
        },
        {"type": "TextPositionSelector", "start": span.start, "end": span.end},
    ]


def _with_type_label(body: dict[str, Any], key: str, info: TypeInfo | None) -> dict[str, Any]:
    """The body, with the label of a declared type under ``key`` (built-in ones go without)."""
    if info is not None and info.declared:
        body[key] = info.label
    return body


def to_w3c(document: Document) -> dict[str, Any]:
    """An ``AnnotationCollection`` with all annotations on its first page."""
    base = f"urn:gloss:{document.info.id}"
    source = os.path.basename(document.info.text_path)
    text = document.text
    items: list[dict[str, Any]] = []
    entities = document.entity_by_id
    for mention in document.mentions:
        entity = entities[mention.entity_id]
        body: dict[str, Any] = {
            "id": f"{base}:entity:{entity.id}",
            "type": "SpecificResource",
            "purpose": "identifying",
            "entityId": entity.id,
            "entityType": entity.type,
            "name": entity.name,
        }
        items.append(
            {
                "id": f"{base}:mention:{entity.id}:{mention.index + 1}",
                "type": "Annotation",
                "motivation": "identifying",
                "body": _with_type_label(
                    body, "entityTypeLabel", document.entity_types.get(entity.type)
                ),
                "target": {"source": source, "selector": _selectors(text, mention.span)},
            }
        )
    for event in document.events:
        body = {
            "id": f"{base}:event:{event.id}",
            "type": "SpecificResource",
            "purpose": "tagging",
            "eventId": event.id,
            "eventType": event.type,
        }
        _with_type_label(body, "eventTypeLabel", document.event_types.get(event.type))
        body["summary"] = event.summary
        body["realis"] = event.realis
        body["arguments"] = [{"role": a.role, "entityId": a.entity_id} for a in event.arguments]
        items.append(
            {
                "id": f"{base}:trigger:{event.id}",
                "type": "Annotation",
                "motivation": "tagging",
                "body": body,
                "target": {"source": source, "selector": _selectors(text, event.trigger)},
            }
        )
    collection: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"{base}:annotations",
        "type": "AnnotationCollection",
        "label": document.info.title or document.info.id,
        "total": len(items),
        "first": {"id": f"{base}:annotations:page1", "type": "AnnotationPage", "items": items},
    }
    return collection


def dumps(document: Document) -> str:
    return inert_json(to_w3c(document)) + "\n"


# -- W3C → gloss -----------------------------------------------------------------------

_LABEL_PURPOSES = frozenset({"tagging", "classifying", "identifying"})
_COMMENT_PURPOSES = frozenset({"commenting", "describing"})
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_GLOSS_COLLECTION = re.compile(r"urn:gloss:(.+):annotations")
_ROLE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
# An unclosed string runs to the end of the source ("?): otherwise each escaped quote
# inside it would start a new failed match, and the scan would be quadratic.
_LONE_SURROGATE = re.compile("[\\ud800-\\udfff]")
_TOKENS = re.compile(r'"(?:[^"\\]+|\\.)*"?|[{}]', re.DOTALL)


class _Object(dict[str, Any]):
    """A JSON object that remembers where it starts in the source."""

    offset: int = 0


def _load_json(source: str) -> Any:
    """``json.loads`` with every object an :class:`_Object` carrying its start offset.

    The decoder builds an object when it reaches its ``}``, so the objects come out
    in the order their closing braces stand in the source; a scan of the strings and
    braces gives the start of each in that order.
    """
    starts: list[int] = []
    closed: list[int] = []
    for match in _TOKENS.finditer(source):
        token = match.group()
        if token == "{":
            starts.append(match.start())
        elif token == "}" and starts:
            closed.append(starts.pop())
    order = iter(closed)

    def build(pairs: list[tuple[str, Any]]) -> _Object:
        made = _Object(pairs)
        made.offset = next(order, 0)
        return made

    return json.loads(source, object_pairs_hook=build)


class _Lines:
    """Offsets in the JSON source → 1-based line and column."""

    def __init__(self, source: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def position(self, value: object) -> Position:
        offset = value.offset if isinstance(value, _Object) else 0
        line = bisect.bisect_right(self._starts, offset)
        return Position(line, offset - self._starts[line - 1] + 1)


@dataclass
class _Target:
    """One place an annotation points at, as its selectors give it (raw values)."""

    where: Position
    source: str | None
    start: int | None = None
    end: int | None = None
    quote: tuple[str, str, str] | None = None
    """``(exact, prefix, suffix)``."""


@dataclass
class _Annotation:
    where: Position
    targets: list[_Target]
    entity: _Object | None = None
    event: _Object | None = None
    labels: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class W3CImport:
    """An imported document (None when there were errors) and every problem found."""

    document: Document | None
    diagnostics: tuple[Diagnostic, ...]
    text_path: str


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _lf(value: str) -> str:
    return value.replace("\r\n", "\n")


class _Reader:
    """Walks the JSON: finds the annotations, their targets and bodies."""

    def __init__(self, lines: _Lines, sink: DiagnosticSink) -> None:
        self.lines = lines
        self.sink = sink

    def at(self, value: object) -> Position:
        return self.lines.position(value)

    def items(self, data: Any) -> list[_Object]:
        """The annotation objects of a collection, a page, a list or one annotation."""
        if isinstance(data, list):
            found = data
        elif not isinstance(data, dict):
            self.sink.error(
                Position(1, 1),
                "expected an AnnotationCollection, an AnnotationPage, a list of annotations "
                "or one Annotation (a JSON object or list)",
            )
            return []
        elif "items" in data:
            found = data["items"]
            self._more_pages(data, data)
        elif "first" in data:
            first = data["first"]
            if not isinstance(first, dict) or "items" not in first:
                self.sink.error(
                    self.at(data),
                    '"first" must be an AnnotationPage object with "items" (a page given by '
                    "its address only is not fetched)",
                )
                return []
            found = first["items"]
            self._more_pages(data, first)
        else:
            found = [data]
        if not isinstance(found, list):
            self.sink.error(self.at(data), '"items" must be a list of annotations')
            return []
        result = []
        for number, item in enumerate(found, start=1):
            if isinstance(item, _Object) and ("target" in item or item.get("type") == "Annotation"):
                result.append(item)
            else:
                where = self.at(item) if isinstance(item, dict) else self.at(data)
                self.sink.error(
                    where, f'item {number} is not an annotation (an object with a "target")'
                )
        return result

    def _more_pages(self, collection: dict[str, Any], page: dict[str, Any]) -> None:
        if page.get("next") or (collection is not page and collection.get("last")):
            last = collection.get("last")
            if page.get("next") or (isinstance(last, str | dict) and last != page.get("id")):
                self.sink.warning(
                    self.at(page),
                    "the collection has more pages; only the annotations given here are read",
                )

    def annotation(self, item: _Object) -> _Annotation | None:
        where = self.at(item)
        errors = self.sink.error_count
        targets = []
        raw_targets = item.get("target")
        if raw_targets is None or raw_targets == []:
            self.sink.error(where, 'the annotation has no "target"')
        for raw in _as_list(raw_targets if raw_targets is not None else []):
            target = self.target(raw, item)
            if target is not None:
                targets.append(target)
        found = _Annotation(where, targets)
        motivation = item.get("motivation")
        bodies = item.get("body")
        if bodies is None and isinstance(item.get("bodyValue"), str):
            bodies = _Object(type="TextualBody", value=item["bodyValue"])
            bodies.offset = item.offset
        for body in _as_list(bodies) if bodies is not None else []:
            self.body(body, item, motivation, found)
        if found.entity is not None and found.event is not None:
            self.sink.error(where, "the annotation names both an entity and an event")
        if found.event is not None and len(targets) > 1:
            self.sink.error(where, "an event annotation needs one target, its trigger")
        return found if self.sink.error_count == errors else None

    def target(self, raw: object, item: _Object) -> _Target | None:
        if isinstance(raw, str):
            self.sink.warning(
                self.at(item),
                f"target {short_repr(raw)} is a whole resource without a selector; skipped",
            )
            return None
        if not isinstance(raw, dict):
            self.sink.error(self.at(item), "a target must be an object with source and selector")
            return None
        where = self.at(raw)
        source = raw.get("source")
        if source is not None and not isinstance(source, str):
            source = source.get("id") if isinstance(source, dict) else None
        target = _Target(where, source if isinstance(source, str) else None)
        selectors = raw.get("selector")
        if selectors is None:
            self.sink.warning(where, "the target has no selector; skipped")
            return None
        kinds = []
        for selector in _as_list(selectors):
            kind = selector.get("type") if isinstance(selector, dict) else None
            kinds.append(str(kind))
            if kind == "TextPositionSelector":
                start, end = _int(selector.get("start")), _int(selector.get("end"))
                if start is None or end is None:
                    self.sink.error(
                        self.at(selector),
                        'a TextPositionSelector needs "start" and "end" as whole numbers',
                    )
                    return None
                target.start, target.end = start, end
            elif kind == "TextQuoteSelector":
                parts = [selector.get(key, "") for key in ("exact", "prefix", "suffix")]
                if not all(isinstance(part, str) for part in parts) or not parts[0]:
                    self.sink.error(
                        self.at(selector),
                        'a TextQuoteSelector needs "exact" (text, not empty); "prefix" and '
                        '"suffix" are text when given',
                    )
                    return None
                target.quote = (_lf(parts[0]), _lf(parts[1]), _lf(parts[2]))
        if target.start is None and target.quote is None:
            self.sink.error(
                where,
                f"no selector gloss reads (found {', '.join(kinds)}); gloss reads "
                "TextPositionSelector and TextQuoteSelector",
            )
            return None
        return target

    def body(self, body: object, item: _Object, motivation: object, found: _Annotation) -> None:
        if not isinstance(body, _Object):
            self.sink.warning(
                self.at(item), "a body given by its address only has no label; it is not read"
            )
            return
        if "entityId" in body or "entityType" in body:
            if found.entity is not None:
                self.sink.error(self.at(body), "the annotation names more than one entity")
            found.entity = body
            return
        if "eventId" in body or "eventType" in body:
            if found.event is not None:
                self.sink.error(self.at(body), "the annotation names more than one event")
            found.event = body
            return
        value = body.get("value")
        if not isinstance(value, str) or not value.strip():
            self.sink.warning(self.at(body), "a body without a text value is not read")
            return
        purposes = {p for p in _as_list(body.get("purpose", motivation)) if isinstance(p, str)}
        if "purpose" not in body and not purposes & _LABEL_PURPOSES:
            # A TextualBody without a purpose is the ordinary comment.
            purposes = {"commenting"}
        if purposes & _LABEL_PURPOSES:
            found.labels.append(" ".join(value.split()))
        elif purposes & _COMMENT_PURPOSES:
            found.comments.append(value)
        else:
            shown = ", ".join(sorted(purposes)) or "none"
            self.sink.warning(
                self.at(body),
                f"a body with purpose {shown} is not read (gloss reads tagging, classifying "
                "and identifying as the label, commenting and describing as a description)",
            )


def _resolve_text(
    path: str, text_path: str | None, annotations: list[_Annotation], sink: DiagnosticSink
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
    local = not _SCHEME.match(name) and not name.startswith("/") and ".." not in parts
    candidate = os.path.join(folder, *parts) if local else ""
    if not local or not os.path.isfile(candidate):
        sink.error(
            where,
            f"the target source {short_repr(name)} is not a file beside {os.path.basename(path)}; "
            "pass --text DOC.txt",
        )
        return None
    return candidate


def _span(target: _Target, mapping: OffsetMap, sink: DiagnosticSink) -> Span | None:
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


def _entity_type(value: object, label: object, types: TypeMapper) -> str | None:
    """The gloss code of a body's ``entityType`` (declared with its label when new)."""
    if not isinstance(value, str) or not value.strip():
        return None
    if not ENTITY_CODE.fullmatch(value):
        return types.entity(value)
    if value not in DEFAULT_ENTITY_TYPES:
        shown = label.strip() if isinstance(label, str) and label.strip() else value
        types.entity_types.setdefault(value, TypeInfo(value, shown, "", declared=True))
    return value


def _event_type(value: object, label: object, types: TypeMapper) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    code = types.event(value)
    if code == value and isinstance(label, str) and label.strip() and code in types.event_types:
        types.event_types[code] = TypeInfo(code, label.strip(), "", declared=True)
    return code


class _Builder:
    """Turns the annotations read into entity and event drafts."""

    def __init__(
        self, mapping: OffsetMap, lines: _Lines, sink: DiagnosticSink, keep_apart: bool = False
    ) -> None:
        self.mapping = mapping
        self.keep_apart = keep_apart
        self.lines = lines
        self.sink = sink
        self.types = TypeMapper()
        self.entities: list[EntityDraft] = []
        self.events: list[EventDraft] = []
        self.by_id: dict[str, tuple[int, Position]] = {}
        self.by_label: dict[GroupKey, int] = {}
        self.event_ids: dict[str, Position] = {}

    def spans(self, annotation: _Annotation) -> list[Span]:
        found = []
        for target in annotation.targets:
            span = _span(target, self.mapping, self.sink)
            if span is None:
                continue
            if not self.mapping.text[span.start : span.end].strip():
                self.sink.warning(target.where, "the target covers only white space; skipped")
                continue
            found.append(span)
        return found

    def entity(self, annotation: _Annotation, body: _Object) -> None:
        where = self.lines.position(body)
        ident, name = body.get("entityId"), body.get("name")
        code = _entity_type(body.get("entityType"), body.get("entityTypeLabel"), self.types)
        if code is None:
            self.sink.error(where, 'the entity body needs "entityType" (text)')
        if ident is not None and not isinstance(ident, str):
            self.sink.error(where, '"entityId" must be text')
            return
        if name is not None and not isinstance(name, str):
            self.sink.error(where, '"name" must be text')
            return
        spans = self.spans(annotation)
        if code is None or not spans:
            return
        key = ident if ident is not None else f"\0{len(self.entities)}"
        if key in self.by_id:
            index, first = self.by_id[key]
            draft = self.entities[index]
            if draft.type != code:
                self.sink.warning(
                    where,
                    f"entity {ident!r} has type {code} here but {draft.type} at line "
                    f"{first.line}; it keeps {draft.type}",
                )
            draft.spans.extend(spans)
            return
        self.by_id[key] = (len(self.entities), where)
        cleaned = " ".join(name.split()) if name else None
        self.entities.append(EntityDraft(code, spans, name=cleaned or None, id=ident))

    def tagged(self, annotation: _Annotation) -> None:
        labels = list(dict.fromkeys(annotation.labels))
        if not labels:
            self.sink.warning(
                annotation.where,
                "the annotation has no body gloss reads (an entity or event of gloss, or a "
                "tagging or classifying TextualBody); skipped",
            )
            return
        if len(labels) > 1:
            self.sink.warning(
                annotation.where,
                f"the annotation has {len(labels)} labels ({', '.join(map(repr, labels))}); "
                f"the entity takes {labels[0]!r}",
            )
        code = self.types.entity(labels[0])
        for span in self.spans(annotation):
            words = self.mapping.text[span.start : span.end]
            key = same_text_key(labels[0], words)
            index = (
                len(self.entities)
                if self.keep_apart
                else self.by_label.setdefault(key, len(self.entities))
            )
            if index == len(self.entities):
                self.entities.append(EntityDraft(code, []))
            self.entities[index].spans.append(span)
            self.entities[index].description.extend(annotation.comments)

    def event(self, annotation: _Annotation, body: _Object) -> None:
        where = self.lines.position(body)
        errors = self.sink.error_count
        ident, summary, realis = body.get("eventId"), body.get("summary"), body.get("realis")
        code = _event_type(body.get("eventType"), body.get("eventTypeLabel"), self.types)
        if code is None:
            self.sink.error(where, 'the event body needs "eventType" (text)')
        if ident is not None and not isinstance(ident, str):
            self.sink.error(where, '"eventId" must be text')
        elif ident is not None and ident in self.event_ids:
            self.sink.error(
                where,
                f"event {ident!r} has a second trigger annotation (first at line "
                f"{self.event_ids[ident].line}); an event has one trigger",
            )
        if summary is not None and not isinstance(summary, str):
            self.sink.error(where, '"summary" must be text')
        if realis is not None and realis not in REALIS_VALUES:
            self.sink.error(
                where, f'"realis" must be one of {", ".join(REALIS_VALUES)}, not {realis!r}'
            )
        arguments: list[tuple[str, int]] = []
        raw_arguments = body.get("arguments", [])
        for argument in raw_arguments if isinstance(raw_arguments, list) else [None]:
            role = argument.get("role") if isinstance(argument, dict) else None
            target = argument.get("entityId") if isinstance(argument, dict) else None
            if not isinstance(role, str) or not isinstance(target, str):
                self.sink.error(
                    where, '"arguments" must be a list of {"role", "entityId"} objects (text)'
                )
                break
            if not _ROLE.fullmatch(role):
                self.sink.error(
                    where,
                    f"argument role {role!r}: use a letter, then letters, digits, '-' or '_'",
                )
            elif target not in self.by_id:
                self.sink.error(
                    where, f"argument {role}: entity {target!r} is not named by any annotation"
                )
            else:
                arguments.append((role, self.by_id[target][0]))
        spans = self.spans(annotation)
        if self.sink.error_count > errors or code is None or not spans:
            return
        if ident is not None:
            self.event_ids[ident] = where
        trigger = spans[0]
        words = " ".join(self.mapping.text[trigger.start : trigger.end].split())
        cleaned = " ".join(summary.split()) if isinstance(summary, str) else ""
        self.events.append(
            EventDraft(
                code,
                trigger,
                cleaned or f"{self.types.event_label(code)}: {words}",
                realis=realis if isinstance(realis, str) else "actual",
                arguments=arguments,
                id=ident,
            )
        )


def import_w3c(
    path: str,
    *,
    text_path: str | None = None,
    keep_apart: bool = False,
    allow_outside: bool = False,
) -> W3CImport:
    """Read W3C Web Annotation JSON(-LD) and its article into a gloss document.

    The source the targets name must resolve inside the JSON's folder unless
    ``allow_outside`` (see :mod:`tui.core.files.saferead`); ``--text`` is the user's choice.
    """
    sink = DiagnosticSink(path)
    document, txt = _import(path, text_path, sink, allow_outside, keep_apart)
    return W3CImport(None if sink.has_errors else document, sink.sorted(), txt or "")


def _import(
    path: str,
    text_path: str | None,
    sink: DiagnosticSink,
    allow_outside: bool = False,
    keep_apart: bool = False,
) -> tuple[Document | None, str | None]:
    decoded = read_text_file(
        path, sink, Position(1, 1), "W3C annotation file", yamlsafe.MAX_TEXT_BYTES
    )
    if decoded is None:
        return None, text_path
    try:
        data = _load_json(decoded.text)
    except json.JSONDecodeError as error:
        sink.error(Position(error.lineno, error.colno), f"not valid JSON: {error.msg}")
        return None, text_path
    except RecursionError:
        sink.error(Position(1, 1), "the JSON is nested too deeply")
        return None, text_path
    lines = _Lines(decoded.text)
    if _report_lone_surrogates(data, lines, sink):
        return None, text_path
    reader = _Reader(lines, sink)
    annotations = [a for a in map(reader.annotation, reader.items(data)) if a is not None]
    txt = _resolve_text(path, text_path, annotations, sink)
    if txt is None:
        return None, text_path
    if text_path is None:
        try:
            resolve_named(
                path,
                os.path.relpath(txt, os.path.dirname(path) or "."),
                allow_outside=allow_outside,
            )
        except ReadRefused as refused:
            sink.error(Position(1, 1), f"the target source {refused.reason}")
            return None, txt
    text_sink = DiagnosticSink(txt)
    if read_text_file(txt, text_sink, Position(1, 1), "article text", yamlsafe.MAX_TEXT_BYTES):
        try:
            raw = read_capped(txt, yamlsafe.MAX_TEXT_BYTES).decode("utf-8")
        except (ReadRefused, UnicodeDecodeError) as error:
            sink.error(Position(1, 1), f"article text '{txt}' cannot be read again ({error})")
            return None, txt
    else:
        for item in text_sink.items:
            sink.error(Position(1, 1), item.message)
        return None, txt
    builder = _Builder(OffsetMap(raw), lines, sink, keep_apart)
    # Entities first, so that event arguments can name any of them.
    for annotation in annotations:
        if annotation.entity is not None:
            builder.entity(annotation, annotation.entity)
        elif annotation.event is None:
            builder.tagged(annotation)
    for annotation in annotations:
        if annotation.event is not None:
            builder.event(annotation, annotation.event)
    if sink.has_errors:
        return None, txt
    doc_id, title = _identity(data, path)
    return (
        build_document(
            doc_id=doc_id,
            text=builder.mapping.text,
            text_path=txt,
            title=title,
            entities=builder.entities,
            events=builder.events,
            relations=[],
            types=builder.types,
        ),
        txt,
    )


def _report_lone_surrogates(data: Any, lines: _Lines, sink: DiagnosticSink) -> bool:
    """Report strings holding a lone surrogate (an unpaired ``\\ud800`` escape); any found?

    Such a string is not text: it cannot be written as UTF-8 or YAML.
    """
    found = False
    pending: list[tuple[Any, _Object | None]] = [(data, None)]
    while pending:
        value, owner = pending.pop()
        if isinstance(value, _Object):
            pending.extend((item, value) for pair in value.items() for item in pair)
        elif isinstance(value, list):
            pending.extend((item, owner) for item in value)
        elif isinstance(value, str):
            bad = _LONE_SURROGATE.search(value)
            if bad is not None:
                sink.error(
                    lines.position(owner),
                    f"{short_repr(value[: bad.start()] + '?')} holds a lone surrogate "
                    f"(U+{ord(bad.group()):04X}), which is not a character; fix its \\u escape",
                )
                found = True
    return found


def _identity(data: Any, path: str) -> tuple[str, str | None]:
    """The document id (gloss's own from the collection id, else the file name) and title."""
    stem = slugify(os.path.splitext(os.path.basename(path))[0], limit=100) or "document"
    if not isinstance(data, dict):
        return stem, None
    ident = data.get("id")
    match = _GLOSS_COLLECTION.fullmatch(ident) if isinstance(ident, str) else None
    doc_id = match.group(1) if match and GLOSS_ID.fullmatch(match.group(1)) else stem
    label = data.get("label")
    title = " ".join(label.split()) if isinstance(label, str) else ""
    return doc_id, title if title and title != doc_id else None
