"""Dates on ``gloss import cat``: the document's (creation time, dateline, first date) and
each event's (linked by the source, guessed from its sentence, shared by its tellings).

The expected document dates of the ECB+ sample were read off each text by hand.
"""

from __future__ import annotations

import datetime as dt
import xml.sax.saxutils
from pathlib import Path

import pytest

from benchmarks.cat_dates import measure
from tests.formats.helpers import DATA, run
from tests.support.cost import cpu_seconds
from tui.core.document.dates import parse_date
from tui.core.document.model import Document, Event, EventDate, Span
from tui.core.formats.cat.dating import (
    DateSupport,
    Telling,
    absolute_dates,
    best_supported,
    dateline,
    share_dates,
    yearless_dateline,
)
from tui.core.formats.cat.inferred_dates import (
    Evidence,
    contradicts,
    days_of_writing,
    inferred_date,
)
from tui.core.formats.cat.plan import plan_import
from tui.core.loading.loader import load
from tui.core.timeline.happenings import document_date_guessed, note_says_guessed

SAMPLE = DATA / "ecbplus"


@pytest.fixture(autouse=True)
def _own_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@pytest.fixture(scope="module")
def sample() -> dict[str, Document]:
    return {doc_id: b.document for doc_id, b in plan_import([str(SAMPLE)], "unused").documents}


# -- the document's date -----------------------------------------------------------------

DATELINES = {
    # ECB+ (the 2011 and 2013 half): the dateline each text opens with, as written.
    "1_1ecbplus": ("2013-06-13", "June 13, 2013"),
    "1_2ecbplus": ("2013-05-02", "May 2, 2013"),
    "1_3ecbplus": ("2013-06-14", "14 June 2013"),
    "1_4ecbplus": ("2013-05-02", "May 2, 2013"),
    "1_5ecbplus": ("2013-05-03", "May 3, 2013"),
    "1_6ecbplus": ("2013-05-03", "May. 3, 2013"),
    "1_7ecbplus": ("2013-05-02", "May 02, 2013"),
    "1_8ecbplus": ("2013-05-03", "May 03, 2013"),
    "1_10ecbplus": ("2013-05-03", "May 03, 2013"),
    "1_11ecbplus": ("2013-05-02", "MAY 2, 2013"),
    "1_12ecbplus": ("2013-05-02", "May 2, 2013"),
    "1_13ecbplus": ("2013-05-02", "05/02/2013"),
    "1_14ecbplus": ("2013-05-03", "05/03/2013"),
    "1_15ecbplus": ("2013-05-03", "May 3rd, 2013"),
    "1_16ecbplus": ("2013-05-02", "May 2, 2013"),
    "1_17ecbplus": ("2013-05-03", "May 3, 2013"),
    "1_18ecbplus": ("2013-05-02", "May 2, 2013"),
    "1_19ecbplus": ("2013-05-03", "MAY 3, 2013"),
    "1_20ecbplus": ("2013-06-13", "Jun 13, 2013"),
    "1_21ecbplus": ("2013-05-02", "May 2, 2013"),
    "12_1ecbplus": ("2011-11-11", "November 11, 2011"),
    "12_2ecbplus": ("2011-11-11", "November 11, 2011"),
    "12_4ecbplus": ("2011-11-11", "11 Nov 2011"),
    "12_5ecbplus": ("2011-11-11", "November 11, 2011"),
    "12_6ecbplus": ("2011-11-15", "November 15, 2011"),
    "12_7ecbplus": ("2011-11-12", "Nov 12, 2011"),
    "12_9ecbplus": ("2011-11-11", "November 11, 2011"),
    "12_10ecbplus": ("2011-11-12", "November 12, 2011"),
    "12_11ecbplus": ("2011-11-12", "Nov 12 2011"),
}
GUESSED = {
    # No dateline: the first date of a day or a month in the text (the 2008 half).
    "1_4ecb": ("2005-09", "September 2005"),
    "1_5ecb": ("2008-12-09", "December 9, 2008"),
    "12_12ecb": ("2008-09-15", "September 15, 2008"),
}
INFERRED = {
    # No date in the text: relative words of the article that name the day another
    # article gives the same happening, read backwards (checked by hand in each text).
    "1_7ecb": ("2008-12-09/2008-12-15", "on Tuesday", 3, "1/1_5ecb"),
    "1_10ecb": ("2008-12-09/2008-12-15", "on Tuesday", 7, "1/1_5ecb"),
    "1_14ecb": ("2008-12-09/2008-12-15", "on Tuesday", 3, "1/1_5ecb"),
    "1_9ecbplus": ("2013-05-02/2013-05-08", "on Thursday", 5, "1/1_8ecbplus"),
    # Opens with "Mumbai, Nov 11 -" (no year): the day found is that one.
    "12_3ecbplus": ("2011-11-11", "yesterday", 7, "12/12_1ecbplus"),
    # "... a naval officer said here Friday": Friday 2011-11-11 is in the days found.
    "12_8ecbplus": ("2011-11-10/2011-11-16", "Thursday morning", 5, "12/12_2ecbplus"),
}


