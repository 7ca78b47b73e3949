"""Rewriting parts of a YAML file in place, leaving every other byte as it was.

A :class:`Patch` collects replacements of ranges of the source text (found through the
offsets of :func:`tui.core.loading.yamlsafe.compose_placed`) and applies them at once.
On top of it, :class:`MappingEdit` and :class:`SequenceEdit` change one mapping or list
the way a person would in an editor, in the style the file already has:

- a block mapping gets a new key as a new line at the indentation of its keys, a flow
  mapping ``{a: 1}`` gets ``, key: value`` before its ``}``;
- a block list gets new items as ``- item`` lines at the indentation of its dashes, a
  flow list ``[a, b]`` gets ``, item`` before its ``]``;
- a deleted item or key takes its lines with it (a deleted entry of a flow collection
  rewrites that collection on its line);
- a replaced value keeps the quoting of the value it replaces where it can.

Line endings of new lines follow the file (CRLF when the file has them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tui.core.formats.yaml_emit import double_quoted, inline
from tui.core.loading.yamlsafe import (
    Node,
    PlacedMapping,
    PlacedScalar,
    PlacedSequence,
    ScalarNode,
)


class PatchError(ValueError):
    """The file cannot be patched as asked (a layout this module does not handle)."""


@dataclass(frozen=True, slots=True)
class BlockList:
    """A list written as ``- item`` lines under its key (each item on one line)."""

    items: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class RawBlock:
    """A value written as the given lines under its key (each indented two further
    than the key, plus its own indentation), or as ``flow_form`` inside ``{...}``;
    ``blank_before`` puts a blank line before the key (a new section of a file)."""

    lines: list[str]
    flow_form: Any
    blank_before: bool = False


@dataclass(slots=True)
class _Op:
    start: int
    end: int
    order: int
    text: str


class Patch:
    """Replacements of ranges of ``source``, applied together by :meth:`result`."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.newline = "\r\n" if "\r\n" in source else "\n"
        self._ops: list[_Op] = []

    def replace(self, start: int, end: int, text: str) -> None:
        self._ops.append(_Op(start, end, len(self._ops), text))

    def insert(self, at: int, text: str) -> None:
        self.replace(at, at, text)

    def splice(self, start: int, end: int) -> str:
        """``source[start:end]`` with the replacements inside it applied; they are used
        up (a caller rewriting the whole range puts this text in its place)."""
        inside = [op for op in self._ops if start <= op.start and op.end <= end]
        self._ops = [op for op in self._ops if not (start <= op.start and op.end <= end)]
        return _apply(self.source, start, end, inside)

    @property
    def changed(self) -> bool:
        return bool(self._ops)

    def result(self) -> str:
        return _apply(self.source, 0, len(self.source), self._ops)

    # -- positions ---------------------------------------------------------------------
    def line_start(self, at: int) -> int:
        return self.source.rfind("\n", 0, at) + 1

    def after_line(self, at: int) -> int:
        """Where the line holding ``at`` ends, its line break included."""
        found = self.source.find("\n", at)
        return len(self.source) if found == -1 else found + 1

    def column(self, at: int) -> int:
        return at - self.line_start(at)

    def blank_line_at(self, line_start: int) -> bool:
        """Whether the line starting at ``line_start`` is blank (not the end of the file)."""
        if line_start >= len(self.source):
            return False
        return self.source[line_start : self.after_line(line_start)].strip() == ""

    def only_spaces_before(self, at: int) -> bool:
        return self.source[self.line_start(at) : at].strip(" \t") == ""

    def end_of_line_text(self, at: int) -> str:
        """What to insert at :meth:`after_line` so a new line can follow: a line break
        when the file ends without one there."""
        after = self.after_line(at)
        return self.newline if after == len(self.source) and not self.source.endswith("\n") else ""


