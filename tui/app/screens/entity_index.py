"""The entity index: corpus entities (and events) across every article of a library.

A corpus entity is the set of documents' entities that share a ``links`` key and value
(see :mod:`tui.core.corpus.identity`). Everything shown here is read from the index;
no article file is parsed. ``enter`` lists a corpus entity's mentions grouped by
document (keyword in context) beside the entities it shares sentences with; ``enter``
on a mention reads that article there, where ``n`` / ``N`` go on through its mentions
across articles. A corpus event opens its tellings side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tui.app import bindings
from tui.app.screens.index_answers import answer_from_worker
from tui.app.screens.tellings import TellingsScreen
from tui.app.widgets.row_list import Column, RowList
from tui.core.corpus.entities import (
    FIRST_PAGE,
    SORTS,
    CorpusEntity,
    cooccurring,
    corpus_entities,
    corpus_entity,
    count_corpus_entities,
    mentions_of,
)
from tui.core.corpus.identity import ENTITY, EVENT
from tui.core.corpus.matching import Hit, HitTrail, link_value
from tui.core.text.fitting import cell_width, distinct_suffixes, fit_type_names
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from tui.app.screens.library import LibraryScreen

GUESSED_MARK = "≈ "
"""Shown before the name of a group a name guess joined."""


def entity_cells(entity: CorpusEntity, types: Mapping[str, str] | None = None) -> list[Text]:
    """Type (as ``types`` shows it, when given), name (marked when guessed), documents,
    mentions, first and last date, links."""
    name = Text()
    if entity.guessed:
        name.append(GUESSED_MARK, style="bold yellow")
    name.append(one_line(entity.name))
    return [
        Text(one_line((types or {}).get(entity.type, entity.type))),
        name,
        Text(str(entity.documents)),
        Text(str(entity.mentions)),
        Text(entity.first_date or "—", style="dim" if entity.first_date is None else ""),
        Text(entity.last_date or "—", style="dim" if entity.last_date is None else ""),
        Text(one_line(entity.links_text) or "(no links)", style="dim"),
    ]


TYPE_COLUMN = Column("type", 22, fit=True)
"""Types take the cells they need (up to 22); narrower, their short forms."""
WIDE_TYPES = 120
"""From this width on the index shows types whole (when they fit in the column)."""

ENTITY_COLUMNS = (
    TYPE_COLUMN,
    Column("name", 24),
    Column("docs", 5, right=True),
    Column("mentions", 8, right=True),
    Column("first", 10),
    Column("last", 10),
    Column("links", None),
)


class EntityIndexScreen(Screen[None]):
    """Corpus entities with type, documents, mentions, first and last date."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.ENTITY_INDEX

    sort: var[str] = var("mentions")
    kind: var[str] = var(ENTITY)
    guessed: var[bool] = var(False)
    filter_text: var[str] = var("")

    def __init__(self, library: LibraryScreen, *, start_key: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.start_key = start_key
        """The corpus entity the cursor starts on (its key), when one is asked for."""
        self.entities: list[CorpusEntity] = []
        self.type_names: dict[str, str] = {}
        """Each type as the type column shows it (whole, or its short form)."""
        self.total = 0
        self._fetching = False

    def compose(self) -> ComposeResult:
        yield Static(id="entity-index-header", markup=False)
        yield Input(placeholder="filter: name, type or link", id="entity-filter")
        yield RowList(
            ENTITY_COLUMNS,
            lambda entity: entity_cells(entity, self.type_names),
            empty="Loading…",
            id="corpus-entities",
        )
        yield Footer()

    @property
    def entity_list(self) -> RowList[CorpusEntity]:
        return self.query_one("#corpus-entities", RowList)

    def on_mount(self) -> None:
        self.query_one("#entity-filter", Input).display = False
        self.entity_list.focus()
        self.watch(self.entity_list, "cursor", self._cursor_moved, init=False)
        self.reload()

    def reload(self) -> None:
        """Ask the index again (in a thread) for what the filter, sort and mode say."""
        self._load(self.kind, self.guessed, self.filter_text, self.sort, 0)

    def _cursor_moved(self, cursor: int) -> None:
        # Pages are fetched as the cursor nears the end, so the index opens at once
        # however many corpus entities there are.
        shown = len(self.entities)
        if shown < self.total and cursor >= shown - 20 and not self._fetching:
            self._fetching = True
            self._load(self.kind, self.guessed, self.filter_text, self.sort, shown)

    @work(thread=True, exclusive=True, group="entity-index")
    def _load(self, kind: str, guessed: bool, contains: str, sort: str, offset: int) -> None:
        index = self.library.index
        wanted = self.start_key if offset == 0 else None

        def page() -> tuple[list[CorpusEntity], int]:
            limit = FIRST_PAGE if offset == 0 else max(FIRST_PAGE, offset)
            total = count_corpus_entities(index, kind=kind, guessed=guessed, contains=contains)
            while True:
                found = corpus_entities(
                    index,
                    kind=kind,
                    guessed=guessed,
                    contains=contains,
                    sort=sort,
                    limit=limit,
                    offset=offset,
                )
                # The entity asked for is on a later page: read up to it.
                if wanted is None or len(found) >= total or any(e.key == wanted for e in found):
                    return found, total
                limit *= 4

        found, total = answer_from_worker(self, index, page)
        self.app.call_from_thread(self._show, found, total, offset)

    def _show(self, found: list[CorpusEntity], total: int, offset: int) -> None:
        self._fetching = False
        if offset:
            if offset != len(self.entities):
                return  # the list changed meanwhile: that page belongs to another one
            self.entities = self.entities + found
            self.entity_list.set_rows(self.entities, keep_place=True)
        else:
            self.entities = found
            self.entity_list.set_rows(found)
            wanted = self.start_key
            self.start_key = None  # once: a later filter or sort starts at the top
            for number, entity in enumerate(found):
                if entity.key == wanted:
                    self.entity_list.move_to(number)
                    break
        self.total = total
        self._fit_types()
        self.entity_list.empty = (
            "No corpus events: give events links to tell them across articles."
            if self.kind == EVENT
            else "No entities match."
        )
        self._update_header()

    def on_resize(self) -> None:
        self._fit_types()

    def _fit_types(self) -> None:
        """Types whole when the list is wide and they fit the column, else short forms."""
        names = sorted({entity.type for entity in self.entities})
        room = (TYPE_COLUMN.width or 8) if self.size.width >= WIDE_TYPES else 10
        self.type_names = fit_type_names(names, room)
        widest_name = max((cell_width(text) for text in self.type_names.values()), default=4)
        self.entity_list.fit_widths({TYPE_COLUMN.heading: widest_name})
        self.entity_list.refresh()

    def _update_header(self) -> None:
        what = "entities" if self.kind == ENTITY else "events"
        header = Text()
        header.append(f"Corpus {what} of {one_line(self.library.corpus_name)}", style="bold")
        shown = len(self.entities)
        count = f"{shown} of {self.total}" if shown < self.total else f"{self.total}"
        header.append(f"  ·  {count}  ·  by {self.sort}")
        if self.filter_text:
            header.append(f"  ·  filter: {one_line(self.filter_text)}")
        if self.guessed:
            header.append(f"  ·  {GUESSED_MARK}joined by guessed name", style="bold yellow")
        else:
            header.append("  ·  joined by shared links", style="dim")
        self.query_one("#entity-index-header", Static).update(header)

    def watch_sort(self) -> None:
        if self.is_mounted:
            self.reload()

    def watch_kind(self) -> None:
        if self.is_mounted:
            self.reload()

    def watch_guessed(self) -> None:
        if self.is_mounted:
            self.reload()

    def watch_filter_text(self) -> None:
        if self.is_mounted:
            self.reload()

    def action_back(self) -> None:
        filter_box = self.query_one("#entity-filter", Input)
        if filter_box.display and filter_box.has_focus:
            filter_box.value = ""
            filter_box.display = False
            self.entity_list.focus()
            return
        self.dismiss(None)

    def action_filter(self) -> None:
        filter_box = self.query_one("#entity-filter", Input)
        filter_box.display = True
        filter_box.focus()

    @on(Input.Changed, "#entity-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value

    @on(Input.Submitted, "#entity-filter")
    def _filter_done(self) -> None:
        self.entity_list.focus()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]

    def action_toggle_kind(self) -> None:
        self.kind = EVENT if self.kind == ENTITY else ENTITY

    def action_toggle_guess(self) -> None:
        self.guessed = not self.guessed
        if self.guessed:
            self.notify(
                f"Also joining entities by the same name and type; such groups are marked "
                f"{GUESSED_MARK.strip()}",
                timeout=4,
                markup=False,
            )

    @on(RowList.Chosen, "#corpus-entities")
    def _chosen(self, event: RowList.Chosen) -> None:
        entity = self.entities[event.index]
        open_corpus_entity(self, self.library, entity.key, guessed=self.guessed)


def open_corpus_entity(
    screen: Screen[None], library: LibraryScreen, key: str, *, guessed: bool
) -> None:
    """Push the mentions of a corpus entity, or the tellings of a corpus event."""
    entity = corpus_entity(library.index, key, guessed=guessed)
    if entity is None:
        screen.notify("No longer in the corpus", severity="warning", markup=False)
        return
    if entity.kind == EVENT:
        screen.app.push_screen(TellingsScreen(library, entity))
    else:
        screen.app.push_screen(EntityMentionsScreen(library, entity))


@dataclass(frozen=True, slots=True)
class MentionRow:
    """A line of the mentions list: a document's heading, or one mention in it."""

    hit: Hit
    heading: bool
    position: int
    """Index of the mention (for a heading: of the document's first mention)."""
    count: int = 0
    """Mentions in the document (headings only)."""


def mention_cells(row: MentionRow) -> list[Text]:
    """A heading names the document; a mention shows its line and its context."""
    hit = row.hit
    if row.heading:
        count = f"{row.count} mention{'s' if row.count != 1 else ''}"
        return [
            Text(one_line(hit.date_text or "no date"), style="bold"),
            Text(one_line(hit.doc_id), style="bold"),
            Text(count, style="dim"),
            Text(one_line(hit.title), style="italic"),
        ]
    return [
        Text(f"{hit.line}:{hit.column}", style="dim"),
        Text(one_line(hit.left)),
        Text(one_line(hit.match), style="bold reverse"),
        Text(one_line(hit.right)),
    ]


MENTION_COLUMNS = (
    Column("where", 10),
    Column("left", 30, right=True),
    Column("mention", 14),
    Column("right", None),
)


def cooccurring_cells(
    item: tuple[CorpusEntity, int], types: Mapping[str, str] | None = None
) -> list[Text]:
    """Shared sentences, type (its short form in ``types``, when given) and name of a
    co-occurring corpus entity."""
    entity, shared = item
    name = Text()
    if entity.guessed:
        name.append(GUESSED_MARK, style="bold yellow")
    name.append(one_line(entity.name))
    return [Text(str(shared)), Text(one_line((types or {}).get(entity.type, entity.type))), name]


COOCCURRING_TYPE = Column("type", 12, fit=True)
COOCCURRING_COLUMNS = (Column("sent.", 5, right=True), COOCCURRING_TYPE, Column("name", None))


def mention_rows(hits: list[Hit]) -> list[MentionRow]:
    """Mentions in document order, each document led by a heading row."""
    rows: list[MentionRow] = []
    for position, hit in enumerate(hits):
        if position == 0 or hits[position - 1].path != hit.path:
            count = sum(1 for other in hits if other.path == hit.path)
            rows.append(MentionRow(hit, True, position, count))
        rows.append(MentionRow(hit, False, position))
    return rows


def start_row(rows: list[MentionRow], at: tuple[str, int] | None) -> int:
    """The row a mentions list starts on: the mention at ``at`` (article, start), else
    that article's first mention, else the first mention of all."""
    if at is not None:
        path, start = at
        for number, row in enumerate(rows):
            if not row.heading and row.hit.path == path and row.hit.start == start:
                return number
        for number, row in enumerate(rows):
            if row.heading and row.hit.path == path:
                return number + 1
    return 1


class EntityMentionsScreen(Screen[None]):
    """Every mention of one corpus entity, grouped by document, beside its co-occurring ones."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.ENTITY_MENTIONS

    def __init__(
        self, library: LibraryScreen, entity: CorpusEntity, *, at: tuple[str, int] | None = None
    ) -> None:
        super().__init__()
        self.library = library
        self.entity = entity
        self.at = at
        """The mention the cursor starts on (its article and start), when one is asked for."""
        self.hits: list[Hit] = []
        self.together: list[tuple[CorpusEntity, int]] = []
        self.type_shorts: dict[str, str] = {}
        """The co-occurring entities' types by their short forms."""

    def compose(self) -> ComposeResult:
        yield Static(id="mentions-header", markup=False)
        with Horizontal(id="mentions-body"):
            yield RowList(MENTION_COLUMNS, mention_cells, empty="Loading…", id="entity-mentions")
            with Vertical(id="cooccurring-pane"):
                yield Static("In the same sentences", id="cooccurring-title", markup=False)
                yield RowList(
                    COOCCURRING_COLUMNS,
                    lambda item: cooccurring_cells(item, self.type_shorts),
                    empty="None.",
                    id="cooccurring",
                )
        yield Footer()

    @property
    def mention_list(self) -> RowList[MentionRow]:
        return self.query_one("#entity-mentions", RowList)

    @property
    def cooccurring_list(self) -> RowList[tuple[CorpusEntity, int]]:
        return self.query_one("#cooccurring", RowList)

    def on_mount(self) -> None:
        entity = self.entity
        header = Text()
        header.append(f"{one_line(entity.name)} ({one_line(entity.type)})", style="bold")
        header.append(
            f"  ·  {entity.mentions} mention{'s' if entity.mentions != 1 else ''} in "
            f"{entity.documents} document{'s' if entity.documents != 1 else ''}"
        )
        if entity.links:
            header.append(f"  ·  {one_line(entity.links_text)}", style="dim")
        if entity.guessed:
            header.append(f"  ·  {GUESSED_MARK}joined by guessed name", style="bold yellow")
        header.append(
            "\nEvery article's entity linked to it, whatever it is called there",
            style="dim",
        )
        if entity.links:
            key, value = entity.links[0]
            named = one_line(link_value(key, value))
            if any(char.isspace() or char == '"' for char in named):
                named = '"' + named.replace('"', "") + '"'
            header.append(f"; search: entity:{named}", style="dim")
        self.query_one("#mentions-header", Static).update(header)
        self.mention_list.focus()
        self._load()

    @work(thread=True, exclusive=True, group="entity-mentions")
    def _load(self) -> None:
        index = self.library.index
        key, guessed = self.entity.key, self.entity.guessed
        hits, together = answer_from_worker(
            self,
            index,
            lambda: (
                mentions_of(index, key, guessed=guessed),
                cooccurring(index, key, guessed=guessed),
            ),
        )
        self.app.call_from_thread(self._show, hits, together)

    def _show(self, hits: list[Hit], together: list[tuple[CorpusEntity, int]]) -> None:
        self.hits = hits
        self.together = together
        self.type_shorts = distinct_suffixes(sorted({entity.type for entity, _ in together}))
        self.cooccurring_list.fit_widths(
            {COOCCURRING_TYPE.heading: max((len(t) for t in self.type_shorts.values()), default=4)}
        )
        self.mention_list.empty = "No mentions."
        rows = mention_rows(hits)
        self.mention_list.set_rows(rows)
        if len(rows) > 1:
            self.mention_list.move_to(start_row(rows, self.at))
        self.cooccurring_list.set_rows(together)

    def follow(self, trail: HitTrail) -> None:
        """Back from the reader: the cursor on the row of the mention it was reading."""
        if trail.hits == tuple(self.hits):
            for number, row in enumerate(self.mention_list.rows):
                if not row.heading and row.position == trail.position:
                    self.mention_list.move_to(number)
                    break
        self.mention_list.focus()

    def lists(self, key: str) -> bool:
        """Whether these are the mentions of the corpus entity ``key``."""
        return self.entity.key == key

    def action_back(self) -> None:
        self.dismiss(None)

    def action_switch_list(self) -> None:
        if self.mention_list.has_focus:
            self.cooccurring_list.focus()
        else:
            self.mention_list.focus()

    @on(RowList.Chosen, "#entity-mentions")
    def _chosen(self, event: RowList.Chosen) -> None:
        row = self.mention_list.rows[event.index]
        self.library.open_hit(HitTrail(tuple(self.hits), row.position), origin=self)

    @on(RowList.Chosen, "#cooccurring")
    def _other_chosen(self, event: RowList.Chosen) -> None:
        other, _ = self.together[event.index]
        open_corpus_entity(self, self.library, other.key, guessed=other.guessed)