def test_every_sample_document_has_the_date_its_text_gives(sample: dict[str, Document]) -> None:
    found = {}
    for doc_id, document in sample.items():
        info = document.info
        if info.date is not None:
            found[doc_id] = (info.date.text, info.note, document_date_guessed(info))
    expected = {
        doc_id: (value, f"Date from the dateline “{words}”.", False)
        for doc_id, (value, words) in DATELINES.items()
    }
    for doc_id, (value, words) in GUESSED.items():
        assert found[doc_id][1] is not None
        assert found[doc_id][1].startswith(f"Date guessed: the first date in the text, “{words}”")
        expected[doc_id] = (value, found[doc_id][1], True)
    for doc_id, (value, words, line, source) in INFERRED.items():
        note = found[doc_id][1]
        assert note is not None
        assert note.startswith(f"Date guessed: “{words}” (line {line}) names ")
        assert f"the date {source} gives the same happening" in note
        expected[doc_id] = (value, note, True)
    assert found == expected
    # The others give no date of a day or a month, and their relative words name no day
    # another document gives (or disagree with it): they are honestly undated.
    assert len(sample) - len(found) == 31
    # "Yesterday, on Friday, Reid ... checked in": on Friday disagrees with the Tuesday
    # 1_5ecb gives the check-in, so that sentence dates nothing.
    assert sample["1_15ecb"].info.date is None


@pytest.mark.parametrize(
    ("text", "value", "words"),
    [
        ("http://x.com/a\n\nHeadline\n\nMay 03, 2013\n\nBody.\n", "2013-05-03", "May 03, 2013"),
        ("Headline\n\nUpdated: November 11, 2011 20:09 IST\n", "2011-11-11", "November 11, 2011"),
        ("H\n\nPosted on Thu Jun 13, 2013 08:45 AM PDT\n", "2013-06-13", "Jun 13, 2013"),
        ("H\n\nTNN Nov 12, 2011, 05. 51AM IST MUMBAI:\n", "2011-11-12", "Nov 12, 2011"),
        ("H\n\nPublished on: Fri, 11 Nov 2011 at 09:56 IST\n", "2011-11-11", "11 Nov 2011"),
        ("H\n\nUPDATED 05/03/2013 at 11:00 AM EDT\n", "2013-05-03", "05/03/2013"),
        ("H\n\nS\n\nPUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM\n", "2013-05-02", "MAY 2, 2013"),
        ("H\n\n12:52 p. m. EDT May 2, 2013\n", "2013-05-02", "May 2, 2013"),
    ],
)
def test_dateline_shapes(text: str, value: str, words: str) -> None:
    found = dateline(text, skip_first=text.startswith("http"))
    assert found is not None
    assert (found.value.text, found.words, text[found.span.start : found.span.end]) == (
        value,
        words,
        words,
    )


@pytest.mark.parametrize(
    "text",
    [
        "H\n\nShe was born on May 2, 1990 in New York, her mother said.\n",  # a sentence
        "H\n\nMumbai, Nov 11 -\n",  # no year: not absolute
        "H\n\nJune 2013\n",  # a month, not a day
        "A\n\nB\n\nC\n\nD\n\nE\n\nMay 2, 2013\n",  # too far down
        "H\n\nyou may 12, 2013\n",  # a month is written with a capital
    ],
)
def test_what_is_not_a_dateline(text: str) -> None:
    assert dateline(text, skip_first=False) is None


def test_absolute_dates_are_days_or_months_with_their_year() -> None:
    text = "Since 1991, and on Thursday, and in September 2005, or 12/15/2008, or 2013-05-02."
    assert [(f.value.text, f.words) for f in absolute_dates(text)] == [
        ("2005-09", "September 2005"),
        ("2008-12-15", "12/15/2008"),
        ("2013-05-02", "2013-05-02"),
    ]


