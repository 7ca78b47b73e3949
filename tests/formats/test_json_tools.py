"""Label Studio, Prodigy and hypothes.is: imports that keep everything, exports that give
the file back, and files that are refused whole."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.formats.helpers import BUNDLED, run
from tests.formats.json_compare import canonical, same_file
from tui.core.document.model import Document
from tui.core.formats.hypothesis import import_hypothesis
from tui.core.formats.labelstudio import import_labelstudio, to_labelstudio
from tui.core.formats.prodigy import import_prodigy, to_prodigy
from tui.core.formats.resolved import to_resolved
from tui.core.loading.loader import load

OWN = Path(__file__).parent / "data" / "own"
LABELSTUDIO = sorted((OWN / "labelstudio").glob("*.json"))
PRODIGY = sorted((OWN / "prodigy").glob("*.jsonl"))


def _round_trip(kind: str, source: Path, tmp_path: Path) -> tuple[Path, list[Path]]:
    """Import ``source`` with the CLI, check each file strictly, export them all back."""
    out = tmp_path / "out"
    code, _, err = run("import", kind, str(source), "-o", str(out) + "/")
    assert code == 0, err
    written = sorted(out.glob("*.yaml"))
    back = tmp_path / ("back" + source.suffix)
    code, _, err = run("export", "--format", kind, str(out), "-o", str(back))
    assert code == 0, err
    return back, written


@pytest.mark.parametrize("source", LABELSTUDIO, ids=lambda p: p.stem)
def test_label_studio_files_come_back_the_same(source: Path, tmp_path: Path) -> None:
    back, written = _round_trip("labelstudio", source, tmp_path)
    assert same_file(source, back) == []
    tasks = json.loads(source.read_text(encoding="utf-8"))
    entries = sum(
        max(1, len(t.get("annotations", [])) + len(t.get("predictions", []))) for t in tasks
    )
    assert len(written) == entries  # one file per annotation and per prediction


def test_the_sample_files_are_there() -> None:
    assert [p.name for p in LABELSTUDIO] == ["project-3-export.json"]
    assert [p.name for p in PRODIGY] == ["news_ner.jsonl"]


def test_label_studio_annotators_and_predictions_are_files_apart(tmp_path: Path) -> None:
    imported = import_labelstudio(str(LABELSTUDIO[0]))
    ids = [each.document.info.id for each in imported.documents]
    assert ids == [
        "project-3-export-task-41-annotation-101",
        "project-3-export-task-41-annotation-102",
        "project-3-export-task-41-prediction-7",
        "project-3-export-task-42-annotation-103",
        "project-3-export-task-43",
    ]
    first, second, prediction = (each.document for each in imported.documents[:3])
    assert _types(first)["Berlin"] == "LOC" and _types(second)["Berlin"] == "GPE"
    assert dict(prediction.info.attributes)["labelstudio-prediction"].startswith('{"id":7,')
    # The per-region choice and text area are the mention's attributes.
    merkel = first.entity_by_id["angela-merkel"].mentions[0]
    assert dict(merkel.attributes)["sentiment"] == "Positive"
    # gloss diff compares two annotators.
    out = tmp_path / "out"
    assert run("import", "labelstudio", str(LABELSTUDIO[0]), "-o", str(out) + "/")[0] == 0
    code, stdout, _ = run(
        "diff",
        str(out / "project-3-export-task-41-annotation-101.yaml"),
        str(out / "project-3-export-task-41-annotation-102.yaml"),
    )
    assert code in (0, 1) and "Berlin" in stdout


def _types(document: Document) -> dict[str, str]:
    return {
        document.text[m.span.start : m.span.end]: document.entity_by_id[m.entity_id].type
        for m in document.mentions
    }


def test_label_studio_counts_utf16_and_keeps_crlf(tmp_path: Path) -> None:
    imported = import_labelstudio(str(LABELSTUDIO[0]))
    first = imported.documents[0].document
    berlin = first.entity_by_id["berlin"].mentions[1]  # after the flag emoji
    assert first.text[berlin.span.start : berlin.span.end] == "Berlin"
    crlf = imported.documents[3]
    assert "\r\n" in crlf.raw_text and "\r" not in crlf.document.text
    acme = crlf.document.entities[0].mentions
    assert [crlf.document.text[m.span.start : m.span.end] for m in acme] == ["ACME Corp."] * 2


def test_label_studio_offsets_in_code_points_are_read_and_written_so(tmp_path: Path) -> None:
    text = "😀 Paris"
    task = {
        "data": {"text": text},
        "annotations": [
            {
                "result": [
                    {
                        "id": "a",
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {"start": 2, "end": 7, "text": "Paris", "labels": ["GPE"]},
                    }
                ]
            }
        ],
    }
    source = tmp_path / "points.json"
    source.write_text(json.dumps([task]), encoding="utf-8")
    imported = import_labelstudio(str(source))
    assert imported.diagnostics == ()
    (one,) = imported.documents
    assert dict(one.document.info.attributes)["labelstudio-offsets"] == "code-points"
    assert canonical(to_labelstudio([(one.document, one.raw_text)])) == canonical([task])


@pytest.mark.parametrize("source", PRODIGY, ids=lambda p: p.stem)
def test_prodigy_files_come_back_the_same(source: Path, tmp_path: Path) -> None:
    back, written = _round_trip("prodigy", source, tmp_path)
    assert same_file(source, back) == []
    for path in written:
        check = load(str(path))
        assert check.diagnostics == (), [d.format() for d in check.diagnostics]


def test_prodigy_groups_one_text_by_annotator_and_keeps_the_answer() -> None:
    imported = import_prodigy(str(PRODIGY[0]))
    ids = [each.document.info.id for each in imported.documents]
    assert ids[:3] == [
        "news-ner-input-1436201893-news-ner-alex",
        "news-ner-input-1436201893-news-ner-sam",
        "news-ner-input-907155466-teach-2024-05-02-10-00-00",
    ]
    teach = imported.documents[2].document
    answers = {
        (teach.text[m.span.start : m.span.end], teach.entity_by_id[m.entity_id].type): dict(
            m.attributes
        )["answer"]
        for m in teach.mentions
    }
    assert answers == {
        ("Berlin", "GPE"): "accept",
        ("Paris", "ORG"): "reject",
        ("Paris", "GPE"): "accept",
        ("Friday", "DATE"): "ignore",
    }
    relations = imported.documents[3].document
    assert {r.type for r in relations.relations} == {"treats", "affects", "mod"}


def test_prodigy_tokens_are_kept_as_boundaries_not_copied() -> None:
    imported = import_prodigy(str(PRODIGY[0]))
    kept = json.loads(dict(imported.documents[0].document.info.attributes)["prodigy-records"])
    assert kept[0]["@tokens"].startswith("0:5 6:8 9:16")


def _facts(document: Document) -> dict[str, object]:
    """What a gloss → tool → gloss trip must keep: text, entities, relations, types."""
    data = to_resolved(document)
    entities = sorted(data["entities"], key=lambda e: e["id"])
    relations = [
        {key: r[key] for key in ("type", "from", "to", "note", "attributes")}
        for r in data["relations"]
        if not (r["from_event"] or r["to_event"])
    ]
    return {
        "id": data["document"]["id"],
        "title": data["document"]["title"],
        "text": data["document"]["text"],
        "entities": entities,
        "relations": sorted(relations, key=repr),
        "types": {k: v for k, v in data["types"].items() if k != "events"},
    }


@pytest.mark.parametrize("kind", ["labelstudio", "prodigy"])
def test_a_gloss_file_exported_imports_back_the_same(kind: str, tmp_path: Path) -> None:
    document = load(str(BUNDLED)).document
    assert document is not None
    raw = Path(document.info.text_path).read_text(encoding="utf-8")
    if kind == "labelstudio":
        path = tmp_path / "x.json"
        path.write_text(json.dumps(to_labelstudio([(document, raw)])), encoding="utf-8")
        imported = import_labelstudio(str(path))
    else:
        path = tmp_path / "x.jsonl"
        path.write_text(
            "".join(json.dumps(r) + "\n" for r in to_prodigy([(document, raw)])), encoding="utf-8"
        )
        imported = import_prodigy(str(path))
    assert imported.diagnostics == ()
    (back,) = imported.documents
    assert back.document.info.attributes == ()
    assert _facts(back.document) == _facts(document)


def test_hypothesis_rows_are_anchored_in_the_page_text(tmp_path: Path) -> None:
    folder = OWN / "hypothesis"
    read = import_hypothesis(str(folder / "fundy-tides.json"), text_path=str(folder / "page.txt"))
    assert read.document is not None
    messages = [d.message for d in read.diagnostics]
    assert len(messages) == 3 and "orphan" in messages[0]
    assert "page note" in messages[1] and "reply" in messages[2]
    assert (read.anchored, read.unanchored) == (5, 1)
    document = read.document
    bay = document.entity_by_id["bay-of-fundy"]
    # The first "Bay of Fundy" (the title) is not annotated: prefix and suffix chose.
    assert [m.span.start for m in bay.mentions] == [
        document.text.index("The Bay of Fundy") + 4,
        document.text.rindex("Bay of Fundy"),
    ]
    station = document.entity_by_id["annapolis-royal-generating-station"]
    assert (
        station.type == "FAC"
        and station.description == "Closed in 2019. See the provincial report."
    )
    assert dict(station.mentions[0].attributes)["tags"] == '["FAC","energy"]'
    assert document.entity_by_id["fish-kill-study"].type == "ANNOTATION"
    assert document.info.note == "Good overview; the numbers need dates."
    copy = tmp_path / "page.txt"
    copy.write_bytes((folder / "page.txt").read_bytes())
    code, _, err = run(
        "import", "hypothesis", str(folder / "fundy-tides.json"), "--text", str(copy)
    )
    assert code == 0 and "1 not found in the page text" in err
    assert run("check", "--strict", str(tmp_path / "page.yaml"))[0] == 0


def test_hypothesis_needs_the_page_text() -> None:
    code, _, err = run("import", "hypothesis", str(OWN / "hypothesis" / "fundy-tides.json"))
    assert code == 2 and "--text" in err


@pytest.mark.parametrize(
    ("kind", "source", "named"),
    [
        (
            "doccano",
            PRODIGY[0],
            "this is Prodigy JSONL, not doccano JSONL: use gloss import prodigy",
        ),
        ("displacy", LABELSTUDIO[0], "this is Label Studio JSON, not displaCy JSON"),
        ("labelstudio", PRODIGY[0], "this is Prodigy JSONL, not Label Studio JSON"),
        ("conll", PRODIGY[0], "this is Prodigy JSONL, not CoNLL: use gloss import prodigy"),
        ("webanno", LABELSTUDIO[0], "this is Label Studio JSON, not WebAnno TSV"),
        ("prodigy", LABELSTUDIO[0], "this is Label Studio JSON, not Prodigy JSONL"),
        (
            "prodigy",
            Path(__file__).parent / "data" / "real" / "doccano" / "relation_extraction.jsonl",
            "this is doccano JSONL, not Prodigy JSONL: use gloss import doccano",
        ),
    ],
)
def test_a_file_of_another_known_format_is_named_and_nothing_written(
    kind: str, source: Path, named: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, stdout, err = run("import", kind, str(source), "-o", str(out) + "/")
    assert code == 1 and stdout == ""
    assert err.count("error:") == 1 and named in err
    assert not out.exists() or not list(out.iterdir())


def _task(text: str, *results: dict[str, object]) -> list[dict[str, object]]:
    return [{"id": 1, "data": {"text": text}, "annotations": [{"id": 1, "result": list(results)}]}]


def _region(start: int, end: int, label: str = "PER", **value: object) -> dict[str, object]:
    return {
        "id": f"r{start}",
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {"start": start, "end": end, "labels": [label], **value},
    }


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('[{"data": {"text": "a", "text": "b"}}]', "the key 'text' is given twice in one object"),
        ('[{"data": {"text": "a"}, "score": NaN}]', "NaN is not a JSON number"),
        ('[{"data": {"text": "a\\ud800b"}}]', "lone surrogate"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('[{"data": {"text": "Ann"}, "annotations": [', "not valid JSON"),
        (json.dumps(_task("Ann", _region(0, 9))), "is not within the text"),
        (json.dumps(_task("Ann", _region(2, 1))), "is not within the text"),
        (json.dumps(_task("Ann", _region(-1, 2))), "is not within the text"),
        (json.dumps(_task("Ann", _region(0, 3, text="Bob"))), "its text 'Bob' is not the text"),
        (json.dumps(_task("😀 Ann", _region(1, 4))), "is not within the text"),
        (json.dumps(_task("Ann", {**_region(0, 3), "value": {"start": 0, "end": 3}})), "labels"),
        (
            json.dumps(
                _task("Ann", _region(0, 3), {"type": "relation", "from_id": "r0", "to_id": "zz"})
            ),
            "both ends must be",
        ),
        ('[{"data": {"n": 3}}]', "holds no text"),
        ('{"rows": [{"uri": "https://x.org/", "target": []}]}', "this is hypothes.is API JSON"),
    ],
    ids=lambda value: value[:30] if isinstance(value, str) else None,
)
def test_hostile_label_studio_files_are_refused_whole(
    source: str, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "in.json"
    path.write_text(source, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run("import", "labelstudio", str(path), "-o", str(out) + "/")
    assert code == 1 and stdout == "", err
    assert message in err
    assert not out.exists() or not list(out.iterdir())


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"text": "Ann", "spans": [{"start": 0, "end": 9, "label": "PER"}]}'], "not within"),
        (['{"text": "Ann", "spans": [{"start": 0, "end": 3}]}'], '"label"'),
        (
            ['{"text": "Ann", "spans": [{"start": 0, "end": 3, "label": "P", "text": "Bo"}]}'],
            "'Bo'",
        ),
        (['{"text": "Ann", "_input_hash": 1}', '{"text": "Ann", "_input_hash": 1'], "2:"),
        (['{"text": "Ann", "answer": "accept", "answer": "reject"}'], "given twice"),
        (['{"text": "a\\udfffb"}'], "lone surrogate"),
        (['{"text": "Ann"}', "[1, 2]"], 'expected a Prodigy record: an object with "text"'),
    ],
)
def test_hostile_prodigy_files_are_refused_whole(
    lines: list[str], message: str, tmp_path: Path
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run("import", "prodigy", str(path), "-o", str(out) + "/")
    assert code == 1 and stdout == "", err
    assert message in err and "error:" in err
    assert not out.exists() or not list(out.iterdir())


def test_control_characters_of_a_real_text_are_kept_and_come_back(tmp_path: Path) -> None:
    text = "Caf\u0085 owner Ann\u0082 met Bob.\u200b"
    records = [
        {
            "text": text,
            "_input_hash": 5,
            "spans": [
                {"start": 11, "end": 15, "label": "PER"},
                {"start": 20, "end": 23, "label": "PER"},
            ],
            "answer": "accept",
        }
    ]
    source = tmp_path / "c.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    back, written = _round_trip("prodigy", source, tmp_path)
    assert same_file(source, back) == []
    document = load(str(written[0])).document
    assert document is not None and document.text == text


def test_a_large_label_studio_file_round_trips_in_reasonable_time(tmp_path: Path) -> None:
    words = ["Ann", "met", "Bob", "in", "Rome."] * 4_000
    text = " ".join(words)
    results = []
    position = 0
    for number, word in enumerate(words):
        if word in ("Ann", "Bob"):
            results.append({**_region(position, position + 3), "id": f"r{number}"})
        position += len(word) + 1
    source = tmp_path / "big.json"
    source.write_text(json.dumps(_task(text, *results)), encoding="utf-8")
    started = time.perf_counter()
    back, _ = _round_trip("labelstudio", source, tmp_path)
    assert time.perf_counter() - started < 60
    assert same_file(source, back) == []


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ('{"rows": [{"uri": "a"}, {"uri": "b"}]}', "the rows annotate 2 pages"),
        ('{"rows": [{"id": "x", "id": "y"}]}', "given twice"),
        ('[{"data": {"text": "x"}, "annotations": []}]', "this is Label Studio JSON"),
        ('{"rows": [', "not valid JSON"),
    ],
)
def test_hostile_hypothesis_files_are_refused_whole(
    rows: str, message: str, tmp_path: Path
) -> None:
    source = tmp_path / "rows.json"
    source.write_text(rows, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text("Some page.\n", encoding="utf-8")
    code, _, err = run("import", "hypothesis", str(source), "--text", str(page))
    assert code == 1 and message in err
    assert not (tmp_path / "page.yaml").exists()


def test_import_help_names_the_new_formats() -> None:
    code, out, _ = run("import", "--help")
    assert code == 0
    assert all(name in out for name in ("labelstudio", "prodigy", "hypothesis"))
