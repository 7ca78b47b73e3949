"""brat standoff (``DOC.ann`` + ``DOC.txt``) ↔ gloss.

brat annotates *mentions*; gloss annotates *entities* that have mentions. On import,
text-bound (``T``) annotations are grouped into entities by ``*`` equivalence sets,
by a shared normalisation (``N``) reference and, unless kept apart, by the same type
and text. A discontinuous ``T`` (``0 4;9 14``) becomes one mention per fragment of its
entity. brat counts offsets in the raw ``.txt`` (a BOM and each ``\\r`` of a CRLF
count), gloss after dropping the BOM and turning CRLF into LF: offsets are converted.

Every line is checked; each problem is reported as ``FILE:LINE:COLUMN: error: …``
and all problems of a file are listed at once. See ``docs/interop.md`` for what maps
to what and what is lost.

The parts: :mod:`.parse` (reading ``.ann``), :mod:`.to_gloss` (building the document),
:mod:`.from_gloss` (``.ann`` text for a document), :mod:`.conf` (``annotation.conf`` and
``visual.conf``) and :mod:`.files` (reading and writing the files).
"""

from tui.core.formats.brat.conf import (
    CONF_MARK,
    export_brat_conf,
    plan_brat_conf,
    read_visual_labels,
    write_brat_conf,
)
from tui.core.formats.brat.files import ImportResult, import_brat, plan_brat, write_brat
from tui.core.formats.brat.from_gloss import export_brat
from tui.core.formats.brat.parse import BratAnnotations, parse
from tui.core.formats.brat.to_gloss import SAME_AS_LABELS

__all__ = [
    "CONF_MARK",
    "SAME_AS_LABELS",
    "BratAnnotations",
    "ImportResult",
    "export_brat",
    "export_brat_conf",
    "import_brat",
    "parse",
    "plan_brat",
    "plan_brat_conf",
    "read_visual_labels",
    "write_brat",
    "write_brat_conf",
]
