"""Search in the index: the SQL that narrows the candidate files, and the hits collected."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui.core.corpus.matching import Hit, is_link_value, rank
from tui.core.corpus.query import QueryPlan, fts_expression
from tui.core.corpus.records import SEARCHED_KINDS
from tui.core.corpus.type_filters import resolve_types

PAGE = 256
"""Candidate files fetched at a time while a search reads articles."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits of a query (ranked), and whether more were left out."""

    hits: tuple[Hit, ...]
    documents: int
    truncated: bool
    notes: tuple[str, ...] = ()
    """What the query's ``type:`` and ``event:`` values were taken as, where they named
    no type of the corpus (one line each)."""


def candidate_query(plan: QueryPlan, prefix: str) -> tuple[str, dict[str, object]] | None:
    """Files that may hold hits (a superset), in library order (date, then path).

    The database walks its date index and yields files page by page, so a search
    that finds enough hits early never touches the rest of a large corpus. The
    statement has one shape for any number of terms or filters: their values go in
    as JSON lists, read by ``json_each``, so no query makes an expression too large
    for SQLite.
    """
    # Bare texts too: their words are searched (they have no entities or events).
    kinds = {f"kind{number}": kind for number, kind in enumerate(SEARCHED_KINDS)}
    clauses = [f"kind IN ({', '.join(':' + name for name in kinds)})"]
    values: dict[str, object] = dict(kinds)
    expression = fts_expression(plan)
    if expression is not None:
        clauses.append("id IN (SELECT rowid FROM texts WHERE texts MATCH :match)")
        values["match"] = expression
    if plan.entity_filtered:
        clauses.append(f"id IN ({_entity_files(plan, values)})")
    if plan.event_filtered:
        clauses.append(f"id IN ({_event_files(plan, values)})")
        if len(plan.triggers) == 1 and not plan.event_types:
            # A trigger's word is a word of the text: only files holding it.
            clauses.append("id IN (SELECT rowid FROM texts WHERE texts MATCH :trigger)")
            values["trigger"] = fts_expression(QueryPlan(terms=plan.triggers))
    if len(clauses) == 1:
        return None  # nothing but the kinds: no question the index can narrow
    # doc: and date: narrow the files here, so no record is read only to be dropped
    # (the matcher checks them again on each record).
    if plan.has_date:
        clauses.append("date_first IS NOT NULL")
        if plan.date_first is not None:
            clauses.append("date_last >= :date_first")
            values["date_first"] = plan.date_first.isoformat()
        if plan.date_last is not None:
            clauses.append("date_first <= :date_last")
            values["date_last"] = plan.date_last.isoformat()
    if plan.docs:
        # As the matcher does: the folded id, title and path as shown (content/a.yaml).
        # SQLite's lower() folds ASCII needles' letters as Python does (U+0130 and
        # U+212A aside) at C speed; Python folds for the others.
        haystack = "files.doc_id || char(10) || files.title || char(10) || :prefix || files.path"
        needles = list(dict.fromkeys(needle.lower() for needle in plan.docs))
        tests = []
        for key, group, fold in (
            ("docs", [n for n in needles if n.isascii()], "lower"),
            ("docs_other", [n for n in needles if not n.isascii()], "gloss_fold"),
        ):
            if group:
                values[key] = json.dumps(group)
                tests.append(
                    f"EXISTS (SELECT 1 FROM json_each(:{key})"
                    f" WHERE instr({fold}({haystack}), value))"
                )
        clauses.append("(" + " OR ".join(tests) + ")")
        values["prefix"] = prefix
    sql = (
        "SELECT id FROM files WHERE "
        + " AND ".join(clauses)
        + " ORDER BY coalesce(date_first, '9999'), path LIMIT :limit OFFSET :offset"
    )
    return sql, values


def search_with_types(
    plan: QueryPlan,
    known_types: Callable[[], tuple[list[str], list[str]]],
    run: Callable[[QueryPlan], SearchResult],
) -> SearchResult:
    """``run`` on ``plan`` with its ``type:`` and ``event:`` values read against the
    corpus's types (``known_types``: entity types, event types), as both indexes search;
    the notes about values that named no type go with the result."""
    if not plan.types and not plan.event_types:
        return run(plan)
    resolution = resolve_types(plan, *known_types())
    if resolution.hopeless:
        return SearchResult((), 0, False, resolution.notes)
    return dataclasses.replace(run(resolution.plan), notes=resolution.notes)


