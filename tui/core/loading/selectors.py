"""Places in the text a gloss file names: selectors and offsets, resolved to spans."""

from __future__ import annotations

from tui.core.document.model import (
    Span,
)
from tui.core.loading.checking import State, is_null
from tui.core.loading.yamlsafe import (
    Node,
    ScalarNode,
)
from tui.core.text.anchoring import (
    Selector,
    SelectorError,
    is_grapheme_boundary,
    resolve,
)


def _read_selector(node: Node, what: str, state: State) -> Selector | None:
    checker = state.checker
    if isinstance(node, ScalarNode) and not is_null(node):
        quote = checker.text(node, what, allow_empty=True)
        return None if quote is None else Selector(quote=quote)
    fields = checker.mapping(
        node, what, (), ("quote", "occurrence", "prefix", "suffix", "all", "start", "end")
    )
    if fields is None:
        return None
    has_offsets = "start" in fields or "end" in fields
    errors_before = checker.sink.error_count
    selector = Selector(
        quote=checker.text(fields.get("quote"), "quote", allow_empty=True),
        occurrence=checker.integer(fields.get("occurrence"), "occurrence"),
        prefix=checker.text(fields.get("prefix"), "prefix", allow_empty=True),
        suffix=checker.text(fields.get("suffix"), "suffix", allow_empty=True),
        all=bool(checker.boolean(fields.get("all"), "all")),
        start=checker.integer(fields.get("start"), "start"),
        end=checker.integer(fields.get("end"), "end"),
    )
    if checker.sink.error_count > errors_before:
        return None  # a field was malformed and has been reported
    if has_offsets and not ("start" in fields and "end" in fields):
        checker.error(node, f"{what} needs both 'start' and 'end'")
        return None
    if not has_offsets and "quote" not in fields:
        checker.error(node, f"{what} needs 'quote' (or 'start' and 'end')")
        return None
    if has_offsets and any(k in fields for k in ("occurrence", "prefix", "suffix", "all")):
        checker.error(
            node, f"{what}: offsets cannot be combined with occurrence, prefix, suffix or all"
        )
        return None
    if selector.all and any(k in fields for k in ("occurrence", "prefix", "suffix")):
        checker.error(
            node, f"{what}: 'all: true' cannot be combined with occurrence, prefix or suffix"
        )
        return None
    if selector.occurrence == 0:
        checker.error(fields["occurrence"], "occurrence counts from 1")
        return None
    return selector


def resolve_node(node: Node, what: str, state: State) -> tuple[Span, ...]:
    """Resolve a selector node; problems are reported at the node, nothing is returned."""
    selector = _read_selector(node, what, state)
    if selector is None:
        return ()
    try:
        spans = resolve(selector, state.index)
    except SelectorError as error:
        state.checker.error(node, f"{what}: {error}")
        return ()
    text = state.index.text
    for span in spans:
        for edge in (span.start, span.end):
            if not is_grapheme_boundary(text, edge):
                state.checker.warning(
                    node,
                    f"{what}: the span [{span.start}, {span.end}) splits a character at offset "
                    f"{edge} (a combining mark, joiner or flag)",
                )
                break
    return spans


def resolve_one(node: Node | None, what: str, state: State) -> Span | None:
    if node is None:
        return None
    spans = resolve_node(node, what, state)
    if len(spans) > 1:
        state.checker.error(node, f"{what} must be one passage, but 'all: true' gives {len(spans)}")
        return None
    return spans[0] if spans else None


def extent(fragments: tuple[Span, ...]) -> Span:
    return Span(fragments[0].start, fragments[-1].end)


def show_fragments(fragments: tuple[Span, ...]) -> str:
    return " + ".join(f"[{part.start}, {part.end})" for part in fragments)
