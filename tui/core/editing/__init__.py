"""The annotation editor's pure core: edits, saving, history, the journal, selections."""
