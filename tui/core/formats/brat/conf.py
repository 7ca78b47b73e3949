"""brat's ``annotation.conf`` and ``visual.conf``: written for a document, and read back."""

from __future__ import annotations

import os
import re

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.document.model import Attributes, Document, TypeInfo
from tui.core.files.saferead import is_inside, read_head
from tui.core.files.safewrite import PlannedWrite, write_files
from tui.core.formats.brat.from_gloss import one_line, realis_to_write
from tui.core.formats.brat.source import plain
from tui.core.formats.common import BRAT_ENTITY_LABELS, export_label, relation_label
from tui.core.loading.yamlsafe import read_text_file

CONF_MARK = "# Written by gloss export --format brat; gloss rewrites this file."
"""The first line of the configuration files gloss writes (and may overwrite)."""


def _conf_label(label: str) -> str:
    return one_line(label).replace("|", "/")


def _labels(document: Document) -> tuple[dict[str, str], dict[str, str]]:
    """The brat label of every entity and event type in use, as ``export_brat`` writes it."""
    entity = {
        e.type: export_label(
            e.type,
            document.entity_types.get(e.type),
            event=False,
            builtin=BRAT_ENTITY_LABELS.get(e.type),
        )
        for e in document.entities
    }
    event = {
        e.type: export_label(e.type, document.event_types.get(e.type), event=True, builtin=None)
        for e in document.events
    }
    return entity, event


def export_brat_conf(document: Document) -> tuple[str, str]:
    """``annotation.conf`` and ``visual.conf`` for the types a document uses.

    annotation.conf declares the entity types, the event types with the roles seen
    (``Role?``, or ``Role*`` when an event repeats it) and the entity types that fill
    them, the relation types seen and the Realis attribute; visual.conf gives each
    brat type its gloss label, so that an import gets declared labels back.
    """
    entity_label, event_label = _labels(document)
    by_id = document.entity_by_id

    def kinds(values: set[str]) -> str:
        return "|".join(sorted(values))

    roles: dict[str, dict[str, tuple[int, set[str]]]] = {}
    for event in document.events:
        seen = roles.setdefault(event_label[event.type], {})
        counts: dict[str, int] = {}
        fills = [
            (argument.role, entity_label[by_id[argument.entity_id].type])
            for argument in event.arguments
        ] + [(argument.role, "<EVENT>") for argument in event.event_arguments]
        for role, _ in fills:
            counts[role] = counts.get(role, 0) + 1
        for role, filler in fills:
            most, fillers = seen.get(role, (0, set()))
            fillers.add(filler)
            seen[role] = (max(most, counts[role]), fillers)
    event_lines = []
    for label in sorted(roles):
        parts = [
            f"{role}{'*' if most > 1 else '?'}:{kinds(fillers)}"
            for role, (most, fillers) in roles[label].items()
        ]
        event_lines.append(f"{label}\t{', '.join(parts)}" if parts else label)
    ends: dict[str, tuple[set[str], set[str]]] = {}

    def end_label(end_id: str, is_event: bool) -> str:
        return "<EVENT>" if is_event else entity_label[by_id[end_id].type]

    for relation in document.relations:
        first, second = ends.setdefault(relation_label(document, relation.type), (set(), set()))
        first.add(end_label(relation.from_id, relation.from_event))
        second.add(end_label(relation.to_id, relation.to_event))
    relation_lines = [
        f"{kind}\tArg1:{kinds(first)}, Arg2:{kinds(second)}"
        for kind, (first, second) in sorted(ends.items())
    ]
    if any(event.same_as for event in document.events):
        relation_lines.append("same_as\tArg1:<EVENT>, Arg2:<EVENT>")
    realis = sorted({e.realis for e in document.events if realis_to_write(e)})
    # Attribute names with what they are on and the values seen (binary ones: none).
    attributes: dict[str, tuple[set[str], set[str]]] = {}

    def note_attributes(values: Attributes, on: str) -> None:
        for name, value in plain(values):
            targets, seen_values = attributes.setdefault(name, (set(), set()))
            targets.add(on)
            if value != "true":
                seen_values.add(value)

    for entity in document.entities:
        note_attributes(entity.attributes, "<ENTITY>")
        for mention in entity.mentions:
            note_attributes(mention.attributes, "<ENTITY>")
    for event in document.events:
        note_attributes(event.attributes, "<EVENT>")
    for relation in document.relations:
        note_attributes(relation.attributes, "<RELATION>")
    attribute_lines = [
        f"{name}\tArg:{kinds(targets)}" + (f", Value:{kinds(values)}" if values else "")
        for name, (targets, values) in sorted(attributes.items())
        if re.fullmatch(r"\S+", name)
    ]
    annotation = [
        CONF_MARK,
        "[entities]",
        *sorted(set(entity_label.values())),
        "[relations]",
        *relation_lines,
        "[events]",
        *event_lines,
        "[attributes]",
        *([f"Realis\tArg:<EVENT>, Value:{'|'.join(realis)}"] if realis else []),
        *attribute_lines,
    ]
    labels: dict[str, str] = {}
    for codes, table in (
        (entity_label, document.entity_types),
        (event_label, document.event_types),
    ):
        for code, brat in codes.items():
            info: TypeInfo | None = table.get(code)
            labels.setdefault(brat, _conf_label(info.label if info else code))
    visual = [
        CONF_MARK,
        "[labels]",
        *(f"{brat} | {label}" for brat, label in sorted(labels.items())),
        "[drawing]",
    ]
    return "\n".join(annotation) + "\n", "\n".join(visual) + "\n"


