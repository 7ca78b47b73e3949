"""The edits of a document: one frozen record per kind, naming what it changes by id and
span (relations by their fields), and the refusal an edit that cannot be made raises."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Literal, TypeAlias, get_args

from tui.core.document.model import Relation, Span

TypeKind = Literal["entity", "event", "relation"]
AttributeTarget = Literal["entity", "event", "mention", "relation"]


class EditRefused(ValueError):
    """An edit that cannot be made; ``reason`` is one sentence for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# -- the edits ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewEntity:
    """A new entity of ``type`` with one mention (``parts`` for one of several pieces)."""

    kind: ClassVar[str] = "new_entity"
    type: str
    name: str
    span: Span
    parts: tuple[Span, ...] = ()
    entity_id: str | None = None
    """The id to give it; ``None``: a slug of the name, made unique."""
    links: tuple[tuple[str, str], ...] = ()
    """``name: value`` links to give it (``wikidata: Q1028``): a suggestion from the
    corpus links the new entity to the corpus entity it was known as."""


@dataclass(frozen=True, slots=True)
class AddMention:
    """One more mention of an entity."""

    kind: ClassVar[str] = "add_mention"
    entity_id: str
    span: Span
    parts: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class DeleteMention:
    """Remove the entity's mention at ``span`` (its extent, for one of several pieces)."""

    kind: ClassVar[str] = "delete_mention"
    entity_id: str
    span: Span


@dataclass(frozen=True, slots=True)
class DeleteEntity:
    """Remove an entity, the arguments that name it and the relations that end at it."""

    kind: ClassVar[str] = "delete_entity"
    entity_id: str


@dataclass(frozen=True, slots=True)
class RetypeEntity:
    kind: ClassVar[str] = "retype_entity"
    entity_id: str
    type: str


@dataclass(frozen=True, slots=True)
class RenameEntity:
    kind: ClassVar[str] = "rename_entity"
    entity_id: str
    name: str


@dataclass(frozen=True, slots=True)
class SetDescription:
    kind: ClassVar[str] = "set_description"
    entity_id: str
    description: str | None


@dataclass(frozen=True, slots=True)
class MergeEntities:
    """``absorbed_id`` becomes part of ``keep_id``: its mentions, names (as aliases),
    arguments and relations move over, and it is removed."""

    kind: ClassVar[str] = "merge_entities"
    keep_id: str
    absorbed_id: str


@dataclass(frozen=True, slots=True)
class SplitMention:
    """The mention at ``span`` leaves its entity for a new one of the same type, named
    after its words."""

    kind: ClassVar[str] = "split_mention"
    entity_id: str
    span: Span
    new_entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class AddFragment:
    """The mention at ``span`` gains a piece of text (a discontinuous mention)."""

    kind: ClassVar[str] = "add_fragment"
    entity_id: str
    span: Span
    fragment: Span


@dataclass(frozen=True, slots=True)
class AdjustMention:
    """Move the ends of the mention at ``span`` to those of ``new_span`` (for one of
    several pieces: the start of its first and the end of its last)."""

    kind: ClassVar[str] = "adjust_mention"
    entity_id: str
    span: Span
    new_span: Span


@dataclass(frozen=True, slots=True)
class DeclareType:
    """Declare a type under ``types:`` (or give a built-in one a new label)."""

    kind: ClassVar[str] = "declare_type"
    type_kind: TypeKind
    code: str
    label: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class NewEvent:
    """A new event evoked by the words at ``trigger``; its passage is their sentence."""

    kind: ClassVar[str] = "new_event"
    type: str
    trigger: Span
    summary: str | None = None
    """``None``: the trigger's words."""
    event_id: str | None = None
    """``None``: a slug of the summary, made unique."""


@dataclass(frozen=True, slots=True)
class DeleteEvent:
    """Remove an event, the event arguments and relations that name it; events that
    were ``same_as`` it point where it pointed (or nowhere)."""

    kind: ClassVar[str] = "delete_event"
    event_id: str


@dataclass(frozen=True, slots=True)
class RetypeEvent:
    kind: ClassVar[str] = "retype_event"
    event_id: str
    type: str


