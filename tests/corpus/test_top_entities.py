"""Statistics' top entities rank names first: an entity called by a proper name ranks
above pronouns, time words and common nouns (on ECB+ topic 1 as imported, CC BY 3.0)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.corpus.backend import open_store
from tui.core.corpus.stats import TopEntity, corpus_statistics, looks_like_name, rank_names_first
from tui.core.corpus.targets import source_of

TOPIC = Path(__file__).resolve().parents[2] / "examples" / "ecbplus-topic1"


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("Tara Reid", True),
        ("the Promises center", True),
        ("US", True),
        ("Reid's", True),
        ("he", False),
        ("He", False),
        ("people", False),
        ("Wednesday", False),
        ("Today", False),
        ("$20 million", False),
        ("the 90-day stay", False),
        ("", False),
    ],
)
def test_what_reads_as_a_name(name: str, named: bool) -> None:
    assert looks_like_name(name) is named


def test_names_rank_first_and_the_rest_fill_in() -> None:
    rows = [
        TopEntity("today", "TIME", 9, 9),
        TopEntity("he", "PER", 8, 30),
        TopEntity("Tara Reid", "PER", 5, 20),
        TopEntity("Wednesday", "TIME", 4, 4),
        TopEntity("TMZ", "ORG", 2, 2),
    ]
    assert [e.name for e in rank_names_first(rows, 3)] == ["Tara Reid", "TMZ", "today"]
    assert [e.name for e in rank_names_first(rows, 9)] == [
        "Tara Reid",
        "TMZ",
        "today",
        "he",
        "Wednesday",
    ]


def test_ecbplus_top_entities_are_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = source_of([str(TOPIC)], walk=False)
    assert not isinstance(source, str)
    index = open_store(source)
    try:
        index.refresh(lambda *_: None)
        top = corpus_statistics(index).top_entities
    finally:
        index.close()
    names = [entity.name for entity in top]
    assert names[:3] == ["Lindsay Lohan", "Tara Reid", "Promises Treatment Center"]
    assert all(looks_like_name(name) for name in names)
    assert not {"judge", "rep", "court", "90-day"} & set(names)
