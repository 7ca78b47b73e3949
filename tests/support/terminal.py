"""The installed ``gloss`` command in a real terminal (tmux): keys in, screen text out."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

GLOSS = Path(sys.executable).with_name("gloss")
EXIT_STATUS = re.compile(r"GLOSS-EXIT=(\d+)")

SCREEN_TIMEOUT = 60.0
"""Seconds a screen may take to show what a test waits for: generous, so that a machine
whose cores are busy is slow rather than failing."""

KEY_GAP = 0.15
"""Seconds between two keys, as a person types: a key is not waited on, it is paced."""

_PASSED_ON = ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "NO_COLOR")


def exited(screen: str) -> bool:
    """Whether the shell has printed gloss's exit status (not just echoed the command)."""
    return EXIT_STATUS.search(screen) is not None


def reader_shown(screen: str) -> bool:
    """Whether the reader shows its panes with the entity list filled in: the text and
    the pane titles come in the first frame, the lists' rows (``▼`` before each type)
    right after it, and a key sent before them would land before the list exists."""
    return "Entities" in screen and "Article" in screen and "▼" in screen


class Terminal:
    """A detached tmux session running one command.

    The tmux server may have been started by another process with another environment,
    so the test's own config, cache and state folders are passed on explicitly.
    """

    def __init__(self, command: str, width: int = 110, height: int = 32) -> None:
        self.name = f"gloss-test-{uuid.uuid4().hex[:8]}"
        passed = " ".join(
            f"{name}={shlex.quote(os.environ[name])}" for name in _PASSED_ON if name in os.environ
        )
        env_assignments = f"env TERM=xterm-256color TEXTUAL_ANIMATIONS=none {passed}"
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(width),
                "-y",
                str(height),
                f"{env_assignments} bash --norc --noprofile",
            ],
            check=True,
        )
        self.send_text(f"{command}; echo GLOSS-EXIT=$?")
        self.send_keys("Enter")

    def send_text(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def send_keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(KEY_GAP)

    def screen(self) -> str:
        completed = subprocess.run(
            ["tmux", "capture-pane", "-p", "-J", "-t", self.name],
            check=True,
            capture_output=True,
            text=True,
        )
        return completed.stdout

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = SCREEN_TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out; the screen shows:\n{screen}")

    def run(self, command: str) -> None:
        """Type another command at the session's shell (after the first has ended)."""
        self.send_text(f"{command}; echo GLOSS-EXIT=$?")
        self.send_keys("Enter")

    def kill_command(self) -> None:
        """SIGKILL what the session's shell runs, as a crash or a closed terminal would:
        nothing of it gets to clean up. Only this session's own processes are touched."""
        shell = subprocess.run(
            ["tmux", "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[0]
        subprocess.run(["pkill", "-KILL", "-P", shell], check=False)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False)


@pytest.fixture
def terminal_factory() -> Iterator[Callable[[str], Terminal]]:
    """Opens terminals for a test and closes every one of them after it."""
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed; 'make test' installs it (Debian package tmux)")
    opened: list[Terminal] = []

    def open_terminal(command: str) -> Terminal:
        terminal = Terminal(command)
        opened.append(terminal)
        return terminal

    yield open_terminal
    for terminal in opened:
        terminal.close()
