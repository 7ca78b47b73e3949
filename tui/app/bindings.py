"""Every key of gloss, as data: the bindings of each app, screen and widget.

The classes take their ``BINDINGS`` from here, and help, the command palette and the
default configuration (``gloss keys``) are built from the same lists, so none of them
goes stale and none needs to import the screens. A binding a user's ``[keys]`` table (a
Textual keymap) may rebind has the id ``scope.action``; the reader's have a tooltip that
says what they do in the words of the command palette.

This module imports Textual's binding type and nothing of the app.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

# -- the single-article app and its reader --------------------------------------------------
APP: list[BindingType] = [
    Binding("q", "quit", "Quit", id="app.quit"),
    Binding("question_mark", "help", "Help", id="app.help"),
    Binding("O", "open_file", "Open file", show=False, id="app.open_file"),
]

READER: list[BindingType] = [
    Binding(
        "n",
        "next_mention",
        "Next mention",
        tooltip="Next mention of the selected entity",
        id="reader.next_mention",
    ),
    Binding(
        "N",
        "previous_mention",
        "Prev mention",
        tooltip="Previous mention of the selected entity",
        id="reader.previous_mention",
    ),
    Binding(
        "right_square_bracket",
        "next_any",
        "Next annotated",
        show=False,
        tooltip="Next mention of any entity",
        id="reader.next_any",
    ),
    Binding(
        "left_square_bracket",
        "previous_any",
        "Prev annotated",
        show=False,
        tooltip="Previous mention of any entity",
        id="reader.previous_any",
    ),
    Binding(
        "e",
        "next_event",
        "Next event",
        tooltip="Jump to the next event passage",
        id="reader.next_event",
    ),
    Binding(
        "E",
        "previous_event",
        "Prev event",
        show=False,
        tooltip="Jump to the previous event passage",
        id="reader.previous_event",
    ),
    Binding(
        "slash", "search", "Search", tooltip="Filter entities and find text", id="reader.search"
    ),
    Binding(
        "t",
        "type_filter",
        "Type filter",
        tooltip="Show or hide entity types, in the sidebar and the text",
        id="reader.type_filter",
    ),
    Binding(
        "c",
        "toggle_plain",
        "Colours on/off",
        show=False,
        tooltip="Colours on/off: the text without type colours",
        id="reader.toggle_plain",
    ),
    Binding(
        "y",
        "copy",
        "Copy sentence",
        show=False,
        tooltip="Copy the mention's sentence or the event's passage",
        id="reader.copy",
    ),
    Binding(
        "m",
        "annotate",
        "Annotate",
        tooltip="Annotate mode: select words and mark entities, events and relations",
        id="reader.annotate",
    ),
    Binding(
        "v",
        "edit",
        "Edit in $EDITOR",
        show=False,
        tooltip="Open it in $VISUAL / $EDITOR at the selection",
        id="reader.edit",
    ),
    Binding(
        "r",
        "reload",
        "Reload",
        show=False,
        tooltip="Load the annotation file and its text again",
        id="reader.reload",
    ),
    Binding(
        "T",
        "timeline",
        "Timeline",
        show=False,
        tooltip="The article's events on a time axis",
        id="reader.timeline",
    ),
    Binding(
        "space",
        "page_down",
        "Page down",
        show=False,
        tooltip="Scroll the article one page down",
        id="reader.page_down",
    ),
    Binding(
        "b",
        "page_up",
        "Page up",
        show=False,
        tooltip="Scroll the article one page up",
        id="reader.page_up",
    ),
    Binding(
        "g", "top", "Top", show=False, tooltip="Go to the start of the article", id="reader.top"
    ),
    Binding(
        "G",
        "bottom",
        "Bottom",
        show=False,
        tooltip="Go to the end of the article",
        id="reader.bottom",
    ),
    Binding(
        "less_than_sign",
        "toggle_entities",
        "Entities pane",
        show=False,
        tooltip="Show or hide the entity sidebar",
        id="reader.toggle_entities",
    ),
    Binding(
        "greater_than_sign",
        "toggle_events",
        "Events pane",
        show=False,
        tooltip="Show or hide the event sidebar",
        id="reader.toggle_events",
    ),
    Binding(
        "D",
        "toggle_details",
        "Details pane",
        show=False,
        tooltip="Show or hide the details panel",
        id="reader.toggle_details",
    ),
    Binding(
        "p",
        "problems",
        "Problems",
        show=False,
        tooltip="List the warnings found in the file",
        id="reader.problems",
    ),
    Binding(
        "escape",
        "clear",
        "Clear",
        show=False,
        tooltip="Clear selection, filters and search",
        id="reader.clear",
    ),
    # Not in the footer, where the reader's own keys fit 120 columns; help and the
    # palette list them.
    Binding(
        "ctrl+o",
        "jump_back",
        "Jump back",
        show=False,
        tooltip="Back to where the last jump left",
        id="reader.jump_back",
    ),
    Binding(
        "ctrl+f",
        "jump_forward",
        "Jump forward",
        show=False,
        tooltip="Forward again after jumping back",
        id="reader.jump_forward",
    ),
]


def _annotate(
    keys: str, action: str, description: str, tooltip: str, binding_id: str, *, show: bool = False
) -> Binding:
    return Binding(
        keys, action, description, show=show, tooltip=tooltip, id=f"annotate.{binding_id}"
    )


ANNOTATE: list[BindingType] = [
    # Listed before the reader's keys: in annotate mode these win, otherwise they are off
    # (the screen's check_action) and the same key does what it does when reading.
    _annotate("escape", "leave_annotate", "Done", "Leave annotate mode", "done", show=True),
    _annotate("right,l", "select_word(1)", "Next word", "Select the next word", "next_word"),
    _annotate(
        "left,h", "select_word(-1)", "Prev word", "Select the previous word", "previous_word"
    ),
    _annotate(
        "down,j", "select_line(1)", "Word below", "Select the word on the line below", "line_down"
    ),
    _annotate(
        "up,k", "select_line(-1)", "Word above", "Select the word on the line above", "line_up"
    ),
    _annotate(
        "shift+right,L",
        "move_end('word', 1)",
        "End +word",
        "Move the selection's moving end one word on",
        "extend_word",
    ),
    _annotate(
        "shift+left,H",
        "move_end('word', -1)",
        "End -word",
        "Move the selection's moving end one word back",
        "shrink_word",
    ),
    _annotate(
        "ctrl+right,full_stop",
        "move_end('char', 1)",
        "End +char",
        "Move the selection's moving end one character on",
        "extend_char",
    ),
    _annotate(
        "ctrl+left,comma",
        "move_end('char', -1)",
        "End -char",
        "Move the selection's moving end one character back",
        "shrink_char",
    ),
    _annotate(
        "o", "swap_ends", "Other end", "Make the selection's other end the moving one", "swap_ends"
    ),
    _annotate(
        "slash", "find", "Find", "Type a text: enter selects its next match", "find", show=True
    ),
    _annotate(
        "e",
        "new_entity",
        "New entity",
        "Make the selection a new entity (pick its type)",
        "new_entity",
        show=True,
    ),
    _annotate(
        "a",
        "add_mention",
        "Add mention",
        "Add the selection as a mention of the selected entity",
        "add_mention",
        show=True,
    ),
    _annotate(
        "asterisk",
        "every_occurrence",
        "Every occurrence",
        "Offer every other occurrence of the mention's words",
        "every_occurrence",
    ),
    _annotate(
        "x,delete",
        "delete_mention",
        "Delete mention",
        "Delete the mention under the selection",
        "delete_mention",
    ),
    _annotate(
        "X",
        "delete_entity",
        "Delete entity",
        "Delete the selected entity and its mentions",
        "delete_entity",
    ),
    _annotate("R", "retype", "Retype", "Give the selected entity or event another type", "retype"),
    _annotate(
        "r", "rename", "Rename", "Rename the entity, or change the event's summary", "rename"
    ),
    _annotate("M", "merge", "Merge", "Merge another entity into the selected one", "merge"),
    _annotate(
        "s",
        "split",
        "Split off",
        "Make the mention under the selection an entity of its own",
        "split",
    ),
    _annotate(
        "f",
        "add_fragment",
        "Add fragment",
        "Add the selection as a fragment of the current mention",
        "add_fragment",
    ),
    _annotate(
        "A", "adjust", "Adjust mention", "Make the current mention cover the selection", "adjust"
    ),
    _annotate(
        "E",
        "new_event",
        "New event",
        "Make the selection the trigger of a new event",
        "new_event",
        show=True,
    ),
    _annotate(
        "plus",
        "add_argument",
        "Add argument",
        "Add an argument (role and entity) to the event",
        "add_argument",
    ),
    _annotate(
        "minus",
        "remove_argument",
        "Remove argument",
        "Remove one of the event's arguments",
        "remove_argument",
    ),
    _annotate(
        "d",
        "set_date",
        "Date",
        "Date the event (the selection is the words that say when)",
        "set_date",
    ),
    _annotate("z", "realis", "Realis", "Actual, planned, hypothetical or generic", "realis"),
    _annotate(
        "equals_sign", "same_as", "Same as", "Another telling of the same happening", "same_as"
    ),
    _annotate(
        "at", "attribute", "Attribute", "Set an attribute of the entity or event", "attribute"
    ),
    _annotate(
        "w",
        "new_relation",
        "New relation",
        "A relation from the selection to another entity or event",
        "new_relation",
    ),
    _annotate(
        "W",
        "delete_relation",
        "Delete relation",
        "Delete one of the selection's relations",
        "delete_relation",
    ),
    _annotate("u", "undo", "Undo", "Undo the last edit", "undo", show=True),
    _annotate("ctrl+r,U", "redo", "Redo", "Make the last undone edit again", "redo"),
    _annotate(
        "ctrl+s", "save", "Save", "Write the edits into the annotation file", "save", show=True
    ),
]
"""Annotate mode's keys (``m`` in the reader starts it)."""


