"""doccano in every shape it writes, and displaCy's knowledge-base links, imported whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.formats.helpers import BUNDLED, run
from tests.formats.json_compare import canonical
from tests.formats.roundtrip_compare import span_facts
from tui.core.document.model import Document
from tui.core.formats import yaml_out
from tui.core.formats.spans import import_displacy, import_doccano, to_displacy, to_doccano
from tui.core.formats.w3c import import_w3c
from tui.core.loading.loader import load

TEXT = "Fly from Boston to Paris."


def _jsonl(tmp_path: Path, *records: object, name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _spans(document: Document) -> set[tuple[str, str]]:
    return {
        (document.text[m.span.start : m.span.end], document.entity_by_id[m.entity_id].type)
        for m in document.mentions
    }


def test_doccano_1x_annotations_with_label_ids_and_a_label_list(tmp_path: Path) -> None:
    record = {
        "id": 7,
        "text": TEXT,
        "annotations": [
            {"label": 3, "start_offset": 9, "end_offset": 15, "user": 1},
            {"label": 4, "start_offset": 19, "end_offset": 24, "user": 1},
        ],
        "meta": {},
    }
    path = _jsonl(tmp_path, record)
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps([{"id": 3, "text": "City"}, {"id": 4, "text": "GPE"}]))
    imported = import_doccano(str(path), labels_path=str(labels))
    assert imported.diagnostics == ()
    (document,) = imported.documents
    assert _spans(document) == {("Boston", "CITY"), ("Paris", "GPE")}


def test_doccano_label_ids_without_a_label_list_are_refused_with_a_message(
    tmp_path: Path,
) -> None:
    record = {"text": TEXT, "annotations": [{"label": 3, "start_offset": 9, "end_offset": 15}]}
    path = _jsonl(tmp_path, record)
    code, out, err = run("import", "doccano", str(path))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{path}:1:1: error: annotation label 3 is a doccano label id; give the project's "
        "labels with --labels FILE (doccano's label export, "
        '[{"id": 3, "text": "PER"}, …])'
    ]
    assert not list(tmp_path.glob("*.yaml"))


def test_doccano_annotations_with_label_names_and_data_instead_of_text(tmp_path: Path) -> None:
    record = {
        "data": TEXT,
        "annotations": [{"label": "City", "start_offset": 9, "end_offset": 15}],
    }
    imported = import_doccano(str(_jsonl(tmp_path, record)))
    assert imported.diagnostics == ()
    assert _spans(imported.documents[0]) == {("Boston", "CITY")}


def test_doccano_intent_detection_entities_as_lists_and_cats(tmp_path: Path) -> None:
    record = {"text": TEXT, "entities": [[9, 15, "City"], [19, 24, "City"]], "cats": ["flight"]}
    path = _jsonl(tmp_path, record)
    imported = import_doccano(str(path))
    assert imported.diagnostics == ()  # the categories are kept, and come back
    assert _spans(imported.documents[0]) == {("Boston", "CITY"), ("Paris", "CITY")}
    assert to_doccano(_via_gloss(imported.documents[0], tmp_path)) == record


def test_a_doccano_record_without_any_annotation_key_is_reported(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, {"text": TEXT, "spans": [[9, 15, "City"]]})
    imported = import_doccano(str(path))
    assert [d.format() for d in imported.diagnostics] == [
        f'{path}:1:1: warning: no annotations found (expected "label", "entities" or '
        '"annotations"); the document is imported without entities'
    ]


def test_displacy_kb_id_and_kb_url_become_links_and_go_back(tmp_path: Path) -> None:
    source = tmp_path / "d.json"
    source.write_text(
        json.dumps(
            {
                "text": TEXT,
                "ents": [
                    {
                        "start": 19,
                        "end": 24,
                        "label": "GPE",
                        "kb_id": "Q90",
                        "kb_url": "https://www.wikidata.org/wiki/Q90",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    imported = import_displacy(str(source))
    assert imported.diagnostics == ()
    (document,) = imported.documents
    (paris,) = document.entities
    assert paris.links == (("kb_id", "Q90"), ("kb_url", "https://www.wikidata.org/wiki/Q90"))
    (ent,) = to_displacy(document)["ents"]
    assert ent["kb_id"] == "Q90" and ent["kb_url"] == "https://www.wikidata.org/wiki/Q90"


def test_a_w3c_textual_body_without_purpose_is_the_description(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Boston is big.\n", encoding="utf-8")
    target = {"source": "a.txt", "selector": {"type": "TextQuoteSelector", "exact": "Boston"}}
    annotation = {
        "type": "Annotation",
        "target": target,
        "body": [
            {"type": "TextualBody", "value": "City", "purpose": "tagging"},
            {"type": "TextualBody", "value": "Where the tea party was"},
        ],
    }
    source = tmp_path / "a.jsonld"
    source.write_text(json.dumps([annotation]), encoding="utf-8")
    imported = import_w3c(str(source))
    assert imported.diagnostics == ()
    assert imported.document is not None
    (boston,) = imported.document.entities
    assert boston.description == "Where the tea party was"


REAL_DOCCANO = sorted((Path(__file__).parent / "data" / "real" / "doccano").glob("*.jsonl"))


def _via_gloss(document: Document, folder: Path) -> Document:
    """The document written as a gloss file and read back, as ``gloss check`` reads it."""
    (folder / "doc.txt").write_text(document.text, encoding="utf-8", newline="")
    (folder / "doc.yaml").write_text(yaml_out.dumps(document, text_name="doc.txt"))
    checked = load(str(folder / "doc.yaml"))
    assert checked.diagnostics == ()  # gloss check --strict passes
    assert checked.document is not None
    return checked.document


def test_the_real_doccano_files_are_there() -> None:
    assert [p.name for p in REAL_DOCCANO] == [
        "intent_detection.jsonl",
        "relation_extraction.jsonl",
        "sequence_labeling.jsonl",
        "sequence_labeling_overlapping.jsonl",
        "text_classification.jsonl",
    ]


@pytest.mark.parametrize("path", REAL_DOCCANO, ids=lambda p: p.stem)
def test_real_doccano_files_round_trip(path: Path, tmp_path: Path) -> None:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    imported = import_doccano(str(path))
    assert not any(d.severity.value == "error" for d in imported.diagnostics)
    assert len(imported.documents) == len(records)
    for record, document in zip(records, imported.documents, strict=True):
        again = to_doccano(_via_gloss(document, tmp_path), document.text)
        assert span_facts(again) == span_facts(record)
        assert canonical(again) == canonical(record)  # categories and ids included


@pytest.mark.parametrize("kind", ["doccano", "displacy"])
def test_the_bundled_article_round_trips_through_span_formats(kind: str, tmp_path: Path) -> None:
    document = load(str(BUNDLED)).document
    assert document is not None
    record = to_doccano(document) if kind == "doccano" else to_displacy(document)
    path = tmp_path / ("in.jsonl" if kind == "doccano" else "in.json")
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    reader = import_doccano if kind == "doccano" else import_displacy
    (imported,) = reader(str(path)).documents
    again = to_doccano(imported) if kind == "doccano" else to_displacy(imported)
    assert span_facts(again) == span_facts(record)


def test_the_html_page_marks_each_fragment_of_a_mention(tmp_path: Path) -> None:
    from tui.core.formats import html

    (tmp_path / "a.txt").write_text("The yogurt is then slowly heated.\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "gloss: 1\ndocument: {id: a, text: a.txt}\nentities:\n"
        "  - {id: y, type: PER, name: y, mentions: [{parts: [yogurt, heated]}]}\n",
        encoding="utf-8",
    )
    document = load(str(tmp_path / "a.yaml")).document
    assert document is not None
    page = html.render(document)
    assert 'data-start="4" data-end="10"' in page and 'data-start="26" data-end="32"' in page
    assert 'data-start="4" data-end="32"' not in page


def test_doccano_comments_are_kept_and_come_back(tmp_path: Path) -> None:
    record = {"data": TEXT, "label": [[9, 15, "City"]], "Comments": ["check this"]}
    path = _jsonl(tmp_path, record)
    imported = import_doccano(str(path))
    assert imported.diagnostics == ()
    assert _spans(imported.documents[0]) == {("Boston", "CITY")}
    assert to_doccano(_via_gloss(imported.documents[0], tmp_path)) == record


REAL_DISPLACY = sorted((Path(__file__).parent / "data" / "real" / "displacy").glob("*.json"))


@pytest.mark.parametrize("path", REAL_DISPLACY, ids=lambda p: p.stem)
def test_real_displacy_inputs_round_trip(path: Path, tmp_path: Path) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    imported = import_displacy(str(path))
    assert imported.diagnostics == ()
    (document,) = imported.documents
    again = to_displacy(_via_gloss(document, tmp_path))
    assert span_facts(again) == span_facts(record)
    assert again["text"] == record["text"]
