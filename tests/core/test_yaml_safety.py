"""Safe YAML: nothing is retyped, expanded or constructed; bad files are refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tui.core.files import saferead
from tui.core.loading import yamlsafe
from tui.core.loading.loader import load

from .helpers import HEADER, TEXT, check, entity_yaml, lines, write_pair

BILLION_LAUGHS = (
    "gloss: 1\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{chr(ord('b') + i)}: &{chr(ord('b') + i)} [{','.join(['*' + chr(ord('a') + i)] * 9)}]\n"
        for i in range(8)
    )
)


def load_source(tmp_path: Path, source: str | bytes, name: str = "a.yaml") -> list[str]:
    """Write ``source`` as the whole annotation file (next to a.txt) and load it."""
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(source.encode("utf-8") if isinstance(source, str) else source)
    return lines(load(str(path)), tmp_path)


def test_duplicate_keys_are_errors_at_every_level(tmp_path: Path) -> None:
    source = HEADER + "  id: u\n" + "entities:\n" + entity_yaml("x", "PER", "Tal Kalman")
    source += "    name: again\n"
    assert load_source(tmp_path, source) == [
        "a.yaml:6:3: error: duplicate key 'id' (first at line 3)",
        "a.yaml:13:5: error: duplicate key 'name' (first at line 10)",
    ]


def test_anchors_and_aliases_are_refused(tmp_path: Path) -> None:
    body = "entities:\n  - &tal {id: tal, type: PER, name: Tal, mentions: [Tal Kalman]}\n  - *tal\n"
    message = (
        "is not allowed: anchors and aliases are refused so that no file can expand into "
        "a huge one; write the value out"
    )
    assert check(tmp_path, body) == [
        f"a.yaml:7:5: error: YAML anchor 'tal' {message}",
        f"a.yaml:8:5: error: YAML alias 'tal' {message}",
    ]


def test_billion_laughs_is_refused_before_anything_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_tree(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file must be refused before any tree is built")

    # The tree is built from the parser's events; neither may be reached.
    monkeypatch.setattr(yaml, "parse", no_tree)
    monkeypatch.setattr(yaml, "compose", no_tree)
    problems = load_source(tmp_path, BILLION_LAUGHS)
    assert len(problems) == 9 + 8 * 9  # every anchor and every alias
    assert problems[0].startswith("a.yaml:2:4: error: YAML anchor 'a' is not allowed")
    assert all("anchors and aliases are refused" in line for line in problems)


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object:os.system {}", "!!python/object:os.system"),
        ("!!python/object/apply:os.system [echo]", "!!python/object/apply:os.system"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!custom x", "!custom"),
    ],
)
def test_non_core_tags_are_refused(tmp_path: Path, value: str, tag: str) -> None:
    assert check(tmp_path, f"extra: {value}\n") == [
        f"a.yaml:6:8: error: YAML tag '{tag}' is not allowed"
    ]


def test_core_tags_are_allowed(tmp_path: Path) -> None:
    body = "entities:\n  - {id: x, type: PER, name: !!str 12, mentions: [Tal Kalman]}\n"
    assert check(tmp_path, body) == []


def test_several_documents_are_refused(tmp_path: Path) -> None:
    assert check(tmp_path, "---\ngloss: 1\n") == [
        "a.yaml:6:1: error: a second YAML document starts at line 6; an annotation file "
        "holds exactly one (remove the extra '---')"
    ]


def test_tab_indentation_is_refused(tmp_path: Path) -> None:
    assert check(tmp_path, "entities:\n\t- Tal Kalman\n") == [
        "a.yaml:7:1: error: YAML syntax: a tab character cannot indent YAML; use spaces"
    ]


def test_tabs_inside_values_are_kept(tmp_path: Path) -> None:
    body = 'entities:\n  - {id: x, type: PER, name: "Tal\\tKalman", mentions: [Tal Kalman]}\n'
    result = load(str(write_pair(tmp_path, body)))
    assert result.document is not None
    assert result.document.entity_by_id["x"].name == "Tal\tKalman"


def test_syntax_error_points_at_the_problem(tmp_path: Path) -> None:
    problems = check(tmp_path, "entities: [Tal\n")
    assert len(problems) == 1
    assert problems[0].startswith("a.yaml:7:1: error: YAML syntax: ")


def test_empty_file(tmp_path: Path) -> None:
    assert load_source(tmp_path, "# only a comment\n") == [
        "a.yaml:1:1: error: the file is empty; expected a mapping starting with 'gloss: 1'"
    ]


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    assert load_source(tmp_path, "- gloss\n- 1\n") == [
        "a.yaml:1:1: error: the file must be a mapping, not a list"
    ]


def test_yaml_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_YAML_BYTES", 64)
    path = write_pair(tmp_path, "entities:\n" + entity_yaml("x", "PER", "Tal Kalman"))
    size = path.stat().st_size
    assert lines(load(str(path)), tmp_path) == [
        f"a.yaml:1:1: error: annotation file 'a.yaml' is {size} bytes, over the 64 bytes "
        "limit; it was not read"
    ]


def test_text_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_TEXT_BYTES", 2048)
    problems = check(tmp_path, "", text="x" * 3000)
    assert problems == [
        "a.yaml:5:9: error: article text 'a.txt' is 2.9 KB, over the 2.0 KB limit; it was not read"
    ]


def test_size_messages_in_megabytes() -> None:
    assert saferead._size(32 * 1024 * 1024) == "32.0 MB"
    assert saferead._size(1536) == "1.5 KB"
    assert saferead._size(12) == "12 bytes"


# -- the pure-Python parser gives the same answers as libyaml -----------------------------

SAME_ON_BOTH_PARSERS = {
    "clean": "entities:\n" + entity_yaml("x", "PER", "Tal Kalman"),
    "duplicate key": "entities:\n" + entity_yaml("x", "PER", "Tal Kalman") + "    type: ORG\n",
    "anchor": "x: &a 1\ny: *a\n",
    "tag": "x: !!python/object:os.system {}\n",
    "documents": "...\n---\ngloss: 1\n",
    "tab": "entities:\n\t- x\n",
    "retyping": "entities:\n  - {id: x, type: PER, name: no, mentions: [{start: 012, end: 1}]}\n",
    "unclosed quote": 'entities: [{id: "x}]\n',
    "rules": "entities:\n"
    + entity_yaml("x", "FOO", "Rabat")
    + entity_yaml("x", "PER", "{quote: Israel, all: true}"),
}


@pytest.mark.skipif(not yamlsafe.HAVE_LIBYAML, reason="needs libyaml to compare against")
@pytest.mark.parametrize("case", sorted(SAME_ON_BOTH_PARSERS))
def test_pure_python_parser_agrees_with_libyaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    body = SAME_ON_BOTH_PARSERS[case]
    with_libyaml = check(tmp_path, body)
    monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)
    with_python = check(tmp_path, body)
    assert with_python == with_libyaml
    assert (with_libyaml == []) == (case == "clean")


@pytest.mark.skipif(not yamlsafe.HAVE_LIBYAML, reason="needs libyaml to compare against")
def test_syntax_errors_have_the_same_position_on_both_parsers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "entities:\n  - id: x\n type: PER\n"
    with_libyaml = check(tmp_path, body)
    monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)
    with_python = check(tmp_path, body)
    assert [p.split(": error: ")[0] for p in with_python] == [
        p.split(": error: ")[0] for p in with_libyaml
    ]
    assert with_libyaml[0].startswith("a.yaml:8:2: error: YAML syntax: ")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("", "a.yaml:1:1: error: the file is empty; expected a mapping starting with 'gloss: 1'"),
        (
            "---\n# only a comment\n",
            "a.yaml:1:1: error: the file is empty; expected a mapping starting with 'gloss: 1'",
        ),
        ("gloss: ~\ndocument: {id: a, text: a.txt}\n", "a.yaml:1:1: error: the file needs 'gloss'"),
    ],
)
def test_empty_files_and_values_are_reported_once(
    tmp_path: Path, source: str, expected: str
) -> None:
    assert check(tmp_path, "", header=source) == [expected]
