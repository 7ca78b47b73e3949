"""Fixtures for the reader's tests: the bundled article and small hand-made ones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.corpora import SMALL_TEXT, SMALL_YAML
from tui.app.reader_app import GlossApp, make_app
from tui.cli.main import bundled_article

BUNDLED = bundled_article()


@pytest.fixture
def bundled_app() -> GlossApp:
    """The reader on the article that ships with gloss."""
    return make_app(str(BUNDLED))


@pytest.fixture
def small_path(tmp_path: Path) -> Path:
    """A tiny annotated article whose offsets are easy to reason about."""
    (tmp_path / "small.txt").write_text(SMALL_TEXT, encoding="utf-8")
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_YAML, encoding="utf-8")
    return path


@pytest.fixture
def small_app(small_path: Path) -> Iterator[GlossApp]:
    yield make_app(str(small_path))
