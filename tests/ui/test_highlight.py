"""Spans to styled lines: layering of nested mentions and selection cues."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.style import Style

from tests.ui.helpers import VARIABLES
from tui.app.render.highlight import HighlightState, Palette, style_line, type_colours
from tui.core.document.model import Document, Span
from tui.core.loading.loader import load

TEXT = "The IDF’s Strategy Division met in Rabat.\n"
YAML = """\
gloss: 1
document: {id: nest, text: nest.txt}
entities:
  - id: idf
    type: ORG
    name: IDF
    mentions: [IDF]
  - id: division
    type: ORG
    name: Strategy Division
    mentions: [IDF’s Strategy Division]
  - id: rabat
    type: GPE
    name: Rabat
    mentions: [Rabat]
events:
  - id: meet
    type: Contact.Meet
    summary: a meeting
    trigger: met
    arguments: [{role: Place, entity: rabat}]
"""


def document(tmp_path: Path) -> Document:
    (tmp_path / "nest.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "nest.yaml").write_text(YAML, encoding="utf-8")
    result = load(str(tmp_path / "nest.yaml"))
    assert result.document is not None, result.diagnostics
    return result.document


def style_at(doc: Document, state: HighlightState, offset: int) -> Style:
    palette = Palette.for_document(doc, VARIABLES)
    line = style_line(doc, doc.text, 0, len(doc.text) - 1, state, palette)
    return line.get_style_at_offset(Console(), offset)


def test_innermost_mention_wins_the_colour_and_the_outer_stays_visible(tmp_path: Path) -> None:
    doc = document(tmp_path)
    palette = Palette.for_document(doc, VARIABLES)
    org = palette.type_style("ORG").color
    inner = style_at(doc, HighlightState(), TEXT.index("IDF"))
    outer_only = style_at(doc, HighlightState(), TEXT.index("Strategy"))
    assert inner.color == org and outer_only.color == org
    # Selecting the outer entity marks its whole span, the nested IDF included.
    selected = HighlightState(selected_entity="division")
    assert style_at(doc, selected, TEXT.index("IDF")).underline
    assert style_at(doc, selected, TEXT.index("Division")).bold
    assert not style_at(doc, selected, TEXT.index("Rabat")).underline


def test_rendering_is_the_same_whatever_the_order_mentions_were_declared(tmp_path: Path) -> None:
    doc = document(tmp_path)
    reversed_yaml = YAML.replace(
        "  - id: idf\n    type: ORG\n    name: IDF\n    mentions: [IDF]\n", ""
    ).replace(
        "entities:\n",
        "entities:\n  - id: idf\n    type: ORG\n    name: IDF\n    mentions: [IDF]\n",
        1,
    )
    other = tmp_path / "other"
    other.mkdir()
    (other / "nest.txt").write_text(TEXT, encoding="utf-8")
    (other / "nest.yaml").write_text(reversed_yaml, encoding="utf-8")
    second = load(str(other / "nest.yaml")).document
    assert second is not None
    palette = Palette.for_document(doc, VARIABLES)
    state = HighlightState(selected_entity="idf", current_mention=Span(4, 7))
    first_line = style_line(doc, doc.text, 0, len(TEXT) - 1, state, palette)
    second_line = style_line(second, second.text, 0, len(TEXT) - 1, state, palette)
    assert first_line.spans == second_line.spans


def test_event_passage_trigger_and_arguments_are_marked(tmp_path: Path) -> None:
    doc = document(tmp_path)
    event = doc.event_by_id["meet"]
    state = HighlightState(
        passage=event.passage, trigger=event.trigger, argument_entities=frozenset({"rabat"})
    )
    assert style_at(doc, state, TEXT.index("met")).bold
    assert style_at(doc, state, TEXT.index("Rabat")).underline
    assert style_at(doc, state, TEXT.index("The")).bgcolor is not None
    assert not style_at(doc, state, TEXT.index("IDF")).underline


def test_current_mention_is_reversed_and_survives_without_colour(tmp_path: Path) -> None:
    doc = document(tmp_path)
    state = HighlightState(selected_entity="rabat", current_mention=doc.mentions[-1].span)
    style = style_at(doc, state, TEXT.index("Rabat"))
    assert style.reverse and style.bold and style.underline


def test_type_colours_are_distinct_even_when_the_theme_repeats_itself() -> None:
    colours = type_colours(VARIABLES, 8)
    assert len(colours) == 8
    assert len(set(colours)) == 8
    assert all(colour.startswith("#") and len(colour) == 7 for colour in colours)


def test_mention_lookup_matches_a_scan_even_with_long_mentions(tmp_path: Path) -> None:
    words = [f"w{i}" for i in range(400)]
    text = " ".join(words) + "\n"
    long_quote = " ".join(words[10:200])
    yaml_text = (
        "gloss: 1\ndocument: {id: big, text: big.txt}\nentities:\n"
        f"  - {{id: long, type: ORG, name: Long, mentions: ['{long_quote}']}}\n"
        + "".join(
            f"  - {{id: e{i}, type: PER, name: E{i}, mentions: [{{quote: w{i}, all: true}}]}}\n"
            for i in range(0, 400, 7)
        )
    )
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    (tmp_path / "big.yaml").write_text(yaml_text, encoding="utf-8")
    doc = load(str(tmp_path / "big.yaml")).document
    assert doc is not None
    for start, end in [(0, 5), (40, 60), (500, 900), (1500, 1600), (0, len(text))]:
        expected = [m for m in doc.mentions if m.span.start < end and m.span.end > start]
        assert doc.mentions_overlapping(start, end) == expected
    inside_long = text.index("w150")
    at = doc.mentions_at(inside_long)
    assert [m.entity_id for m in at] == ["long"]


def test_index_of_finds_every_mention_even_when_several_start_together(tmp_path: Path) -> None:
    doc = document(tmp_path)
    assert [doc.index_of(mention) for mention in doc.mentions] == list(range(len(doc.mentions)))
    starts = [m.span.start for m in doc.mentions]
    assert len(starts) != len(set(starts))  # "IDF" and "IDF’s Strategy Division" share a start