def test_a_guessed_document_date_is_written_and_read_back(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("import", "cat", str(SAMPLE / "1" / "1_5ecb.xml"), "-o", str(out))[0] == 0
    yaml_text = (out / "1_5ecb.yaml").read_text(encoding="utf-8")
    assert (
        '  date: "2008-12-09"\n'
        '  note: "Date guessed: the first date in the text, “December 9, 2008” (line 7)."\n'
    ) in yaml_text
    loaded = load(str(out / "1_5ecb.yaml"))
    assert loaded.document is not None and not loaded.diagnostics
    assert document_date_guessed(loaded.document.info)


def test_the_document_note_must_be_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "gloss: 1\ndocument: {id: a, text: a.txt, date: 2020, note: [x]}\n", encoding="utf-8"
    )
    loaded = load(str(tmp_path / "a.yaml"))
    assert [d.message for d in loaded.diagnostics] == ["document note must be text, not a list"]
    (tmp_path / "a.yaml").write_text(
        "gloss: 1\ndocument: {id: a, text: a.txt, date: 2020, note: Year estimated}\n",
        encoding="utf-8",
    )
    loaded = load(str(tmp_path / "a.yaml"))
    assert loaded.document is not None and document_date_guessed(loaded.document.info)


# -- the events' dates -------------------------------------------------------------------


def _ecb(
    name: str,
    sentences: list[str],
    markables: list[tuple[str, str, str]],
    relations: str = "",
    instances: str = "",
) -> str:
    """A small ECB+ file: ``markables`` are (class, m_id, the words it anchors, each word
    unique in the document)."""
    ids: dict[str, int] = {}
    tokens: list[str] = []
    for number, sentence in enumerate(sentences):
        for position, word in enumerate(sentence.split()):
            ids.setdefault(word, len(tokens) + 1)
            escaped = xml.sax.saxutils.escape(word)
            tokens.append(
                f'<token t_id="{len(tokens) + 1}" sentence="{number}" number="{position}">'
                f"{escaped}</token>"
            )
    anchored = "".join(
        f'<{tag} m_id="{m_id}">'
        + "".join(f'<token_anchor t_id="{ids[word]}"/>' for word in words.split())
        + f"</{tag}>\n"
        for tag, m_id, words in markables
    )
    return (
        f'<Document doc_name="{name}.xml" doc_id="{name}">\n'
        + "\n".join(tokens)
        + f"\n<Markables>\n{anchored}{instances}</Markables>\n<Relations>\n{relations}"
        "</Relations>\n</Document>\n"
    )


def _chain(r_id: str, note: str, sources: list[str], target: str) -> str:
    kind = "CROSS_DOC_COREF" if note else "INTRA_DOC_COREF"
    noted = f' note="{note}"' if note else ""
    ends = "".join(f'<source m_id="{s}"/>' for s in sources)
    return f'<{kind} r_id="{r_id}"{noted}>{ends}<target m_id="{target}"/></{kind}>\n'


def _events(path: Path) -> dict[str, tuple[str | None, str | None, bool]]:
    """Each event by its trigger's words: date value, date words, guessed."""
    [(_, built)] = plan_import([str(path)], "unused").documents
    document = built.document
    return {
        document.text[e.trigger.start : e.trigger.end]: (
            e.date.value.text if e.date else None,
            e.date.text if e.date else None,
            note_says_guessed(e.note),
        )
        for e in document.events
    }


def test_events_are_dated_by_a_chain_by_their_sentence_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "1_90ecbplus.xml"
    path.write_text(
        _ecb(
            "1_90ecbplus",
            [
                "Lohan checks in",
                "May 03 , 2013",
                "Lohan entered rehab on Thursday .",
                "The arrival came Wednesday night ; its timing was noted .",
                "She will leave tomorrow .",
                "Fans cheered .",
            ],
            [
                ("ACTION_OCCURRENCE", "1", "entered"),
                ("TIME_DATE", "2", "on Thursday"),
                ("ACTION_OCCURRENCE", "3", "arrival"),
                ("TIME_OF_THE_DAY", "4", "Wednesday night"),
                ("ACTION_OCCURRENCE", "5", "timing"),
                ("ACTION_OCCURRENCE", "6", "leave"),
                ("TIME_DATE", "7", "tomorrow"),
                ("ACTION_OCCURRENCE", "8", "cheered"),
            ],
            # The arrival and the time are one chain: the source links them.
            relations=_chain("20", "", ["3", "4"], "30"),
            instances='<ACTION_OCCURRENCE m_id="30" TAG_DESCRIPTOR="t1_arrival"/>\n',
        ),
        encoding="utf-8",
    )
    assert _events(path) == {
        "entered": ("2013-05-02", "on Thursday", True),  # its sentence: guessed
        "arrival": ("2013-05-01", "Wednesday night", False),  # its chain: linked
        "timing": ("2013-05-01", "Wednesday night", True),  # the same sentence
        "leave": (None, None, False),  # tomorrow is after the article: not an actual date
        "cheered": (None, None, False),  # nothing in its sentence
    }


