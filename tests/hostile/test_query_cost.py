"""A few kilobytes of query must not make a search cost without bound.

On a corpus of 3,000 articles, ``alice`` typed 500 times (3 KB) once took 62 s, 1,000
times over two minutes; ``a* `` 30,000 times took over two minutes and 2 GB, a 105 KB
phrase 33 s and 732 MB; 600 ``entity:`` filters or 10,000 ``doc:`` filters ended in
SQLite's "Expression tree is too large", as a traceback. Now a term or filter given
twice counts once, a query past a cap is refused with a message naming the cap, and an
accepted query costs near-linear work in the corpus's size times the query's.

Each measured case is asserted exactly (the hits of the query said once, or the
message). No test asserts a wall-clock time: the cost tests time a query of size Q
against one of 4Q (or a corpus of N articles against 4N) in CPU time, best of three.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.corpus.helpers import write_doc
from tests.support.corpora import make_corpus
from tests.support.cost import assert_near_linear
from tests.support.pilot import library_indexed
from tui.app.library_app import make_library_app
from tui.app.screens.search import SearchScreen
from tui.cli.main import main
from tui.core.corpus.discovery import discover_folder
from tui.core.corpus.index import CorpusIndex, iter_records
from tui.core.corpus.matching import find_hits, rank
from tui.core.corpus.query import (
    MAX_FILTERS,
    MAX_PHRASE_WORDS,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    QueryError,
    QueryPlan,
    Term,
    parse_query,
)

QUADRUPLING_LIMIT = 6.0
"""Four times the query (or the corpus) may cost at most six times as much: linear is 4,
quadratic 16."""

TOO_LONG = "at most 10,000 characters per query"


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


def plan(query: str) -> QueryPlan:
    parsed = parse_query(query)
    assert isinstance(parsed, QueryPlan), parsed
    return parsed


def alice_corpus(folder: Path) -> Path:
    write_doc(
        folder,
        "a",
        "Alice met Bob in Rabat. Later alice left.",
        [("alice", "PER", [(0, 5)]), ("rabat", "GPE", [(17, 22)])],
    )
    write_doc(folder, "b", "Bob stayed in Rabat with Alice.", [("alice", "PER", [(25, 30)])])
    write_doc(folder, "c", "Nobody here at all.", [], date="2021-01-01")
    return folder


def search(folder: Path, query: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["search", str(folder), query])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def refusal(query: str, message: str, shown: str, caret: int) -> str:
    """What ``gloss search`` prints on stderr for a refused query."""
    return f"gloss: bad query: {message}\n  {shown}\n  {' ' * caret}^\n"


# -- the measured cases -------------------------------------------------------------------


@pytest.mark.parametrize("times", [500, 1000])
def test_a_word_said_hundreds_of_times_is_the_word_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], times: int
) -> None:
    folder = alice_corpus(tmp_path / "c")
    query = "alice " * times  # 3 KB and 6 KB
    assert plan(query) == plan("alice")
    once = search(folder, "alice", capsys)
    # Three hits on two lines: a line with two hits is printed once, as grep does.
    assert once[0] == 0 and len(once[1].splitlines()) == 2 and once[2] == ""
    assert search(folder, query, capsys) == once


def test_controls_in_a_refused_query_are_placeholders_in_the_message_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The message quoted the query as it was (only the echoed line had placeholders), so
    an ESC or BEL in a query reached the terminal."""
    expected = refusal(
        "\x1b\x07", "'\u241b\u2407' has no letters or digits to look for", "\u241b\u2407", 0
    )
    assert search(alice_corpus(tmp_path / "c"), "\x1b\x07", capsys) == (2, "", expected)


def test_a_prefix_said_30000_times_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = "a* " * 30_000  # 90 KB
    assert parse_query(query) == QueryError(TOO_LONG, MAX_QUERY_CHARS)
    # Only the part around the cap is echoed, not 90 KB.
    expected = refusal(query, TOO_LONG, f"…{query[9962:10038]}…", 39)
    assert search(alice_corpus(tmp_path / "c"), query, capsys) == (2, "", expected)


