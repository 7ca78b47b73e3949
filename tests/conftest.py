"""Settings for every test run."""

from __future__ import annotations

import os
import tempfile

# gloss records the files it writes in its state folder; tests must not add to the
# user's own record, so the whole run keeps its state in a folder of its own.
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="gloss-test-state-")