def _suggest(
    keys: str, action: str, description: str, tooltip: str, binding_id: str, *, show: bool = False
) -> Binding:
    return Binding(
        keys, action, description, show=show, tooltip=tooltip, id=f"suggest.{binding_id}"
    )


SUGGEST: list[BindingType] = [
    # Listed after annotate mode's keys (the few both have, x, u and escape, annotate
    # mode gives way on while reviewing) and before the reader's: while reviewing these
    # win, otherwise they are off and the same key does what it does there.
    _suggest(
        "S",
        "review_suggestions",
        "Suggestions",
        "Review suggested mentions (from this article, the library, a pipeline)",
        "review",
    ),
    _suggest("n", "step_suggestion(1)", "Next", "Go to the next suggestion", "next", show=True),
    _suggest("N", "step_suggestion(-1)", "Previous", "Go to the previous suggestion", "previous"),
    _suggest(
        "y,enter",
        "accept_suggestion",
        "Accept",
        "Make the current suggestion a mention",
        "accept",
        show=True,
    ),
    _suggest(
        "x,backspace",
        "reject_suggestion",
        "Reject",
        "Turn the current suggestion down (it is not proposed again)",
        "reject",
        show=True,
    ),
    _suggest(
        "Y",
        "accept_entity",
        "Accept entity",
        "Accept every shown suggestion of the current one's entity",
        "accept_entity",
        show=True,
    ),
    _suggest(
        "ctrl+y",
        "accept_shown",
        "Accept shown",
        "Accept every suggestion the filter shows",
        "accept_shown",
    ),
    _suggest(
        "F",
        "filter_suggestions",
        "Filter",
        "Show only suggestions of a type, a source or a least score",
        "filter",
        show=True,
    ),
    _suggest(
        "u", "undo_review", "Undo", "Undo the last accept or reject (or edit)", "undo", show=True
    ),
    _suggest("escape", "leave_review", "Done", "Stop reviewing suggestions", "done"),
]
"""Reviewing suggestions (``S`` in the reader starts it, in annotate mode)."""

