"""Binary and huge inputs, written at test time by :mod:`tests.hostile.builders`."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.support.pilot import reader_filled
from tui.app.reader_app import GlossApp
from tui.core.loading.loader import load

from .builders import BUILDERS, many_bad_quotes
from .harness import YAML_NAME, assert_screen_inert, run_cli


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_generated_case_check_and_open(
    name: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = BUILDERS[name](tmp_path)
    started = time.process_time()
    run = run_cli(["check", YAML_NAME], tmp_path, capsys, monkeypatch)
    assert time.process_time() - started < 5, "refused or checked with little CPU time"
    assert run.stderr_lines == built.stderr
    assert run.code == built.exit
    opened = run_cli([YAML_NAME], tmp_path, capsys, monkeypatch)
    if built.loads:
        # Loaded, so it gets as far as wanting a terminal (the test's stdin is not one).
        assert opened.code == 2
        assert "needs a terminal" in opened.stderr
    else:
        assert opened.stderr_lines == [
            *built.stderr,
            f"gloss: {YAML_NAME} has errors; fix them and try again",
        ]
        assert opened.code == 1
    assert opened.stdout == ""


def test_huge_files_are_refused_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    BUILDERS["yaml-50-mb"](tmp_path)
    read_sizes: list[int] = []
    real_open = open

    def watching_open(path: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        handle = real_open(path, mode, *args, **kwargs)  # type: ignore[call-overload]
        if "b" in mode:
            read = handle.read

            def read_and_note(size: int = -1) -> bytes:
                data: bytes = read(size)
                read_sizes.append(len(data))
                return data

            handle.read = read_and_note
        return handle

    monkeypatch.setattr("builtins.open", watching_open)
    monkeypatch.chdir(tmp_path)
    result = load(YAML_NAME)
    assert result.document is None
    assert read_sizes == []


async def test_bom_and_crlf_text_opens_with_the_mention_on_its_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    BUILDERS["text-bom-crlf"](tmp_path)
    monkeypatch.chdir(tmp_path)
    result = load(YAML_NAME)
    document = result.document
    assert document is not None
    assert document.text == "Alice met him.\nBob left.\n"
    (bob,) = document.entities
    span = bob.mentions[0].span
    assert document.text[span.start : span.end] == "Bob"
    app = GlossApp(document, result.diagnostics)
    async with app.run_test(size=(100, 30)) as pilot:
        await reader_filled(pilot)
        lines = assert_screen_inert(app, "bom crlf")
        assert any("Alice met him." in line for line in lines)
        assert not any("\ufeff" in line or "\r" in line for line in lines)


def test_two_hundred_quotes_not_found_in_a_long_text_stay_fast(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    many_bad_quotes(tmp_path)
    started = time.process_time()
    run = run_cli(["check", YAML_NAME], tmp_path, capsys, monkeypatch)
    elapsed = time.process_time() - started
    assert run.code == 1
    assert len(run.stderr_lines) == 200
    assert run.stderr_lines[0] == (
        "a.yaml:10:9: error: mention: 'w0 w1 zz0' is not in the text; "
        "the closest passage is 'w0 w1 w2' at text 1:1"
    )
    assert elapsed < 20, f"{elapsed:.1f} CPU s for 200 quotes not found"
