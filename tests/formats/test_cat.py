"""``gloss import cat``: the ECB+ sample (69 real documents) and broken or hostile XML.

The expected figures are counted here from the XML with the standard library's
parser, independently of the importer, and a few are also written out so that a
change in either shows.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from tests.formats.helpers import DATA, run
from tui.core.document.diagnostics import DiagnosticSink
from tui.core.document.model import Document, Span
from tui.core.formats.cat.build import build
from tui.core.formats.cat.chains import LINK_NAME
from tui.core.formats.cat.classes import CLASSES, class_of_code
from tui.core.formats.cat.naming import best_name, readable_descriptor
from tui.core.formats.cat.parse import parse_bytes, parse_file
from tui.core.formats.cat.plan import plan_import
from tui.core.formats.cat.text import join_tokens
from tui.core.formats.resolved import to_resolved
from tui.core.loading.loader import load

SAMPLE = DATA / "ecbplus"
XML_FILES = sorted(SAMPLE.glob("*/*.xml"))


@pytest.fixture(autouse=True)
def _own_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@pytest.fixture(scope="module")
def imported() -> dict[str, Document]:
    result = plan_import([str(SAMPLE)], "unused")
    return {doc_id: built.document for doc_id, built in result.documents}


def _xml(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def _anchored(root: ET.Element) -> list[ET.Element]:
    markables = root.find("Markables")
    assert markables is not None
    return [m for m in markables if m.find("token_anchor") is not None]


# -- the sample ----------------------------------------------------------------------


def test_every_document_is_imported_with_its_file_name_as_id() -> None:
    result = plan_import([str(SAMPLE)], "out")
    assert len(XML_FILES) == 69
    assert sorted(doc_id for doc_id, _ in result.documents) == sorted(p.stem for p in XML_FILES)
    assert not result.has_errors
    # The sample's two annotation slips are warned about, at their places in the XML.
    assert sorted(
        (Path(d.path).name, d.position.line, d.position.column) for d in result.diagnostics
    ) == [("1_11ecb.xml", 448, 1), ("1_1ecbplus.xml", 416, 1)]
    names = sorted(os.path.basename(p.path) for p in result.planned)
    assert len(names) == 69 * 2 + 1 and "SOURCE.md" in names


def test_markable_count_per_class(imported: dict[str, Document]) -> None:
    expected: Counter[str] = Counter()
    for path in XML_FILES:
        expected.update(m.tag for m in _anchored(_xml(path)))
    got: Counter[str] = Counter()
    for document in imported.values():
        for entity in document.entities:
            cat_class = class_of_code(entity.type)
            assert cat_class is not None
            got[cat_class.name] += len(entity.mentions)
        for event in document.events:
            cat_class = class_of_code(event.type)
            assert cat_class is not None
            got[cat_class.name] += 1
    assert got == expected
    assert sum(expected.values()) == 1786
    assert expected == {
        **{"ACTION_ASPECTUAL": 15, "ACTION_CAUSATIVE": 2, "ACTION_OCCURRENCE": 575},
        **{"ACTION_PERCEPTION": 1, "ACTION_REPORTING": 79, "ACTION_STATE": 45},
        **{"HUMAN_PART_GENERIC": 10, "HUMAN_PART_GPE": 1, "HUMAN_PART_MET": 3},
        **{"HUMAN_PART_ORG": 75, "HUMAN_PART_PER": 434, "HUMAN_PART_VEH": 62},
        **{"LOC_FAC": 190, "LOC_GEO": 53, "LOC_OTHER": 6},
        **{"NEG_ACTION_OCCURRENCE": 18, "NEG_ACTION_REPORTING": 8, "NEG_ACTION_STATE": 7},
        **{"NON_HUMAN_PART": 55, "NON_HUMAN_PART_GENERIC": 4},
        **{"TIME_DATE": 78, "TIME_DURATION": 18, "TIME_OF_THE_DAY": 42, "TIME_REPETITION": 5},
    }


def test_every_class_is_a_declared_type_with_label_and_description(
    imported: dict[str, Document],
) -> None:
    for document in imported.values():
        for table, items in (
            (document.entity_types, document.entities),
            (document.event_types, document.events),
        ):
            for item in items:
                info = table[item.type]
                cat_class = class_of_code(item.type)
                assert cat_class is not None and info.declared
                assert info.label == cat_class.label
                assert info.description.startswith(f"ECB+ {cat_class.name}: ")
    ecb_plus = [c for c in CLASSES.values() if c.description.startswith("ECB+ ")]
    assert len(ecb_plus) == 30
    assert len({c.code for c in CLASSES.values()}) == len(CLASSES)


def _token_texts(root: ET.Element) -> dict[str, str]:
    return {t.get("t_id", ""): t.text or "" for t in root.iter("token")}


def test_every_markable_spans_exactly_its_tokens(imported: dict[str, Document]) -> None:
    """For every markable: each fragment's text is its tokens joined by the same rule."""
    checked = 0
    for path in XML_FILES:
        root = _xml(path)
        document = imported[path.stem]
        text = document.text
        tokens = _token_texts(root)
        order = {t_id: index for index, t_id in enumerate(tokens)}
        pieces = {
            tuple(text[p.start : p.end] for p in m.fragments)
            for e in document.entities
            for m in e.mentions
        }
        triggers = {text[e.trigger.start : e.trigger.end] for e in document.events}
        for markable in _anchored(root):
            ids = sorted(
                {a.get("t_id", "") for a in markable.iter("token_anchor")}, key=order.__getitem__
            )
            runs: list[list[str]] = []
            for t_id in ids:
                if runs and order[t_id] == order[runs[-1][-1]] + 1:
                    runs[-1].append(t_id)
                else:
                    runs.append([t_id])
            expected = tuple(join_tokens([tokens[t] for t in run]).text for run in runs)
            if CLASSES[markable.tag].is_event:
                assert any(
                    t.startswith(expected[0]) and t.endswith(expected[-1]) for t in triggers
                ), (path.name, markable.get("m_id"), expected)
                if len(expected) == 1:
                    assert expected[0] in triggers
            else:
                assert expected in pieces, (path.name, markable.get("m_id"), expected)
            checked += 1
    assert checked == 1786


