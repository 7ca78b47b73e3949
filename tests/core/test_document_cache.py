"""The resolved-document cache gives the answers the loader gives, or none at all.

An entry answers only for the files it was made from (their bytes, gloss's version,
the name the file was opened by); anything else on disk at its place, corrupt, planted,
stale or unreadable, is ignored and the file is loaded as if there were no cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli.main import bundled_article
from tui.core.loading import cache
from tui.core.loading.cache import entry_path, load_cached, read_cached
from tui.core.loading.loader import load
from tui.core.loading.result import LoadResult

DATA = Path(__file__).resolve().parents[1] / "app" / "data"

WARNED_TEXT = "Ana met Bo in Oslo.\u200b Then Bo left Oslo on 3 May.\n"
WARNED_YAML = """\
gloss: 1
document: {id: warned, text: warned.txt, date: "2021-05-03", title: "A \\u00e9 title"}
entities:
  - {id: ana, type: PER, name: Ana, mentions: [Ana], links: {wikidata: Q1}}
  - id: bo
    type: PER
    name: Bo
    aliases: [Bob]
    mentions: [{quote: Bo, occurrence: 1}, {quote: Bo, occurrence: 2}]
  - {id: oslo, type: GPE, name: Oslo, description: a city, mentions: [{quote: Oslo, all: true}]}
events:
  - id: meet
    type: Contact.Meet
    summary: Ana meets Bo
    trigger: met
    passage: {start: 0, end: 19}
    arguments: [{role: Entity, entity: ana}, {role: Entity, entity: bo}]
    date: {value: 2021-05/2021-06, text: 3 May}
    realis: actual
  - {id: leave, type: Movement.Transport, summary: Bo leaves, trigger: left, same_as: meet}
relations:
  - {type: located_in, from: ana, to: oslo, note: where}
"""


def _copy(folder: Path, name: str) -> str:
    """A copy of one of the test files in ``folder``; the annotation file's path."""
    if name == "bundled":
        source = bundled_article()
        shutil.copy(source, folder / source.name)
        shutil.copy(source.with_suffix(".txt"), folder / source.with_suffix(".txt").name)
        return str(folder / source.name)
    if name == "fragments":
        for suffix in (".yaml", ".txt"):
            shutil.copy(DATA / f"fragments{suffix}", folder / f"fragments{suffix}")
        return str(folder / "fragments.yaml")
    (folder / "warned.txt").write_text(WARNED_TEXT, encoding="utf-8")
    (folder / "warned.yaml").write_text(WARNED_YAML, encoding="utf-8")
    return str(folder / "warned.yaml")


def _same(found: LoadResult, expected: LoadResult) -> None:
    assert found.path == expected.path
    assert found.document == expected.document
    assert found.diagnostics == expected.diagnostics
    assert found.source == expected.source
    assert found.new_annotation == expected.new_annotation
    assert found.document is not None and expected.document is not None
    # Order matters to the reader (the type lists), not only equality.
    assert list(found.document.entity_types) == list(expected.document.entity_types)
    assert list(found.document.event_types) == list(expected.document.event_types)


def _written(path: str) -> LoadResult:
    """Load ``path`` through the cache, keep the entry; the load."""
    result, keep = load_cached(path)
    assert keep is not None, "a load that was not cached leaves something to keep"
    assert keep() is None
    return result


@pytest.mark.parametrize("name", ["bundled", "fragments", "warned"])
def test_an_entry_gives_what_the_loader_gives(tmp_path: Path, name: str) -> None:
    path = _copy(tmp_path, name)
    expected = load(path)
    assert expected.document is not None
    _same(_written(path), expected)
    cached = read_cached(path)
    assert cached is not None, "the entry just written answers"
    _same(cached, expected)
    again, keep = load_cached(path)
    assert keep is None, "a hit writes nothing"
    _same(again, expected)


def test_the_warned_file_has_what_the_entry_must_carry(tmp_path: Path) -> None:
    """The third file exercises diagnostics, dates, relations and same_as."""
    result = load(_copy(tmp_path, "warned"))
    assert result.document is not None
    assert result.diagnostics, "the zero-width space is warned about"
    assert result.document.relations and result.document.info.date is not None
    assert any(event.same_as for event in result.document.events)
    assert any(event.date is not None for event in result.document.events)


