"""xmi import and export (see docs/interop.md)."""
