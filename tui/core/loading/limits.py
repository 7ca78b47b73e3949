"""The largest annotation file and article text gloss reads (a module of its own, so
that code needing only the caps does not import the YAML reader)."""

MAX_YAML_BYTES = 32 * 1024 * 1024
MAX_TEXT_BYTES = 32 * 1024 * 1024
