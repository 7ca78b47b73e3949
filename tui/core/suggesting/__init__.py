"""Suggestions: mentions proposed from what the corpus, the file or a pipeline knows."""
