"""The jump list and the remembered place, as any reader uses them.

The single-article reader and the library's reader share these: where a reader is now
(a :class:`~tui.core.reading.jumps.Place`), showing a place again, the one position store of the
run, and the content key under which an article's last place is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.css.query import NoMatches

from tui.core.files.saferead import ReadRefused, read_capped
from tui.core.loading.yamlsafe import MAX_YAML_BYTES
from tui.core.reading.jumps import Place, PositionStore
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from typing import Any

    from textual.app import App
    from textual.widget import Widget

    from tui.app.screens.reader import ReaderScreen

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


def recall(reader: ReaderScreen, content: str | None) -> Place | None:
    """The reader's last place in this content, if one is remembered."""
    store = position_store()
    place = store.recall(content, reader.path) if content else None
    say_store_notice(reader, store)
    return place


def remember(node: Widget | App[Any], content: str | None, place: Place) -> None:
    """Keep ``place`` as the last one in this content (a failure is one notice)."""
    if content is None:
        return
    store = position_store()
    store.remember(content, place)
    say_store_notice(node, store)


def place_of(reader: ReaderScreen) -> Place:
    """Where the reader is now."""
    try:
        offset = reader.article.top_offset()
    except NoMatches:  # the reader is being taken down: its selection still counts
        offset = 0
    return Place(
        path=reader.path,
        offset=offset,
        entity=reader.selected_entity,
        mention=reader.mention_index if reader.selected_entity else None,
        event=reader.selected_event,
    )


def show_place(reader: ReaderScreen, place: Place) -> None:
    """Show ``place`` in the reader (what no longer exists in the article is skipped)."""
    document = reader.document
    reader.article.scroll_to_offset(min(place.offset, len(document.text)))
    entity = document.entity_by_id.get(place.entity or "")
    if entity is not None and entity.mentions:
        mention = place.mention
        if mention is not None and not 0 <= mention < len(entity.mentions):
            mention = None
        reader.select_entity(entity.id, mention_index=mention, jump=False)
        return
    if place.event in document.event_by_id:
        reader.select_event(place.event or "", jump=False)


def arrive(reader: ReaderScreen) -> None:
    """A single-article reader has just opened ``reader.path``: note the content its place
    is kept under and go back to its last place there, if one is remembered."""
    reader.remembered_as = content_key(reader.path, reader.document.text) if reader.path else None
    place = recall(reader, reader.remembered_as)
    if place is not None:
        show_place(reader, place)


def leave(reader: ReaderScreen) -> None:
    """A single-article reader closes: keep its place for the next time."""
    remember(reader.app, reader.remembered_as, place_of(reader))
