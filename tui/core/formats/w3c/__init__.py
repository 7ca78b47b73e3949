"""W3C Web Annotation (JSON-LD) ↔ gloss: one Annotation per mention and per trigger.

Export: each annotation targets the article with a ``TextQuoteSelector`` (exact,
prefix, suffix) and a ``TextPositionSelector`` (code points, as gloss counts them),
so tools can anchor either way. The body names the gloss entity (id, type, name) or
event (id, type, summary, realis, arguments); a declared type adds its label.

Import reads that back, and the common shapes other tools write: a collection
(``first.items`` or ``items``), a page, a list or one annotation; bodies that tag or
classify (``TextualBody`` with ``purpose: tagging``) become one entity per distinct
label and text (:mod:`tui.core.formats.grouping`) unless kept apart. Problems are reported at the
line and column of the JSON object that holds them, every one at once. See ``docs/interop.md``.

The parts: :mod:`.export` (gloss → W3C), :mod:`.json_source` (JSON with positions),
:mod:`.reading` (annotations from the JSON), :mod:`.anchors` (their places in the
text), :mod:`.building` (the gloss document) and :mod:`.importing` (the whole import).
"""

from tui.core.formats.w3c.export import CONTEXT, dumps, to_w3c
from tui.core.formats.w3c.importing import W3CImport, import_w3c
from tui.core.formats.w3c.items import CONTEXT_CHARS

__all__ = ["CONTEXT", "CONTEXT_CHARS", "W3CImport", "dumps", "import_w3c", "to_w3c"]
