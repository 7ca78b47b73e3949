"""WebAnno / INCEpTION TSV 3.x: reading it into :class:`Layered`, writing a document.

The format (INCEpTION's user guide, "WebAnno TSV 3.3 File format"): a header of
``#FORMAT=WebAnno TSV 3.x`` and layer declarations (``#T_SP=`` span layers with their
features, ``ROLE_…`` slot features followed by their target layer; ``#T_CH=`` chain
layers; ``#T_RL=`` relation layers, the last entry ``BT_`` the layer of their ends),
then sentences: ``#Text=`` lines and one row per token (``1-2<TAB>4-8<TAB>Haag<TAB>…``),
sub-tokens numbered ``1-3.1``. Offsets count UTF-16 code units; gloss counts code
points and converts. A cell holds ``_`` (nothing), ``*`` (an annotation without a
value), or values stacked with ``|``, each with a disambiguation id ``[N]`` when the
annotation spans rows or is stacked; reserved characters are escaped with ``\\``.

The text is rebuilt from the ``#Text`` lines at the offsets of their first tokens, so it
is the annotated text exactly; what lay between two sentences is not in the file, and a
gap there is filled with a line break and spaces (offsets stay right).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.document.model import Document
from tui.core.formats.webanno.layered import (
    CHAIN_DESCRIPTION,
    CHAIN_FEATURES,
    GENERIC_RELATION,
    NAMED_ENTITY,
    SLOT_ATTRIBUTE,
    TOKEN,
    UNNAMED_ROLE,
    LayerChain,
    Layered,
    LayerRelation,
    LayerSpan,
)

ANY_ANNOTATION = "uima.tcas.Annotation"
"""A slot whose target layer is this may point at an annotation of any layer."""

FORMAT_LINE = re.compile(r"#FORMAT=WebAnno TSV 3(?:\.(\d+))?\s*$")
_ROW_ID = re.compile(r"(\d+)-(\d+)(?:\.(\d+))?$")
_OFFSETS = re.compile(r"(\d+)-(\d+)$")
_ADDRESS = re.compile(r"(\d+-\d+(?:\.\d+)?)(?:\[(\d+)_(\d+)\])?$")
_CHAIN_LINK = re.compile(r"(.*)->(\d+)-(\d+)$", re.DOTALL)

_UNESCAPES = {
    "\\\\": "\\",
    "\\[": "[",
    "\\]": "]",
    "\\|": "|",
    "\\_": "_",
    "\\->": "->",
    "\\;": ";",
    "\\t": "\t",
    "\\n": "\n",
    "\\*": "*",
}
_UNESCAPE = re.compile(r"\\->|\\[\\\[\]|_;tn*]")
_TEXT_UNESCAPE = re.compile(r"\\([\\tnfrb]|[\x00-\x07\x0e-\x1f])")
_TEXT_ESCAPES = {"t": "\t", "n": "\n", "f": "\f", "r": "\r", "b": "\b", "\\": "\\"}


def unescape(value: str) -> str:
    return _UNESCAPE.sub(lambda m: _UNESCAPES[m.group()], value)


def escape(value: str) -> str:
    out = value.replace("\\", "\\\\")
    for raw, escaped in (
        ("[", "\\["),
        ("]", "\\]"),
        ("|", "\\|"),
        ("_", "\\_"),
        ("->", "\\->"),
        (";", "\\;"),
        ("\t", "\\t"),
        ("\n", "\\n"),
        ("*", "\\*"),
    ):
        out = out.replace(raw, escaped)
    return out


def _unescape_text(value: str) -> str:
    return _TEXT_UNESCAPE.sub(lambda m: _TEXT_ESCAPES.get(m.group(1), m.group(1)), value)


def _escape_text(value: str) -> str:
    out = []
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char in "\t\f\r\b":
            out.append("\\" + {"\t": "t", "\f": "f", "\r": "r", "\b": "b"}[char])
        elif ord(char) < 32 and not 8 <= ord(char) <= 13:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _split_unescaped(cell: str, separator: str) -> list[str]:
    """``cell`` cut at each ``separator`` not escaped with a backslash."""
    parts, current, index = [], [], 0
    while index < len(cell):
        char = cell[index]
        if char == "\\" and index + 1 < len(cell):
            current.append(cell[index : index + 2])
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def _value_and_id(item: str) -> tuple[str | None, int]:
    """A stacked item's value (None for ``*``) and its disambiguation id (0: none)."""
    found = re.search(r"(?<!\\)\[(\d+)\]$", item)
    ident = 0
    if found is not None and not item.endswith("\\]"):
        ident = int(found.group(1))
        item = item[: found.start()]
    return (None if item == "*" else unescape(item)), ident