ENTITY_LIST: list[BindingType] = [
    Binding("j", "cursor_down", "Down", show=False, id="entities.cursor_down"),
    Binding("k", "cursor_up", "Up", show=False, id="entities.cursor_up"),
    Binding("right,l", "expand_group", "Expand", show=False, id="entities.expand_group"),
    Binding("left,h", "collapse_group", "Collapse", show=False, id="entities.collapse_group"),
    Binding("space", "screen.page_down", "Page down", show=False, id="entities.screen.page_down"),
    Binding("g,home", "scroll_home", "First entity", show=False, id="entities.scroll_home"),
    Binding("G,end", "scroll_end", "Last entity", show=False, id="entities.scroll_end"),
    Binding("enter", "select_cursor", "Jump to first mention", id="entities.select_cursor"),
]

ARTICLE: list[BindingType] = [
    Binding("j,down", "scroll_down", "Scroll down", show=False, id="article.scroll_down"),
    Binding("k,up", "scroll_up", "Scroll up", show=False, id="article.scroll_up"),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="article.page_down"),
    Binding("b,pageup", "page_up", "Page up", show=False, id="article.page_up"),
    Binding("g,home", "scroll_home", "Top", show=False, id="article.scroll_home"),
    Binding("G,end", "scroll_end", "Bottom", show=False, id="article.scroll_end"),
]

