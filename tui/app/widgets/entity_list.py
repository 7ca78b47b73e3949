"""The entity sidebar: entities grouped by type, collapsible, with mention counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import BindingType
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.app import bindings
from tui.app.render.highlight import Palette
from tui.app.textual_private import SteadyScrollbars, tree_line
from tui.core.document.model import Document, Entity
from tui.core.text.fitting import cell_width, cut_end, fit_names, fit_with_suffix
from tui.core.text.textsafety import one_line


class EntityList(Tree[str], SteadyScrollbars):
    """Entities by type. Highlighting one selects it; ``enter`` jumps to its first mention."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.ENTITY_LIST

    @dataclass
    class EntityChosen(Message):
        """An entity was highlighted (``jump`` false) or chosen with enter (``jump`` true)."""

        entity_list: EntityList
        entity_id: str
        jump: bool

        @property
        def control(self) -> EntityList:
            return self.entity_list

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        super().__init__(Text("Entities"), id=id)  # Text: no markup parse
        self.document = document
        self.show_root = False
        self.guide_depth = 2
        self.filter_text = ""
        self.filter_types: frozenset[str] | None = None
        """Entity types shown (None: every type)."""
        self._leaves: dict[str, TreeNode[str]] = {}
        self._quiet_node: TreeNode[str] | None = None
        self._name_groups: list[tuple[TreeNode[str], list[Entity]]] = []
        self._headings: list[tuple[TreeNode[str], str, int]] = []
        """Each type's heading, with its code and how many rows it holds."""
        """Rows that stand for several same-type entities with the same name."""
        self._shown_names: dict[str, str] = {}
        """Each row's name as cut to fit (a relabelled count keeps the same cut)."""
        self._fitted_width: int | None = None
        """The width the leaf labels were cut for (None: not cut yet)."""
        self._base_style: Style | None = None
        """The widget's base style while it repaints (None otherwise)."""

    def on_mount(self) -> None:
        self.rebuild()

    def set_document(self, document: Document) -> None:
        """List an edited version of the document, keeping the filters and the cursor's
        entity where it still exists.

        When only mention counts changed (a mention added or removed: the same entities,
        names and types), only those rows are relabelled, in place: rows do not move
        under the reader while they annotate, and a long list is not built again."""
        old = self.document
        self.document = document
        changed = _counts_changed(old, document)
        if changed is None or not self._relabel_counts(changed):
            self.rebuild()

    def _relabel_counts(self, entity_ids: list[str]) -> bool:
        """Relabel these rows with their new counts; False when the list must be rebuilt
        (a count's width changes how every name is cut, or a row stands for a group)."""
        grouped = {entity.id for _node, row in self._name_groups for entity in row}
        if self._name_width() != self._fitted_width or grouped.intersection(entity_ids):
            return False
        palette = Palette.for_document(
            self.document, self.app.theme_variables, no_color=self.app.no_color
        )
        for entity_id in entity_ids:
            leaf = self._leaves.get(entity_id)
            if leaf is None:
                continue  # filtered out of the list
            entity = self.document.entity_by_id[entity_id]
            label = Text(self._shown_names.get(entity_id, one_line(entity.name)))
            label.stylize(palette.type_style(entity.type))
            label.append(f" {len(entity.mentions)}", style=Style(dim=True, color=None))
            leaf.set_label(label)
        return True

    def on_resize(self) -> None:
        if self._name_width() != self._fitted_width:
            self._relabel_leaves()

    @property
    def leaf_nodes(self) -> list[TreeNode[str]]:
        """The entity rows the list shows now, in list order."""
        return list(self._leaves.values())

    def _name_width(self) -> int | None:
        """Cells a name may take: the row less its indent and its mention count."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return None
        counts = [len(self.document.entity_by_id[e].mentions) for e in self._leaves]
        count_width = len(str(max(counts, default=0))) + 1
        return max(4, width - 2 * self.guide_depth - count_width)

    def _relabel_leaves(self) -> None:
        """Cut long names with an ellipsis, keeping different names tellable apart."""
        width = self._name_width()
        self._fitted_width = width
        entities = [self.document.entity_by_id[entity_id] for entity_id in self._leaves]
        names = [one_line(entity.name) for entity in entities]
        shown = fit_names(names, width) if width is not None else names
        palette = Palette.for_document(
            self.document, self.app.theme_variables, no_color=self.app.no_color
        )
        grouped = {entity.id for _node, row in self._name_groups for entity in row}
        self._shown_names = dict(zip(self._leaves, shown, strict=True))
        for entity, name in zip(entities, shown, strict=True):
            label = Text(name, style=palette.type_style(entity.type))
            label.append(f" {len(entity.mentions)}", style=Style(dim=True, color=None))
            if entity.id in grouped:
                label.append(f" {one_line(entity.id)}", style=Style(dim=True, color=None))
            self._leaves[entity.id].set_label(label)
        if width is not None:
            # A heading starts after its expand mark and a space.
            heading_width = self.scrollable_content_region.width - 2
            for node, code, count in self._headings:
                node.set_label(self._heading(code, count, heading_width, palette))
        for node, row in self._name_groups:
            total = sum(len(entity.mentions) for entity in row)
            name = one_line(row[0].name)
            suffix = f" ×{len(row)} by name"
            if width is not None:
                # A group's row: its guide, its expand mark, the name, the total, then
                # "×2 by name", whose words give way before the name is cut short.
                row_width = self.scrollable_content_region.width - self.guide_depth
                room = row_width - 2 - len(f" {total}")
                name, suffix = fit_with_suffix(name, (suffix, f" ×{len(row)}"), room)
            label = Text(name, style=palette.type_style(row[0].type))
            label.append(f" {total}", style=Style(dim=True, color=None))
            label.append(suffix, style=Style(dim=True, italic=True, color=None))
            node.set_label(label)

    def _heading(self, code: str, count: int, width: int | None, palette: Palette) -> Text:
        """``CODE Label N``, the label cut with an ellipsis (or left out) to fit ``width``."""
        label = one_line(self.document.type_label(code))
        if width is not None:
            room = width - cell_width(code) - 1 - len(f" {count}")
            label = cut_end(label, room) if room >= 4 else ""
        heading = Text()
        bold = palette.type_style(code) + Style(bold=True)
        if label:
            heading.append(f"{code} ", style=bold)
            heading.append(label)
        else:
            heading.append(code, style=bold)
        heading.append(f" {count}", style="dim")
        return heading

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._fitted_width is None and self.scrollable_content_region.width > 0:
            # The first paint can come before the resize event: cut the names for it too,
            # so they never show cut off by the border rather than ended with "…".
            self._relabel_leaves()
        # The tree asks for the widget's base style (a walk over every ancestor's styles)
        # on each line it draws: work it out once per repaint instead.
        self._base_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base_style = None

    def render_line(self, y: int) -> Strip:
        base = self._base_style
        if base is None:
            return super().render_line(y)
        scroll_x, scroll_y = self.scroll_offset
        return tree_line(self, y + scroll_y, scroll_x, scroll_x + self.size.width, base)

    def get_label_width(self, node: TreeNode[str]) -> int:
        # The tree measures every label to size its horizontal scroll, which this list
        # never uses (overflow-x is hidden); the label's own length is enough and avoids
        # rendering thousands of labels on each rebuild.
        label = node.label
        return (label.cell_len if isinstance(label, Text) else len(label)) + 2

    def _matches(self, entity: Entity) -> bool:
        if self.filter_types is not None and entity.type not in self.filter_types:
            return False
        needle = self.filter_text.casefold()
        if not needle:
            return True
        haystack = [entity.name, entity.id, *entity.aliases]
        return any(needle in value.casefold() for value in haystack)

    @property
    def visible_entities(self) -> list[str]:
        """Ids of the entities the list shows now (after filters), in list order."""
        return list(self._leaves)

    def rebuild(self) -> None:
        """Fill the tree from the document and the current filters."""
        palette = Palette.for_document(
            self.document, self.app.theme_variables, no_color=self.app.no_color
        )
        selected = self.cursor_node.data if self.cursor_node is not None else None
        self.clear()
        self._leaves = {}
        self._name_groups = []
        self._headings = []
        by_type: dict[str, list[Entity]] = {}
        for entity in self.document.entities:
            if self._matches(entity):
                by_type.setdefault(entity.type, []).append(entity)
        for code in self.document.entity_types_in_use:
            members = by_type.get(code)
            if not members:
                continue
            members.sort(key=lambda e: (-len(e.mentions), e.name.casefold()))
            group = self.root.add(self._heading(code, len(members), None, palette), expand=True)
            self._headings.append((group, code, len(members)))
            for row in _rows_by_name(members):
                parent = group
                if len(row) > 1:
                    # Same type, same name, no identity of their own (brat data has no
                    # coreference): one row with their total, expandable to each.
                    parent = group.add(Text(one_line(row[0].name)), expand=False)
                    self._name_groups.append((parent, row))
                for entity in row:
                    leaf_label = Text(one_line(entity.name), style=palette.type_style(code))
                    self._leaves[entity.id] = parent.add_leaf(leaf_label, data=entity.id)
        self._relabel_leaves()
        if not self._leaves and (self.filter_text or self.filter_types is not None):
            # Say why the list is empty rather than show a blank pane.
            self.root.add_leaf(Text("Nothing matches (escape clears)", style="dim italic"))
        if selected is not None and selected in self._leaves:
            target: TreeNode[str] | None = self._leaves[selected]
        else:
            # Start on the first entity, not on a group heading, so enter and n work at once.
            target = next(iter(self._leaves.values()), None)
        if target is not None:
            self.call_after_refresh(self._place_cursor_quietly, target)

    @property
    def entity_moved_to(self) -> str | None:
        """The entity under the cursor when the reader moved it there (None when the
        list has no focus, the row is a heading, or a rebuild placed the cursor)."""
        node = self.cursor_node
        if not self.has_focus or node is None or node is self._quiet_node:
            return None
        return node.data

    def _place_cursor_quietly(self, node: TreeNode[str]) -> None:
        """Move the cursor without it counting as the reader choosing an entity."""
        if self.cursor_node is not node:
            self._quiet_node = node
            pane = self.parent
            if self.size.height or (pane is not None and not pane.display):
                self.move_cursor(node)
            else:
                # Shown but not laid out yet (the reader mounts the list after its first
                # frame): scrolling to the cursor now would scroll it by the cursor's line.
                self.cursor_line = node.line

    def show_entity(self, entity_id: str | None) -> None:
        """Move the cursor to ``entity_id`` (expanding its group) without a jump."""
        if entity_id is None:
            return
        leaf = self._leaves.get(entity_id)
        if leaf is None:
            return
        parent = leaf.parent
        expanded = False
        while parent is not None:
            if not parent.is_expanded and parent is not self.root:
                parent.expand()
                expanded = True
            parent = parent.parent
        if expanded:
            # The rows under a group exist once the tree has laid itself out again.
            self.call_after_refresh(self._move_to, leaf)
        else:
            self._move_to(leaf)

    def _move_to(self, leaf: TreeNode[str]) -> None:
        if self.cursor_node is not leaf:
            self.move_cursor(leaf)
            self.scroll_to_node(leaf, animate=False)

    def action_expand_group(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            node.expand()

    def action_collapse_group(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        if event.node is self._quiet_node:
            self._quiet_node = None
            return
        if event.node.data is None:
            return
        self.post_message(self.EntityChosen(self, event.node.data, jump=False))

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.EntityChosen(self, event.node.data, jump=True))


def _counts_changed(old: Document, new: Document) -> list[str] | None:
    """The entities whose mention counts alone changed from ``old`` to ``new``; None when
    anything else a row shows changed (an entity came, went, was renamed or retyped)."""
    if len(old.entities) != len(new.entities):
        return None
    changed: list[str] = []
    for before, after in zip(old.entities, new.entities, strict=True):
        if before is after:
            continue
        if (before.id, before.name, before.type) != (after.id, after.name, after.type):
            return None
        if len(before.mentions) != len(after.mentions):
            changed.append(after.id)
    return changed


def _rows_by_name(members: list[Entity]) -> list[list[Entity]]:
    """Entities of one type as sidebar rows: same-named ones (ignoring case) share a row;
    rows by total mentions, most first, then by name."""
    by_name: dict[str, list[Entity]] = {}
    for entity in members:
        by_name.setdefault(entity.name.casefold(), []).append(entity)
    return sorted(
        by_name.values(),
        key=lambda row: (-sum(len(e.mentions) for e in row), row[0].name.casefold()),
    )
