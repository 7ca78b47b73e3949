"""A gloss document → brat ``.ann`` text."""

from __future__ import annotations

import re

from tui.core.document.model import Attributes, Document, Event, Span
from tui.core.formats.brat.source import (
    is_placeholder,
    option,
    plain,
    source_id_of,
    tokens_of,
    unescape,
)
from tui.core.formats.brat.to_gloss import (
    SAME_AS_LABELS,
    arguments_text,
    covered_text,
    realis_from_attribute,
)
from tui.core.formats.common import BRAT_ENTITY_LABELS, OffsetMap, export_label, relation_label


def one_line(value: str) -> str:
    """``value`` on one line, its white space runs made single spaces."""
    return " ".join(value.split())


def realis_to_write(event: Event) -> bool:
    """Whether export writes ``A Realis``: a realis other than actual that none of the
    event's attributes (``Speculation`` → hypothetical) already says."""
    said = {
        realis_from_attribute(name, None if value == "true" else value)
        for name, value in plain(event.attributes)
    }
    return event.realis != "actual" and event.realis not in said


class _Ids:
    """brat ids for export: the source's own where kept, fresh ones that collide with none."""

    def __init__(self, document: Document) -> None:
        self.used: set[str] = set()
        attribute_sets = [
            *(m.attributes for e in document.entities for m in e.mentions),
            *(e.attributes for e in document.events),
            *(r.attributes for r in document.relations),
        ]
        for attributes in attribute_sets:
            ident = source_id_of(attributes)
            if ident:
                self.used.add(ident)
            for token in tokens_of(attributes):
                head = token.split("=", 1)
                if head[0] in ("trigger", "sameas") and len(head) == 2:
                    self.used.add(head[1].split(",")[0])
                elif _LINE_ID.fullmatch(head[0]):
                    self.used.add(head[0])
        self.taken: set[str] = set()
        self.counters: dict[str, int] = {}

    def take(self, wanted: str | None, kind: str) -> str:
        """``wanted`` when it is a free id of this kind, else a fresh one."""
        if wanted and wanted[:1] == kind[:1] and wanted not in self.taken:
            self.taken.add(wanted)
            return wanted
        while True:
            self.counters[kind] = self.counters.get(kind, 0) + 1
            fresh = f"{kind}{self.counters[kind]}"
            if fresh not in self.used and fresh not in self.taken:
                self.taken.add(fresh)
                return fresh


_LINE_ID = re.compile(r"[TERAMN#][A-Za-z0-9_-]*")


def _kept(tokens: list[str], kind: str) -> list[tuple[str, str | None, str | None]]:
    """The ``N`` or ``#`` tokens: (id, value, text); value and text None when absent."""
    found: list[tuple[str, str | None, str | None]] = []
    for token in tokens:
        if token[:1] != kind or not _LINE_ID.fullmatch(token.split("=", 1)[0]):
            continue
        parts = token.split("=")
        value = unescape(parts[1]) if len(parts) > 1 and kind == "N" else None
        text = unescape(parts[-1]) if (kind == "N" and len(parts) > 2) else None
        if kind == "#" and len(parts) > 1:
            text = unescape(parts[1])
        found.append((parts[0], value, text))
    return found


