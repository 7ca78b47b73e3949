"""A gloss document as CoNLL NER (two columns, IOB2/IOB1/BIOES) or CoNLL-U.

Tokens are what the text's white space separates, cut where a mention starts or ends;
each line of the text is a sentence (an empty line, in CoNLL-U, a new paragraph). A
text imported from CoNLL was built that way, so its tokens and sentences come back.
CoNLL tags cannot nest: where mentions overlap, the one starting first (the longer
at one start) is written and the other is not (:func:`dropped` counts them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tui.core.document.model import Document
from tui.core.formats.common import export_label

SCHEMES = ("iob2", "iob1", "bioes")


def sentences(text: str, cuts: set[int]) -> Iterator[tuple[bool, list[tuple[int, int]]]]:
    """``(starts a paragraph, tokens)`` for each line of ``text`` that has a token."""
    line_start = 0
    paragraph = False
    for line in text.split("\n"):
        tokens: list[tuple[int, int]] = []
        for found in re.finditer(r"\S+", line):
            start, end = line_start + found.start(), line_start + found.end()
            inner = sorted(c for c in cuts if start < c < end)
            tokens.extend(zip([start, *inner], [*inner, end], strict=True))
        if tokens:
            yield paragraph, tokens
            paragraph = False
        elif line_start:
            paragraph = True
        line_start += len(line) + 1


def _labelled(document: Document) -> tuple[list[tuple[int, int, str]], int]:
    """The mentions written (start, end, label), without overlaps, and how many were not."""
    labels = {
        code: export_label(code, info, event=False, builtin=None)
        for code, info in document.entity_types.items()
    }
    chosen: list[tuple[int, int, str]] = []
    dropped = 0
    last_end = -1
    for mention in sorted(document.mentions, key=lambda m: (m.span.start, -m.span.end)):
        if mention.span.start < last_end:
            dropped += 1
            continue
        entity = document.entity_by_id[mention.entity_id]
        label = re.sub(r"\s+", "_", labels.get(entity.type, entity.type))
        chosen.append((mention.span.start, mention.span.end, label))
        last_end = mention.span.end
    return chosen, dropped


def dropped(document: Document) -> int:
    """How many mentions a CoNLL export leaves out because they overlap another."""
    return _labelled(document)[1]


def _tags(
    tokens: list[tuple[int, int]], labelled: list[tuple[int, int, str]], scheme: str
) -> list[str]:
    tags = ["O"] * len(tokens)
    index = 0
    previous_label: str | None = None
    previous_end = -1
    for start, end, label in labelled:
        inside = [i for i, (a, b) in enumerate(tokens) if a >= start and b <= end]
        if not inside:
            continue
        for position, token in enumerate(inside):
            first, last = position == 0, position == len(inside) - 1
            if scheme == "bioes":
                mark = "S" if first and last else "B" if first else "E" if last else "I"
            elif scheme == "iob1":
                adjacent = previous_label == label and previous_end == inside[0] - 1
                mark = "B" if first and adjacent else "I"
            else:
                mark = "B" if first else "I"
            tags[token] = f"{mark}-{label}"
        previous_label, previous_end = label, inside[-1]
        index += 1
    return tags


def dumps_conll(document: Document, flavour: str = "ner", scheme: str = "iob2") -> str:
    """The document as CoNLL: ``ner`` (token, tag) or ``u`` (CoNLL-U, tags in MISC)."""
    text = document.text
    labelled, _ = _labelled(document)
    cuts = {offset for start, end, _ in labelled for offset in (start, end)}
    out: list[str] = []
    if flavour == "u":
        out.append(f"# newdoc id = {document.info.id}")
    for number, (paragraph, tokens) in enumerate(sentences(text, cuts), start=1):
        inside = [item for item in labelled if item[0] < tokens[-1][1] and item[1] > tokens[0][0]]
        tags = _tags(tokens, inside, scheme)
        if flavour == "u":
            if paragraph or number == 1:
                out.append("# newpar")
            out.append(f"# sent_id = {number}")
            out.append("# text = " + text[tokens[0][0] : tokens[-1][1]])
            for index, ((start, end), tag) in enumerate(zip(tokens, tags, strict=True), start=1):
                misc = []
                if index < len(tokens) and tokens[index][0] == end:
                    misc.append("SpaceAfter=No")
                if tag != "O":
                    misc.append(f"NER={tag}")
                form = text[start:end]
                out.append(
                    "\t".join([str(index), form, *(["_"] * 7), "|".join(misc) if misc else "_"])
                )
        else:
            for (start, end), tag in zip(tokens, tags, strict=True):
                out.append(f"{text[start:end]} {tag}")
        out.append("")
    return "\n".join(out) + "\n"
