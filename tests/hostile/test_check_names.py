"""File names are data in every line gloss prints about them.

``gloss check DIR`` once printed each file's summary line with the name raw: an ESC or
BEL in a name reached the terminal, and a newline in one forged a ``FILE:LINE:COL``
line of its own. Names are shown with placeholders (␛ ␇ ␊), as diagnostics are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.inprocess import gloss

from .builders import ENTITIES, HEADER, TEXT

NAMES = ["e\x1b[31m.yaml", "b\x07.yaml", "n\nforged.yaml:9:9: error: fake.yaml"]
SUMMARY = "0 error(s), 0 warning(s); 2 entities, 3 mentions, 0 events, 0 relations"


def _folder_of_hostile_names(tmp_path: Path) -> Path:
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    for name in NAMES:
        (folder / name).write_text(HEADER + ENTITIES, encoding="utf-8")
    return folder


def test_check_shows_each_name_with_placeholders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder_of_hostile_names(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = gloss("check", "names")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"names/b\u2407.yaml: {SUMMARY}",
        f"names/e\u241b[31m.yaml: {SUMMARY}",
        f"names/n\u240aforged.yaml:9:9: error: fake.yaml: {SUMMARY}",
    ]
    assert sorted(path.name for path in folder.iterdir()) == sorted(["a.txt", *NAMES])


def test_a_file_that_does_not_load_is_named_with_placeholders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "x\x1b]0;t\x07\n.yaml"
    (tmp_path / name).write_text("gloss: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = gloss(name)
    lines = err.splitlines()
    assert code == 1 and out == ""
    assert lines[-1] == "gloss: x\u241b]0;t\u2407\u240a.yaml has errors; fix them and try again"
    assert all(line.startswith("x\u241b]0;t\u2407\u240a.yaml:") for line in lines[:-1]), lines


def test_an_unknown_theme_is_named_with_placeholders() -> None:
    code, _out, err = gloss("--theme", "no\x1b[2J\n")
    assert code == 2
    assert err.startswith("gloss: no theme 'no\u241b[2J\u240a' (themes: ")
    assert err.count("\n") == 1


def test_gloss_keys_puts_the_config_path_in_one_comment_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "c\nc\x1b"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    code, out, _err = gloss("keys")
    assert code == 0
    shown = str(home).replace("\n", "\u240a").replace("\x1b", "\u241b")
    assert out.splitlines()[:2] == [
        "# gloss configuration. gloss reads it from:",
        f"#   {shown}/gloss/config.toml",
    ]


@pytest.mark.parametrize("command", ["search", "entities"])
def test_a_corpus_path_that_names_nothing_is_shown_with_placeholders(command: str) -> None:
    """``gloss search PATH`` and ``gloss entities PATH`` name a missing corpus safely: an
    OSC title change in the path is shown, never sent to the terminal."""
    argv = [command, "no\x1b]0;pwned\x07such", *(["rabat"] if command == "search" else [])]
    code, out, err = gloss(*argv)
    assert (code, out) == (2, "")
    assert err == "gloss: no\u241b]0;pwned\u2407such: no such file or folder\n"
