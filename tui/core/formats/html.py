"""A standalone HTML page of an annotated article: inline CSS, no script, no fetches.

Mentions are ``<mark>`` elements and event triggers ``<span class="trigger">``
elements; each carries ``data-start``/``data-end``, the code-point offsets of the text
it holds, so a test (or a tool) can check the page against the annotations. Where
two annotations cross rather than nest, the later one is split in pieces, each with
its own offsets. Every piece of file text is HTML-escaped, and characters a browser
would drop or rewrite (NUL, CR, other controls, invisible format characters) are
shown as one visible placeholder each, so offsets stay valid.
"""

from __future__ import annotations

import bisect
import html
import itertools
from dataclasses import dataclass, field

from tui.core.document.model import Document, Span
from tui.core.text.textsafety import make_visible

READER_TYPE_COLOURS = (
    "#FFC473",
    "#57A5E2",
    "#8AD4A1",
    "#D17E92",
    "#C7FF73",
    "#73F9FF",
    "#D373FF",
    "#FF8B73",
    "#FFFE73",
    "#8DFF73",
)
"""The reader's colour for each entity type (its default theme), in the order of
``Document.entity_types_in_use``; a test checks them against the reader's palette."""


def _pastel(colour: str, amount: float = 0.55) -> str:
    """``colour`` moved ``amount`` of the way to white: a mark background that keeps the
    reader's hue while dark text stays legible on it."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(c + (255 - c) * amount) for c in (red, green, blue))
    return "#" + "".join(f"{c:02x}" for c in mixed)


PALETTE = tuple(_pastel(colour) for colour in READER_TYPE_COLOURS)
"""Mark backgrounds: the reader's hues, lightened for a light page."""

_CSS = """
body { font: 16px/1.6 Georgia, 'Times New Roman', serif; margin: 0; color: #1f2937;
  background: #fafaf9; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 1fr); gap: 2rem;
  max-width: 80rem; margin: 0 auto; padding: 1.5rem; }
@media (max-width: 60rem) { main { grid-template-columns: 1fr; } }
h1 { font-size: 1.6rem; margin: 1rem 0 .2rem; }
.meta { color: #6b7280; margin: 0 0 1rem; font-family: sans-serif; font-size: .9rem; }
article { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { border-radius: 3px; padding: 0 1px; color: inherit; }
mark mark { border-bottom: 2px solid rgba(0,0,0,.35); }
.trigger { font-weight: bold; }
aside { font-family: sans-serif; font-size: .9rem; }
aside h2 { font-size: 1rem; margin: 1.2rem 0 .4rem; border-bottom: 1px solid #d6d3d1; }
.legend span, .type { display: inline-block; border-radius: 3px; padding: 0 .4em;
  margin: 0 .3em .3em 0; }
ul { padding-left: 1.1rem; margin: 0; }
li { margin: 0 0 .5rem; }
.muted { color: #6b7280; }
:target { outline: 2px solid #2563eb; }
"""


