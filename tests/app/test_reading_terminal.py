"""The reading loop in a real terminal (tmux): focus in the text, reload on change, an
editor round trip, and a configuration's keys."""

from __future__ import annotations

import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.corpora import SMALL_YAML, small_files
from tests.support.terminal import GLOSS, Terminal, exited, reader_shown

pytestmark = pytest.mark.tmux


def test_the_reader_reloads_a_changed_file_and_uses_the_configured_keys(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    path = small_files(tmp_path)
    config = tmp_path / "config"
    (config / "gloss").mkdir(parents=True)
    (config / "gloss" / "config.toml").write_text(
        '[keys]\n"reader.next_mention" = "x"\n', encoding="utf-8"
    )
    terminal = terminal_factory(
        f"XDG_CONFIG_HOME={shlex.quote(str(config))} {GLOSS} {shlex.quote(str(path))}"
    )
    # The footer fills in just after the first frame (the text comes first).
    start = terminal.wait_for(lambda s: "Article" in s and "Next mention" in s)
    assert "x Next mention" in start  # the footer shows the key in force
    terminal.send_keys("BTab", "Down")
    terminal.wait_for(lambda s: "Works for Acme" in s)
    path.write_text(SMALL_YAML.replace("Works for Acme", "Changed on disk"), encoding="utf-8")
    terminal.wait_for(lambda s: "Changed on disk" in s)
    path.write_text(SMALL_YAML.replace("name: Bob", "nmae: Bob"), encoding="utf-8")
    broken = terminal.wait_for(lambda s: "last good version stays" in s)
    assert "error" in broken  # the problems list, each as FILE:LINE:COLUMN: error: ...
    terminal.send_keys("Escape")
    terminal.wait_for(lambda s: "Changed on disk" in s and "last good version stays" not in s)
    terminal.send_keys("x")  # next mention, rebound by the configuration
    terminal.wait_for(lambda s: "mention 1 of 2" in s)
    terminal.send_keys("q")
    assert "GLOSS-EXIT=0" in terminal.wait_for(exited)


def test_the_editor_key_really_edits(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    path = small_files(tmp_path)
    editor = tmp_path / "editor.sh"
    editor.write_text(
        "#!/bin/sh\n"
        'echo "$@" > "$(dirname "$0")/editor-args"\n'
        f"sed -i 's/Works for Acme/Edited in the editor/' {shlex.quote(str(path))}\n",
        encoding="utf-8",
    )
    editor.chmod(0o755)
    terminal = terminal_factory(
        f"VISUAL={shlex.quote(str(editor))} {GLOSS} {shlex.quote(str(path))}"
    )
    terminal.wait_for(reader_shown)
    terminal.send_keys("BTab", "Down")
    terminal.wait_for(lambda s: "Works for Acme" in s)
    terminal.send_keys("v")
    terminal.wait_for(lambda s: "Edited in the editor" in s)
    assert (tmp_path / "editor-args").read_text(encoding="utf-8").split() == ["+12", str(path)]
    terminal.send_keys("q")
    assert "GLOSS-EXIT=0" in terminal.wait_for(exited)
    assert shutil.which("tmux")
