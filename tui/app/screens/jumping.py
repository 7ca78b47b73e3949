"""The remembered places, as any reader uses them.

The single-article reader and the library's reader share these: the one position store
of the run, and the content key under which an article's last place is kept. Where a
reader is (a :class:`~tui.core.reading.jumps.Place`) and showing a place again are the
reader's own (:class:`~tui.app.screens.reader.ReaderScreen`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.files.saferead import ReadRefused, read_capped
from tui.core.loading.limits import MAX_YAML_BYTES
from tui.core.reading.jumps import Place, PositionStore
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from typing import Any

    from textual.app import App
    from textual.widget import Widget

_stores: dict[str, PositionStore] = {}


def position_store() -> PositionStore:
    """One store per state folder for the whole run (tests move the folder)."""
    store = PositionStore()
    key = str(store.path)
    return _stores.setdefault(key, store)


def content_key(annotation_path: str, text: str) -> str | None:
    """The key an article's place is kept under: its annotation file and its text, hashed
    (None if the file cannot be read)."""
    # Here, not at the top: the corpus records are not needed to open one article.
    from tui.core.corpus.records import content_hash

    try:
        data = read_capped(annotation_path, MAX_YAML_BYTES)
    except ReadRefused:
        return None
    return content_hash(data + b"\0" + text.encode("utf-8"))


def say_store_notice(node: Widget | App[Any], store: PositionStore) -> None:
    """Say once, in one line, why the store could not be read or written."""
    if store.notice:
        node.notify(one_line(store.notice), severity="warning", timeout=6, markup=False)
        store.notice = None


def recall(node: Widget | App[Any], content: str | None, path: str) -> Place | None:
    """The last place in this content (read from ``path``), if one is remembered."""
    store = position_store()
    place = store.recall(content, path) if content else None
    say_store_notice(node, store)
    return place


def remember(node: Widget | App[Any], content: str | None, place: Place) -> None:
    """Keep ``place`` as the last one in this content (a failure is one notice)."""
    if content is None:
        return
    store = position_store()
    store.remember(content, place)
    say_store_notice(node, store)
