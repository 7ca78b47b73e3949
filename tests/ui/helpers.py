"""What the tests of the highlighting share."""

from __future__ import annotations

VARIABLES = {
    "background": "#121212",
    "text-accent": "#ffa62b",
    "text-primary": "#57a5e2",
    "text-success": "#8ad4a1",
    "text-error": "#d17e92",
    "text-warning": "#ffa62b",
    "text-secondary": "#7aa2c7",
    "primary": "#0178d4",
    "warning": "#ffa62b",
}
"""The theme variables a palette is made from, fixed so the expected colours never change."""
