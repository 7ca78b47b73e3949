"""The timeline's pure layer: dates of happenings, their order, date words, lanes, the axis."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.helpers import loaded
from tui.cli.main import bundled_article
from tui.core.document.dates import DateValue, parse_date
from tui.core.document.model import Document, Event, EventDate, Span
from tui.core.loading.loader import load
from tui.core.timeline.happenings import (
    ALL_LANE,
    UNDATED_LANE,
    Happening,
    Unit,
    build_lanes,
    by_date,
    date_words_of,
    entities_with_events,
    extent,
    happening_date,
    happenings_in_text_order,
    interval_key,
    is_mark,
    make_axis,
    note_says_guessed,
    precision_name,
    temporal_words_near,
)


@pytest.fixture(scope="module")
def bundled() -> Document:
    document = load(str(bundled_article())).document
    assert document is not None
    return document


def telling(event_id: str, value: str | None, *, start: int = 0, note: str | None = None) -> Event:
    date = EventDate(parse_date(value), None, None) if value else None
    return Event(
        event_id, "Contact.Meet", "s", Span(start, start + 1), Span(0, 1), date, "actual", (),
        None, note,
    )  # fmt: skip


def happening(value: str | None, order: int) -> Happening:
    date = parse_date(value) if value else None
    return Happening(
        (telling(f"e{order}", value),), order, date, None, None, None, None, False, None
    )


# -- the happening's date ------------------------------------------------------------------


def test_the_most_precise_telling_dates_the_happening() -> None:
    tellings = [
        telling("a", None),
        telling("b", "2021"),
        telling("c", "2021-01"),
        telling("d", "2021"),
    ]
    assert happening_date(tellings) is tellings[2]


def test_a_day_beats_a_two_day_range_and_the_first_telling_wins_ties() -> None:
    tellings = [
        telling("a", "2022-03-24/2022-03-25"),
        telling("b", "2022-03-25"),
        telling("c", "2022-03-24"),
    ]
    assert happening_date(tellings) is tellings[1]


def test_a_written_month_beats_the_same_days_as_a_range() -> None:
    tellings = [telling("a", "2022-03-01/2022-03-31"), telling("b", "2022-03")]
    assert happening_date(tellings) is tellings[1]


def test_no_dated_telling_means_undated() -> None:
    assert happening_date([telling("a", None)]) is None


def test_heron_drones_are_dated_by_their_second_telling(bundled: Document) -> None:
    found = {h.id: h for h in happenings_in_text_order(bundled)}
    heron = found["heron-delivery"]
    assert [t.id for t in heron.tellings] == ["heron-delivery", "heron-delivery-2"]
    assert heron.date is not None and heron.date.text == "2021-01"
    assert heron.date_words == "In January of last year"
    assert heron.words_source == "annotated"


def test_bundled_article_runs_from_2014_to_march_2022(bundled: Document) -> None:
    ordered = by_date(happenings_in_text_order(bundled))
    dated = [h for h in ordered if h.date is not None]
    assert dated[0].id == "drone-deal-signing"
    assert dated[-1].date is not None and dated[-1].date.first == dt.date(2022, 3, 25)
    ids = [h.id for h in ordered]
    assert ids.index("heron-delivery") < ids.index("c-130-landing")  # 2021-01 before 2021-06
    # "the coming year" (the defence budget) is all of 2022
    assert extent(ordered, bundled.info.date) == (dt.date(2014, 1, 1), dt.date(2022, 12, 31))


# -- the order -----------------------------------------------------------------------------


def test_documented_examples_are_in_order() -> None:
    texts = ["2022", "2022-03", "2022-03-01/2022-03-05", "2022-03-01", "2022-03-24", "2022-04"]
    shuffled = [texts[i] for i in (4, 1, 5, 3, 0, 2)]
    ordered = sorted((parse_date(t) for t in shuffled), key=interval_key)
    assert [v.text for v in ordered] == texts


def test_undated_come_last_in_text_order() -> None:
    items = [happening(None, 0), happening("2022", 1), happening(None, 2), happening("2021", 3)]
    assert [h.text_order for h in by_date(items)] == [3, 1, 0, 2]


@st.composite
def date_values(draw: st.DrawFn) -> DateValue:
    year = draw(st.integers(2019, 2022))
    precision = draw(st.sampled_from(["year", "month", "day", "range"]))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    if precision == "year":
        return parse_date(f"{year}")
    if precision == "month":
        return parse_date(f"{year}-{month:02d}")
    single = f"{year}-{month:02d}-{day:02d}"
    if precision == "day":
        return parse_date(single)
    end_year = draw(st.integers(year, 2023))
    return parse_date(f"{single}/{end_year}")


happening_lists = st.lists(st.one_of(st.none(), date_values()), max_size=25).map(
    lambda values: [
        Happening((telling(f"e{i}", None),), i, value, None, None, None, None, False, None)
        for i, value in enumerate(values)
    ]
)


def contains(outer: DateValue, inner: DateValue) -> bool:
    return outer.first <= inner.first and inner.last <= outer.last


@given(happening_lists)
def test_order_is_consistent_with_containment_and_time(items: list[Happening]) -> None:
    ordered = by_date(items)
    position = {h.text_order: i for i, h in enumerate(ordered)}
    for a in items:
        for b in items:
            if a.date is None or b.date is None:
                if a.date is not None and b.date is None:
                    assert position[a.text_order] < position[b.text_order]
                continue
            if (a.date.first, a.date.last) == (b.date.first, b.date.last):
                # the tie rule: text order
                assert (position[a.text_order] < position[b.text_order]) == (
                    a.text_order < b.text_order
                )
            elif contains(a.date, b.date) or a.date.first < b.date.first:
                assert position[a.text_order] < position[b.text_order]


@given(happening_lists, st.randoms())
def test_order_does_not_depend_on_the_input_order(items: list[Happening], rng: object) -> None:
    shuffled = list(items)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert [h.text_order for h in by_date(shuffled)] == [h.text_order for h in by_date(items)]


@given(happening_lists)
def test_order_is_idempotent_and_keeps_everything(items: list[Happening]) -> None:
    once = by_date(items)
    assert by_date(once) == once
    assert sorted(h.text_order for h in once) == [h.text_order for h in items]


# -- date words and guesses ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("The deal was signed in 2014 and closed.", "in 2014"),
        ("In January of last year, the army received drones.", "In January of last year"),
        ("The visit, which began on Thursday, was held in Rabat.", "on Thursday"),
        ("They met on 24 March 2022 in Rabat.", "on 24 March 2022"),
        ("They met on March 24, 2022 in Rabat.", "on March 24, 2022"),
        ("They met yesterday in Rabat.", "yesterday"),
        ("They met in Rabat.", None),
    ],
)
def test_temporal_words_are_found_in_a_passage(sentence: str, words: str | None) -> None:
    trigger_word = "met" if "met" in sentence else sentence.split()[3]
    trigger = Span(sentence.index(trigger_word), sentence.index(trigger_word) + len(trigger_word))
    found = temporal_words_near(sentence, Span(0, len(sentence)), trigger)
    assert (sentence[found.start : found.end] if found else None) == words


def test_the_expression_nearest_the_trigger_wins() -> None:
    sentence = "On Monday officials said they met on Friday."
    trigger = Span(sentence.index("met"), sentence.index("met") + 3)
    found = temporal_words_near(sentence, Span(0, len(sentence)), trigger)
    assert found is not None and sentence[found.start : found.end] == "on Friday"


def test_words_come_from_the_passage_when_not_annotated(tmp_path: Path) -> None:
    document = loaded(
        tmp_path,
        """\
        events:
          - {id: said, type: Contact.Broadcast, summary: IDF says, trigger: said, date: 2022-03-25}
        """,
    )
    event = document.events[0]
    assert date_words_of(document, [event], event) == (
        "on Friday",
        Span(document.text.index("on Friday"), document.text.index("on Friday") + 9),
        "passage",
    )


@pytest.mark.parametrize(
    ("note", "guessed"),
    [
        ("Year inferred: the most recent June before the article.", True),
        ("Date inferred: the visit began on Thursday.", True),
        ("The drill is not named; year inferred as for c-130-landing.", True),
        ("Presumably in the same week.", True),
        ("Signatories are inferred from the next paragraph.", False),
        ("No date given for the closing.", False),
        (None, False),
    ],
)
def test_notes_that_say_a_date_was_guessed(note: str | None, guessed: bool) -> None:
    assert note_says_guessed(note) is guessed


def test_bundled_guesses_are_marked(bundled: Document) -> None:
    found = {h.id: h for h in happenings_in_text_order(bundled)}
    assert found["lapid-visit"].guessed
    assert found["idf-moroccan-meeting"].guessed
    assert not found["drone-deal-signing"].guessed
    assert not found["mou-signing"].guessed


# -- lanes ---------------------------------------------------------------------------------


def test_lanes_all_entity_undated(bundled: Document) -> None:
    ordered = by_date(happenings_in_text_order(bundled))
    lanes = build_lanes(bundled, ordered, ["yair-lapid", "no-such-entity"])
    assert [lane.key for lane in lanes] == [ALL_LANE, "yair-lapid", UNDATED_LANE]
    lapid = lanes[1]
    assert lapid.title == "Yair Lapid"
    assert [h.id for h in lapid.happenings] == [
        "lapid-visit",
        "mission-inauguration",
        "lapid-bourita-meeting",
        "herzog-invitation",
    ]
    undated = lanes[2].happenings
    assert [h.text_order for h in undated] == sorted(h.text_order for h in undated)
    assert all(h.date is None for h in undated)


def test_entities_with_events_most_first(bundled: Document) -> None:
    counts = entities_with_events(bundled)
    assert counts[0][1] == max(count for _, count in counts)
    assert ("yair-lapid", 5) in counts


# -- the axis ------------------------------------------------------------------------------


def test_axis_units_adapt_to_the_window() -> None:
    first, last = dt.date(2014, 1, 1), dt.date(2022, 3, 25)
    axis = make_axis(first, last, 60, 0)
    assert axis.unit is Unit.YEAR and axis.start <= first and axis.end >= last
    month = make_axis(first, last, 60, 5, dt.date(2022, 3, 24))
    assert month.unit is Unit.MONTH
    days = make_axis(first, last, 60, 99, dt.date(2022, 3, 24))
    assert days.unit is Unit.DAY and days.zoom == days.max_zoom
    assert days.start <= dt.date(2022, 3, 24) <= days.end
    assert 8 <= days.span_days < 16


def test_zooming_out_past_zero_stays_at_zero() -> None:
    axis = make_axis(dt.date(2021, 1, 1), dt.date(2022, 1, 1), 40, -3)
    assert axis.zoom == 0


def test_cells_and_sides() -> None:
    axis = make_axis(dt.date(2022, 1, 1), dt.date(2022, 12, 31), 40, 0)
    march = parse_date("2022-03")
    first, last = axis.cells(march) or (0, 0)
    assert 0 < first < last < 40
    day = axis.cells(parse_date("2022-03-24"))
    assert day is not None and day[0] == day[1] and first <= day[0] <= last
    assert axis.cells(parse_date("2014")) is None and axis.side_of(parse_date("2014")) == -1
    assert axis.side_of(parse_date("2030")) == 1


def test_ticks_fit_and_do_not_overlap() -> None:
    for zoom in range(0, 12):
        axis = make_axis(dt.date(2014, 1, 1), dt.date(2022, 3, 25), 30, zoom, dt.date(2022, 3, 1))
        ticks = axis.ticks()
        assert ticks, zoom
        for left, right in itertools.pairwise(ticks):
            assert left.column + len(left.label) < right.column
        assert ticks[-1].column + len(ticks[-1].label) <= 30


def test_precision_names_and_marks() -> None:
    assert [
        precision_name(parse_date(t)) for t in ("2022", "2022-03", "2022-03-24", "2022/2023")
    ] == [
        "year",
        "month",
        "day",
        "range",
    ]
    assert is_mark(parse_date("2022-03-24"))
    assert not is_mark(parse_date("2022-03-24/2022-03-25"))


# -- across documents ----------------------------------------------------------------------


def test_groups_sharing_keys_transitively() -> None:
    from tui.core.timeline.corpus import groups_sharing

    assert groups_sharing([{"a"}, set(), {"b"}, {"a", "b"}, {"c"}]) == [[0, 2, 3], [1], [4]]


def test_happenings_fold_across_documents_by_links(bundled: Document, tmp_path: Path) -> None:
    from tui.core.timeline.corpus import corpus_happenings

    other = loaded(
        tmp_path,
        """\
        events:
          - id: delivered
            type: Contact.Meet
            summary: Drones
            trigger: met
            date: 2021-01-15
            links: {gdelt: "7"}
          - {id: said, type: Contact.Broadcast, summary: IDF says, trigger: said}
        """,
    )
    extra = {(0, "heron-delivery"): {("gdelt", "7")}}

    def links_of(index: int, event: Event) -> set[tuple[str, str]]:
        # The bundled article's events have no links: give the Herons one.
        return extra.get((index, event.id), set(event.links))

    happenings, document_of = corpus_happenings([bundled, other], links_of)
    heron = next(h for h in happenings if h.id == "heron-delivery")
    assert [t.id for t in heron.tellings] == ["heron-delivery", "heron-delivery-2", "delivered"]
    assert heron.date is not None and heron.date.text == "2021-01-15"  # the most precise
    assert document_of[id(heron.tellings[2])] == 1
    assert len(happenings) == len(happenings_in_text_order(bundled)) + 1
    assert [h.text_order for h in happenings] == list(range(len(happenings)))


def test_a_huge_hostile_passage_is_only_searched_near_the_trigger() -> None:
    # "in in in …" would make the expression's leading words backtrack over the whole run.
    text = "in " * 100_000 + "met on Friday " + "in " * 100_000
    trigger = Span(text.index("met"), text.index("met") + 3)
    found = temporal_words_near(text, Span(0, len(text)), trigger)
    assert found is not None and text[found.start : found.end] == "on Friday"
    assert temporal_words_near(text, Span(0, len(text)), Span(0, 2)) is None