def test_a_prefix_said_3000_times_is_the_prefix_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = alice_corpus(tmp_path / "c")
    assert plan("a* " * 3000) == plan("a*")  # 9 KB
    once = search(folder, "a*", capsys)
    # Alice, alice, Alice, at, all: on three lines
    assert once[0] == 0 and len(once[1].splitlines()) == 3
    assert search(folder, "a* " * 3000, capsys) == once


def test_a_105_kb_phrase_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = '"' + "alice " * 17_500 + '"'
    assert len(query) == 105_002
    assert parse_query(query) == QueryError(TOO_LONG, MAX_QUERY_CHARS)
    expected = refusal(query, TOO_LONG, f"…{query[9962:10038]}…", 39)
    assert search(alice_corpus(tmp_path / "c"), query, capsys) == (2, "", expected)


def test_a_phrase_of_more_than_100_words_is_refused() -> None:
    words = " ".join(f"w{i}" for i in range(MAX_PHRASE_WORDS + 1))
    assert parse_query(f'alice "{words}"') == QueryError("at most 100 words per phrase", 6)
    # Punctuation makes a phrase of a plain word too (U.S. is "u s").
    assert parse_query(".".join(["u"] * 101)) == QueryError("at most 100 words per phrase", 0)
    assert len(plan(f'"{" ".join(words.split()[:-1])}"').terms[0].words) == 100


def test_more_than_100_different_terms_are_refused() -> None:
    terms = [f"w{i}" for i in range(MAX_TERMS)]
    assert len(plan(" ".join(terms)).terms) == 100
    query = " ".join([*terms, "alice"])
    expected = "at most 100 different words, phrases and prefixes per query"
    assert parse_query(query) == QueryError(expected, query.index("alice"))
    # Said again, a term is not a new one: w1 and "w1" are one, w1* another.
    assert plan(" ".join(terms) + ' "w1" W1').terms == plan(" ".join(terms)).terms
    assert len(plan('w1 "w1" W1 w1*').terms) == 2


def test_600_entity_filters_are_refused_and_600_times_one_is_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = alice_corpus(tmp_path / "c")
    query = " ".join(f"entity:name{i}" for i in range(600))  # 7 KB
    column = query.index("entity:name100 ")
    assert parse_query(query) == QueryError("at most 100 different filters per query", column)
    code, out, err = search(folder, query, capsys)
    assert (code, out) == (2, "")
    assert err == refusal(
        query,
        "at most 100 different filters per query",
        f"…{query[column - 38 : column + 38]}…",
        39,
    )
    repeated = " ".join(["entity:Alice", "entity:ALICE", "entity:alice"] * 200)  # 7.8 KB
    assert plan(repeated).entities == ("Alice",)
    once = search(folder, "entity:alice", capsys)
    assert once[0] == 0 and len(once[1].splitlines()) == 2
    assert search(folder, repeated, capsys) == once


def test_10000_doc_filters_are_refused_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = alice_corpus(tmp_path / "c")
    for query in (
        "alice " + " ".join(f"doc:d{i}" for i in range(10_000)),
        "alice " + "doc:a " * 10_000,
    ):
        code, out, err = search(folder, query, capsys)
        assert (code, out) == (2, "")
        assert err == refusal(query, TOO_LONG, f"…{query[9962:10038]}…", 39)
    assert plan("alice " + "doc:A doc:a " * 800).docs == ("A",)  # 9.6 KB, accepted


def test_filters_of_every_kind_count_once() -> None:
    parsed = plan(
        "type:PER type:per entity:Rabat entity:RABAT event:Contact event:contact"
        " realis:actual realis:Actual date:2021 date:2021 doc:x doc:X"
    )
    assert (parsed.types, parsed.entities, parsed.event_types, parsed.realis, parsed.docs) == (
        ("PER",),
        ("Rabat",),
        ("Contact",),
        ("actual",),
        ("x",),
    )
    assert parse_query("x date:2021 date:2022") == QueryError("only one date: filter per query", 12)
    query = " ".join(f"type:T{i}" for i in range(MAX_FILTERS)) + " date:2021"
    assert parse_query(query) == QueryError(
        "at most 100 different filters per query", query.index("date:")
    )


