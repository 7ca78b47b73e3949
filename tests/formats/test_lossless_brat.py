"""brat → gloss → brat gives back the same annotations, on real files and on the
structures real files use: type and relation names byte for byte, discontinuous
mentions, event arguments that are events, relations with an event end, attributes,
normalisations and notes."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.formats.helpers import BUNDLED, DATA, NEWS_TEXT, documents
from tests.formats.roundtrip_compare import brat_round_trip, facts, named_mentions
from tui.core.document.model import Document
from tui.core.formats.brat import export_brat, export_brat_conf, import_brat
from tui.core.formats.brat.source import plain
from tui.core.loading.loader import load

REAL = DATA / "real"
REAL_BRAT = sorted(REAL.glob("brat-tutorials/*/*.ann"))


def _pair(folder: Path, ann: str, text: str, stem: str = "doc") -> Path:
    (folder / f"{stem}.txt").write_text(text, encoding="utf-8", newline="")
    (folder / f"{stem}.ann").write_text(ann, encoding="utf-8", newline="")
    return folder / f"{stem}.ann"


def _exported(ann_path: Path, folder: Path) -> str:
    """The ``.ann`` written after a trip through a checked gloss file."""
    trip = brat_round_trip(ann_path, folder)
    assert trip.imported, trip.import_messages
    assert trip.check_messages == ()
    assert trip.differences == {}
    document = load(str(folder / "doc.yaml")).document
    assert document is not None
    return export_brat(document, raw_text=(folder / "doc.txt").read_text(encoding="utf-8"))


def test_the_real_files_are_there() -> None:
    assert len(REAL_BRAT) == 26
    assert (REAL / "README.md").is_file() and (REAL / "brat-tutorials" / "LICENSE").is_file()


@pytest.mark.parametrize("keep_apart", [False, True], ids=["grouped", "kept-apart"])
@pytest.mark.parametrize("ann_path", REAL_BRAT, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_real_brat_files_round_trip(ann_path: Path, tmp_path: Path, keep_apart: bool) -> None:
    trip = brat_round_trip(ann_path, tmp_path, keep_apart=keep_apart)
    assert trip.imported, trip.import_messages
    assert trip.check_messages == ()  # gloss check --strict passes
    assert trip.differences == {}
    if not keep_apart:
        # Grouping by text never moves an argument or a relation end to another T.
        raw = ann_path.with_suffix(".txt").read_bytes().decode("utf-8")
        original = named_mentions(ann_path.read_bytes().decode("utf-8"), raw)
        assert named_mentions(trip.written, raw) == original


def test_the_bundled_news_file_round_trips(tmp_path: Path) -> None:
    shutil.copy(DATA / "news.ann", tmp_path / "news.ann")
    (tmp_path / "news.txt").write_bytes(NEWS_TEXT.encode("utf-8"))
    trip = brat_round_trip(tmp_path / "news.ann", tmp_path)
    assert (trip.check_messages, trip.differences) == ((), {})


def _brat_of(document: Document, folder: Path) -> Path:
    return _pair(folder, export_brat(document), document.text, "source")


def test_the_bundled_article_round_trips_through_brat(tmp_path: Path) -> None:
    document = load(str(BUNDLED)).document
    assert document is not None
    trip = brat_round_trip(_brat_of(document, tmp_path), tmp_path)
    assert (trip.check_messages, trip.differences) == ((), {})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_round_trip_through_brat(document: Document) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        trip = brat_round_trip(_brat_of(document, folder), folder)
    assert trip.differences == {}


# -- each structure, and each name, as written ------------------------------------------

NAMES_TEXT = "Aspirin and water merged. IBM bought Lotus in Boston.\n"
NAMES = (
    "T1\tSimple_chemical 0 7\tAspirin\n"
    "T2\tSimple_chemical 12 17\twater\n"
    "T3\tMERGE-ORG 18 24\tmerged\n"
    "T4\tORG 26 29\tIBM\n"
    "T5\tde.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity 37 42\tLotus\n"
    "T6\tLOC 46 52\tBoston\n"
    "E1\tMERGE-ORG:T3 Theme1:T1 Theme2:T2\n"
    "R1\tN_lt_ Arg1:T4 Arg2:T5\n"
    "R2\t_gt_N Arg1:T5 Arg2:T6\n"
)


def test_type_and_relation_names_are_written_back_byte_for_byte(tmp_path: Path) -> None:
    ann = _pair(tmp_path, NAMES, NAMES_TEXT, "names")
    out = _exported(ann, tmp_path)
    labels = {line.split("\t")[1].split(" ")[0] for line in out.splitlines()}
    assert labels >= {
        "Simple_chemical",
        "MERGE-ORG",
        "ORG",
        "LOC",
        "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity",
        "N_lt_",
        "_gt_N",
    }
    assert "MERGE-ORG:T" in out and " Theme1:T" in out and " Theme2:T" in out
    document = load(str(tmp_path / "doc.yaml")).document
    assert document is not None
    assert document.entity_types["LOC"].source == "LOC"
    assert document.event_types["Business.Merge-Org"].source == "MERGE-ORG"


STRUCTURES_TEXT = "The yogurt is then slowly heated. Smoking did not cause it, said Dr Lee.\n"
STRUCTURES = (
    "T1\tFood 4 10;26 32\tyogurt heated\n"
    "T2\tCause 50 55\tcause\n"
    "T3\tProcess 34 41\tSmoking\n"
    "T4\tPerson 65 71\tDr Lee\n"
    "T5\tSay 60 64\tsaid\n"
    "E1\tCause:T2 Theme:T3\n"
    "E2\tSay:T5 Speaker:T4 Topic:E1\n"
    "R1\tReported_by Arg1:E1 Arg2:T4\n"
    "A1\tNegation E1\n"
    "A2\tFactuality E2 Possible\n"
    "A3\tConfidence R1 Low\n"
    "A4\tHeated T1\n"
    "N1\tReference E1 Wikidata:Q1\tcausation\n"
    "#1\tAnnotatorNotes R1\tsaid twice\n"
)


def test_every_brat_structure_is_kept(tmp_path: Path) -> None:
    ann = _pair(tmp_path, STRUCTURES, STRUCTURES_TEXT)
    _exported(ann, tmp_path)
    document = load(str(tmp_path / "doc.yaml")).document
    assert document is not None
    (food,) = [e for e in document.entities if e.type == "FOOD"]
    (yogurt,) = food.mentions
    assert [document.text[p.start : p.end] for p in yogurt.parts] == ["yogurt", "heated"]
    assert plain(yogurt.attributes) == [("Heated", "true")]
    cause = next(e for e in document.events if e.type.endswith("Cause"))
    say = next(e for e in document.events if e.type.endswith("Say"))
    assert plain(cause.attributes) == [("Negation", "true")]
    assert cause.links == (("Wikidata", "Q1"),)
    assert plain(say.attributes) == [("Factuality", "Possible")]
    assert [(a.role, a.event_id) for a in say.event_arguments] == [("Topic", cause.id)]
    (reported,) = document.relations
    assert reported.from_event and not reported.to_event
    assert (reported.from_id, reported.note) == (cause.id, "said twice")
    assert plain(reported.attributes) == [("Confidence", "Low")]


def test_relations_from_events_to_entities_stay_relations(tmp_path: Path) -> None:
    ann = _pair(tmp_path, STRUCTURES, STRUCTURES_TEXT)
    result = import_brat(str(ann))
    assert result.document is not None
    assert all("Reported_by" not in (e.note or "") for e in result.document.events)
    assert [r.type for r in result.document.relations] == ["reported_by"]


def test_a_line_with_tabs_only_says_fields_are_separated_by_spaces(tmp_path: Path) -> None:
    ann = _pair(tmp_path, "T1\tPerson\t0\t4\tJohn\n", "John went.\n")
    result = import_brat(str(ann))
    assert result.document is None
    assert [d.format() for d in result.diagnostics] == [
        f"{ann}:1:4: error: expected 'TYPE START END' separated by spaces, then a tab and "
        "the text; got 'Person' before the tab (TYPE, START and END are separated by spaces, "
        "not tabs)"
    ]


def test_the_comparison_sees_a_lost_annotation() -> None:
    text = "IBM bought Lotus.\n"
    before = facts("T1\tORG 0 3\tIBM\nT2\tORG 11 16\tLotus\nA1\tBig T1\n", text)
    after = facts("T1\tORG 0 3\tIBM\nT2\tOrganization 11 16\tLotus\n", text)
    differences = before.differences(after)
    assert set(differences) == {"textbounds", "attributes"}
    assert differences["textbounds"] == (
        {("T", "ORG", ((11, 16),))},
        {("T", "Organization", ((11, 16),))},
    )


def test_annotation_conf_declares_event_ends_event_arguments_and_attributes(
    tmp_path: Path,
) -> None:
    ann = _pair(tmp_path, STRUCTURES, STRUCTURES_TEXT)
    result = import_brat(str(ann))
    assert result.document is not None
    annotation, _visual = export_brat_conf(result.document)
    lines = annotation.splitlines()
    assert "Reported_by\tArg1:<EVENT>, Arg2:Person" in lines
    assert "Say\tSpeaker?:Person, Topic?:<EVENT>" in lines
    assert "Negation\tArg:<EVENT>" in lines
    assert "Factuality\tArg:<EVENT>, Value:Possible" in lines
    assert "Confidence\tArg:<RELATION>, Value:Low" in lines
    assert "Heated\tArg:<ENTITY>" in lines
    assert not any(line.startswith("Realis") for line in lines)


def test_realis_is_written_unless_an_attribute_already_says_it(tmp_path: Path) -> None:
    text = "They may attack. They did not attack.\n"
    ann = (
        "T1\tAttack 9 15\tattack\n"
        "T2\tAttack 30 36\tattack\n"
        "E1\tAttack:T1\n"
        "E2\tAttack:T2\n"
        "M1\tSpeculation E1\n"
        "A1\tNegation E2\n"
        "A2\tRealis E2 planned\n"
    )
    out = _exported(_pair(tmp_path, ann, text), tmp_path)
    lines = {line.split("\t", 1)[1] for line in out.splitlines() if line[:1] in "AM"}
    # E1's hypothetical realis came from Speculation: no Realis line is added for it.
    assert lines == {"Speculation E1", "Negation E2", "Realis E2 planned"}
