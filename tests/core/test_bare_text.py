"""A bare article text (no annotation file yet): read as the loader reads a YAML's text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.cli.main import main
from tui.core.document.diagnostics import Severity
from tui.core.loading import yamlsafe
from tui.core.loading.bare import (
    annotation_path_for,
    document_id_for,
    load_bare_text,
    load_target,
)
from tui.core.loading.checking import ID
from tui.core.loading.loader import LoadResult, load

TEXT = "Rabat talks\n\nMarch 3, 2022\n\nThe minister met officials in Rabat on Thursday.\n"


def lines(result: LoadResult) -> list[str]:
    return [d.format() for d in result.diagnostics]


def test_a_bare_text_is_a_document_without_annotations(tmp_path: Path) -> None:
    text = tmp_path / "Rabat Talks.txt"
    text.write_text(TEXT, encoding="utf-8")
    result = load_bare_text(str(text))
    document = result.document
    assert document is not None and result.diagnostics == ()
    assert result.path == str(text)
    assert document.text == TEXT
    assert (document.entities, document.events, document.relations) == ((), (), ())
    info = document.info
    assert (info.id, info.title, info.text_path) == ("rabat-talks", None, str(text))
    assert "PER" in document.entity_types and document.event_types  # the built-in types
    # No annotation file yet: where it will be written, and what it will name.
    new = result.new_annotation
    assert new is not None
    assert new.yaml_path == str(tmp_path / "Rabat Talks.yaml")
    assert new.text_path == str(text)
    assert new.text_name == "Rabat Talks.txt"
    assert not os.path.exists(new.yaml_path)


def test_a_dateline_at_the_top_dates_the_document(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text(TEXT, encoding="utf-8")
    info = load_bare_text(str(text)).document.info  # type: ignore[union-attr]
    assert info.date is not None and info.date.text == "2022-03-03"
    assert info.note == "Date from the dateline “March 3, 2022”."
    text.write_text("The minister met officials in Rabat on Thursday.\n", encoding="utf-8")
    info = load_bare_text(str(text)).document.info  # type: ignore[union-attr]
    assert (info.date, info.note) == (None, None)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("article.txt", "article"),
        ("Élan Vital (2).txt", "elan-vital-2"),
        ("IDF_Morocco.2022.txt", "idf-morocco-2022"),
        ("日本語.txt", "document"),
        ("---.txt", "document"),
        (".hidden.txt", "hidden"),
        ("line\nbreak\x1b[31m.txt", "line-break-31m"),
        ("a" * 300 + ".txt", "a" * 80),
        ("word " * 60 + ".txt", None),
    ],
)
def test_the_id_is_a_valid_slug_of_any_name(name: str, expected: str | None) -> None:
    made = document_id_for(name)
    assert ID.fullmatch(made), made
    if expected is not None:
        assert made == expected


def test_the_id_of_a_file_with_a_strange_name_is_valid(tmp_path: Path) -> None:
    text = tmp_path / "ünïcode ✓ & $(rm).txt"
    text.write_text("Words.\n", encoding="utf-8")
    result = load_bare_text(str(text))
    assert result.document is not None
    assert ID.fullmatch(result.document.info.id)


def test_control_characters_are_warned_about_not_refused(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Bell\x07 and escape\x1b[2J here.\n", encoding="utf-8")
    result = load_bare_text(str(text))
    assert result.document is not None
    assert all(d.severity is Severity.WARNING for d in result.diagnostics)
    assert lines(result) == [
        f"{text}:1:5: warning: the text contains U+0007 BELL; it is shown as a placeholder "
        "[text-hazard]",
        f"{text}:1:17: warning: the text contains U+001B ESCAPE; it is shown as a placeholder "
        "[text-hazard]",
    ]


def _loader_error(tmp_path: Path, name: str) -> str:
    """The loader's message for ``name`` as a YAML's text (the reason after the name)."""
    yaml = tmp_path / "user.yaml"
    yaml.write_text(f"gloss: 1\ndocument:\n  id: u\n  text: {name}\n", encoding="utf-8")
    found = lines(load(str(yaml)))
    yaml.unlink()
    assert len(found) == 1 and ": error: " in found[0], found
    return found[0].split(": error: ", 1)[1]


def test_hostile_texts_give_the_loaders_outcomes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FIFO, a link out of the folder, bytes that are not UTF-8, UTF-16 and a file
    over the cap: refused as the loader refuses them as a YAML's text, never blocking."""
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "fifo.txt")
    (tmp_path / "secret.txt").write_text("outside\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", folder / "link.txt")
    (folder / "latin1.txt").write_bytes(b"caf\xe9\n")
    (folder / "utf16.txt").write_text("Words here.\n", encoding="utf-16")
    monkeypatch.setattr(yamlsafe, "MAX_TEXT_BYTES", 2048)
    (folder / "huge.txt").write_text("x" * 3000, encoding="utf-8")
    for name in ("fifo.txt", "latin1.txt", "utf16.txt", "huge.txt"):
        path = folder / name
        found = lines(load_bare_text(str(path)))
        assert len(found) == 1 and ": error: " in found[0], found
        assert found[0].split(": error: ", 1)[1] == _loader_error(folder, name)
    assert lines(load_bare_text(str(folder / "latin1.txt")))[0].startswith(
        f"{folder / 'latin1.txt'}:1:4: error:"
    )  # where the bad byte is
    linked = lines(load_bare_text(str(folder / "link.txt")))
    assert len(linked) == 1
    assert "outside the folder" in linked[0] and "--allow-outside" in linked[0]
    assert "outside the folder" in _loader_error(folder, "link.txt")
    allowed = load_bare_text(str(folder / "link.txt"), allow_outside=True)
    assert allowed.document is not None and allowed.document.text == "outside\n"
    assert "links outside its folder" in lines(allowed)[0]


