"""doccano and displaCy imports, the export formats and the exit codes of the commands."""

from __future__ import annotations

import json
from pathlib import Path

from tests.formats.helpers import BUNDLED, run
from tui.core.loading.loader import load


def test_doccano_jsonl_both_shapes_and_relations(tmp_path: Path) -> None:
    text = "Tal Kalman visited Rabat.\r\nKalman liked Rabat."
    old = {"id": 7, "text": text, "label": [[0, 10, "PERSON"], [19, 24, "GPE"]]}
    k2 = text.index("Kalman", 5)
    r2 = text.index("Rabat", 25)
    new = {
        "id": 8,
        "text": text,
        "entities": [
            {"id": 1, "label": "PERSON", "start_offset": k2, "end_offset": k2 + 6},
            {"id": 2, "label": "City", "start_offset": r2, "end_offset": r2 + 5},
            {"id": 3, "label": "City", "start_offset": 19, "end_offset": 24},
        ],
        "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "Likes"}],
    }
    source = tmp_path / "corpus.jsonl"
    source.write_text(json.dumps(old) + "\n" + json.dumps(new) + "\n", encoding="utf-8")
    code, out, err = run("import", "doccano", str(source), "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert out.count("wrote") == 2
    first = load(str(tmp_path / "out" / "corpus-7.yaml"))
    second = load(str(tmp_path / "out" / "corpus-8.yaml"))
    assert first.diagnostics == () and second.diagnostics == ()
    assert first.document is not None and second.document is not None
    assert (tmp_path / "out" / "corpus-7.txt").read_text(encoding="utf-8") == text.replace(
        "\r\n", "\n"
    )
    assert [(e.type, e.name) for e in first.document.entities] == [
        ("PER", "Tal Kalman"),
        ("GPE", "Rabat"),
    ]
    # One entity per distinct text and type, except the second Rabat: the relation names
    # it, and export writes a relation from an entity's first mention, so it stays apart
    # to come back as the same span. Unknown labels are declared.
    doc = second.document
    assert [(e.type, e.name, len(e.mentions)) for e in doc.entities] == [
        ("CITY", "Rabat", 1),
        ("PER", "Kalman", 1),
        ("CITY", "Rabat", 1),
    ]
    assert doc.entity_types["CITY"].label == "City"
    assert [(r.type, r.from_id, r.to_id) for r in doc.relations] == [("likes", "kalman", "rabat-2")]


def test_displacy_import_writes_yaml_and_text(tmp_path: Path) -> None:
    data = {
        "text": "But Google is starting from behind.",
        "ents": [{"start": 4, "end": 10, "label": "ORG"}],
        "title": "A title",
    }
    source = tmp_path / "g.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run("import", "displacy", str(source))
    assert code == 0, err
    result = load(str(tmp_path / "g.yaml"))
    assert result.document is not None and result.diagnostics == ()
    assert result.document.info.title == "A title"
    assert result.document.entities[0].name == "Google"
    assert run("check", "--strict", "-q", str(tmp_path / "g.yaml"))[0] == 0


def test_span_import_errors_are_reported_and_nothing_written(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(
        '{"text": "abc", "label": [[0, 9, "X"]]}\n{not json\n{"label": []}\n', encoding="utf-8"
    )
    code, out, err = run("import", "doccano", str(source))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == (
        f"{source}:1:1: error: span 1 [0, 9) is not within the text (3 characters) or is empty"
    )
    assert lines[1].startswith(f"{source}:2:2: error: expected one JSON object per line")
    assert lines[2] == (
        f'{source}:3:1: error: expected an object with "text" (a string; doccano 1.x writes "data")'
    )
    assert not list(tmp_path.glob("*.yaml"))
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{", encoding="utf-8")
    code, _, err = run("import", "displacy", str(bad_json))
    assert code == 1 and err.startswith(f"{bad_json}:1:2: error: not valid JSON")


def test_import_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    source = tmp_path / "g.json"
    source.write_text('{"text": "Rabat.", "ents": []}', encoding="utf-8")
    (tmp_path / "g.yaml").write_text("keep me", encoding="utf-8")
    code, _, err = run("import", "displacy", str(source))
    assert code == 1 and "gloss did not write it (--force replaces it)" in err
    assert (tmp_path / "g.yaml").read_text(encoding="utf-8") == "keep me"
    assert run("import", "displacy", "--force", str(source))[0] == 0


def test_exit_codes() -> None:
    assert run("import")[0] == 2
    assert run("import", "nope", "x")[0] == 2
    assert run("export", "--format", "nope", str(BUNDLED))[0] == 2
    code, _, err = run("import", "brat", "/nonexistent/x.ann")
    assert code == 1 and "does not exist" in err and "Traceback" not in err
    code, _, err = run("export", "--format", "html", "/nonexistent/x.yaml")
    assert code == 1 and "does not exist" in err


def test_each_export_format_writes(tmp_path: Path) -> None:
    for fmt in ("w3c", "displacy", "doccano", "html", "json"):
        target = tmp_path / f"out.{fmt}"
        code, out, err = run("export", "--format", fmt, str(BUNDLED), "-o", str(target))
        assert code == 0, err
        assert out == ""
        assert target.stat().st_size > 1000
    w3c = json.loads((tmp_path / "out.w3c").read_text(encoding="utf-8"))
    assert w3c["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    first = w3c["first"]["items"][0]
    assert [s["type"] for s in first["target"]["selector"]] == [
        "TextQuoteSelector",
        "TextPositionSelector",
    ]
    assert first["body"]["entityType"] and first["body"]["name"]
    displacy = json.loads((tmp_path / "out.displacy").read_text(encoding="utf-8"))
    assert set(displacy) == {"text", "ents", "title"}
    assert {"start", "end", "label"} == set(displacy["ents"][0])
    code, out, _ = run("export", "--format", "brat", str(BUNDLED), "-o", str(tmp_path / "brat"))
    assert code == 0
    assert (tmp_path / "brat" / "idf-morocco-2022-03-25.ann").exists()
    assert (tmp_path / "brat" / "idf-morocco-2022-03-25.txt").exists()


def test_import_keeps_textual_out(tmp_path: Path) -> None:
    import subprocess
    import sys

    source = tmp_path / "g.json"
    source.write_text('{"text": "Rabat.", "ents": [{"start": 0, "end": 5, "label": "GPE"}]}')
    code = (
        f"from tui.cli.main import main; main(['import', 'displacy', {str(source)!r}]);"
        f"main(['export', '-f', 'html', {str(tmp_path / 'g.yaml')!r}, '-o', '/dev/null'])\n"
        "import sys; assert 'textual' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
