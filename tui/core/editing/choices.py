"""What the type picker and the role picker offer, in which order, and which is chosen.

An annotator mostly reuses the few types of the document in hand, so those come first
(declared in the file or already in use), then gloss's built-in ones; the type used
last is preselected so that repeating it is one key. Typing narrows the list by fuzzy
match on the code and the label. When what is typed is a valid code that no type has,
declaring it is offered, so a new type never needs the YAML.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from tui.core.document.model import Document, TypeInfo
from tui.core.loading.checking import ENTITY_TYPE, EVENT_TYPE, ROLE
from tui.core.text.fuzzy import best_score

Kind = Literal["entity", "event"]
Group = Literal["document", "built-in", "other", "new"]


@dataclass(frozen=True, slots=True)
class Choice:
    """One line of a picker."""

    code: str
    label: str
    group: Group
    """``document``: declared in the file or in use (a role: used with this event
    type); ``built-in``; ``other``: a role used with other event types; ``new``."""

    @property
    def is_new(self) -> bool:
        return self.group == "new"


@dataclass(frozen=True, slots=True)
class Choices:
    """A picker's lines in order, and the one the cursor starts on (None when empty)."""

    choices: tuple[Choice, ...]
    selected: int | None


def types_in_use(document: Document, kind: Kind) -> Counter[str]:
    """How many entities (or events) of the document have each type."""
    items = document.entities if kind == "entity" else document.events
    return Counter(item.type for item in items)


def new_type_code(query: str, kind: Kind) -> str | None:
    """The code ``query`` would declare, or None when it cannot be one: an entity code
    is upper-cased when that makes it valid (``drug`` → ``DRUG``), an event code gets
    capitals at the start of each part (``contact.visit`` → ``Contact.Visit``)."""
    typed = query.strip()
    if kind == "entity":
        pattern = ENTITY_TYPE
        candidates = (typed, typed.upper())
    else:
        pattern = EVENT_TYPE
        capitalised = ".".join(part[:1].upper() + part[1:] for part in typed.split("."))
        candidates = (typed, capitalised)
    return next((code for code in candidates if code and pattern.fullmatch(code)), None)


def type_choices(
    query: str,
    types: Mapping[str, TypeInfo],
    kind: Kind,
    *,
    in_use: Mapping[str, int] | Iterable[str] = (),
    last_used: str | None = None,
) -> Choices:
    """The type picker for ``query`` over the document's ``types`` (``entity_types`` or
    ``event_types``: built-ins and declared ones).

    The document's types (declared, or counted in ``in_use``) come first, the most used
    first; then the built-in ones in gloss's order. A query keeps the types whose code
    or label it fuzzily matches, best first within each group (a code typed exactly
    comes first of all). ``selected`` is ``last_used`` when nothing is typed and it is
    offered, else the first line.
    """
    counts = Counter(in_use) if not isinstance(in_use, Mapping) else Counter(dict(in_use))
    order = {code: place for place, code in enumerate(types)}
    typed = query.strip()
    ranked: list[tuple[tuple[float, ...], Choice]] = []
    for code, info in types.items():
        ours = info.declared or counts.get(code, 0) > 0
        score = best_score(typed, [code, info.label]) if typed else 0.0
        if score is None:
            continue
        exact = 1.0 if typed and code.lower() == typed.lower() else 0.0
        key = (-exact, 0.0 if ours else 1.0, -score, -counts.get(code, 0), order[code])
        ranked.append((key, Choice(code, info.label, "document" if ours else "built-in")))
    ranked.sort(key=lambda pair: pair[0])
    lines = [choice for _, choice in ranked]
    new_code = new_type_code(typed, kind) if typed else None
    if new_code is not None and not _exists(new_code, types):
        lines.append(Choice(new_code, f"declare new type {new_code}", "new"))
    return Choices(tuple(lines), _selected(lines, None if typed else last_used))


def _exists(code: str, types: Mapping[str, TypeInfo]) -> bool:
    folded = code.casefold()
    return any(existing.casefold() == folded for existing in types)


def _selected(lines: list[Choice], preferred: str | None) -> int | None:
    if not lines:
        return None
    for place, choice in enumerate(lines):
        if choice.code == preferred:
            return place
    return 0


def roles_in_use(document: Document) -> dict[str, Counter[str]]:
    """For each event type, how often each role is given an argument in the document."""
    found: dict[str, Counter[str]] = {}
    for event in document.events:
        roles = found.setdefault(event.type, Counter())
        roles.update(argument.role for argument in event.arguments)
        roles.update(argument.role for argument in event.event_arguments)
    return found


def role_choices(
    query: str,
    event_type: str,
    used: Mapping[str, Counter[str]],
    *,
    last_used: str | None = None,
) -> Choices:
    """The role picker for an argument of an event of ``event_type``: the roles
    already given to events of that type first (the most used first), then those of
    other types; a valid role that none has is offered as new (``used`` is
    :func:`roles_in_use` of the document)."""
    here = used.get(event_type, Counter())
    elsewhere: Counter[str] = Counter()
    for other_type, roles in used.items():
        if other_type != event_type:
            elsewhere.update(roles)
    typed = query.strip()
    ranked: list[tuple[tuple[float, ...], Choice]] = []
    for role in sorted(set(here) | set(elsewhere)):
        score = best_score(typed, [role]) if typed else 0.0
        if score is None:
            continue
        ours = role in here
        exact = 1.0 if typed and role.lower() == typed.lower() else 0.0
        count = here[role] if ours else elsewhere[role]
        key = (-exact, 0.0 if ours else 1.0, -score, -count)
        ranked.append((key, Choice(role, role, "document" if ours else "other")))
    ranked.sort(key=lambda pair: pair[0])
    lines = [choice for _, choice in ranked]
    if typed and ROLE.fullmatch(typed) and not any(c.code.lower() == typed.lower() for c in lines):
        lines.append(Choice(typed, f"new role {typed}", "new"))
    return Choices(tuple(lines), _selected(lines, None if typed else last_used))
