"""Read annotations → gloss entities, events and relations."""

from __future__ import annotations

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.document.model import (
    DEFAULT_ENTITY_TYPES,
    REALIS_VALUES,
    Span,
    TypeInfo,
)
from tui.core.formats.common import (
    ENTITY_CODE,
    EntityDraft,
    EventDraft,
    OffsetMap,
    TypeMapper,
)
from tui.core.formats.grouping import GroupKey, same_text_key
from tui.core.formats.w3c.anchors import target_span
from tui.core.formats.w3c.json_source import Lines, Object
from tui.core.formats.w3c.kept import W3C_ANNOTATION, compact_places
from tui.core.formats.w3c.reading import ROLE, Annotation


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


class Builder:
    """Turns the annotations read into entity and event drafts."""

    def __init__(
        self, mapping: OffsetMap, lines: Lines, sink: DiagnosticSink, keep_apart: bool = False
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
        self.claims: dict[tuple[int, Span], list[list[int]]] = {}
        """``(entity draft, span)`` → the ``[annotation, target]`` places it was read from."""

    def targeted(self, annotation: Annotation) -> list[tuple[int, Span]]:
        """Each target's span, with the target's place among the annotation's targets."""
        found = []
        for number, target in enumerate(annotation.targets):
            span = target_span(target, self.mapping, self.sink)
            if span is None:
                continue
            if not self.mapping.text[span.start : span.end].strip():
                self.sink.warning(target.where, "the target covers only white space; skipped")
                continue
            found.append((number, span))
        return found

    def spans(self, annotation: Annotation) -> list[Span]:
        return [span for _, span in self.targeted(annotation)]

    def _claim(self, index: int, annotation: Annotation, targeted: list[tuple[int, Span]]) -> None:
        for number, span in targeted:
            self.claims.setdefault((index, span), []).append([annotation.index, number])

    def mention_claims(self) -> None:
        """Say on each mention which annotations it was read from (see :mod:`.kept`)."""
        for (index, span), claims in self.claims.items():
            attributes = self.entities[index].mention_attributes.setdefault((span,), [])
            attributes.append((W3C_ANNOTATION, compact_places(claims)))

    def entity(self, annotation: Annotation, body: Object) -> None:
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
        targeted = self.targeted(annotation)
        spans = [span for _, span in targeted]
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
            self._claim(index, annotation, targeted)
            return
        self._claim(len(self.entities), annotation, targeted)
        self.by_id[key] = (len(self.entities), where)
        cleaned = " ".join(name.split()) if name else None
        self.entities.append(EntityDraft(code, spans, name=cleaned or None, id=ident))

    def tagged(self, annotation: Annotation) -> None:
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
        for number, span in self.targeted(annotation):
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
            self._claim(index, annotation, [(number, span)])

    def event(self, annotation: Annotation, body: Object) -> None:
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
            if not ROLE.fullmatch(role):
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
                attributes=[(W3C_ANNOTATION, compact_places([[annotation.index, 0]]))],
            )
        )
