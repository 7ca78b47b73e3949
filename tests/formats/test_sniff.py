"""One sniffer for every import: each import names a file of each other known format in
one message, exits 1 and writes nothing; and no file of a format is taken for another."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.formats.helpers import DATA, run
from tui.core.formats.sniff import FORMATS, IMPORTS, sniff, sniff_file, sniff_value

TEXT = "Obama spoke.\n"

SAMPLES: dict[str, str] = {
    "brat": "T1\tPerson 0 5\tObama\n#1\tAnnotatorNotes T1\tthe president\n",
    "doccano": json.dumps({"text": "Obama spoke.", "label": [[0, 5, "PER"]]}) + "\n",
    "displacy": json.dumps(
        {"text": "Obama spoke.", "ents": [{"start": 0, "end": 5, "label": "PERSON"}]}
    ),
    "w3c": json.dumps(
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "body": {"type": "TextualBody", "purpose": "tagging", "value": "PER"},
            "target": {
                "source": "input.txt",
                "selector": {"type": "TextPositionSelector", "start": 0, "end": 5},
            },
        }
    ),
    "cat": (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Document doc_name="x.xml">'
        '<token t_id="1" sentence="0" number="0">Obama</token><Markables/></Document>\n'
    ),
    "timeml": (
        '<?xml version="1.0"?>\n'
        '<TimeML><TEXT>Obama <EVENT eid="e1">spoke</EVENT>.</TEXT></TimeML>\n'
    ),
    "labelstudio": json.dumps(
        [
            {
                "id": 1,
                "data": {"text": "Obama spoke."},
                "annotations": [
                    {
                        "id": 1,
                        "result": [
                            {
                                "id": "a",
                                "type": "labels",
                                "from_name": "label",
                                "to_name": "text",
                                "value": {"start": 0, "end": 5, "labels": ["PER"]},
                            }
                        ],
                    }
                ],
            }
        ],
        indent=2,
    ),
    "labelstudio-min": json.dumps(
        [
            {
                "id": 1,
                "text": "Obama spoke.",
                "label": [{"start": 0, "end": 5, "text": "Obama", "labels": ["PER"]}],
                "annotator": 1,
                "annotation_id": 1,
            }
        ]
    ),
    "prodigy": json.dumps(
        {
            "text": "Obama spoke.",
            "spans": [{"start": 0, "end": 5, "label": "PERSON"}],
            "_input_hash": 1,
            "_task_hash": 2,
            "answer": "accept",
        }
    )
    + "\n",
    "hypothesis": json.dumps(
        {
            "total": 1,
            "rows": [
                {
                    "uri": "https://example.org/page",
                    "tags": ["PER"],
                    "text": "",
                    "target": [
                        {
                            "source": "https://example.org/page",
                            "selector": [{"type": "TextQuoteSelector", "exact": "Obama"}],
                        }
                    ],
                }
            ],
        }
    ),
    "conll": "-DOCSTART- -X- O O\n\nObama NNP B-NP B-PER\nspoke VBD B-VP O\n. . O O\n",
    "webanno": (
        "#FORMAT=WebAnno TSV 3.3\n"
        "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value\n\n\n"
        "#Text=Obama spoke.\n1-1\t0-5\tObama\t_\tPER\t\n1-2\t6-11\tspoke\t_\t_\t\n"
        "1-3\t11-12\t.\t_\t_\t\n"
    ),
    "xmi": (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" '
        'xmi:version="2.0">\n'
        '  <cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="Obama spoke."/>\n'
        "</xmi:XMI>\n"
    ),
    "gloss-json": json.dumps({"gloss": 1, "document": {"id": "x", "text": "Obama spoke."}}),
}
"""A small file of every format named, in the shape each tool writes."""

SUFFIX = {
    "brat": ".ann",
    "doccano": ".jsonl",
    "displacy": ".json",
    "w3c": ".jsonld",
    "cat": ".xml",
    "timeml": ".tml",
    "labelstudio": ".json",
    "prodigy": ".jsonl",
    "hypothesis": ".json",
    "conll": ".conll",
    "webanno": ".tsv",
    "xmi": ".xmi",
}
"""The name an import's own files have: every sample is given under it, so that only
what the file holds tells the formats apart."""


def _command(kind: str, source: Path, out: Path) -> list[str]:
    if kind == "brat":
        return ["import", "brat", str(source), "-o", str(out / "input.yaml")]
    if kind == "w3c":
        return ["import", "w3c", str(source), "--text", str(source.with_suffix(".txt")), "-o",
                str(out / "input.yaml")]  # fmt: skip
    if kind == "hypothesis":
        text = str(source.with_suffix(".txt"))
        return ["import", "hypothesis", str(source), "--text", text, "-o", str(out / "input.yaml")]
    return ["import", kind, str(source), "-o", f"{out}/"]


def test_every_sample_is_named_as_its_own_format() -> None:
    assert set(SUFFIX) == set(IMPORTS)
    assert {key: getattr(sniff(text), "key", None) for key, text in SAMPLES.items()} == {
        key: key for key in SAMPLES
    }


@pytest.mark.parametrize(
    ("kind", "found"),
    [(kind, found) for kind in IMPORTS for found in sorted(SAMPLES) if found != kind],
)
def test_each_import_names_each_other_format_and_writes_nothing(
    kind: str, found: str, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    source = folder / f"input{SUFFIX[kind]}"
    source.write_text(SAMPLES[found], encoding="utf-8")
    source.with_suffix(".txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, err = run(*_command(kind, source, out))
    wanted, given = FORMATS[kind], FORMATS[found]
    said = f"this is {given.name}, not {wanted.name}: use {given.use}; nothing is imported"
    assert (code, stdout) == (1, ""), err
    assert f"{source}:1:1: error: {said}" in err
    assert err.count("error:") == 1, err
    assert list(out.iterdir()) == []
    assert sorted(p.name for p in folder.iterdir()) == sorted([source.name, "input.txt"])


@pytest.mark.parametrize("kind", [k for k in IMPORTS if not FORMATS[k].json])
def test_json_of_no_known_tool_is_named_json_by_the_other_imports(
    kind: str, tmp_path: Path
) -> None:
    source = tmp_path / f"input{SUFFIX[kind]}"
    source.write_text('{"words": ["Obama"]}\n', encoding="utf-8")
    source.with_suffix(".txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run(*_command(kind, source, out))
    assert code == 1
    assert f"this is JSON, not {FORMATS[kind].name}: use gloss import doccano" in err
    assert list(out.iterdir()) == []


def _real_files() -> list[tuple[str, Path]]:
    """Every shipped sample file, with the format it is in."""
    found = [("doccano", p) for p in sorted((DATA / "real" / "doccano").glob("*.jsonl"))]
    found += [("displacy", p) for p in sorted((DATA / "real" / "displacy").glob("*.json"))]
    brat = sorted(DATA.glob("brat-cases/*.ann")) + sorted(DATA.glob("real/brat-tutorials/*/*.ann"))
    found += [("brat", p) for p in [*brat, DATA / "news.ann"] if p.stat().st_size]
    found += [("timeml", p) for p in sorted((DATA / "timeml").glob("*.tml"))]
    cat = sorted(DATA.glob("ecbplus/*/*.xml")) + sorted(DATA.glob("meantime-*/**/*.xml"))
    found += [("cat", p) for p in cat]
    found += [("labelstudio", p) for p in sorted(DATA.glob("own/labelstudio/*.json"))]
    found += [("prodigy", p) for p in sorted(DATA.glob("own/prodigy/*.jsonl"))]
    found += [("hypothesis", p) for p in sorted(DATA.glob("own/hypothesis/*.json"))]
    return found


@pytest.mark.parametrize(
    ("kind", "path"), _real_files(), ids=lambda v: v if isinstance(v, str) else v.name
)
def test_no_shipped_file_is_taken_for_another_format(kind: str, path: Path) -> None:
    assert getattr(sniff_file(str(path)), "key", None) == kind


def test_a_list_is_named_by_its_items_when_they_agree() -> None:
    prodigy = json.loads(SAMPLES["prodigy"])
    assert getattr(sniff_value([prodigy, prodigy]), "key", None) == "prodigy"
    assert sniff_value([prodigy, json.loads(SAMPLES["displacy"])]) is None
    assert sniff_value({"type": []}) is None  # a value of the wrong kind is no key
    # A long JSON list cut short is named by its first item.
    task = json.loads(SAMPLES["labelstudio"])[0]
    cut = json.dumps([task, task], indent=2)[:-40]
    assert getattr(sniff(cut), "key", None) == "labelstudio"
    assert sniff("") is None and sniff("   \n") is None
    assert sniff("{gloss: 1, document: {id: a}}") is None  # YAML, not JSON
