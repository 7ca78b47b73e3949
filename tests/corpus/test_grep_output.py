"""``gloss search`` as grep prints: source lines, hits coloured on a terminal, context.

On an ECB+ topic (examples/ecbplus-topic1, CC BY 3.0, Cybulska and Vossen, LREC 2014).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.support.inprocess import gloss
from tui.cli.search import use_color

ROOT = Path(__file__).resolve().parents[2]
TOPIC = ROOT / "examples" / "ecbplus-topic1"


@pytest.fixture
def topic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(TOPIC.parent)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return Path(TOPIC.name)


def text_lines(name: str) -> list[str]:
    return (TOPIC / name).read_text(encoding="utf-8").splitlines()


def test_each_line_with_a_hit_is_printed_whole(topic: Path) -> None:
    code, out, _ = gloss("search", str(topic), "reid", "--color=never")
    assert code == 0
    lines = out.splitlines()
    first = f"{topic}/1_11ecb.txt:5:7:{text_lines('1_11ecb.txt')[4]}"
    assert first in lines
    for line in lines:
        path, number, column, text = line.split(":", 3)
        assert text == text_lines(Path(path).name)[int(number) - 1]
        assert text[int(column) - 1 :].lower().startswith("reid")
        assert "␊" not in text and "\x1b" not in text
    assert len(lines) == len(set(lines))  # a line with two hits is printed once


def test_hits_are_coloured_only_when_asked_or_on_a_terminal(topic: Path) -> None:
    code, out, _ = gloss("search", str(topic), "reid", "--color=always")
    assert code == 0
    first = out.splitlines()[0]
    assert "\x1b[01;31mReid\x1b[m" in first
    assert (
        gloss("search", str(topic), "reid")[1]
        == gloss("search", str(topic), "reid", "--color=never")[1]
    )

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", Terminal())
        assert use_color("auto")
        patch.setenv("NO_COLOR", "1")
        assert not use_color("auto")
        assert use_color("always") and not use_color("never")


def test_context_lines_and_separators(topic: Path) -> None:
    code, out, _ = gloss("search", str(topic), '"promises treatment"', "-C", "1", "--color=never")
    assert code == 0
    lines = out.splitlines()
    hit = next(line for line in lines if line.startswith(f"{topic}/1_4ecb.txt:5:"))
    at = lines.index(hit)
    assert lines[at - 1] == f"{topic}/1_4ecb.txt-4-{text_lines('1_4ecb.txt')[3]}"
    assert lines[at + 1] == f"{topic}/1_4ecb.txt-6-{text_lines('1_4ecb.txt')[5]}"
    assert "--" in lines
    assert gloss("search", str(topic), "reid", "-C", "x")[0] == 2


def test_json_is_as_before(topic: Path) -> None:
    code, out, _ = gloss("search", str(topic), "reid", "--json")
    assert code == 0
    hits = json.loads(out)
    assert {"file", "line", "column", "left", "match", "right", "owner"} <= set(hits[0])
    assert {hit["match"].lower() for hit in hits} == {"reid"}


def test_check_says_when_a_folder_holds_nothing_to_check(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = gloss("check", str(empty))
    assert code == 1 and "holds nothing gloss can read" in err
    texts = tmp_path / "texts"
    texts.mkdir()
    for name in ("1_1ecb.txt", "1_4ecb.txt"):
        (texts / name).write_bytes((TOPIC / name).read_bytes())
    code, _, err = gloss("check", str(texts))
    assert code == 1
    assert "has no annotation files, only 2 text(s) not annotated yet" in err
    code, out, _ = gloss("search", str(texts), "reid", "--color=never")
    assert code == 0 and out.startswith(f"{texts}/1_1ecb.txt:")
    assert gloss("check", "-q", str(TOPIC))[0] == 0
