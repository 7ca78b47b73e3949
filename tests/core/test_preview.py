"""Finding the article text named by an annotation file without parsing it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli.main import bundled_article
from tui.core.loading.preview import peek_text_path


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("gloss: 1\ndocument:\n  id: a\n  text: a.txt\n", "a.txt"),
        ("gloss: 1\ndocument:\n  id: a\n  text: 'my file.txt'  # the body\n", "my file.txt"),
        ('document: {id: a, text: "b.txt"}\n', "b.txt"),
        ("document:\n  id: a\nentities:\n  - text: nope\n", None),
        ("gloss: 1\n", None),
    ],
)
def test_peek_finds_the_text_key_of_the_document(
    tmp_path: Path, yaml_text: str, expected: str | None
) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    found = peek_text_path(str(path))
    assert found == (str(tmp_path / expected) if expected else None)


def test_peek_agrees_with_the_bundled_article() -> None:
    found = peek_text_path(str(bundled_article()))
    assert found is not None and Path(found).name == "idf-morocco-2022-03-25.txt"


def test_peek_on_a_missing_file_is_none(tmp_path: Path) -> None:
    assert peek_text_path(str(tmp_path / "missing.yaml")) is None