def test_token_offsets_follow_the_joining_rules() -> None:
    cat = parse_file(str(SAMPLE / "1" / "1_1ecbplus.xml"), DiagnosticSink("x"))
    assert cat is not None
    built = build(cat, doc_id="1_1ecbplus", text_name="1_1ecbplus.txt", sink=DiagnosticSink("x"))
    text = built.document.text
    assert built.source == (
        "http://www.accesshollywood.com/lindsay-lohan-leaves-betty-ford-checks-into-malibu-rehab"
        "_article_80744"
    )
    assert text.startswith(built.source + "\n\nLindsay Lohan Leaves Betty Ford, Checks Into")
    assert "First Published: June 13, 2013 4:59 PM EDT\n\n" in text
    assert "a rehab facility in Malibu, Calif., Access Hollywood has confirmed." in text
    assert "her 90-day court-mandated rehab." in text
    assert "Lohan’s attorney, Shawn Holley, spoke out" in text
    assert "“Lindsay is grateful for the treatment" in text
    assert built.document.info.title == "Lindsay Lohan Leaves Betty Ford, Checks Into Malibu Rehab"


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["Hello", ",", "world", "!"], "Hello, world!"),
        (["The", "``", "American", "Pie", "''", "actress"], "The “American Pie” actress"),
        (["it", "was", "n't", "Tara", "'s"], "it wasn't Tara's"),
        (["(", "c", ")", "$", "100", "5", "%"], "(c) $100 5%"),
        (["anti", "-", "piracy", "herself", "-", "it"], "anti-piracy herself - it"),
        (["05", "/", "03", "/", "2013", "4", ":", "59"], "05/03/2013 4:59"),
        (["the", "pirates", "'", "boats"], "the pirates' boats"),
        (["he", "said", '"', "we", "won", '"', "."], 'he said "we won".'),
        (["Lohan", "’", "s", "lawyer"], "Lohan’s lawyer"),
        (["a", "\n", "b  c"], "a b c"),
    ],
)
def test_join_tokens(tokens: list[str], text: str) -> None:
    joined = join_tokens(tokens)
    assert joined.text == text
    for token, (start, end) in zip(tokens, joined.offsets, strict=True):
        shown = joined.text[start:end]
        assert shown == " ".join(token.split()) or shown in "“”‘’"


