"""The additive parts of format version 1: mentions of several fragments, links on events.

Bodies start on line 6 of ``a.yaml`` (after the five-line header of ``helpers.HEADER``).
"""

from __future__ import annotations

import json
from pathlib import Path

from tui.core.document.model import Span
from tui.core.formats import resolved, yaml_out
from tui.core.loading.loader import load

from .helpers import TEXT, check, loaded

TAL = TEXT.index("Tal")
KALMAN = TEXT.index("Kalman")

SPLIT_NAME = """\
entities:
  - id: tal
    type: PER
    name: Tal Kalman
    mentions:
      - {parts: [Kalman, Tal]}
      - Maj.-Gen.
"""
"""``tal`` with one mention of two fragments (line 11) and one plain mention."""


def test_a_mention_of_several_fragments_is_one_mention(tmp_path: Path) -> None:
    document = loaded(tmp_path, SPLIT_NAME)
    (tal,) = document.entities
    first, second = tal.mentions
    assert first.span == Span(0, len("Maj.-Gen.")) and first.parts == ()
    assert first.fragments == (first.span,)
    assert second.parts == (Span(TAL, TAL + 3), Span(KALMAN, KALMAN + 6))
    assert second.span == Span(TAL, KALMAN + 6)
    assert second.index == 1
    assert document.mentions == (first, second)


def test_the_gap_between_fragments_is_not_the_mention(tmp_path: Path) -> None:
    document = loaded(
        tmp_path,
        """\
        entities:
          - id: visit
            type: PER
            name: visit
            mentions:
              - parts: [Tal, {quote: visited}]
          - id: idf
            type: ORG
            name: IDF
            mentions: [{quote: IDF, occurrence: 1}]
        """,
    )
    idf_at = TEXT.index("IDF")
    assert [m.entity_id for m in document.mentions_at(idf_at)] == ["idf"]
    assert [m.entity_id for m in document.mentions_at(TAL + 1)] == ["visit"]
    assert [m.entity_id for m in document.mentions_overlapping(idf_at, idf_at + 3)] == ["idf"]
    visited = TEXT.index("visited")
    assert [m.entity_id for m in document.mentions_overlapping(visited, visited + 1)] == ["visit"]


def test_parts_need_two_selectors_that_do_not_overlap(tmp_path: Path) -> None:
    body = """\
        entities:
          - id: tal
            type: PER
            name: Tal Kalman
            mentions:
              - {parts: [Kalman]}
              - {parts: [Tal Kalman, Kalman]}
              - {parts: [Tal, {quote: Rabat, all: true}]}
              - {parts: [Tal, Kalman], quote: Tal}
              - {parts: Tal}
        """
    assert check(tmp_path, body) == [
        "a.yaml:11:17: error: parts lists 1 selector(s); a mention in parts has at least two "
        "(for one, write the selector alone)",
        f"a.yaml:12:17: error: mention parts [{TAL}, {KALMAN + 6}) and [{KALMAN}, {KALMAN + 6}) "
        "overlap; the parts of one mention are separate pieces of text",
        "a.yaml:13:23: error: mention part must be one passage, but 'all: true' gives 2",
        "a.yaml:14:32: error: unknown key 'quote' in a mention with parts (expected parts)",
        "a.yaml:15:17: error: parts must be a list, not 'Tal'",
    ]


def test_the_same_fragments_twice_and_shared_by_two_entities_are_warnings(
    tmp_path: Path,
) -> None:
    body = """\
        entities:
          - id: tal
            type: PER
            name: Tal Kalman
            mentions: [{parts: [Tal, Kalman]}, {parts: [Kalman, Tal]}]
          - id: other
            type: PER
            name: Other
            mentions: [{parts: [Tal, Kalman]}, {parts: [Tal, visited]}]
        """
    spans = f"[{TAL}, {TAL + 3}) + [{KALMAN}, {KALMAN + 6})"
    assert check(tmp_path, body) == [
        f"a.yaml:10:40: warning: mention {spans} is listed twice for this entity "
        "(first at line 10) [mention-twice]",
        f"a.yaml:14:16: warning: entities 'tal' and 'other' both claim 'Tal … Kalman' {spans} "
        "[shared-span]",
    ]