# -- the header --------------------------------------------------------------------------


@dataclass
class _Column:
    layer: str
    kind: str
    """``span`` (a feature), ``role`` / ``target`` (a slot), ``chain``, ``relation``,
    ``governor``."""
    feature: str
    base: str = ""
    """A relation's end layer, a slot's target layer."""


@dataclass
class _Schema:
    columns: list[_Column] = field(default_factory=list)
    minor: int = 0


def _read_header(line: str, schema: _Schema, position: Position, sink: DiagnosticSink) -> None:
    kind, _, declaration = line[1:].partition("=")
    entries = declaration.split("|")
    layer, features = entries[0], entries[1:]
    if not layer:
        sink.error(position, f"a layer declaration needs a layer name: {line!r}")
        return
    if kind == "T_SP":
        if not any(features):
            schema.columns.append(_Column(layer, "span", ""))
            return
        index = 0
        while index < len(features):
            feature = features[index]
            if feature.startswith("ROLE_"):
                target = features[index + 1] if index + 1 < len(features) else ""
                name = feature[len("ROLE_") :]
                schema.columns.append(_Column(layer, "role", name, target))
                schema.columns.append(_Column(layer, "target", name, target))
                index += 2
                continue
            schema.columns.append(_Column(layer, "span", feature))
            index += 1
    elif kind == "T_CH":
        for feature in features:
            schema.columns.append(_Column(layer, "chain", feature))
    elif kind == "T_RL":
        base = features[-1][3:] if features and features[-1].startswith("BT_") else ""
        if not base:
            sink.error(position, f"a relation layer needs its BT_ end layer last: {line!r}")
            return
        for feature in features[:-1]:
            schema.columns.append(_Column(layer, "relation", feature, base))
        schema.columns.append(_Column(layer, "governor", "", base))
    else:
        sink.error(position, f"unknown header line {line[:40]!r} (expected #T_SP, #T_CH, #T_RL)")


# -- the body ----------------------------------------------------------------------------


@dataclass
class _Row:
    ident: str
    begin: int
    end: int
    cells: list[str]
    position: Position


@dataclass
class _Pending:
    """An annotation being gathered over rows: its span grows with each row."""

    layer: str
    begin: int
    end: int
    features: dict[str, str | None]
    position: Position
    rows: list[str] = field(default_factory=list)


class _Utf16:
    """UTF-16 offsets of one text → code point offsets."""

    def __init__(self, text: str) -> None:
        self.identity = all(ord(c) < 0x10000 for c in text)
        self._map: list[int] = []
        if not self.identity:
            for index, char in enumerate(text):
                self._map.append(index)
                if ord(char) >= 0x10000:
                    self._map.append(index)
            self._map.append(len(text))
        self.length = len(self._map) - 1 if not self.identity else len(text)

    def __call__(self, offset: int) -> int:
        if self.identity:
            return offset
        return self._map[min(offset, len(self._map) - 1)]


def utf16_length(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) >= 0x10000)


