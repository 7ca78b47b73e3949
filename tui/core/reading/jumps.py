"""Where the reader was: places, the jump list (back and forward), remembered positions.

A :class:`Place` is an article and what was shown in it: the selected entity and which
of its mentions, or the selected event, and the text offset at the top of the view.

The :class:`JumpList` works as in vim and browsers: every jump records the place it left;
going back returns there (and makes the place it left available going forward); a new
jump after going back drops the forward places.

:class:`PositionStore` remembers the last place per article *content* (a hash of the
annotation file), under ``tui.core.files.places.state_dir()``, written through
``tui.core.files.safewrite``. A missing, corrupt or unwritable file is never an error: the
store works in memory and says what happened in one line (:attr:`PositionStore.notice`).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from tui.core.files.places import state_dir
from tui.core.files.safewrite import WriteRefused, write_file

JUMP_LIMIT = 100
"""Places kept going back (the oldest are dropped)."""
REMEMBERED_LIMIT = 500
"""Articles whose last place is remembered (the least recently read are dropped)."""
POSITIONS_FILE = "positions.json"
_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Place:
    """An article and what was shown in it."""

    path: str
    """The annotation file as the library shows it."""
    offset: int = 0
    """Text offset at the top of the view."""
    entity: str | None = None
    mention: int | None = None
    event: str | None = None

    def same_spot(self, other: Place) -> bool:
        """Whether two places show the same thing (scrolling alone is not a jump)."""
        return (self.path, self.entity, self.mention, self.event) == (
            other.path,
            other.entity,
            other.mention,
            other.event,
        ) and bool(self.entity or self.event or self.offset == other.offset)


class JumpList:
    """Back and forward through the places jumps left."""

    def __init__(self, limit: int = JUMP_LIMIT) -> None:
        self.limit = limit
        self.back_places: list[Place] = []
        self.forward_places: list[Place] = []
        self.arrival: Place | None = None
        """A place an article about to open should show (set before opening it)."""
        self.floor = 0
        """Places below this many were left before the reader now open was opened from a
        list: going back stops above them (and then returns to the list)."""

    def mark(self) -> int:
        """A reader opens from a list: the places so far are below its floor."""
        self.floor = len(self.back_places)
        return self.floor

    def record(self, left: Place) -> None:
        """A jump left ``left``: remember it, forget the way forward."""
        last = self.back_places[-1] if len(self.back_places) > self.floor else None
        if last is not None and last.same_spot(left):
            self.back_places[-1] = left
        else:
            self.back_places.append(left)
        dropped = max(0, len(self.back_places) - self.limit)
        del self.back_places[:dropped]
        self.floor = max(0, self.floor - dropped)
        self.forward_places.clear()

    def back(self, here: Place, *, floor: int = 0) -> Place | None:
        """The place to go back to (None at the start, or at ``floor`` places left);
        ``here`` becomes the way forward."""
        while len(self.back_places) > floor:
            target = self.back_places.pop()
            if not target.same_spot(here):
                self.forward_places.append(here)
                return target
        return None

    def forward(self, here: Place) -> Place | None:
        """The place to go forward to (None at the end); ``here`` goes back on the list."""
        while self.forward_places:
            target = self.forward_places.pop()
            if not target.same_spot(here):
                self.back_places.append(here)
                return target
        return None

    def take_arrival(self, path: str) -> Place | None:
        """The place an article just opened at ``path`` should show, once."""
        arrival, self.arrival = self.arrival, None
        return arrival if arrival is not None and arrival.path == path else None


class PositionStore:
    """The last place in each article, by content hash, kept across runs."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or state_dir()) / POSITIONS_FILE
        self.notice: str | None = None
        """Why the file could not be read or written (one line), once."""
        self._places: dict[str, dict[str, Any]] = {}
        self._writable = True
        self._load()

    def _load(self) -> None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as error:
            self.notice = f"cannot read {self.path} ({error.strerror}); positions are not restored"
            return
        try:
            payload = json.loads(data)
            places = payload["places"] if payload.get("format") == _FORMAT else None
            if not isinstance(places, dict):
                raise ValueError("no places")
            self._places = {
                str(key): dict(value) for key, value in places.items() if isinstance(value, dict)
            }
        except (ValueError, TypeError, KeyError, AttributeError):
            self.notice = f"{self.path} is damaged; ignored it (positions start afresh)"
            self._places = {}

    def recall(self, content: str, path: str) -> Place | None:
        """The last place in the article with this content hash, shown at ``path``."""
        found = self._places.get(content)
        if found is None:
            return None
        try:
            place = Place(
                path=path,
                offset=int(found.get("offset", 0)),
                entity=_text_or_none(found.get("entity")),
                mention=None if found.get("mention") is None else int(found["mention"]),
                event=_text_or_none(found.get("event")),
            )
        except (TypeError, ValueError):
            return None
        return place if place.offset >= 0 and (place.mention or 0) >= 0 else None

    def remember(self, content: str, place: Place) -> None:
        """Keep ``place`` for this content and write the file (failures: one notice)."""
        entry = asdict(replace(place, path=""))
        del entry["path"]
        self._places.pop(content, None)
        self._places[content] = entry
        while len(self._places) > REMEMBERED_LIMIT:
            del self._places[next(iter(self._places))]
        if not self._writable:
            return
        data = json.dumps({"format": _FORMAT, "places": self._places}, indent=0) + "\n"
        try:
            os.makedirs(self.path.parent, exist_ok=True)
            write_file(str(self.path), data)
        except (OSError, WriteRefused) as error:
            self._writable = False
            reason = error.reason if isinstance(error, WriteRefused) else error.strerror
            self.notice = f"cannot save positions to {self.path} ({reason}); kept for this run"


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None