def test_a_hit_reads_no_yaml(tmp_path: Path) -> None:
    """The point of the cache: a warm start parses nothing (checked in a fresh process)."""
    import subprocess
    import sys

    path = _copy(tmp_path, "bundled")
    _written(path)
    probe = (
        "import sys\n"
        "from tui.core.loading.cache import read_cached\n"
        "assert read_cached(sys.argv[1]) is not None, 'a hit'\n"
        "print(sorted(m for m in sys.modules if m == 'yaml' or m.startswith('tui.core.loading')))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe, path], capture_output=True, text=True, check=True
    )
    loaded = completed.stdout.strip()
    assert "'yaml'" not in loaded
    assert "tui.core.loading.loader" not in loaded and "yamlsafe" not in loaded


def test_an_edit_or_a_new_text_changes_the_key(tmp_path: Path) -> None:
    path = _copy(tmp_path, "warned")
    _written(path)
    Path(path).write_text(WARNED_YAML.replace("Ana meets Bo", "Ana sees Bo"), encoding="utf-8")
    assert read_cached(path) is None, "an edited annotation file is loaded anew"
    edited = _written(path)
    assert edited.document is not None and edited.document.events[0].summary == "Ana sees Bo"
    (tmp_path / "warned.txt").write_text(WARNED_TEXT.replace("Oslo.", "Oslo!"), encoding="utf-8")
    assert read_cached(path) is None, "a changed text is loaded anew"
    _same(_written(path), load(path))


def test_an_entry_made_by_other_code_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader's own modules are part of the key, not just the version number: a
    checkout whose loader changed must not be served what the old one built."""
    from tui.core.loading import cache

    path = _copy(tmp_path, "warned")
    _written(path)
    assert read_cached(path) is not None
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another build")
    assert read_cached(path) is None


def test_the_name_a_file_is_opened_by_is_part_of_the_key(tmp_path: Path) -> None:
    path = _copy(tmp_path, "warned")
    _written(path)
    os.chdir(tmp_path)
    assert read_cached("warned.yaml") is None, "its diagnostics would name another path"
    assert read_cached(path, allow_outside=True) is None


def test_an_unwritable_cache_folder_says_so_in_one_line(tmp_path: Path) -> None:
    path = _copy(tmp_path, "warned")
    folder = entry_path(path).parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder")  # as good as read-only, for root too
    result, keep = load_cached(path)
    assert result.document is not None
    assert keep is not None
    problem = keep()
    assert problem is not None and "\n" not in problem and "cache" in problem
    _same(load_cached(path)[0], load(path))


# -- what may be found at an entry's place ------------------------------------------------


def _entry(path: str) -> Path:
    return entry_path(path)


def _json_of(path: str) -> Any:
    return json.loads(_entry(path).read_bytes().partition(b"\n")[2])


def _put(path: str, value: Any, *, digest: bool = True) -> None:
    """Write ``value`` as the entry; with ``digest``, its first line matches (as if
    written by a program that knows the format), so that only the checks of the values
    stand between it and the reader."""
    body = json.dumps(value).encode("utf-8")
    head = cache._MAGIC + hashlib.sha256(body).hexdigest().encode() if digest else b"x"
    _entry(path).write_bytes(head + b"\n" + body)


def _places(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place inside a JSON value (keys of objects, indexes of lists)."""
    found = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*at, index))
    return found


def _at(value: Any, at: tuple[Any, ...]) -> Any:
    for key in at:
        value = value[key]
    return value


def _replace_at(value: Any, at: tuple[Any, ...], new: Any) -> Any:
    if not at:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[at[0]] = _replace_at(value[at[0]], at[1:], new)
    return copy


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)


