"""Every rule the loader enforces, each with the exact ``FILE:LINE:COLUMN`` line it prints.

Bodies start on line 6 of ``a.yaml`` (after the five-line header of ``helpers.HEADER``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.loading.loader import load

from .helpers import TEXT, check, entity_yaml, loaded, write_pair

TWO_ENTITIES = (
    "entities:\n"
    + entity_yaml("tal", "PER", "Tal Kalman")
    + entity_yaml("idf", "ORG", "{quote: IDF, all: true}")
)
"""Lines 6-15: ``tal`` (mention on line 11) and ``idf`` (mention on line 16)."""


def event(event_id: str, trigger: str, *extra: str, event_type: str = "Movement.Transport") -> str:
    """One event in flow style on a single line."""
    fields = [f"id: {event_id}", f"type: {event_type}", "summary: s", f"trigger: {trigger}"]
    return "  - {" + ", ".join([*fields, *extra]) + "}\n"


def test_a_clean_file_loads(tmp_path: Path) -> None:
    document = loaded(
        tmp_path,
        TWO_ENTITIES
        + "events:\n"
        + event("visit", "visited", "arguments: [{role: Person, entity: tal}]")
        + "relations:\n"
        + "  - {type: member-of, from: tal, to: idf, evidence: Tal Kalman of the IDF}\n",
    )
    assert [e.id for e in document.entities] == ["tal", "idf"]
    (visit,) = document.events
    assert visit.realis == "actual"
    assert TEXT[visit.passage.start : visit.passage.end] == (
        "Maj.-Gen. Tal Kalman of the IDF visited Rabat on Thursday."
    )
    (relation,) = document.relations
    assert relation.evidence is not None
    assert TEXT[relation.evidence.start : relation.evidence.end] == "Tal Kalman of the IDF"


# -- ids and references ------------------------------------------------------------------


def test_entity_ids_are_unique(tmp_path: Path) -> None:
    body = "entities:\n" + entity_yaml("x", "PER", "Tal Kalman") + entity_yaml("x", "ORG", "Rabat")
    assert check(tmp_path, body) == [
        "a.yaml:12:9: error: duplicate entity id 'x' (first at line 7)",
        "a.yaml:16:9: error: mention: 'Rabat' occurs 2 times (at text 1:41, 1:108); "
        "say which with occurrence: N, prefix/suffix, or all: true",
    ]


def test_event_ids_are_unique(tmp_path: Path) -> None:
    body = TWO_ENTITIES + "events:\n" + event("e", "visited") + event("e", "met")
    assert check(tmp_path, body) == [
        "a.yaml:19:10: error: duplicate event id 'e' (first at line 18)"
    ]


def test_an_entity_and_an_event_may_share_an_id(tmp_path: Path) -> None:
    document = loaded(tmp_path, TWO_ENTITIES + "events:\n" + event("tal", "visited"))
    assert document.event_by_id["tal"].id == document.entity_by_id["tal"].id


def test_argument_entity_must_exist(tmp_path: Path) -> None:
    body = (
        TWO_ENTITIES + "events:\n" + event("e", "visited", "arguments: [{role: A, entity: nobody}]")
    )
    assert check(tmp_path, body) == ["a.yaml:18:99: error: no entity has the id 'nobody'"]


def test_relation_ends_must_exist(tmp_path: Path) -> None:
    body = TWO_ENTITIES + "relations:\n  - {type: member-of, from: ghost, to: spirit}\n"
    assert check(tmp_path, body) == [
        "a.yaml:18:29: error: no entity has the id 'ghost'",
        "a.yaml:18:40: error: no entity has the id 'spirit'",
    ]


def test_relation_to_itself_is_an_error(tmp_path: Path) -> None:
    body = TWO_ENTITIES + "relations:\n  - {type: member-of, from: tal, to: tal}\n"
    assert check(tmp_path, body) == [
        "a.yaml:18:38: error: a relation links two different entities, not 'tal' to itself"
    ]


def test_same_as_must_exist(tmp_path: Path) -> None:
    body = TWO_ENTITIES + "events:\n" + event("e", "visited", "same_as: ghost")
    assert check(tmp_path, body) == ["a.yaml:18:78: error: no event has the id 'ghost'"]


def test_same_as_itself_is_an_error(tmp_path: Path) -> None:
    body = TWO_ENTITIES + "events:\n" + event("e", "visited", "same_as: e")
    assert check(tmp_path, body) == ["a.yaml:18:78: error: event 'e' cannot be the same as itself"]


def test_same_as_cycle_is_an_error(tmp_path: Path) -> None:
    body = (
        TWO_ENTITIES
        + "events:\n"
        + event("a", "visited", "same_as: b")
        + event("b", "met", "same_as: c")
        + event("c", "signed", "same_as: a")
    )
    assert check(tmp_path, body) == [
        "a.yaml:18:78: error: same_as forms a cycle: a → b → c → a; "
        "point every telling of the happening at one event"
    ]


def test_same_as_groups_tellings_of_one_happening(tmp_path: Path) -> None:
    body = (
        TWO_ENTITIES
        + "events:\n"
        + event("a", "visited", "same_as: c")
        + event("b", "met", "same_as: c")
        + event("c", "signed")
    )
    document = loaded(tmp_path, body)
    assert [e.id for e in document.happening_of(document.event_by_id["b"])] == ["a", "b", "c"]


# -- types -------------------------------------------------------------------------------


def test_unknown_entity_type_is_an_error(tmp_path: Path) -> None:
    assert check(tmp_path, "entities:\n" + entity_yaml("x", "THING", "Tal Kalman")) == [
        "a.yaml:8:11: error: unknown entity type 'THING': declare it under types.entities "
        "(built in: FAC, GPE, LOC, MONEY, ORG, PER, VEH, WEA)"
    ]


def test_unknown_event_type_is_an_error(tmp_path: Path) -> None:
    body = TWO_ENTITIES + "events:\n" + event("e", "visited", event_type="Movement.Visit")
    assert check(tmp_path, body) == [
        "a.yaml:18:19: error: unknown event type 'Movement.Visit': declare it under "
        "types.events (built in: Movement: Movement.Transport, Movement.Transport-Artifact, "
        "Movement.Transport-Person)"
    ]


def test_declared_types_may_be_used(tmp_path: Path) -> None:
    body = (
        "types:\n"
        "  entities: {AGR: {label: Agreement}}\n"
        "  events: {Movement.Visit: {label: Visit, description: A visit.}}\n"
        "entities:\n"
        + entity_yaml("mou", "AGR", "a memorandum")
        + "events:\n"
        + event("e", "visited", event_type="Movement.Visit")
    )
    document = loaded(tmp_path, body)
    assert document.entity_types["AGR"].label == "Agreement"
    assert document.entity_types["AGR"].declared
    assert document.event_types["Movement.Visit"].description == "A visit."
    assert document.type_label("PER") == "Person"


def test_declared_but_unused_types_are_warnings(tmp_path: Path) -> None:
    body = (
        "types:\n"
        "  entities: {AGR: {label: Agreement}}\n"
        "  events:\n"
        "    Movement.Visit: {label: Visit}\n" + TWO_ENTITIES
    )
    assert check(tmp_path, body) == [
        "a.yaml:7:14: warning: entity type AGR is declared but never used [type-unused]",
        "a.yaml:9:5: warning: event type Movement.Visit is declared but never used [type-unused]",
    ]


def test_overriding_a_default_type_label(tmp_path: Path) -> None:
    body = "types:\n  entities: {PER: {label: Human}}\n" + TWO_ENTITIES
    document = loaded(tmp_path, body)
    assert document.type_label("PER") == "Human"
    assert document.entity_types["PER"].description.startswith("A named or described person")


def test_badly_formed_type_code_is_an_error(tmp_path: Path) -> None:
    body = "types:\n  events: {visit: {label: Visit}}\n" + TWO_ENTITIES
    assert check(tmp_path, body) == [
        "a.yaml:7:12: error: event type 'visit' is not valid: Type.Subtype such as Contact.Meet"
    ]


# -- offsets and spans -------------------------------------------------------------------


def test_identical_span_claimed_by_two_entities_is_a_warning(tmp_path: Path) -> None:
    body = "entities:\n" + entity_yaml("a", "GPE", "Morocco") + entity_yaml("b", "GPE", "Morocco")
    assert check(tmp_path, body) == [
        f"a.yaml:16:9: warning: entities 'a' and 'b' both claim 'Morocco' "
        f"[{TEXT.index('Morocco')}, {TEXT.index('Morocco') + 7}) [shared-span]"
    ]


def test_nested_and_overlapping_mentions_are_fine(tmp_path: Path) -> None:
    body = (
        "entities:\n"
        + entity_yaml("idf", "ORG", '{quote: IDF, suffix: " visited"}')
        + entity_yaml("tal", "PER", "Maj.-Gen. Tal Kalman of the IDF")
        + entity_yaml("gen", "PER", "Maj.-Gen. Tal")
    )
    document = loaded(tmp_path, body)
    assert [m.entity_id for m in document.mentions_at(TEXT.index("IDF"))] == ["idf", "tal"]
    assert [m.entity_id for m in document.mentions_at(TEXT.index("Tal "))] == ["gen", "tal"]


def test_one_entity_listing_a_span_twice_is_a_warning(tmp_path: Path) -> None:
    body = "entities:\n" + entity_yaml("tal", "PER", "Tal Kalman", "{start: 10, end: 20}")
    assert check(tmp_path, body) == [
        "a.yaml:12:9: warning: mention [10, 20) is listed twice for this entity (first at line 11) "
        "[mention-twice]"
    ]


def test_an_entity_needs_a_mention(tmp_path: Path) -> None:
    body = "entities:\n  - {id: x, type: PER, name: x, mentions: []}\n"
    assert check(tmp_path, body) == ["a.yaml:7:43: error: an entity needs at least one mention"]


def test_passage_must_contain_the_trigger(tmp_path: Path) -> None:
    body = TWO_ENTITIES + "events:\n" + event("e", "visited", "passage: The IDF said so")
    assert check(tmp_path, body) == [
        "a.yaml:18:78: error: the passage does not contain the trigger"
    ]


def test_passage_all_is_an_error(tmp_path: Path) -> None:
    body = TWO_ENTITIES + "events:\n" + event("e", "IDF said", "passage: {quote: IDF, all: true}")
    assert check(tmp_path, body) == [
        "a.yaml:18:79: error: passage must be one passage, but 'all: true' gives 2"
    ]


# -- dates, realis -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "column", "message"),
    [
        ("2024-02-30", 75, "date: '2024-02-30': day 30 does not exist in February 2024"),
        ("2022-13", 75, "date: '2022-13': month 13 does not exist"),
        ("0000", 75, "date: '0000': year 0000 does not exist"),
        ("'25/03/2022'", 75, "date: '25/03/2022': a range has exactly one '/' (START/END)"),
        (
            "March 2022",
            75,
            "date: 'March 2022' is not an ISO 8601 date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        (
            "2022-03-25/2022-03-01",
            75,
            "date: '2022-03-25/2022-03-01': the range ends before it starts",
        ),
        (
            "{value: 2022-02-29}",
            83,
            "date value: '2022-02-29': day 29 does not exist in February 2022",
        ),
    ],
)
def test_invalid_event_dates(tmp_path: Path, date: str, column: int, message: str) -> None:
    body = TWO_ENTITIES + "events:\n" + event("e", "visited", f"date: {date}")
    assert check(tmp_path, body) == [f"a.yaml:18:{column}: error: {message}"]


def test_event_date_with_words_from_the_passage(tmp_path: Path) -> None:
    body = (
        TWO_ENTITIES
        + "events:\n"
        + event("e", "visited", "date: {value: 2022-03-24, text: Thursday}")
    )
    (visit,) = loaded(tmp_path, body).events
    assert visit.date is not None
    assert visit.date.value.text == "2022-03-24"
    assert visit.date.text == "Thursday"
    assert visit.date.span is not None
    assert TEXT[visit.date.span.start : visit.date.span.end] == "Thursday"


def test_invalid_document_date(tmp_path: Path) -> None:
    header = "gloss: 1\ndocument:\n  id: t\n  date: 2023-02-29\n  text: a.txt\n"
    assert check(tmp_path, "", header=header) == [
        "a.yaml:4:9: error: document date: '2023-02-29': day 29 does not exist in February 2023"
    ]


def test_actual_event_after_the_document_date_is_a_warning(tmp_path: Path) -> None:
    body = TWO_ENTITIES + "events:\n" + event("e", "visited", "date: 2022-04")
    assert check(tmp_path, body) == [
        "a.yaml:18:75: warning: an actual event dated 2022-04, after the document's date "
        "2022-03-25 [actual-after-document]"
    ]
    planned = TWO_ENTITIES + "events:\n" + event("e", "visited", "date: 2022-04", "realis: planned")
    assert loaded(tmp_path, planned).events[0].realis == "planned"


def test_unknown_realis_is_an_error(tmp_path: Path) -> None:
    body = TWO_ENTITIES + "events:\n" + event("e", "visited", "realis: maybe")
    assert check(tmp_path, body) == [
        "a.yaml:18:77: error: realis must be one of actual, planned, hypothetical, generic, "
        "not 'maybe'"
    ]


# -- YAML values are read as written ------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["no", "on", "yes", "off", "012", "1:30", "2022-03-25", "null!", "1e3"]
)
def test_names_are_never_retyped(tmp_path: Path, name: str) -> None:
    body = f"entities:\n  - {{id: x, type: PER, name: {name}, mentions: [Tal Kalman]}}\n"
    assert loaded(tmp_path, body).entity_by_id["x"].name == name


def test_document_fields_are_never_retyped(tmp_path: Path) -> None:
    header = "gloss: 1\ndocument:\n  id: 2022-03-25\n  title: no\n  language: no\n  text: a.txt\n"
    document = loaded(tmp_path, "", header=header)
    assert (document.info.id, document.info.title, document.info.language) == (
        "2022-03-25",
        "no",
        "no",
    )


def test_octal_looking_offset_is_an_error(tmp_path: Path) -> None:
    body = "entities:\n" + entity_yaml("tal", "PER", "{start: 012, end: 20}")
    assert check(tmp_path, body) == [
        "a.yaml:11:17: error: start 012 has a leading zero (YAML 1.1 reads it as an octal "
        "number); write 12"
    ]


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("2", "a.yaml:1:8: error: format version 2 is not supported; this gloss reads version 1"),
        (
            "'1'",
            "a.yaml:1:8: error: 'gloss' (the format version) must be a number, "
            "not the quoted text '1'",
        ),
        (
            "01",
            "a.yaml:1:8: error: 'gloss' (the format version) 01 has a leading zero "
            "(YAML 1.1 reads it as an octal number); write 1",
        ),
    ],
)
def test_format_version(tmp_path: Path, version: str, message: str) -> None:
    header = f"gloss: {version}\ndocument:\n  id: t\n  text: a.txt\n"
    assert check(tmp_path, "", header=header) == [message]


# -- shape -------------------------------------------------------------------------------


def test_unknown_and_missing_keys(tmp_path: Path) -> None:
    body = "colour: red\nentities:\n  - {id: x, type: PER, mentions: [Tal Kalman], nmae: X}\n"
    assert check(tmp_path, body) == [
        "a.yaml:6:1: error: unknown key 'colour' in the file "
        "(expected gloss, document, types, entities, events, relations)",
        "a.yaml:8:5: error: an entity needs 'name'",
        "a.yaml:8:48: error: unknown key 'nmae' in an entity "
        "(expected id, type, name, mentions, aliases, description, links, attributes, accept); "
        "did you mean 'name'?",
    ]


def test_missing_document_section(tmp_path: Path) -> None:
    assert check(tmp_path, "", header="gloss: 1\n") == [
        "a.yaml:1:1: error: the file needs 'document'"
    ]


def test_sections_must_be_lists(tmp_path: Path) -> None:
    assert check(tmp_path, "entities: {x: 1}\n") == [
        "a.yaml:6:11: error: entities must be a list, not a mapping"
    ]


def test_aliases_links_and_description(tmp_path: Path) -> None:
    body = (
        "entities:\n"
        "  - id: tal\n"
        "    type: PER\n"
        "    name: Tal Kalman\n"
        "    aliases: [Kalman, no]\n"
        "    description: Head of a division\n"
        "    links: {wikidata: Q1, site: 'https://example.org'}\n"
        "    mentions: [Tal Kalman]\n"
    )
    tal = loaded(tmp_path, body).entity_by_id["tal"]
    assert tal.aliases == ("Kalman", "no")
    assert tal.description == "Head of a division"
    assert tal.links == (("wikidata", "Q1"), ("site", "https://example.org"))


# -- all at once, in order ---------------------------------------------------------------


def test_all_problems_in_one_run_sorted_by_position(tmp_path: Path) -> None:
    body = (
        "types:\n  entities: {AGR: {label: A}}\n"  # 6-7: unused type, warning at 7
        "entities:\n"  # 8
        + entity_yaml("x", "FOO", "Nowhere")  # 9-13: type at 10, mention at 13
        + entity_yaml("y", "PER", "Tal Kalman")  # 14-18
        + "events:\n"  # 19
        + event("e", "visited", "same_as: z", "date: 2022-02-30")  # 20
        + "relations:\n  - {type: r, from: y, to: q}\n"  # 21-22
    )
    problems = check(tmp_path, body)
    assert problems == [
        "a.yaml:7:14: warning: entity type AGR is declared but never used [type-unused]",
        "a.yaml:10:11: error: unknown entity type 'FOO': declare it under types.entities "
        "(built in: FAC, GPE, LOC, MONEY, ORG, PER, VEH, WEA)",
        "a.yaml:13:9: error: mention: 'Nowhere' is not in the text, nor anything close to it",
        "a.yaml:20:78: error: no event has the id 'z'",
        "a.yaml:20:87: error: date: '2022-02-30': day 30 does not exist in February 2022",
        "a.yaml:22:28: error: no entity has the id 'q'",
    ]


def test_problems_are_sorted(tmp_path: Path) -> None:
    body = "entities:\n" + "".join(entity_yaml(f"e{i}", "PER", "Nowhere") for i in range(3))
    result = load(str(write_pair(tmp_path, body)))
    keys = [(d.position.line, d.position.column) for d in result.diagnostics]
    assert keys == sorted(keys)
    assert len(keys) == 3
    assert result.document is None


def test_a_text_outside_the_annotation_folder_is_an_error_unless_allowed(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("Alice\n", encoding="utf-8")
    folder = tmp_path / "doc"
    folder.mkdir()
    yaml_line = "document: {id: a, text: ../elsewhere.txt}"
    (folder / "a.yaml").write_text(
        f"gloss: 1\n{yaml_line}\nentities:\n"
        "  - {id: a, type: PER, name: Alice, mentions: [Alice]}\n",
        encoding="utf-8",
    )
    column = yaml_line.index("../elsewhere.txt") + 1
    refused = load(str(folder / "a.yaml"))
    assert refused.document is None
    assert [d.format() for d in refused.diagnostics] == [
        f"{folder / 'a.yaml'}:2:{column}: error: the article text '../elsewhere.txt' is "
        "outside the folder of a.yaml; gloss reads only files inside it "
        "(pass --allow-outside to read it anyway)"
    ]
    result = load(str(folder / "a.yaml"), allow_outside=True)
    assert result.document is not None
    assert [d.format() for d in result.diagnostics] == [
        f"{folder / 'a.yaml'}:2:{column}: warning: the article text '../elsewhere.txt' is "
        "outside this file's folder (read because of --allow-outside); make sure it is the "
        "file you mean to read [text-outside-folder]"
    ]


def test_a_bad_document_id_does_not_hide_the_other_problems(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alice\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "gloss: 1\ndocument: {id: [t], text: a.txt}\nentities:\n"
        "  - {id: a, type: PER, name: Alice, mentions: [Bob]}\n",
        encoding="utf-8",
    )
    result = load(str(tmp_path / "a.yaml"))
    assert result.document is None
    assert [(d.position.line, d.position.column, d.message) for d in result.diagnostics] == [
        (2, 16, "document id must be text, not a list"),
        (4, 48, "mention: 'Bob' is not in the text, nor anything close to it"),
    ]
