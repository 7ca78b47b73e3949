"""Property tests: whatever the bytes, loading gives a LoadResult, and whatever keys are
pressed on a document that loads, the reader keeps running with an inert screen."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.pilot import reader_filled
from tui.app.reader_app import GlossApp
from tui.core.loading.loader import LoadResult, load

from .harness import assert_screen_inert

HAZARDS = (
    "\x1b[31m \x1b]0;t\x07 \x9b \x00 \x07 \x08 \r \u202e \u2066 \u2069 \u200b \u200d \ufeff \u2028"
)
MARKUP = [
    "[b]",
    "[/]",
    "[red]x[/blue]",
    "[$accent]",
    "[link=https://x]y[/link]",
    "[@click=app.quit]click[/]",
    "[[",
    "]",
    ":smile:",
]
WIDE = "東京漢字🎉😀👨‍👩‍👧🇫🇷é\u0301שלוםمرحبا"

pieces = st.one_of(
    st.sampled_from(MARKUP),
    st.sampled_from(HAZARDS.split(" ")),
    st.sampled_from(list(WIDE)),
    st.sampled_from(["Alice", "Bob", "met", "Paris", " ", "\n", ".", "'", "’", "-", "–"]),
    st.text(max_size=5),
)
texts = st.lists(pieces, max_size=30).map("".join)

SCHEMA_KEYS = [
    "gloss",
    "document",
    "id",
    "title",
    "date",
    "language",
    "text",
    "types",
    "entities",
    "events",
    "relations",
    "label",
    "description",
    "type",
    "name",
    "aliases",
    "links",
    "mentions",
    "quote",
    "occurrence",
    "prefix",
    "suffix",
    "all",
    "start",
    "end",
    "summary",
    "trigger",
    "passage",
    "value",
    "realis",
    "arguments",
    "role",
    "entity",
    "same_as",
    "note",
    "from",
    "to",
    "evidence",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**6),
    st.floats(allow_nan=True),
    texts,
    st.sampled_from(
        [
            "a.txt",
            "PER",
            "Contact.Meet",
            "2022-03-25",
            "2024-02-30",
            "no",
            "012",
            "1:30",
            "~",
            "actual",
            "Alice",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(SCHEMA_KEYS), texts), inner, max_size=5),
    ),
    max_leaves=25,
)
documents = st.fixed_dictionaries(
    {
        "gloss": st.one_of(st.just(1), scalars),
        "document": st.one_of(
            st.fixed_dictionaries(
                {"id": st.one_of(st.just("t"), scalars), "text": st.just("a.txt")},
                optional={"title": scalars, "date": scalars},
            ),
            values,
        ),
    },
    optional={key: values for key in ("types", "entities", "events", "relations")},
)


def load_in(folder: Path, yaml_bytes: bytes, text: bytes) -> LoadResult:
    (folder / "a.txt").write_bytes(text)
    (folder / "a.yaml").write_bytes(yaml_bytes)
    return load(str(folder / "a.yaml"))


def check_result(result: LoadResult) -> None:
    assert isinstance(result, LoadResult)
    assert result.ok == (result.document is not None)
    for diagnostic in result.diagnostics:
        line = diagnostic.format()
        assert diagnostic.position.line >= 1 and diagnostic.position.column >= 1
        assert ": error: " in line or ": warning: " in line
    if result.document is not None:
        text = result.document.text
        for mention in result.document.mentions:
            assert 0 <= mention.span.start < mention.span.end <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=400), text=st.binary(max_size=100))
def test_any_bytes_give_a_load_result(raw: bytes, text: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check_result(load_in(Path(folder), b"gloss: 1\n" + raw, text))
        check_result(load_in(Path(folder), raw, text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents, text=texts)
def test_schema_shaped_documents_give_a_load_result(document: dict[str, Any], text: str) -> None:
    source = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    with tempfile.TemporaryDirectory() as folder:
        check_result(
            load_in(
                Path(folder),
                source.encode("utf-8", "surrogatepass"),
                text.encode("utf-8", "surrogatepass"),
            )
        )


@st.composite
def loadable(draw: st.DrawFn) -> tuple[str, str]:
    """A document that loads: random hostile text, entities and events on offsets."""
    # CRLF would become LF before offsets count; a NUL first looks like UTF-16.
    text = "x" + draw(texts.filter(lambda t: len(t) >= 1)).replace("\r\n", "\r ")
    words = texts.filter(lambda t: t.strip() != "" and "\r\n" not in t)
    entities = []
    for number in range(draw(st.integers(1, 4))):
        spans = []
        for _ in range(draw(st.integers(1, 3))):
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            spans.append({"start": start, "end": end})
        entities.append(
            {
                "id": f"e{number}",
                "type": draw(st.sampled_from(["PER", "ORG", "GPE", "LOC"])),
                "name": draw(words),
                "description": draw(words),
                "mentions": spans,
            }
        )
    events = []
    for number in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text) - 1))
        events.append(
            {
                "id": f"v{number}",
                "type": "Contact.Meet",
                "summary": draw(words),
                "trigger": {"start": start, "end": start + 1},
                "passage": {"start": 0, "end": len(text)},
                "arguments": [{"role": "Entity", "entity": "e0"}],
            }
        )
    document = {
        "gloss": 1,
        "document": {"id": "t", "title": draw(words), "text": "a.txt"},
        "entities": entities,
        "events": events,
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False), text


KEYS = [
    "n",
    "N",
    "right_square_bracket",
    "left_square_bracket",
    "e",
    "E",
    "tab",
    "shift+tab",
    "j",
    "k",
    "down",
    "up",
    "enter",
    "space",
    "b",
    "g",
    "G",
    "less_than_sign",
    "greater_than_sign",
    "D",
    "p",
    "escape",
    "o",
    "question_mark",
    "t",
    "slash",
    "a",
    "[",
]


async def drive(app: GlossApp, keys: list[str]) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_filled(pilot)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        assert_screen_inert(app, f"after {keys}")
        assert app.is_running


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(pair=loadable(), keys=st.lists(st.sampled_from(KEYS), max_size=15))
def test_random_keys_on_random_documents_never_raise(
    pair: tuple[str, str], keys: list[str]
) -> None:
    source, text = pair
    with tempfile.TemporaryDirectory() as folder:
        result = load_in(
            Path(folder),
            source.encode("utf-8", "surrogatepass"),
            text.encode("utf-8", "surrogatepass"),
        )
        if result.document is None:
            # Only surrogates (not valid UTF-8) or a text that YAML cannot carry get here.
            assert result.diagnostics
            return
        asyncio.run(drive(GlossApp(result.document, result.diagnostics), keys))