def test_a_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("Words.\n", encoding="utf-8")
    os.symlink("real.txt", tmp_path / "alias.txt")
    result = load_bare_text(str(tmp_path / "alias.txt"))
    assert result.document is not None and result.diagnostics == ()
    assert result.new_annotation is not None
    assert result.new_annotation.yaml_path == str(tmp_path / "alias.yaml")


def test_its_own_annotation_file_is_opened_instead(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rabat.\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "gloss: 1\ndocument:\n  id: a\n  text: a.txt\nentities:\n"
        "  - {id: r, type: GPE, name: Rabat, mentions: [Rabat]}\n",
        encoding="utf-8",
    )
    result = load_target(str(tmp_path / "a.txt"))
    assert result.path == str(tmp_path / "a.yaml")
    assert result.new_annotation is None
    assert result.document is not None and len(result.document.entities) == 1


def test_another_annotation_file_that_names_it_is_opened(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rabat.\n", encoding="utf-8")
    (tmp_path / "by-hand.yaml").write_text(
        "gloss: 1\ndocument:\n  id: a\n  text: a.txt\n", encoding="utf-8"
    )
    result = load_target(str(tmp_path / "a.txt"))
    assert result.path == str(tmp_path / "by-hand.yaml")
    assert result.document is not None and result.new_annotation is None


@pytest.mark.parametrize("kind", ["other-text", "not-gloss", "folder", "fifo", "link"])
def test_a_file_in_the_annotation_files_place_is_never_replaced(tmp_path: Path, kind: str) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Words.\n", encoding="utf-8")
    planned = tmp_path / "a.yaml"
    if kind == "other-text":
        (tmp_path / "b.txt").write_text("Other.\n", encoding="utf-8")
        planned.write_text("gloss: 1\ndocument:\n  id: b\n  text: b.txt\n", encoding="utf-8")
    elif kind == "not-gloss":
        planned.write_text("name: a\n", encoding="utf-8")
    elif kind == "folder":
        planned.mkdir()
    elif kind == "fifo":
        os.mkfifo(planned)
    else:
        os.symlink(tmp_path / "nowhere.yaml", planned)
    result = load_bare_text(str(text))
    assert result.document is None and result.new_annotation is None
    assert lines(result) == [
        f"{text}:1:1: error: {planned} already exists and is not the annotation file of this "
        "text; gloss would write this text's annotations there and never replaces a file: "
        "move or rename a.yaml"
    ]


def test_what_a_name_opens(tmp_path: Path) -> None:
    assert annotation_path_for("news/article.txt") == "news/article.yaml"
    assert annotation_path_for("notes.md") == "notes.yaml"
    (tmp_path / "a.txt").write_text("Words.\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("not: gloss\n", encoding="utf-8")
    # A YAML file is loaded as an annotation file, a text as a text.
    assert "needs 'gloss'" in " ".join(lines(load_target(str(tmp_path / "a.yaml"))))
    assert "already exists" in lines(load_target(str(tmp_path / "a.txt")))[0]


# -- the command line ---------------------------------------------------------------


def test_check_says_a_bare_text_is_fine_to_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "a.txt"
    text.write_text(TEXT, encoding="utf-8")
    assert main(["check", str(text)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out == (
        f"{text}: 0 error(s), 0 warning(s); a bare text, not annotated yet; its annotations "
        f"will be saved to {tmp_path / 'a.yaml'}\n"
    )


def test_check_strict_fails_on_a_bare_texts_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Bell\x07.\n", encoding="utf-8")
    assert main(["check", str(text)]) == 0
    assert main(["check", "--strict", str(text)]) == 1
    err = capsys.readouterr().err
    assert f"{text}:1:5: warning: the text contains U+0007 BELL" in err
    assert "\x07" not in err


def test_check_of_an_unreadable_text_fails_with_file_line_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "a.txt"
    os.mkfifo(fifo)
    assert main(["check", str(fifo)]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        f"{fifo}:1:1: error: article text '{fifo}' is a pipe (FIFO), not a regular file\n"
    )
    assert "not loaded" in captured.out


def test_opening_an_unreadable_text_says_why_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "a.txt"
    text.write_bytes(b"ok\n\xff\n")
    assert main([str(text)]) == 1
    assert capsys.readouterr().err == (
        f"{text}:2:1: error: article text '{text}' is not valid UTF-8 (byte 0xff at line 2, "
        f"column 1)\ngloss: {text} was not opened\n"
    )


def test_opening_a_text_whose_place_is_taken_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Words.\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("name: a\n", encoding="utf-8")
    assert main([str(text)]) == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith(f"{text}:1:1: error: {tmp_path / 'a.yaml'} already exists")
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == "name: a\n"


def test_opening_a_bare_text_without_a_terminal_reads_it_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not refused as 'an article text': it loads, then asks for a terminal (exit 2)."""
    text = tmp_path / "a.txt"
    text.write_text("Words.\n", encoding="utf-8")
    assert main([str(text)]) == 2
    err = capsys.readouterr().err
    assert "the reader needs a terminal" in err
    assert "not an annotation file" not in err
