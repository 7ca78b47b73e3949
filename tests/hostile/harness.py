"""Running one hostile case through ``gloss check``, ``gloss FILE`` and the reader.

The reader is driven through one fixed scenario (start, ``n``, ``e``, ``p``, the
command palette, help) and what each pane shows is gathered as plain text, so a
case's expected outcome can say exactly what the reader must show. At every step
the whole screen is rendered and searched for characters a terminal would act on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rich.segment import Segment
from textual.app import App
from textual.strip import Strip

from tests.support.pilot import reader_filled
from tui.cli import main as cli
from tui.core.text.textsafety import find_hazards

CORPUS = Path(__file__).parent / "corpus"
YAML_NAME = "a.yaml"


def case_dirs() -> list[Path]:
    """Every case folder of the corpus, by name."""
    return sorted(path for path in CORPUS.iterdir() if (path / "expected.json").is_file())


def expected_of(case: Path) -> dict[str, Any]:
    """The case's expected outcome."""
    data: dict[str, Any] = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class CliRun:
    """What one ``gloss`` command printed and returned."""

    code: int
    stdout: str
    stderr: str

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


def run_cli(
    args: list[str], cwd: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> CliRun:
    """``gloss ARGS`` run in ``cwd`` (so paths in messages are relative)."""
    monkeypatch.chdir(cwd)
    capsys.readouterr()
    code = cli.main(args)
    out, err = capsys.readouterr()
    return CliRun(code, out, err)


# -- what reaches the terminal ------------------------------------------------------


def terminal_hazards(text: str) -> list[str]:
    """Characters in ``text`` a terminal would act on or that hide text (tabs and
    newlines included: a rendered cell never holds one)."""
    found = [f"U+{ord(h.char):04X}" for h in find_hazards(text, allow_tabs=False)]
    found += ["U+000A"] * text.count("\n")
    return found


def strips_text(strips: Iterable[Strip]) -> list[str]:
    """Each strip as the text its segments carry."""
    return ["".join(segment.text for segment in strip) for strip in strips]


def screen_strips(app: App[Any]) -> list[Strip]:
    """The whole current screen as the compositor renders it."""
    return list(app.screen._compositor.render_strips())


def assert_screen_inert(app: App[Any], where: str) -> list[str]:
    """Fail if any rendered cell holds a control or invisible character; return the lines."""
    lines = strips_text(screen_strips(app))
    for number, line in enumerate(lines):
        hazards = terminal_hazards(line)
        assert not hazards, f"{where}: screen line {number} has {hazards}: {line!r}"
    return lines


def segments_of(strips: Iterable[Strip]) -> Iterable[Segment]:
    for strip in strips:
        yield from strip


# -- the reader scenario ------------------------------------------------------------


def _plain(value: object) -> str:
    plain = getattr(value, "plain", None)
    return plain if isinstance(plain, str) else str(value)


def reader_state(app: Any) -> dict[str, Any]:
    """Header, sidebars, details and the first article lines, as plain text."""
    from textual.widgets import Static

    from tui.app.widgets.article_view import ArticleView
    from tui.app.widgets.details import DetailLinks, Details
    from tui.app.widgets.entity_list import EntityList
    from tui.app.widgets.event_list import EventList

    screen = app.screen
    header = _plain(screen.query_one("#header", Static).render())
    tree = screen.query_one(EntityList)
    entities = [_plain(leaf.label) for group in tree.root.children for leaf in group.children]
    groups = [_plain(group.label) for group in tree.root.children]
    events = screen.query_one(EventList)
    event_rows = [_plain(events.get_option_at_index(i).prompt) for i in range(events.option_count)]
    details = screen.query_one(Details)
    title = details._border_title
    links = screen.query_one(DetailLinks)
    article = screen.query_one(ArticleView)
    lines = article.line_index
    shown = []
    for y in range(min(6, len(lines) if lines is not None else 0)):
        shown.append("".join(s.text for s in article.render_line(y)).rstrip())
    return {
        "header": header,
        "groups": groups,
        "entities": entities,
        "events": event_rows,
        "details_title": _plain(title) if title is not None else None,
        "details_facts": details.facts_text,
        "details_links": [
            _plain(links.get_option_at_index(i).prompt) for i in range(links.option_count)
        ],
        "article": shown,
    }


def last_notification(app: Any) -> str | None:
    """The newest notification's message, checked to show literally in its toast."""
    from textual.widgets._toast import Toast

    notifications = list(app._notifications)
    if not notifications:
        return None
    message: str = notifications[-1].message
    toasts = list(app.screen.query(Toast))
    if toasts:
        shown = _plain(toasts[-1].render())
        assert shown == message, f"toast shows {shown!r}, not the message {message!r}"
    return message


async def run_reader_scenario(app: Any, size: tuple[int, int] = (120, 36)) -> dict[str, Any]:
    """Start, step a mention (n), an event (e), list problems (p), open the palette and
    help; everything shown is gathered, and every screen is checked to be inert."""
    observed: dict[str, Any] = {}
    async with app.run_test(size=size) as pilot:
        # The lists mount after the text's first frame: wait for them, not for a pause.
        await reader_filled(pilot)
        assert_screen_inert(app, "start")
        observed["start"] = reader_state(app)
        await pilot.press("n")
        await pilot.pause()
        assert_screen_inert(app, "after n")
        observed["after_n"] = {**reader_state(app), "notify": last_notification(app)}
        await pilot.press("e")
        await pilot.pause()
        assert_screen_inert(app, "after e")
        observed["after_e"] = {**reader_state(app), "notify": last_notification(app)}
        observed["each_entity"] = []
        for entity in app.document.entities:
            app.screen.go_to_mention(entity.mentions[-1])
            await pilot.pause()
            assert_screen_inert(app, f"entity {entity.id}")
            state = reader_state(app)
            observed["each_entity"].append(
                {
                    "notify": last_notification(app),
                    **{
                        key: state[key]
                        for key in ("details_title", "details_facts", "details_links")
                    },
                }
            )
        observed["each_event"] = []
        for event in app.document.events:
            app.screen.select_event(event.id, jump=True)
            await pilot.pause()
            assert_screen_inert(app, f"event {event.id}")
            state = reader_state(app)
            observed["each_event"].append(
                {key: state[key] for key in ("details_title", "details_facts", "details_links")}
            )
        await pilot.press("p")
        await pilot.pause()
        assert_screen_inert(app, "problems")
        from textual.widgets import OptionList

        from tui.app.screens.problems import ProblemsScreen

        if isinstance(app.screen, ProblemsScreen):
            options = app.screen.query_one(OptionList)
            observed["problems"] = [
                _plain(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            ]
            await pilot.press("escape")
            await pilot.pause()
        else:
            observed["problems"] = []
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert_screen_inert(app, "command palette")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert_screen_inert(app, "help")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running, "the reader quit on its own"
        assert app.return_code is None
    return observed


def relative(text: str, folder: Path) -> str:
    """``text`` with the absolute case folder removed from paths."""
    return text.replace(f"{folder}{os.sep}", "")
