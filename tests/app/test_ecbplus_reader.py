"""Reading an imported ECB+ article: chains, negation, links and family colours."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.color import Color

from tests.support.pilot import reader_filled
from tests.support.terminal import GLOSS, Terminal, exited, reader_shown
from tui.app.reader_app import make_app
from tui.app.render.highlight import Palette, family_shades, type_family
from tui.core.loading.loader import load

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "ecbplus-topic1"
SAMPLE = ROOT / "tests" / "formats" / "data" / "ecbplus"


async def test_stepping_through_a_chain_and_opening_a_linked_event() -> None:
    app = make_app(str(DEMO / "1_1ecbplus.yaml"))
    async with app.run_test(size=(160, 50)) as pilot:
        await reader_filled(pilot)
        screen = app.screen
        document = screen.document  # type: ignore[attr-defined]
        lohan = next(e for e in document.entities if e.name == "Lindsay Lohan")
        for key in ("shift+tab", "down", "down", "down", "enter"):  # focus starts in the text
            await pilot.press(key)
        await pilot.pause()
        assert screen.selected_entity == lohan.id  # type: ignore[attr-defined]
        await pilot.press("n")
        await pilot.pause()
        current = screen.current_mention  # type: ignore[attr-defined]
        assert current is not None and current.entity_id == lohan.id and current.index == 1


def test_the_demo_corpus_is_what_the_importer_writes(tmp_path: Path) -> None:
    """examples/ecbplus-topic1 is topic 1 of the sample as imported now: no drift."""
    out = tmp_path / "topic1"
    completed = subprocess.run(
        [sys.executable, "-m", "tui", "import", "cat", str(SAMPLE / "1"), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={"XDG_STATE_HOME": str(tmp_path / "state"), "PATH": "/usr/bin:/bin"},
        cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stderr
    shipped = sorted(p.name for p in DEMO.iterdir())
    assert shipped == sorted(p.name for p in out.iterdir())
    for name in shipped:
        assert (DEMO / name).read_bytes() == (out / name).read_bytes(), name


async def test_families_share_a_hue() -> None:
    document = load(str(DEMO / "1_1ecbplus.yaml")).document
    assert document is not None
    app = make_app(str(DEMO / "1_1ecbplus.yaml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_filled(pilot)
        variables = dict(app.theme_variables)
    palette = Palette.for_document(document, variables)
    hues: dict[str, list[float]] = {}
    for code in document.entity_types_in_use:
        colour = palette.types[code].color
        assert colour is not None and colour.triplet is not None
        hue = Color(*colour.triplet).hsl[0]
        hues.setdefault(type_family(code), []).append(hue)
    assert set(hues) == {"HUMAN", "LOC", "NON", "TIME"}

    def apart(first: float, second: float) -> float:
        """Distance round the colour wheel (hues 0.99 and 0.01 are close)."""
        gap = abs(first - second) % 1.0
        return min(gap, 1.0 - gap)

    for family_hues in hues.values():
        assert all(apart(family_hues[0], hue) < 0.15 for hue in family_hues)
    firsts = [values[0] for values in hues.values()]
    assert all(apart(a, b) > 0.05 for a in firsts for b in firsts if a is not b)
    assert family_shades("#ffa62b", 1) == ["#ffa62b"]
    assert len(set(family_shades("#ffa62b", 5))) == 5


@pytest.mark.tmux
def test_import_then_read_in_a_real_terminal(
    terminal_factory: Callable[[str], Terminal],
    tmp_path: Path,
) -> None:
    out = tmp_path / "corpus"
    command = (
        f"XDG_STATE_HOME={tmp_path / 'state'} {GLOSS} import cat {SAMPLE / '1'} -o {out}"
        f" && {GLOSS} {out / '1_1ecbplus.yaml'}"
    )
    terminal = terminal_factory(command)
    screen = terminal.wait_for(reader_shown, timeout=40)
    assert "Lindsay Lohan Leaves Betty Ford" in screen
    terminal.send_keys("Tab", "Enter")  # from the text to the event list
    opened = terminal.wait_for(lambda s: "trigger:" in s)
    assert "ACTION.OCCURRENCE" in opened or "Action: occurrence" in opened
    terminal.send_keys("q")
    after = terminal.wait_for(exited)
    assert "GLOSS-EXIT=0" in after and "Traceback" not in after


@pytest.mark.parametrize(
    ("width", "row"), [(80, "▶ judge 2 ×2 by name"), (160, "▶ judge 2 ×2 by name")]
)
async def test_a_row_of_entities_joined_by_name_reads_whole(width: int, row: str) -> None:
    """Two entities called "judge" make one row; its words give way before the name."""
    app = make_app(str(DEMO / "1_4ecbplus.yaml"))
    async with app.run_test(size=(width, 24)) as pilot:
        screen = await reader_filled(pilot)
        entity_list = screen.entity_list
        lines = [entity_list.render_line(y).text for y in range(entity_list.size.height)]
        assert any(line.startswith(f"├ {row}") for line in lines), lines