def _apply(source: str, start: int, end: int, ops: list[_Op]) -> str:
    ops = sorted(ops, key=lambda op: (op.start, op.end, op.order))
    out: list[str] = []
    position = start
    for op in ops:
        if op.start < position:
            raise PatchError("two changes of the file overlap")
        out.append(source[position : op.start])
        out.append(op.text)
        position = op.end
    out.append(source[position:end])
    return "".join(out)


def content_end(node: Node) -> int:
    """Where a node's own text ends: for a block collection, the end of its last
    entry (its end mark lies past the comments and blank lines after it)."""
    while True:
        if isinstance(node, PlacedScalar):
            return node.end
        if isinstance(node, PlacedSequence | PlacedMapping):
            if node.flow or not node.value:
                return node.end
            last = node.value[-1]
            node = last[1] if isinstance(last, tuple) else last
            continue
        raise PatchError("a node without a place in the file")


def start_of(node: Node) -> int:
    if isinstance(node, PlacedScalar | PlacedSequence | PlacedMapping):
        return node.start
    raise PatchError("a node without a place in the file")


def _strip_comment(line: str) -> str:
    for position, char in enumerate(line):
        if char == "#" and (position == 0 or line[position - 1] in " \t"):
            return line[:position]
    return line


def scalar_text(value: str, like: Node | None, *, flow: bool) -> str:
    """A text value written as a scalar, quoted as ``like`` (the scalar it replaces)
    was when that reads back the same."""
    style = like.style if isinstance(like, ScalarNode) else ""
    if style == '"':
        return double_quoted(value)
    if style == "'" and value.isprintable() and value == value.strip() and value:
        return "'" + value.replace("'", "''") + "'"
    return inline(value, flow=flow)


# -- mappings -------------------------------------------------------------------------


