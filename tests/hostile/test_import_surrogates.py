"""A lone surrogate anywhere in a displaCy or doccano record is refused, nothing written.

``"PER\\udc00"`` as a displaCy label once failed only after ``NAME.yaml`` and ``NAME.txt``
were written: a YAML file gloss itself cannot load. The text was checked, the labels,
titles and links were not; now every string of a record is, before anything is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.inprocess import gloss

REFUSED = "it is not a character and cannot be saved as UTF-8"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            '{"text": "Rabat is here.", "ents": [{"start": 0, "end": 5, "label": "PER\\udc00"}]}',
            f"document 1: 'PER?' holds a lone surrogate (U+DC00); {REFUSED}",
        ),
        (
            '{"text": "Rabat is here.", "ents": [], "title": "\\ud800Rabat"}',
            f"document 1: '?' holds a lone surrogate (U+D800); {REFUSED}",
        ),
        (
            '[{"text": "Fine."}, {"text": "Rabat.", "ents": [{"start": 0, "end": 5, '
            '"label": "GPE", "kb_id": "Q3551\\udfff"}]}]',
            f"document 2: 'Q3551?' holds a lone surrogate (U+DFFF); {REFUSED}",
        ),
    ],
)
def test_displacy_refuses_a_lone_surrogate_and_writes_nothing(
    record: str, message: str, tmp_path: Path
) -> None:
    source = tmp_path / "a.json"
    source.write_text(record, encoding="utf-8")
    code, out, err = gloss("import", "displacy", str(source))
    assert (code, out) == (1, "")
    assert err == f"{source}:1:1: error: {message}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_doccano_refuses_a_lone_surrogate_in_a_label_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text(
        '{"id": 1, "text": "Fine.", "label": []}\n'
        '{"id": 2, "text": "Rabat is here.", "label": [[0, 5, "PER\\udc00"]]}\n',
        encoding="utf-8",
    )
    code, out, err = gloss("import", "doccano", str(source))
    assert (code, out) == (1, "")
    assert err == f"{source}:2:1: error: 'PER?' holds a lone surrogate (U+DC00); {REFUSED}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl"]
