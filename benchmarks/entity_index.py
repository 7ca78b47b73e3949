"""The entity index at scale: open it and list the mentions of the most frequent entity.

Two generated corpora (``benchmarks/corpus.py``: entities shared across documents through
``links``) are indexed first, untimed, as a library visit would have done; then each
trial times what the entity index screen asks of the index: the first page of corpus
entities by mentions and their count, then every mention (keyword in context) of the
first of them.
Nothing is parsed from the article files while timing.

``entity_index_scaling`` is the median time at the large corpus over the small one.

Run alone: ``python benchmarks/entity_index.py [--quick]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate_corpus  # noqa: E402
from tui.core.corpus.discovery import discover_folder  # noqa: E402
from tui.core.corpus.entities import (  # noqa: E402
    FIRST_PAGE,
    corpus_entities,
    count_corpus_entities,
    ensure_groups,
    mentions_of,
)
from tui.core.corpus.index import CorpusIndex  # noqa: E402

SIZES = (100, 10_000)
QUICK_SIZES = (50, 500)
"""A smoke run: only the code path, not the ratio, is meaningful at these sizes."""


def _one_trial(index: CorpusIndex) -> tuple[float, int]:
    start = time.perf_counter()
    top = corpus_entities(index, limit=FIRST_PAGE)
    count_corpus_entities(index)  # the header's total
    hits = mentions_of(index, top[0].key) if top else []
    return time.perf_counter() - start, len(hits)


def measure(*, quick: bool = False, trials: int = 5, corpora: Path | None = None) -> dict[str, Any]:
    """Median seconds per corpus size, the mentions listed, and the ratio.

    ``corpora``: a folder where the corpus benchmark left ``corpus-N`` folders, used
    when there (the same generator, the same bytes); otherwise they are generated.
    """
    sizes = QUICK_SIZES if quick else SIZES
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="gloss-entity-bench-") as folder:
        for size in sizes:
            corpus = corpora / f"corpus-{size}" if corpora is not None else None
            if corpus is None or not (corpus / "generated.stamp").exists():
                corpus = Path(folder) / f"corpus{size}"
                print(f"entity index: generating {size} documents…", file=sys.stderr)
                generate_corpus(corpus, size)
            print(f"entity index: indexing {size} documents…", file=sys.stderr)
            index = CorpusIndex.open(discover_folder(str(corpus)), folder=Path(folder) / "cache")
            index.refresh()
            ensure_groups(index)
            _one_trial(index)  # warm the page cache
            times = []
            mentions = 0
            # Each trial takes milliseconds: many of them give a steady median.
            for _ in range(trials * 4):
                seconds, mentions = _one_trial(index)
                times.append(seconds)
            index.close()
            results[str(size)] = {"median_s": statistics.median(times), "mentions": mentions}
    small, large = (results[str(size)]["median_s"] for size in sizes)
    results["entity_index_scaling"] = large / small
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SIZES} documents")
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else SIZES
    corpora = ROOT / "benchmarks" / "out"
    found = measure(quick=args.quick, trials=3 if args.quick else 5, corpora=corpora)
    for size in sizes:
        entry = found[str(size)]
        print(
            f"{size:>6} documents: {entry['median_s'] * 1000:.1f} ms, {entry['mentions']} mentions"
        )
    print(f"entity_index_scaling: {found['entity_index_scaling']:.2f} (goal <= 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
