"""Every JSON gloss prints is safe in a terminal and still says exactly the same thing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.core.document.model import Document
from tui.core.formats import resolved, spans, w3c
from tui.core.loading.loader import load
from tui.core.text.textsafety import find_hazards, inert_json

CORPUS = Path(__file__).parent / "corpus"
CASES = ["ctrl-c1-text", "ctrl-csi-text", "ctrl-osc-text", "bidi-override-text"]
WRITERS: dict[str, tuple[Callable[[Document], str], Callable[[Document], object]]] = {
    "json": (resolved.dumps, resolved.to_resolved),
    "doccano": (spans.dumps_doccano, spans.to_doccano),
    "displacy": (spans.dumps_displacy, spans.to_displacy),
    "w3c": (w3c.dumps, w3c.to_w3c),
}


@pytest.mark.parametrize("writer", list(WRITERS))
@pytest.mark.parametrize("case", CASES)
def test_exports_print_no_terminal_hazards(case: str, writer: str) -> None:
    result = load(str(CORPUS / case / "a.yaml"))
    assert result.document is not None
    dumps, to_data = WRITERS[writer]
    text = dumps(result.document)
    assert find_hazards(text, allow_tabs=False) == []
    # The escapes are ordinary JSON: a reader gets back exactly the same data.
    assert json.loads(text) == json.loads(json.dumps(to_data(result.document)))


def test_inert_json_round_trips_every_hazard() -> None:
    data = {"text": "a\x1b[31mred\x9b\u202e\u200b\ud800 é ’", "n": [1, None]}
    text = inert_json(data)
    assert find_hazards(text, allow_tabs=False) == []
    assert json.loads(text) == data
    assert "é ’" in text  # letters stay readable
