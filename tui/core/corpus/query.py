"""The search language, parsed to a plan; a bad query gives a message, never an exception.

    rabat                  a word (any case)
    "official visit"       a phrase: these words in a row
    sahar*                 a prefix
    type:GPE               inside mentions of entities of that type (or of a type it starts)
    entity:Rabat           inside mentions of that entity (name, alias or id)
    event:Movement.Visit   events of that type (``event:Movement`` takes every Movement.*);
                           a word that starts no event type is looked for in triggers
    realis:planned         events with that realis
    date:2021..2022-03     documents dated within (either end may be left open)
    doc:morocco            documents whose id, title or file name holds the text

Words, phrases and prefixes must all occur in a document for it to match; its hits are
every place any of them occurs. Filters of one kind are alternatives (``type:PER
type:ORG``), filters of different kinds all apply.

A term or filter given twice (in any case, where case does not matter) counts once. A
query is refused past :data:`MAX_QUERY_CHARS` characters, :data:`MAX_TERMS` different
terms, :data:`MAX_PHRASE_WORDS` words in a phrase or :data:`MAX_FILTERS` different
filters: a few kilobytes of query must not make a search cost without bound.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tui.core.document.dates import DateError, parse_date
from tui.core.document.model import REALIS_VALUES

FILTER_KEYS = ("type", "entity", "event", "realis", "date", "doc")

MAX_QUERY_CHARS = 10_000
"""Longest query read at all (a long paste is refused, not searched)."""
MAX_TERMS = 100
"""Most different words, phrases and prefixes in one query (each costs a pass of the index)."""
MAX_PHRASE_WORDS = 100
"""Most words in one phrase."""
MAX_FILTERS = 100
"""Most different filters (of every kind together) in one query."""

_WORD = re.compile(r"[^\W_]+")
"""What counts as a word: runs of letters and digits (as SQLite's unicode61 tokenizer)."""


def words_of(text: str) -> list[str]:
    """The words of ``text``, lower-cased."""
    return [word.lower() for word in _WORD.findall(text)]


@dataclass(frozen=True, slots=True)
class Term:
    """Words to find in a row (one word, or a phrase); ``prefix`` lets the last one go on."""

    words: tuple[str, ...]
    prefix: bool = False

    def label(self) -> str:
        """The term as the user would write it."""
        joined = " ".join(self.words)
        text = f'"{joined}"' if len(self.words) > 1 else joined
        return text + ("*" if self.prefix else "")


@dataclass(frozen=True, slots=True)
class QueryPlan:
    """A parsed query: what to find, and in which documents and annotations."""

    terms: tuple[Term, ...] = ()
    types: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    realis: tuple[str, ...] = ()
    date_first: dt.date | None = None
    date_last: dt.date | None = None
    has_date: bool = False
    docs: tuple[str, ...] = ()
    triggers: tuple[Term, ...] = ()
    """Words looked for in events' triggers (an ``event:`` value that names no type of
    the corpus; see :mod:`tui.core.corpus.type_filters`)."""

    @property
    def entity_filtered(self) -> bool:
        """Whether hits are limited to mentions of some entities."""
        return bool(self.types or self.entities)

    @property
    def event_filtered(self) -> bool:
        """Whether hits are limited to some events."""
        return bool(self.event_types or self.realis or self.triggers)


@dataclass(frozen=True, slots=True)
class QueryError:
    """Why a query cannot run, and where (0-based column in the query)."""

    message: str
    column: int = 0


SHOWN_QUERY_CHARS = 76
"""Most characters of a query echoed under a message about it (with ``…`` where cut)."""


def query_excerpt(query: str, column: int, width: int = SHOWN_QUERY_CHARS) -> tuple[str, int]:
    """The part of ``query`` around ``column`` to echo under a message, and where
    ``column`` falls in it: the whole query if short, else ``width`` characters with
    ``…`` where some were left out (a refused paste of 100 KB is not printed back)."""
    if len(query) <= width:
        return query, column
    start = max(0, min(column - width // 2, len(query) - width))
    shown = query[start : start + width]
    offset = column - start
    if start > 0:
        shown, offset = "…" + shown, offset + 1
    if start + width < len(query):
        shown += "…"
    return shown, offset


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<filter>(?P<key>[A-Za-z]+):(?:"(?P<qvalue>[^"]*)"|(?P<value>[^\s"]*)))
  | "(?P<phrase>[^"]*)"(?P<pstar>\*)?
  | (?P<word>[^\s"]+)
  | (?P<open>")
    """,
    re.VERBOSE,
)


def _date_range(value: str) -> tuple[dt.date | None, dt.date | None] | str:
    if ".." in value:
        low_text, _, high_text = value.partition("..")
    else:
        low_text = high_text = value
    try:
        low = parse_date(low_text).first if low_text else None
        high = parse_date(high_text).last if high_text else None
    except DateError as error:
        return str(error)
    if low is None and high is None:
        return "date: needs a date or a range such as 2021..2022-03"
    if low is not None and high is not None and high < low:
        return f"date:{value} ends before it starts"
    return low, high


def parse_query(query: str) -> QueryPlan | QueryError:
    """Parse a query; see the module documentation for the language."""
    if len(query) > MAX_QUERY_CHARS:
        return QueryError(f"at most {MAX_QUERY_CHARS:,} characters per query", MAX_QUERY_CHARS)
    # Dicts keep the first spelling of each term and filter, in order, and drop repeats.
    terms: dict[Term, None] = {}
    found: dict[str, dict[str, str]] = {key: {} for key in FILTER_KEYS}
    filters = 0
    date_first: dt.date | None = None
    date_last: dt.date | None = None
    has_date = False
    position = 0
    while position < len(query):
        match = _TOKEN.match(query, position)
        assert match is not None  # every character starts one of the alternatives
        position = match.end()
        column = match.start()
        if match["space"]:
            continue
        if match["open"]:
            return QueryError('a phrase is missing its closing quote (")', column)
        if match["filter"]:
            key = match["key"].lower()
            value = match["qvalue"] if match["qvalue"] is not None else match["value"]
            if key not in FILTER_KEYS:
                keys = ", ".join(f"{k}:" for k in FILTER_KEYS)
                return QueryError(f"unknown filter '{match['key']}:'; use {keys}", column)
            if not value.strip():
                return QueryError(f"{key}: needs a value, as in {_EXAMPLES[key]}", column)
            value = value.strip()
            if key == "realis" and value.lower() not in REALIS_VALUES:
                return QueryError(
                    f"realis:{value} is not one of {', '.join(REALIS_VALUES)}", column
                )
            if key == "date":
                parsed = _date_range(value)
                if isinstance(parsed, str):
                    return QueryError(parsed, column)
                if has_date:
                    if parsed == (date_first, date_last):
                        continue
                    return QueryError("only one date: filter per query", column)
                date_first, date_last = parsed
                has_date = True
            else:
                folded = value.lower()  # no filter tells case apart
                if folded in found[key]:
                    continue
                found[key][folded] = folded if key == "realis" else value
            filters += 1
            if filters > MAX_FILTERS:
                return QueryError(f"at most {MAX_FILTERS} different filters per query", column)
            continue
        raw = match["phrase"] if match["phrase"] is not None else match["word"]
        prefix = bool(match["pstar"]) or (match["word"] is not None and raw.endswith("*"))
        words = tuple(words_of(raw))
        if not words:
            if match["phrase"] is not None:
                return QueryError("an empty phrase finds nothing", column)
            return QueryError(f"'{raw}' has no letters or digits to look for", column)
        if len(words) > MAX_PHRASE_WORDS:
            return QueryError(f"at most {MAX_PHRASE_WORDS} words per phrase", column)
        terms.setdefault(Term(words, prefix))
        if len(terms) > MAX_TERMS:
            return QueryError(
                f"at most {MAX_TERMS} different words, phrases and prefixes per query", column
            )
    plan = QueryPlan(
        terms=tuple(terms),
        types=tuple(found["type"].values()),
        entities=tuple(found["entity"].values()),
        event_types=tuple(found["event"].values()),
        realis=tuple(found["realis"].values()),
        date_first=date_first,
        date_last=date_last,
        has_date=has_date,
        docs=tuple(found["doc"].values()),
    )
    if not plan.terms and not plan.entity_filtered and not plan.event_filtered:
        if plan.docs or plan.has_date:
            return QueryError(
                "add words or a type:, entity:, event: or realis: filter to find hits", 0
            )
        return QueryError("type words to find, or a filter such as type:GPE", 0)
    return plan


_EXAMPLES = {
    "type": "type:GPE",
    "entity": "entity:Rabat",
    "event": "event:Movement.Visit",
    "realis": "realis:planned",
    "date": "date:2021..2022-03",
    "doc": "doc:morocco",
}


def fts_expression(plan: QueryPlan) -> str | None:
    """The SQLite FTS5 MATCH expression for the plan's words (None: no words).

    Every word is quoted, so nothing the user types is read as FTS5 syntax.
    """
    parts: list[str] = []
    for term in plan.terms:
        phrase = " ".join(term.words)
        parts.append(f'"{phrase}"' + (" *" if term.prefix else ""))
    return " AND ".join(parts) if parts else None
