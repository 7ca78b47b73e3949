"""Text primitives: anchoring selectors, sentences, wrapping, safe display."""