@dataclass
class MappingEdit:
    """Changes of one mapping: values to set (new keys are added after the last, or
    after ``after`` when given), keys to delete. Values are plain data (strings,
    numbers, lists, :class:`~tui.core.formats.yaml_emit.Flow` mappings, a
    :class:`BlockList`); a string replacing a string keeps its quoting."""

    node: PlacedMapping
    sets: dict[str, Any] = field(default_factory=dict)
    deletes: set[str] = field(default_factory=set)
    after: dict[str, str] = field(default_factory=dict)
    list_shift: int = 2
    """How much further than its key a block list's dashes are indented."""

    def set(self, key: str, value: Any, *, after: str | None = None) -> None:
        self.sets[key] = value
        self.deletes.discard(key)
        if after is not None:
            self.after[key] = after

    def delete(self, key: str) -> None:
        self.deletes.add(key)
        self.sets.pop(key, None)

    def pairs(self) -> dict[str, tuple[Node, Node]]:
        return {
            str(key.value): (key, value)
            for key, value in self.node.value
            if isinstance(key, ScalarNode)
        }

    def apply(self, patch: Patch) -> None:
        if not self.sets and not self.deletes:
            return
        if self.node.flow:
            self._apply_flow(patch)
        else:
            self._apply_block(patch)

    def _apply_flow(self, patch: Patch) -> None:
        node = self.node
        existing = self.pairs()
        if not self.deletes and all(
            key not in existing
            or isinstance(existing[key][1], PlacedScalar | PlacedMapping | PlacedSequence)
            for key in self.sets
        ):
            added: list[str] = []
            for key, value in self.sets.items():
                if key in existing:
                    old = existing[key][1]
                    patch.replace(start_of(old), content_end(old), _flow_value(value, old))
                else:
                    added.append(f"{inline(key, flow=True)}: {_flow_value(value, None)}")
            if added:
                if node.value:
                    at = content_end(node.value[-1][1])
                    patch.insert(at, "".join(f", {text}" for text in added))
                else:
                    patch.insert(node.start + 1, ", ".join(added))
            return
        parts: list[str] = []
        for key_node, value in node.value:
            name = str(key_node.value) if isinstance(key_node, ScalarNode) else None
            if name in self.deletes:
                continue
            if name is not None and name in self.sets:
                key_text = patch.splice(start_of(key_node), content_end(key_node))
                parts.append(f"{key_text}: {_flow_value(self.sets[name], value)}")
            else:
                parts.append(patch.splice(start_of(key_node), content_end(value)))
        parts.extend(
            f"{inline(name, flow=True)}: {_flow_value(new_value, None)}"
            for name, new_value in self.sets.items()
            if name not in existing
        )
        opening = patch.splice(node.start, node.start + 1)
        patch.splice(node.start, node.end)  # the entries inside are rewritten as a whole
        patch.replace(node.start, node.end, opening + ", ".join(parts) + "}")

    def _apply_block(self, patch: Patch) -> None:
        node = self.node
        existing = self.pairs()
        if not node.value:
            raise PatchError("an empty block mapping")
        indent = " " * patch.column(start_of(node.value[0][0]))
        nl = patch.newline
        for key in self.deletes:
            if key not in existing:
                continue
            key_node, value = existing[key]
            start, end = start_of(key_node), content_end(value)
            if patch.only_spaces_before(start):
                patch.replace(patch.line_start(start), patch.after_line(end), "")
            else:  # the first key of a list item, on the dash's line: the next key moves up
                following = _next_key(node, key_node)
                if following is None:
                    raise PatchError("deleting the only key of a mapping")
                patch.replace(start, start_of(following), "")
        additions: dict[int, list[str]] = {}
        for key, value in self.sets.items():
            if key in existing:
                key_node, old = existing[key]
                self._replace_value(patch, key_node, old, value, indent)
                continue
            anchor_key = self.after.get(key)
            anchor = existing.get(anchor_key) if anchor_key is not None else None
            if anchor is None or anchor_key in self.deletes:
                anchor = (node.value[-1][0], node.value[-1][1])
            at = patch.after_line(content_end(anchor[1]))
            lines = _block_pair(key, value, indent, self.list_shift)
            additions.setdefault(at, []).append(patch.end_of_line_text(content_end(anchor[1])))
            additions[at].append("".join(line + nl for line in lines))
        for at, texts in additions.items():
            patch.insert(at, "".join(texts))

    def _replace_value(
        self, patch: Patch, key_node: Node, old: Node, value: Any, indent: str
    ) -> None:
        nl = patch.newline
        if isinstance(value, RawBlock):
            colon = patch.source.index(":", content_end(key_node))
            lines = [f"{indent}  {line}" for line in value.lines]
            patch.replace(colon + 1, content_end(old), nl + nl.join(lines))
            return
        if isinstance(value, BlockList):
            colon = patch.source.index(":", content_end(key_node))
            lines = [
                " " * (len(indent) + self.list_shift) + "- " + inline(item) for item in value.items
            ]
            patch.replace(colon + 1, content_end(old), nl + nl.join(lines))
            return
        text = styled(value, like_of(old), flow=False)
        if isinstance(old, PlacedScalar) and old.style not in ("|", ">"):
            patch.replace(old.start, old.end, text)
            return
        colon = patch.source.index(":", content_end(key_node))
        patch.replace(colon + 1, content_end(old), " " + text)


def _next_key(node: PlacedMapping, key: Node) -> Node | None:
    keys = [k for k, _ in node.value]
    at = next(i for i, k in enumerate(keys) if k is key)
    return keys[at + 1] if at + 1 < len(keys) else None


def _flow_value(value: Any, old: Node | None) -> str:
    if isinstance(value, RawBlock):
        return inline(value.flow_form, flow=True)
    if isinstance(value, BlockList):
        return inline(list(value.items), flow=True)
    return styled(value, like_of(old), flow=True)


def _block_pair(key: str, value: Any, indent: str, list_shift: int) -> list[str]:
    head = f"{indent}{inline(key)}:"
    if isinstance(value, RawBlock):
        lead = [""] if value.blank_before else []
        return [*lead, head, *(f"{indent}  {line}" for line in value.lines)]
    if isinstance(value, BlockList):
        return [head] + [
            " " * (len(indent) + list_shift) + "- " + inline(item) for item in value.items
        ]
    return [f"{head} {inline(value)}"]


