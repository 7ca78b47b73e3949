"""brat → gloss → brat gives back the very lines that went in (their order aside): ids,
the `*` lines the annotator wrote and no others, shared triggers, relation roles,
placeholder normalisations, repeated T's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.formats.helpers import DATA
from tests.support.roundtrip import brat_round_trip, compare_lines
from tui.core.document.model import Document, Entity
from tui.core.formats.brat import ImportResult, import_brat
from tui.core.formats.brat.source import escape, plain, unescape

CASES = DATA / "brat-cases"
FILES = sorted(CASES.glob("*.ann")) + sorted((DATA / "real").glob("brat-tutorials/*/*.ann"))


@pytest.mark.parametrize("keep_apart", [False, True], ids=["grouped", "kept-apart"])
@pytest.mark.parametrize("ann_path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_file_comes_back_line_for_line(
    ann_path: Path, tmp_path: Path, keep_apart: bool
) -> None:
    trip = brat_round_trip(ann_path, tmp_path, keep_apart=keep_apart)
    assert trip.imported, trip.import_messages
    assert trip.difference.identical, str(trip.difference)


def test_the_comparison_sees_order_apart_and_everything_else() -> None:
    assert compare_lines("T1\tX 0 1\ta\nT2\tX 2 3\tb\n", "T2\tX 2 3\tb\nT1\tX 0 1\ta").identical
    changed = compare_lines("R1\tR Arg1:T1 Arg2:T2\t\n", "R1\tR Arg1:T1 Arg2:T2\n")
    assert changed.missing == ("R1\tR Arg1:T1 Arg2:T2\t",)
    assert changed.added == ("R1\tR Arg1:T1 Arg2:T2",)
    assert not compare_lines("T1\tX 0 1\ta\nT1\tX 0 1\ta\n", "T1\tX 0 1\ta\n").identical


def _document(name: str) -> ImportResult:
    result = import_brat(str(CASES / f"{name}.ann"))
    assert result.document is not None, result.diagnostics
    return result


def _by_source(document: Document | None) -> dict[str, Entity]:
    assert document is not None
    return {dict(m.attributes)["source_id"]: e for e in document.entities for m in e.mentions}


def test_placeholders_are_no_identity_and_a_relation_within_one_identity_is_kept() -> None:
    document = _document("nerel").document
    assert document is not None
    entity_of = _by_source(document)
    # Wikidata:NULL and an empty id join nothing, link nothing; every type is kept.
    assert [entity_of[t].type for t in ("T4", "T5", "T6")] == ["PROFESSION", "ORG", "PROFESSION"]
    assert len({id(entity_of[t]) for t in ("T4", "T5", "T6")}) == 3
    assert all(entity_of[t].links == () for t in ("T4", "T5", "T6"))
    # Two mentions of Q76 linked by ALTERNATIVE_NAME: two entities, the relation kept.
    (relation,) = document.relations
    assert (relation.from_id, relation.to_id) == (entity_of["T3"].id, entity_of["T1"].id)
    assert entity_of["T1"].links == entity_of["T3"].links == (("Wikidata", "Q76"),)


def test_a_shared_normalisation_never_changes_a_type_and_a_repeated_t_is_said() -> None:
    result = _document("dimb")
    entity_of = _by_source(result.document)
    assert [entity_of[t].type for t in ("T1", "T2", "T5")] == ["CHEMICAL", "MEASUREMENT", "PER"]
    assert entity_of["T1"] is not entity_of["T3"]  # same type and span: kept, not folded
    (warning,) = [d.message for d in result.diagnostics]
    assert warning.startswith("T3 repeats T1 (type Chemical, the same span)")


def test_shared_triggers_roles_and_grouping_by_text() -> None:
    bionlp = _document("bionlp").document
    assert bionlp is not None
    assert [dict(e.attributes)["source_id"] for e in bionlp.events] == ["E1", "E2", "E3", "E4"]
    assert {e.trigger for e in bionlp.events[:2]} == {bionlp.events[0].trigger}
    # The two IL-10 mentions are one entity for the reader; export keeps them two T's.
    il10 = _by_source(bionlp)["T12"]
    assert il10 is _by_source(bionlp)["T7"]
    dkpro = _document("dkpro").document
    assert dkpro is not None
    roles = [plain(r.attributes) for r in dkpro.relations if r.type == "dependency"]
    assert roles == [[]] * 3
    assert [dict(r.attributes)["brat"] for r in dkpro.relations if r.type == "dependency"] == [
        "roles=Governor,Dependent"
    ] * 3


def test_escaped_text_comes_back() -> None:
    for text in ["", "a b", "50%=half, or so\t", "x\u2028y", "Обама"]:
        assert unescape(escape(text)) == text
        assert not any(c.isspace() or c in ",=" for c in escape(text))
