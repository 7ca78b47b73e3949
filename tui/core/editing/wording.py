"""Edits as plain data (for the journal) and as one line of words (for the history).

:func:`edit_to_json` gives a dict of JSON values: ``{"kind": "add_mention",
"entity_id": "tal-kalman", "span": [10, 20], "parts": []}``; spans are ``[start, end]``.
:func:`edit_from_json` reads such a dict back and refuses anything else: the dict may
come from a journal damaged by a crash, or written by someone else, so every field is
checked for its type and nothing unknown is let through.
"""

from __future__ import annotations

import functools
import types
from dataclasses import MISSING, fields
from typing import Any, Literal, TypeAlias, Union, get_args, get_origin, get_type_hints

from tui.core.document.model import Document, Span
from tui.core.editing.kinds import (
    EDIT_KINDS,
    AddArgument,
    AddFragment,
    AddMention,
    AdjustMention,
    AdjustTrigger,
    DeclareType,
    DeleteEntity,
    DeleteEvent,
    DeleteMention,
    DeleteRelation,
    Edit,
    EditRefused,
    MergeEntities,
    NewEntity,
    NewEvent,
    NewRelation,
    RelationKey,
    RemoveArgument,
    RenameEntity,
    RetypeEntity,
    RetypeEvent,
    SetAttribute,
    SetDescription,
    SetEventDate,
    SetNote,
    SetRealis,
    SetSameAs,
    SetSummary,
    SplitMention,
)
from tui.core.text.fitting import shorten

_MOST_PARTS = 10_000
"""A mention of more pieces than this is not an edit anyone made."""

Json: TypeAlias = Any


# -- to and from plain data ---------------------------------------------------------


@functools.cache
def _field_types(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """(name, type, required) of each field of an edit or :class:`RelationKey`."""
    hints = get_type_hints(cls)
    return tuple(
        (f.name, hints[f.name], f.default is MISSING and f.default_factory is MISSING)
        for f in fields(cls)
    )


def _to_json(value: Any) -> Json:
    if isinstance(value, Span):
        return [value.start, value.end]
    if isinstance(value, tuple):
        return [_to_json(item) for item in value]
    if isinstance(value, RelationKey):
        return {name: _to_json(getattr(value, name)) for name, _, _ in _field_types(RelationKey)}
    return value


def edit_to_json(edit: Edit) -> dict[str, Json]:
    """The edit as a dict of JSON values, ``kind`` first."""
    data: dict[str, Json] = {"kind": edit.kind}
    cls: type = type(edit)
    for name, _, _ in _field_types(cls):
        data[name] = _to_json(getattr(edit, name))
    return data


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _from_json(value: Json, expected: Any, where: str) -> Any:
    origin = get_origin(expected)
    if origin in (Union, types.UnionType):
        options = get_args(expected)
        if value is None and type(None) in options:
            return None
        (other,) = (option for option in options if option is not type(None))
        return _from_json(value, other, where)
    if origin is Literal:
        if value not in get_args(expected) or not isinstance(value, str):
            raise EditRefused(f"The journal's {where} is not one of {get_args(expected)}.")
        return value
    if origin is tuple:
        (item_type, _) = get_args(expected)
        if not isinstance(value, list) or len(value) > _MOST_PARTS:
            raise EditRefused(f"The journal's {where} is not a list.")
        return tuple(_from_json(item, item_type, where) for item in value)
    if expected is Span:
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(_is_int(number) for number in value)
        ):
            raise EditRefused(f"The journal's {where} is not a span [start, end].")
        return Span(value[0], value[1])
    if expected is RelationKey:
        return _record(RelationKey, value, where)
    if expected is bool:
        if not isinstance(value, bool):
            raise EditRefused(f"The journal's {where} is not true or false.")
        return value
    if expected is str:
        if not isinstance(value, str):
            raise EditRefused(f"The journal's {where} is not text.")
        return value
    raise EditRefused(f"The journal's {where} cannot be read.")  # pragma: no cover


def _record(cls: type, data: Json, what: str) -> Any:
    if not isinstance(data, dict):
        raise EditRefused(f"The journal's {what} is not a mapping.")
    known = _field_types(cls)
    names = {name for name, _, _ in known}
    unknown = [key for key in data if key not in names and key != "kind"]
    if unknown:
        raise EditRefused(f"The journal's {what} has an unknown field {str(unknown[0])!r}.")
    values: dict[str, Any] = {}
    for name, expected, required in known:
        if name not in data:
            if required:
                raise EditRefused(f"The journal's {what} has no {name}.")
            continue
        values[name] = _from_json(data[name], expected, f"{what} {name}")
    return cls(**values)


def edit_from_json(data: Json) -> Edit:
    """The edit a dict of :func:`edit_to_json` describes.

    Raises:
        EditRefused: the dict is not an edit (unknown kind, a missing or mistyped field).
    """
    if not isinstance(data, dict):
        raise EditRefused("The journal entry is not a mapping.")
    kind = data.get("kind")
    cls = EDIT_KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise EditRefused(f"The journal entry is of no known kind ({str(kind)[:40]!r}).")
    edit: Edit = _record(cls, data, kind.replace("_", " ") if isinstance(kind, str) else "")
    return edit


