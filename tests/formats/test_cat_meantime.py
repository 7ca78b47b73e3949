"""``gloss import cat`` on MEANTIME-style CAT files (NewsReader, SemEval-2015 TimeLine).

``900_acme_mill.xml`` uses every MEANTIME tag; the two SemEval files are real trial data.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.formats.helpers import DATA, run
from tui.core.document.model import Document
from tui.core.formats.cat.plan import plan_import
from tui.core.formats.cat.text import join_tokens
from tui.core.loading.loader import load
from tui.core.timeline.happenings import note_says_guessed

FOLDER = DATA / "meantime-style"
ACME = FOLDER / "900_acme_mill.xml"
SEMEVAL = [FOLDER / "7495-Cisco_sues_Apple.xml", FOLDER / "17174-Apple_executive_leaves.xml"]


@pytest.fixture(autouse=True)
def _own_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def _imported(path: Path) -> tuple[Document, list[str]]:
    result = plan_import([str(path)], "unused")
    [(_, built)] = result.documents
    problems = [d.format().replace(str(path.parent) + "/", "") for d in result.diagnostics]
    return built.document, problems


def test_every_tag_becomes_a_typed_entity_or_event() -> None:
    document, _ = _imported(ACME)
    entities = {entity.name: entity for entity in document.entities}
    assert {name: entity.type for name, entity in entities.items()} == {
        "Acme Corp": "ENTITY_ORG",  # the ENTITY instance's ent_type
        "on": "SIGNAL",
        "Monday": "TIMEX3_DATE",  # the TIMEX3's own type
        "the mill": "ENTITY_PRO",
        "$5 million": "VALUE_MONEY",
        "because": "C-SIGNAL",
        "prices": "ENTITY_FIN",
    }
    events = {document.text[e.trigger.start : e.trigger.end]: e for e in document.events}
    assert {words: event.type for words, event in events.items()} == {
        "said": "EVENT.SPEECH-COGNITIVE",  # the EVENT instance's class
        "buy": "EVENT.OTHER",
        "fell": "EVENT.MENTION",  # no instance: the bare tag's type
    }
    for table, items in (
        (document.entity_types, document.entities),
        (document.event_types, document.events),
    ):
        for item in items:
            assert table[item.type].declared and table[item.type].description.startswith("CAT ")


def test_refers_to_is_one_entity_with_the_instance_s_link() -> None:
    document, _ = _imported(ACME)
    acme = next(e for e in document.entities if e.type == "ENTITY_ORG")
    assert [document.text[m.span.start : m.span.end] for m in acme.mentions] == ["Acme Corp", "it"]
    assert acme.links == (
        ("meantime", "acme"),  # the instance_id, shared across a corpus
        ("external_ref", "http://dbpedia.org/resource/Acme_Corp"),
    )
    assert acme.description == "CAT instance Acme_Corp"


def test_participants_become_arguments_and_a_timex_dates_its_event() -> None:
    document, _ = _imported(ACME)
    by_id = {event.id: event for event in document.events}
    ids = {entity.name: entity.id for entity in document.entities}
    said, buy, fell = by_id["said"], by_id["buy"], by_id["fell"]
    assert [(a.role, a.entity_id) for a in said.arguments] == [("Arg0", ids["Acme Corp"])]
    assert [(a.role, a.event_id) for a in said.event_arguments] == [("Arg1", "buy")]
    assert [(a.role, a.entity_id) for a in buy.arguments] == [
        ("Arg0", ids["Acme Corp"]),
        ("Arg1", ids["the mill"]),
    ]
    assert [(a.role, a.entity_id) for a in fell.arguments] == [("Arg1", ids["prices"])]
    # said IS_INCLUDED in "Monday" (2015-03-02); the document was written on the 4th.
    assert said.date is not None and said.date.value.text == "2015-03-02"
    assert said.date.text == "Monday"
    assert said.note == "CAT instance acme_says"  # linked: nothing to say about the date
    # No link dates the other two: each takes, as a guess, the time in its sentence.
    for event in (buy, fell):
        assert event.date is not None
        assert (event.date.value.text, event.date.text) == ("2015-03-02", "Monday")
        assert event.note is not None and note_says_guessed(event.note)
        assert event.note.endswith(
            "Date guessed from “Monday”, a time expression in the same sentence."
        )
    assert document.info.date is not None and document.info.date.text == "2015-03-04"


def test_markable_attributes_are_kept_as_written() -> None:
    document, _ = _imported(ACME)
    by_id = {event.id: event for event in document.events}
    assert by_id["buy"].attributes == (
        ("pred", "buy"),
        ("tense", "FUTURE"),
        ("polarity", "NEG"),
        ("certainty", "CERTAIN"),
    )
    assert ("polarity", "NEG") in by_id["buy"].realis_attributes  # shown beside the trigger
    monday = next(e for e in document.entities if e.name == "Monday")
    assert monday.mentions[0].attributes == (
        ("type", "DATE"),
        ("value", "2015-03-02"),
        ("functionInDocument", "NONE"),
    )


def test_other_relations_are_kept_and_a_broken_one_is_reported() -> None:
    document, problems = _imported(ACME)
    assert [(r.type, r.from_id, r.to_id, r.from_event, r.to_event) for r in document.relations] == [
        ("tlink-is-included", "said", "monday", True, False),
        ("tlink-before", "fell", "said", True, True),
        ("clink", "fell", "buy", True, True),
        ("slink-modal", "said", "buy", True, True),
    ]
    clink = document.relations[2]
    assert clink.attributes == (("c-signalID", "10"),)
    assert document.relation_types["slink-modal"].source == "SLINK MODAL"
    assert problems == [
        "900_acme_mill.xml:57:1: warning: relation <GLINK> r_id 54 needs a source and a target;"
        " it is not read"
    ]


def test_unknown_kinds_are_reported_and_kept_as_the_bare_tag(tmp_path: Path) -> None:
    text = ACME.read_text(encoding="utf-8")
    broken = tmp_path / "901_odd.xml"
    broken.write_text(
        text.replace('ent_type="ORG"', 'ent_type="ALIEN"').replace('type="MONEY"', 'type="GOLD"'),
        encoding="utf-8",
    )
    document, problems = _imported(broken)
    assert {e.name: e.type for e in document.entities}["Acme Corp"] == "ENTITY_MENTION"
    assert {e.name: e.type for e in document.entities}["$5 million"] == "VALUE"
    assert (
        "901_odd.xml:32:1: warning: markable m_id 9 <VALUE>: unknown kind 'GOLD'; kept as VALUE"
        in problems
    )
    assert (
        "901_odd.xml:36:1: warning: markable m_id 20 <ENTITY>: unknown kind 'ALIEN'; kept as"
        " ENTITY_MENTION"
    ) in problems
    assert len(problems) == 3  # once for the chain, not once per mention


@pytest.mark.parametrize("path", SEMEVAL, ids=lambda p: p.stem)
def test_semeval_files_keep_every_markable_on_its_tokens(path: Path) -> None:
    document, problems = _imported(path)
    assert problems == []
    root = ET.parse(path).getroot()
    tokens = {t.get("t_id"): t.text or "" for t in root.iter("token")}
    markables = root.find("Markables")
    assert markables is not None
    expected = sorted(
        join_tokens([tokens[a.get("t_id", "")] for a in m.iter("token_anchor")]).text
        for m in markables
        if m.find("token_anchor") is not None
    )
    found = [document.text[e.trigger.start : e.trigger.end] for e in document.events]
    found += [
        document.text[m.span.start : m.span.end] for e in document.entities for m in e.mentions
    ]
    assert sorted(found) == expected
    assert all(e.type == "EVENT.MENTION" for e in document.events)
    assert document.info.date is not None
    assert document.info.date.text == root.find("Markables/TIMEX3").get("value")  # type: ignore[union-attr]


def test_written_files_pass_strict_check_and_load_back(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    code, stdout, stderr = run("import", "cat", str(FOLDER), "-o", str(out))
    assert code == 0, stderr
    assert "wrote 3 documents" in stdout
    assert "| 7495-Cisco_sues_Apple | http://en.wikinews.org/wiki/Cisco_sues_Apple" in (
        out / "SOURCE.md"
    ).read_text(encoding="utf-8")
    code, _, stderr = run("check", "--strict", "--quiet", *map(str, sorted(out.glob("*.yaml"))))
    assert code == 0, stderr
    built, _ = _imported(ACME)
    loaded = load(str(out / "900_acme_mill.yaml")).document
    assert loaded is not None
    assert loaded.relations == built.relations
    assert [
        (e.id, e.arguments, e.event_arguments, e.date, e.attributes) for e in loaded.events
    ] == [(e.id, e.arguments, e.event_arguments, e.date, e.attributes) for e in built.events]
    assert loaded.info.date == built.info.date


AIRBUS = DATA / "meantime-airbus"
"""Three real MEANTIME articles (CC BY 4.0) that share entities and events."""


def test_a_shared_instance_id_is_one_corpus_entity_and_one_happening(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    code, _, stderr = run("import", "cat", str(AIRBUS), "-o", str(out))
    assert code == 0, stderr
    code, stdout, stderr = run("entities", "--json", str(out))
    assert code == 0, stderr
    by_name = {entity["name"]: entity for entity in json.loads(stdout)}
    # Only the instance_id joins these two (the instance has no external_ref).
    first = by_name["First Airbus A380"]
    assert first["links"] == [{"key": "meantime", "value": "PRO39494701590749808"}]
    assert [(d["id"], d["entity"], d["mentions"]) for d in first["documents"]] == [
        ("82548_First_Airbus_A380_delivered", "first-airbus-a380", 2),
        ("82597_First_A380_enters_commercial_service", "first-a380", 2),
    ]
    assert len(by_name["SIA"]["documents"]) == 3  # Singapore Airlines, in all three
    # Events with one instance_id are tellings of one happening across the documents.
    code, stdout, _ = run("timeline", "--json", str(out))
    shared = {
        row["summary"]: (row["documents"], row["links"])
        for row in json.loads(stdout)
        if len(row["documents"]) > 1
    }
    assert shared == {
        "delivery VUA": (
            [
                "51682_Singapore_Airlines_to_be_compensated_for_A380_delays",
                "82548_First_Airbus_A380_delivered",
            ],
            [["meantime", "OTH39740769611526334"]],
        ),
        "charity flight VUA": (
            ["82548_First_Airbus_A380_delivered", "82597_First_A380_enters_commercial_service"],
            [["meantime", "OTH39991217318385402"]],
        ),
    }
