"""brat standoff import and export: every line kind, the edge cases, the exact errors."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.formats.helpers import BUNDLED, DATA, NEWS_TEXT, brat_view, run
from tui.core.document.model import Document
from tui.core.formats.brat import export_brat, import_brat, write_brat, write_brat_conf
from tui.core.formats.brat.source import plain
from tui.core.formats.common import OffsetMap
from tui.core.loading.loader import load


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """``news.ann`` beside its CRLF text; returns the .ann path."""
    shutil.copy(DATA / "news.ann", tmp_path / "news.ann")
    (tmp_path / "news.txt").write_bytes(NEWS_TEXT.encode("utf-8"))
    return tmp_path / "news.ann"


def imported(news: Path, *extra: str) -> Document:
    code, out, err = run("import", "brat", str(news), *extra)
    assert code == 0, err
    assert err == ""
    assert "wrote" in out
    result = load(str(news.with_suffix(".yaml")))
    assert result.diagnostics == ()
    assert result.document is not None
    return result.document


def mention_texts(document: Document, entity_id: str) -> list[str]:
    text = document.text
    return [text[m.span.start : m.span.end] for m in document.entity_by_id[entity_id].mentions]


def test_every_line_kind_imports_and_passes_strict_check(news: Path) -> None:
    document = imported(news)
    assert run("check", "--strict", "--quiet", str(news.with_suffix(".yaml")))[0] == 0
    ids = [entity.id for entity in document.entities]
    assert ids == [
        "barack-obama",
        "paris",
        "emmanuel-macron",
        "there",
        "zoe",
        "ruger-gun",
        "money-5",
    ]
    # `*` Equiv groups T1 and T4; a shared N reference groups T6 and T8.
    assert mention_texts(document, "barack-obama") == ["Barack Obama", "Obama"]
    assert mention_texts(document, "emmanuel-macron") == ["Macron", "he"]
    macron = document.entity_by_id["emmanuel-macron"]
    assert macron.name == "Emmanuel Macron"  # the N line's text names the entity
    assert macron.links == (("Wikipedia", "Emmanuel_Macron"),)
    # A discontinuous T is one mention of two fragments, named by its whole text.
    (gun,) = document.entity_by_id["ruger-gun"].mentions
    assert [document.text[p.start : p.end] for p in gun.fragments] == ["Ruger", "gun"]
    # Types: brat labels to gloss codes.
    assert [e.type for e in document.entities] == [
        "PER",
        "GPE",
        "PER",
        "LOC",
        "PER",
        "WEA",
        "MONEY",
    ]
    # A binary attribute stays on its mention; AnnotatorNotes go to the description.
    obama = document.entity_by_id["barack-obama"]
    assert obama.description == "44th president"
    assert plain(obama.mentions[0].attributes) == [("Notable", "true")]
    # Every mention keeps its brat id.
    assert [dict(m.attributes)["source_id"] for m in obama.mentions] == ["T1", "T4"]


def test_events_roles_attributes_and_event_arguments(news: Path) -> None:
    document = imported(news)
    events = {event.id: event for event in document.events}
    assert list(events) == ["travel-visited", "meet-met", "say-said", "transfer-ownership-bought"]
    travel = events["travel-visited"]
    assert travel.type == "Other.Travel"  # not Type.Subtype: declared with its brat label
    assert document.event_types["Other.Travel"].label == "Travel"
    assert document.event_types["Other.Travel"].declared
    assert travel.realis == "hypothetical"  # M1 Speculation
    assert plain(travel.attributes) == [("Speculation", "true")]
    meet = events["meet-met"]
    assert meet.type == "Contact.Meet"  # a built-in subtype's name maps to its code
    assert [(a.role, a.entity_id) for a in meet.arguments] == [
        ("Participant", "barack-obama"),
        ("Participant", "emmanuel-macron"),  # Participant2 → Participant
        ("Place", "there"),
    ]
    assert meet.note == "Meeting in Paris"
    say = events["say-said"]
    # An argument that is an event is an event argument; attributes are kept as such.
    assert say.note is None
    assert [(a.role, a.event_id) for a in say.event_arguments] == [("Topic", "meet-met")]
    assert plain(say.attributes) == [("Confidence", "High")]
    assert [a.role for a in say.arguments] == ["Speaker"]
    bought = events["transfer-ownership-bought"]
    assert bought.type == "Transaction.Transfer-Ownership"
    assert bought.realis == "actual"
    assert bought.note is None
    assert plain(bought.attributes) == [("Negation", "true")]
    assert [(r.type, r.from_id, r.to_id) for r in document.relations] == [
        ("located_in", "emmanuel-macron", "paris")
    ]
    assert document.relation_types["located_in"].source == "Located_in"


def test_crlf_offsets_are_converted(news: Path) -> None:
    document = imported(news)
    assert "\r" not in document.text
    zoe = document.entity_by_id["zoe"].mentions[0].span
    assert document.text[zoe.start : zoe.end] == "Zoë"
    assert NEWS_TEXT.index("Zoë") - zoe.start == 2  # two CRs before it


def test_same_type_and_text_is_one_entity_unless_kept_apart(tmp_path: Path) -> None:
    text = "Rabat hosted the visit. Rabat said yes. Rabat, again.\n"
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    starts = [i for i in range(len(text)) if text.startswith("Rabat", i)]
    (tmp_path / "d.ann").write_text(
        "".join(f"T{n}\tGPE {s} {s + 5}\tRabat\n" for n, s in enumerate(starts, 1)),
        encoding="utf-8",
    )
    grouped = import_brat(str(tmp_path / "d.ann"))
    assert grouped.document is not None
    assert [len(e.mentions) for e in grouped.document.entities] == [3]
    apart = import_brat(str(tmp_path / "d.ann"), keep_apart=True)
    assert apart.document is not None and len(apart.document.entities) == 3
    code, _, err = run("import", "brat", str(tmp_path / "d.ann"))
    assert code == 0, err
    written = (tmp_path / "d.yaml").read_text(encoding="utf-8")
    # Each mention keeps its brat id, so each is written with it.
    assert [f"attributes: {{source_id: T{n}}}" in written for n in (1, 2, 3)] == [True] * 3
    # The flag the grouping once needed is still accepted.
    code, _, err = run("import", "brat", "--group-by-text", "--force", str(tmp_path / "d.ann"))
    assert code == 0, err
    code, _, err = run("import", "brat", "--keep-apart", "--force", str(tmp_path / "d.ann"))
    assert code == 0, err
    assert "all: true" not in (tmp_path / "d.yaml").read_text(encoding="utf-8")
    # Exported again, the mentions grouped by text are not said to be one.
    document = load(str(tmp_path / "d.yaml")).document
    assert document is not None
    assert "*" not in export_brat(document)


def test_non_ascii_offsets_count_code_points(tmp_path: Path) -> None:
    text = "😀 Zoë → Москва 北京 visited.\n"
    (tmp_path / "u.txt").write_text(text, encoding="utf-8")
    lines = []
    for number, word in enumerate(["Zoë", "Москва", "北京"], start=1):
        start = text.index(word)
        lines.append(f"T{number}\tGPE {start} {start + len(word)}\t{word}\n")
    (tmp_path / "u.ann").write_text("".join(lines), encoding="utf-8")
    code, _, err = run("import", "brat", str(tmp_path / "u.ann"))
    assert code == 0, err
    document = load(str(tmp_path / "u.yaml")).document
    assert document is not None
    assert [e.name for e in document.entities] == ["Zoë", "Москва", "北京"]
    # Slugs fall back to the type when a name has no ASCII letters.
    assert [e.id for e in document.entities] == ["zoe", "gpe", "gpe-2"]


MALFORMED = (
    "T1\tPerson 0 12\tBarack Obama\n"  # 1 fine
    "this line has no tab\n"  # 2
    "X1\tPerson 0 5\tBarac\n"  # 3 unknown kind
    "T2\tPerson zero 5\tBarac\n"  # 4 offsets not numbers
    "T3\tPerson 0 5\tPARIS\n"  # 5 text does not match
    "T4\tPerson 5 3\tx\n"  # 6 start after end
    "T5\tPerson 0 9999\tx\n"  # 7 past the end
    "T1\tPerson 0 12\tBarack Obama\n"  # 8 duplicate id
    "E1\tMeet:T99 Participant:T1\n"  # 9 trigger undefined
    "E2\tMeet:T1 Participant\n"  # 10 argument without ROLE:ID
    "R1\tLocated Arg1:T1\n"  # 11 relation with one argument
    "A1\tNegation\n"  # 12 attribute without target
    "N1\tReference T1\tObama\n"  # 13 normalisation without DB:ID
    "*\tEquiv T1\n"  # 14 equivalence of one
    "#1\tAnnotatorNotes\tnote\n"  # 15 note without target
    "T6\tPerson 0 12\n"  # 16 text-bound without the text field
    "R2\tLocated Arg1:T1 Arg2:E9\n"  # 17 relation to an undefined id
)


def test_malformed_lines_are_all_reported_with_line_and_column(news: Path) -> None:
    news.write_text(MALFORMED, encoding="utf-8")
    code, out, err = run("import", "brat", str(news))
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    path = str(news)
    expected_prefixes = [
        f"{path}:2:1: error: expected an annotation line",
        f"{path}:3:1: error: expected an annotation line",
        f"{path}:4:11: error: expected offsets 'START END'",
        f"{path}:5:15: error: the text 'PARIS' does not match offsets 0 5, which cover 'Barac'",
        f"{path}:6:11: error: start 5 must be before end 3",
        f"{path}:7:11: error: end 9999 is past the end of the text",
        f"{path}:8:1: error: duplicate id T1 (first on line 1)",
        f"{path}:9:9: error: trigger 'T99' is not defined in this file",
        f"{path}:10:12: error: expected ROLE:ID for an event argument, got 'Participant'",
        f"{path}:11:4: error: expected 'TYPE Arg1:ID Arg2:ID'",
        f"{path}:12:4: error: expected 'NAME TARGET-ID'",
        f"{path}:13:4: error: expected 'Reference TARGET-ID DATABASE:ID'",
        f"{path}:14:3: error: expected 'TYPE ID ID …'",
        f"{path}:15:4: error: expected 'AnnotatorNotes TARGET-ID'",
        f"{path}:16:4: error: a text-bound line needs three tab-separated fields",
        f"{path}:17:25: error: relation argument 'E9' is not defined in this file",
    ]
    assert len(lines) == len(expected_prefixes), err
    for line, prefix in zip(lines, expected_prefixes, strict=True):
        assert line.startswith(prefix), (line, prefix)
    assert not news.with_suffix(".yaml").exists()


def test_stale_text_names_the_column_of_the_text(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("Rabat and Morocco.\n", encoding="utf-8")
    (tmp_path / "s.ann").write_text("T1\tGPE 10 17\tMoroco\n", encoding="utf-8")
    result = import_brat(str(tmp_path / "s.ann"))
    assert result.document is None
    [problem] = result.diagnostics
    assert problem.format() == (
        f"{tmp_path / 's.ann'}:1:14: error: the text 'Moroco' does not match offsets 10 17, "
        "which cover 'Morocco' in the text file (stale offsets, or the wrong .txt?)"
    )


def test_wrong_reference_kinds_are_errors(tmp_path: Path) -> None:
    (tmp_path / "k.txt").write_text("Rabat met Paris.\n", encoding="utf-8")
    (tmp_path / "k.ann").write_text(
        "T1\tGPE 0 5\tRabat\nT2\tMeet 6 9\tmet\nE1\tMeet:T2 Place:T1\nR1\tX Arg1:T1 Arg2:T1\n"
        "E2\tMeet:E1\n",
        encoding="utf-8",
    )
    result = import_brat(str(tmp_path / "k.ann"))
    messages = [d.format() for d in result.diagnostics]
    assert any(
        ":5:9: error: trigger E1 is an event; expected a text-bound annotation" in m
        for m in messages
    ), messages


def test_relation_to_an_event_whose_trigger_is_an_event_is_reported(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("Rabat", encoding="utf-8")
    (tmp_path / "r.ann").write_text(
        "T1\tPerson 0 5\tRabat\nE1\tMeet:E1 Role:T1\nR2\tsame_as Arg1:T1 Arg2:E1\n",
        encoding="utf-8",
    )
    result = import_brat(str(tmp_path / "r.ann"))
    assert result.document is None
    assert [d.format() for d in result.diagnostics] == [
        f"{tmp_path / 'r.ann'}:2:9: error: trigger E1 is an event; expected a text-bound annotation"
    ]


def test_missing_text_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "m.ann").write_text("T1\tGPE 0 5\tRabat\n", encoding="utf-8")
    code, _, err = run("import", "brat", str(tmp_path / "m.ann"))
    assert code == 1
    assert f"{tmp_path / 'm.ann'}:1:1: error: article text" in err
    assert "does not exist" in err


def test_export_bundled_article_every_t_covers_its_text(tmp_path: Path) -> None:
    document = load(str(BUNDLED)).document
    assert document is not None
    ann, txt = write_brat(document, str(tmp_path), "article")
    written, kept = write_brat_conf(document, str(tmp_path))
    assert len(written) == 2 and kept == []
    raw = Path(txt).read_text(encoding="utf-8")
    lines = Path(ann).read_text(encoding="utf-8").splitlines()
    kinds = {line[0] for line in lines}
    assert kinds == {"T", "E", "R", "*", "#", "A"}
    for line in lines:
        if line.startswith("T"):
            _, spec, text = line.split("\t")
            _, start, end = spec.split(" ")
            assert " ".join(raw[int(start) : int(end)].split()) == text
    again = import_brat(ann)
    assert again.document is not None, [d.format() for d in again.diagnostics]
    assert brat_view(again.document) == brat_view(document)


def test_export_beside_a_crlf_text_leaves_it_and_counts_its_characters(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_bytes(("\ufeff" + NEWS_TEXT).encode("utf-8"))
    (tmp_path / "c.yaml").write_text(
        "gloss: 1\ndocument: {id: c, text: c.txt}\nentities:\n"
        "  - {id: zoe, type: PER, name: Zoë, mentions: [Zoë]}\n",
        encoding="utf-8",
    )
    code, out, err = run("export", "--format", "brat", str(tmp_path / "c.yaml"))
    assert code == 0, err
    assert "c.ann" in out
    assert (tmp_path / "c.txt").read_bytes() == ("\ufeff" + NEWS_TEXT).encode("utf-8")
    raw = (tmp_path / "c.txt").read_bytes().decode("utf-8")
    ann = (tmp_path / "c.ann").read_text(encoding="utf-8")
    start, end = (int(n) for n in ann.split("\t")[1].split(" ")[1:])
    assert raw[start:end] == "Zoë"
    # and brat's offsets come back to gloss's on import
    document = import_brat(str(tmp_path / "c.ann")).document
    assert document is not None
    span = document.entities[0].mentions[0].span
    assert document.text[span.start : span.end] == "Zoë"


def test_offset_map_round_trips() -> None:
    raw = "\ufeffa\r\nb\r\n\r\nc\rd\n"
    mapping = OffsetMap(raw)
    assert mapping.text == "a\nb\n\nc\rd\n"
    for offset in range(len(mapping.text) + 1):
        assert mapping.to_gloss(mapping.to_raw(offset)) == offset


def test_export_repeats_roles_with_numbers_and_writes_realis(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("Ann met Bob in Rome.\n", encoding="utf-8")
    (tmp_path / "r.yaml").write_text(
        "gloss: 1\ndocument: {id: r, text: r.txt}\n"
        "entities:\n"
        "  - {id: ann, type: PER, name: Ann, mentions: [Ann]}\n"
        "  - {id: bob, type: PER, name: Bob, mentions: [Bob]}\n"
        "events:\n"
        "  - {id: m, type: Contact.Meet, summary: They meet, trigger: met, realis: planned,\n"
        "     arguments: [{role: Participant, entity: ann}, {role: Participant, entity: bob}]}\n",
        encoding="utf-8",
    )
    document = load(str(tmp_path / "r.yaml")).document
    assert document is not None
    ann = export_brat(document)
    assert "E1\tContact.Meet:T2 Participant:T1 Participant2:T3\n" in ann
    assert "A1\tRealis E1 planned\n" in ann


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.text(alphabet="TERAMN#*\t :;0123456789 TxArgE-é\r", max_size=30),
        max_size=8,
    )
)
def test_any_ann_content_gives_diagnostics_never_a_traceback(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "f.txt").write_text("Rabat met Paris.\r\nZoë\n", encoding="utf-8")
        (Path(folder) / "f.ann").write_text("\n".join(lines), encoding="utf-8")
        result = import_brat(str(Path(folder) / "f.ann"))
    for diagnostic in result.diagnostics:
        assert diagnostic.position.line >= 1 and diagnostic.position.column >= 1
    assert (result.document is None) == any(d.severity.value == "error" for d in result.diagnostics)


REFS = ["T1", "T2", "T3", "T4", "E1", "E2", "E3", "R1", "T9"]
FUZZ_TEXT = "Rabat met Paris and Rome.\r\nZoë said it.\n"
SPANS = [(0, 5), (6, 9), (10, 15), (20, 24), (27, 30), (31, 35)]


@st.composite
def ann_files(draw: st.DrawFn) -> str:
    ref = st.sampled_from(REFS)
    lines = []
    for number in range(1, 5):
        start, end = draw(st.sampled_from(SPANS))
        label = draw(st.sampled_from(["Person", "GPE", "Meet", "Thing"]))
        lines.append(f"T{number}\t{label} {start} {end}\t{FUZZ_TEXT[start:end]}")
    templates = [
        lambda n: (
            f"E{n}\t{draw(st.sampled_from(['Meet', 'Attack', 'X.Y']))}:{draw(ref)} "
            f"Role:{draw(ref)} Role2:{draw(ref)}"
        ),
        lambda n: (
            f"R{n}\t{draw(st.sampled_from(['same_as', 'Near']))} Arg1:{draw(ref)} Arg2:{draw(ref)}"
        ),
        lambda n: f"*\tEquiv {draw(ref)} {draw(ref)} {draw(ref)}",
        lambda n: (
            f"A{n}\t{draw(st.sampled_from(['Negation', 'Speculation', 'Realis']))} "
            f"{draw(ref)}{draw(st.sampled_from(['', ' planned', ' other']))}"
        ),
        lambda n: f"N{n}\tReference {draw(ref)} db:{draw(st.sampled_from(['1', '2']))}\tName",
        lambda n: f"#{n}\tAnnotatorNotes {draw(ref)}\tnote {n}",
    ]
    for number in range(1, draw(st.integers(0, 10)) + 1):
        lines.append(draw(st.sampled_from(templates))(number))
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ann_files())
def test_any_wellformed_ann_imports_to_a_file_that_loads(content: str) -> None:
    from tui.core.formats import yaml_out

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / "f.txt").write_bytes(FUZZ_TEXT.encode("utf-8"))
        (base / "f.ann").write_text(content, encoding="utf-8")
        result = import_brat(str(base / "f.ann"))
        if result.document is None:
            assert any(d.severity.value == "error" for d in result.diagnostics)
            return
        (base / "f.yaml").write_text(
            yaml_out.dumps(result.document, text_name="f.txt"), encoding="utf-8"
        )
        loaded = load(str(base / "f.yaml"))
        errors = [d.format() for d in loaded.diagnostics if d.severity.value == "error"]
        assert not errors, content


def test_same_as_both_ways_is_not_a_cycle(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text("Ann met Bob. Bob met Ann.\n", encoding="utf-8")
    (tmp_path / "c.ann").write_text(
        "T1\tMeet 4 7\tmet\nT2\tMeet 17 20\tmet\nE1\tMeet:T1\nE2\tMeet:T2\n"
        "R1\tsame_as Arg1:E1 Arg2:E2\nR2\tsame_as Arg1:E2 Arg2:E1\n",
        encoding="utf-8",
    )
    code, _, err = run("import", "brat", str(tmp_path / "c.ann"))
    assert code == 0, err
    document = load(str(tmp_path / "c.yaml")).document
    assert document is not None
    assert [e.same_as for e in document.events] == ["meet-met-2", None]


def test_export_writes_annotation_and_visual_conf(tmp_path: Path) -> None:
    code, out, err = run("export", "--format", "brat", str(BUNDLED), "-o", str(tmp_path))
    assert code == 0, err
    assert "annotation.conf" in out and "visual.conf" in out
    annotation = (tmp_path / "annotation.conf").read_text(encoding="utf-8").splitlines()
    visual = (tmp_path / "visual.conf").read_text(encoding="utf-8").splitlines()
    sections = [line for line in annotation if line.startswith("[")]
    assert sections == ["[entities]", "[relations]", "[events]", "[attributes]"]
    assert "AGR" in annotation and "Person" in annotation
    assert "Contact.Meet\tEntity*:Person, Place?:GPE" in annotation
    assert "same_as\tArg1:<EVENT>, Arg2:<EVENT>" in annotation
    assert "AGR | Agreement" in visual and "Contact.Discuss | Discussion / talks" in visual
    # Every label the .ann uses is declared in annotation.conf.
    declared = {line.split("\t")[0] for line in annotation if line and line[0] not in "#["}
    ann = (tmp_path / "idf-morocco-2022-03-25.ann").read_text(encoding="utf-8")
    used = {line.split("\t")[1].split(" ")[0] for line in ann.splitlines() if line[0] == "T"}
    assert used <= declared


def test_a_brat_projects_own_conf_is_kept(tmp_path: Path) -> None:
    (tmp_path / "visual.conf").write_text("[labels]\nPerson | Human\n", encoding="utf-8")
    code, out, err = run("export", "--format", "brat", str(BUNDLED), "-o", str(tmp_path))
    assert code == 0 and "annotation.conf" in out and "visual.conf" not in out
    assert err == f"gloss: kept {tmp_path / 'visual.conf'}, which gloss did not write\n"
    assert (tmp_path / "visual.conf").read_text(encoding="utf-8") == "[labels]\nPerson | Human\n"
    assert (tmp_path / "annotation.conf").exists()


def test_visual_conf_labels_are_read_on_import(tmp_path: Path) -> None:
    (tmp_path / "v.txt").write_text("Zoë signed the pact.", encoding="utf-8")
    (tmp_path / "v.ann").write_text(
        "T1\tPER 0 3\tZoë\nT2\tPACT 15 19\tpact\nT3\tSign 4 10\tsigned\nE1\tSign:T3 Agent:T1\n",
        encoding="utf-8",
    )
    (tmp_path / "visual.conf").write_text(
        "[labels]\nPACT | Treaty | Tr\nSign | Signing\nPER | Human being\nbroken line\n[drawing]\n",
        encoding="utf-8",
    )
    result = import_brat(str(tmp_path / "v.ann"))
    assert [d.format() for d in result.diagnostics] == [
        f"{tmp_path / 'visual.conf'}:5:1: warning: expected 'TYPE | Label' (and more short "
        "labels) in [labels]; line skipped"
    ]
    document = result.document
    assert document is not None
    assert document.entity_types["PACT"].label == "Treaty"
    assert document.entity_types["PER"].label == "Human being"
    assert document.event_types["Other.Sign"].label == "Signing"
