"""Imports group mentions of one type and text into one entity, unless kept apart.

brat text-bound annotations, doccano and displaCy spans and other tools' W3C tags carry
no identity of their own: without grouping, "IL10" written eighteen times would be
eighteen entities. Nothing is lost by grouping: every span stays a mention, and every
event argument and relation end comes back on export as the very span it named.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.formats.helpers import position, run, tag, write
from tests.formats.roundtrip_compare import brat_round_trip, named_mentions
from tui.core.document.model import Document, Span
from tui.core.formats import spans, w3c
from tui.core.formats.brat import import_brat
from tui.core.formats.grouping import ExportPicks, same_text_key

GE_TEXT = (
    "EBV LMP1 induces IL10 in B cells.\n"
    "IL10 production needs IL10 transcription, and IL10\nreceptor binding.\n"
    "Anti-IL10 antibodies and il10 are other words.\n"
)


def _at(text: str, word: str, nth: int = 0) -> int:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start


def _ge_ann() -> str:
    """Five IL10 proteins (one of them lower-case), a trigger and two events whose Theme
    is not the IL10 nearest the trigger, and a relation from the second IL10."""
    il10 = [_at(GE_TEXT, "IL10", n) for n in range(5)]
    lmp1 = _at(GE_TEXT, "LMP1")
    induces = _at(GE_TEXT, "induces")
    needs = _at(GE_TEXT, "needs")
    lower = _at(GE_TEXT, "il10")
    lines = [f"T{n + 1}\tProtein {s} {s + 4}\tIL10" for n, s in enumerate(il10)]
    lines += [
        f"T6\tProtein {lmp1} {lmp1 + 4}\tLMP1",
        f"T7\tProtein {lower} {lower + 4}\til10",
        f"T8\tPositive_regulation {induces} {induces + 7}\tinduces",
        f"T9\tPositive_regulation {needs} {needs + 5}\tneeds",
        "E1\tPositive_regulation:T8 Theme:T1 Cause:T6",
        # The nearest IL10 to "needs" is T3 ("IL10 transcription"); the Theme is T2.
        "E2\tPositive_regulation:T9 Theme:T2",
        "R1\tBinds Arg1:T4 Arg2:T6",
    ]
    return "\n".join(lines) + "\n"


def _write_ge(folder: Path) -> Path:
    (folder / "ge.txt").write_text(GE_TEXT, encoding="utf-8")
    (folder / "ge.ann").write_text(_ge_ann(), encoding="utf-8")
    return folder / "ge.ann"


def _names(document: Document) -> list[tuple[str, str, int]]:
    return [(e.type, e.name, len(e.mentions)) for e in document.entities]


# -- the key ---------------------------------------------------------------------------


def test_the_key_is_the_type_and_the_text_with_white_space_folded_and_case_kept() -> None:
    assert same_text_key("GPE", "New\n  York") == same_text_key("GPE", "New York")
    assert same_text_key("GPE", "US") != same_text_key("GPE", "us")
    assert same_text_key("GPE", "Rabat") != same_text_key("LOC", "Rabat")


def test_export_picks_the_nearest_start_and_the_earlier_on_a_tie() -> None:
    picks = ExportPicks([((Span(s, s + 4),), f"at{s}") for s in (40, 0, 20, 20, 60)])
    assert picks.first() == "at0"
    assert picks.nearest(-5) == "at0"
    assert picks.nearest(29) == "at20"
    assert picks.nearest(30) == "at20"  # 10 either way: the earlier
    assert picks.nearest(31) == "at40"
    assert picks.nearest(99) == "at60"


# -- brat ------------------------------------------------------------------------------


def test_brat_groups_one_type_and_text_into_one_entity(tmp_path: Path) -> None:
    result = import_brat(str(_write_ge(tmp_path)))
    assert result.diagnostics == ()
    document = result.document
    assert document is not None
    # T1, T3 and T5 are one IL10 (T5's text runs over a line break, as "IL10" still);
    # T2 (a Theme that export would not give back otherwise) and T4 (a relation end
    # that is not the first mention) stay apart; "il10" is another text.
    assert _names(document) == [
        ("PROTEIN", "LMP1", 1),
        ("PROTEIN", "IL10", 3),
        ("PROTEIN", "IL10", 1),
        ("PROTEIN", "IL10", 1),
        ("PROTEIN", "il10", 1),
    ]


def test_brat_keep_apart_makes_each_t_its_own_entity(tmp_path: Path) -> None:
    result = import_brat(str(_write_ge(tmp_path)), keep_apart=True)
    assert result.document is not None
    assert [count for _, _, count in _names(result.document)] == [1] * 7


def test_brat_round_trip_gives_every_argument_its_own_t(tmp_path: Path) -> None:
    ann = _write_ge(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    trip = brat_round_trip(ann, out)
    assert (trip.import_messages, trip.check_messages, trip.differences) == ((), (), {})
    assert named_mentions(trip.written, GE_TEXT) == named_mentions(_ge_ann(), GE_TEXT)
    apart = out / "apart"
    apart.mkdir()
    exact = brat_round_trip(ann, apart, keep_apart=True)
    assert exact.differences == {}
    assert "*" not in exact.written  # kept apart: no equivalence the source did not have


def test_brat_normalisations_that_disagree_keep_same_text_apart(tmp_path: Path) -> None:
    text = "p50 binds p50, and p50 again.\n"
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    starts = [_at(text, "p50", n) for n in range(3)]
    (tmp_path / "d.ann").write_text(
        "".join(f"T{n + 1}\tProtein {s} {s + 3}\tp50\n" for n, s in enumerate(starts))
        + "N1\tReference T1 UniProt:P19838\tNFKB1\n"
        + "N2\tReference T2 UniProt:Q04206\tRELA\n",
        encoding="utf-8",
    )
    document = import_brat(str(tmp_path / "d.ann")).document
    assert document is not None
    # T3 has no identity of its own and joins the first p50; T2 says it is another.
    assert [(e.name, dict(e.links), len(e.mentions)) for e in document.entities] == [
        ("NFKB1", {"UniProt": "P19838"}, 2),
        ("RELA", {"UniProt": "Q04206"}, 1),
    ]


def test_brat_relation_between_two_same_text_ts_keeps_them_apart(tmp_path: Path) -> None:
    text = "Rabat and Rabat.\n"
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    (tmp_path / "d.ann").write_text(
        "T1\tGPE 0 5\tRabat\nT2\tGPE 10 15\tRabat\nR1\tnear Arg1:T1 Arg2:T2\n", encoding="utf-8"
    )
    result = import_brat(str(tmp_path / "d.ann"))
    assert result.diagnostics == () and result.document is not None
    assert len(result.document.entities) == 2 and len(result.document.relations) == 1


def test_import_brat_command_groups_and_keep_apart_flag(tmp_path: Path) -> None:
    ann = _write_ge(tmp_path)
    code, out, err = run("import", "brat", str(ann))
    assert code == 0, err
    assert "(5 entities, 2 events, 1 relations)" in out
    code, out, err = run("import", "brat", "--keep-apart", "--force", str(ann))
    assert code == 0, err
    assert "(7 entities, 2 events, 1 relations)" in out


def test_import_help_says_what_is_grouped() -> None:
    for kind in ("brat", "doccano", "displacy", "w3c"):
        code, out, _ = run("import", kind, "--help")
        assert code == 0
        folded = " ".join(out.split())
        assert "--keep-apart" in folded and "one type and text" in folded, kind


# -- doccano, displaCy, W3C -------------------------------------------------------------

SPAN_TEXT = "Rabat hosted Kalman.\nKalman left\nRabat, and RABAT stayed. Kalman   again.\n"


def _spans(text: str, *words: tuple[str, int, str]) -> list[tuple[int, int, str]]:
    result = []
    for word, nth, label in words:
        start = _at(text, word, nth)
        result.append((start, start + len(word), label))
    return result


def test_doccano_groups_and_keeps_apart(tmp_path: Path) -> None:
    labelled = _spans(
        SPAN_TEXT,
        ("Rabat", 0, "GPE"),
        ("Kalman", 0, "PERSON"),
        ("Kalman", 1, "PERSON"),
        ("Rabat", 1, "GPE"),
        ("RABAT", 0, "GPE"),
    )
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": SPAN_TEXT, "label": labelled}) + "\n", encoding="utf-8")
    [grouped] = spans.import_doccano(str(path)).documents
    assert _names(grouped) == [("GPE", "Rabat", 2), ("PER", "Kalman", 2), ("GPE", "RABAT", 1)]
    [apart] = spans.import_doccano(str(path), keep_apart=True).documents
    assert len(apart.entities) == 5
    code, out, err = run("import", "doccano", "--keep-apart", str(path))
    assert code == 0, err
    assert "(5 entities," in out


def test_displacy_groups_white_space_alike_and_keeps_disagreeing_links_apart(
    tmp_path: Path,
) -> None:
    text = "Kalman met Tal\nKalman, Tal  Kalman and Kalman.\n"
    tal1, tal2 = _at(text, "Tal\nKalman"), _at(text, "Tal  Kalman")
    ents = [
        {"start": tal1, "end": tal1 + 10, "label": "PERSON"},
        {"start": tal2, "end": tal2 + 11, "label": "PERSON"},
        {"start": 0, "end": 6, "label": "PERSON", "kb_id": "Q1"},
        {"start": _at(text, "Kalman", 3), "end": _at(text, "Kalman", 3) + 6, "label": "PERSON"},
        {"start": _at(text, "Kalman", 2), "end": _at(text, "Kalman", 2) + 6, "label": "PERSON"},
    ]
    ents[4]["kb_id"] = "Q2"
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"text": text, "ents": ents}), encoding="utf-8")
    [grouped] = spans.import_displacy(str(path)).documents
    assert [(e.name, dict(e.links), len(e.mentions)) for e in grouped.entities] == [
        ("Kalman", {"kb_id": "Q1"}, 2),
        ("Tal Kalman", {}, 2),
        ("Kalman", {"kb_id": "Q2"}, 1),
    ]
    [apart] = spans.import_displacy(str(path), keep_apart=True).documents
    assert len(apart.entities) == 5
    code, out, err = run("import", "displacy", "--keep-apart", str(path))
    assert code == 0, err
    assert "(5 entities," in out


def test_w3c_tags_group_unless_kept_apart(tmp_path: Path) -> None:
    text = "Rabat and Rabat.\n"
    data = [tag("City", [position(0, 5)]), tag("City", [position(10, 15)])]
    path = write(tmp_path, data, text=text)
    grouped = w3c.import_w3c(str(path)).document
    assert grouped is not None and _names(grouped) == [("CITY", "Rabat", 2)]
    apart = w3c.import_w3c(str(path), keep_apart=True).document
    assert apart is not None and _names(apart) == [("CITY", "Rabat", 1)] * 2
