"""A generated document with 10,000 mentions loads, with every offset where it belongs."""

from __future__ import annotations

from pathlib import Path

from tui.core.loading.loader import load

from .bigdoc import write_big_document


def test_ten_thousand_mentions(tmp_path: Path) -> None:
    big = write_big_document(tmp_path, entities=2500)
    result = load(str(big.yaml_path))
    assert result.diagnostics == ()
    document = result.document
    assert document is not None
    assert len(document.entities) == 2500
    assert len(document.mentions) == 10_000
    assert len(document.events) == big.event_count == 100
    for entity in document.entities:
        spans = [(m.span.start, m.span.end) for m in entity.mentions]
        assert spans == big.expected[entity.id]
        assert {document.text[start:end] for start, end in spans} == {entity.name}
    starts = [m.span.start for m in document.mentions]
    assert starts == sorted(starts)
    arrival = document.event_by_id["arrival-2475"]
    assert document.text[arrival.trigger.start : arrival.trigger.end] == "arrived"
    assert document.text[arrival.passage.start : arrival.passage.end] == (
        "Report 2475: Agent02475 arrived, and later Agent02475 left; "
        "Agent02475 was seen by Agent02475."
    )


def test_mistakes_in_a_big_document_are_all_reported(tmp_path: Path) -> None:
    big = write_big_document(tmp_path, entities=300, events_every=100)
    source = big.yaml_path.read_text(encoding="utf-8")
    source = source.replace(
        "{quote: Agent00007, occurrence: 1}", "{quote: Agent00007, occurrence: 5}"
    )
    source = source.replace('{quote: Agent00299, prefix: "later "}', "Agent00299")
    big.yaml_path.write_text(source, encoding="utf-8")
    problems = [d.message for d in load(str(big.yaml_path)).diagnostics]
    assert problems == [
        "mention: occurrence 5 asked for, but 'Agent00007' occurs 4 times",
        "mention: 'Agent00299' occurs 4 times (at text 300:13, 300:43, 300:60, 300:83); "
        "say which with occurrence: N, prefix/suffix, or all: true",
    ]
