"""Each place that reads a file through the one reader refuses what it must, at once.

A FIFO with no writer (reading it would wait for ever), a link out of the folder and a
file over the cap (sparse: it claims 40 MB and costs nothing) are put where each place
reads, and each is refused with its own message within a deadline. Where the file is
the user's own (the annotation file they opened), the folder rule does not apply: there
a link to a device stands for the link.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import TypeVar

import pytest

from tests.hostile.builders import ARTICLE_TEXT, SECRET, snapshot
from tests.support.inprocess import finishes_within, gloss
from tui.app.screens.jumping import content_key
from tui.app.screens.reader import ReaderScreen
from tui.core.document.diagnostics import Diagnostic, Position, Severity
from tui.core.loading.loader import _source_text

T = TypeVar("T")
CLAIMED = 40 * 1024 * 1024
"""What an oversize file claims to hold: over every cap (32 MB)."""


def finishes(call: Callable[[], T], *fifos: Path) -> T:
    """``call()``'s result; fails (after unblocking any reader of ``fifos``) if it takes
    more than 30 seconds, which only a read waiting on a FIFO would."""
    results: list[T] = []
    if not finishes_within(lambda: results.append(call()), 30):
        for fifo in fifos:  # a writer that closes at once ends the stuck read
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"{call} blocked on a FIFO")
    return results[0]


def oversize(path: Path) -> Path:
    with path.open("wb") as handle:
        handle.truncate(CLAIMED)
    return path


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the one gloss is given, with a file gloss must not read."""
    folder = tmp_path / "victim"
    folder.mkdir()
    (folder / "secret.xml").write_text(f"<Document>{SECRET}</Document>\n", encoding="utf-8")
    return folder


# -- gloss import cat: every .xml of a folder -----------------------------------------------


def test_cat_import_refuses_a_fifo_a_link_out_and_an_oversize_xml(
    tmp_path: Path, outside: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    os.mkfifo(corpus / "pipe.xml")
    (corpus / "out.xml").symlink_to(outside / "secret.xml")
    oversize(corpus / "big.xml")
    code, out, err = finishes(
        lambda: gloss("import", "cat", str(corpus), "-o", str(tmp_path / "out")),
        corpus / "pipe.xml",
    )
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        f"{corpus / 'out.xml'}:1:1: error: links to '{outside / 'secret.xml'}', outside the"
        f" folder {corpus}; gloss reads only files inside it (pass --allow-outside to read it"
        " anyway)",
        f"{corpus / 'big.xml'}:1:1: error: the file is {CLAIMED} bytes; files above 33554432"
        " are not read",
        f"{corpus / 'pipe.xml'}:1:1: error: not a regular file",
        "gloss: no document was imported",
    ]
    assert not (tmp_path / "out").exists()


def test_cat_import_reads_a_link_out_with_allow_outside(tmp_path: Path, outside: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "out.xml").symlink_to(outside / "secret.xml")
    code, out, err = gloss(
        "import", "cat", "--allow-outside", str(corpus), "-o", str(tmp_path / "out")
    )
    assert (code, err) == (0, "")
    assert out.startswith("wrote 1 documents")
    assert (tmp_path / "out" / "out.yaml").is_file()


# -- gloss export --format brat: a brat project's own annotation.conf / visual.conf ---------


def _brat_article(folder: Path) -> Path:
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    yaml = folder / "doc.yaml"
    yaml.write_text(
        "gloss: 1\ndocument: {id: doc, text: article.txt}\nentities:\n"
        "  - {id: rabat, type: GPE, name: Rabat, mentions: [{quote: Rabat, all: true}]}\n",
        encoding="utf-8",
    )
    return yaml


