"""The collector's full passes wait for a pause while a reader is open (tui.app.collector)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tui.app import collector as longlived
from tui.app.collector import Collector


@pytest.fixture(autouse=True)
def usual_collector() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_an_open_reader_freezes_what_is_alive_and_spaces_full_passes() -> None:
    young, middle, old = gc.get_threshold()
    collector = Collector()
    collector.keep_open_documents(object())
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == (young, middle, old * longlived.PATIENCE)


def test_closing_the_last_reader_brings_the_usual_schedule_back() -> None:
    usual = gc.get_threshold()
    collector = Collector()
    first, second = object(), object()
    collector.keep_open_documents(first)
    collector.keep_open_documents(first)  # a reader may say it opened twice
    collector.keep_open_documents(second)
    collector.release_closed_document(first)
    assert collector.readers_open == 1
    assert gc.get_threshold() != usual  # the second reader is still open
    collector.release_closed_document(second)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == usual


def test_closing_one_reader_leaves_the_other_readers_objects_frozen() -> None:
    collector = Collector()
    first, second = object(), object()
    collector.keep_open_documents(first)
    collector.keep_open_documents(second)
    frozen = gc.get_freeze_count()
    collector.release_closed_document(first)
    assert gc.get_freeze_count() == frozen  # the second reader's are still out of the way
    collector.collect_and_keep()  # what the first left is freed, the rest frozen again
    assert 0 < gc.get_freeze_count() <= frozen


def test_a_full_pass_waits_for_a_pause_in_the_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    passes: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: passes.append(generation) or 0)
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, 10_000))
    now = [100.0]
    monkeypatch.setattr(longlived.time, "monotonic", lambda: now[0])
    collector = Collector()
    collector.keep_open_documents(object())
    collector.key_pressed()
    collector.collect_if_idle()
    assert passes == []
    now[0] += longlived.IDLE_SECONDS
    collector.collect_if_idle()
    assert passes == [2]


def test_no_full_pass_before_one_is_due(monkeypatch: pytest.MonkeyPatch) -> None:
    passes: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: passes.append(generation) or 0)
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, 0))
    collector = Collector()
    collector.keep_open_documents(object())
    collector.collect_if_idle()
    assert passes == []


def test_closed_readers_are_collected_and_open_ones_frozen_again() -> None:
    collector = Collector()
    reader = object()
    collector.keep_open_documents(reader)
    collector.collect_and_keep()
    assert gc.get_freeze_count() > 0
    collector.release_closed_document(reader)
    collector.collect_and_keep()
    assert gc.get_freeze_count() == 0