def test_fragments_are_written_back_and_resolved(tmp_path: Path) -> None:
    document = loaded(tmp_path, SPLIT_NAME)
    data = yaml_out.to_data(document, text_name="a.txt")
    assert data["entities"][0]["mentions"] == ["Maj.-Gen.", {"parts": ["Tal", "Kalman"]}]
    written = tmp_path / "b.yaml"
    written.write_text(yaml_out.dumps(document, text_name="a.txt"), encoding="utf-8")
    again = load(str(written))
    assert again.diagnostics == ()
    assert again.document is not None
    assert again.document.entities == document.entities
    mention = json.loads(resolved.dumps(document))["entities"][0]["mentions"][1]
    assert mention == {
        "start": TAL,
        "end": KALMAN + 6,
        "parts": [
            {"start": TAL, "end": TAL + 3, "text": "Tal"},
            {"start": KALMAN, "end": KALMAN + 6, "text": "Kalman"},
        ],
    }


EVENT_WITH_LINKS = """\
entities:
  - {id: rabat, type: GPE, name: Rabat, mentions: [{quote: Rabat, occurrence: 1}]}
events:
  - id: visit
    type: Movement.Transport
    summary: A visit
    trigger: visited
    links: {wikidata: Q1028, ecb: "1_7ecb"}
"""


def test_events_carry_links_like_entities(tmp_path: Path) -> None:
    document = loaded(tmp_path, EVENT_WITH_LINKS)
    (visit,) = document.events
    assert visit.links == (("wikidata", "Q1028"), ("ecb", "1_7ecb"))
    assert yaml_out.to_data(document, text_name="a.txt")["events"][0]["links"] == {
        "wikidata": "Q1028",
        "ecb": "1_7ecb",
    }
    assert json.loads(resolved.dumps(document))["events"][0]["links"] == {
        "wikidata": "Q1028",
        "ecb": "1_7ecb",
    }


def test_event_links_are_checked(tmp_path: Path) -> None:
    body = EVENT_WITH_LINKS.replace('{wikidata: Q1028, ecb: "1_7ecb"}', "[Q1028]")
    assert check(tmp_path, body) == [
        "a.yaml:13:12: error: links must be a mapping of name: value, not a list",
    ]


RICH = """\
entities:
  - id: tal
    type: PER
    name: Tal Kalman
    attributes: {Certainty: High}
    mentions:
      - {quote: Tal Kalman, attributes: {Speculation: true}}
  - {id: rabat, type: GPE, name: Rabat, mentions: [{quote: Rabat, occurrence: 1}]}
events:
  - id: visit
    type: Movement.Transport
    summary: A visit
    trigger: visited
    arguments: [{role: Person, entity: tal}, {role: Cause, event: signing}]
    attributes: {Negation: true, Factuality: Possible}
  - id: signing
    type: Contact.Meet
    summary: A signing
    trigger: signed
relations:
  - type: in
    from: tal
    to: rabat
    note: said twice
    attributes: {Confidence: Low}
  - {type: cause, from_event: signing, to_event: visit}
  - {type: agent, from_event: visit, to: tal}
"""


def test_event_arguments_attributes_and_relations_with_events(tmp_path: Path) -> None:
    document = loaded(tmp_path, RICH)
    tal = document.entity_by_id["tal"]
    assert tal.attributes == (("Certainty", "High"),)
    assert tal.mentions[0].attributes == (("Speculation", "true"),)
    visit = document.event_by_id["visit"]
    assert [(a.role, a.event_id) for a in visit.event_arguments] == [("Cause", "signing")]
    assert [(a.role, a.entity_id) for a in visit.arguments] == [("Person", "tal")]
    assert visit.attributes == (("Negation", "true"), ("Factuality", "Possible"))
    assert visit.realis_attributes == visit.attributes
    assert document.events_with_argument("signing") == [(visit, "Cause")]
    located, cause, agent = document.relations
    assert located.note == "said twice" and located.attributes == (("Confidence", "Low"),)
    assert cause.from_event and cause.to_event
    assert agent.from_event and not agent.to_event
    assert document.relations_of("tal") == [located, agent]
    assert document.relations_of_event("visit") == [cause, agent]
    assert document.relations_of_event("signing") == [cause]


