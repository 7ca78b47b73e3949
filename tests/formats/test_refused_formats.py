"""A file of another known format is named as such, and a file gloss cannot read whole
is refused with nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.formats.helpers import DATA, run
from tui.core.formats.inputs import sniff, sniff_file

PRODIGY = (
    '{"text": "Barack Obama visited Paris.", "spans": [{"start": 0, "end": 12, '
    '"label": "PERSON", "token_start": 0, "token_end": 1}], "_input_hash": 1, '
    '"_task_hash": 2, "answer": "accept"}\n'
    '{"text": "Paris.", "spans": [], "_input_hash": 3, "_task_hash": 4, "answer": "reject"}\n'
)
XMI = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" '
    'xmi:version="2.0">\n'
    '  <cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="Obama spoke."/>\n'
    "</xmi:XMI>\n"
)
LABEL_STUDIO = json.dumps(
    [
        {
            "id": 1,
            "data": {"text": "Obama spoke."},
            "annotations": [{"result": [{"type": "labels", "value": {"start": 0, "end": 5}}]}],
        }
    ]
)


def _written(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


@pytest.mark.parametrize(
    ("kind", "name", "content", "said"),
    [
        ("doccano", "p.jsonl", PRODIGY, "this is Prodigy JSONL, not doccano JSONL: use gloss "),
        ("displacy", "p.jsonl", PRODIGY, "this is Prodigy JSONL, not displaCy JSON: use gloss "),
        ("displacy", "ls.json", LABEL_STUDIO, "this is Label Studio JSON, not displaCy JSON"),
        ("doccano", "ls.json", LABEL_STUDIO, "this is Label Studio JSON, not doccano JSONL"),
        ("cat", "doc.xmi", XMI, "this is UIMA CAS XMI, not CAT XML: use gloss import xmi"),
        ("brat", "p.ann", PRODIGY, "this is Prodigy JSONL, not brat standoff"),
    ],
)
def test_another_known_format_is_named_and_nothing_is_written(
    tmp_path: Path, kind: str, name: str, content: str, said: str
) -> None:
    source = tmp_path / "in" / name
    source.parent.mkdir()
    source.write_text(content, encoding="utf-8")
    source.with_suffix(".txt").write_text("Obama spoke.\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["import", kind, str(source)] + ([] if kind == "brat" else ["-o", f"{out}/"])
    code, _, err = run(*args)
    assert code == 1
    assert said in err
    assert _written(out) == []
    assert sorted(p.name for p in source.parent.iterdir()) == sorted(
        {name, source.with_suffix(".txt").name}
    )


def test_an_xml_file_that_is_not_cat_is_refused_whole(tmp_path: Path) -> None:
    (tmp_path / "r.xml").write_text("<root><Markables/></root>", encoding="utf-8")
    code, _, err = run("import", "cat", str(tmp_path / "r.xml"), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "expected a <Document> element, not <root>: not a CAT file" in err
    assert _written(tmp_path / "out") == []


def test_sniffing_names_the_shapes_of_real_files() -> None:
    real = DATA / "real"
    assert sniff_file(str(real / "doccano" / "relation_extraction.jsonl")).key == "doccano"  # type: ignore[union-attr]
    assert sniff_file(str(real / "displacy" / "ent-input.json")).key == "displacy"  # type: ignore[union-attr]
    assert sniff_file(str(DATA / "news.ann")).key == "brat"  # type: ignore[union-attr]
    assert sniff(PRODIGY).key == "prodigy"  # type: ignore[union-attr]
    assert sniff(XMI).key == "xmi"  # type: ignore[union-attr]
    assert sniff(LABEL_STUDIO).key == "labelstudio"  # type: ignore[union-attr]
    assert sniff('{"rows": [{"uri": "https://x", "target": []}], "total": 1}').key == "hypothesis"  # type: ignore[union-attr]
    assert sniff("#FORMAT=WebAnno TSV 3.3\n").key == "webanno"  # type: ignore[union-attr]
    assert sniff("-DOCSTART- -X- O O\n\nEU NNP B-NP B-ORG\n").key == "conll"  # type: ignore[union-attr]
    assert sniff("EU\tB-ORG\nrejects\tO\n").key == "conll"  # type: ignore[union-attr]
    assert sniff("<TimeML><TEXT/></TimeML>").key == "timeml"  # type: ignore[union-attr]
    assert sniff('{"text": "x"}') is None  # too little to tell
    assert sniff("") is None and sniff("just words") is None
