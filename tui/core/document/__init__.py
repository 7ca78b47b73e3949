"""The domain model: documents, entities, events, dates and diagnostics."""
