"""``gloss suggest --model``: a spaCy pipeline's entities as suggestions, kept for the
review; labels mapped to types (``[suggest.labels]``); spaCy optional.

The pipelines are built here (a blank English pipeline with an entity ruler), so no
model is ever downloaded; the command loads one saved with ``nlp.to_disk`` by the code
that loads an installed package (``spacy.load``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.suggesting import ARTICLE_TEXT, write_article
from tui.cli.main import main
from tui.core.files.config import read_config
from tui.core.loading.loader import load
from tui.core.suggesting.names import NameFinder
from tui.core.suggesting.pipeline import (
    DEFAULT_LABELS,
    INSTALL_HINT,
    PipelineMissing,
    load_pipeline,
    run_pipeline,
    to_found,
)
from tui.core.suggesting.review import Review
from tui.core.suggesting.store import read_state

NO_SPACY = "spaCy is not installed (pip install 'gloss-tui[nlp]' installs it)"


def spacy_or_skip() -> Any:
    return pytest.importorskip("spacy", reason=NO_SPACY)


def ruler_pipeline(patterns: list[dict[str, Any]]) -> Any:
    spacy = spacy_or_skip()
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(patterns)
    return nlp


PATTERNS: list[dict[str, Any]] = [
    {"label": "PERSON", "pattern": "Boaz Levy"},
    {"label": "GPE", "pattern": "India"},
    {"label": "DATE", "pattern": "Monday"},
    {"label": "ORG", "pattern": "Reuters"},
    {"label": "ORG", "pattern": [{"LOWER": "israel"}, {"LOWER": "aerospace"}]},
]


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    (home / "gloss").mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home / "gloss" / "config.toml"


# -- labels, grouping, without spaCy ------------------------------------------------------


def test_labels_become_types_and_one_text_is_one_entity() -> None:
    text = "Ann Lee met Ann  Lee and ann lee in Paris on Monday; Acme, acme."
    entities = [
        (0, 7, "PERSON"),
        (12, 20, "PERSON"),  # white space folded: the same entity
        (25, 32, "PERSON"),  # another case: another entity
        (36, 41, "GPE"),
        (45, 51, "DATE"),  # not mapped by default
        (53, 57, "NORG"),  # a label nobody mapped, and not a type of the file
        (59, 64, "ACME"),  # not mapped, but a type the file declares
        (200, 210, "ORG"),  # outside the text: dropped
    ]
    result = to_found(text, entities, labels=DEFAULT_LABELS, declared=["ACME"], model="m")
    said = [(f.words, f.type, f.name, f.label) for f in result.found]
    assert said == [
        ("Ann Lee", "PER", "Ann Lee", "PERSON"),
        ("Ann  Lee", "PER", "Ann Lee", "PERSON"),
        ("ann lee", "PER", "ann lee", "PERSON"),
        ("Paris", "GPE", "Paris", "GPE"),
        ("acme.", "ACME", "acme.", "ACME"),
    ]
    assert result.left_out == {"DATE": 1, "NORG": 1}
    assert all(f.model == "m" for f in result.found)


def test_space_around_an_entity_is_trimmed_and_an_empty_label_leaves_it_out() -> None:
    text = " Haifa \n"
    result = to_found(text, [(0, 8, "GPE")], labels={"GPE": "GPE"}, model="m")
    assert [(f.start, f.end, f.words) for f in result.found] == [(1, 6, "Haifa")]
    result = to_found(text, [(0, 8, "GPE")], labels={"GPE": ""}, model="m")
    assert result.found == [] and result.left_out == {"GPE": 1}


def test_defaults_map_the_ontonotes_names_and_leave_numbers_out() -> None:
    assert DEFAULT_LABELS["PERSON"] == "PER"
    for label in ("ORG", "GPE", "LOC", "FAC"):
        assert DEFAULT_LABELS[label] == label
    for label in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"):
        assert DEFAULT_LABELS[label] == ""


def test_without_spacy_the_option_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # import spacy raises ImportError
    with pytest.raises(PipelineMissing, match="gloss-tui\\[nlp\\]"):
        load_pipeline("en_core_web_sm")
    article = write_article(tmp_path / "news")
    assert main(["suggest", str(article), "--model", "en_core_web_sm"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and INSTALL_HINT in err
    assert not read_state(str(article)).found


# -- the labels in config.toml --------------------------------------------------------------


def test_suggest_labels_in_the_config(config_file: Path) -> None:
    config_file.write_text(
        'theme = "nord"\n[suggest.labels]\nNORP = "GROUP"\nDATE = ""\nPERSON = "person"\nORG = 3\n',
        encoding="utf-8",
    )
    config = read_config()
    assert config.suggest_labels == {"NORP": "GROUP", "DATE": ""}
    (problem,) = config.problems
    assert problem.format().startswith(f"{config_file}:5:1: warning: suggest.labels: labels")
    assert "'PERSON' and 'ORG'" in problem.message


def test_suggest_settings_of_the_wrong_shape_are_placed(config_file: Path) -> None:
    config_file.write_text('theme = "nord"\nsuggest = 3\n', encoding="utf-8")
    (problem,) = read_config().problems
    assert problem.format().startswith(f"{config_file}:2:1: warning: suggest must be a table")
    config_file.write_text("[suggest]\nlabel = {}\nlabels = 4\n", encoding="utf-8")
    unknown, labels = read_config().problems
    assert unknown.format().startswith(f"{config_file}:2:1: warning: unknown suggest setting")
    assert labels.format().startswith(f"{config_file}:3:1: warning: suggest.labels must be a")


# -- a pipeline built here ------------------------------------------------------------------


def test_a_pipeline_object_finds_what_its_ruler_knows() -> None:
    nlp = ruler_pipeline(PATTERNS)
    result = run_pipeline(nlp, ARTICLE_TEXT, labels=DEFAULT_LABELS, model="test")
    said = {(f.words, f.type) for f in result.found}
    assert ("Boaz Levy", "PER") in said and ("India", "GPE") in said
    assert ("Israel Aerospace", "ORG") in said
    assert result.left_out == {"DATE": 1}


def test_gloss_suggest_model_keeps_the_mentions_for_the_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config_file: Path
) -> None:
    config_file.write_text('[suggest.labels]\nORG = "AGENCY"\n', encoding="utf-8")
    saved = tmp_path / "pipeline"
    ruler_pipeline(PATTERNS).to_disk(saved)
    article = write_article(tmp_path / "news")
    before = article.read_text(encoding="utf-8")
    assert main(["suggest", str(article), "--model", str(saved)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    text_file = str(tmp_path / "news" / "article.txt")
    assert f'{text_file}:4:28: GPE "India" → new: India (pipeline)' in lines
    assert f'{text_file}:4:35: AGENCY "Reuters" → new: Reuters (pipeline)' in lines
    assert f'{text_file}:3:57: PER "Levy" → Boaz Levy (file)' in lines
    # "Boaz Levy" is a mention already: never proposed on its own words.
    assert not any('"Boaz Levy"' in line for line in lines)
    assert "DATE 1" in err and "[suggest.labels]" in err
    assert article.read_text(encoding="utf-8") == before  # nothing into the user's file
    state = read_state(str(article))
    assert {f.words for f in state.found} >= {"India", "Reuters", "Boaz Levy"}
    assert all(f.model == "en_pipeline-0.0.0" for f in state.found)
    # The review reads them back, source "pipeline".
    document = load(str(article)).document
    assert document is not None
    review = Review(NameFinder(), state.rejected, state.found)
    review.refresh(document)
    by_words = {s.words(document.text): s for s in review.every}
    assert by_words["India"].source == "pipeline"
    assert by_words["India"].why == "found by the pipeline as GPE"
    assert by_words["Reuters"].why == "found by the pipeline as AGENCY (its label ORG)"
    # --json for scripts, the same suggestions.
    assert main(["suggest", str(article), "--model", str(saved), "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    india = next(r for r in records if r["text"] == "India")
    assert india["source"] == "pipeline" and india["entity_id"] is None
    assert (india["line"], india["column"], india["type"]) == (4, 28, "GPE")
    assert india["file"] == str(article)


def test_a_bare_text_is_suggested_for_and_kept_for_its_annotation_file_to_be(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "pipeline"
    ruler_pipeline(PATTERNS).to_disk(saved)
    text = tmp_path / "plain.txt"
    text.write_text("Reuters said India would buy.\n", encoding="utf-8")
    assert main(["suggest", str(text), "--model", str(saved)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f'{text}:1:1: ORG "Reuters" → new: Reuters (pipeline)',
        f'{text}:1:14: GPE "India" → new: India (pipeline)',
    ]
    assert not (tmp_path / "plain.yaml").exists()
    assert len(read_state(str(tmp_path / "plain.yaml")).found) == 2


def test_a_folder_each_article_and_no_pipeline_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spacy_or_skip()
    article = write_article(tmp_path / "news")
    (tmp_path / "news" / "other.txt").write_text("Reuters again.\n", encoding="utf-8")
    saved = tmp_path / "pipeline"
    ruler_pipeline(PATTERNS).to_disk(saved)
    assert main(["suggest", str(tmp_path / "news"), "--model", str(saved), "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {r["file"] for r in records} == {str(article), str(tmp_path / "news" / "other.yaml")}
    assert main(["suggest", str(article), "--model", str(tmp_path / "nothing")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no spaCy pipeline" in err