def test_plans_past_the_caps_get_the_answer_of_a_direct_scan(tmp_path: Path) -> None:
    """The SQL has one size for any number of terms and filters: even plans no query
    can spell (the caps refuse them) never make SQLite fail."""
    source = discover_folder(str(alice_corpus(tmp_path / "c")))
    alice = (Term(("alice",)),)
    plans = [
        QueryPlan(terms=alice, entities=(*(f"name{i}" for i in range(600)), "Alice")),
        QueryPlan(terms=alice, docs=(*(f"zz{i}" for i in range(10_000)), "b.yaml")),
        QueryPlan(terms=(*alice, *(Term((f"w{i}",), prefix=True) for i in range(3_000)))),
        QueryPlan(terms=(Term(tuple(["alice"] * 20_000)),)),
        QueryPlan(types=(*(f"T{i}" for i in range(5_000)), "per"), realis=("actual",) * 3_000),
        QueryPlan(terms=alice, event_types=tuple(f"Kind{i}.Sub" for i in range(5_000))),
    ]
    index = CorpusIndex.open(source)
    try:
        index.refresh()
        records = list(iter_records(source))
        for case in plans:
            expected = rank(hit for record in records for hit in find_hits(record, case))
            assert list(index.search(case, limit=None).hits) == expected
        assert [h.match for h in index.search(plans[0], limit=None).hits] == ["Alice", "Alice"]
        assert [h.doc_id for h in index.search(plans[1], limit=None).hits] == ["b"]
    finally:
        index.close()


# -- near-linear cost ---------------------------------------------------------------------

WORDS = 400
"""Words w0 … w399: every article holds each of them three times, in its own order."""


def word_corpus(folder: Path, articles: int) -> CorpusIndex:
    """``articles`` articles of the words w0 … w399, each word an entity at its first place."""
    for number in range(articles):
        words = [f"w{i}" for i in range(WORDS)] * 3
        random.Random(number).shuffle(words)
        text = " ".join(words) + "."
        starts: dict[str, int] = {}
        offset = 0
        for word in words:
            starts.setdefault(word, offset)
            offset += len(word) + 1
        entities = [
            (
                f"w{i}",
                "PER" if i % 2 else "GPE",
                [(starts[f"w{i}"], starts[f"w{i}"] + len(f"w{i}"))],
            )
            for i in range(200)
        ]
        write_doc(folder, f"doc{number}", text, entities)
    index = CorpusIndex.open(discover_folder(str(folder)))
    index.refresh()
    return index


def timed_search(
    tmp_path: Path, query_of: Callable[[int], str], hits_of: Callable[[int], int], articles: int = 8
) -> Callable[[int], Callable[[], object]]:
    """``make(size)`` for :func:`assert_near_linear`: the query of that size on one corpus."""
    index = word_corpus(tmp_path / "corpus", articles)

    def make(size: int) -> Callable[[], object]:
        query = plan(query_of(size))

        def work() -> object:
            result = index.search(query, limit=None)
            assert len(result.hits) == hits_of(size)
            return result

        return work

    return make


def test_many_different_words_cost_near_linear(tmp_path: Path) -> None:
    make = timed_search(
        tmp_path, lambda q: " ".join(f"w{i}" for i in range(q)), lambda q: 3 * q * 8
    )
    assert_near_linear(make, 25, factor=4, limit=QUADRUPLING_LIMIT)


def test_one_word_said_many_times_costs_near_nothing_more(tmp_path: Path) -> None:
    make = timed_search(tmp_path, lambda q: "w7 " * q, lambda q: 3 * 8)
    assert_near_linear(make, 800, factor=4, limit=QUADRUPLING_LIMIT)


