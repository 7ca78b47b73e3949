"""TimeML 1.2 (TimeBank, AQUAINT, TempEval-3) → gloss documents: ``gloss import timeml``."""
