"""What realis-like attributes (negation, speculation, factuality) look like in one glyph.

brat corpora mark events as negated or speculated (``A1 Negation E1``), FactBank and
Rich ERE give factuality values (``Unknown``, ``Possible``, ``CT-``); the reader puts
one short glyph beside the trigger so these stand out without reading the details.
"""

from __future__ import annotations

from tui.core.document.model import REALIS_LIKE_ATTRIBUTES, Attributes

NEGATED = "¬"
UNCERTAIN = "?"
GENERIC = "~"

_OFF = frozenset({"false", "no", "none", "0", "positive", "actual", "certain", "ct+", "fact"})
_NEGATIVE_VALUES = frozenset({"negative", "neg", "ct-", "pr-", "ps-", "counterfact", "negated"})
_UNCERTAIN_VALUES = frozenset(
    {"unknown", "possible", "probable", "uncertain", "hypothetical", "pr+", "ps+", "u", "uu"}
    | {"speculated", "speculation", "planned", "other", "conditional", "future"}
)
_NEGATION_NAMES = frozenset({"negation", "negated", "polarity"})


def glyph_for(name: str, value: str) -> str:
    """The glyph of one attribute, or ``""`` when it says nothing unusual."""
    folded, low = name.lower(), value.strip().lower()
    if folded not in REALIS_LIKE_ATTRIBUTES or low in _OFF:
        return ""
    if folded in _NEGATION_NAMES:
        return NEGATED if folded != "polarity" or low in _NEGATIVE_VALUES else ""
    if low in _NEGATIVE_VALUES:
        return NEGATED
    if low == "generic":
        return GENERIC
    if folded in ("realis", "factuality", "modality", "certainty") and low not in (
        _UNCERTAIN_VALUES
    ):
        return ""
    return UNCERTAIN


def realis_glyph(attributes: Attributes) -> str:
    """The glyphs of every realis-like attribute, each once, in a fixed order."""
    found = {glyph_for(name, value) for name, value in attributes}
    return "".join(glyph for glyph in (NEGATED, UNCERTAIN, GENERIC) if glyph in found)
