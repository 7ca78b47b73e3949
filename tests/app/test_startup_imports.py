"""Opening one article imports only what its first screen needs.

Start-up time is mostly imports; a module the reader's first frame does not use, imported
at the top of a file on the way, costs every ``gloss FILE`` its time. The probe opens the
bundled article as ``gloss FILE`` does (the command line, the load, the app), headless, in
a fresh interpreter, and lists the modules loaded once the reader is on screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli.main import bundled_article

PROBE = """
import json, sys
from textual.app import App

shown = {}
run = App.run


async def look(pilot):
    await pilot.pause()
    shown["screen"] = type(pilot.app.screen).__name__
    shown["modules"] = sorted(sys.modules)
    pilot.app.exit()


def run_headless(self, *args, **kwargs):
    return run(self, headless=True, auto_pilot=look)


App.run = run_headless
from tui.cli.main import main

code = main([sys.argv[1]])
print(json.dumps({"code": code, **shown}))
"""

NOT_FOR_ONE_ARTICLE = (
    # Other screens and apps, opened by a key or another command.
    "tui.app.library_app",
    "tui.app.timeline_app",
    "tui.app.screens.library",
    "tui.app.screens.timeline",
    "tui.app.screens.help",
    "tui.app.screens.diff",
    "tui.app.screens.search",
    "tui.app.screens.open_file",
    "tui.app.screens.statistics",
    "tui.app.screens.corpus_reader",
    "tui.app.widgets.timeline_view",
    "tui.app.widgets.diff_view",
    # The other commands.
    "tui.cli.check",
    "tui.cli.compare",
    "tui.cli.entities",
    "tui.cli.formats",
    "tui.cli.import_cat",
    "tui.cli.search",
    "tui.cli.timeline",
    # The corpus index and its database, the comparison, the exporters and importers.
    "sqlite3",
    "tui.core.corpus.index",
    "tui.core.compare.align",
    "tui.core.compare.folder_report",
    "tui.core.formats.resolved",
    "tui.core.formats.html",
    "tui.core.formats.brat",
    "tui.core.formats.w3c",
    "tui.core.formats.yaml_out",
    "tui.core.formats.cat.dating",  # a bare text's dateline
    "tui.core.formats.tabular",
    "tui.core.formats.conll",
    "tui.core.formats.webanno",
    "tui.core.formats.xmi",
    "conllu",
    "cassis",
    "lxml",
    # Standard modules only some paths need.
    "tomllib",  # no configuration file: nothing to parse
    "rich.syntax",
)


def _open_headless(home: Path) -> dict[str, object]:
    env = {
        **os.environ,
        "GLOSS_FORCE_TTY": "1",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, str(bundled_article())],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, object] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return _open_headless(tmp_path_factory.mktemp("home"))


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The second start on the same article: its load comes from the document cache."""
    home = tmp_path_factory.mktemp("home")
    _open_headless(home)
    return _open_headless(home)


NOT_FOR_A_WARM_START = (
    "yaml",
    "tui.core.loading.yamlsafe",
    "tui.core.loading.loader",
    "tui.core.loading.checking",
    "tui.core.loading.bare",
)


def test_the_second_start_saw_the_reader(warm: dict[str, object]) -> None:
    assert warm["code"] == 0 and warm["screen"] == "ReaderScreen"
    assert "tui.core.loading.cache" in warm["modules"]  # type: ignore[operator]


@pytest.mark.parametrize("module", NOT_FOR_A_WARM_START)
def test_a_warm_start_reads_no_yaml(warm: dict[str, object], module: str) -> None:
    assert module not in warm["modules"], (  # type: ignore[operator]
        f"{module} is imported on a start from the document cache: it must read no YAML"
    )


def test_the_probe_saw_the_reader(opened: dict[str, object]) -> None:
    assert opened["code"] == 0
    assert opened["screen"] == "ReaderScreen"
    assert "tui.app.screens.reader" in opened["modules"]  # type: ignore[operator]


@pytest.mark.parametrize("module", NOT_FOR_ONE_ARTICLE)
def test_opening_one_article_does_not_import(opened: dict[str, object], module: str) -> None:
    assert module not in opened["modules"], (  # type: ignore[operator]
        f"{module} is imported before the reader's first frame; import it where it is used"
    )
