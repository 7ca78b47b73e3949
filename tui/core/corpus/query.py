"""The search language, parsed to a plan; a bad query gives a message, never an exception.

    rabat                  a word (any case)
    "official visit"       a phrase: these words in a row
    sahar*                 a prefix
    type:GPE               inside mentions of entities of that type
    entity:Rabat           inside mentions of that entity (name, alias or id)
    event:Movement.Visit   events of that type (``event:Movement`` takes every Movement.*)
    realis:planned         events with that realis
    date:2021..2022-03     documents dated within (either end may be left open)
    doc:morocco            documents whose id, title or file name holds the text

Words, phrases and prefixes must all occur in a document for it to match; its hits are
every place any of them occurs. Filters of one kind are alternatives (``type:PER
type:ORG``), filters of different kinds all apply.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tui.core.dates import DateError, parse_date
from tui.core.model import REALIS_VALUES

FILTER_KEYS = ("type", "entity", "event", "realis", "date", "doc")

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

    @property
    def entity_filtered(self) -> bool:
        """Whether hits are limited to mentions of some entities."""
        return bool(self.types or self.entities)

    @property
    def event_filtered(self) -> bool:
        """Whether hits are limited to some events."""
        return bool(self.event_types or self.realis)


@dataclass(frozen=True, slots=True)
class QueryError:
    """Why a query cannot run, and where (0-based column in the query)."""

    message: str
    column: int = 0


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
    terms: list[Term] = []
    found: dict[str, list[str]] = {key: [] for key in FILTER_KEYS}
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
                if has_date:
                    return QueryError("only one date: filter per query", column)
                parsed = _date_range(value)
                if isinstance(parsed, str):
                    return QueryError(parsed, column)
                date_first, date_last = parsed
                has_date = True
                continue
            found[key].append(value.lower() if key == "realis" else value)
            continue
        raw = match["phrase"] if match["phrase"] is not None else match["word"]
        prefix = bool(match["pstar"]) or (match["word"] is not None and raw.endswith("*"))
        words = tuple(words_of(raw))
        if not words:
            if match["phrase"] is not None:
                return QueryError("an empty phrase finds nothing", column)
            return QueryError(f"'{raw}' has no letters or digits to look for", column)
        terms.append(Term(words, prefix))
    plan = QueryPlan(
        terms=tuple(terms),
        types=tuple(found["type"]),
        entities=tuple(found["entity"]),
        event_types=tuple(found["event"]),
        realis=tuple(found["realis"]),
        date_first=date_first,
        date_last=date_last,
        has_date=has_date,
        docs=tuple(found["doc"]),
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
