"""CAT/CROMER XML (the format of ECB+) → gloss: parse, lay out text, build, write.

* :mod:`.parse` reads one file with a hardened XML parser;
* :mod:`.text` lays out readable text from the tokens, with every token's offset;
* :mod:`.classes` is the table of ECB+ classes and their gloss types;
* :mod:`.build` turns markables and coreference chains into a gloss document;
* :mod:`.plan` plans what ``gloss import cat`` writes.
"""