def _corruptions() -> st.SearchStrategy[Callable[[str], None]]:
    """Ways to spoil an entry, each a function of the annotation file's path."""

    def truncated(cut: float) -> Callable[[str], None]:
        def spoil(path: str) -> None:
            data = _entry(path).read_bytes()
            _entry(path).write_bytes(data[: int(len(data) * cut)])

        return spoil

    def flipped(where: float, byte: int) -> Callable[[str], None]:
        def spoil(path: str) -> None:
            data = bytearray(_entry(path).read_bytes())
            data[int((len(data) - 1) * where)] = byte
            _entry(path).write_bytes(bytes(data))

        return spoil

    def replaced(which: float, new: Any) -> Callable[[str], None]:
        """Any value anywhere replaced: the digest no longer matches."""

        def spoil(path: str) -> None:
            value = _json_of(path)
            places = _places(value)
            at = places[int((len(places) - 1) * which)]
            _put(path, _replace_at(value, at, new), digest=False)

        return spoil

    def mistyped(which: float, new: Any) -> Callable[[str], None]:
        """A value replaced by one of another JSON type, the digest made to match."""

        def spoil(path: str) -> None:
            value = _json_of(path)
            places = [at for at in _places(value) if _at(value, at) is not None]
            at = places[int((len(places) - 1) * which)]
            if type(_at(value, at)) is type(new):
                new_value: Any = [new]
            else:
                new_value = new
            _put(path, _replace_at(value, at, new_value))

        return spoil

    def stale(key: str, new: Any) -> Callable[[str], None]:
        def spoil(path: str) -> None:
            _put(path, {**_json_of(path), key: new})

        return spoil

    def planted(kind: str) -> Callable[[str], None]:
        def spoil(path: str) -> None:
            entry = _entry(path)
            entry.unlink()
            if kind == "link":
                entry.symlink_to(path)
            elif kind == "fifo":
                os.mkfifo(entry)
            elif kind == "folder":
                entry.mkdir()
            elif kind == "unreadable":
                entry.write_text("{}")
                entry.chmod(0)
            else:  # another document's entry, made for other files
                entry.write_text(json.dumps({"cache": cache.CACHE_FORMAT, "document": []}))

        return spoil

    def past_the_text(start: int, length: int) -> Callable[[str], None]:
        """A mention's span moved out of the text, the digest made to match."""

        def spoil(path: str) -> None:
            value = _json_of(path)
            end = len(load(path).document.text)  # type: ignore[union-attr]
            mention = value["document"][1][0][6][0]
            mention[0] = [start, end + length] if start >= 0 else [start, start + length]
            _put(path, value)

        return spoil

    return st.one_of(
        st.builds(truncated, st.floats(0, 0.999)),
        st.builds(flipped, st.floats(0, 1), st.integers(0, 255)),
        st.builds(replaced, st.floats(0, 1), JSON_VALUES),
        st.builds(mistyped, st.floats(0, 1), JSON_VALUES.filter(lambda value: value is not None)),
        st.builds(
            stale,
            st.sampled_from(
                ["cache", "gloss", "path", "folder", "annotation", "text", "text_file"]
            ),
            st.sampled_from(["0.0.0", 0, 2, None, "", "x" * 64]),
        ),
        st.builds(planted, st.sampled_from(["link", "fifo", "folder", "unreadable", "other"])),
        st.builds(past_the_text, st.integers(-5, 5), st.integers(1, 100)),
    )


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=st.sampled_from(["fragments", "warned"]), spoil=_corruptions())
def test_a_spoiled_entry_is_ignored_and_rebuilt_with_the_same_answers(
    tmp_path_factory: pytest.TempPathFactory, name: str, spoil: Callable[[str], None]
) -> None:
    folder = tmp_path_factory.mktemp("spoiled")
    path = _copy(folder, name)
    expected = load(path)
    _written(path)
    spoil(path)
    try:
        result, keep = load_cached(path)
        _same(result, expected)  # from the loader, or from an entry still true to the files
        if keep is not None:
            problem = keep()  # the one writer replaces no folder or FIFO: said, not raised
            assert problem is None or "\n" not in problem
    finally:
        entry = _entry(path)
        if entry.is_dir() and not entry.is_symlink():
            entry.rmdir()
        elif entry.is_fifo():
            entry.unlink()
        elif entry.exists() and not entry.is_symlink():
            entry.chmod(0o600)
    rebuilt, keep = load_cached(path)
    if keep is not None:
        assert keep() is None
    _same(rebuilt, expected)
    cached = read_cached(path)
    assert cached is not None, "rebuilt: the next start is a hit again"
    _same(cached, expected)
