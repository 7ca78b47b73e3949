"""One measured session of the library, run in a fresh process by ``benchmarks/corpus.py``.

``python benchmarks/corpus_probe.py DIR QUERY...`` builds the library app as ``gloss DIR``
does (:func:`tui.app.library_app.make_library_app`), runs it headless at 120x40 and prints
one JSON line:

- ``first_frame``: ``time.monotonic()`` when the library first drew a row of an article
  (with a warm index: before any file is read);
- ``refreshed``: when the index had been checked against every file;
- ``search_s``: seconds per search for each query (three rounds), as the search screen
  runs it (a first page: up to 200 hits or 50 articles, each checked to be fresh);
- ``maxrss_kb``: peak resident memory with the library open and the searches done.
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import asyncio  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from peak_memory import peak_rss_kb  # noqa: E402  (beside this script)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROUNDS = 3


def main() -> int:
    folder, *queries = sys.argv[1:]
    from tui.app.library_app import make_library_app
    from tui.app.screens.search import DOCUMENT_LIMIT, RESULT_LIMIT
    from tui.app.widgets.row_list import RowList
    from tui.core.corpus.query import QueryPlan, parse_query

    marks: dict[str, float] = {}
    original = RowList.render_line

    def render_line(self: RowList[Any], y: int) -> Any:
        strip = original(self, y)
        if "first_frame" not in marks and y >= 1 and self.rows:
            marks["first_frame"] = time.monotonic()
        return strip

    RowList.render_line = render_line  # type: ignore[method-assign]
    app = make_library_app([folder])
    searches: dict[str, list[float]] = {query: [] for query in queries}

    async def session() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            while "first_frame" not in marks:
                await pilot.pause(0.001)
            while app.library.indexing:
                await pilot.pause(0.01)
            marks["refreshed"] = time.monotonic()
            for _ in range(ROUNDS):
                for query in queries:
                    plan = parse_query(query)
                    assert isinstance(plan, QueryPlan), query
                    start = time.perf_counter()
                    app.index.search(plan, limit=RESULT_LIMIT, documents_limit=DOCUMENT_LIMIT)
                    searches[query].append(time.perf_counter() - start)
            await pilot.press("slash", *queries[0], "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()

    asyncio.run(session())
    print(
        json.dumps(
            {
                "started": STARTED,
                "first_frame": marks["first_frame"],
                "refreshed": marks["refreshed"],
                "search_s": searches,
                "maxrss_kb": peak_rss_kb(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
