"""What a CoNLL or WebAnno TSV round trip must give back, as comparable facts.

TSV: the text, every span annotation (layer, offsets, features), every relation (layer,
both ends as spans, features, slot) and every chain (its links as spans, in order);
token numbering and sentence breaks are form. CoNLL: the tokens of each sentence and
their tags, in the scheme the file uses.
"""

from __future__ import annotations

from typing import Any

from tui.core.document.diagnostics import DiagnosticSink
from tui.core.formats.webanno.layered import Layered, build
from tui.core.formats.webanno.tsv import dumps_webanno, read_tsv


def layered_facts(layered: Layered) -> tuple[Any, ...]:
    def span(index: int) -> tuple[Any, ...]:
        each = layered.spans[index]
        return (each.layer, each.start, each.end, tuple(sorted(each.features)))

    chained = {index for chain in layered.chains for index in chain.links}
    return (
        layered.text,
        sorted(span(i) for i in range(len(layered.spans)) if i not in chained),
        sorted(
            (r.layer, span(r.governor), span(r.dependent), tuple(sorted(r.features)), r.slot)
            for r in layered.relations
        ),
        sorted(tuple(span(i) for i in chain.links) for chain in layered.chains),
    )


def tsv_round_trip(source: str) -> tuple[tuple[Any, ...], tuple[Any, ...] | None, str]:
    """The facts of ``source``, those of its import exported again (None when that does
    not read back), and the exported TSV."""
    sink = DiagnosticSink("in.tsv")
    layered = read_tsv(source, sink)
    assert layered is not None, sink.sorted()
    document = build(layered, "doc", sink)
    assert document is not None, sink.sorted()
    written = dumps_webanno(document)
    again = read_tsv(written, DiagnosticSink("out.tsv"))
    return layered_facts(layered), None if again is None else layered_facts(again), written


def conll_facts(source: str) -> list[list[tuple[str, str]]]:
    """Each sentence's (token, tag) pairs of a two-or-more-column CoNLL file."""
    sentences: list[list[tuple[str, str]]] = [[]]
    for line in source.splitlines():
        if not line.strip():
            if sentences[-1]:
                sentences.append([])
            continue
        cells = line.split()
        if cells[0] == "-DOCSTART-":
            continue
        sentences[-1].append((cells[0], cells[-1]))
    return [s for s in sentences if s]
