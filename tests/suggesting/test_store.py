"""What is kept of an article's suggestions (apart from its file), and accepted ones saved."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.suggesting import write_article
from tui.core.editing.edits import apply
from tui.core.editing.saving import saved_text
from tui.core.loading.loader import load
from tui.core.suggesting.store import SuggestionState, read_state, state_path, write_state
from tui.core.suggesting.suggestions import Found, Known, Rejected, build_finder, edits_for, suggest


def test_rejections_and_found_mentions_round_trip(tmp_path: Path) -> None:
    annotation = str(tmp_path / "a.yaml")
    state = SuggestionState(
        str(tmp_path / "a.yaml"),
        rejected=[Rejected(0, 5, "Alice")],
        found=[Found(6, 9, "Bob", "PER", "Bob", "PERSON", "en_core_web_sm")],
    )
    assert write_state(state, tmp_path / "state") is None
    again = read_state(annotation, tmp_path / "state")
    assert again.rejected == state.rejected and again.found == state.found
    assert again.problem is None
    assert state_path(annotation, tmp_path / "state").parent.name == "suggestions"


def test_a_damaged_or_foreign_state_is_read_as_nothing(tmp_path: Path) -> None:
    annotation = str(tmp_path / "a.yaml")
    path = state_path(annotation, tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert read_state(annotation, tmp_path).problem is not None
    path.write_text(json.dumps({"path": "/else", "rejected": [[0, 1, "x"]]}), encoding="utf-8")
    assert read_state(annotation, tmp_path).rejected == []
    hostile = {
        "path": str(Path(annotation).resolve()),
        "rejected": [[0, 1, "x"], [5, 2, "y"], [True, 3, "z"], "no", [-1, 2, "w"]],
        "found": [
            {"start": 0, "end": 2, "words": "ab"},
            {
                "start": 0,
                "end": 2,
                "words": "ab",
                "type": "PER",
                "name": "Ab",
                "label": "PERSON",
                "model": "m",
            },
            7,
        ],
    }
    path.write_text(json.dumps(hostile), encoding="utf-8")
    state = read_state(annotation, tmp_path)
    assert state.rejected == [Rejected(0, 1, "x")]
    assert [f.name for f in state.found] == ["Ab"]


def test_an_unwritable_state_folder_is_said_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    problem = write_state(SuggestionState(str(tmp_path / "a.yaml")), blocker)
    assert problem is not None and problem.startswith("suggestions not kept")


def test_accepted_suggestions_save_as_ordinary_mentions_keeping_the_comments(
    tmp_path: Path,
) -> None:
    path = write_article(tmp_path)
    source = path.read_text(encoding="utf-8")
    result = load(str(path))
    assert result.document is not None
    document = result.document
    iai = Known(
        "corpus",
        "ORG",
        "Israel Aerospace Industries",
        ("Israel Aerospace Industries",),
        key="k",
        links=(("wikidata", "Q1354327"),),
        documents=2,
    )
    edited = document
    for edit in edits_for(document, suggest(document, build_finder([iai]))):
        edited = apply(edited, edit)
    text = saved_text(source, document, edited)
    assert "# The people and places this article names." in text
    assert "wikidata: Q1354327" in text
    path.write_text(text, encoding="utf-8")
    reloaded = load(str(path))
    assert reloaded.document is not None
    made = [e for e in reloaded.document.entities if e.links]
    assert len(made) == 1 and len(made[0].mentions) == 2
