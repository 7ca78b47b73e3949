"""The pure layer of gloss: model, loading, anchoring, dates and formats.

Nothing under this package imports Textual; a test enforces it so that
``gloss check`` and ``gloss export`` start fast and stay usable without a terminal.
"""
