"""Corpus entities, their mentions, co-occurrence by sentence and event tellings, from the index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.corpora import write_corpus
from tui.cli.main import main
from tui.core.corpus.discovery import discover_folder
from tui.core.corpus.entities import (
    appearances,
    cooccurring,
    corpus_entities,
    count_corpus_entities,
    key_of_link,
    key_of_member,
    mentions_of,
    tellings,
)
from tui.core.corpus.identity import EVENT
from tui.core.corpus.index import CorpusIndex


@pytest.fixture
def index(tmp_path: Path) -> CorpusIndex:
    corpus = CorpusIndex.open(discover_folder(str(write_corpus(tmp_path / "c"))))
    corpus.refresh()
    return corpus


def test_links_join_entities_across_documents_and_keys(index: CorpusIndex) -> None:
    entities = corpus_entities(index)
    rabat = entities[0]
    assert (rabat.name, rabat.type, rabat.documents, rabat.mentions) == ("Rabat", "GPE", 3, 5)
    # a-visit and b-report share wikidata, b-report and c-later share geonames.
    assert rabat.links == (("geonames", "2538475"), ("wikidata", "Q1028"))
    assert (rabat.first_date, rabat.last_date) == ("2022-03-01", "2022-04-10")
    assert not rabat.guessed
    person = entities[1]
    assert (person.name, person.documents, person.mentions) == ("Nadia Laroui", 2, 3)
    # Unlinked entities stand alone, never silently merged by name.
    ports = [e for e in entities if e.type == "FAC"]
    assert len(ports) == 2 and not any(p.guessed for p in ports)
    assert count_corpus_entities(index) == 4


def test_guessing_joins_same_name_and_type_and_says_so(index: CorpusIndex) -> None:
    ports = [e for e in corpus_entities(index, guessed=True) if e.type == "FAC"]
    assert len(ports) == 1
    assert ports[0].guessed and ports[0].documents == 2


def test_filter_and_sort(index: CorpusIndex) -> None:
    assert [e.name for e in corpus_entities(index, contains="laroui")] == ["Nadia Laroui"]
    assert [e.name for e in corpus_entities(index, contains="Q1028")] == ["Rabat"]
    assert [e.type for e in corpus_entities(index, contains="fac")] == ["FAC", "FAC"]
    names = [e.name for e in corpus_entities(index, sort="name")]
    assert names == sorted(names, key=str.lower)
    assert len(corpus_entities(index, limit=2)) == 2
    assert corpus_entities(index, contains="100%_") == []


def test_mentions_grouped_by_document_with_context(index: CorpusIndex) -> None:
    key = key_of_link(index, "wikidata", "Q1")
    assert key is not None
    hits = mentions_of(index, key)
    assert [(h.doc_id, h.match) for h in hits] == [
        ("a-visit", "Nadia Laroui"),
        ("b-report", "Laroui"),
        ("b-report", "Laroui"),
    ]
    assert hits[1].line == 1 and hits[1].column == 11
    assert hits[0].owner == "Nadia Laroui (PER)"
    assert [a.doc_id for a in appearances(index, key)] == ["a-visit", "b-report"]
    assert len(mentions_of(index, key, limit=2)) == 2


def test_member_lookup(index: CorpusIndex) -> None:
    path = index.rows()[2].path
    assert key_of_member(index, path, "r") == key_of_link(index, "wikidata", "Q1028")
    assert key_of_member(index, path, "nobody") is None
    assert key_of_member(index, "elsewhere.yaml", "r") is None


def test_cooccurrence_is_counted_by_sentence(index: CorpusIndex) -> None:
    key = key_of_link(index, "wikidata", "Q1")
    assert key is not None
    together = {entity.name: shared for entity, shared in cooccurring(index, key)}
    # Sentence 1 of a-visit; sentences 1 and 3 of b-report. The port shares a document
    # with Laroui but never a sentence.
    assert together == {"Rabat": 3}


def test_event_tellings_side_by_side(index: CorpusIndex) -> None:
    events = corpus_entities(index, kind=EVENT)
    assert len(events) == 1
    told = tellings(index, events[0].key)
    assert [(t.doc_id, t.date_text, t.passage) for t in told] == [
        ("a-visit", "2022-03-01", "Nadia Laroui visited Rabat."),
        ("b-report", "2022-03-05", "Laroui left Rabat."),
    ]


def test_grouping_follows_changed_files(index: CorpusIndex, tmp_path: Path) -> None:
    before = corpus_entities(index)[0]
    path = tmp_path / "c" / "c-later.yaml"
    path.write_text(path.read_text().replace("geonames: 2538475", "geonames: 1"))
    index.refresh()
    after = corpus_entities(index)[0]
    assert (before.documents, after.documents) == (3, 2)


def test_command_lists_entities(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "c")
    assert main(["entities", str(corpus)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "geonames:2538475 wikidata:Q1028\tGPE\tRabat\t5 mentions in 3 documents"
    assert lines[1] == f"  a-visit\t{corpus / 'a-visit.yaml'}\t2"
    assert main(["entities", str(corpus), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload[1]["name"] == "Nadia Laroui"
    assert [d["id"] for d in payload[1]["documents"]] == ["a-visit", "b-report"]
    assert main(["entities", str(corpus), "--guess"]) == 0
    assert "[guessed]" in capsys.readouterr().out


def test_command_lists_mentions_of_a_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = write_corpus(tmp_path / "c")
    assert main(["entities", str(corpus), "--link", "wikidata:Q1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0]
        == f"{corpus / 'a-visit.txt'}:1:1: Nadia Laroui visited Rabat. Rabat welcomed her. The"
    )
    assert len(lines) == 3
    assert main(["entities", str(corpus), "--link", "wikidata:Q1", "--json"]) == 0
    assert [h["line"] for h in json.loads(capsys.readouterr().out)] == [1, 1, 1]


def test_command_misuse_and_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "c")
    assert main(["entities", str(corpus), "--link", "wikidata"]) == 2
    assert "KEY:VALUE" in capsys.readouterr().err
    assert main(["entities", str(corpus), "--link", "wikidata:Q999"]) == 1
    assert "no entity is linked wikidata:Q999" in capsys.readouterr().err
    assert main(["entities", str(tmp_path / "missing")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["entities", str(tmp_path / "empty")]) == 1


def test_pages_and_filtered_counts(index: CorpusIndex) -> None:
    every = corpus_entities(index)
    assert corpus_entities(index, limit=2, offset=2) == every[2:]
    assert count_corpus_entities(index, contains="port") == 2
    assert count_corpus_entities(index, contains="nothing like it") == 0
