"""Binding ids, so that a user's ``[keys]`` table (a Textual keymap) can rebind any key."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode


def give_binding_ids(node_class: type[DOMNode], scope: str) -> None:
    """Give each binding of ``node_class`` the id ``scope.action`` (unless it has one).

    Textual merges a class's bindings when the class is created, so they are merged again.
    """
    bindings = [
        replace(binding, id=binding.id or f"{scope}.{binding.action}")
        if isinstance(binding, Binding)
        else binding
        for binding in node_class.BINDINGS
    ]
    node_class.BINDINGS = bindings
    node_class._merged_bindings = node_class._merge_bindings()


def bindable() -> Iterator[tuple[str, str, str]]:
    """``(id, default keys, description)`` of every binding a configuration may change."""
    from tui.app.screens.help import binding_classes

    seen: set[str] = set()
    for _section, bindings in binding_classes():
        for binding in bindings:
            if isinstance(binding, Binding) and binding.id and binding.id not in seen:
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