EVENT_LIST: list[BindingType] = [
    Binding("j", "cursor_down", "Down", show=False, id="events.cursor_down"),
    Binding("k", "cursor_up", "Up", show=False, id="events.cursor_up"),
    Binding("g,home", "first", "First event", show=False, id="events.first"),
    Binding("G,end", "last", "Last event", show=False, id="events.last"),
    Binding(
        "o",
        "toggle_order",
        "Order: text ⇄ date",
        tooltip="Order the event list by date ⇄ in text order",
        id="events.toggle_order",
    ),
    Binding("enter", "select", "Jump to passage", id="events.select"),
]

DETAILS: list[BindingType] = [
    Binding("j", "cursor_down", "Down", show=False, id="details.cursor_down"),
    Binding("k", "cursor_up", "Up", show=False, id="details.cursor_up"),
    Binding("g,home", "first", "First row", show=False, id="details.first"),
    Binding("G,end", "last", "Last row", show=False, id="details.last"),
    Binding("enter", "select", "Go to the entity or event of the row", id="details.select"),
]

# -- the reader's dialogs ---------------------------------------------------------------------
HELP: list[BindingType] = [
    Binding("escape,q,question_mark", "close", "Close"),
    Binding("j,down", "scroll_down", "Down", show=False),
    Binding("k,up", "scroll_up", "Up", show=False),
    Binding("g,home", "scroll_home", "Top", show=False),
    Binding("G,end", "scroll_end", "Bottom", show=False),
]

PROBLEMS: list[BindingType] = [
    Binding("escape,q,p", "close", "Close"),
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("g", "first", "First", show=False),
    Binding("G", "last", "Last", show=False),
]

TYPE_FILTER: list[BindingType] = [
    Binding("escape", "cancel", "Cancel"),
    Binding("space", "tick", "Tick or untick a type"),
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
]

FOLDER_PICKER: list[BindingType] = [
    Binding("escape", "cancel", "Cancel"),
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
]

OPEN_FILE: list[BindingType] = [Binding("escape", "cancel", "Cancel")]

OCCURRENCES: list[BindingType] = [
    Binding("y", "take", "Take"),
    Binding("n", "skip", "Skip"),
    Binding("a", "take_all", "Take all"),
    Binding("enter", "finish", "Add the taken"),
    Binding("escape", "cancel", "Cancel"),
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
]

LOADING: list[BindingType] = [Binding("q", "app.quit", "Quit")]

# -- timelines ------------------------------------------------------------------------------
TIMELINE_VIEW: list[BindingType] = [
    Binding("j,down", "cursor_down", "Next event", show=False),
    Binding("k,up", "cursor_up", "Prev event", show=False),
    Binding("g,home", "first", "First", show=False),
    Binding("G,end", "last", "Last", show=False),
    Binding("pagedown,space", "page_down", "Page down", show=False),
    Binding("pageup,b", "page_up", "Page up", show=False),
    Binding("enter", "choose", "Jump to passage"),
]

TIMELINE: list[BindingType] = [
    Binding("escape", "back", "Back to the article"),
    Binding("plus,equals_sign", "zoom_in", "Zoom in"),
    Binding("minus", "zoom_out", "Zoom out"),
    Binding("0", "zoom_fit", "Fit", show=False),
    Binding("l", "lanes", "Entity lanes"),
]

LANES: list[BindingType] = [
    Binding("escape,l", "close", "Close"),
    Binding("j", "down", "Down", show=False),
    Binding("k", "up", "Up", show=False),
]

CORPUS_TIMELINE: list[BindingType] = [
    Binding("plus,equals_sign", "zoom_in", "Zoom in"),
    Binding("minus", "zoom_out", "Zoom out"),
    Binding("0", "zoom_fit", "Fit", show=False),
]

