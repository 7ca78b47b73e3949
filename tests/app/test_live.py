"""The reader follows its files: reload on change, the editor round trip, copying."""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support.pilot import reader, reader_filled, wait_until
from tui.app.reader_app import GlossApp, make_app
from tui.app.screens.problems import ProblemsScreen
from tui.app.widgets.details import Details

SIZE = (120, 36)


async def test_a_changed_file_is_reloaded_in_place(small_path: Path) -> None:
    app = make_app(str(small_path))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.press("shift+tab", "down")  # Bob
        await pilot.pause()
        assert reader(app).selected_entity == "bob"
        text = small_path.read_text(encoding="utf-8")
        small_path.write_text(text.replace("Works for Acme", "Runs Acme now"), "utf-8")
        # The files are looked at every second: wait for the reload, not for a second.
        await wait_until(
            pilot,
            lambda: reader(app).document.entity_by_id["bob"].description == "Runs Acme now",
            "the reload",
        )
        await pilot.pause()
        screen = reader(app)
        assert screen.document.entity_by_id["bob"].description == "Runs Acme now"
        assert screen.selected_entity == "bob"
        assert "Runs Acme now" in screen.query_one(Details).facts_text


async def test_a_broken_change_keeps_the_last_good_view(small_path: Path) -> None:
    app = make_app(str(small_path))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        before = reader(app).document
        small_path.write_text(
            small_path.read_text(encoding="utf-8").replace("name: Bob", "nmae: Bob"), "utf-8"
        )
        assert not app.reload_document()
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert reader(app).document is before


async def test_v_opens_the_editor_at_the_selection_and_reloads(
    small_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "vim")
    commands: list[list[str]] = []

    def fake_run(command: list[str], check: bool = False) -> Any:
        commands.append(command)
        text = small_path.read_text(encoding="utf-8")
        small_path.write_text(text.replace("Works for Acme", "Edited"), "utf-8")
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr("tui.app.reader_app.subprocess.run", fake_run)
    app = make_app(str(small_path))
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.press("shift+tab", "down")  # Bob, written on line 12 of the YAML
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        await pilot.pause()
        assert commands == [["vim", "+call cursor(12, 5)", "--", str(small_path)]]
        assert reader(app).document.entity_by_id["bob"].description == "Edited"


async def test_y_copies_the_sentence_of_the_mention(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.press("right_square_bracket")  # Alice, in the first sentence
        await pilot.press("y")
        assert small_app.clipboard == "Alice met Bob in Paris."
        await pilot.press("e", "y")
        assert "met" in small_app.clipboard
