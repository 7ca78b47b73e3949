"""A hostile ``config.toml``: controls in names shown as placeholders, floods summarised.

A theme name or key id written with TOML's ``\\u001b`` / ``\\u0007`` escapes once reached
the terminal raw in the start-up warnings, and 12,000 unknown key ids (169 KB) took 17 s
to the first paint: one notification each, and one search of the whole file for each.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.cost import assert_near_linear
from tui.app.reader_app import GlossApp, make_app
from tui.core.files.config import read_config

from .builders import ENTITIES, HEADER, TEXT

SIZE = (120, 36)


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where gloss reads its configuration; the folder's name holds an ESC as well."""
    home = tmp_path / "conf\x1b[2Jig"
    (home / "gloss").mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home / "gloss" / "config.toml"


@pytest.fixture
def small_path(tmp_path: Path) -> Path:
    """A small article to start the reader on."""
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "a.yaml"
    path.write_text(HEADER + ENTITIES, encoding="utf-8")
    return path


def _shown_path(path: Path) -> str:
    return str(path).replace("\x1b", "\u241b")


HOSTILE = (
    'theme = "\\u001b[31mred\\u0007"\n'
    "[keys]\n"
    '"reader.next_mention" = "x"\n'
    '"\\u001b]0;owned\\u0007" = "z"\n'
)


def test_controls_in_a_theme_name_and_a_key_id_are_shown_as_placeholders(
    config_file: Path,
) -> None:
    config_file.write_text(HOSTILE, encoding="utf-8")
    config = read_config(binding_ids={"reader.next_mention"}, themes={"nord"})
    assert config.keys == {"reader.next_mention": "x"}
    assert [problem.format() for problem in config.problems] == [
        f"{config_file}:1:1: warning: no theme '\u241b[31mred\u2407' (themes: nord)",
        f"{config_file}:4:1: warning: no key binding has the id '\u241b]0;owned\u2407' "
        "('gloss keys' lists them)",
    ]


def _config_notices(app: GlossApp) -> list[str]:
    return [str(n.message) for n in app._notifications if "config.toml" in str(n.message)]


async def test_start_up_shows_the_warnings_with_placeholders(
    config_file: Path, small_path: Path
) -> None:
    config_file.write_text(HOSTILE, encoding="utf-8")
    app = make_app(str(small_path))
    async with app.run_test(size=SIZE):
        notices = _config_notices(app)
    shown = _shown_path(config_file)
    assert notices == [
        f"{shown}:1:1: warning: no theme '\u241b[31mred\u2407' (themes: {_themes(app)})",
        f"{shown}:4:1: warning: no key binding has the id '\u241b]0;owned\u2407' "
        "('gloss keys' lists them)",
    ]


def _themes(app: GlossApp) -> str:
    return ", ".join(sorted(app.available_themes))


def _unknown_ids(count: int) -> str:
    return "[keys]\n" + "".join(f'"nope.id{number}" = "x"\n' for number in range(count))


def test_thousands_of_unknown_ids_are_one_warning(config_file: Path) -> None:
    config_file.write_text(_unknown_ids(12_000), encoding="utf-8")
    config = read_config(binding_ids={"reader.next_mention"}, themes={"nord"})
    assert [problem.format() for problem in config.problems] == [
        f"{config_file}:2:1: warning: no key binding has the ids 'nope.id0', 'nope.id1', "
        "'nope.id2' and 11,997 more ('gloss keys' lists them)"
    ]


async def test_thousands_of_unknown_ids_are_one_notice(config_file: Path, small_path: Path) -> None:
    config_file.write_text(_unknown_ids(12_000), encoding="utf-8")
    app = make_app(str(small_path))
    async with app.run_test(size=SIZE):
        notices = _config_notices(app)
    assert notices == [
        f"{_shown_path(config_file)}:2:1: warning: no key binding has the ids 'nope.id0', "
        "'nope.id1', 'nope.id2' and 11,997 more ('gloss keys' lists them)"
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[keys]\n"a" = 1\n"b" = ""\n', "keys for 'a' and 'b' must be strings"),
        ('[keys]\n"a" = 1\n', "keys for 'a' must be a string"),
        (
            "a = 1\nb = 2\nc = 3\nd = 4\n",
            "unknown settings 'a', 'b', 'c' and 1 more (known: theme, keys, db, suggest); ignored",
        ),
        ("a = 1\n", "unknown setting 'a' (known: theme, keys, db, suggest); ignored"),
        (
            "[keys]\n" + f'"{"x" * 100}" = "z"\n',
            f"no key binding has the id '{'x' * 39}…' ('gloss keys' lists them)",
        ),
    ],
)
def test_each_kind_of_mistake_is_one_warning(config_file: Path, body: str, message: str) -> None:
    config_file.write_text(body, encoding="utf-8")
    config = read_config(binding_ids={"reader.next_mention"}, themes={"nord"})
    assert [problem.message for problem in config.problems] == [message]


def test_reading_many_unknown_ids_is_linear(config_file: Path) -> None:
    def make(size: int) -> Callable[[], object]:
        text = _unknown_ids(size)

        def work() -> object:
            config_file.write_text(text, encoding="utf-8")
            config = read_config(binding_ids={"reader.next_mention"}, themes={"nord"})
            assert len(config.problems) == 1
            return config

        return work

    assert_near_linear(make, 4_000)
