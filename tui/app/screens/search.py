"""Search across the corpus: a query box over keyword-in-context results.

The query runs in a worker thread; a bad query is explained under the box. ``enter``
on a result opens its article at the hit; ``n`` / ``N`` there go on through the hits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tui.app import bindings
from tui.app.screens.index_answers import answer_from_worker
from tui.app.widgets.row_list import Column, RowList
from tui.core.corpus.index import SearchResult
from tui.core.corpus.matching import Hit, HitTrail, is_link_value
from tui.core.corpus.query import QueryError, QueryPlan, parse_query
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from tui.app.screens.library import LibraryScreen

RESULT_LIMIT = 200
"""Hits found at first; ``m`` finds more (the command line prints them all)."""
DOCUMENT_LIMIT = 50
"""Articles with hits found at first. With :data:`RESULT_LIMIT`, a first search reads
about as many articles in a corpus of 10,000 as in one of 100."""


def hit_cells(hit: Hit) -> list[Text]:
    """Date, document, left context | hit and right context, and the owning annotation."""
    return [
        Text(hit.date_text or "—", style="dim"),
        Text(one_line(hit.doc_id)),
        Text(one_line(hit.left)),
        Text.assemble((one_line(hit.match), "bold reverse"), one_line(hit.right)),
        Text(one_line(hit.owner), style="italic" if hit.in_mention else "dim"),
    ]


def what_entity_counts(plan: QueryPlan) -> str:
    """What the hits of an ``entity:`` search count, beside the entity index's figures."""
    if all(is_link_value(name) for name in plan.entities):
        return (
            "hits: the mentions of every entity holding that link, whatever it is called"
            " in each article (as the entity index counts a corpus entity)"
        )
    return (
        "hits: the mentions of entities with that name, alias or id in each article;"
        " entity:@KEY:VALUE takes a linked corpus entity whatever it is called"
        " (as the entity index, i, counts it)"
    )


RESULT_COLUMNS = (
    Column("date", 10, hide_below=120),
    Column("document", 14),
    Column("left", 34, right=True),
    Column("hit", None),
    Column("in", 22, hide_below=100),
)


class SearchScreen(Screen[None]):
    """Type a query, press enter; results are listed as keyword in context."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.SEARCH

    def __init__(self, library: LibraryScreen, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.initial_query = query
        self.result: SearchResult | None = None
        self.limit = RESULT_LIMIT
        self.documents_limit = DOCUMENT_LIMIT
        self._plan: QueryPlan | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="search-header", markup=False)
        yield Input(
            value=self.initial_query,
            placeholder='words, "phrases", prefix*, type:GPE entity:Rabat event:… date:2021..2022',
            id="query",
        )
        yield Static(id="query-message", markup=False)
        yield RowList(RESULT_COLUMNS, hit_cells, empty="Type a query and press enter.", id="hits")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search-header", Static).update(
            Text(f"Search {one_line(self.library.corpus_name)}", style="bold")
        )
        self.query_one("#query", Input).focus()
        if self.initial_query:
            self.run_query(self.initial_query)

    @property
    def hit_list(self) -> RowList[Hit]:
        return self.query_one("#hits", RowList)

    def _message(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#query-message", Static)
        message.set_class(error, "-error")
        message.update(Text(text))

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        self.run_query(event.value)

    def run_query(self, query: str) -> None:
        """Parse ``query``; explain a mistake, or search in a thread."""
        plan = parse_query(query)
        if isinstance(plan, QueryError):
            self._message(f"{plan.message} (at column {plan.column + 1})", error=True)
            return
        self._message("searching…")
        self.limit = RESULT_LIMIT
        self.documents_limit = DOCUMENT_LIMIT
        self._plan = plan
        self._search(plan, self.limit, self.documents_limit)

    def action_more(self) -> None:
        """Find more hits of the same query (five times as many)."""
        if self._plan is None or self.result is None or not self.result.truncated:
            return
        self.limit *= 5
        self.documents_limit *= 5
        self._message("searching…")
        self._search(self._plan, self.limit, self.documents_limit)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, plan: QueryPlan, limit: int, documents_limit: int) -> None:
        index = self.library.index
        result = answer_from_worker(
            self,
            index,
            lambda: index.search(plan, limit=limit, documents_limit=documents_limit),
        )
        self.app.call_from_thread(self._show, result)

    def _show(self, result: SearchResult) -> None:
        self.result = result
        self.hit_list.set_rows(list(result.hits), keep=self.hit_list.current)
        count = len(result.hits)
        more = " so far: m finds more" if result.truncated else ""
        notes = "".join(f"\n{one_line(note)}" for note in result.notes)
        if count and self._plan is not None and self._plan.entities:
            notes += "\n" + what_entity_counts(self._plan)
        self._message(
            f"{count} hit{'s' if count != 1 else ''} in {result.documents} "
            f"document{'s' if result.documents != 1 else ''}{more}{notes}"
        )
        self.hit_list.empty = "No hits." if not notes else "No hits: see above."
        if count:
            self.hit_list.focus()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_edit_query(self) -> None:
        self.query_one("#query", Input).focus()

    @on(RowList.Chosen, "#hits")
    def _chosen(self, event: RowList.Chosen) -> None:
        if self.result is None:
            return
        self.library.open_hit(HitTrail(self.result.hits, event.index), origin=self)

    def follow(self, trail: HitTrail) -> None:
        """Back from the reader: the cursor on the hit it was reading."""
        if self.result is not None and trail.hits == self.result.hits:
            self.hit_list.move_to(trail.position)
        self.hit_list.focus()

    def lists(self, key: str) -> bool:
        """A search lists hits, not one corpus entity."""
        return False
