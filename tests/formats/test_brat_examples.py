"""brat's own example documents come back line for line.

brat's repository ships 172 example documents (``example-data/``: its tutorials and
samples of BioNLP-ST 2011, CoNLL-ST 2002 and 2006, NCBI-disease and the Turku
Dependency Treebank). Their licences differ, so they are not part of this project: set
``GLOSS_BRAT_EXAMPLES`` to a folder holding them (for instance ``git clone
https://github.com/nlplab/brat`` and point it at ``brat/example-data``) and every
``.ann`` below it is imported, written, checked and exported again. Without it the test
is skipped and says why.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.roundtrip import brat_round_trip
from tui.core.document.diagnostics import DiagnosticSink
from tui.core.formats.brat.conf import read_visual_labels

ENVIRONMENT = "GLOSS_BRAT_EXAMPLES"


def _examples() -> list[Path]:
    folder = os.environ.get(ENVIRONMENT)
    if not folder:
        return []
    return sorted(Path(folder).rglob("*.ann"))


EXAMPLES = _examples()
SKIP = pytest.mark.skipif(
    not EXAMPLES,
    reason=f"{ENVIRONMENT} names no folder of brat's example data (brat's example-data/)",
)


@SKIP
@pytest.mark.parametrize(
    "ann_path",
    EXAMPLES or [Path("none.ann")],
    ids=lambda p: str(p.relative_to(os.environ.get(ENVIRONMENT, "/"))) if EXAMPLES else "none",
)
def test_every_example_document_comes_back_line_for_line(ann_path: Path, tmp_path: Path) -> None:
    trip = brat_round_trip(ann_path, tmp_path)
    assert trip.imported, trip.import_messages
    assert trip.import_messages == ()
    assert trip.difference.identical, str(trip.difference)
    # What gloss check says is the source's own: two types on one span (BioNLP ID).
    assert all("[shared-span]" in message for message in trip.check_messages)


def test_a_label_line_with_a_type_alone_is_no_problem(tmp_path: Path) -> None:
    conf = tmp_path / "visual.conf"
    conf.write_text("[labels]\nPunct | P\nauxpass\naux-exp | aux\n | x\n", encoding="utf-8")
    sink = DiagnosticSink(str(conf))
    assert read_visual_labels(str(conf), sink) == {"Punct": "P", "aux-exp": "aux"}
    assert [(d.position.line, d.message[:20]) for d in sink.items] == [(5, "expected 'TYPE | Lab")]
