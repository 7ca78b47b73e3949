"""Property test: over random small corpora, random edits and random queries, ``gloss
search`` and ``gloss entities --json`` print the same on both backends.

Each example writes a corpus of a few articles and bare texts (in the top folder and in
``sub/``), then runs a random sequence of steps: edits (an article added, changed, its
annotation file removed so its text is bare, removed whole; a bare text added, changed,
annotated) and questions (``gloss search`` with words, prefixes, phrases and filters, in
text and JSON; ``gloss entities --json``, with ``--guess`` or without). Every question is
asked of the embedded index and of the shared one, in this process; the answers must be
the same, byte for byte (the row ids of unlinked groups named by their files). Every
example is a corpus of its own in the one database of the test, as a team's corpora are.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.corpus.helpers import write_doc
from tests.support.inprocess import gloss
from tests.support.parity import keys_named, row_paths

ENTITY_TYPES = {"Fes": "GPE", "Acme": "ORG", "Rabat": "GPE", "Laroui": "PER", "Talks": "ORG"}
WORDS = (*ENTITY_TYPES, "met", "talks", "Monday", "port", "rabat")
DATES = (None, "2022-03-01", "2021-12", "2013")
FOLDERS = ("", "sub")
QUERY_PARTS = (
    *(word.lower() for word in WORDS),
    "rab*",
    "ta*",
    "mo*",
    '"rabat met"',
    '"met talks"',
    '"port monday"',
    "type:GPE",
    "type:org",
    "entity:rabat",
    "entity:acme",
    "event:Contact",
    "event:contact.meet",
    "realis:actual",
    "realis:planned",
    "date:2022",
    "date:..2021-12",
    "date:2013..2021",
    "doc:a1",
    "doc:sub/",
    "doc:title",
    "zebra",
)


@dataclass(frozen=True)
class Article:
    words: tuple[str, ...]
    annotated: frozenset[str]
    date: str | None
    realis: str | None
    """The realis of its one event (on its first ``met``), or None: no event."""


articles = st.builds(
    Article,
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(tuple),
    annotated=st.frozensets(st.sampled_from(tuple(ENTITY_TYPES))),
    date=st.sampled_from(DATES),
    realis=st.sampled_from((None, "actual", "planned")),
)
bare_texts = st.tuples(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(tuple),
    st.sampled_from((None, "May 3, 2013", "2022-03-01")),
)
folders = st.sampled_from(FOLDERS)
picks = st.integers(min_value=0, max_value=50)
steps = st.one_of(
    st.tuples(st.just("add"), folders, articles),
    st.tuples(st.just("change"), picks, articles),
    st.tuples(st.just("unannotate"), picks),
    st.tuples(st.just("remove"), picks),
    st.tuples(st.just("bare"), folders, bare_texts),
    st.tuples(st.just("rewrite bare"), picks, bare_texts),
    st.tuples(st.just("annotate bare"), picks, articles),
    st.tuples(
        st.just("search"),
        st.lists(st.sampled_from(QUERY_PARTS), min_size=1, max_size=3).map(" ".join),
        st.booleans(),
    ),
    st.tuples(st.just("entities"), st.booleans()),
)


def _write_article(where: Path, name: str, article: Article) -> None:
    text = " ".join(article.words) + ".\n"
    starts = [sum(len(word) + 1 for word in article.words[:i]) for i in range(len(article.words))]
    spans: dict[str, list[tuple[int, int]]] = {}
    for word, start in zip(article.words, starts, strict=True):
        if word in article.annotated:
            spans.setdefault(word, []).append((start, start + len(word)))
    # Ids are the words lower-cased; write_doc links each to wikidata:Q<length of the
    # id>: one word's entities in different articles are one corpus entity, and Rabat
    # (a GPE) and Talks (an ORG) share Q5, a group of two types.
    entities = [(word.lower(), ENTITY_TYPES[word], places) for word, places in spans.items()]
    triggers = [(s, s + len(w)) for w, s in zip(article.words, starts, strict=True) if w == "met"]
    events = (
        [("ev", "Contact.Meet", triggers[0], article.realis)]
        if article.realis is not None and triggers
        else []
    )
    write_doc(where, name, text, entities, date=article.date, events=events)


def _write_bare(path: Path, text: tuple[tuple[str, ...], str | None]) -> None:
    words, dateline = text
    head = f"A report\n\n{dateline}\n\n" if dateline else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + " ".join(words) + ".\n", encoding="utf-8")


def _annotation_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.yaml"))


def _bare_texts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.txt") if not p.with_suffix(".yaml").exists())


def _edit(folder: Path, step: tuple[object, ...], number: int) -> None:
    kind = step[0]
    if kind == "add":
        _, where, article = step
        assert isinstance(where, str) and isinstance(article, Article)
        _write_article(folder / where, f"a{number}", article)
        return
    if kind == "bare":
        _, where, text = step
        assert isinstance(where, str) and isinstance(text, tuple)
        _write_bare(folder / where / f"b{number}.txt", text)
        return
    pick = step[1]
    assert isinstance(pick, int)
    if kind in ("change", "unannotate", "remove"):
        files = _annotation_files(folder)
        if not files:
            return
        yaml = files[pick % len(files)]
        if kind == "change":
            assert isinstance(step[2], Article)
            _write_article(yaml.parent, yaml.stem, step[2])
        else:
            yaml.unlink()
            if kind == "remove":
                yaml.with_suffix(".txt").unlink()
        return
    texts = _bare_texts(folder)
    if not texts:
        return
    text = texts[pick % len(texts)]
    if kind == "rewrite bare":
        assert isinstance(step[2], tuple)
        _write_bare(text, step[2])
    else:
        assert isinstance(step[2], Article)
        _write_article(text.parent, text.stem, step[2])


def _same_search(folder: Path, database: str, query: str, as_json: bool) -> int:
    options = ("--json",) if as_json else ()
    embedded = gloss("search", str(folder), query, *options)
    assert embedded[0] in (0, 1, 2), embedded
    assert "Traceback" not in embedded[2]
    shared = gloss("search", str(folder), query, *options, "--db", database)
    assert shared == embedded, query
    event(f"search exit {embedded[0]}")
    return embedded[0]


def _same_entities(folder: Path, database: str, guess: bool) -> None:
    options = ("--guess",) if guess else ()
    code, out, err = gloss("entities", str(folder), "--json", *options)
    shared = gloss("entities", str(folder), "--json", *options, "--db", database)
    assert (shared[0], shared[2]) == (code, err)
    event(f"entities exit {code}")
    assert keys_named(shared[1], row_paths(folder, database)) == keys_named(
        out, row_paths(folder, None)
    )


@settings(
    max_examples=int(os.environ.get("GLOSS_PARITY_EXAMPLES", "15")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=st.lists(st.tuples(folders, articles), min_size=1, max_size=4),
    bare=st.lists(st.tuples(folders, bare_texts), max_size=2),
    plan=st.lists(steps, min_size=1, max_size=8),
)
def test_both_backends_answer_alike(
    database: str,
    first: list[tuple[str, Article]],
    bare: list[tuple[str, tuple[tuple[str, ...], str | None]]],
    plan: list[tuple[object, ...]],
) -> None:
    with tempfile.TemporaryDirectory(prefix="gloss-parity-") as box:
        folder = Path(box) / "corpus"
        folder.mkdir()
        for number, (where, article) in enumerate(first):
            _write_article(folder / where, f"a{number}", article)
        for number, (where, text) in enumerate(bare):
            _write_bare(folder / where / f"b{number}.txt", text)
        for number, step in enumerate(plan, start=len(first) + len(bare)):
            if step[0] == "search":
                _, query, as_json = step
                assert isinstance(query, str) and isinstance(as_json, bool)
                _same_search(folder, database, query, as_json)
            elif step[0] == "entities":
                assert isinstance(step[1], bool)
                _same_entities(folder, database, step[1])
            else:
                _edit(folder, step, number)
        # Every example ends with a question: the last edits are seen alike too.
        _same_search(folder, database, "rabat", False)
        _same_search(folder, database, "type:GPE talks*", True)
        _same_entities(folder, database, False)