TIMELINE_READER: list[BindingType] = [
    Binding(
        "escape",
        "clear",
        "Timeline",
        tooltip="Back to the timeline (a search or filter open is cleared first)",
    ),
]
"""The reader opened from ``gloss timeline -i``: listed before the reader's own keys."""

TIMELINE_APP: list[BindingType] = [
    Binding("q", "quit", "Quit"),
    Binding("question_mark", "help", "Help"),
]

# -- the library ------------------------------------------------------------------------------
LIBRARY_APP: list[BindingType] = [
    Binding("q", "quit", "Quit"),
    Binding("question_mark", "help", "Help"),
]

LIBRARY: list[BindingType] = [
    Binding("slash", "search", "Search"),
    Binding("f", "filter", "Filter"),
    Binding("d", "folders", "Folder", id="library.folder"),
    Binding("s", "sort", "Sort"),
    Binding("r", "reverse", "Reverse", show=False),
    Binding("c", "statistics", "Statistics"),
    Binding("i", "entity_index", "Entity index", show=False),
    Binding("escape", "clear_filter", "Clear filter", show=False),
]

ROW_LIST: list[BindingType] = [
    Binding("j,down", "cursor(1)", "Down", show=False),
    Binding("k,up", "cursor(-1)", "Up", show=False),
    Binding("pagedown,space", "page(1)", "Page down", show=False),
    Binding("pageup,b", "page(-1)", "Page up", show=False),
    Binding("g,home", "edge(0)", "First", show=False),
    Binding("G,end", "edge(1)", "Last", show=False),
    Binding("enter", "choose", "Open"),
]

CORPUS_READER: list[BindingType] = [
    # Opened from hits (a search, an entity's mentions, an event's tellings), n and N
    # step them; else the reader's own n and N (listed after these) step mentions.
    Binding(
        "n",
        "next_hit",
        "Next hit",
        tooltip="Next hit of the list the article was opened from, across articles",
        id="library.next_hit",
    ),
    Binding(
        "N",
        "previous_hit",
        "Prev hit",
        show=False,
        tooltip="Previous hit of the list the article was opened from",
        id="library.previous_hit",
    ),
    Binding("L", "library", "Library"),
    Binding("right_curly_bracket", "next_article", "Next article", show=False),
    Binding("left_curly_bracket", "previous_article", "Prev article", show=False),
    Binding("x", "other_article(1)", "Same entity, next article"),
    Binding("X", "other_article(-1)", "Same entity, prev article", show=False),
    Binding("i", "entity_index", "Entity index"),
    Binding("a", "tellings", "Tellings", show=False),
    # The reader's own jump key, shown in this footer: jumps go across articles here.
    Binding(
        "ctrl+o",
        "jump_back",
        "Jump back",
        tooltip="Back to where the last jump left, then to the list the article was opened from",
        id="reader.jump_back",
    ),
]

SEARCH: list[BindingType] = [
    Binding("escape", "back", "Library"),
    Binding("slash", "edit_query", "Query", show=False),
    Binding("m", "more", "More hits"),
]

STATISTICS: list[BindingType] = [Binding("escape,c", "back", "Library")]

ENTITY_INDEX: list[BindingType] = [
    Binding("escape", "back", "Back"),
    Binding("f", "filter", "Filter"),
    Binding("s", "sort", "Sort"),
    Binding("v", "toggle_kind", "Entities/events"),
    Binding("m", "toggle_guess", "Guess by name"),
]

ENTITY_MENTIONS: list[BindingType] = [
    Binding("escape", "back", "Back"),
    Binding("tab", "switch_list", "Co-occurring", show=False),
]

TELLINGS: list[BindingType] = [
    Binding("escape", "back", "Back"),
    Binding("enter", "read", "Read this one"),
    Binding("right,l", "step(1)", "Next telling"),
    Binding("left,h", "step(-1)", "Prev telling", show=False),
]

TELLING_CARD: list[BindingType] = [
    Binding("down,j", "scroll_down", "Scroll down", show=False),
    Binding("up,k", "scroll_up", "Scroll up", show=False),
    Binding("pagedown,space", "page_down", "Page down", show=False),
    Binding("pageup,b", "page_up", "Page up", show=False),
    Binding("home,g", "scroll_home", "Top", show=False),
    Binding("end,G", "scroll_end", "Bottom", show=False),
]