def test_a_tlink_identity_dates_an_event(tmp_path: Path) -> None:
    path = tmp_path / "901_x.xml"
    path.write_text(
        """<Document doc_name="901_x" doc_id="901">
<token t_id="1" sentence="0" number="0">Jobs</token>
<token t_id="2" sentence="0" number="1">resigned</token>
<token t_id="3" sentence="0" number="2">in</token>
<token t_id="4" sentence="0" number="3">August</token>
<token t_id="5" sentence="0" number="4">2011</token>
<Markables>
<EVENT_MENTION m_id="1"><token_anchor t_id="2"/></EVENT_MENTION>
<TIMEX3 m_id="2" type="DATE" value="2011-08">
<token_anchor t_id="4"/><token_anchor t_id="5"/></TIMEX3>
<TIMEX3 m_id="3" type="DATE" value="2011-10-05" functionInDocument="CREATION_TIME"/>
</Markables>
<Relations>
<TLINK r_id="1" reltype="IDENTITY"><source m_id="2"/><target m_id="1"/></TLINK>
</Relations>
</Document>
""",
        encoding="utf-8",
    )
    assert _events(path) == {"resigned": ("2011-08", "August 2011", False)}


def _telling(
    document: str, value: str | None, *, linked: bool = False, on: str = "2013-05-09"
) -> Telling:
    date = EventDate(parse_date(value), "words", Span(0, 5)) if value else None
    event = Event(
        "e", "ACTION.OCCURRENCE", "s", Span(0, 1), Span(0, 5), date, "actual", (), None, None
    )
    support = DateSupport(linked, "words", None) if value else None
    return Telling(document, event, support, parse_date(on))


@pytest.mark.parametrize(
    ("tellings", "best"),
    [
        # A date the source links beats guessed ones, however many.
        ([("a", "2013-05-03", False), ("b", "2013-05-03", False), ("c", "2013-05-01", True)], "c"),
        # Then the date most tellings have.
        ([("a", "2013-05-01", False), ("b", "2013-05-03", False), ("c", "2013-05-03", False)], "b"),
        # Then the earliest.
        ([("a", "2013-05-03", True), ("b", "2013-05", True), ("c", "2013-05-02", True)], "b"),
        ([("a", None, False)], None),
    ],
)
def test_the_best_supported_date(
    tellings: list[tuple[str, str | None, bool]], best: str | None
) -> None:
    found = best_supported([_telling(d, v, linked=linked) for d, v, linked in tellings])
    assert (found.document if found else None) == best


def test_tellings_share_the_date_but_none_takes_one_after_its_article() -> None:
    tellings = [
        _telling("a", "2013-05-02", linked=True),
        _telling("b", "2013-05-03"),
        _telling("c", None),
        _telling("early", None, on="2013-05-01"),  # written before it: keeps no date
    ]
    changed = share_dates(tellings)
    assert sorted(changed) == [("b", "e"), ("c", "e")]
    for key in (("b", "e"), ("c", "e")):
        event, support = changed[key]
        assert event.date == EventDate(parse_date("2013-05-02"), None, None)
        assert event.note == "Date shared with the other tellings of this happening: “words” in a."
        assert support.linked and support.shared and not note_says_guessed(event.note)