def read_tsv(source: str, sink: DiagnosticSink) -> Layered | None:
    """The layered annotations of a TSV 3.x file; None (errors in ``sink``) when any
    line cannot be read: a file is never read in part."""
    lines = source.split("\n")
    if not lines or not FORMAT_LINE.match(lines[0].rstrip("\r")):
        sink.error(
            Position(1, 1), "not WebAnno TSV 3.x: the first line is not '#FORMAT=WebAnno TSV 3.x'"
        )
        return None
    schema = _Schema(minor=int(FORMAT_LINE.match(lines[0].rstrip("\r")).group(1) or 0))  # type: ignore[union-attr]
    text_parts: list[str] = []
    length16 = 0
    sentence_lines: list[str] = []
    rows: list[_Row] = []
    in_header = True
    for number, raw in enumerate(lines[1:], start=2):
        line = raw[:-1] if raw.endswith("\r") else raw
        position = Position(number, 1)
        if in_header and line.startswith("#T_"):
            _read_header(line, schema, position, sink)
            continue
        if not line.strip():
            continue
        in_header = False
        if line.startswith("#Text="):
            sentence_lines.append(_unescape_text(line[len("#Text=") :]))
            continue
        if line.startswith("#"):
            continue  # #Sentence.id=, comments
        cells = line.split("\t")
        if len(cells) < 3 or not _ROW_ID.match(cells[0]) or not _OFFSETS.match(cells[1]):
            sink.error(position, "expected a token row: ID<TAB>BEGIN-END<TAB>TOKEN<TAB>…")
            continue
        values = cells[3:]
        if values and values[-1] == "":
            values = values[:-1]
        if len(values) != len(schema.columns):
            sink.error(
                position,
                f"the row has {len(values)} annotation column(s); the header declares"
                f" {len(schema.columns)}",
            )
            continue
        begin, end = (int(x) for x in cells[1].split("-"))
        if sentence_lines:
            sentence = "\n".join(sentence_lines)
            sentence_lines = []
            if begin < length16:
                sink.error(
                    position,
                    f"the sentence starts at {begin}, before the end of the last one ({length16})",
                )
                continue
            if begin > length16:
                gap = begin - length16
                text_parts.append("\n" + " " * (gap - 1) if text_parts else " " * gap)
            text_parts.append(sentence)
            length16 = begin + utf16_length(sentence)
        if "." not in cells[0] and end > length16:
            sink.error(position, f"the token ends at {end}, after its sentence's text ({length16})")
            continue
        rows.append(_Row(cells[0], begin, end, values, position))
    if sink.has_errors:
        return None
    text = "".join(text_parts)
    to_points = _Utf16(text)
    for row in rows:
        row.begin, row.end = to_points(row.begin), to_points(row.end)
    layered = Layered(text)
    _annotations(schema, rows, layered, sink)
    return None if sink.has_errors else layered


