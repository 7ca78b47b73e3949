"""Rich renderables: how mentions, types and cues are painted."""
