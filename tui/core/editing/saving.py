"""Saving edits back into the user's own YAML file, changing only what changed.

The edits were made on the resolved model (:mod:`tui.core.editing.edits`); here the
document the file said (``original``) is compared with the edited one, entity by entity
and event by event (by id) and relation by relation (by value), and each difference is
written into the node of the file it came from (:mod:`tui.core.editing.yaml_patch`).
Every mention selector of a changed entity is resolved again with the loader's own code,
so a removed or moved mention is found in whatever form it was written; a selector that
gave several mentions (``all: true``) and lost one is written out as the ones left.
Everything else (comments, key order, quoting, flow or block style, blank lines, CRLF
line endings) stays byte for byte.

A bare text never saved gets a new file in gloss's own style
(:func:`tui.core.formats.yaml_out.dumps`).

:func:`save` checks the new text with the rules of ``gloss check`` and writes it
through the one writer only when it has no errors.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tui.core.document.diagnostics import Diagnostic, DiagnosticSink, Severity
from tui.core.document.model import (
    DEFAULT_ENTITY_TYPES,
    DEFAULT_EVENT_TYPES,
    Attributes,
    Document,
    Entity,
    Event,
    EventDate,
    Relation,
    Span,
    TypeInfo,
)
from tui.core.editing.yaml_patch import (
    BlockList,
    MappingEdit,
    Patch,
    PatchError,
    RawBlock,
    SequenceEdit,
    content_end,
    start_of,
    styled,
)
from tui.core.files.safewrite import WriteRefused, write_file
from tui.core.formats.yaml_emit import Flow, inline
from tui.core.formats.yaml_out import SelectorWriter, dumps
from tui.core.loading.checking import Checker, State, is_null, split_attributes
from tui.core.loading.entities import resolve_mention
from tui.core.loading.events import resolve_date_words
from tui.core.loading.loader import load
from tui.core.loading.selectors import resolve_one
from tui.core.loading.yamlsafe import (
    Node,
    PlacedMapping,
    PlacedScalar,
    PlacedSequence,
    ScalarNode,
    compose_placed,
    settle_tags,
)
from tui.core.text.anchoring import TextIndex
from tui.core.text.sentences import sentence_around

_SELECTOR_KEYS = frozenset({"trigger", "passage", "date", "evidence"})

__all__ = ["PatchError", "SaveResult", "check_saved", "save", "saved_text"]

NEW_FILE_HEADER = (
    "Annotations of {text} in the gloss format (version 1); see gloss's docs/format.md.\n"
    "Written by gloss. Edit it by hand as you like: gloss keeps your comments and layout\n"
    "when it saves again."
)


# -- the new text -----------------------------------------------------------------------


def saved_text(source: str | None, original: Document, edited: Document) -> str:
    """The YAML to save: ``source`` (the file's text as read) with only the nodes that
    changed between ``original`` and ``edited`` rewritten; a new file when ``source``
    is ``None``.

    Raises:
        PatchError: the file is laid out in a way that cannot be patched in place.
    """
    if source is None:
        name = os.path.basename(edited.info.text_path)
        return dumps(edited, text_name=name, header=NEW_FILE_HEADER.format(text=name))
    if _same(original, edited):
        return source
    bom = source.startswith("\ufeff")
    body = source[1:] if bom else source
    root = compose_placed(body)
    if not isinstance(root, PlacedMapping):
        raise PatchError("the file is not a mapping")
    planner = _Planner(Patch(body), root, original, edited)
    planner.plan()
    return ("\ufeff" if bom else "") + planner.patch.result()


def _same(original: Document, edited: Document) -> bool:
    return (
        original.entities == edited.entities
        and original.events == edited.events
        and original.relations == edited.relations
        and dict(original.entity_types) == dict(edited.entity_types)
        and dict(original.event_types) == dict(edited.event_types)
        and dict(original.relation_types) == dict(edited.relation_types)
    )


def _key_of(pair: tuple[Node, Node]) -> str | None:
    key = pair[0]
    return str(key.value) if isinstance(key, ScalarNode) else None


def _pairs(node: Node) -> dict[str, tuple[Node, Node]]:
    if not isinstance(node, PlacedMapping):
        return {}
    found: dict[str, tuple[Node, Node]] = {}
    for pair in node.value:
        name = _key_of(pair)
        if name is not None:
            found.setdefault(name, pair)
    return found


def _scalar(node: Node | None) -> str | None:
    if isinstance(node, ScalarNode) and not is_null(settle_tags(node)):
        return str(node.value)
    return None


def _flow_dict(pairs: Sequence[tuple[str, str]] | Attributes) -> Flow:
    return Flow({name: value for name, value in pairs})


class _Planner:
    """Works out the changes of one file and puts them in a :class:`Patch`."""

    def __init__(
        self, patch: Patch, root: PlacedMapping, original: Document, edited: Document
    ) -> None:
        self.patch = patch
        self.root = root
        self.original = original
        self.edited = edited
        self.text = edited.text
        self.index = TextIndex(self.text, use_token_index=False)
        self.writer = SelectorWriter(self.text, self.index)
        self.state = State(Checker(DiagnosticSink("<saving>")), self.index, "")
        self.top = MappingEdit(root)
        self.top_pairs = _pairs(root)
        self.quote_like = self._file_quote_like()

    def _file_quote_like(self) -> Node | None:
        """A mention quote of the file, whose quoting new selectors copy."""
        section = self.section("entities")
        for item in (section.value if section is not None else [])[:50]:
            mentions = _pairs(item).get("mentions")
            if mentions is not None and isinstance(mentions[1], PlacedSequence):
                found = _first_scalar(mentions[1])
                if found is not None:
                    return found
        return None

    def line(self, value: Any) -> str:
        """A new value on one line, quoted as the file quotes its mentions."""
        return styled(value, self.quote_like, flow=False)

    # -- helpers ---------------------------------------------------------------------
    def selector(self, span: Span) -> Any:
        return self.writer.one(span)

    def mention_selector(self, fragments: tuple[Span, ...], attributes: Attributes) -> Any:
        if len(fragments) > 1:
            chosen: Any = Flow(parts=[self.writer.one(part) for part in fragments])
        else:
            chosen = self.writer.one(fragments[0])
        if attributes:
            chosen = Flow(quote=chosen) if isinstance(chosen, str) else Flow(chosen)
            chosen["attributes"] = _flow_dict(attributes)
        return chosen

    def section(self, name: str) -> PlacedSequence | None:
        pair = self.top_pairs.get(name)
        if pair is None:
            return None
        value = pair[1]
        return value if isinstance(value, PlacedSequence) else None

    def blank_between(self, sequence: PlacedSequence, edit: SequenceEdit) -> bool:
        items = sequence.value
        if sequence.flow or len(items) < 2:
            return False
        gap = self.patch.source[content_end(items[-2]) : edit.dash_of(self.patch, len(items) - 1)]
        return re.search(r"\n[ \t]*\r?\n", gap) is not None

    def list_shift(self, section: PlacedSequence | None, key: str) -> int:
        """How far the dashes of a ``key:`` list sit right of the key, in this file."""
        for item in section.value if section is not None else ():
            pair = _pairs(item).get(key)
            if pair is not None and isinstance(pair[1], PlacedSequence) and not pair[1].flow:
                key_column = self.patch.column(start_of(pair[0]))
                return max(0, self.patch.column(pair[1].start) - key_column)
        return 2

    def add_section(self, name: str, lines: list[str], flow_form: Any, after: str) -> None:
        """A new top-level ``name:`` holding ``lines`` (relative to it)."""
        existing = self.top_pairs.get(name)
        if existing is not None and is_null(settle_tags(existing[1])):
            self.top.set(name, RawBlock(lines, flow_form))
            return
        self.top.set(name, RawBlock(lines, flow_form, blank_before=True), after=after)

    # -- the plan ---------------------------------------------------------------------
    def plan(self) -> None:
        self.plan_types()
        self.plan_entities()
        self.plan_events()
        self.plan_relations()
        self.top.apply(self.patch)

    # -- types -----------------------------------------------------------------------
    def plan_types(self) -> None:
        changes: dict[str, dict[str, TypeInfo]] = {}
        for section, before, after, _defaults in (
            (
                "entities",
                self.original.entity_types,
                self.edited.entity_types,
                DEFAULT_ENTITY_TYPES,
            ),
            ("events", self.original.event_types, self.edited.event_types, DEFAULT_EVENT_TYPES),
            ("relations", self.original.relation_types, self.edited.relation_types, {}),
        ):
            changed = {
                code: info
                for code, info in after.items()
                if info.declared and before.get(code) != info
            }
            if changed:
                changes[section] = changed
        if not changes:
            return

        def spec(section: str, info: TypeInfo) -> Flow:
            defaults = {"entities": DEFAULT_ENTITY_TYPES, "events": DEFAULT_EVENT_TYPES}
            _, default_description = defaults.get(section, {}).get(info.code, (info.code, ""))
            found = Flow(label=info.label)
            if info.description and info.description != default_description:
                found["description"] = info.description
            if info.source:
                found["source"] = info.source
            return found

        types_pair = self.top_pairs.get("types")
        if types_pair is None or not isinstance(types_pair[1], PlacedMapping):
            lines: list[str] = []
            data: dict[str, Any] = {}
            for section, infos in changes.items():
                lines.append(f"{section}:")
                lines.extend(
                    f"  {inline(code)}: {inline(spec(section, i))}" for code, i in infos.items()
                )
                data[section] = {code: spec(section, i) for code, i in infos.items()}
            self.add_section("types", lines, Flow(data), after="document")
            return
        types_edit = MappingEdit(types_pair[1])
        sections = _pairs(types_pair[1])
        for section, infos in changes.items():
            pair = sections.get(section)
            if pair is None or not isinstance(pair[1], PlacedMapping):
                block = [f"{inline(code)}: {inline(spec(section, i))}" for code, i in infos.items()]
                types_edit.set(
                    section,
                    RawBlock(block, Flow({c: spec(section, i) for c, i in infos.items()})),
                )
                continue
            codes = MappingEdit(pair[1])
            entries = _pairs(pair[1])
            for code, info in infos.items():
                entry = entries.get(code)
                if entry is not None and isinstance(entry[1], PlacedMapping):
                    inner = MappingEdit(entry[1])
                    wanted = spec(section, info)
                    fields = _pairs(entry[1])
                    for key in ("label", "description", "source"):
                        value = wanted.get(key)
                        if value is None:
                            if key in fields and key != "label":
                                inner.delete(key)
                        elif _scalar(fields[key][1] if key in fields else None) != value:
                            inner.set(key, value)
                    if inner.node.value:
                        inner.apply(self.patch)
                    else:
                        codes.set(code, wanted)
                else:
                    codes.set(code, spec(section, info))
            codes.apply(self.patch)
        types_edit.apply(self.patch)

    # -- entities --------------------------------------------------------------------
    def plan_entities(self) -> None:
        before = {entity.id: entity for entity in self.original.entities}
        after = {entity.id: entity for entity in self.edited.entities}
        if self.original.entities == self.edited.entities:
            return
        section = self.section("entities")
        items = self._items_by_id(section)
        edit = SequenceEdit(section) if section is not None else None
        # Entities stay in file order; one whose id left and came back (deleted, then a
        # new one named alike) is out of that order: it is removed and added anew.
        place = {entity.id: i for i, entity in enumerate(self.original.entities)}
        in_order: set[str] = set()
        last = -1
        for entity in self.edited.entities:
            if entity.id in place and place[entity.id] > last:
                in_order.add(entity.id)
                last = place[entity.id]
        for entity_id, (position, item) in items.items():
            old = before.get(entity_id)
            if old is None:
                continue
            if entity_id not in in_order:
                assert edit is not None
                edit.delete(position)
                continue
            new = after[entity_id]
            if new is not old and new != old:
                self.patch_entity(item, old, new)
        added = [entity for entity in self.edited.entities if entity.id not in in_order]
        shift = self.list_shift(section, "mentions")
        if added and edit is not None:
            edit.blank_line_between = self.blank_between(section, edit) if section else False
            for entity in added:
                edit.append_block(self.entity_lines(entity, shift), self.entity_flow(entity))
        if edit is not None:
            edit.apply(self.patch)
        elif added:
            lines: list[str] = []
            for entity in added:
                first, *rest = self.entity_lines(entity, shift)
                lines.extend([f"- {first}", *(f"  {line}" for line in rest)])
            self.add_section(
                "entities",
                lines,
                [self.entity_flow(e) for e in added],
                after="types" if "types" in self.top_pairs else "document",
            )

    def _items_by_id(self, section: PlacedSequence | None) -> dict[str, tuple[int, PlacedMapping]]:
        found: dict[str, tuple[int, PlacedMapping]] = {}
        for position, item in enumerate(section.value if section is not None else ()):
            if isinstance(item, PlacedMapping):
                item_id = _scalar(_pairs(item).get("id", (item, item))[1])
                if item_id is not None:
                    found.setdefault(item_id, (position, item))
        return found

    def entity_fields(self, entity: Entity) -> list[tuple[str, Any]]:
        found: list[tuple[str, Any]] = [
            ("id", entity.id),
            ("type", entity.type),
            ("name", entity.name),
        ]
        if entity.aliases:
            found.append(("aliases", list(entity.aliases)))
        if entity.description is not None:
            found.append(("description", entity.description))
        if entity.links:
            found.append(("links", _flow_dict(entity.links)))
        if entity.attributes:
            found.append(("attributes", _flow_dict(entity.attributes)))
        return found

    def entity_lines(self, entity: Entity, shift: int) -> list[str]:
        lines = [f"{key}: {inline(value)}" for key, value in self.entity_fields(entity)]
        lines.append("mentions:")
        lines.extend(
            " " * shift + "- " + self.line(self.mention_selector(m.fragments, m.attributes))
            for m in entity.mentions
        )
        return lines

    def entity_flow(self, entity: Entity) -> Flow:
        found = Flow(self.entity_fields(entity))
        found["mentions"] = [
            self.mention_selector(m.fragments, m.attributes) for m in entity.mentions
        ]
        return found

    def patch_entity(self, item: PlacedMapping, old: Entity, new: Entity) -> None:
        edit = MappingEdit(item)
        fields = _pairs(item)
        if old.mentions != new.mentions:
            mentions = fields["mentions"][1]
            if not isinstance(mentions, PlacedSequence):
                raise PatchError("an entity's mentions are not a list")
            self.patch_mentions(mentions, new)
        if old.type != new.type:
            edit.set("type", new.type)
        if old.name != new.name:
            edit.set("name", new.name)
        self._optional(edit, "aliases", old.aliases, new.aliases, list(new.aliases), "name")
        self._optional(edit, "description", old.description, new.description, new.description)
        self._optional(edit, "links", old.links, new.links, _flow_dict(new.links))
        self._optional(
            edit, "attributes", old.attributes, new.attributes, _flow_dict(new.attributes)
        )
        edit.apply(self.patch)

    @staticmethod
    def _optional(
        edit: MappingEdit, key: str, old: Any, new: Any, value: Any, after: str | None = None
    ) -> None:
        if old == new:
            return
        if new is None or new == ():
            edit.delete(key)
        else:
            edit.set(key, value, after=after)

    def patch_mentions(self, sequence: PlacedSequence, new: Entity) -> None:
        wanted: dict[tuple[Span, ...], Attributes] = {
            m.fragments: m.attributes for m in new.mentions
        }
        checker = self.state.checker
        written: list[tuple[list[tuple[Span, ...]], Attributes]] = []
        for item in sequence.value:
            plain, attributes = split_attributes(settle_tags(item), checker)
            written.append((resolve_mention(plain, self.state), attributes))
        keep = [
            all(wanted.get(fragments) == attributes and fragments in wanted for fragments in found)
            for found, attributes in written
        ]
        covered = {f for (found, _), kept in zip(written, keep, strict=True) if kept for f in found}
        edit = SequenceEdit(sequence)
        edit.like = _first_scalar(sequence) or self.quote_like
        free: list[int] = []
        for position, ((found, _), kept) in enumerate(zip(written, keep, strict=True)):
            if kept:
                continue
            left = [f for f in found if f in wanted and f not in covered]
            covered.update(left)
            if left:
                edit.replace(position, [self.mention_selector(f, wanted[f]) for f in left])
            else:
                free.append(position)
        fresh = [m.fragments for m in new.mentions if m.fragments not in covered]
        for fragments in fresh:
            selector = self.mention_selector(fragments, wanted[fragments])
            if free:
                edit.replace(free.pop(0), [selector])
            else:
                edit.append(selector)
        for position in free:
            edit.delete(position)
        edit.apply(self.patch)

    # -- events ----------------------------------------------------------------------
    def plan_events(self) -> None:
        if self.original.events == self.edited.events:
            return
        before = {event.id: event for event in self.original.events}
        after = {event.id: event for event in self.edited.events}
        section = self.section("events")
        items = self._items_by_id(section)
        edit = SequenceEdit(section) if section is not None else None
        for event_id, (position, item) in items.items():
            old = before.get(event_id)
            new = after.get(event_id)
            if old is None:
                continue
            if new is None:
                assert edit is not None
                edit.delete(position)
            elif new is not old and new != old:
                self.patch_event(item, old, new)
        order = {event.id: i for i, event in enumerate(self.edited.events)}
        added = sorted(
            (event for event in self.edited.events if event.id not in before),
            key=lambda event: order[event.id],
        )
        shift = self.list_shift(section, "arguments")
        if added and edit is not None:
            edit.blank_line_between = self.blank_between(section, edit) if section else False
            for event in added:
                edit.append_block(self.event_lines(event, shift), self.event_flow(event))
        if edit is not None:
            edit.apply(self.patch)
        elif added:
            lines: list[str] = []
            for event in added:
                first, *rest = self.event_lines(event, shift)
                lines.extend([f"- {first}", *(f"  {line}" for line in rest)])
            after_key = next(
                (k for k in ("entities", "types") if k in self.top_pairs or k == "entities"),
                "document",
            )
            self.add_section("events", lines, [self.event_flow(e) for e in added], after=after_key)

    def date_value(self, date: EventDate, passage: Span) -> Any:
        if date.span is None:
            return date.value.text
        return Flow(value=date.value.text, text=self.date_words(date.span, passage))

    def date_words(self, span: Span, passage: Span) -> Any:
        quote = self.text[span.start : span.end]
        inside = [
            start
            for start in self.index.occurrences(quote)
            if passage.contains(Span(start, start + len(quote)))
        ]
        if len(inside) == 1 and inside[0] == span.start:
            return quote
        return self.selector(span)

    def event_fields(self, event: Event) -> list[tuple[str, Any]]:
        found: list[tuple[str, Any]] = [
            ("id", event.id),
            ("type", event.type),
            ("summary", event.summary),
            ("trigger", self.selector(event.trigger)),
        ]
        if event.passage != sentence_around(self.text, event.trigger):
            found.append(("passage", self.selector(event.passage)))
        if event.date is not None:
            found.append(("date", self.date_value(event.date, event.passage)))
        if event.realis != "actual":
            found.append(("realis", event.realis))
        if event.same_as is not None:
            found.append(("same_as", event.same_as))
        if event.note is not None:
            found.append(("note", event.note))
        if event.links:
            found.append(("links", _flow_dict(event.links)))
        if event.attributes:
            found.append(("attributes", _flow_dict(event.attributes)))
        return found

    @staticmethod
    def arguments_of(event: Event) -> list[Flow]:
        return [
            *(Flow(role=a.role, entity=a.entity_id) for a in event.arguments),
            *(Flow(role=a.role, event=a.event_id) for a in event.event_arguments),
        ]

    def event_lines(self, event: Event, shift: int) -> list[str]:
        lines = [
            f"{key}: {self.line(value) if key in _SELECTOR_KEYS else inline(value)}"
            for key, value in self.event_fields(event)
        ]
        arguments = self.arguments_of(event)
        if arguments:
            lines.append("arguments:")
            lines.extend(" " * shift + "- " + inline(argument) for argument in arguments)
        return lines

    def event_flow(self, event: Event) -> Flow:
        found = Flow(self.event_fields(event))
        arguments = self.arguments_of(event)
        if arguments:
            found["arguments"] = arguments
        return found

    def patch_event(self, item: PlacedMapping, old: Event, new: Event) -> None:
        edit = MappingEdit(item)
        fields = _pairs(item)
        state = self.state
        if old.type != new.type:
            edit.set("type", new.type)
        if old.summary != new.summary:
            edit.set("summary", new.summary)
        trigger_node = fields["trigger"][1]
        if resolve_one(settle_tags(trigger_node), "trigger", state) != new.trigger:
            edit.set("trigger", self.selector(new.trigger))
        default = sentence_around(self.text, new.trigger)
        passage_pair = fields.get("passage")
        if passage_pair is not None:
            if resolve_one(settle_tags(passage_pair[1]), "passage", state) != new.passage:
                if new.passage == default:
                    edit.delete("passage")
                else:
                    edit.set("passage", self.selector(new.passage))
        elif new.passage != default:
            edit.set("passage", self.selector(new.passage), after="trigger")
        self.patch_date(edit, fields, new)
        if old.realis != new.realis:
            if new.realis == "actual" and "realis" in fields:
                edit.delete("realis")
            else:
                edit.set("realis", new.realis, after="date" if "date" in fields else "trigger")
        if (old.arguments, old.event_arguments) != (new.arguments, new.event_arguments):
            self.patch_arguments(edit, fields, new)
        self._optional(edit, "same_as", old.same_as, new.same_as, new.same_as)
        self._optional(edit, "note", old.note, new.note, new.note)
        self._optional(edit, "links", old.links, new.links, _flow_dict(new.links))
        self._optional(
            edit, "attributes", old.attributes, new.attributes, _flow_dict(new.attributes)
        )
        edit.apply(self.patch)

    def patch_date(
        self, edit: MappingEdit, fields: dict[str, tuple[Node, Node]], new: Event
    ) -> None:
        pair = fields.get("date")
        written: tuple[str | None, Span | None] = (None, None)
        if pair is not None and not is_null(settle_tags(pair[1])):
            node = pair[1]
            if isinstance(node, ScalarNode):
                written = (str(node.value), None)
            else:
                inner = _pairs(node)
                value = _scalar(inner.get("value", (node, node))[1])
                words = inner.get("text")
                span = None
                if words is not None and not is_null(words[1]):
                    span = resolve_date_words(words[1], self.state, new.passage)
                written = (value, span)
        wanted = (new.date.value.text, new.date.span) if new.date is not None else (None, None)
        if written == wanted:
            return
        if new.date is None:
            edit.delete("date")
        else:
            edit.set(
                "date",
                self.date_value(new.date, new.passage),
                after="passage" if "passage" in fields else "trigger",
            )

    def patch_arguments(
        self, edit: MappingEdit, fields: dict[str, tuple[Node, Node]], new: Event
    ) -> None:
        pair = fields.get("arguments")
        wanted = self.arguments_of(new)
        if pair is None or not isinstance(pair[1], PlacedSequence):
            if wanted:
                edit.set("arguments", BlockList(tuple(wanted)))
            elif pair is not None:
                edit.delete("arguments")
            return
        sequence = pair[1]
        written: dict[str, list[tuple[int, tuple[str, str]]]] = {"entity": [], "event": []}
        for position, item in enumerate(sequence.value):
            inner = _pairs(item)
            role = _scalar(inner.get("role", (item, item))[1]) or ""
            kind = "event" if "event" in inner else "entity"
            target = _scalar(inner.get(kind, (item, item))[1]) or ""
            written[kind].append((position, (role, target)))
        desired = {
            "entity": [(a.role, a.entity_id) for a in new.arguments],
            "event": [(a.role, a.event_id) for a in new.event_arguments],
        }
        change = SequenceEdit(sequence)
        for kind, items in written.items():
            keys = [key for _, key in items]
            goal = desired[kind]
            matcher = difflib.SequenceMatcher(None, keys, goal, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag == "equal":
                    continue
                pairs_count = min(i2 - i1, j2 - j1) if tag == "replace" else 0
                for offset in range(pairs_count):
                    role, target_id = goal[j1 + offset]
                    change.replace(items[i1 + offset][0], [Flow({"role": role, kind: target_id})])
                for offset in range(i1 + pairs_count, i2):
                    change.delete(items[offset][0])
                extra = [Flow({"role": role, kind: t}) for role, t in goal[j1 + pairs_count : j2]]
                if extra:
                    if i2 < len(items):
                        change.insert_before(items[i2][0], extra)
                    else:
                        change.appends.extend(extra)
        if change.empty_after:
            edit.delete("arguments")
        else:
            change.apply(self.patch)

    # -- relations -------------------------------------------------------------------
    def plan_relations(self) -> None:
        before, after = list(self.original.relations), list(self.edited.relations)
        if before == after:
            return
        section = self.section("relations")
        items = list(section.value) if section is not None else []
        if len(items) != len(before):
            raise PatchError("the relations of the file are not the ones loaded")
        added: list[Relation] = []
        edit = SequenceEdit(section) if section is not None else None
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            pairs_count = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            for offset in range(pairs_count):
                item = items[i1 + offset]
                if not isinstance(item, PlacedMapping):
                    raise PatchError("a relation that is not a mapping")
                self.patch_relation(item, before[i1 + offset], after[j1 + offset])
            assert edit is not None or i2 == i1
            for offset in range(i1 + pairs_count, i2):
                assert edit is not None
                edit.delete(offset)
            extra = after[j1 + pairs_count : j2]
            if extra and edit is not None:
                rendered = [self.relation_flow(r) for r in extra]
                if i2 < len(items):
                    edit.insert_before(i2, rendered)
                else:
                    edit.appends.extend(rendered)
            elif extra:
                added.extend(extra)
        if edit is not None:
            edit.apply(self.patch)
        elif added:
            self.add_section(
                "relations",
                [f"- {inline(self.relation_flow(r))}" for r in added],
                [self.relation_flow(r) for r in added],
                after=next(
                    k for k in ("events", "entities", "types", "document") if k in self.top_pairs
                ),
            )

    def relation_flow(self, relation: Relation) -> Flow:
        found = Flow(type=relation.type)
        found["from_event" if relation.from_event else "from"] = relation.from_id
        found["to_event" if relation.to_event else "to"] = relation.to_id
        if relation.evidence is not None:
            found["evidence"] = self.selector(relation.evidence)
        if relation.note is not None:
            found["note"] = relation.note
        if relation.attributes:
            found["attributes"] = _flow_dict(relation.attributes)
        return found

    def patch_relation(self, item: PlacedMapping, old: Relation, new: Relation) -> None:
        edit = MappingEdit(item)
        if old.type != new.type:
            edit.set("type", new.type)
        for end, old_id, new_id, old_event, new_event in (
            ("from", old.from_id, new.from_id, old.from_event, new.from_event),
            ("to", old.to_id, new.to_id, old.to_event, new.to_event),
        ):
            old_key = f"{end}_event" if old_event else end
            new_key = f"{end}_event" if new_event else end
            if old_key != new_key:
                edit.delete(old_key)
                edit.set(new_key, new_id)
            elif old_id != new_id:
                edit.set(new_key, new_id)
        if old.evidence != new.evidence:
            if new.evidence is None:
                edit.delete("evidence")
            else:
                edit.set("evidence", self.selector(new.evidence))
        self._optional(edit, "note", old.note, new.note, new.note)
        self._optional(
            edit, "attributes", old.attributes, new.attributes, _flow_dict(new.attributes)
        )
        edit.apply(self.patch)


def _first_scalar(sequence: PlacedSequence) -> PlacedScalar | None:
    """The first plain quote of a list of selectors: new quotes are written like it."""
    for item in sequence.value:
        if isinstance(item, PlacedScalar):
            return item
        quote = _pairs(item).get("quote")
        if quote is not None and isinstance(quote[1], PlacedScalar):
            return quote[1]
    return None


# -- checking and writing ---------------------------------------------------------------


def check_saved(path: str, text: str) -> list[Diagnostic]:
    """The errors ``gloss check`` would report for ``text`` saved at ``path`` (nothing
    is written)."""
    result = load(path, yaml_text=text)
    return [d for d in result.diagnostics if d.severity is Severity.ERROR]


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What :func:`save` did: ``written`` when the file now holds ``text``; otherwise
    ``problems`` (the errors the new text would have) or ``refused`` (why the file or
    the patch could not be written) says why not."""

    path: str
    written: bool
    text: str | None
    problems: tuple[Diagnostic, ...] = ()
    refused: str | None = None


def save(path: str, source: str | None, original: Document, edited: Document) -> SaveResult:
    """Check the new text of ``path`` and write it when it has no errors.

    ``path`` is the annotation file (for a bare text: the new file beside it). The text
    is written through :func:`tui.core.files.safewrite.write_file` (a temporary file
    renamed over the old one); replacing the file the user edits is their own act, so
    a file gloss did not write is replaced too, but a symbolic link is not followed
    or replaced.
    """
    try:
        text = saved_text(source, original, edited)
    except PatchError as error:
        return SaveResult(
            path, False, None, refused=f"the file cannot be changed in place: {error}"
        )
    problems = tuple(check_saved(path, text))
    if problems:
        return SaveResult(path, False, text, problems=problems)
    if os.path.islink(path):
        return SaveResult(
            path,
            False,
            text,
            refused="it is a symbolic link; gloss does not write through links",
        )
    try:
        write_file(path, text, force=True)
    except WriteRefused as refused:
        return SaveResult(path, False, text, refused=refused.reason)
    return SaveResult(path, True, text)
