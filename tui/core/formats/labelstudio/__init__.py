"""Label Studio JSON: import (one gloss file per annotation and per prediction) and export."""

from tui.core.formats.labelstudio.exporting import dumps_labelstudio, to_labelstudio
from tui.core.formats.labelstudio.importing import import_labelstudio

__all__ = ["dumps_labelstudio", "import_labelstudio", "to_labelstudio"]