def collect_hits(
    file_ids: Iterable[int],
    hits_of: Callable[[int], list[Hit]],
    *,
    limit: int | None,
    documents_limit: int | None,
) -> SearchResult:
    """The hits of the files, ranked: each file's from ``hits_of``, until enough were found.

    ``limit`` stops once this many hits are found (None: find them all);
    ``documents_limit`` once this many files had hits (a first page).
    """
    hits: list[Hit] = []
    documents = 0
    truncated = False
    for file_id in file_ids:
        found = hits_of(file_id)
        if found:
            documents += 1
            hits.extend(found)
        if (limit is not None and len(hits) >= limit) or (
            documents_limit is not None and documents >= documents_limit
        ):
            truncated = True
            break
    ranked = rank(hits)
    if limit is not None and len(ranked) > limit:
        ranked = ranked[:limit]
    return SearchResult(tuple(ranked), documents, truncated)


def _entity_files(plan: QueryPlan, values: dict[str, object]) -> str:
    clauses: list[str] = []
    if plan.types:
        clauses.append(_folded_match("type", plan.types, "types", values))
    if plan.entities:
        names = [
            _folded_match(column, plan.entities, "names", values)
            for column in ("name", "entity_id", "alias.value")
        ]
        linked = ""
        if any(is_link_value(name) for name in plan.entities):
            # entity:@KEY:VALUE: the entities holding that link, whatever their name.
            link = _folded_match(
                "('@' || l.key || ':' || trim(l.value))", plan.entities, "links", values
            )
            linked = (
                " OR EXISTS (SELECT 1 FROM links l WHERE l.file_id = entities.file_id"
                f" AND l.owner_kind = 'entity' AND l.owner_id = entities.entity_id AND {link})"
            )
        clauses.append(
            f"({names[0]} OR {names[1]} OR (aliases <> '[]' AND EXISTS"
            f" (SELECT 1 FROM json_each(entities.aliases) AS alias WHERE {names[2]})){linked})"
        )
    return "SELECT file_id FROM entities WHERE " + " AND ".join(clauses)


def _event_files(plan: QueryPlan, values: dict[str, object]) -> str:
    clauses: list[str] = []
    # Triggers are alternatives to the types, and not in this table: any event may do.
    if plan.event_types and not plan.triggers:
        clauses.append(_folded_match("events.type", plan.event_types, "kinds", values, prefix=True))
    if plan.realis:
        clauses.append(_folded_match("realis", plan.realis, "realis", values))
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    return "SELECT file_id FROM events" + where


def _folded_match(
    column: str,
    wanted: tuple[str, ...],
    name: str,
    values: dict[str, object],
    *,
    prefix: bool = False,
) -> str:
    """SQL: ``column``, case-folded as the matcher folds it (Python's ``str.lower``), is
    one of ``wanted`` (with ``prefix``: or starts with one and a dot, as event types).

    The values go in as JSON lists (``:name``), so the SQL has one size for any number
    of them. ASCII values are compared by SQLite's ``NOCASE`` (at C speed, with the
    column's index): for ASCII text it folds as Python does (U+212A KELVIN SIGN,
    which Python folds to ``k``, is the one letter it misses). Only values with other
    letters have Python fold every row.
    """
    folded = list(dict.fromkeys(value.lower() for value in wanted))
    groups = (
        ("", [w for w in folded if w.isascii()], column, " COLLATE NOCASE"),
        ("_other", [w for w in folded if not w.isascii()], f"gloss_fold({column})", ""),
    )
    tests = []
    for suffix, group, expression, collation in groups:
        if not group:
            continue
        key = name + suffix
        values[key] = json.dumps(group)
        tests.append(f"{expression}{collation} IN (SELECT value FROM json_each(:{key}))")
        if prefix:
            tests.append(
                f"EXISTS (SELECT 1 FROM json_each(:{key}) WHERE"
                f" substr({expression}, 1, length(value) + 1){collation} = value || '.')"
            )
    return "(" + " OR ".join(tests) + ")"
