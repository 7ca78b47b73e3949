"""Settings for every test run: each test has a home of its own.

gloss reads its config from ``$XDG_CONFIG_HOME/gloss``, keeps its index in
``$XDG_CACHE_HOME/gloss`` and remembers places and written files in
``$XDG_STATE_HOME/gloss``. A user's own folders must never change a result (a config
that rebinds ``n`` would break the key tests) and no test may leave anything in them,
so every test starts with three empty folders of its own, and so does every process it
starts, which inherits the environment.
"""

from __future__ import annotations

import inspect
import os
import tempfile
from collections.abc import Iterator

import pytest

pytest_plugins = ["tests.support.terminal"]

XDG_FOLDERS = ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")

# Set at import too, so that work done while collecting (a module that builds an app or
# a corpus at import time) already sees empty folders rather than the user's.
_collection_home = tempfile.mkdtemp(prefix="gloss-test-home-")
for _name in XDG_FOLDERS:
    os.environ[_name] = os.path.join(_collection_home, _name.lower())

# A theme or key map chosen by the environment would change what the app draws.
for _name in ("GLOSS_DB", "TEXTUAL_THEME", "NO_COLOR", "VISUAL", "EDITOR"):
    os.environ.pop(_name, None)


@pytest.fixture(autouse=True)
def _home_of_its_own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Each test starts with empty config, cache and state folders: a place remembered
    by one test (the reader remembers where it was) must not move the reader of the
    next, and an index built by one must not answer another."""
    home = tmp_path_factory.mktemp("xdg")
    previous = {name: os.environ.get(name) for name in XDG_FOLDERS}
    for name in XDG_FOLDERS:
        os.environ[name] = str(home / name.lower().removeprefix("xdg_").removesuffix("_home"))
    yield
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


_APP_FOLDERS = tuple(f"{os.sep}tests{os.sep}{part}{os.sep}" for part in ("app", "ui", "crossdoc"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that drive the app or a terminal (``ui``): those in the app's test
    folders, every Pilot test (they are coroutines) and every snapshot, so that
    ``make unit`` runs the pure tests alone; and those that time CPU (``perf``)."""
    for item in items:
        function = getattr(item, "function", None)
        drives_app = (
            any(folder in str(item.path) for folder in _APP_FOLDERS)
            or inspect.iscoroutinefunction(function)
            or "snap_compare" in getattr(item, "fixturenames", ())
            or item.get_closest_marker("tmux") is not None
        )
        if drives_app:
            item.add_marker(pytest.mark.ui)
        if function is not None and _times_cpu(function):
            item.add_marker(pytest.mark.perf)


def _times_cpu(function: object) -> bool:
    """Whether a test measures CPU time (``tests/support/cost.py``): those are ``perf``
    tests, run on their own so that the other tests cannot disturb the measurement."""
    try:
        source = inspect.getsource(function)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return False
    return "assert_near_linear(" in source or "cpu_seconds(" in source


@pytest.fixture(autouse=True)
def _no_flash_in_snapshots(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots show the steady screen: a jump's target is not flashed, so no scene has
    to wait for a flash to fade."""
    if "snap_compare" in request.fixturenames:
        from tui.app.widgets.article_view import ArticleView

        monkeypatch.setattr(ArticleView, "flash_seconds", 0.0)