# -- comparing ------------------------------------------------------------------------------
DIFF: list[BindingType] = [
    Binding("right_square_bracket", "next_difference", "Next difference"),
    Binding("left_square_bracket", "previous_difference", "Prev difference"),
    Binding("tab", "switch_pane", "Switch pane", show=False),
    Binding("g", "top", "Top", show=False),
    Binding("G", "bottom", "Bottom", show=False),
    Binding("escape", "back", "Back"),
]

FOLDER_DIFF: list[BindingType] = [Binding("enter", "open_pair", "Open pair")]

DIFF_APP: list[BindingType] = [Binding("q", "quit", "Quit")]


# -- help, the palette and the configuration, built from the lists above ----------------------
@dataclass(frozen=True, slots=True)
class Section:
    """A heading of help and the keys listed under it."""

    title: str
    bindings: tuple[BindingType, ...]


SECTIONS: tuple[Section, ...] = (
    Section("Everywhere", tuple(APP)),
    Section("Reading", tuple(READER)),
    Section("Annotating (m)", tuple(ANNOTATE)),
    Section("Reviewing suggestions (S)", tuple(SUGGEST)),
    Section("Entity list", tuple(ENTITY_LIST)),
    Section("Article", tuple(ARTICLE)),
    Section("Event list", tuple(EVENT_LIST)),
    Section("Details", tuple(DETAILS)),
    Section("Timeline (T)", (*TIMELINE_VIEW, *TIMELINE)),
)
"""Help's sections for one article, in order; their ids are what a configuration may rebind."""

LIBRARY_SECTIONS: tuple[Section, ...] = (
    Section("Library", tuple(LIBRARY)),
    Section("Reading in a library", tuple(CORPUS_READER)),
    Section("Entity index", tuple(ENTITY_INDEX)),
    Section("Mentions of a corpus entity", tuple(ENTITY_MENTIONS)),
    Section("Tellings of a corpus event", (*TELLINGS, *TELLING_CARD)),
)
"""The sections help adds in a library."""

EXTRA_KEYS: list[tuple[str, str, str]] = [
    ("Everywhere", "tab / shift+tab", "Move focus: entities → article → events → details"),
    ("Everywhere", "ctrl+p", "Command palette: every action by name"),
]
"""Keys Textual itself handles, as help lists them: ``(section, keys, description)``."""


def _bindings(section: Section) -> Iterator[Binding]:
    return (binding for binding in section.bindings if isinstance(binding, Binding))


def _by_id(binding_id: str) -> Binding:
    for section in SECTIONS:
        for binding in _bindings(section):
            if binding.id == binding_id:
                return binding
    raise KeyError(binding_id)


_KEY_NAMES = {
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "slash": "/",
    "question_mark": "?",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "space": "space",
    "home": "home",
    "end": "end",
    "plus": "+",
    "equals_sign": "=",
    "minus": "-",
    "right_curly_bracket": "}",
    "left_curly_bracket": "{",
}


def key_name(key: str) -> str:
    """A key as a reader types it: ``]`` for ``right_square_bracket``."""
    key = key.strip()
    return _KEY_NAMES.get(key, key)


def binding_rows(
    keymap: Mapping[str, str] | None = None, *, library: bool = False
) -> list[tuple[str, str, str]]:
    """``(section, keys, description)`` for every binding with a description, each
    section once, in the order the sections are listed (with ``library``: also those of
    the library and its screens); keys from ``keymap`` (the user's configuration)
    replace the defaults, so help shows the keys in force."""
    rows: list[tuple[str, str, str]] = []
    listed: set[str] = set()
    keymap = keymap or {}
    for section in SECTIONS + (LIBRARY_SECTIONS if library else ()):
        for binding in _bindings(section):
            if not binding.description:
                continue
            if binding.id and binding.id in listed:
                continue  # a screen that only shows another's key in its footer
            listed.add(binding.id or "")
            key_string = keymap.get(binding.id or "", binding.key)
            keys = " / ".join(key_name(k) for k in key_string.split(","))
            rows.append((section.title, keys, binding.description))
        rows.extend(extra for extra in EXTRA_KEYS if extra[0] == section.title)
    return rows


