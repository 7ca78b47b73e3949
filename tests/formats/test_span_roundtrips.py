"""doccano and displaCy files come back the same file after import and export ("the same"
as :mod:`tests.formats.json_compare` says), whatever they hold beyond spans; what is
edited in gloss is written from gloss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.formats.helpers import DATA, run
from tests.formats.json_compare import read_json_or_jsonl, same_file

FILES = sorted(
    [
        *DATA.glob("real/doccano/*.jsonl"),
        *DATA.glob("own/doccano/*.jsonl"),
        *DATA.glob("real/displacy/*.json"),
        *DATA.glob("own/displacy/*.json"),
    ]
)


def _kind(path: Path) -> str:
    return "doccano" if path.suffix == ".jsonl" else "displacy"


def _import(path: Path, out: Path) -> None:
    labels = path.with_name(path.stem + "-labels.json")
    extra = ["--labels", str(labels)] if labels.exists() else []
    code, _, err = run("import", _kind(path), str(path), *extra, "-o", f"{out}/")
    assert code == 0, err
    assert err == ""
    code, report, err = run("check", "--strict", str(out))
    assert code == 0, report + err


def _export(kind: str, out: Path, target: Path) -> None:
    code, _, err = run("export", "--format", kind, str(out), "-o", str(target))
    assert code == 0, err


def test_the_samples_are_there() -> None:
    assert sorted(p.name for p in FILES if "own" in p.parts) == [
        "doccano-1x.jsonl",
        "docs.json",
        "one.json",
        "relations.jsonl",
        "sequence-crlf.jsonl",
    ]
    assert len(FILES) == 12


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_import_then_export_gives_the_same_file(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _import(path, out)
    back = tmp_path / f"back{path.suffix}"
    _export(_kind(path), out, back)
    assert same_file(path, back) == []


def test_the_comparison_is_strict() -> None:
    from tests.formats.json_compare import canonical

    record = {"text": "a b", "label": [[0, 1, "X"], [2, 3, "Y"]], "id": 1}
    assert canonical(record) == canonical(json.loads(json.dumps(record, indent=3)))
    for changed in (
        {**record, "id": 1.0},
        {**record, "label": [[2, 3, "Y"], [0, 1, "X"]]},  # span order is kept
        {**record, "label": [[0, 1, "X"]]},
        {key: value for key, value in record.items() if key != "id"},
    ):
        assert canonical(changed) != canonical(record)


def _entities(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    _import(DATA / "own" / "doccano" / "relations.jsonl", out)
    return out / "relations-2.yaml"


def test_a_mention_added_in_gloss_is_appended_with_a_new_id(tmp_path: Path) -> None:
    yaml_path = _entities(tmp_path)
    yaml_path.write_text(
        yaml_path.read_text(encoding="utf-8").replace(
            "relations:\n",
            "- id: sold\n  type: ORG\n  name: sold\n  mentions:\n  - sold\n\nrelations:\n",
        ),
        encoding="utf-8",
    )
    code, _, err = run("export", "--format", "doccano", str(yaml_path))
    assert code == 0, err
    (record,) = [json.loads(line) for line in _stdout(yaml_path).splitlines()]
    assert record["entities"][:2] == [
        {"id": 40, "label": "ORG", "start_offset": 0, "end_offset": 14},
        {"id": 41, "label": "PRODUCT", "start_offset": 20, "end_offset": 26},
    ]
    assert record["entities"][2] == {
        "id": 42,
        "label": "ORG",
        "start_offset": 15,
        "end_offset": 19,
    }
    assert record["Comments"] == ["check UNIVAC"]
    assert record["relations"] == [{"id": 1, "from_id": 40, "to_id": 41, "type": "sold"}]


def test_a_mention_deleted_in_gloss_is_left_out_with_its_relation(tmp_path: Path) -> None:
    yaml_path = _entities(tmp_path)
    text = yaml_path.read_text(encoding="utf-8")
    head, _, _ = text.partition("- id: univac")
    yaml_path.write_text(head, encoding="utf-8")
    (record,) = [json.loads(line) for line in _stdout(yaml_path).splitlines()]
    assert record["entities"] == [{"id": 40, "label": "ORG", "start_offset": 0, "end_offset": 14}]
    assert record["relations"] == []


def test_a_displacy_list_stays_a_list_and_its_order(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = DATA / "own" / "displacy" / "docs.json"
    _import(source, out)
    one = tmp_path / "one.json"
    _export("displacy", out, one)
    assert isinstance(read_json_or_jsonl(one), list)
    # One document read from a list is written as a list of one.
    code, stdout, err = run("export", "--format", "displacy", str(out / "docs-2.yaml"))
    assert code == 0, err
    assert json.loads(stdout) == [
        {"text": "Nobody.", "ents": [], "title": None, "settings": {"lang": "en"}}
    ]


def _stdout(yaml_path: Path) -> str:
    code, stdout, err = run("export", "--format", "doccano", str(yaml_path))
    assert code == 0, err
    return stdout
