"""The shared index at scale: generated corpora indexed into PostgreSQL and searched.

``python benchmarks/pg_scale.py [--quick] [--million] [--json FILE]``

Starts a throwaway PostgreSQL server (the tests' one, ``tests/support/postgres.py``, but
with PostgreSQL's own durable settings: every commit is flushed), then, for generated
corpora (``benchmarks/corpus.py``) of 10,000 and 100,000 articles (1,000,000 too with
``--million``; ``--quick``: 100 and 500, a smoke run whose ratios mean nothing):

- indexes each into an empty database in a fresh process, as ``gloss check DIR --db``
  would: parsing spread over the worker processes (one per core), each document written
  in its own transaction; ``pg_index_rate`` is articles per second at the largest size;
- searches it with the corpus benchmark's ten queries (words, a phrase, a prefix,
  ``type:``, ``event:``+``realis:``, ``date:``, ``entity:``), one untimed round and then
  :data:`ROUNDS` timed ones, as the library's search screen runs them (a first page: 200
  hits or 50 articles, each checked against its files): ``pg_search_p95_ms`` per size;
- searches the embedded SQLite index of the largest size but the million the same way
  (kept in ``benchmarks/out/`` between runs: building it is slow and not measured here).

Ratios: ``pg_search_scaling`` (p95 at the largest size ÷ p95 at 10,000; goal ≤ 3) and
``pg_vs_sqlite`` (p95 on PostgreSQL ÷ on SQLite at 100,000; goal ≤ 1.5).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import benchmark_queries, ensure_corpus  # noqa: E402

SIZES = (10_000, 100_000)
MILLION = 1_000_000
QUICK_SIZES = (100, 500)
ROUNDS = 3
GOALS: dict[str, float] = {"pg_search_scaling": 3.0, "pg_vs_sqlite": 1.5}
INDEX = (
    "import sys\n"
    "from tui.core.corpus.postgres import PostgresIndex\n"
    "from tui.core.corpus.targets import source_of\n"
    "index = PostgresIndex.connect(source_of([sys.argv[1]]), sys.argv[2])\n"
    "report = index.refresh()\n"
    "assert index.failure is None and not index.notices, index.notices\n"
    "print(report.parsed)\n"
    "index.close()\n"
)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def available() -> str | None:
    """Why no server can be started here (None: one can)."""
    from tests.support.postgres import missing_reason

    return missing_reason()


def _index(folder: Path, database: str) -> tuple[float, int]:
    """Seconds to index ``folder`` into ``database`` in a fresh process; files parsed."""
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", INDEX, str(folder), database],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise RuntimeError(f"indexing {folder} failed:\n{completed.stderr}")
    return elapsed, int(completed.stdout.strip().splitlines()[-1])


def search_times(store: Any, queries: list[str]) -> list[float]:
    """Seconds of each search of :data:`ROUNDS` rounds (after an untimed one), as the
    search screen runs it."""
    from tui.core.corpus.query import QueryPlan, parse_query

    # The limits of the search screen (tui.app.screens.search), without importing Textual.
    result_limit, document_limit = 200, 50
    plans = []
    for query in queries:
        plan = parse_query(query)
        assert isinstance(plan, QueryPlan), query
        plans.append(plan)
    times: list[float] = []
    for number in range(ROUNDS + 1):
        for plan in plans:
            start = time.perf_counter()
            store.search(plan, limit=result_limit, documents_limit=document_limit)
            if number:
                times.append(time.perf_counter() - start)
    return times


def _searched(times: list[float]) -> dict[str, float]:
    return {
        "search_median_ms": statistics.median(times) * 1000,
        "search_p95_ms": _p95(times) * 1000,
    }


def _sqlite_figures(folder: Path, cache: Path, queries: list[str]) -> dict[str, float]:
    from tui.core.corpus.discovery import discover_folder
    from tui.core.corpus.index import CorpusIndex

    store = CorpusIndex.open(discover_folder(str(folder)), folder=cache)
    try:
        started = time.perf_counter()
        store.refresh()  # the first run builds it (slow); later ones only stat the files
        refresh_s = time.perf_counter() - started
        return {"refresh_s": refresh_s, **_searched(search_times(store, queries))}
    finally:
        store.close()


def measure(*, quick: bool = False, million: bool = False, corpora: Path) -> dict[str, Any]:
    """Figures per size and the ratios (``ratios``: the names of ``benchmarks/run.py``)."""
    from tests.support.postgres import PostgresServer
    from tui.core.corpus.discovery import discover_folder
    from tui.core.corpus.postgres import PostgresIndex

    sizes = QUICK_SIZES if quick else (*SIZES, *((MILLION,) if million else ()))
    queries = benchmark_queries()
    figures: dict[str, Any] = {}
    server = PostgresServer(durable=True)
    try:
        for size in sizes:
            folder = ensure_corpus(corpora, size)
            name = server.new_database()
            database = server.url(name)
            print(f"PostgreSQL: indexing {size} documents…", file=sys.stderr)
            seconds, parsed = _index(folder, database)
            store = PostgresIndex.connect(discover_folder(str(folder)), database)
            try:
                searched = _searched(search_times(store, queries))
            finally:
                store.close()
            with server.admin() as admin:
                found = admin.execute("SELECT pg_database_size(%s)", (name,)).fetchone()
            figures[str(size)] = {
                "documents": size,
                "index_s": seconds,
                "parsed": parsed,
                "index_rate": size / seconds,
                "database_mb": int(found[0]) / 1e6 if found else None,
                **searched,
            }
            print(
                f"PostgreSQL, {size} documents: {seconds:.1f} s to index, search p95"
                f" {searched['search_p95_ms']:.1f} ms",
                file=sys.stderr,
            )
    finally:
        server.stop()
    compared = sizes[1]
    print(f"SQLite: the index of {compared} documents…", file=sys.stderr)
    sqlite = _sqlite_figures(
        ensure_corpus(corpora, compared), corpora / f"sqlite-cache-{compared}", queries
    )
    largest, first = figures[str(sizes[-1])], figures[str(sizes[0])]
    ratios = {
        "pg_index_rate": largest["index_rate"],
        "pg_search_scaling": largest["search_p95_ms"] / first["search_p95_ms"],
        "pg_vs_sqlite": figures[str(compared)]["search_p95_ms"] / sqlite["search_p95_ms"],
        "pg_search_p95_ms": {str(size): figures[str(size)]["search_p95_ms"] for size in sizes},
    }
    return {"sizes": figures, "sqlite": {str(compared): sqlite}, "ratios": ratios}


def summary(found: dict[str, Any]) -> list[str]:
    """Lines for the benchmark's printed table."""
    sizes = found["sizes"]
    lines = ["", f"{'PostgreSQL':<28}" + "".join(f"{label:>12}" for label in sizes)]
    for key, unit, digits in (
        ("index_s", "s", 1),
        ("index_rate", "articles/s", 0),
        ("database_mb", "MB", 0),
        ("search_median_ms", "ms", 1),
        ("search_p95_ms", "ms", 1),
    ):
        cells = "".join(f"{sizes[label][key]:>12.{digits}f}" for label in sizes)
        lines.append(f"{key + ' (' + unit + ')':<28}{cells}")
    for label, entry in found["sqlite"].items():
        lines.append(
            f"{'SQLite, ' + label + ' (ms)':<28}"
            f"{'median ' + format(entry['search_median_ms'], '.1f'):>14}"
            f"{'p95 ' + format(entry['search_p95_ms'], '.1f'):>12}"
        )
    return lines


def ratio_lines(ratios: dict[str, Any]) -> list[str]:
    """The figures of ``ratios`` as lines, each goal marked as met or not."""
    lines = [f"pg_index_rate: {ratios['pg_index_rate']:.0f} articles/s"]
    lines += [
        f"pg_search_p95_ms at {size}: {value:.1f}"
        for size, value in ratios["pg_search_p95_ms"].items()
    ]
    for name, goal in GOALS.items():
        value = ratios[name]
        lines.append(
            f"{name}: {value:.2f} (goal ≤ {goal:g}: {'met' if value <= goal else 'NOT MET'})"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SIZES} documents")
    parser.add_argument("--million", action="store_true", help="also 1,000,000 documents")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    reason = available()
    if reason is not None:
        print(f"no PostgreSQL benchmark: {reason}", file=sys.stderr)
        return 1
    found = measure(quick=args.quick, million=args.million, corpora=ROOT / "benchmarks" / "out")
    print("\n".join(summary(found)))
    print("\n".join(ratio_lines(found["ratios"])))
    if args.json:
        Path(args.json).write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
