"""The index never disagrees with a direct scan of the files: random corpora, random
edits between opens (including same-size edits within one mtime tick)."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.corpus.helpers import write_doc
from tui.core.corpus.discovery import discover_folder
from tui.core.corpus.index import CorpusIndex, iter_records
from tui.core.corpus.matching import find_hits, rank
from tui.core.corpus.query import QueryPlan, parse_query

WORDS = ("alpha", "beta", "gamma", "delta", "Émile", "zeta", "Alphabet")
QUERIES = (
    "alpha",
    "al*",
    '"alpha beta"',
    "émile",
    "type:PER",
    "type:GPE beta",
    "entity:e1",
    "event:Contact",
    "realis:planned",
    "gamma date:2021..2021",
    "beta doc:d1",
    "alpha doc:corpus",  # the folder's own name is part of the path as shown
)
_counter = itertools.count()


@st.composite
def documents(draw: st.DrawFn) -> dict[str, object]:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
    text = " ".join(words) + "."
    starts = [0]
    for word in words[:-1]:
        starts.append(starts[-1] + len(word) + 1)
    spans = [(s, s + len(w)) for s, w in zip(starts, words, strict=True)]
    chosen = draw(st.lists(st.sampled_from(range(len(spans))), unique=True, max_size=6))
    entities = []
    for number, index in enumerate(chosen):
        kind = draw(st.sampled_from(("PER", "GPE")))
        entities.append((f"e{number}", kind, [spans[index]]))
    events = []
    if chosen and draw(st.booleans()):
        realis = draw(st.sampled_from(("actual", "planned")))
        events.append(("ev", "Contact.Meet", spans[chosen[0]], realis))
    date = draw(st.sampled_from(("2021-05", "2022-01-02", None)))
    return {"text": text, "entities": entities, "events": events, "date": date}


def write(folder: Path, name: str, doc: dict[str, object]) -> None:
    write_doc(
        folder,
        name,
        str(doc["text"]),
        doc["entities"],  # type: ignore[arg-type]
        date=doc["date"],  # type: ignore[arg-type]
        events=doc["events"],  # type: ignore[arg-type]
    )


edits = st.lists(
    st.tuples(st.sampled_from(("write", "delete", "touch", "same-size")), st.integers(0, 3)),
    max_size=4,
)


def hits_of(records_or_index: object, query: str) -> list[tuple[str, int, int, str]]:
    plan = parse_query(query)
    assert isinstance(plan, QueryPlan)
    if isinstance(records_or_index, CorpusIndex):
        found = records_or_index.search(plan, limit=None).hits
    else:
        found = tuple(rank(h for r in records_or_index for h in find_hits(r, plan)))  # type: ignore[attr-defined]
    return [(h.path, h.start, h.end, h.owner) for h in found]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.lists(documents(), min_size=1, max_size=4),
    rounds=st.lists(st.tuples(edits, st.lists(documents(), min_size=4, max_size=4)), max_size=3),
)
def test_index_agrees_with_a_direct_scan(
    tmp_path_factory: pytest.TempPathFactory,
    first: list[dict[str, object]],
    rounds: list[tuple[list[tuple[str, int]], list[dict[str, object]]]],
) -> None:
    folder = tmp_path_factory.mktemp(f"corpus{next(_counter)}")
    for number, doc in enumerate(first):
        write(folder, f"d{number}", doc)
    try:
        for round_edits, replacements in [([], []), *rounds]:
            for action, number in round_edits:
                name = f"d{number}"
                text_file = folder / f"{name}.txt"
                if action == "write":
                    write(folder, name, replacements[number])
                elif action == "delete":
                    for suffix in (".txt", ".yaml"):
                        (folder / f"{name}{suffix}").unlink(missing_ok=True)
                elif action == "touch" and text_file.exists():
                    text_file.touch()
                elif action == "same-size" and text_file.exists():
                    # Same size and, as on a file system with coarse timestamps, the
                    # same mtime: only the hash can tell.
                    info = text_file.stat()
                    old = text_file.read_text(encoding="utf-8")
                    text_file.write_text(old.replace("alpha", "gamma"), encoding="utf-8")
                    os.utime(text_file, ns=(info.st_atime_ns, info.st_mtime_ns))
            source = discover_folder(str(folder))
            index = CorpusIndex.open(source)
            try:
                index.refresh()
                records = list(iter_records(source))
                for query in QUERIES:
                    assert hits_of(index, query) == hits_of(records, query), query
                shown = sorted((r.path, r.kind, r.errors) for r in index.rows())
                expected = sorted((r.path, r.kind, r.errors) for r in records if r.kind != "other")
                assert shown == expected
            finally:
                index.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
