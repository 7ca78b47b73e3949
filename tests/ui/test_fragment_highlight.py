"""A mention of several fragments is coloured, selected and made current fragment by
fragment; the words between its fragments keep the plain style."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.style import Style

from tests.ui.helpers import VARIABLES
from tui.app.render.highlight import HighlightState, Palette, style_line
from tui.core.document.model import Document
from tui.core.loading.loader import load

TEXT = "The yogurt is then slowly heated and the milk cooled.\n"
YAML = """\
gloss: 1
document: {id: yogurt, text: yogurt.txt}
entities:
  - id: heating
    type: PER
    name: heated yogurt
    mentions: [{parts: [heated, yogurt]}]
  - id: milk
    type: ORG
    name: milk
    mentions: [milk]
"""


def document(tmp_path: Path) -> Document:
    (tmp_path / "yogurt.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "yogurt.yaml").write_text(YAML, encoding="utf-8")
    result = load(str(tmp_path / "yogurt.yaml"))
    assert result.document is not None, result.diagnostics
    return result.document


def styles(doc: Document, state: HighlightState) -> list[Style]:
    palette = Palette.for_document(doc, VARIABLES)
    line = style_line(doc, doc.text, 0, len(doc.text) - 1, state, palette)
    console = Console()
    return [line.get_style_at_offset(console, offset) for offset in range(len(line))]


def test_only_the_fragments_are_coloured(tmp_path: Path) -> None:
    doc = document(tmp_path)
    (mention,) = doc.entity_by_id["heating"].mentions
    colour = Palette.for_document(doc, VARIABLES).type_style("PER").color
    seen = styles(doc, HighlightState())
    yogurt, heated = TEXT.index("yogurt"), TEXT.index("heated")
    assert all(seen[i].color == colour for i in range(yogurt, yogurt + 6))
    assert all(seen[i].color == colour for i in range(heated, heated + 6))
    assert all(seen[i].color != colour for i in range(yogurt + 6, heated))
    assert mention.span.start == yogurt


def test_selection_and_current_mention_cover_every_fragment_and_nothing_between(
    tmp_path: Path,
) -> None:
    doc = document(tmp_path)
    (mention,) = doc.entity_by_id["heating"].mentions
    state = HighlightState(selected_entity="heating", current_mention=mention.span)
    seen = styles(doc, state)
    yogurt, heated = TEXT.index("yogurt"), TEXT.index("heated")
    for offset in (*range(yogurt, yogurt + 6), *range(heated, heated + 6)):
        assert seen[offset].reverse and seen[offset].underline
    for offset in range(yogurt + 6, heated):
        assert not seen[offset].reverse and not seen[offset].underline
