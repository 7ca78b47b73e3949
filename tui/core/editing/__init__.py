"""Annotating: edits of a document, saving them back into the user's own YAML file, the
history and journal of a session, selections over the text and the choice of types."""