def test_everything_new_is_written_back_and_resolved(tmp_path: Path) -> None:
    document = loaded(tmp_path, RICH)
    written = tmp_path / "b.yaml"
    written.write_text(yaml_out.dumps(document, text_name="a.txt"), encoding="utf-8")
    again = load(str(written))
    assert again.diagnostics == ()
    assert again.document is not None
    assert again.document.entities == document.entities
    assert again.document.events == document.events
    assert again.document.relations == document.relations
    data = json.loads(resolved.dumps(document))
    visit = next(e for e in data["events"] if e["id"] == "visit")
    assert visit["arguments"] == [
        {"role": "Person", "entity": "tal"},
        {"role": "Cause", "event": "signing"},
    ]
    assert visit["attributes"] == {"Negation": "true", "Factuality": "Possible"}
    assert data["relations"][1]["from_event"] is True
    assert data["relations"][0]["note"] == "said twice"
    assert data["entities"][0]["mentions"][0]["attributes"] == {"Speculation": "true"}


def test_event_ends_and_attributes_are_checked(tmp_path: Path) -> None:
    body = """\
        entities:
          - {id: tal, type: PER, name: Tal, mentions: [Tal Kalman]}
        events:
          - id: visit
            type: Movement.Transport
            summary: A visit
            trigger: visited
            arguments: [{role: Cause, event: nothing}, {role: Cause, event: visit}]
            attributes: [Negation]
        relations:
          - {type: cause, from_event: visit, to_event: visit}
          - {type: cause, from_event: tal, to: visit, attributes: {two words: x}}
        """
    assert check(tmp_path, body) == [
        "a.yaml:13:38: error: no event has the id 'nothing'",
        "a.yaml:13:69: error: event 'visit' cannot be its own argument",
        "a.yaml:14:17: error: attributes must be a mapping of name: value, not a list",
        "a.yaml:16:48: error: a relation links two different events, not 'visit' to itself",
        "a.yaml:17:31: error: no event has the id 'tal'",
        "a.yaml:17:40: error: no entity has the id 'visit'",
        "a.yaml:17:60: error: attribute name 'two words' is not one word",
    ]


def test_declared_types_keep_their_source_name_and_relation_types_may_be_declared(
    tmp_path: Path,
) -> None:
    body = """\
        types:
          entities:
            LOC: {label: Location, source: LOC}
            SIMPLE_CHEMICAL: {label: Simple chemical, source: Simple_chemical}
          relations:
            n_lt: {label: N_lt_, source: N_lt_}
            unused: {label: Unused}
        entities:
          - {id: rabat, type: LOC, name: Rabat, mentions: [{quote: Rabat, occurrence: 1}]}
          - {id: idf, type: SIMPLE_CHEMICAL, name: IDF, mentions: [{quote: IDF, occurrence: 1}]}
        relations:
          - {type: n_lt, from: idf, to: rabat}
        """
    assert check(tmp_path, body) == [
        "a.yaml:12:5: warning: relation type unused is declared but never used [type-unused]"
    ]
    document = load(str(tmp_path / "a.yaml")).document
    assert document is not None
    assert document.entity_types["LOC"].source == "LOC"
    assert document.relation_types["n_lt"].source == "N_lt_"
    types = yaml_out.to_data(document, text_name="a.txt")["types"]
    assert types["relations"]["n_lt"] == {"label": "N_lt_", "source": "N_lt_"}
    assert types["entities"]["SIMPLE_CHEMICAL"]["source"] == "Simple_chemical"
