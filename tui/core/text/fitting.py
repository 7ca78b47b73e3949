"""Cutting names to a width with an ellipsis while keeping different names different."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.core.text.wrapping import char_width

ELLIPSIS = "…"


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes."""
    return sum(char_width(char) for char in text)


def _head(text: str, cells: int) -> str:
    used = 0
    for index, char in enumerate(text):
        used += char_width(char)
        if used > cells:
            return text[:index]
    return text


def _tail(text: str, cells: int) -> str:
    used = 0
    for index in range(len(text) - 1, -1, -1):
        used += char_width(text[index])
        if used > cells:
            return text[index + 1 :]
    return text


def cut_end(text: str, width: int) -> str:
    """``text`` if it fits in ``width`` cells, else its start and an ellipsis."""
    if cell_width(text) <= width:
        return text
    if width <= 0:
        return ""
    return _head(text, width - 1).rstrip() + ELLIPSIS


def shorten(text: str, limit: int = 40) -> str:
    """``text`` if it has at most ``limit`` characters, else its start and an ellipsis.

    Counts characters, not cells: for quotes in messages, whose width no one lays out.
    """
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def short_repr(text: str, limit: int = 40) -> str:
    """:func:`shorten`, quoted as Python does (so invisible characters show as escapes)."""
    return repr(shorten(text, limit))


def shorten_at_word(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` characters, else cut at a space and an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + ELLIPSIS


def cut_middle(text: str, width: int) -> str:
    """``text`` if it fits, else its start, an ellipsis and its end (the end often differs)."""
    if cell_width(text) <= width:
        return text
    if width <= 2:
        return cut_end(text, width)
    room = width - 1
    head = room - room // 2
    return _head(text, head) + ELLIPSIS + _tail(text, room - head)


def _first_difference(text: str, others: Sequence[str]) -> int:
    best = 0
    for other in others:
        index = 0
        while index < len(text) and index < len(other) and text[index] == other[index]:
            index += 1
        best = max(best, index)
    return best


def cut_around(text: str, at: int, width: int) -> str:
    """A window of ``text`` showing position ``at``, with an ellipsis on each cut side."""
    if cell_width(text) <= width:
        return text
    if width <= 3:
        return cut_end(text, width)
    head = _head(text, max(1, (width - 2) // 4)).rstrip()
    # Start the window at the word where the names part, so it reads as words.
    word_start = text.rfind(" ", 0, at) + 1
    start = max(len(head), word_start if at - word_start < width // 2 else at)
    window = _head(text[start:], width - 1 - cell_width(head) - (1 if start > len(head) else 0))
    middle = (ELLIPSIS if start > len(head) else "") + window
    rest = text[start + len(window) :]
    return head + middle + (ELLIPSIS if rest else "")


def fit_names(names: Sequence[str], width: int) -> list[str]:
    """Each name cut to ``width`` cells; names that would look the same after a plain cut
    show their middle or the place where they differ instead."""
    fitted = [cut_end(name, width) for name in names]
    groups: dict[str, list[int]] = {}
    for index, short in enumerate(fitted):
        groups.setdefault(short, []).append(index)
    for indexes in groups.values():
        distinct_names = {names[i] for i in indexes}
        if len(distinct_names) < 2:
            continue
        middles = [cut_middle(names[i], width) for i in indexes]
        if len(set(middles)) == len(distinct_names):
            for i, short in zip(indexes, middles, strict=True):
                fitted[i] = short
            continue
        for i in indexes:
            others = [names[j] for j in indexes if names[j] != names[i]]
            fitted[i] = cut_around(names[i], _first_difference(names[i], others), width)
    return fitted


_PARTS = re.compile(r"[^_.\-\s]+")


def distinct_suffixes(names: Sequence[str]) -> dict[str, str]:
    """Each name's shortest ending, in whole parts (``_``, ``.``, ``-`` part them), that
    no other name holds as parts: ``HUMAN_PART_PER`` → ``PER`` and ``TIME_DATE`` →
    ``DATE`` when no other name has a part ``PER`` or ``DATE``. ``NON_HUMAN_PART`` stays
    whole beside ``HUMAN_PART_PER`` (``PART`` would read as that one's), and so does a
    name no ending tells apart, so no two names ever get the same short form."""
    ordered = list(dict.fromkeys(names))
    parts = {name: [m.group() for m in _PARTS.finditer(name)] for name in ordered}
    starts = {name: [m.start() for m in _PARTS.finditer(name)] for name in ordered}
    shorts: dict[str, str] = {}
    for name in ordered:
        shorts[name] = name
        for count in range(1, len(parts[name])):
            ending = parts[name][-count:]
            if not any(other != name and _holds(parts[other], ending) for other in ordered):
                shorts[name] = name[starts[name][-count] :]
                break
    return shorts


def _holds(parts: list[str], run: list[str]) -> bool:
    """Whether ``run`` occurs in ``parts`` as consecutive parts."""
    size = len(run)
    return any(parts[at : at + size] == run for at in range(len(parts) - size + 1))


def fit_type_names(names: Sequence[str], width: int) -> dict[str, str]:
    """Each type name as shown in ``width`` cells: whole when it fits, else its short
    form (:func:`distinct_suffixes`) when that fits, else that cut apart from the
    others (:func:`fit_names`)."""
    ordered = list(dict.fromkeys(names))
    shorts = distinct_suffixes(ordered)
    shown = {}
    for name in ordered:
        shown[name] = name if cell_width(name) <= width else shorts[name]
    too_wide = [name for name in ordered if cell_width(shown[name]) > width]
    for name, cut in zip(too_wide, fit_names([shown[n] for n in too_wide], width), strict=True):
        shown[name] = cut
    return shown


def fit_with_suffix(
    name: str, suffixes: Sequence[str], room: int, keep: int = 8
) -> tuple[str, str]:
    """``name`` cut to share ``room`` cells with the first of ``suffixes`` (longest first)
    that leaves the name at least ``keep`` cells (or the whole name, if shorter); else
    with the last suffix, the name cut to what remains (never below one cell and its
    ellipsis). Returns the name shown and the suffix."""
    wanted = min(cell_width(name), keep)
    for suffix in suffixes[:-1]:
        if room - cell_width(suffix) >= wanted:
            return cut_end(name, room - cell_width(suffix)), suffix
    suffix = suffixes[-1] if suffixes else ""
    return cut_end(name, max(2, room - cell_width(suffix))), suffix
