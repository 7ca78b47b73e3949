"""``type:`` and ``event:`` read against the types a corpus has: one rule for both.

A value takes every type of its kind that starts with it, case and separators aside
(``type:human_part`` takes ``HUMAN_PART_PER`` and ``HUMAN_PART_ORG``;
``event:action_occ`` takes ``ACTION.OCCURRENCE``), or whose short form it is
(``type:PER`` takes ``HUMAN_PART_PER``). A value that names no type is said, with the
nearest types of the corpus; after ``event:`` it is then looked for in the events'
triggers (``event:escape`` finds the events whose trigger is *escape*, *escaped*…).

The plan given to the matcher names the corpus's types in full, so the two indexes
and the matcher keep comparing types exactly.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tui.core.corpus.query import QueryPlan, Term, words_of
from tui.core.text.fitting import distinct_suffixes

NEAREST_SHOWN = 5
"""Types named after an unknown one (the nearest first)."""

_SEPARATORS = re.compile(r"[\s_.\-]+")


def folded_type(name: str) -> str:
    """A type name as ``type:`` and ``event:`` compare it: lower case, ``_ . -`` alike."""
    return _SEPARATORS.sub("_", name.strip().lower())


@dataclass(frozen=True, slots=True)
class Resolution:
    """A plan with its types named in full, and what was said about its values."""

    plan: QueryPlan
    notes: tuple[str, ...] = ()
    """One line per value that named no type (``no event type 'escape'; …``)."""
    hopeless: bool = False
    """No hit is possible (every ``type:`` value named no type)."""


def types_taken(
    value: str, types: Sequence[str], shorts: Mapping[str, str] | None = None
) -> list[str]:
    """The types ``value`` takes: those starting with it, or whose short form it is
    (``shorts``: :func:`distinct_suffixes` of ``types``, when known)."""
    wanted = folded_type(value)
    if not wanted:
        return []
    shorts = distinct_suffixes(types) if shorts is None else shorts
    return [
        name
        for name in types
        if folded_type(name).startswith(wanted) or folded_type(shorts[name]) == wanted
    ]


def nearest_types(value: str, types: Iterable[str], shown: int = NEAREST_SHOWN) -> str:
    """The corpus's types, the nearest to ``value`` first, as one short list."""
    pool = sorted(set(types))
    if not pool:
        return "none"
    wanted = folded_type(value)
    ranked = sorted(
        pool,
        key=lambda name: (-difflib.SequenceMatcher(None, wanted, folded_type(name)).ratio(), name),
    )
    listed = ", ".join(ranked[:shown])
    return listed + (", …" if len(ranked) > shown else "")


def resolve_types(
    plan: QueryPlan, entity_types: Iterable[str], event_types: Iterable[str]
) -> Resolution:
    """``plan`` with its ``type:`` and ``event:`` values read against the corpus's types
    (see the module documentation)."""
    if not plan.types and not plan.event_types:
        return Resolution(plan)
    entity_pool = sorted(set(entity_types))
    event_pool = sorted(set(event_types))
    entity_shorts = distinct_suffixes(entity_pool)
    event_shorts = distinct_suffixes(event_pool)
    notes: list[str] = []
    types: dict[str, None] = {}
    for value in plan.types:
        taken = types_taken(value, entity_pool, entity_shorts)
        if not taken:
            notes.append(
                f"no entity type '{value}'; entity types here: {nearest_types(value, entity_pool)}"
            )
        types.update(dict.fromkeys(taken))
    kinds: dict[str, None] = {}
    triggers: dict[Term, None] = dict.fromkeys(plan.triggers)
    for value in plan.event_types:
        taken = types_taken(value, event_pool, event_shorts)
        if taken:
            kinds.update(dict.fromkeys(taken))
            continue
        words = tuple(words_of(value))
        notes.append(
            f"no event type '{value}', so event triggers were searched for it;"
            f" event types here: {nearest_types(value, event_pool)}"
        )
        if words:
            triggers.setdefault(Term(words, prefix=True))
    hopeless = bool(plan.types) and not types
    if plan.event_types and not kinds and not triggers:
        hopeless = True
    resolved = dataclasses.replace(
        plan, types=tuple(types), event_types=tuple(kinds), triggers=tuple(triggers)
    )
    return Resolution(resolved, tuple(notes), hopeless)
