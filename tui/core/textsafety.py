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

_INVISIBLE_FORMAT = (
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width space/non-joiner/joiner, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\u061c\ufeff\u00ad\u180e"  # Arabic letter mark, BOM/ZWNBSP, soft hyphen, Mongolian vs
    "\u2028\u2029"  # line and paragraph separators (zero cells; some tools break lines there)
    "\ufff9\ufffa\ufffb"  # interlinear annotation anchor, separator, terminator
    "\U000e0001\U000e0020-\U000e007f"  # tag characters: invisible copies of ASCII
)
"""Format characters that change how text reads without showing themselves."""

_PLACEHOLDER_INVISIBLE = "\u2426"  # ␦
_PLACEHOLDER_C1 = "\u2425"  # ␥
_KEEP = "\n"

_HAZARD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f" + _INVISIBLE_FORMAT + "]")


def _placeholder(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return _PLACEHOLDER_C1
    return _PLACEHOLDER_INVISIBLE


def make_visible(text: str, *, keep_newlines: bool = True, keep_tabs: bool = False) -> str:
    """``text`` with every hazardous character replaced by one visible placeholder.

    The result has the same length as ``text``: offsets into one are offsets into the
    other. Newlines are kept (or shown as ␊ when ``keep_newlines`` is false); tabs become
    a space unless ``keep_tabs``.
    """
    if not _HAZARD.search(text) and (keep_newlines or "\n" not in text):
        return text

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if char == "\t":
            return "\t" if keep_tabs else " "
        return _placeholder(char)

    visible = _HAZARD.sub(replace, text)
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
                code, "CONTROL"
            )
        return f"U+{code:04X} {name}"


def find_hazards(text: str, *, allow_tabs: bool = True) -> list[Hazard]:
    """Every character :func:`make_visible` would replace (tabs optionally excepted)."""
    return [
        Hazard(match.start(), match.group())
        for match in _HAZARD.finditer(text)
        if not (allow_tabs and match.group() == "\t")
    ]