# -- lists ----------------------------------------------------------------------------


@dataclass
class SequenceEdit:
    """Changes of one list: items to delete, items replaced by new ones (each new item is
    plain data, or a block item's lines for :meth:`append_block`), items to add at the
    end or before an item."""

    node: PlacedSequence
    deletes: set[int] = field(default_factory=set)
    replaces: dict[int, list[Any]] = field(default_factory=dict)
    befores: dict[int, list[Any]] = field(default_factory=dict)
    appends: list[Any] = field(default_factory=list)
    block_appends: list[list[str]] = field(default_factory=list)
    blank_line_between: bool = False
    like: Node | None = None
    """A scalar item whose quoting new text items copy."""

    def delete(self, index: int) -> None:
        self.deletes.add(index)

    def replace(self, index: int, items: Sequence[Any]) -> None:
        if items:
            self.replaces[index] = list(items)
        else:
            self.deletes.add(index)

    def insert_before(self, index: int, items: Sequence[Any]) -> None:
        if index >= len(self.node.value):
            self.appends.extend(items)
        else:
            self.befores.setdefault(index, []).extend(items)

    def append(self, item: Any) -> None:
        self.appends.append(item)

    def append_block(self, lines: list[str], flow_form: Any) -> None:
        """A new item written as block lines (relative to the item's dash: the first
        follows ``- ``, the others are indented from it), or as ``flow_form`` in a
        flow list."""
        if self.node.flow:
            self.appends.append(flow_form)
        else:
            self.block_appends.append(lines)

    @property
    def empty_after(self) -> bool:
        kept = len(self.node.value) - len(self.deletes)
        return kept == 0 and not (
            self.replaces or self.befores or self.appends or self.block_appends
        )

    def apply(self, patch: Patch) -> None:
        if not (
            self.deletes or self.replaces or self.befores or self.appends or self.block_appends
        ):
            return
        if self.node.flow:
            self._apply_flow(patch)
        else:
            self._apply_block(patch)

    def _apply_flow(self, patch: Patch) -> None:
        node = self.node
        items = node.value
        simple = not self.deletes and all(len(v) == 1 for v in self.replaces.values())
        if simple and not self.befores:
            for index, (new,) in ((i, tuple(v)) for i, v in self.replaces.items()):
                old = items[index]
                patch.replace(start_of(old), content_end(old), _flow_item(new, old))
            if self.appends:
                texts = [_flow_item(item, self.like) for item in self.appends]
                if items:
                    patch.insert(content_end(items[-1]), "".join(f", {t}" for t in texts))
                else:
                    patch.insert(node.start + 1, ", ".join(texts))
            return
        parts: list[str] = []
        for index, old in enumerate(items):
            parts.extend(_flow_item(item, self.like) for item in self.befores.get(index, ()))
            if index in self.deletes:
                continue
            if index in self.replaces:
                parts.extend(_flow_item(item, old) for item in self.replaces[index])
            else:
                parts.append(patch.splice(start_of(old), content_end(old)))
        parts.extend(_flow_item(item, self.like) for item in self.appends)
        patch.splice(node.start, node.end)
        patch.replace(node.start, node.end, "[" + ", ".join(parts) + "]")

    def dash_of(self, patch: Patch, index: int) -> int:
        """Where the ``-`` of item ``index`` of the block list is."""
        if index == 0:
            return self.node.start
        source = patch.source
        position = start_of(self.node.value[index])
        while True:
            j = position - 1
            while j >= 0 and source[j] in " \t":
                j -= 1
            if j >= 0 and source[j] == "-":
                return j
            if j < 0 or source[j] not in "\r\n":
                raise PatchError("a list item whose dash cannot be found")
            line_start = patch.line_start(j)
            code = _strip_comment(source[line_start:j].rstrip("\r"))
            position = line_start + len(code.rstrip()) if code.strip() else line_start
            if position == line_start and line_start == 0:
                raise PatchError("a list item whose dash cannot be found")

    def _apply_block(self, patch: Patch) -> None:
        node = self.node
        items = node.value
        nl = patch.newline
        dash0 = self.dash_of(patch, 0) if items else node.start
        indent = " " * patch.column(dash0)
        deleted: list[tuple[int, int]] = []
        for index in sorted(self.deletes):
            dash = self.dash_of(patch, index)
            end = patch.after_line(content_end(items[index]))
            start = patch.line_start(dash) if patch.only_spaces_before(dash) else dash
            if start != patch.line_start(dash) and index + 1 < len(items):
                end = self.dash_of(patch, index + 1)  # an item on a line with others
            elif patch.blank_line_at(end) and (
                start == 0 or patch.blank_line_at(patch.line_start(start - 1))
            ):
                end = patch.after_line(end)  # one blank line stays between the neighbours
            patch.replace(start, end, "")
            deleted.append((start, end))
        for index, new_items in self.replaces.items():
            old = items[index]
            first, *rest = new_items
            patch.replace(start_of(old), content_end(old), _block_item(first, old))
            if rest:
                at = patch.after_line(content_end(old))
                lead = patch.end_of_line_text(content_end(old))
                patch.insert(
                    at,
                    lead
                    + "".join(f"{indent}- {_block_item(item, self.like)}{nl}" for item in rest),
                )
        for index, new_items in self.befores.items():
            dash = self.dash_of(patch, index)
            if not patch.only_spaces_before(dash):
                raise PatchError("inserting before an item that shares its line")
            patch.insert(
                patch.line_start(dash),
                "".join(f"{indent}- {_block_item(item, self.like)}{nl}" for item in new_items),
            )
        if self.appends or self.block_appends:
            last_end = content_end(items[-1])
            at = patch.after_line(last_end)
            for start, end in deleted:
                if start < at < end:  # the last item is deleted: the new ones take its place
                    at = start
            lines: list[str] = [patch.end_of_line_text(last_end)]
            lines.extend(f"{indent}- {_block_item(item, self.like)}{nl}" for item in self.appends)
            for block in self.block_appends:
                if self.blank_line_between:
                    lines.append(nl)
                first, *rest = block
                lines.append(f"{indent}- {first}{nl}")
                lines.extend(f"{indent}  {line}{nl}" if line else nl for line in rest)
            patch.insert(at, "".join(lines))


