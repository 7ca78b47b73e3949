"""A file name never reaches the editor as an option or a command.

vi and vim run every ``+...`` argument as an Ex command and most editors read ``-...``
as an option, so a file called ``+!touch PWNED.yaml`` once ran ``touch`` through the
reader's ``v``. The file is given as an absolute path, after ``--`` where the editor
takes it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support.pilot import wait_until
from tui.app.reader_app import make_app
from tui.core.files.editor import editor_command

from .builders import ENTITIES, HEADER, TEXT

HOSTILE_NAMES = ["+!touch PWNED.yaml", "-c.yaml", "--help.yaml"]

FORMS: dict[str, list[str]] = {
    # Each editor's arguments after its own name, for a file at line {line}, column {column}.
    "vi": ["+call cursor({line}, {column})", "--", "{path}"],
    "vim": ["+call cursor({line}, {column})", "--", "{path}"],
    "nvim": ["+call cursor({line}, {column})", "--", "{path}"],
    "emacs": ["+{line}:{column}", "--", "{path}"],
    "emacsclient": ["+{line}:{column}", "{path}"],
    "nano": ["--", "+{line},{column}", "{path}"],
    "micro": ["+{line}:{column}", "{path}"],
    "kak": ["+{line}:{column}", "--", "{path}"],
    "code": ["--goto", "{path}:{line}:{column}"],
    "subl": ["--", "{path}:{line}:{column}"],
    "hx": ["--", "{path}:{line}:{column}"],
    "ed": ["+{line}", "{path}"],  # any editor gloss does not know
}


def _expected(editor: str, path: str, line: int, column: int) -> list[str]:
    words = FORMS[os.path.basename(editor)]
    return [editor, *(word.format(path=path, line=line, column=column) for word in words)]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
@pytest.mark.parametrize("editor", sorted(FORMS))
def test_each_form_gets_the_absolute_path(
    editor: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    absolute = str(tmp_path / name)
    assert editor_command(editor, name, 3, 7) == _expected(editor, absolute, 3, 7)
    assert editor_command(editor, f"./{name}", 3, 7) == _expected(editor, absolute, 3, 7)


def test_options_in_the_editor_variable_stay_before_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert editor_command("emacsclient -t", "-c.yaml", 1, 2) == [
        "emacsclient",
        "-t",
        "+1:2",
        str(tmp_path / "-c.yaml"),
    ]
    assert editor_command("code --wait", "--help.yaml", 1, 2) == [
        "code",
        "--wait",
        "--goto",
        f"{tmp_path / '--help.yaml'}:1:2",
    ]


RECORDER = '#!/bin/sh\nprintf "%s\\0" "$@" > "$GLOSS_TEST_ARGV"\n'
"""An editor that only writes down its arguments, NUL-separated."""


@pytest.mark.parametrize("name", HOSTILE_NAMES)
@pytest.mark.parametrize("editor", sorted(FORMS))
async def test_v_runs_the_editor_on_the_file_and_nothing_else(
    editor: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    recorder = tools / editor
    recorder.write_text(RECORDER, encoding="utf-8")
    recorder.chmod(0o755)
    record = tmp_path / "argv"
    monkeypatch.setenv("GLOSS_TEST_ARGV", str(record))
    folder = await _press_v_on(name, str(recorder), tmp_path, monkeypatch, record.exists)
    argv = record.read_bytes().decode().split("\0")[:-1]
    absolute = str(folder / name)
    assert argv == _expected(editor, absolute, 1, 1)[1:]  # nothing selected: the top
    last_path = argv[-1].removesuffix(":1:1")
    assert os.path.isabs(last_path) and os.path.samefile(last_path, absolute)
    assert sorted(os.listdir(folder)) == sorted(["a.txt", name])  # no PWNED
    assert not (tmp_path / "PWNED.yaml").exists()


async def _press_v_on(
    name: str, editor: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ran: Any
) -> Path:
    """Open the file called ``name`` as `gloss *.yaml` in its folder would, press ``v``
    with ``editor`` as $EDITOR, and wait until ``ran()`` says it ran; returns the folder."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / name).write_text(HEADER + ENTITIES, encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor)
    app = make_app(name)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("v")
        await wait_until(pilot, ran, "the editor to run")
    return folder


@pytest.mark.skipif(shutil.which("vim") is None, reason="needs vim")
async def test_a_real_vim_runs_no_command_from_the_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """vim in silent Ex mode, its commands read from an empty stdin: it runs the ``+``
    arguments, opens the file and quits."""
    runs: list[int] = []
    real_run = subprocess.run

    def run_quietly(command: list[str], check: bool = False) -> Any:
        done = real_run(command, check=check, stdin=subprocess.DEVNULL, timeout=60)
        runs.append(done.returncode)
        return done

    monkeypatch.setattr("tui.app.reader_app.subprocess.run", run_quietly)
    vim = "vim -N -u NONE -i NONE -n -es"
    folder = await _press_v_on("+!touch PWNED.yaml", vim, tmp_path, monkeypatch, lambda: runs)
    assert runs == [0]
    assert sorted(os.listdir(folder)) == ["+!touch PWNED.yaml", "a.txt"]
