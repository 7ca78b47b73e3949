"""Reviewing suggestions in a real terminal (tmux): accept two, reject one, save; the
file gets the accepted mentions, the state folder the rejection."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.suggesting import ARTICLE_TEXT, write_article
from tests.support.terminal import GLOSS, Terminal, exited, reader_shown
from tui.core.loading.loader import load
from tui.core.suggesting.store import SuggestionState, read_state, write_state
from tui.core.suggesting.suggestions import Found

pytestmark = pytest.mark.tmux


def found(words: str, type_code: str, label: str) -> Found:
    start = ARTICLE_TEXT.index(words)
    return Found(start, start + len(words), words, type_code, words, label, "en_test-1.0")


def test_accept_reject_and_save(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    article = write_article(tmp_path)
    # What `gloss suggest --model` keeps for the review: a pipeline's two mentions.
    kept = SuggestionState(
        str(article), found=[found("India", "GPE", "GPE"), found("Reuters", "ORG", "ORG")]
    )
    assert write_state(kept) is None
    terminal = terminal_factory(f"{GLOSS} {shlex.quote(str(article))}")
    terminal.wait_for(reader_shown)
    terminal.send_keys("S")
    # The file's own Haifa and Levy, the pipeline's India and Reuters; Haifa is current.
    screen = terminal.wait_for(lambda s: "SUGGEST" in s and "1/4" in s)
    assert "Suggestions 1/4" in screen and "a name of GPE Haifa in this article" in screen
    terminal.send_keys("y")  # Haifa: a mention of the file's Haifa
    terminal.wait_for(lambda s: "1/3" in s and "a name of PER Boaz Levy" in s)
    terminal.send_keys("x")  # Levy: rejected
    terminal.wait_for(lambda s: "1/2" in s and "found by the pipeline as GPE" in s)
    assert "source pipeline" in terminal.screen()
    terminal.send_keys("y")  # India: a new entity
    terminal.wait_for(lambda s: "1/1" in s and "unsaved" in s)
    terminal.send_keys("C-s")
    terminal.wait_for(lambda s: "Saved" in s)
    terminal.send_keys("Escape", "Escape", "q")
    assert "GLOSS-EXIT=0" in terminal.wait_for(exited)
    document = load(str(article)).document
    assert document is not None
    text = document.text
    mentions = {
        e.name: [text[m.span.start : m.span.end] for m in e.mentions] for e in document.entities
    }
    assert mentions["Haifa"] == ["Haifa", "Haifa"]
    assert mentions["India"] == ["India"]
    assert mentions["Boaz Levy"] == ["Boaz Levy"]
    assert "Reuters" not in mentions
    rejected = read_state(str(article)).rejected
    assert [r.words for r in rejected] == ["Levy"]