def _annotations(schema: _Schema, rows: list[_Row], layered: Layered, sink: DiagnosticSink) -> None:
    text = layered.text
    for row in rows:
        if "." not in row.ident and text[row.begin : row.end] != _row_form(row):
            pass  # token forms are not checked: the text is the #Text lines
    span_layers: dict[str, list[int]] = {}
    for index, column in enumerate(schema.columns):
        if column.kind == "span":
            span_layers.setdefault(column.layer, []).append(index)
    for index, column in enumerate(schema.columns):
        if column.kind == "role" and column.layer not in span_layers:
            span_layers[column.layer] = [index]  # a layer of slots only: the roles say where
    spans: dict[tuple[str, object], _Pending] = {}
    order: list[tuple[str, object]] = []
    at_row: dict[tuple[str, str], list[tuple[object, int]]] = {}
    """(layer, row id) → the annotations of the layer on that row: (key, id)."""
    for row in rows:
        for layer, columns in span_layers.items():
            stacks = [
                [] if row.cells[c] == "_" else _split_unescaped(row.cells[c], "|") for c in columns
            ]
            height = max((len(s) for s in stacks), default=0)
            for k in range(height):
                features: dict[str, str | None] = {}
                ident = 0
                for column_index, stack in zip(columns, stacks, strict=True):
                    if k < len(stack):
                        value, item_id = _value_and_id(stack[k])
                        ident = ident or item_id
                        name = schema.columns[column_index].feature
                        if name and schema.columns[column_index].kind == "span":
                            features[name] = value
                key: object = (layer, ident) if ident else (layer, row.ident, k)
                pending = spans.get((layer, key))
                if pending is None:
                    pending = _Pending(layer, row.begin, row.end, features, row.position)
                    spans[(layer, key)] = pending
                    order.append((layer, key))
                else:
                    pending.begin = min(pending.begin, row.begin)
                    pending.end = max(pending.end, row.end)
                pending.rows.append(row.ident)
                at_row.setdefault((layer, row.ident), []).append(((layer, key), ident))
    chain_links: dict[tuple[str, int, int], _Pending] = {}
    for row in rows:
        for index, column in enumerate(schema.columns):
            if column.kind != "chain" or column.feature != "referenceRelation":
                continue
            partner = next(
                (
                    i
                    for i, c in enumerate(schema.columns)
                    if c.layer == column.layer and c.kind == "chain" and c.feature != column.feature
                ),
                None,
            )
            if row.cells[index] == "_":
                continue
            relations = _split_unescaped(row.cells[index], "|")
            kinds = [] if partner is None else _split_unescaped(row.cells[partner], "|")
            for k, item in enumerate(relations):
                found = _CHAIN_LINK.match(item)
                if found is None:
                    sink.error(row.position, f"a chain cell needs VALUE->CHAIN-LINK, not {item!r}")
                    continue
                relation_value = None if found.group(1) == "*" else unescape(found.group(1))
                kind = _value_and_id(kinds[k])[0] if k < len(kinds) else None
                link = (column.layer, int(found.group(2)), int(found.group(3)))
                pending = chain_links.get(link)
                if pending is None:
                    features = {"referenceRelation": relation_value, "referenceType": kind}
                    chain_links[link] = _Pending(
                        column.layer, row.begin, row.end, features, row.position
                    )
                else:
                    pending.begin = min(pending.begin, row.begin)
                    pending.end = max(pending.end, row.end)
    index_of: dict[object, int] = {}
    for key in order:
        pending = spans[key]
        index_of[key] = len(layered.spans)
        layered.spans.append(_span(pending))
    chains: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for (chain_layer, chain, link_number), link_pending in sorted(chain_links.items()):
        chains.setdefault((chain_layer, chain), []).append((link_number, len(layered.spans)))
        layered.spans.append(_span(link_pending))
    for (chain_layer, _chain), numbered in chains.items():
        layered.chains.append(LayerChain(chain_layer, [i for _, i in sorted(numbered)]))

    token_spans: dict[str, int] = {}
    row_by_id = {row.ident: row for row in rows}

    def find(layer: str, address: str, ident: int, position: Position) -> int | None:
        if layer == TOKEN and address in row_by_id and not at_row.get((TOKEN, address)):
            if address not in token_spans:
                row = row_by_id[address]
                token_spans[address] = len(layered.spans)
                layered.spans.append(LayerSpan(TOKEN, row.begin, row.end, [], row.position))
            return token_spans[address]
        if layer == ANY_ANNOTATION:
            on_row = [
                each for (_layer, a), found in at_row.items() if a == address for each in found
            ]
        else:
            on_row = at_row.get((layer, address), [])
        if ident:
            on_row = [each for each in on_row if each[1] == ident]
        if len(on_row) != 1:
            sink.error(
                position,
                f"no single {layer.rsplit('.', 1)[-1]} annotation at {address}"
                + (f"[{ident}]" if ident else "")
                + " for this relation",
            )
            return None
        return index_of[on_row[0][0]]

    for row in rows:
        for index, column in enumerate(schema.columns):
            cell = row.cells[index]
            if cell == "_":
                continue
            if column.kind == "governor":
                features_columns = [
                    i
                    for i, c in enumerate(schema.columns)
                    if c.layer == column.layer and c.kind == "relation"
                ]
                for k, item in enumerate(_split_unescaped(cell, "|")):
                    found = _ADDRESS.match(item)
                    if found is None:
                        sink.error(
                            row.position, f"a relation's governor must be a token id, not {item!r}"
                        )
                        continue
                    governor = find(
                        column.base, found.group(1), int(found.group(2) or 0), row.position
                    )
                    dependent = find(column.base, row.ident, int(found.group(3) or 0), row.position)
                    if governor is None or dependent is None:
                        continue
                    kept: list[tuple[str, str]] = []
                    for i in features_columns:
                        stack = _split_unescaped(row.cells[i], "|")
                        value = _value_and_id(stack[k])[0] if k < len(stack) else None
                        if value is not None and schema.columns[i].feature:
                            kept.append((schema.columns[i].feature, value))
                    layered.relations.append(LayerRelation(column.layer, governor, dependent, kept))
            elif column.kind == "role":
                targets_cell = row.cells[index + 1]
                hosts = at_row.get((column.layer, row.ident), [])
                role_stack = _split_unescaped(cell, "|")
                target_stack = _split_unescaped(targets_cell, "|")
                for k, (roles, targets) in enumerate(zip(role_stack, target_stack, strict=False)):
                    host_id = re.search(r"(?<!\\)\[(\d+)\]$", roles)
                    if host_id is not None:
                        roles = roles[: host_id.start()]
                        matching = [h for h in hosts if h[1] == int(host_id.group(1))]
                        host = index_of[matching[0][0]] if matching else None
                    elif k < len(hosts):
                        host = index_of[hosts[k][0]]
                    else:
                        host = None
                    if host is None:
                        sink.error(
                            row.position,
                            f"a slot of {column.layer.rsplit('.', 1)[-1]} has no annotation"
                            " to belong to",
                        )
                        continue
                    if layered.spans[host].start != row.begin:
                        continue  # a slot is given again on each row of its host
                    for role, target in zip(
                        _split_unescaped(roles, ";"), _split_unescaped(targets, ";"), strict=False
                    ):
                        found = _ADDRESS.match(target.split("[")[0]) if target else None
                        ident_match = re.search(r"\[(\d+)\]$", target)
                        if target == "*":
                            continue  # a slot without a filler
                        if found is None:
                            sink.error(
                                row.position, f"a slot's target must be a token id, not {target!r}"
                            )
                            continue
                        filler = find(
                            column.base,
                            found.group(1),
                            int(ident_match.group(1)) if ident_match else 0,
                            row.position,
                        )
                        if filler is None:
                            continue
                        value = None if role in ("*", "") else unescape(role)
                        layered.relations.append(
                            LayerRelation(
                                column.layer,
                                host,
                                filler,
                                [("role", value)] if value else [],
                                slot=column.feature,
                            )
                        )


