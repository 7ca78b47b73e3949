"""Suggestions for an article: what each joins, where they may stand, why, and their edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.suggesting import write_article
from tui.core.corpus.identity import Member
from tui.core.document.model import Document, Span
from tui.core.editing.edits import AddMention, DeclareType, NewEntity, apply
from tui.core.loading.loader import load
from tui.core.suggesting.corpus import known_from_members
from tui.core.suggesting.suggestions import (
    Found,
    Known,
    Rejected,
    build_finder,
    corpus_score,
    edits_for,
    file_known,
    nesting_types,
    suggest,
)

IAI = Known(
    "corpus",
    "ORG",
    "Israel Aerospace Industries",
    ("Israel Aerospace Industries", "IAI"),
    key="entity/wikidata:Q1354327",
    links=(("wikidata", "Q1354327"),),
    documents=14,
    score=corpus_score(14),
)
INDIA = Known("corpus", "GPE", "India", ("India",), key="entity/#3/india", documents=2)


@pytest.fixture
def document(tmp_path: Path) -> Document:
    result = load(str(write_article(tmp_path)))
    assert result.document is not None
    return result.document


def words(document: Document, span: Span) -> str:
    return document.text[span.start : span.end]


def test_suggestions_from_the_file_and_the_corpus(document: Document) -> None:
    found = suggest(document, build_finder([*file_known(document), IAI, INDIA]))
    said = [(words(document, s.span), s.source, s.entity_id, s.type) for s in found]
    assert said == [
        ("Israel Aerospace Industries", "corpus", None, "ORG"),
        ("Haifa", "file", "haifa", "GPE"),
        ("Levy", "file", "boaz-levy", "PER"),
        ("Israel Aerospace\nIndustries", "corpus", None, "ORG"),
        ("India", "corpus", None, "GPE"),
    ]
    first = found[0]
    assert first.why == "known in 14 articles as ORG Israel Aerospace Industries"
    assert first.links == (("wikidata", "Q1354327"),)
    assert first.group == found[3].group == "corpus:entity/wikidata:Q1354327"
    assert found[1].why == "a name of GPE Haifa in this article"
    assert found[1].score == 1.0 and first.score == pytest.approx(14 / 15)


def test_never_on_a_mention_nor_across_one(document: Document) -> None:
    # "Haifa" inside "University of Haifa" is not proposed: this file nests nothing.
    assert nesting_types(document) == frozenset()
    spans = [s.span for s in suggest(document, build_finder(file_known(document)))]
    university = document.entity_by_id["university-of-haifa"].mentions[0].span
    assert all(not (university.start < s.end and s.start < university.end) for s in spans)
    crossing = Known("corpus", "ORG", "Levy spoke", ("Boaz Levy spoke",), key="k", documents=1)
    assert suggest(document, build_finder([crossing])) == []


def test_nesting_is_allowed_for_the_types_the_file_nests(document: Document) -> None:
    university = document.entity_by_id["university-of-haifa"].mentions[0].span
    inner = Span(university.end - len("Haifa"), university.end)
    nested = apply(document, AddMention(entity_id="haifa", span=inner))
    assert nesting_types(nested) == frozenset({"GPE"})
    # Now GPE may nest: a GPE inside an ORG mention is proposed, an ORG inside one is not.
    of = Known("corpus", "GPE", "University", ("University",), key="u", documents=1)
    org = Known("corpus", "ORG", "Haifa U", ("University",), key="v", documents=1)
    assert [words(nested, s.span) for s in suggest(nested, build_finder([of]))] == ["University"]
    assert suggest(nested, build_finder([org])) == []
    assert suggest(document, build_finder([of]), nesting=frozenset({"GPE"}))


def test_the_file_wins_a_name_the_corpus_knows_too(document: Document) -> None:
    other = Known("corpus", "GPE", "Haifa", ("Haifa",), key="entity/#9/haifa", documents=30)
    found = suggest(document, build_finder([other, *file_known(document)]))
    haifa = [s for s in found if words(document, s.span) == "Haifa"]
    assert [s.entity_id for s in haifa] == ["haifa"]
    assert "1 other of that name" in haifa[0].why


def test_a_corpus_entity_the_file_already_links_joins_it(document: Document) -> None:
    made = apply(
        document,
        NewEntity("ORG", "IAI", Span(0, 27), entity_id="iai", links=(("wikidata", "Q1354327"),)),
    )
    found = suggest(made, build_finder([IAI]))
    assert [(s.entity_id, s.name) for s in found] == [("iai", "IAI")]
    assert found[0].why.endswith("; joins IAI here")


def test_rejected_ones_are_not_proposed_again_while_their_words_stay(document: Document) -> None:
    finder = build_finder([IAI, INDIA])
    first, *rest = suggest(document, finder)
    rejected = Rejected.of(first, document.text)
    assert suggest(document, finder, rejected=[rejected]) == rest
    moved = Rejected(rejected.start + 1, rejected.end + 1, rejected.words)
    assert len(suggest(document, finder, rejected=[moved])) == len(rest) + 1


def test_a_pipeline_s_mentions_join_the_rest(document: Document) -> None:
    start = document.text.index("Monday")
    found = [
        Found(start, start + 6, "Monday", "DATE", "Monday", "DATE", "test"),
        Found(start, start + 7, "Monday ", "DATE", "x", "DATE", "test"),  # not whole words
        Found(0, 6, "Israel", "GPE", "Israel", "GPE", "test"),  # inside a longer name
        Found(3, 9, "wrong!", "GPE", "Israel", "GPE", "test"),  # the text changed
    ]
    said = suggest(document, build_finder([IAI]), found=found)
    by_source = [(words(document, s.span), s.source) for s in said]
    assert ("Monday", "pipeline") in by_source
    assert ("Israel Aerospace Industries", "corpus") in by_source
    assert all(w != "Israel" for w, _ in by_source)
    monday = next(s for s in said if s.source == "pipeline")
    assert monday.why == "found by the pipeline as DATE" and monday.score == 0.6


def test_edits_make_one_entity_per_corpus_entity(document: Document) -> None:
    found = suggest(document, build_finder([*file_known(document), IAI]))
    edits = edits_for(document, found)
    kinds = [type(edit).__name__ for edit in edits]
    assert kinds == ["NewEntity", "AddMention", "AddMention", "AddMention"]
    made = edits[0]
    assert isinstance(made, NewEntity) and made.links == (("wikidata", "Q1354327"),)
    after = document
    for edit in edits:
        after = apply(after, edit)
    iai = after.entity_by_id[made.entity_id or ""]
    assert len(iai.mentions) == 2 and iai.links == (("wikidata", "Q1354327"),)
    assert suggest(after, build_finder([*file_known(after), IAI])) == []


def test_a_type_the_file_does_not_declare_is_declared_first(document: Document) -> None:
    product = Known("corpus", "PRODUCT", "Haifa Bay", ("Monday",), key="p", documents=1)
    edits = edits_for(document, suggest(document, build_finder([product])))
    assert isinstance(edits[0], DeclareType) and edits[0].code == "PRODUCT"
    after = document
    for edit in edits:
        after = apply(after, edit)
    assert any(e.type == "PRODUCT" for e in after.entities)


def test_the_corpus_groups_names_across_articles_leaving_this_one_out() -> None:
    members = [
        Member(
            1, "iai", "entity", "ORG", ("Israel Aerospace Industries", "IAI"), (("wikidata", "Q1"),)
        ),
        Member(2, "i", "entity", "ORG", ("IAI",), (("wikidata", "Q1"),)),
        Member(3, "r", "entity", "ORG", ("Reuters",), ()),
        Member(4, "r", "entity", "ORG", ("Reuters",), ()),
        Member(5, "mine", "entity", "PER", ("Only Here",), ()),
    ]
    known = {k.name: k for k in known_from_members(members, leave_out=5)}
    assert set(known) == {"Israel Aerospace Industries", "Reuters"}
    iai = known["Israel Aerospace Industries"]
    assert iai.documents == 2 and iai.names == ("Israel Aerospace Industries", "IAI")
    assert iai.links == (("wikidata", "Q1"),)
    assert known["Reuters"].documents == 2  # the same name and type, guessed together


def test_a_linked_new_entity_goes_through_the_journal_and_is_checked(document: Document) -> None:
    from tui.core.editing.edits import EditRefused, edit_from_json, edit_to_json

    made = NewEntity("ORG", "IAI", Span(0, 6), links=(("wikidata", "Q1"), ("x", "y")))
    assert edit_from_json(edit_to_json(made)) == made
    for links in ((("wikidata", "Q1"), ("wikidata", "Q2")), (("", "Q1"),), (("k", " "),)):
        with pytest.raises(EditRefused):
            apply(document, NewEntity("ORG", "IAI", Span(0, 6), links=links))