def test_chains_within_and_across_documents(imported: dict[str, Document]) -> None:
    intra = cross = 0
    documents_of: dict[str, set[str]] = {}
    for path in XML_FILES:
        relations = _xml(path).find("Relations")
        assert relations is not None
        for relation in relations:
            if relation.tag == "INTRA_DOC_COREF":
                intra += 1
            else:
                cross += 1
                if relation.find("source") is not None:  # a few name no mention at all
                    documents_of.setdefault(relation.get("note", ""), set()).add(path.stem)
    assert (intra, cross) == (2, 1002)
    shared = {note: docs for note, docs in documents_of.items() if len(docs) > 1}
    assert len(documents_of) == 368 and len(shared) == 144
    linked: dict[str, set[str]] = {}
    for doc_id, document in imported.items():
        for item in (*document.entities, *document.events):
            for key, value in item.links:
                assert key == LINK_NAME
                linked.setdefault(value, set()).add(doc_id)
    # In 1_1ecbplus one chain of an action lists only a participant (a slip in the
    # sample): that participant keeps its own chain, and the other is in its description.
    slip = "ACT15738091639707092"
    assert set(linked) == set(documents_of)
    for note, docs in linked.items():
        assert docs == documents_of[note] - ({"1_1ecbplus"} if note == slip else set())
    car = next(e for e in imported["1_1ecbplus"].entities if e.name == "car")
    assert car.description is not None and "ACT15738091639707092" in car.description


def test_a_chain_is_one_entity_and_one_happening(imported: dict[str, Document]) -> None:
    document = imported["1_1ecbplus"]
    lohan = next(e for e in document.entities if e.name == "Lindsay Lohan")
    assert lohan.type == "HUMAN_PART_PER"
    assert dict(lohan.links) == {LINK_NAME: "HUM15732980283919140"}
    assert lohan.description == "ECB+ instance t1_lindsay_lohan"
    assert len(lohan.mentions) == 11
    # The chain of the check-in at Cliffside is four events told as one happening.
    told = [e for e in document.events if dict(e.links).get(LINK_NAME) == "ACT15986681471021312"]
    assert len(told) == 4
    assert {e.summary for e in told} == {"checking into cliffside"}
    assert len(document.happening_of(told[0])) == 4
    # The within-document chain of 1_11ecb: its two classes are kept apart.
    other = imported["1_11ecb"]
    noted = [
        item
        for item in (*other.entities, *other.events)
        if "r_id 37615" in ((getattr(item, "description", None) or getattr(item, "note", "")) or "")
    ]
    assert len(noted) >= 2


def test_names_come_from_the_most_informative_mention() -> None:
    assert best_name(["she", "Lohan", "Lindsay Lohan", "her", "Lohan"]) == "Lindsay Lohan"
    assert best_name(["a rehab facility in Malibu", "Cliffside"]) == "Cliffside"
    assert best_name(["it", "the car"]) == "the car"
    assert readable_descriptor("t1b_checking_in_promises") == "checking in promises"


def test_negation_is_kept(imported: dict[str, Document]) -> None:
    negated = [
        event
        for document in imported.values()
        for event in document.events
        if event.type.startswith("NEG-ACTION.")
    ]
    assert len(negated) == 18 + 8 + 7
    assert all(dict(event.attributes) == {"Negation": "true"} for event in negated)
    assert all(event.realis_attributes for event in negated)
    # The exact ECB+ class of every event type is its source name.
    assert all(
        document.event_types[event.type].source == event.type.replace(".", "_").replace("-", "_")
        for document in imported.values()
        for event in document.events
    )


def test_discontinuous_markables_keep_every_piece(imported: dict[str, Document]) -> None:
    pieces = [
        m
        for document in imported.values()
        for e in document.entities
        for m in e.mentions
        if m.parts
    ]
    notes = [
        e
        for document in imported.values()
        for e in document.events
        if e.note and "in pieces:" in e.note
    ]
    assert len(pieces) + len(notes) == 14


# -- writing, checking, round trip ---------------------------------------------------


