"""Realis-like attributes as one glyph beside an event's trigger."""

from __future__ import annotations

import pytest

from tui.core.document.attributes import glyph_for, realis_glyph


@pytest.mark.parametrize(
    ("name", "value", "glyph"),
    [
        ("Negation", "true", "¬"),
        ("Negated", "true", "¬"),
        ("Negation", "false", ""),
        ("Polarity", "Negative", "¬"),
        ("Polarity", "Positive", ""),
        ("Speculation", "true", "?"),
        ("Uncertainty", "true", "?"),
        ("Factuality", "Unknown", "?"),
        ("Factuality", "Possible", "?"),
        ("Factuality", "CT-", "¬"),
        ("Factuality", "CT+", ""),
        ("Realis", "generic", "~"),
        ("Realis", "actual", ""),
        ("Confidence", "Low", ""),
    ],
)
def test_each_attribute_has_its_glyph(name: str, value: str, glyph: str) -> None:
    assert glyph_for(name, value) == glyph


def test_glyphs_come_once_each_in_a_fixed_order() -> None:
    attributes = (("Speculation", "true"), ("Negation", "true"), ("Uncertainty", "true"))
    assert realis_glyph(attributes) == "¬?"
    assert realis_glyph(()) == ""