@dataclass
class _Node:
    """One element of the article: a mention, a trigger, or a piece of one."""

    kind: str
    key: str
    start: int
    end: int = -1
    children: list[_Node | tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _Mark:
    span: Span
    kind: str  # "mention" or "trigger"
    key: str  # entity id or event id
    rank: int


def _esc(value: str) -> str:
    return html.escape(make_visible(value, keep_tabs=True), quote=True)


def _tree(text_length: int, marks: list[_Mark]) -> list[_Node | tuple[int, int]]:
    """Elements over the text: nested where annotations nest, split where they cross."""
    bounds = sorted({0, text_length, *(m.span.start for m in marks), *(m.span.end for m in marks)})
    order = sorted(marks, key=lambda m: (m.span.start, -m.span.end, m.rank))
    root = _Node("root", "", 0)
    stack: list[tuple[_Mark | None, _Node]] = [(None, root)]
    # A sweep over the bounds keeps the marks covering the current piece (by their
    # place in ``order``): each mark is added once and removed once, so the cost follows
    # the marks and their nesting, not marks times pieces.
    active: list[int] = []
    ending: dict[int, list[int]] = {}
    next_mark = 0
    for left, right in itertools.pairwise(bounds):
        for done in ending.pop(left, ()):
            active.remove(done)
        while next_mark < len(order) and order[next_mark].span.start <= left:
            if order[next_mark].span.end > left:
                bisect.insort(active, next_mark)
                ending.setdefault(order[next_mark].span.end, []).append(next_mark)
            next_mark += 1
        covering = [order[index] for index in active]
        keep = 1
        while (
            keep < len(stack) and keep - 1 < len(covering) and stack[keep][0] == covering[keep - 1]
        ):
            keep += 1
        while len(stack) > keep:
            _, node = stack.pop()
            node.end = left
        for mark in covering[keep - 1 :]:
            node = _Node(mark.kind, mark.key, left)
            stack[-1][1].children.append(node)
            stack.append((mark, node))
        stack[-1][1].children.append((left, right))
    while len(stack) > 1:
        _, node = stack.pop()
        node.end = text_length
    return root.children


def render(document: Document) -> str:
    """The page as one HTML string."""
    text = document.text
    # The reader's order of types, so each type has the reader's colour.
    entity_types = list(document.entity_types_in_use)
    colour = {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(entity_types)}
    css_class = {code: f"t{i}" for i, code in enumerate(entity_types)}
    # A mention of several fragments is marked fragment by fragment, not the words between.
    marks = [
        _Mark(part, "mention", mention.entity_id, 0)
        for mention in document.mentions
        for part in mention.fragments
    ] + [_Mark(event.trigger, "trigger", event.id, 1) for event in document.events]

    def label(code: str) -> str:
        return document.type_label(code)

    def write(nodes: list[_Node | tuple[int, int]], out: list[str]) -> None:
        for node in nodes:
            if isinstance(node, tuple):
                out.append(_esc(text[node[0] : node[1]]))
                continue
            span_attrs = f' data-start="{node.start}" data-end="{node.end}"'
            if node.kind == "mention":
                entity = document.entity_by_id[node.key]
                out.append(
                    f'<mark class="{css_class[entity.type]}" data-entity="{_esc(entity.id)}"'
                    f' data-type="{_esc(entity.type)}"{span_attrs}'
                    f' title="{_esc(entity.name)} ({_esc(label(entity.type))})">'
                )
                write(node.children, out)
                out.append("</mark>")
            else:
                event = document.event_by_id[node.key]
                out.append(
                    f'<span class="trigger" data-event="{_esc(event.id)}"'
                    f' data-type="{_esc(event.type)}"{span_attrs}'
                    f' title="{_esc(event.summary)}">'
                )
                write(node.children, out)
                out.append("</span>")

    body: list[str] = []
    write(_tree(len(text), marks), body)
    info = document.info
    title = info.title or info.id
    styles = "".join(
        f"mark.{c}, .legend .{c}, .type.{c} {{ background: {colour[code]}; }}\n"
        for code in entity_types
        for c in (css_class[code],)
    )
    legend = "".join(
        f'<span class="{css_class[code]}">{_esc(label(code))} <small>{_esc(code)}</small></span>'
        for code in entity_types
    )
    entities = []
    for entity in document.entities:
        extra = ""
        if entity.description:
            extra += f"<br><span class=muted>{_esc(entity.description)}</span>"
        if entity.links:
            extra += (
                "<br><span class=muted>"
                + ", ".join(f"{_esc(k)}: {_esc(v)}" for k, v in entity.links)
                + "</span>"
            )
        count = len(entity.mentions)
        entities.append(
            f'<li id="entity-{_esc(entity.id)}"><span class="type {css_class[entity.type]}">'
            f"{_esc(entity.type)}</span><strong>{_esc(entity.name)}</strong> "
            f"<span class=muted>({count} mention{'s' if count != 1 else ''})</span>{extra}</li>"
        )
    events = []
    for event in document.events:
        trigger = text[event.trigger.start : event.trigger.end]
        arguments = ", ".join(
            f"{_esc(a.role)}: {_esc(document.entity_by_id[a.entity_id].name)}"
            for a in event.arguments
            if a.entity_id in document.entity_by_id
        )
        parts = [
            f"<strong>{_esc(event.summary)}</strong>",
            f"<span class=muted>{_esc(label_event(document, event.type))} · "
            f"“{_esc(trigger)}” · {_esc(event.realis)}"
            + (f" · {_esc(event.date.value.text)}" if event.date else "")
            + "</span>",
        ]
        if arguments:
            parts.append(arguments)
        if event.note:
            parts.append(f"<span class=muted>{_esc(event.note)}</span>")
        events.append(f'<li id="event-{_esc(event.id)}">' + "<br>".join(parts) + "</li>")
    meta = " · ".join(
        _esc(part)
        for part in (info.date.text if info.date else None, info.language, info.id)
        if part
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_esc(info.language or "und")}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        f"<title>{_esc(title)}</title>\n<style>{_CSS}{styles}</style>\n</head>\n<body>\n<main>\n"
        f"<div>\n<h1>{_esc(title)}</h1>\n<p class=meta>{meta}</p>\n"
        f'<p class="legend">{legend}</p>\n'
        f'<article id="text" data-length="{len(text)}">{"".join(body)}</article>\n</div>\n'
        f"<aside>\n<h2>Entities ({len(document.entities)})</h2>\n<ul>{''.join(entities)}</ul>\n"
        f"<h2>Events ({_happening_count(document)})</h2>\n<ul>{''.join(events)}</ul>\n</aside>\n"
        "</main>\n</body>\n</html>\n"
    )


def label_event(document: Document, code: str) -> str:
    """The human label of an event type code."""
    info = document.event_types.get(code)
    return info.label if info else code


def _happening_count(document: Document) -> int:
    """Events counted as the reader's event list counts its rows: tellings joined by
    ``same_as`` are one happening."""
    seen: set[str] = set()
    count = 0
    for event in document.events:
        if event.id not in seen:
            seen.update(member.id for member in document.happening_of(event))
            count += 1
    return count
