"""Settings for every test run."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest

# gloss records the files it writes in its state folder; tests must not add to the
# user's own record, so the whole run keeps its state in a folder of its own.
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="gloss-test-state-")


@pytest.fixture(autouse=True)
def _state_folder_of_its_own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Each test starts with an empty state folder: a place remembered by one test (the
    reader remembers where it was) must not move the reader of the next."""
    previous = os.environ["XDG_STATE_HOME"]
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))
    yield
    os.environ["XDG_STATE_HOME"] = previous
