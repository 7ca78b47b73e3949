"""W3C Web Annotation files come back the same file after import and export ("the same"
as :mod:`tests.formats.json_compare` says): another tool's whole, gloss's own as gloss
writes it; an annotation edited in gloss is written in gloss's form, keeping its id."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.formats.helpers import BUNDLED, DATA, run
from tests.formats.json_compare import same_file

SAMPLES = sorted(DATA.glob("own/w3c/*.jsonld"))


def _imported(source: Path, folder: Path) -> Path:
    """``source`` and its text copied into ``folder``, imported; the gloss file."""
    shutil.copy(source, folder / source.name)
    shutil.copy(source.with_suffix(".txt"), folder / f"{source.stem}.txt")
    yaml_path = folder / f"{source.stem}.yaml"
    text = str(folder / f"{source.stem}.txt")
    code, _, err = run(
        "import", "w3c", str(folder / source.name), "--text", text, "-o", str(yaml_path)
    )
    assert code == 0, err
    code, report, err = run("check", "--strict", str(yaml_path))
    assert code == 0, report + err
    return yaml_path


def _exported(yaml_path: Path) -> Path:
    back = yaml_path.with_name("back.jsonld")
    code, _, err = run("export", "--format", "w3c", str(yaml_path), "-o", str(back))
    assert code == 0, err
    return back


def test_the_samples_are_there() -> None:
    assert [p.name for p in SAMPLES] == ["minutes.jsonld", "travels.jsonld"]


@pytest.mark.parametrize("source", SAMPLES, ids=lambda p: p.stem)
def test_another_tools_file_comes_back_the_same(source: Path, tmp_path: Path) -> None:
    back = _exported(_imported(source, tmp_path))
    assert same_file(source, back) == []


def test_glosss_own_file_comes_back_the_same_and_keeps_nothing_extra(tmp_path: Path) -> None:
    shutil.copy(BUNDLED.with_suffix(".txt"), tmp_path / BUNDLED.with_suffix(".txt").name)
    first = tmp_path / "first.jsonld"
    code, _, err = run("export", "--format", "w3c", str(BUNDLED), "-o", str(first))
    assert code == 0, err
    yaml_path = tmp_path / "again.yaml"
    code, _, err = run("import", "w3c", str(first), "-o", str(yaml_path))
    assert code == 0, err
    assert "w3c-" not in yaml_path.read_text(encoding="utf-8")
    assert same_file(first, _exported(yaml_path)) == []


def _items(path: Path) -> list[dict[str, object]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else data["items"]


def test_an_edited_annotation_is_written_anew_and_the_others_as_they_were(tmp_path: Path) -> None:
    source = DATA / "own" / "w3c" / "travels.jsonld"
    yaml_path = _imported(source, tmp_path)
    text = yaml_path.read_text(encoding="utf-8")
    # The Parthenon becomes a PLACE; Corinth is deleted.
    head, _, tail = text.partition("- id: corinth")
    tail = tail.partition("\n- id:")[2]
    edited = (head + ("- id:" + tail if tail else "")).replace("type: BUILDING", "type: PLACE")
    yaml_path.write_text(edited, encoding="utf-8")
    code, report, err = run("check", str(yaml_path))
    assert code == 0, report + err
    before, after = _items(source), _items(_exported(yaml_path))
    assert len(after) == len(before) - 1
    assert after[:4] == before[:4]
    parthenon = after[4]
    assert parthenon["id"] == before[4]["id"]  # its own id, and what gloss does not write
    assert parthenon["generator"] == before[4]["generator"]
    assert parthenon["body"]["entityType"] == "PLACE"  # type: ignore[index]
    assert str(before[5]["id"]) not in json.dumps(after)
