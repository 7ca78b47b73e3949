"""Conversions between gloss documents and other annotation formats."""
