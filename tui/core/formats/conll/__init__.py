"""conll import and export (see docs/interop.md)."""