def test_many_prefixes_cost_near_linear(tmp_path: Path) -> None:
    def hits(q: int) -> int:
        prefixes = [f"w{i + 10}" for i in range(q)]
        words = [f"w{i}" for i in range(WORDS)]
        return 3 * 8 * sum(any(w.startswith(p) for p in prefixes) for w in words)

    make = timed_search(tmp_path, lambda q: " ".join(f"w{i + 10}*" for i in range(q)), hits)
    assert_near_linear(make, 22, factor=4, limit=QUADRUPLING_LIMIT)


def test_many_entity_filters_cost_near_linear(tmp_path: Path) -> None:
    make = timed_search(
        tmp_path, lambda q: " ".join(f"entity:W{i}" for i in range(q)), lambda q: q * 8
    )
    assert_near_linear(make, 25, factor=4, limit=QUADRUPLING_LIMIT)


def test_many_doc_filters_cost_near_linear(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    for number in range(100):
        write_doc(folder, f"doc{number}", "w1 w2 w3.", [])
    index = CorpusIndex.open(discover_folder(str(folder)))
    index.refresh()

    def make(size: int) -> Callable[[], object]:
        query = plan("w1 " + " ".join(f"doc:doc{i}.yaml" for i in range(size)))

        def work() -> object:
            result = index.search(query, limit=None)
            assert len(result.hits) == size
            return result

        return work

    assert_near_linear(make, 25, factor=4, limit=QUADRUPLING_LIMIT)


def test_a_long_phrase_costs_near_linear(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    run = " ".join(f"w{i}" for i in range(MAX_PHRASE_WORDS))
    for number in range(8):
        write_doc(folder, f"doc{number}", f"{run}. " * 40, [])
    index = CorpusIndex.open(discover_folder(str(folder)))
    index.refresh()

    def make(size: int) -> Callable[[], object]:
        query = plan('"' + " ".join(f"w{i}" for i in range(size)) + '"')

        def work() -> object:
            result = index.search(query, limit=None)
            assert len(result.hits) == 40 * 8
            return result

        return work

    assert_near_linear(make, 25, factor=4, limit=QUADRUPLING_LIMIT)


def test_a_full_query_costs_near_linear_in_the_corpus(tmp_path: Path) -> None:
    query = plan(" ".join(f"w{i}" for i in range(MAX_TERMS)))

    def make(articles: int) -> Callable[[], object]:
        index = word_corpus(tmp_path / str(articles), articles)

        def work() -> object:
            result = index.search(query, limit=None)
            assert len(result.hits) == 3 * MAX_TERMS * articles
            return result

        return work

    assert_near_linear(make, 3, factor=4, limit=QUADRUPLING_LIMIT)


def test_parsing_costs_near_linear_in_the_query() -> None:
    def make(size: int) -> Callable[[], object]:
        query = ('w1 "a b" c* entity:x type:PER doc:y ' * (size // 36))[:size]
        return lambda: [plan(query) for _ in range(20)]

    assert_near_linear(make, 2_500, factor=4, limit=QUADRUPLING_LIMIT)


# -- the search box -----------------------------------------------------------------------


async def test_the_search_box_refuses_a_huge_query_and_stays_usable(tmp_path: Path) -> None:
    app = make_library_app([str(make_corpus(tmp_path / "corpus"))])
    async with app.run_test(size=(120, 30)) as pilot:
        await library_indexed(pilot)
        await pilot.press("slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        box = search.query_one("#query", Input)
        message = search.query_one("#query-message", Static)
        box.value = "a* " * 30_000
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        assert message.has_class("-error")
        assert str(message.render()) == f"{TOO_LONG} (at column 10001)"
        assert search.result is None  # nothing was searched
        box.value = "rabat " * 1000  # 6 KB: the word once
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert search.result is not None and search.result.hits
        assert {hit.match for hit in search.result.hits} == {"Rabat"}
        assert not message.has_class("-error")
        count = len(search.result.hits)
        assert str(message.render()).startswith(f"{count} hit")
