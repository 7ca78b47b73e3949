"""Files gloss reads and writes: the one reader, the one writer, its own folders."""