def bindable() -> Iterator[tuple[str, str, str]]:
    """``(id, default keys, description)`` of every binding a configuration may change."""
    seen: set[str] = set()
    for section in SECTIONS:
        for binding in _bindings(section):
            if binding.id and binding.id not in seen:
                seen.add(binding.id)
                yield binding.id, binding.key, binding.description or binding.action


def default_config_text(path: str) -> str:
    """The default keys as a ``config.toml`` a user can save and edit."""
    lines = [
        "# gloss configuration. gloss reads it from:",
        f"#   {path}",
        "# Uncomment a theme (any Textual theme; `gloss --theme NAME` overrides it for one run).",
        '# theme = "textual-dark"',
        "",
        "# Keys by binding id: several keys are separated by commas.",
        "[keys]",
    ]
    for binding_id, keys, description in bindable():
        entry = f'"{binding_id}" = "{keys}"'
        lines.append(f"{entry:<48} # {description}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class PaletteEntry:
    """A reader's action in the command palette, named as a reader would search for it."""

    title: str
    binding_id: str
    """The binding whose key the entry names and whose tooltip says what it does."""
    action: str
    """What the reader runs (the binding's own action unless it is another pane's)."""
    where: str = ""
    """Where the key works, when not in the whole reader (`` in the event list``)."""

    def help(self, keymap: Mapping[str, str]) -> str:
        """``Next mention of the selected entity (n)``, with the key in force."""
        binding = _by_id(self.binding_id)
        rebound = keymap.get(self.binding_id)
        key = rebound if rebound is not None else key_name(binding.key)
        return f"{binding.tooltip} ({key}{self.where})"


def _reader_entry(title: str, action: str) -> PaletteEntry:
    return PaletteEntry(title, f"reader.{action}", action)


PALETTE: tuple[PaletteEntry, ...] = (
    _reader_entry("Next mention", "next_mention"),
    _reader_entry("Previous mention", "previous_mention"),
    _reader_entry("Next annotated mention", "next_any"),
    _reader_entry("Previous annotated mention", "previous_any"),
    _reader_entry("Next event", "next_event"),
    _reader_entry("Previous event", "previous_event"),
    _reader_entry("Jump back", "jump_back"),
    _reader_entry("Jump forward", "jump_forward"),
    _reader_entry("Search", "search"),
    _reader_entry("Filter by type", "type_filter"),
    _reader_entry("Plain reading", "toggle_plain"),
    _reader_entry("Timeline", "timeline"),
    _reader_entry("Toggle entity pane", "toggle_entities"),
    _reader_entry("Toggle event pane", "toggle_events"),
    _reader_entry("Toggle details pane", "toggle_details"),
    _reader_entry("Show problems", "problems"),
    _reader_entry("Clear selection", "clear"),
    _reader_entry("Top of article", "top"),
    _reader_entry("Bottom of article", "bottom"),
    _reader_entry("Copy the sentence", "copy"),
    _reader_entry("Edit the annotation file", "edit"),
    _reader_entry("Annotate", "annotate"),
    *(
        PaletteEntry(
            f"Annotate: {binding.description}",
            binding.id or "",
            binding.action,
            where="" if binding.action in ("save", "undo", "redo") else " in annotate mode",
        )
        for binding in ANNOTATE
        if isinstance(binding, Binding) and binding.id != "annotate.done"
    ),
    _reader_entry("Reload", "reload"),
    _reader_entry("Page down", "page_down"),
    _reader_entry("Page up", "page_up"),
    PaletteEntry(
        "Events by date or in text order",
        "events.toggle_order",
        "toggle_event_order",
        where=" in the event list",
    ),
)
"""The reader's actions in the command palette, in the order it lists them."""


def palette_commands(screen: Screen[Any], keymap: Mapping[str, str]) -> Iterator[SystemCommand]:
    """The reader's actions as command palette entries, naming the keys in ``keymap``."""
    for entry in PALETTE:
        yield SystemCommand(entry.title, entry.help(keymap), _runner(screen, entry.action))


def screen_commands(screen: Screen[Any]) -> Iterator[SystemCommand]:
    """A dialog's own keys as command palette entries, by their descriptions."""
    for binding in screen.BINDINGS:
        if isinstance(binding, Binding) and binding.description:
            yield SystemCommand(
                binding.description,
                f"{binding.description} ({binding.key})",
                _runner(screen, binding.action),
            )


def _runner(screen: Screen[Any], action: str) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await screen.run_action(action)

    return run