# -- one line of words --------------------------------------------------------------


def _entity_name(document: Document, entity_id: str | None) -> str:
    entity = document.entity_by_id.get(entity_id or "")
    return shorten(entity.name if entity is not None else str(entity_id), 40)


def _event_name(document: Document, event_id: str | None) -> str:
    event = document.event_by_id.get(event_id or "")
    return shorten(event.summary if event is not None else str(event_id), 40)


def _words(document: Document, span: Span | None) -> str:
    if span is None or not 0 <= span.start < span.end <= len(document.text):
        return "?"
    return repr(shorten(" ".join(document.text[span.start : span.end].split()), 40))


def _end_name(document: Document, end: str, is_event: bool) -> str:
    return _event_name(document, end) if is_event else _entity_name(document, end)


def describe(edit: Edit, document: Document) -> str:
    """A short line saying what ``edit`` does, in the words of ``document`` (the
    document the edit applies to): "added a mention of Tal Kalman"."""
    d = document
    match edit:
        case NewEntity():
            return f"new entity {shorten(edit.name, 40)} ({edit.type})"
        case AddMention():
            return f"added a mention of {_entity_name(d, edit.entity_id)}: {_words(d, edit.span)}"
        case DeleteMention():
            return (
                f"removed the mention {_words(d, edit.span)} of {_entity_name(d, edit.entity_id)}"
            )
        case DeleteEntity():
            return f"deleted the entity {_entity_name(d, edit.entity_id)}"
        case RetypeEntity():
            return f"{_entity_name(d, edit.entity_id)} is now of type {edit.type}"
        case RenameEntity():
            return f"renamed {_entity_name(d, edit.entity_id)} to {shorten(edit.name, 40)}"
        case SetDescription():
            return f"changed the description of {_entity_name(d, edit.entity_id)}"
        case MergeEntities():
            return (
                f"merged {_entity_name(d, edit.absorbed_id)} into {_entity_name(d, edit.keep_id)}"
            )
        case SplitMention():
            return (
                f"split {_words(d, edit.span)} off {_entity_name(d, edit.entity_id)} "
                "as an entity of its own"
            )
        case AddFragment():
            return (
                f"added {_words(d, edit.fragment)} to the mention {_words(d, edit.span)} "
                f"of {_entity_name(d, edit.entity_id)}"
            )
        case AdjustMention():
            return (
                f"moved the mention {_words(d, edit.span)} of {_entity_name(d, edit.entity_id)} "
                f"to {_words(d, edit.new_span)}"
            )
        case DeclareType():
            return f"declared the {edit.type_kind} type {edit.code}"
        case NewEvent():
            return f"new event {_words(d, edit.trigger)} ({edit.type})"
        case DeleteEvent():
            return f"deleted the event {_event_name(d, edit.event_id)}"
        case RetypeEvent():
            return f"{_event_name(d, edit.event_id)} is now of type {edit.type}"
        case AdjustTrigger():
            return (
                f"moved the trigger of {_event_name(d, edit.event_id)} "
                f"to {_words(d, edit.new_span)}"
            )
        case AddArgument() | RemoveArgument():
            taking = (
                _entity_name(d, edit.entity_id)
                if edit.entity_id is not None
                else _event_name(d, edit.argument_event_id)
            )
            verb = "added" if isinstance(edit, AddArgument) else "removed"
            return f"{verb} {taking} as {edit.role} of {_event_name(d, edit.event_id)}"
        case SetEventDate():
            what = "removed the date of" if edit.value is None else f"dated {edit.value}:"
            return f"{what} {_event_name(d, edit.event_id)}"
        case SetRealis():
            return f"{_event_name(d, edit.event_id)} is now {edit.realis}"
        case SetSameAs():
            if edit.other_id is None:
                return f"{_event_name(d, edit.event_id)} is no longer the same as another event"
            return f"{_event_name(d, edit.event_id)} is the same as {_event_name(d, edit.other_id)}"
        case SetSummary():
            return f"changed the summary of {_event_name(d, edit.event_id)}"
        case SetNote():
            return f"changed the note of {_event_name(d, edit.event_id)}"
        case NewRelation() | DeleteRelation():
            verb = "related" if isinstance(edit, NewRelation) else "unrelated"
            return (
                f"{verb} {_end_name(d, edit.from_id, edit.from_event)} {edit.type} "
                f"{_end_name(d, edit.to_id, edit.to_event)}"
            )
        case SetAttribute():
            if edit.target == "relation":
                owner = "a relation"
            elif edit.target in ("event",):
                owner = _event_name(d, edit.target_id)
            elif edit.target == "mention":
                owner = f"the mention {_words(d, edit.span)} of {_entity_name(d, edit.target_id)}"
            else:
                owner = _entity_name(d, edit.target_id)
            if edit.value is None:
                return f"removed {edit.name} from {owner}"
            return f"set {edit.name} to {shorten(edit.value, 30)} on {owner}"
    return edit.kind.replace("_", " ")  # pragma: no cover - every kind is matched above
