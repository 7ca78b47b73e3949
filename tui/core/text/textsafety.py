"""Keeping text from files inert: no control sequences, no invisible direction changes.

Every character that a terminal would act on (C0/C1 controls, ESC starting CSI/OSC
sequences, DEL) or that hides or reorders text (bidi overrides and isolates,
zero-width characters) is replaced by one visible placeholder *code point*, so the
display string has exactly the length of the original and every highlight offset
stays valid.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters that show nothing yet take part in the text, by Unicode property rather
# than by a list of the ones seen so far. Default_Ignorable_Code_Point is defined by the
# Unicode standard (DerivedCoreProperties.txt) as
#   Other_Default_Ignorable_Code_Point + Cf + Variation_Selector
#   - White_Space - FFF9..FFFB - 13430..13440 - Prepended_Concatenation_Mark;
# the ranges of its two named parts (PropList.txt, Unicode 15) are below. Every format
# character (category Cf, the interlinear annotations and prepended marks included) is
# hidden too, so the set is the union of the three; tests check it against unicodedata.
_OTHER_DEFAULT_IGNORABLE: tuple[tuple[int, int], ...] = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul choseong and jungseong fillers (two cells wide in terminals)
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x2065, 0x2065),
    (0x3164, 0x3164),  # Hangul filler
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0000),
    (0xE0002, 0xE001F),
    (0xE0080, 0xE00FF),
    (0xE01F0, 0xE0FFF),
)
_VARIATION_SELECTORS: tuple[tuple[int, int], ...] = (
    (0x180B, 0x180D),  # Mongolian free variation selectors
    (0x180F, 0x180F),
    (0xFE00, 0xFE0F),
    (0xE0100, 0xE01EF),  # variation selectors supplement
)
_FORMAT_CHARACTERS: tuple[tuple[int, int], ...] = (  # category Cf (Unicode 14, Python 3.11)
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x13438),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
_SEPARATORS: tuple[tuple[int, int], ...] = (
    (0x2028, 0x2029),  # line and paragraph separators (zero cells; some tools break lines there)
)
INVISIBLE_RANGES: tuple[tuple[int, int], ...] = tuple(
    sorted(_OTHER_DEFAULT_IGNORABLE + _VARIATION_SELECTORS + _FORMAT_CHARACTERS + _SEPARATORS)
)
"""Code point ranges shown as ␦: invisible, zero-width or reordering characters."""

_INVISIBLE_FORMAT = "".join(
    f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}"
    for low, high in INVISIBLE_RANGES
)
"""The ranges as a regular-expression character class body."""

_PLACEHOLDER_INVISIBLE = "\u2426"  # ␦
_PLACEHOLDER_C1 = "\u2425"  # ␥
_PLACEHOLDER_SURROGATE = "\ufffd"  # �
_KEEP = "\n"

# Lone surrogates come from file names that are not UTF-8 (Python keeps each bad byte
# as one, U+DC80-U+DCFF): no UTF-8 output can hold them, so printing one would fail.
_HAZARD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff" + _INVISIBLE_FORMAT + "]")
_NEWLINE = re.compile("\n")
_MARKS = frozenset({"Mn", "Me", "Mc"})


def _line_start_marks(text: str) -> list[int]:
    """Offsets of combining marks that begin a line.

    With nothing before it on its line, a mark would combine with whatever the terminal
    drew before the line (a pane border), so it is shown as a placeholder too.
    """
    starts = [0] + [match.end() for match in _NEWLINE.finditer(text)]
    category = unicodedata.category
    return [at for at in starts if at < len(text) and category(text[at]) in _MARKS]


def _placeholder(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return _PLACEHOLDER_C1
    if 0xD800 <= code <= 0xDFFF:
        return _PLACEHOLDER_SURROGATE
    return _PLACEHOLDER_INVISIBLE


def make_visible(text: str, *, keep_newlines: bool = True, keep_tabs: bool = False) -> str:
    """``text`` with every hazardous character replaced by one visible placeholder.

    The result has the same length as ``text``: offsets into one are offsets into the
    other. Newlines are kept (or shown as ␊ when ``keep_newlines`` is false); tabs become
    a space unless ``keep_tabs``.
    """
    marks = _line_start_marks(text)
    if not marks and not _HAZARD.search(text) and (keep_newlines or "\n" not in text):
        return text

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if char == "\t":
            return "\t" if keep_tabs else " "
        return _placeholder(char)

    visible = _HAZARD.sub(replace, text)
    if marks:
        chars = list(visible)
        for at in marks:
            chars[at] = _PLACEHOLDER_INVISIBLE
        visible = "".join(chars)
    if not keep_newlines:
        visible = visible.replace("\n", "\u240a")
    return visible


def one_line(text: str) -> str:
    """A single display line: hazards and line breaks shown as placeholders."""
    return make_visible(text, keep_newlines=False)


@dataclass(frozen=True, slots=True)
class Hazard:
    """A character that will be shown as a placeholder."""

    offset: int
    char: str

    @property
    def name(self) -> str:
        """``U+001B ESCAPE``-style description."""
        code = ord(self.char)
        name = unicodedata.name(self.char, "")
        if not name:
            name = {0x1B: "ESCAPE", 0x07: "BELL", 0x08: "BACKSPACE", 0x0D: "CARRIAGE RETURN"}.get(
                code, "SURROGATE" if 0xD800 <= code <= 0xDFFF else "CONTROL"
            )
        return f"U+{code:04X} {name}"


def find_hazards(text: str, *, allow_tabs: bool = True) -> list[Hazard]:
    """Every character :func:`make_visible` would replace (tabs optionally excepted)."""
    found = [
        Hazard(match.start(), match.group())
        for match in _HAZARD.finditer(text)
        if not (allow_tabs and match.group() == "\t")
    ]
    marks = _line_start_marks(text)
    if marks:
        found = sorted([*found, *(Hazard(at, text[at]) for at in marks)], key=lambda h: h.offset)
    return found


def inert_json(data: object, *, indent: int | None = 2) -> str:
    """JSON that keeps letters readable (``’``, ``é``) but escapes every character a
    terminal would act on or hide (C1 controls, bidi overrides, zero-width marks).

    ``json.dumps`` escapes C0 controls itself, not those; the escapes are plain JSON, so
    a reader gets back exactly the same strings, and the output is safe to print.
    """
    import json

    text = json.dumps(data, ensure_ascii=False, indent=indent)
    hazards = find_hazards(text, allow_tabs=False)
    if not hazards:
        return text
    pieces: list[str] = []
    previous = 0
    for hazard in hazards:
        pieces.append(text[previous : hazard.offset])
        pieces.append(json.dumps(hazard.char)[1:-1])  # \u escapes, surrogate pairs too
        previous = hazard.offset + 1
    pieces.append(text[previous:])
    return "".join(pieces)