@dataclass(frozen=True, slots=True)
class AdjustTrigger:
    """Move an event's trigger; a passage that no longer holds it (or that was the
    trigger's sentence) becomes the new trigger's sentence."""

    kind: ClassVar[str] = "adjust_trigger"
    event_id: str
    new_span: Span


@dataclass(frozen=True, slots=True)
class AddArgument:
    """An entity (``entity_id``) or an event (``argument_event_id``) taking part in an
    event in ``role``; exactly one of the two is given."""

    kind: ClassVar[str] = "add_argument"
    event_id: str
    role: str
    entity_id: str | None = None
    argument_event_id: str | None = None


@dataclass(frozen=True, slots=True)
class RemoveArgument:
    kind: ClassVar[str] = "remove_argument"
    event_id: str
    role: str
    entity_id: str | None = None
    argument_event_id: str | None = None


@dataclass(frozen=True, slots=True)
class SetEventDate:
    """An event's date (``None``: no date) and the words that give it."""

    kind: ClassVar[str] = "set_event_date"
    event_id: str
    value: str | None
    text_span: Span | None = None


@dataclass(frozen=True, slots=True)
class SetRealis:
    kind: ClassVar[str] = "set_realis"
    event_id: str
    realis: str


@dataclass(frozen=True, slots=True)
class SetSameAs:
    kind: ClassVar[str] = "set_same_as"
    event_id: str
    other_id: str | None


@dataclass(frozen=True, slots=True)
class SetSummary:
    kind: ClassVar[str] = "set_summary"
    event_id: str
    summary: str


@dataclass(frozen=True, slots=True)
class SetNote:
    kind: ClassVar[str] = "set_note"
    event_id: str
    note: str | None


@dataclass(frozen=True, slots=True)
class NewRelation:
    kind: ClassVar[str] = "new_relation"
    type: str
    from_id: str
    to_id: str
    from_event: bool = False
    to_event: bool = False
    evidence: Span | None = None


@dataclass(frozen=True, slots=True)
class DeleteRelation:
    """Remove the first relation with these fields (its note and attributes aside)."""

    kind: ClassVar[str] = "delete_relation"
    type: str
    from_id: str
    to_id: str
    from_event: bool = False
    to_event: bool = False
    evidence: Span | None = None

    @classmethod
    def of(cls, relation: Relation) -> DeleteRelation:
        return cls(
            relation.type,
            relation.from_id,
            relation.to_id,
            relation.from_event,
            relation.to_event,
            relation.evidence,
        )


@dataclass(frozen=True, slots=True)
class RelationKey:
    """Which relation an attribute edit is about: the fields :class:`DeleteRelation`
    matches on."""

    type: str
    from_id: str
    to_id: str
    from_event: bool = False
    to_event: bool = False
    evidence: Span | None = None

    @classmethod
    def of(cls, relation: Relation) -> RelationKey:
        return cls(
            relation.type,
            relation.from_id,
            relation.to_id,
            relation.from_event,
            relation.to_event,
            relation.evidence,
        )


@dataclass(frozen=True, slots=True)
class SetAttribute:
    """Set (``value``) or remove (``None``) an attribute of an entity, an event, one
    mention (``target_id`` its entity, ``span`` the mention) or a relation
    (``relation``; ``target_id`` unused)."""

    kind: ClassVar[str] = "set_attribute"
    target: AttributeTarget
    target_id: str
    name: str
    value: str | None
    span: Span | None = None
    relation: RelationKey | None = None


Edit: TypeAlias = (
    NewEntity
    | AddMention
    | DeleteMention
    | DeleteEntity
    | RetypeEntity
    | RenameEntity
    | SetDescription
    | MergeEntities
    | SplitMention
    | AddFragment
    | AdjustMention
    | DeclareType
    | NewEvent
    | DeleteEvent
    | RetypeEvent
    | AdjustTrigger
    | AddArgument
    | RemoveArgument
    | SetEventDate
    | SetRealis
    | SetSameAs
    | SetSummary
    | SetNote
    | NewRelation
    | DeleteRelation
    | SetAttribute
)

EDIT_KINDS: Mapping[str, type[Edit]] = {cls.kind: cls for cls in get_args(Edit)}
"""Every edit class by its ``kind``."""