def test_import_writes_a_corpus_that_passes_strict_check(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    code, stdout, stderr = run(
        "import", "cat", str(SAMPLE / "1"), str(SAMPLE / "12"), "-o", str(out)
    )
    assert code == 0, stderr
    assert "wrote 69 documents (1786 markables" in stdout
    source = (out / "SOURCE.md").read_text(encoding="utf-8")
    assert "CC BY 3.0" in source and "Agata Cybulska and Piek Vossen. 2014." in source
    assert "| 1_1ecbplus | http://www.accesshollywood.com/" in source
    yaml_text = (out / "1_1ecbplus.yaml").read_text(encoding="utf-8")
    assert yaml_text.startswith("# Imported from 1_1ecbplus.xml (CAT/CROMER XML)")
    code, _, stderr = run("check", "--strict", "--quiet", *map(str, sorted(out.glob("*.yaml"))))
    assert code == 0, stderr


def test_import_then_json_export_keeps_every_markable(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    assert run("import", "cat", str(SAMPLE), "-o", str(out))[0] == 0
    total = 0
    for path in XML_FILES:
        # The folders of the input are kept: SAMPLE/1/1_1ecb.xml → out/1/1_1ecb.yaml.
        loaded = load(str(out / path.parent.name / f"{path.stem}.yaml"))
        assert loaded.document is not None
        data = json.loads(json.dumps(to_resolved(loaded.document)))
        pieces = Counter()
        for entity in data["entities"]:
            for mention in entity["mentions"]:
                parts = mention.get("parts") or [mention]
                pieces[tuple((p["start"], p["end"]) for p in parts)] += 1
        for event in data["events"]:
            pieces[((event["trigger"]["start"], event["trigger"]["end"]),)] += 1
        cat = parse_file(str(path), DiagnosticSink("x"))
        assert cat is not None
        built = build(cat, doc_id=path.stem, text_name="x", sink=DiagnosticSink("x"))
        expected = Counter()
        for entity in built.document.entities:
            for m in entity.mentions:
                expected[tuple((p.start, p.end) for p in m.fragments)] += 1
        for event in built.document.events:
            expected[((event.trigger.start, event.trigger.end),)] += 1
        assert pieces == expected
        total += built.markables
    assert total == 1786


def test_nothing_is_replaced_that_gloss_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    out.mkdir()
    (out / "1_1ecbplus.txt").write_text("mine\n", encoding="utf-8")
    code, _, stderr = run("import", "cat", str(SAMPLE / "1" / "1_1ecbplus.xml"), "-o", str(out))
    assert code == 1
    assert "1_1ecbplus.txt: it exists and gloss did not write it" in stderr
    assert "nothing was written" in stderr
    assert not (out / "1_1ecbplus.yaml").exists()
    code, _, _ = run(
        "import", "cat", str(SAMPLE / "1" / "1_1ecbplus.xml"), "-o", str(out), "--force"
    )
    assert code == 0 and (out / "1_1ecbplus.yaml").exists()
    # Importing again over its own files needs no --force.
    code, _, _ = run("import", "cat", str(SAMPLE / "1" / "1_1ecbplus.xml"), "-o", str(out))
    assert code == 0


def test_the_input_s_folders_are_kept_and_no_two_outputs_collide(tmp_path: Path) -> None:
    tree = tmp_path / "ECB+"
    for folder, name in (("1", "1_1ecb"), ("12", "12_1ecb"), ("12/deep", "12_1ecbplus")):
        (tree / folder).mkdir(parents=True, exist_ok=True)
        _write(tree / folder, f"{name}.xml")
    (tmp_path / "other").mkdir()
    _write(tmp_path / "other", "12_1ECB.xml")  # the same file name on a case-blind disk
    lone = _write(tmp_path, "lone.xml")
    out = tmp_path / "out"
    code, stdout, stderr = run(
        "import",
        "cat",
        str(tree),
        str(tmp_path / "other"),
        str(lone),
        str(tree / "12"),
        "-o",
        str(out),
    )
    assert code == 1
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == [
        "1/1_1ecb.txt",
        "1/1_1ecb.yaml",
        "12/12_1ecb.txt",
        "12/12_1ecb.yaml",
        "12/deep/12_1ecbplus.txt",
        "12/deep/12_1ecbplus.yaml",
        "12_1ECB.txt",  # other/ is a folder named: relative to it, at the top
        "12_1ECB.yaml",
        "SOURCE.md",
        "deep/12_1ecbplus.txt",  # ECB+/12 named again: relative to it
        "deep/12_1ecbplus.yaml",
        "lone.txt",  # a file named itself: at the top
        "lone.yaml",
    ]
    # ECB+/12/12_1ecb.xml, named again through ECB+/12, would land on other/12_1ECB's place.
    assert stderr.splitlines()[0] == (
        f"{tree / '12' / '12_1ecb.xml'}:1:1: error: another input"
        f" ({tmp_path / 'other' / '12_1ECB.xml'}) has the same name; this one is skipped"
    )
    assert "wrote 6 documents" in stdout
    source = (out / "SOURCE.md").read_text(encoding="utf-8")
    assert "| 12/deep/12_1ecbplus | not given |" in source and "| lone | not given |" in source
    loaded = load(str(out / "12" / "deep" / "12_1ecbplus.yaml"))
    assert loaded.document is not None and loaded.document.text.startswith("Tara left")


def test_a_folder_of_the_output_that_is_a_link_is_not_written_through(tmp_path: Path) -> None:
    tree = tmp_path / "in"
    (tree / "1").mkdir(parents=True)
    _write(tree / "1", "1_1ecb.xml")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "1").symlink_to(elsewhere, target_is_directory=True)
    code, _, stderr = run("import", "cat", str(tree), "-o", str(out))
    assert code == 1
    assert (
        f"gloss: {out / '1'}: it is a symbolic link; gloss writes no folder through a link"
        in stderr
    )
    assert list(elsewhere.iterdir()) == []


def test_a_symlink_in_the_output_is_not_written_through(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    out.mkdir()
    precious = tmp_path / "precious"
    precious.write_text("keep\n", encoding="utf-8")
    (out / "1_1ecbplus.txt").symlink_to(precious)
    code, _, stderr = run("import", "cat", str(SAMPLE / "1" / "1_1ecbplus.xml"), "-o", str(out))
    assert code == 1 and "symbolic link" in stderr
    assert precious.read_text(encoding="utf-8") == "keep\n"


# -- errors ----------------------------------------------------------------------------

GOOD = """<Document doc_name="t.xml" doc_id="D1">
<token t_id="1" sentence="0" number="0">Tara</token>
<token t_id="2" sentence="0" number="1">left</token>
<token t_id="3" sentence="0" number="2">.</token>
<Markables>
<HUMAN_PART_PER m_id="1"  >
  <token_anchor t_id="1"/>
</HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="2"  >
  <token_anchor t_id="2"/>
</ACTION_OCCURRENCE>
{extra}
</Markables>
<Relations>
{relations}
</Relations>
</Document>
"""


def _write(folder: Path, name: str, extra: str = "", relations: str = "") -> Path:
    path = folder / name
    path.write_text(GOOD.format(extra=extra, relations=relations), encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    result = plan_import([str(path)], "out")
    return [d.format().replace(str(path.parent) + os.sep, "") for d in result.diagnostics]


def test_malformed_xml_has_its_place_and_the_other_files_are_imported(tmp_path: Path) -> None:
    (tmp_path / "a_bad.xml").write_text('<Document>\n  <token t_id="1">x</tok>\n', encoding="utf-8")
    _write(tmp_path, "b_good.xml")
    result = plan_import([str(tmp_path)], str(tmp_path / "out"))
    assert [d.format() for d in result.diagnostics] == [
        f"{tmp_path / 'a_bad.xml'}:2:22: error: malformed XML: mismatched tag"
    ]
    assert [doc_id for doc_id, _ in result.documents] == ["b_good"]


def test_missing_token_missing_markable_and_unknown_class(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "t.xml",
        extra=(
            '<LOC_GEO m_id="3"  >\n  <token_anchor t_id="99"/>\n</LOC_GEO>\n'
            '<ACTION_DANCE m_id="4"  >\n  <token_anchor t_id="3"/>\n</ACTION_DANCE>'
        ),
        relations=(
            '<CROSS_DOC_COREF r_id="7" note="HUM1" >\n  <source m_id="1" />\n'
            '  <source m_id="42" />\n  <target m_id="43" />\n</CROSS_DOC_COREF>\n'
            '<TLINK r_id="8" >\n  <source m_id="1" />\n  <target m_id="2" />\n</TLINK>'
        ),
    )
    assert _problems(path) == [
        "t.xml:12:1: error: markable m_id 3 <LOC_GEO> points at token t_id 99, which is not"
        " in the file; the markable is left out",
        "t.xml:15:1: warning: markable m_id 4 <ACTION_DANCE>: unknown class; kept as its own"
        " type ACTION.DANCE (an event; known: ECB+'s ACTION_*, NEG_ACTION_*, HUMAN_PART_*,"
        " NON_HUMAN_PART*, LOC_*, TIME_*; MEANTIME's EVENT_MENTION, ENTITY_MENTION, TIMEX3,"
        " VALUE, SIGNAL, C-SIGNAL)",
        "t.xml:22:3: error: relation r_id 7 points at markable m_id 42, which is not in the file",
        "t.xml:23:3: error: relation r_id 7 points at markable m_id 43, which is not in the file",
    ]
    # The rest of the document is imported: the person (linked), the event, and the
    # markable of the unknown class as an event of its own type.
    result = plan_import([str(path)], "out")
    document = result.documents[0][1].document
    assert [(e.name, dict(e.links)) for e in document.entities] == [("Tara", {"ecbplus": "HUM1"})]
    assert [(e.summary, e.type) for e in document.events] == [
        ("left", "ACTION.OCCURRENCE"),
        (".", "ACTION.DANCE"),
    ]
    dance = document.event_types["ACTION.DANCE"]
    assert (dance.declared, dance.source, dance.label) == (
        True,
        "ACTION_DANCE",
        "Action: ACTION_DANCE",
    )


def test_an_unknown_class_is_its_own_type_and_the_import_succeeds(tmp_path: Path) -> None:
    # Real ECB+ files (not in the sample) have markables of the bare class HUMAN_PART.
    path = _write(
        tmp_path,
        "1_99ecb.xml",
        extra=(
            '<HUMAN_PART m_id="3"  >\n  <token_anchor t_id="3"/>\n</HUMAN_PART>\n'
            '<Odd.Tag m_id="4"  >\n  <token_anchor t_id="1"/>\n</Odd.Tag>\n'
            '<HUMAN_PART m_id="5" TAG_DESCRIPTOR="t1_someone" instance_id="HUM9" />'
        ),
        relations=(
            '<CROSS_DOC_COREF r_id="7" note="HUM9" >\n  <source m_id="3" />\n'
            '  <target m_id="5" />\n</CROSS_DOC_COREF>'
        ),
    )
    assert [p.split(": unknown")[0] for p in _problems(path)] == [
        "1_99ecb.xml:12:1: warning: markable m_id 3 <HUMAN_PART>",
        "1_99ecb.xml:15:1: warning: markable m_id 4 <Odd.Tag>",
        "1_99ecb.xml:18:1: warning: markable m_id 5 <HUMAN_PART>",
    ]
    document = plan_import([str(path)], "out").documents[0][1].document
    assert sorted((e.type, e.name, dict(e.links)) for e in document.entities) == [
        ("HUMAN_PART", ".", {"ecbplus": "HUM9"}),
        ("HUMAN_PART_PER", "Tara", {}),
        ("ODD-TAG", "Tara", {}),
    ]
    human = document.entity_types["HUMAN_PART"]
    assert (human.declared, human.label) == (True, "Human participant: HUMAN_PART")
    assert human.description.startswith("CAT class HUMAN_PART, which gloss does not know")
    assert document.entity_types["ODD-TAG"].source == "Odd.Tag"
    out = tmp_path / "out"
    code, stdout, stderr = run("import", "cat", str(path), "-o", str(out))
    assert code == 0, stderr
    assert stderr.count("warning: markable") == 3 and "error" not in stderr
    assert "wrote 1 documents (4 markables: 3 entities, 1 events)" in stdout
    code, _, stderr = run("check", "--quiet", str(out / "1_99ecb.yaml"))
    assert code == 0, stderr


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Document><token t_id="1" sentence="0">&lol3;</token></Document>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE d [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<Document><token t_id="1" sentence="0">&secret;</token></Document>
"""


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        (
            BILLION_LAUGHS,
            "bomb.xml:3:15: error: XML entity declaration 'lol' refused: gloss never expands"
            " entities nor reads external ones",
        ),
        (
            EXTERNAL_ENTITY,
            "bomb.xml:2:58: error: XML entity declaration 'secret' refused: gloss never expands"
            " entities nor reads external ones",
        ),
    ],
)
def test_entity_expansion_and_external_entities_are_refused(xml: str, expected: str) -> None:
    sink = DiagnosticSink("bomb.xml")
    assert parse_bytes(xml.encode("utf-8"), "bomb.xml", sink) is None
    assert [d.format() for d in sink.items] == [expected]


def test_usage_and_missing_inputs(tmp_path: Path) -> None:
    code, _, stderr = run("import", "cat", str(tmp_path / "nowhere"), "-o", str(tmp_path / "o"))
    assert code == 1
    assert "nowhere:1:1: error: no such file" in stderr
    code, _, stderr = run("import", "cat", str(SAMPLE))
    assert code == 2 and "--output" in stderr


def test_the_benchmark_corpus_is_varied_and_imports_cleanly(tmp_path: Path) -> None:
    from benchmarks.cat_import import generate

    folder = generate(140, tmp_path / "corpus")
    names = sorted(p.name for p in folder.glob("*.xml"))
    assert len(names) == 140 and "101_1ecbplus.xml" in names and "201_10ecb.xml" in names
    result = plan_import([str(folder)], str(tmp_path / "out"))
    assert len(result.documents) == 140 and not result.has_errors
    links = {
        value
        for doc_id, built in result.documents
        if doc_id.startswith("101_")
        for entity in built.document.entities
        for _, value in entity.links
    }
    assert links and all(value.endswith("001") for value in links)


def _many(count: int) -> str:
    """A hostile file: ``count`` tokens 'her', a chain of all of them, as many
    singletons, one markable over every token, and elements nested deep."""
    tokens = "".join(
        f'<token t_id="{i}" sentence="{i // 50}" number="{i % 50}">her</token>\n'
        for i in range(1, count + 1)
    )
    chained = "".join(
        f'<HUMAN_PART_PER m_id="{i}"><token_anchor t_id="{i}"/></HUMAN_PART_PER>\n'
        for i in range(1, count + 1)
    )
    singles = "".join(
        f'<ACTION_OCCURRENCE m_id="{count + i}"><token_anchor t_id="{i}"/></ACTION_OCCURRENCE>\n'
        for i in range(1, count + 1)
    )
    everything = "".join(f'<token_anchor t_id="{i}"/>' for i in range(1, count + 1))
    sources = "".join(f'<source m_id="{i}"/>' for i in range(1, count + 1))
    deep = "<x>" * 2000 + "</x>" * 2000
    return (
        f'<Document doc_name="h.xml">\n{tokens}{deep}<Markables>\n{chained}{singles}'
        f'<LOC_GEO m_id="{3 * count}">{everything}</LOC_GEO>\n'
        f'<HUMAN_PART_PER m_id="{3 * count + 1}" TAG_DESCRIPTOR="her" instance_id="HUM1"/>\n'
        f'</Markables>\n<Relations>\n<CROSS_DOC_COREF r_id="1" note="HUM1">{sources}'
        f'<target m_id="{3 * count + 1}"/></CROSS_DOC_COREF>\n</Relations>\n</Document>\n'
    )


def test_a_large_hostile_file_is_imported_whole(tmp_path: Path) -> None:
    count = 3000
    path = tmp_path / "h.xml"
    path.write_text(_many(count), encoding="utf-8")
    result = plan_import([str(path)], str(tmp_path / "out"))
    assert not result.has_errors
    document = result.documents[0][1].document
    (her,) = [e for e in document.entities if e.type == "HUMAN_PART_PER"]
    assert len(her.mentions) == count and dict(her.links) == {"ecbplus": "HUM1"}
    assert len(document.events) == count
    assert len({event.id for event in document.events}) == count
    assert all(len(event.summary) <= 120 for event in document.events)
    (place,) = [e for e in document.entities if e.type == "LOC_GEO"]
    # One markable over every token: one piece (the tokens are adjacent), a short name.
    assert place.mentions[0].span == Span(0, len(document.text) - 1)
    assert len(place.name) <= 120 and place.name.endswith("…")


def test_odd_tokens_are_read_with_their_places(tmp_path: Path) -> None:
    path = tmp_path / "odd.xml"
    path.write_text(
        '<Document doc_name="odd.xml">\n'
        '<token t_id="1" sentence="0" number="0">Tara <b>Reid</b></token>\n'
        '<token number="1" t_id="2">left</token>\n'
        '<token sentence="0">.</token>\n'
        '<Markables><HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/></HUMAN_PART_PER>'
        "</Markables><Relations/></Document>\n",
        encoding="utf-8",
    )
    assert _problems(path) == [
        "odd.xml:3:1: warning: token 2 has no sentence number; it is kept in the sentence before",
        "odd.xml:4:1: error: a token needs a t_id",
    ]
    document = plan_import([str(path)], "out").documents[0][1].document
    assert document.text == "Tara Reid left\n"
    assert [e.name for e in document.entities] == ["Tara Reid"]
