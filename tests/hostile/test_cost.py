"""Small hostile inputs must cost near-linear work, or stop with a clear error.

Each case once took seconds to minutes (or gigabytes) from a file of a few kilobytes.
No case asserts a wall-clock time: each builds its input at two sizes, a quarter apart,
in the same run, and asserts that the CPU time grows less than twice as fast as the
input (``tests/support/cost.py``). Where a bound is a budget or a
refusal, the budget or the message is asserted instead.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.cost import assert_near_linear
from tests.support.inprocess import gloss
from tui.core.document.diagnostics import DiagnosticSink
from tui.core.document.model import Span
from tui.core.formats.brat import import_brat, parse
from tui.core.formats.common import IdAllocator
from tui.core.formats.html import render
from tui.core.formats.spans import import_doccano
from tui.core.formats.w3c import import_w3c
from tui.core.formats.yaml_out import dumps as yaml_dumps
from tui.core.loading.loader import load
from tui.core.text.anchoring import HINT_WORK_BUDGET, Selector, SelectorError, TextIndex, resolve
from tui.core.text.sentences import forget_last_text, sentence_around

pytestmark = pytest.mark.perf


# -- quote look-ups on one huge word ------------------------------------------------------


def test_quote_lookup_on_one_huge_word_is_linear() -> None:
    """Bound: indexes hold only words up to 48 letters; longer ones are searched directly.

    One 150,000-letter word once built every suffix and prefix of it (8 GB).
    """

    def make(size: int) -> Callable[[], object]:
        text = "x" * size + " end here, and more words to pass the index size.\n"

        def work() -> object:
            index = TextIndex(text, use_token_index=True)
            found = [
                index.occurrences("xx end"),  # ends a word: the suffix look-up
                index.occurrences("here, and mo"),  # starts a word: the prefix look-up
                index.occurrences("xxxxxxxxxxxx"),  # inside a word: the substring look-up
            ]
            assert found[0] == (size - 2,)
            return found

        return work

    assert_near_linear(make, 150_000)


# -- brat fragments -------------------------------------------------------------------


def test_brat_fragments_that_overlap_are_refused_at_once() -> None:
    """Bound: fragments may not overlap, so they cover at most the text once.

    2,000 fragments each covering a 500 KB text once took 35 s and 7.9 GB.
    """
    raw = "word " * 100_000
    offsets = ";".join(f"0 {len(raw) - 1}" for _ in range(2_000))
    sink = DiagnosticSink("a.ann")
    started = time.process_time()
    result = parse(f"T1\tPER {offsets}\tword\n", raw, sink)
    assert time.process_time() - started < 2.0
    assert not result.textbounds
    [problem] = sink.items
    assert problem.message == "the fragments 0 499999;0 499999;0 499999;0 499999;0 4… overlap"


def test_brat_fragment_check_is_linear_in_fragments() -> None:
    def make(size: int) -> Callable[[], object]:
        raw = "word " * size
        offsets = ";".join(f"{5 * i} {5 * i + 4}" for i in range(size))
        source = f"T1\tPER {offsets}\t{'word ' * size}\n"

        def work() -> object:
            sink = DiagnosticSink("a.ann")
            result = parse(source, raw, sink)
            assert not sink.items and result.textbounds
            return result

        return work

    assert_near_linear(make, 20_000)


# -- HTML export ----------------------------------------------------------------------


def _many_mentions(folder: Path, count: int) -> Path:
    (folder / "a.txt").write_text("Rabat and Fes. " * count, encoding="utf-8")
    (folder / "a.yaml").write_text(
        "gloss: 1\ndocument: {id: a, text: a.txt}\nentities:\n"
        "  - {id: r, type: GPE, name: Rabat, mentions: [{quote: Rabat, all: true}]}\n"
        "  - {id: f, type: GPE, name: Fes, mentions: [{quote: Fes, all: true}]}\n",
        encoding="utf-8",
    )
    return folder / "a.yaml"


def test_html_export_is_linear_in_mentions(tmp_path: Path) -> None:
    """Bound: a sweep over the mention bounds (20,000 mentions once took 18 s, 40,000 98 s)."""

    def make(size: int) -> Callable[[], object]:
        folder = tmp_path / str(size)
        folder.mkdir()
        document = load(str(_many_mentions(folder, size))).document
        assert document is not None and len(document.mentions) == 2 * size
        return lambda: render(document)

    assert_near_linear(make, 5_000)


def test_w3c_export_of_a_one_letter_all_quote_is_refused(tmp_path: Path) -> None:
    """Bound: at most 100,000 W3C annotations (a 1 MB text once gave 400 MB of JSON-LD)."""
    (tmp_path / "a.txt").write_text("a " * 120_000, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "gloss: 1\ndocument: {id: a, text: a.txt}\nentities:\n"
        "  - {id: x, type: PER, name: A, mentions: [{quote: a, all: true}]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "a.jsonld"
    code, stdout, err = gloss("export", "--format", "w3c", str(tmp_path / "a.yaml"), "-o", str(out))
    assert code == 1 and stdout == ""
    assert "a W3C export would hold 120,000 annotations" in err
    assert "over the limit of 100,000" in err
    assert not out.exists()


# -- "closest passage" hints -----------------------------------------------------------


def test_hints_for_missing_quotes_share_one_budget() -> None:
    """Bound: all hints of one text compare at most HINT_WORK_BUDGET characters.

    On repetitive text a hint once cost 1.4 s per missing quote (100 quotes: 141 s).
    """
    text = "the cat sat on the mat and the dog sat on the log. " * 4_000
    index = TextIndex(text)
    quote = "the cat sat on the mat and the frog sat on the log, " * 3
    widest = len(quote) * len(quote) + 2 * len(quote)
    for number in range(200):
        with pytest.raises(SelectorError, match="is not in the text"):
            resolve(Selector(quote=f"{quote}{number}"), index)
        assert index.hint_work <= HINT_WORK_BUDGET + widest
    assert index.hint_work >= HINT_WORK_BUDGET  # the budget was reached, and held


# -- an event's default passage -------------------------------------------------------


def test_default_passage_in_a_long_paragraph_is_linear() -> None:
    """Bound: a paragraph's breaks and stops are found once (1 MB paragraph, 20 events: 30 s)."""

    def make(size: int) -> Callable[[], object]:
        text = "word " * (size // 5)
        triggers = [Span(size // 2 + 5 * i, size // 2 + 5 * i + 4) for i in range(20)]

        def work() -> object:
            forget_last_text()  # each run finds the boundaries anew
            return [sentence_around(text, trigger) for trigger in triggers]

        return work

    assert_near_linear(make, 1_000_000)


def test_default_passages_of_an_event_per_word_are_linear() -> None:
    """Bound: no blank line and no full stop, an event on every word (240 KB, 48k events:
    16 s when each passage searched its paragraph afresh)."""

    def make(size: int) -> Callable[[], object]:
        text = "word " * (size // 5)
        triggers = [Span(start, start + 4) for start in range(0, size, 5)]

        def work() -> object:
            forget_last_text()
            return [sentence_around(text, trigger) for trigger in triggers]

        return work

    assert_near_linear(make, 200_000)


# -- W3C import pre-scan ----------------------------------------------------------------


def test_w3c_prescan_of_an_unclosed_string_is_linear(tmp_path: Path) -> None:
    """Bound: one pass over the source ('"' and 20,000 escaped quotes once took 17 s)."""

    def make(size: int) -> Callable[[], object]:
        path = tmp_path / f"q{size}.jsonld"
        path.write_text('"' + '\\"' * size, encoding="utf-8")

        def work() -> object:
            result = import_w3c(str(path))
            assert result.document is None
            return result

        return work

    assert_near_linear(make, 1_000_000)


# -- import ids -------------------------------------------------------------------------


def test_id_allocation_for_one_repeated_name_is_linear() -> None:
    """Bound: each base remembers its next number (40,000 brat lines once took 220 s)."""

    def make(size: int) -> Callable[[], object]:
        def work() -> object:
            ids = IdAllocator()
            return [ids.take("Rabat", "e") for _ in range(size)]

        return work

    assert_near_linear(make, 40_000)


def test_brat_import_of_one_repeated_word_is_linear(tmp_path: Path) -> None:
    def make(size: int) -> Callable[[], object]:
        folder = tmp_path / str(size)
        folder.mkdir()
        (folder / "r.txt").write_text("Rabat " * size, encoding="utf-8")
        (folder / "r.ann").write_text(
            "".join(f"T{i + 1}\tGPE {6 * i} {6 * i + 5}\tRabat\n" for i in range(size)),
            encoding="utf-8",
        )

        def work() -> object:
            result = import_brat(str(folder / "r.ann"))
            assert result.document is not None
            return yaml_dumps(result.document, text_name="r.txt")

        return work

    assert_near_linear(make, 2_000)


# -- doccano record names ---------------------------------------------------------------


def test_doccano_records_without_id_each_get_their_own_document(tmp_path: Path) -> None:
    """Three records without "id" once became one document (stem-none), exit 0."""
    source = tmp_path / "c.jsonl"
    records = [{"text": f"Text {n}.", "label": []} for n in range(3)]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    imported = import_doccano(str(source))
    assert [d.info.id for d in imported.documents] == ["c-line-1", "c-line-2", "c-line-3"]
    out = tmp_path / "out"
    code, _, err = gloss("import", "doccano", str(source), "-o", str(out) + "/")
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == [
        f"c-line-{n}.{ext}" for n in (1, 2, 3) for ext in ("txt", "yaml")
    ]


@pytest.mark.parametrize("ids", [(7, "7"), ("a", "a"), ("x y", "x-y")])
def test_doccano_ids_that_give_one_name_are_refused(
    tmp_path: Path, ids: tuple[object, object]
) -> None:
    source = tmp_path / "c.jsonl"
    records = [{"id": ident, "text": f"Text {n}.", "label": []} for n, ident in enumerate(ids)]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    imported = import_doccano(str(source))
    assert imported.documents == ()
    [problem] = imported.diagnostics
    assert problem.position.line == 2
    assert "is already line 1's" in problem.message
    assert 'give each record its own "id"' in problem.message
