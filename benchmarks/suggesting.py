"""``suggest_ratio``: suggesting for one article against a 10,000-article index ÷ opening
an article (the bundled one: ``open_s`` of ``run.py``).

The generated corpus of ``benchmarks/corpus.py`` (10,000 articles; 500 with
``--quick``) is indexed first, untimed, as a library visit would have done. Each trial
then times what the first ``S`` of a library's reader asks for an article the reader
holds already (one of the corpus's, its annotations taken away: an article to
annotate): the corpus entities read from the index and grouped
(:class:`tui.core.suggesting.corpus.CorpusNames`, new each trial, so nothing is
cached), the article's own part in them left out, its names and the corpus's found in
the text (:func:`tui.core.suggesting.suggestions.suggest`). ``warm_s`` is the same for
the next article asked for in the same visit, the grouping kept (what ``S`` costs
after the first). Wall time, medians over the trials.

Run alone: ``python benchmarks/suggesting.py [--quick] [--open-s SECONDS]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import ensure_corpus  # noqa: E402
from tui.core.corpus.discovery import discover_folder  # noqa: E402
from tui.core.corpus.index import CorpusIndex  # noqa: E402
from tui.core.document.model import Document  # noqa: E402
from tui.core.loading.loader import load  # noqa: E402
from tui.core.suggesting.corpus import CorpusNames  # noqa: E402
from tui.core.suggesting.suggestions import build_finder, file_known, suggest  # noqa: E402

GOAL = 1.5
"""``suggest_ratio`` at most this."""
SIZE = 10_000
QUICK_SIZE = 500
"""A smoke run: only the code path, not the ratio, is meaningful at this size."""


def _article(index: CorpusIndex, number: int) -> tuple[int, Document]:
    """The ``number``-th article of the index, its annotations taken away (an article
    still to be annotated; its own part in the corpus is left out too): its file id and
    document."""
    row = index.rows()[number]
    absolute = index.absolute_path(row.file_id)
    document = load(absolute).document if absolute else None
    if document is None:
        raise RuntimeError(f"{absolute} does not load")
    return row.file_id, replace(document, entities=(), events=(), relations=())


def _suggest(names: CorpusNames, index: CorpusIndex, file_id: int, document: Document) -> int:
    """Suggest for one article as the review does; how many suggestions there were."""
    elsewhere = names.finder(index, leave_out=file_id)
    return len(suggest(document, build_finder(file_known(document)), elsewhere))


def measure(*, quick: bool = False, trials: int = 5, corpora: Path | None = None) -> dict[str, Any]:
    """Median seconds of a first and a later suggesting, and how many were suggested.

    ``corpora``: the folder where the corpus benchmark leaves its ``corpus-N`` folders
    (the same generator, the same bytes; generated there when missing).
    """
    size = QUICK_SIZE if quick else SIZE
    out = corpora if corpora is not None else ROOT / "benchmarks" / "out"
    corpus = ensure_corpus(out, size)
    first_s: list[float] = []
    warm_s: list[float] = []
    suggestions = 0
    with tempfile.TemporaryDirectory(prefix="gloss-suggest-bench-") as cache:
        print(f"suggesting: indexing {size} documents…", file=sys.stderr)
        index = CorpusIndex.open(discover_folder(str(corpus)), folder=Path(cache))
        try:
            index.refresh()
            file_id, document = _article(index, 0)
            other_id, other = _article(index, 1)
            for _ in range(trials):
                names = CorpusNames()
                started = time.perf_counter()
                suggestions = _suggest(names, index, file_id, document)
                first_s.append(time.perf_counter() - started)
                started = time.perf_counter()
                _suggest(names, index, other_id, other)
                warm_s.append(time.perf_counter() - started)
        finally:
            index.close()
    return {
        "documents": size,
        "first_s": statistics.median(first_s),
        "warm_s": statistics.median(warm_s),
        "suggestions": suggestions,
    }


def ratios(figures: dict[str, Any], bundled: dict[str, Any]) -> dict[str, float]:
    """``suggest_ratio``: the first suggesting against the bundled article's opening."""
    return {"suggest_ratio": figures["first_s"] / bundled["open_s"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SIZE} documents")
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument(
        "--open-s", type=float, help="the bundled article's open time, for the ratio"
    )
    args = parser.parse_args(argv)
    found = measure(quick=args.quick, trials=max(1, args.trials))
    print(
        f"{found['documents']} documents: first {found['first_s'] * 1000:.0f} ms, "
        f"then {found['warm_s'] * 1000:.1f} ms, {found['suggestions']} suggestions"
    )
    if args.open_s:
        ratio = ratios(found, {"open_s": args.open_s})["suggest_ratio"]
        print(f"suggest_ratio: {ratio:.2f} (goal <= {GOAL:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