def test_events_of_one_happening_in_several_documents_share_its_date(tmp_path: Path) -> None:
    sentences = ["Headline here", "May 03 , 2013", "She entered rehab on Thursday ."]
    checkin = '<ACTION_OCCURRENCE m_id="30" TAG_DESCRIPTOR="t1_checkin" instance_id="ACT1"/>\n'
    (tmp_path / "1_91ecbplus.xml").write_text(
        _ecb(
            "1_91ecbplus",
            sentences,
            [("ACTION_OCCURRENCE", "1", "entered"), ("TIME_DATE", "2", "on Thursday")],
            _chain("9", "ACT1", ["1"], "30"),
            checkin,
        ),
        encoding="utf-8",
    )
    (tmp_path / "1_92ecbplus.xml").write_text(
        _ecb(
            "1_92ecbplus",
            ["Headline there", "May 04 , 2013", "Her check-in surprised nobody ."],
            [("ACTION_OCCURRENCE", "1", "check-in")],
            _chain("9", "ACT1", ["1"], "30"),
            checkin,
        ),
        encoding="utf-8",
    )
    result = plan_import([str(tmp_path)], "unused")
    events = {doc_id: built.document.events[0] for doc_id, built in result.documents}
    told_later = events["1_92ecbplus"]
    assert told_later.date == EventDate(parse_date("2013-05-02"), None, None)
    assert told_later.note == (
        "ECB+ instance t1_checkin; Date shared with the other tellings of this happening:"
        " guessed from “on Thursday” in the same sentence, in 1_91ecbplus."
    )
    assert note_says_guessed(told_later.note)


@pytest.mark.parametrize(
    ("text", "value", "year_line"),
    [
        ("H\n\nMonday, Dec. 15\n\nThe talks of 2008 went on.\n", "2008-12-15", 5),
        ("H\n\nPosted Mon 15 December\n\nIn 2007, 2008 and 2009 ...\n", "2008-12-15", 5),
        ("H\n\nFRIDAY, MAY 3\n\nSince 1990 ... in 2013, ...\n", "2013-05-03", 5),
    ],
)
def test_a_dateline_without_a_year_takes_the_one_named_year_its_weekday_fits(
    text: str, value: str, year_line: int
) -> None:
    found = yearless_dateline(text, skip_first=False)
    assert found is not None
    assert found.found.value.text == value
    assert found.year_line == year_line


@pytest.mark.parametrize(
    "text",
    [
        "H\n\nMonday, Dec. 15\n\nNo year is named here.\n",  # no year
        "H\n\nTuesday, Dec. 15\n\nIn 2008 ...\n",  # 15 Dec 2008 was a Monday
        "H\n\nMonday, Dec. 15\n\nIn 2008 and in 2014 ...\n",  # a Monday in both
        "H\n\nFRIDAY, MAY 3\n\nSince 1991 ... in 2013, ...\n",  # a Friday in both
        "H\n\nMonday, Dec. 15, 2008\n",  # a year: an ordinary dateline, not this
        "H\n\nOn Monday, Dec. 15, the minister said the talks were over for the year\n",
    ],
)
def test_what_is_not_a_yearless_dateline(text: str) -> None:
    assert yearless_dateline(text, skip_first=False) is None


def test_a_yearless_dateline_dates_the_document_as_a_guess(tmp_path: Path) -> None:
    sentences = ["Ministers meet", "Monday , Dec. 15", "The 2008 talks ended on Friday ."]
    path = tmp_path / "9_1ecb.xml"
    path.write_text(_ecb("9_1ecb", sentences, []), encoding="utf-8")
    [(_, built)] = plan_import([str(path)], "unused").documents
    info = built.document.info
    assert info.date is not None and info.date.text == "2008-12-15"
    assert document_date_guessed(info)
    assert info.note is not None and info.note.startswith(
        "Date guessed: the dateline “Monday, Dec. 15” has no year; that day is a Monday in"
        " 2008, a year the text names (line"
    )


def test_relative_words_read_backwards_give_the_days_of_writing() -> None:
    tuesday = dt.date(2008, 12, 9)
    days = days_of_writing("on Tuesday", tuesday)
    assert days == {tuesday + dt.timedelta(days=n) for n in range(7)}
    assert days_of_writing("yesterday", tuesday) == {dt.date(2008, 12, 10)}
    assert days_of_writing("today", tuesday) == {tuesday}
    assert days_of_writing("last Tuesday", tuesday) == {
        tuesday + dt.timedelta(days=n) for n in range(1, 8)
    }
    # Words that name a day whatever the day of writing, or no day, say nothing.
    assert days_of_writing("December 9, 2008", tuesday) == frozenset()
    assert days_of_writing("last week", tuesday) == frozenset()
    assert days_of_writing("Dec. 9", tuesday) == frozenset()  # any day near fits
    assert days_of_writing("three years", tuesday) == frozenset()
    # A weekday that is not that day's contradicts it.
    assert contradicts("on Friday", tuesday)
    assert not contradicts("on Tuesday", tuesday)
    assert not contradicts("last week", tuesday)


