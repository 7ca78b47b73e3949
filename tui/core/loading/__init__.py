"""Reading an annotation file: YAML nodes in, a checked document out."""
