"""The annotations of a W3C file, read from its JSON: targets, selectors and bodies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.formats.w3c.json_source import Lines, Object
from tui.core.text.fitting import short_repr

_LABEL_PURPOSES = frozenset({"tagging", "classifying", "identifying"})


_COMMENT_PURPOSES = frozenset({"commenting", "describing"})


SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


GLOSS_COLLECTION = re.compile(r"urn:gloss:(.+):annotations")


ROLE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


@dataclass
class Target:
    """One place an annotation points at, as its selectors give it (raw values)."""

    where: Position
    source: str | None
    start: int | None = None
    end: int | None = None
    quote: tuple[str, str, str] | None = None
    """``(exact, prefix, suffix)``."""


@dataclass
class Annotation:
    where: Position
    targets: list[Target]
    entity: Object | None = None
    event: Object | None = None
    labels: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    index: int = 0
    """Its place among the file's annotations."""


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _lf(value: str) -> str:
    return value.replace("\r\n", "\n")


class Reader:
    """Walks the JSON: finds the annotations, their targets and bodies."""

    def __init__(self, lines: Lines, sink: DiagnosticSink) -> None:
        self.lines = lines
        self.sink = sink

    def at(self, value: object) -> Position:
        return self.lines.position(value)

    def items(self, data: Any) -> list[Object]:
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
            if isinstance(item, Object) and ("target" in item or item.get("type") == "Annotation"):
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

    def annotation(self, item: Object) -> Annotation | None:
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
        found = Annotation(where, targets)
        motivation = item.get("motivation")
        bodies = item.get("body")
        if bodies is None and isinstance(item.get("bodyValue"), str):
            bodies = Object(type="TextualBody", value=item["bodyValue"])
            bodies.offset = item.offset
        for body in _as_list(bodies) if bodies is not None else []:
            self.body(body, item, motivation, found)
        if found.entity is not None and found.event is not None:
            self.sink.error(where, "the annotation names both an entity and an event")
        if found.event is not None and len(targets) > 1:
            self.sink.error(where, "an event annotation needs one target, its trigger")
        return found if self.sink.error_count == errors else None

    def target(self, raw: object, item: Object) -> Target | None:
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
        target = Target(where, source if isinstance(source, str) else None)
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

    def body(self, body: object, item: Object, motivation: object, found: Annotation) -> None:
        if not isinstance(body, Object):
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