def test_brat_export_never_reads_a_fifo_or_a_link_for_its_conf(
    tmp_path: Path, outside: Path
) -> None:
    yaml = _brat_article(tmp_path / "work")
    work = yaml.parent
    os.mkfifo(work / "annotation.conf")
    (work / "visual.conf").symlink_to(outside / "secret.xml")
    before = snapshot(outside)
    code, out, err = finishes(
        lambda: gloss("export", "--format", "brat", str(yaml)), work / "annotation.conf"
    )
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{work / 'annotation.conf'}:1:1: error: not written: it is not a regular file (a"
        " device, pipe or socket)",
        f"{work / 'visual.conf'}:1:1: error: not written: it is a symbolic link; gloss does not"
        " write through links (--force replaces the link)",
    ]
    assert SECRET.strip() not in err
    assert snapshot(outside) == before


def test_brat_export_keeps_an_oversize_conf_after_reading_its_first_line(tmp_path: Path) -> None:
    yaml = _brat_article(tmp_path / "work")
    conf = oversize(yaml.parent / "visual.conf")  # a first line that is not gloss's mark
    code, out, err = finishes(lambda: gloss("export", "--format", "brat", str(yaml)))
    assert code == 0, err
    assert err == f"gloss: kept {conf}, which gloss did not write\n"
    assert out.startswith("wrote ")
    assert conf.stat().st_size == CLAIMED


# -- the annotation file read again: its accept lists, its place key, the reader's jumps ----


@pytest.fixture(params=["fifo", "device", "oversize"])
def refused(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    """One thing the user's own file may be instead of a YAML file, and what is said of it."""
    if request.param == "fifo":
        os.mkfifo(tmp_path / "pipe.yaml")
        return tmp_path / "pipe.yaml", "is a pipe (FIFO), not a regular file"
    if request.param == "device":
        (tmp_path / "zero.yaml").symlink_to("/dev/zero")
        return tmp_path / "zero.yaml", "is a device, not a regular file"
    big = oversize(tmp_path / "big.yaml")
    return big, "is 40.0 MB, over the 32.0 MB limit; it was not read"


def test_the_loaders_second_look_refuses_what_is_not_a_capped_regular_file(
    refused: tuple[Path, str],
) -> None:
    path, _ = refused
    assert finishes(lambda: _source_text(str(path)), path) is None


def test_the_loaders_second_look_reads_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"\xef\xbb\xbfgloss: 1\n")
    assert _source_text(str(tmp_path / "a.yaml")) == "gloss: 1\n"


def test_the_place_key_is_none_for_what_is_not_a_capped_regular_file(
    refused: tuple[Path, str],
) -> None:
    path, _ = refused
    assert finishes(lambda: content_key(str(path), ARTICLE_TEXT), path) is None


def test_the_place_key_of_a_regular_file_depends_on_its_text(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("gloss: 1\n", encoding="utf-8")
    key = content_key(str(tmp_path / "a.yaml"), ARTICLE_TEXT)
    assert key is not None and key != content_key(str(tmp_path / "a.yaml"), ARTICLE_TEXT + "x")


def test_going_to_a_problem_says_why_its_file_cannot_be_read(refused: tuple[Path, str]) -> None:
    path, reason = refused
    said: list[tuple[str, bool]] = []
    reader = SimpleNamespace(say=lambda message, warning=False: said.append((message, warning)))
    problem = Diagnostic(str(path), Position(3, 1), Severity.WARNING, "a warning")
    finishes(lambda: ReaderScreen.go_to_problem(reader, problem), path)
    assert said == [(f"Cannot read {path}: {reason}", True)]


def _position_in(path: Path, entity: str) -> tuple[int, int]:
    """Where the editor would start on ``path`` with ``entity`` selected."""
    reader = SimpleNamespace(source_path=str(path), selected_event=None, selected_entity=entity)
    return finishes(lambda: ReaderScreen._source_position(reader), path)


def test_editing_at_the_selection_starts_at_the_top_of_a_refused_file(
    refused: tuple[Path, str],
) -> None:
    assert _position_in(refused[0], "rabat") == (1, 1)


def test_editing_at_the_selection_starts_at_the_entity(tmp_path: Path) -> None:
    assert _position_in(_brat_article(tmp_path / "work"), "rabat") == (4, 5)
