"""gloss: a terminal reader for annotated articles."""

__version__ = "0.1.0"
