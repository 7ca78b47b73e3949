"""Annotation-file YAML for many documents at once: the shape of
:func:`tui.core.formats.yaml_out.dumps`, emitted by libyaml when it is there.

A corpus import writes hundreds of files; PyYAML's pure-Python emitter would take
most of the time. The data is the same (:func:`yaml_out.to_data`), so the files read
the same; only the emitter differs.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from tui.core.formats import yaml_out
from tui.core.model import Document

_BASE: Any = getattr(yaml, "CSafeDumper", None)


def _flow(dumper: Any, data: dict[str, Any]) -> yaml.Node:
    node: yaml.Node = dumper.represent_mapping("tag:yaml.org,2002:map", dict(data), flow_style=True)
    return node


if _BASE is not None:

    class _FastDumper(_BASE):  # type: ignore[misc]
        def ignore_aliases(self, data: Any) -> bool:
            return True  # gloss refuses anchors and aliases

    _FastDumper.add_representer(yaml_out._Flow, _flow)


def dumps(document: Document, *, text_name: str, header: str | None = None) -> str:
    """The document as annotation-file YAML, as :func:`yaml_out.dumps` writes it."""
    if _BASE is None:
        return yaml_out.dumps(document, text_name=text_name, header=header)
    body = yaml.dump(
        yaml_out.to_data(document, text_name=text_name),
        Dumper=_FastDumper,
        allow_unicode=True,
        sort_keys=False,
        width=96,
        default_flow_style=False,
    )
    body = re.sub(r"\n(?=(?:types|entities|events|relations):|- id:)", "\n\n", body)
    lines = [f"# {line}".rstrip() for line in (header or "").splitlines()]
    return "\n".join([*lines, body]) if lines else body
