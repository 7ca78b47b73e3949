"""When an app writes its frames: the measure every key-latency probe ends on."""

from __future__ import annotations

import time
from typing import Any


def frame_timer(app: Any) -> list[float]:
    """A list that receives the ``perf_counter`` time of every frame ``app`` writes
    (Textual's ``_display`` with something to show); the caller clears it per key."""
    frames: list[float] = []
    display = getattr(app, "_display", None)
    if display is not None:

        def timed_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                frames.append(time.perf_counter())

        app._display = timed_display
    return frames
