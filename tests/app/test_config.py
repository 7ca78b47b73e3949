"""config.toml: theme and keys by binding id, --theme, 'gloss keys', broken files reported."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.support.pilot import reader_filled
from tui.app.bindings import binding_rows
from tui.app.reader_app import make_app
from tui.app.screens.reader import ReaderScreen
from tui.app.textual_private import keymap_of
from tui.cli.main import main
from tui.core.files.config import read_config

SIZE = (120, 36)


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    (home / "gloss").mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home / "gloss" / "config.toml"


def test_gloss_keys_prints_a_config_that_reads_back(
    config_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["keys"]) == 0
    text = capsys.readouterr().out
    data = tomllib.loads(text)
    assert data["keys"]["reader.next_mention"] == "n"
    assert data["keys"]["events.toggle_order"] == "o"
    config_home.write_text(text, encoding="utf-8")
    config = read_config(binding_ids=set(data["keys"]))
    assert config.problems == []


def test_a_broken_config_is_reported_with_its_place_and_ignored(config_home: Path) -> None:
    config_home.write_text('theme = "nord"\n[keys\n', encoding="utf-8")
    config = read_config()
    assert config.theme is None and config.keys == {}
    (problem,) = config.problems
    assert problem.format().startswith(f"{config_home}:2:")
    assert "not valid TOML" in problem.message


def test_unknown_ids_and_themes_are_reported_on_their_line(config_home: Path) -> None:
    config_home.write_text(
        'theme = "no-such-theme"\n[keys]\n"reader.next_mention" = "x"\n"reader.nope" = "z"\n',
        encoding="utf-8",
    )
    config = read_config(binding_ids={"reader.next_mention"}, themes={"nord"})
    assert config.keys == {"reader.next_mention": "x"}
    lines = [problem.format() for problem in config.problems]
    assert any(line.startswith(f"{config_home}:1:") and "no theme" in line for line in lines)
    assert any(line.startswith(f"{config_home}:4:") and "reader.nope" in line for line in lines)


async def test_keys_and_theme_from_the_config_are_in_force(
    config_home: Path, small_path: Path
) -> None:
    config_home.write_text(
        'theme = "nord"\n[keys]\n"reader.next_mention" = "x"\n', encoding="utf-8"
    )
    app = make_app(str(small_path))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        assert app.theme == "nord"
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("shift+tab", "x")
        assert screen.selected_entity == "alice"
        rows = binding_rows(keymap_of(app))
        assert ("Reading", "x", "Next mention") in rows
        helps = {command.title: command.help for command in app.get_system_commands(screen)}
        assert helps["Next mention"].endswith("(x)")


async def test_a_broken_config_is_said_in_the_app(config_home: Path, small_path: Path) -> None:
    config_home.write_text("[keys\n", encoding="utf-8")
    app = make_app(str(small_path))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("config.toml:1:" in message for message in messages), messages


def test_an_unknown_theme_on_the_command_line_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--theme", "no-such-theme"]) == 2
    assert "no theme 'no-such-theme'" in capsys.readouterr().err