def _flow_item(item: Any, old: Node | None) -> str:
    return styled(item, like_of(old), flow=True)


def _block_item(item: Any, old: Node | None) -> str:
    return styled(item, like_of(old), flow=False)


def like_of(node: Node | None) -> Node | None:
    """The scalar whose quoting new text in place of ``node`` copies: the node itself,
    or the first scalar value of a mapping (a selector's quote)."""
    if isinstance(node, ScalarNode) or node is None:
        return node
    if isinstance(node, PlacedMapping):
        for _, value in node.value:
            if isinstance(value, ScalarNode) and value.style:
                return value
    return None


def styled(value: Any, like: Node | None, *, flow: bool) -> str:
    """``value`` on one line, its text values quoted as ``like`` is (a file that
    double-quotes its quotes gets ``{quote: "IDF", occurrence: 2}``)."""
    if isinstance(value, str):
        return scalar_text(value, like, flow=flow)
    quoted = isinstance(like, ScalarNode) and like.style in ('"', "'")
    if quoted and isinstance(value, dict):
        return (
            "{"
            + ", ".join(
                f"{inline(key, flow=True)}: {styled(item, like, flow=True)}"
                for key, item in value.items()
            )
            + "}"
        )
    if quoted and isinstance(value, list):
        return "[" + ", ".join(styled(item, like, flow=True) for item in value) + "]"
    return inline(value, flow=flow)