def write_brat_conf(
    document: Document, directory: str, *, force: bool = False
) -> tuple[list[str], list[str]]:
    """Write ``annotation.conf`` and ``visual.conf`` into ``directory``.

    A file there that gloss did not write (a brat project's own) is kept as it is.
    Returns the paths written and the paths kept; raises ``WriteRefused``.
    """
    planned, kept = plan_brat_conf(document, directory)
    written = write_files(planned, force=force)
    return written, kept


def plan_brat_conf(document: Document, directory: str) -> tuple[list[PlannedWrite], list[str]]:
    """The ``annotation.conf`` and ``visual.conf`` to write, and those to keep as they are.

    A regular file whose first line is not gloss's mark is a brat project's own: kept.
    A link or anything else at the name is planned, so the writer refuses it by name.
    """
    planned: list[PlannedWrite] = []
    kept: list[str] = []
    for name, content in zip(
        ("annotation.conf", "visual.conf"), export_brat_conf(document), strict=True
    ):
        path = os.path.join(directory, name)
        first_line = _first_line_of_regular_file(path)
        if first_line is not None and first_line != CONF_MARK:
            kept.append(path)
            continue
        planned.append(PlannedWrite(path, content.encode("utf-8")))
    return planned, kept


def _first_line_of_regular_file(path: str) -> str | None:
    """The first line of the regular file at ``path`` (no link followed), else None."""
    head = read_head(path, 4096, follow_links=False)
    if head is None:
        return None
    return head.decode("utf-8", errors="replace").split("\n", 1)[0].rstrip("\r")


def read_visual_labels(path: str, sink: DiagnosticSink) -> dict[str, str]:
    """``TYPE -> label`` from the ``[labels]`` of a brat ``visual.conf`` (none if absent).

    A line reads ``TYPE | Long label | Short``; the long label is taken. Problems are
    warnings at the line in ``visual.conf``: labels are a nicety, the import goes on.
    """
    if not os.path.isfile(path):
        return {}
    if not is_inside(os.path.dirname(os.path.abspath(path)), path):
        sink.warning(Position(1, 1), "visual.conf is a link out of its folder; not read", path=path)
        return {}
    conf_sink = DiagnosticSink(path)
    decoded = read_text_file(path, conf_sink, Position(1, 1), "visual.conf", 1024 * 1024)
    for item in conf_sink.items:
        sink.warning(item.position, item.message, path=path)
    labels: dict[str, str] = {}
    if decoded is None:
        return labels
    section = ""
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip().lower()
            continue
        if section != "labels":
            continue
        parts = [part.strip() for part in stripped.split("|")]
        if len(parts) < 2 or not parts[0] or not parts[1]:
            sink.warning(
                Position(number, 1),
                "expected 'TYPE | Label' (and more short labels) in [labels]; line skipped",
                path=path,
            )
            continue
        labels.setdefault(parts[0], parts[1])
    return labels
