"""The installed ``gloss DIR`` in a real terminal (tmux): the entity index, an entity
followed into a second article, and back with ``ctrl+o``."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.corpora import write_corpus
from tests.support.terminal import GLOSS, Terminal, exited

pytestmark = pytest.mark.tmux


def test_following_an_entity_across_articles_and_back(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    places = (
        f"XDG_CACHE_HOME={shlex.quote(str(tmp_path / 'cache'))} "
        f"XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))}"
    )
    terminal = terminal_factory(f"env {places} {GLOSS} {shlex.quote(str(corpus))}")
    terminal.wait_for(lambda s: "3 articles" in s and "indexing" not in s)
    # The entity index: Rabat is one corpus entity across three articles.
    terminal.send_keys("i")
    index = terminal.wait_for(lambda s: "Corpus entities" in s and "Rabat" in s)
    assert "wikidata:Q1028" in index
    terminal.send_keys("Escape")
    terminal.wait_for(lambda s: "3 articles" in s)
    # Read the first article, select its first entity, follow it to the next article.
    terminal.send_keys("Enter")
    terminal.wait_for(lambda s: "Title of a-visit" in s and "Entities" in s)
    terminal.send_keys("n")
    first = terminal.wait_for(lambda s: "Also in 1 other article: b-report" in s)
    assert "Nadia Laroui" in first
    terminal.send_keys("x")
    second = terminal.wait_for(lambda s: "Title of b-report" in s and "Also in 1 other" in s)
    assert "a-visit (2022-03-01)" in second
    # Back where the jump left.
    terminal.send_keys("C-o")
    back = terminal.wait_for(lambda s: "Title of a-visit" in s and "b-report (2022-03-05)" in s)
    assert "mention 1 of 1" in back
    terminal.send_keys("q")
    after = terminal.wait_for(exited)
    assert "GLOSS-EXIT=0" in after
    assert list((tmp_path / "state").glob("gloss/positions.json"))