def export_brat(document: Document, *, raw_text: str | None = None) -> str:
    """The ``.ann`` text for a document.

    Offsets count the characters of ``raw_text`` when given (the stored article,
    perhaps with CRLF line ends), else of ``document.text``, which is then the
    ``.txt`` to write beside it. Type and relation names imported from brat are
    written back as they were (the types' ``source``), and so are the ids and lines
    an import kept (``source_id`` and ``brat`` attributes, see :mod:`.source`).
    """
    text = document.text
    mapping = OffsetMap(raw_text) if raw_text is not None else None
    stored = raw_text if raw_text is not None else text

    def raw(offset: int) -> int:
        return mapping.to_raw(offset) if mapping else offset

    ids = _Ids(document)
    # Text-bound annotations for mentions and triggers, in text order.
    items: list[tuple[tuple[Span, ...], int, str, str, str | None, str | None]] = []
    for entity in document.entities:
        label = export_label(
            entity.type,
            document.entity_types.get(entity.type),
            event=False,
            builtin=BRAT_ENTITY_LABELS.get(entity.type),
        )
        for mention in entity.mentions:
            tokens = tokens_of(mention.attributes)
            written_text = option(tokens, "text")
            items.append(
                (
                    mention.fragments,
                    0,
                    label,
                    f"m:{entity.id}:{mention.index}",
                    source_id_of(mention.attributes),
                    unescape(written_text) if written_text is not None else None,
                )
            )
    trigger_key: dict[str, str] = {}
    for event in document.events:
        label = export_label(
            event.type, document.event_types.get(event.type), event=True, builtin=None
        )
        kept_trigger = option(tokens_of(event.attributes), "trigger")
        # Events sharing a trigger (BioNLP's E1 and E2 on T12) share its T.
        key = f"t:{kept_trigger}" if kept_trigger else f"t:{label}:{event.trigger}"
        if key not in trigger_key.values():
            items.append(((event.trigger,), 1, label, key, kept_trigger, None))
        trigger_key[event.id] = key
    items.sort(key=lambda item: (item[0][0].start, -item[0][-1].end, item[1], item[3]))
    t_id: dict[str, str] = {}
    written_id: dict[str, str] = {}
    """A kept source id → the id written for it (the same, unless taken twice)."""
    lines: list[str] = []
    for fragments, _, label, key, wanted, written_text in items:
        ident = t_id[key] = ids.take(wanted, "T")
        if wanted:
            written_id.setdefault(wanted, ident)
        offsets = ";".join(f"{raw(part.start)} {raw(part.end)}" for part in fragments)
        covered = written_text
        if covered is None:
            covered = covered_text(stored, [(raw(p.start), raw(p.end)) for p in fragments])
        lines.append(f"{ident}\t{label} {offsets}\t{covered}")
    e_id: dict[str, str] = {}
    for event in document.events:
        wanted = source_id_of(event.attributes)
        e_id[event.id] = ids.take(wanted, "E")
        if wanted:
            written_id.setdefault(wanted, e_id[event.id])

    def attribute_lines(attributes: Attributes, target: str, tokens: list[str]) -> None:
        kept = [t for t in tokens if t[:1] in "AM" and _LINE_ID.fullmatch(t)]
        for index, (name, value) in enumerate(plain(attributes)):
            if re.fullmatch(r"\S+", name) and re.fullmatch(r"\S+", value):
                wanted = kept[index] if index < len(kept) else None
                ident = ids.take(wanted, wanted[:1] if wanted else "A")
                shown = "" if value == "true" else f" {value}"
                lines.append(f"{ident}\t{name} {target}{shown}")

    def norm_lines(
        targets: list[tuple[str, list[str]]],
        links: tuple[tuple[str, str], ...],
        name: str,
        also: str,
    ) -> None:
        """``N`` lines: those kept on each target, then the links none of them wrote."""
        written: set[tuple[str, str]] = set()
        for target, tokens in targets:
            for ident, value, shown in _kept(tokens, "N"):
                database, _, key = (value or "").partition(":")
                if not database:
                    continue
                if not (is_placeholder(key) or (database, key) in links or (value or "") in also):
                    continue  # the link is gone from the gloss file
                written.add((database, key))
                words = shown if shown is not None else one_line(name)
                lines.append(
                    f"{ids.take(ident, 'N')}\tReference {target} {database}:{key}\t{words}"
                )
        first = targets[0][0]
        for key, value in links:
            if (key, value) in written:
                continue
            if re.fullmatch(r"[^\s:]+", key) and re.fullmatch(r"\S+", value):
                lines.append(
                    f"{ids.take(None, 'N')}\tReference {first} {key}:{value}\t{one_line(name)}"
                )

    def note_lines(targets: list[tuple[str, list[str]]], note: str | None) -> None:
        """``#`` lines: those kept on each target (pieces of gloss's joined note in
        order), or the whole note on the first target."""
        if not note:
            return
        kept = [(target, *rest) for target, tokens in targets for rest in _kept(tokens, "#")]
        pieces = note.split("; ")
        for _, _, _, shown in kept:
            if shown is not None and one_line(shown) in pieces:
                pieces.remove(one_line(shown))
        plain_kept = [item for item in kept if item[3] is None]
        for target, ident, _, shown in kept:
            if shown is not None:
                lines.append(f"{ids.take(ident, '#')}\tAnnotatorNotes {target}\t{shown}")
        if not kept:
            lines.append(f"{ids.take(None, '#')}\tAnnotatorNotes {targets[0][0]}\t{one_line(note)}")
            return
        if not plain_kept:
            return
        if len(pieces) != len(plain_kept):
            pieces = [pieces[0]] * len(plain_kept) if len(pieces) == 1 else [one_line(note)]
        for (target, ident, _, _), piece in zip(plain_kept, pieces, strict=False):
            lines.append(f"{ids.take(ident, '#')}\tAnnotatorNotes {target}\t{piece}")

    def equiv_lines(tokens: list[str]) -> None:
        for token in tokens:
            if token.startswith("equiv="):
                label, *members = token[len("equiv=") :].split(",")
                present = [written_id[m] for m in members if m in written_id]
                if len(present) > 1:
                    lines.append(f"*\t{unescape(label)} {' '.join(present)}")

    for entity in document.entities:
        targets = [
            (t_id[f"m:{entity.id}:{m.index}"], tokens_of(m.attributes)) for m in entity.mentions
        ]
        for _, tokens in targets:
            equiv_lines(tokens)
        # Mentions the import grouped by type and text are written apart; mentions gloss
        # made one entity (no source id) are said to be one by an Equiv line.
        unsourced = [m for m in entity.mentions if source_id_of(m.attributes) is None]
        if len(entity.mentions) > 1 and unsourced:
            lines.append(f"*\tEquiv {' '.join(target for target, _ in targets)}")
        norm_lines(targets, entity.links, entity.name, entity.description or "")
        note_lines(targets, entity.description)
        attribute_lines(entity.attributes, targets[0][0], [])
        for mention, (target, tokens) in zip(entity.mentions, targets, strict=True):
            attribute_lines(mention.attributes, target, tokens)
    for event in document.events:
        label = export_label(
            event.type, document.event_types.get(event.type), event=True, builtin=None
        )
        tokens = tokens_of(event.attributes)
        head = f"{label}:{t_id[trigger_key[event.id]]}"
        arguments = _kept_arguments(tokens, written_id)
        if arguments is None or len(arguments) < len(event.arguments) + len(event.event_arguments):
            pairs: list[tuple[str, str]] = []
            for argument in event.arguments:
                entity = document.entity_by_id[argument.entity_id]
                nearest = min(
                    entity.mentions,
                    key=lambda m: (abs(m.span.start - event.trigger.start), m.index),
                )
                pairs.append((argument.role, t_id[f"m:{entity.id}:{nearest.index}"]))
            pairs.extend((a.role, e_id[a.event_id]) for a in event.event_arguments)
            arguments = arguments_text(pairs)
        end = unescape(option(tokens, "end") or "")
        lines.append(f"{e_id[event.id]}\t{head}{' ' if arguments else ''}{arguments}{end}")
        equiv_lines(tokens)
    for event in document.events:
        tokens = tokens_of(event.attributes)
        # Realis that came from a brat attribute (Speculation…) is written as that attribute.
        if realis_to_write(event):
            lines.append(f"{ids.take(None, 'A')}\tRealis {e_id[event.id]} {event.realis}")
        attribute_lines(event.attributes, e_id[event.id], tokens)
        norm_lines([(e_id[event.id], tokens)], event.links, event.summary, event.note or "")
        note_lines([(e_id[event.id], tokens)], event.note)

    def end_id(end_id_: str, is_event: bool, evidence: Span | None) -> str:
        if is_event:
            return e_id[end_id_]
        entity = document.entity_by_id[end_id_]
        chosen = entity.mentions[0]
        if evidence is not None:
            inside = [m for m in entity.mentions if evidence.contains(m.span)]
            chosen = inside[0] if inside else chosen
        return t_id[f"m:{entity.id}:{chosen.index}"]

    event_pairs = {
        frozenset((r.from_id, r.to_id))
        for r in document.relations
        if r.from_event and r.to_event and r.type.lower().replace("-", "_") in SAME_AS_LABELS
    }
    equivalent = {
        frozenset(line.split("\t")[1].split()[1:]) for line in lines if line.startswith("*\t")
    }
    for event in document.events:
        if not event.same_as or event.same_as not in e_id:
            continue
        pair = (e_id[event.id], e_id[event.same_as])
        tokens = tokens_of(event.attributes)
        kept_as = option(tokens, "sameas")
        if kept_as is not None:
            ident, _, end = kept_as.partition(",")
            lines.append(
                f"{ids.take(ident, 'R')}\tsame_as Arg1:{pair[0]} Arg2:{pair[1]}{unescape(end)}"
            )
        elif frozenset((event.id, event.same_as)) in event_pairs:
            continue
        elif source_id_of(event.attributes) and any(set(pair) <= group for group in equivalent):
            continue  # said by a '*' line written back above
        else:
            lines.append(f"{ids.take(None, 'R')}\tsame_as Arg1:{pair[0]} Arg2:{pair[1]}")
    for relation in document.relations:
        source = end_id(relation.from_id, relation.from_event, relation.evidence)
        target = end_id(relation.to_id, relation.to_event, relation.evidence)
        label = relation_label(document, relation.type)
        tokens = tokens_of(relation.attributes)
        r_id = ids.take(source_id_of(relation.attributes), "R")
        roles = [unescape(role) for role in (option(tokens, "roles") or "").split(",") if role]
        first, second = roles if len(roles) == 2 else ("Arg1", "Arg2")
        end = unescape(option(tokens, "end") or "")
        lines.append(f"{r_id}\t{label} {first}:{source} {second}:{target}{end}")
        note_lines([(r_id, tokens)], relation.note)
        attribute_lines(relation.attributes, r_id, tokens)
    return "\n".join(lines) + ("\n" if lines else "")


def _kept_arguments(tokens: list[str], written_id: dict[str, str]) -> str | None:
    """An event's arguments as the source wrote them, when every one is still there."""
    kept = option(tokens, "args")
    if kept is None:
        return None
    parts = []
    for item in kept.split(","):
        role, _, target = unescape(item).rpartition(":")
        if target not in written_id:
            return None
        parts.append(f"{role}:{written_id[target]}")
    return " ".join(parts)