def test_the_days_all_the_words_allow_or_none_when_they_disagree() -> None:
    tuesday = dt.date(2008, 12, 9)
    on_tuesday = Evidence(
        "on Tuesday", 3, tuesday, "1/1_5ecb", days_of_writing("on Tuesday", tuesday)
    )
    yesterday = Evidence("yesterday", 9, tuesday, "1/1_5ecb", days_of_writing("yesterday", tuesday))
    found = inferred_date([on_tuesday, yesterday])
    assert found is not None
    value, note = found
    assert value.text == "2008-12-10"
    assert note == (
        "Date guessed: “on Tuesday” (line 3) names 2008-12-09, the date 1/1_5ecb gives the"
        " same happening, so the article was written on 2008-12-10 (1 more time expression"
        " agrees)."
    )
    assert note_says_guessed(note)
    value, note = inferred_date([on_tuesday]) or (None, "")
    assert value is not None and value.text == "2008-12-09/2008-12-15"
    later = dt.date(2008, 12, 20)
    other = Evidence("today", 1, later, "x", days_of_writing("today", later))
    assert inferred_date([on_tuesday, other]) is None
    assert inferred_date([]) is None


# -- the measurement ---------------------------------------------------------------------


def test_the_figures_in_the_timeline_docs_are_those_of_the_sample() -> None:
    figures = measure([str(SAMPLE)])
    assert figures.as_lines() == [
        "documents: 69, dated 38 (55%): by the source 0, by a dateline 29, guessed from a date"
        " in the text 3, guessed from other documents 6",
        "datelines: 29 found, 29 of them give the document's date",
        "events: 750, dated 379 (51%): linked by the source 0, guessed from their sentence 137,"
        " shared by their tellings 242",
    ]
    docs = (Path(__file__).resolve().parents[2] / "docs" / "timeline.md").read_text(
        encoding="utf-8"
    )
    for line in figures.as_lines():
        assert line in docs


def test_dates_are_read_once_per_expression_and_the_anchor() -> None:
    # A relative expression needs a day to be read against.
    from tui.core.formats.cat.dating import normalised_date

    assert normalised_date("on Thursday", None) is None
    assert normalised_date("on Thursday", dt.date(2013, 5, 3)) == parse_date("2013-05-02")


def _one_long_sentence(count: int) -> str:
    """A dateline, then one sentence of ``count`` events each beside a time expression."""
    words = ["May", "03", ",", "2013", *(["said", "Thursday"] * count)]
    tokens = "".join(
        f'<token t_id="{i + 1}" sentence="{0 if i < 4 else 1}" number="{i}">{word}</token>\n'
        for i, word in enumerate(words)
    )
    markables = "".join(
        f'<ACTION_OCCURRENCE m_id="{i}"><token_anchor t_id="{i}"/></ACTION_OCCURRENCE>\n'
        if i % 2 == 1
        else f'<TIME_DATE m_id="{i}"><token_anchor t_id="{i}"/></TIME_DATE>\n'
        for i in range(5, len(words) + 1)
    )
    return (
        f'<Document doc_name="h.xml">\n{tokens}<Markables>\n{markables}</Markables>\n</Document>\n'
    )


def test_dating_stays_linear_on_hostile_input(tmp_path: Path) -> None:
    small, large = tmp_path / "small.xml", tmp_path / "large.xml"
    small.write_text(_one_long_sentence(1500), encoding="utf-8")
    large.write_text(_one_long_sentence(6000), encoding="utf-8")
    [(_, built)] = plan_import([str(large)], "unused").documents
    assert sum(1 for e in built.document.events if e.date is not None) == 6000
    ratio = cpu_seconds(lambda: plan_import([str(large)], "unused")) / cpu_seconds(
        lambda: plan_import([str(small)], "unused")
    )
    assert ratio < 7, ratio  # four times the input: about four times the work
    for piece in ("May 1, 2013 ", "12 May May 12 12 ", "-1/1/2013/"):
        ratio = cpu_seconds(lambda p=piece: list(absolute_dates(p * 80_000))) / max(
            cpu_seconds(lambda p=piece: list(absolute_dates(p * 20_000))), 1e-4
        )
        assert ratio < 7, (piece, ratio)
