"""Reading code as syntax trees, knowing what each local name stands for.

The scans of ``tui/`` (no file opened outside the one reader, no terminal output from
the core) must find ``open``, ``os.open`` or ``print`` however the code names them: an
``import os as system`` or ``from sys import stdout`` included.
"""

from __future__ import annotations

import ast


class NameTracking(ast.NodeVisitor):
    """A visitor that follows what each local name stands for, as imports bind them."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = dict(names)
        """Local name -> what it stands for (``{"open": "builtins.open"}`` to start)."""

    def bind_import(self, node: ast.Import) -> None:
        """``import a.b`` binds ``a``; ``import a.b as c`` binds ``c`` to ``a.b``."""
        for alias in node.names:
            if alias.asname:
                self.names[alias.asname] = alias.name
            else:
                top = alias.name.split(".")[0]
                self.names[top] = top

    def dotted(self, node: ast.expr) -> str | None:
        """What ``node`` names, qualified (``sys.stdout`` for ``stdout`` imported from
        ``sys``); None for anything that is not a name or an attribute of one."""
        if isinstance(node, ast.Name):
            return self.names.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            base = self.dotted(node.value)
            return None if base is None else f"{base}.{node.attr}"
        return None