def _row_form(row: _Row) -> str:
    return row.ident


def _span(pending: _Pending) -> LayerSpan:
    return LayerSpan(
        pending.layer,
        pending.begin,
        pending.end,
        [(name, value) for name, value in pending.features.items() if value is not None],
        pending.position,
    )


# -- writing -----------------------------------------------------------------------------


def _tokens(text: str, cuts: set[int]) -> Iterator[list[tuple[int, int]]]:
    """The sentences of ``text`` (its lines) as token spans: runs of non-space, cut at
    every offset in ``cuts`` (where an annotation starts or ends)."""
    line_start = 0
    for line in text.split("\n"):
        tokens: list[tuple[int, int]] = []
        for found in re.finditer(r"\S+", line):
            start = line_start + found.start()
            end = line_start + found.end()
            inner = sorted(c for c in cuts if start < c < end)
            for a, b in zip([start, *inner], [*inner, end], strict=True):
                tokens.append((a, b))
        if tokens:
            yield tokens
        line_start += len(line) + 1


def dumps_webanno(document: Document) -> str:
    """The document as WebAnno TSV 3.3 (see docs/interop.md for what is written)."""
    from tui.core.formats.common import export_label, relation_label

    text = document.text
    chain_layers: dict[str, list[str]] = {}
    span_layers: dict[str, list[str]] = {}
    spans: list[tuple[str, int, int, dict[str, str], str]] = []
    """(layer, start, end, features, entity id)."""
    chains: list[tuple[str, list[tuple[int, int, dict[str, str]]]]] = []
    first_mention: dict[str, tuple[str, int, int, int]] = {}
    """entity id → its first mention as (layer, start, end, index in ``spans``; -1: a link)."""
    for entity in document.entities:
        info = document.entity_types.get(entity.type)
        source = info.source if info is not None else None
        layer = source if source and "." in source and " " not in source else None
        mentions = sorted(entity.mentions, key=lambda m: (m.span.start, m.span.end))
        if layer is not None and info is not None and info.description == CHAIN_DESCRIPTION:
            chain_layers.setdefault(layer, list(CHAIN_FEATURES))
            links = [(m.span.start, m.span.end, dict(m.attributes)) for m in mentions]
            chains.append((layer, links))
            first_mention[entity.id] = (layer, links[0][0], links[0][1], -1)
            continue
        if layer is None or layer == NAMED_ENTITY:
            layer = NAMED_ENTITY
            features_base = {"value": export_label(entity.type, info, event=False, builtin=None)}
            if layer == NAMED_ENTITY and info is not None and info.source == NAMED_ENTITY:
                features_base = {}
            entity_links = dict(entity.links)
            if "identifier" in entity_links:
                features_base["identifier"] = entity_links["identifier"]
            names = span_layers.setdefault(layer, [])
            for name in ("identifier", "value"):
                if name in features_base and name not in names:
                    names.append(name)
        else:
            features_base = {}
            names = span_layers.setdefault(layer, [])
        for m in mentions:
            features = {**features_base, **dict(m.attributes)}
            for name in features:
                if name not in names:
                    names.append(name)
            spans.append((layer, m.span.start, m.span.end, features, entity.id))
        first_mention[entity.id] = (
            layer,
            mentions[0].span.start,
            mentions[0].span.end,
            len(spans) - len(mentions),
        )
    relation_layers: dict[str, tuple[list[str], str]] = {}
    slot_layers: dict[str, dict[str, str]] = {}
    """host layer → slot feature → target layer."""
    slots: list[tuple[str, str, str, tuple[str, int, int, int]]] = []
    relations: list[
        tuple[str, tuple[str, int, int, int], tuple[str, int, int, int], dict[str, str]]
    ] = []
    for relation in document.relations:
        if relation.from_event or relation.to_event:
            continue
        governor = first_mention.get(relation.from_id)
        dependent = first_mention.get(relation.to_id)
        if governor is None or dependent is None:
            continue
        attributes = dict(relation.attributes)
        info = document.relation_types.get(relation.type)
        source = info.source if info is not None else None
        if SLOT_ATTRIBUTE in attributes and governor[0] in span_layers:
            slot = attributes[SLOT_ATTRIBUTE]
            host_slots = slot_layers.setdefault(governor[0], {})
            host_slots.setdefault(slot, dependent[0])
            role = relation_label(document, relation.type)
            unnamed = attributes.get(UNNAMED_ROLE) == "true"
            slots.append((relation.from_id, slot, "" if unnamed else role, dependent))
            continue
        if source and "." in source:
            layer = source
            features = attributes
        else:
            layer = GENERIC_RELATION
            features = {"value": relation_label(document, relation.type), **attributes}
        names, base = relation_layers.setdefault(layer, ([], governor[0]))
        for name in features:
            if name not in names:
                names.append(name)
        relations.append((layer, governor, dependent, features))
    # Span layers in order, their features sorted for a stable header.
    header = ["#FORMAT=WebAnno TSV 3.3"]
    for layer, names in span_layers.items():
        if layer == TOKEN:
            continue  # the rows are the tokens
        roles = [f"ROLE_{slot}|{target}" for slot, target in slot_layers.get(layer, {}).items()]
        header.append(f"#T_SP={layer}|" + "|".join([*names, *roles]))
    for layer, names in chain_layers.items():
        header.append(f"#T_CH={layer}|" + "|".join(names))
    for layer, (names, base) in relation_layers.items():
        header.append(f"#T_RL={layer}|" + "|".join([*names, f"BT_{base}"]))
    cuts: set[int] = set()
    for _layer, start, end, _f, _e in spans:
        cuts.update((start, end))
    for _layer, links in chains:
        for start, end, _f in links:
            cuts.update((start, end))
    sentences = list(_tokens(text, cuts))
    address: dict[tuple[int, int], str] = {}
    row_of_token: list[tuple[str, int, int]] = []
    for s_number, tokens in enumerate(sentences, start=1):
        for t_number, (start, end) in enumerate(tokens, start=1):
            ident = f"{s_number}-{t_number}"
            row_of_token.append((ident, start, end))
            address[(start, end)] = ident
    # Which rows each span covers, and its disambiguation id.
    next_id = 1
    cells: dict[str, dict[int, list[str]]] = {ident: {} for ident, _, _ in row_of_token}
    columns: list[tuple[str, str, str]] = []  # (layer, kind, feature)
    for layer, names in span_layers.items():
        if layer == TOKEN:
            continue
        if names or layer not in slot_layers:
            columns.extend((layer, "span", name) for name in (names or [""]))
        for slot in slot_layers.get(layer, {}):
            columns.extend(((layer, "role", slot), (layer, "target", slot)))
    for layer, names in chain_layers.items():
        columns.extend((layer, "chain", name) for name in names)
    for layer, (names, _base) in relation_layers.items():
        columns.extend((layer, "relation", name) for name in names)
        columns.append((layer, "governor", ""))
    column_index = {key: i for i, key in enumerate(columns)}
    covering: dict[tuple[str, int, int, int], list[str]] = {}
    span_ids: dict[tuple[str, int, int, int], int] = {}
    starts = [start for _, start, _ in row_of_token]
    import bisect

    def rows_of(start: int, end: int) -> list[str]:
        first = bisect.bisect_left(starts, start)
        found = []
        for ident, s, e in row_of_token[first:]:
            if s >= end:
                break
            if e <= end:
                found.append(ident)
        return found

    stacked: dict[tuple[str, str], int] = {}
    for layer, start, end, _f, _e in spans:
        for ident in rows_of(start, end):
            stacked[(layer, ident)] = stacked.get((layer, ident), 0) + 1
    for number, (layer, start, end, features, _entity) in enumerate(spans):
        rows = rows_of(start, end)
        covering[(layer, start, end, number)] = rows
        needs_id = len(rows) > 1 or any(stacked[(layer, r)] > 1 for r in rows)
        span_id = 0
        if needs_id:
            span_id = next_id
            next_id += 1
        span_ids[(layer, start, end, number)] = span_id
        suffix = f"[{span_id}]" if span_id else ""
        for name in (
            [] if layer == TOKEN else span_layers[layer] or ([] if layer in slot_layers else [""])
        ):
            value = features.get(name) if name else None
            item = ("*" if value is None else escape(value)) + suffix
            for r in rows:
                cells[r].setdefault(column_index[(layer, "span", name)], []).append(item)
    slots_of: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for host, slot, role, target in slots:  # host: the entity id of the host span
        rows_of_target = covering.get(target)
        if not rows_of_target:
            continue
        target_id = span_ids.get(target, 0)
        where = rows_of_target[0] + (f"[{target_id}]" if target_id else "")
        slots_of.setdefault(host, {}).setdefault(slot, []).append((role, where))
    for number, (layer, start, end, _features, entity_id) in enumerate(spans):
        if layer not in slot_layers:
            continue
        key = (layer, start, end, number)
        rows = covering[key]
        suffix = f"[{span_ids[key]}]" if span_ids[key] else ""
        for slot in slot_layers[layer]:
            filled = slots_of.get(entity_id, {}).get(slot, [])
            role_cell = ";".join(escape(r) if r else "*" for r, _ in filled) if filled else "*"
            target_cell = ";".join(t for _, t in filled) if filled else "*"
            for r in rows:
                cells[r].setdefault(column_index[(layer, "role", slot)], []).append(
                    role_cell + suffix
                )
                cells[r].setdefault(column_index[(layer, "target", slot)], []).append(target_cell)
    for chain_number, (layer, links) in enumerate(chains, start=1):
        for link_number, (start, end, features) in enumerate(links, start=1):
            for r in rows_of(start, end):
                for name in chain_layers[layer]:
                    value = features.get(name)
                    shown = "*" if value is None else escape(value)
                    item = (
                        f"{shown}->{chain_number}-{link_number}"
                        if name == "referenceRelation"
                        else f"{shown}[{chain_number}]"
                    )
                    cells[r].setdefault(column_index[(layer, "chain", name)], []).append(item)
    for layer, governor, dependent, features in relations:
        dependent_rows = covering.get(dependent)
        governor_rows = covering.get(governor)
        if not dependent_rows or not governor_rows:
            continue
        row = dependent_rows[0]
        gov_id, dep_id = span_ids.get(governor, 0), span_ids.get(dependent, 0)
        governor_at = governor_rows[0] + (f"[{gov_id}_{dep_id}]" if gov_id or dep_id else "")
        for name in relation_layers[layer][0]:
            value = features.get(name)
            cells[row].setdefault(column_index[(layer, "relation", name)], []).append(
                "*" if value is None else escape(value)
            )
        cells[row].setdefault(column_index[(layer, "governor", "")], []).append(governor_at)
    out = [*header, "", ""]
    token_number = 0
    ascii_text = text.isascii()
    counted, counted16 = 0, 0  # UTF-16 offsets, counted once along the text
    for tokens in sentences:
        sentence_start, sentence_end = tokens[0][0], tokens[-1][1]
        out.append("#Text=" + _escape_text(text[sentence_start:sentence_end]))
        for start, end in tokens:
            row_id = row_of_token[token_number][0]
            token_number += 1
            if ascii_text:
                b16, e16 = start, end
            else:
                counted16 += utf16_length(text[counted:start])
                b16 = counted16
                e16 = counted16 = b16 + utf16_length(text[start:end])
                counted = end
            row_cells = [
                "|".join(cells[row_id][i]) if i in cells[row_id] else "_"
                for i in range(len(columns))
            ]
            form = _escape_text(text[start:end])
            out.append("\t".join([row_id, f"{b16}-{e16}", form, *row_cells, ""]))
        out.append("")
    return "\n".join(out) + "\n"
