"""Names and ids for CAT entities and events: readable descriptors, the best of a chain's texts."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from tui.core.formats.common import slugify
from tui.core.text.fitting import shorten_at_word

_PRONOUNS = frozenset(
    {
        *("i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours"),
        *("he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their"),
        *("theirs", "this", "that", "these", "those", "who", "whom", "whose", "which"),
        *("himself", "herself", "itself", "themselves", "there", "here", "then", "now"),
    }
)


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "de", "da", "von", "'s"})


_LONGEST_NAME = 120
"""A mention longer than this (a whole sentence, say) is cut for a name or a summary."""


_TOPIC_PREFIX = re.compile(r"^t\d+[a-z]?_")


def readable_descriptor(descriptor: str) -> str:
    """``t1_checking_into_cliffside`` → ``checking into cliffside``."""
    if len(descriptor) <= 200:  # each chain's mentions ask again: short ones remembered
        return _remembered_descriptor(descriptor)
    return _readable_descriptor(descriptor)


@functools.lru_cache(maxsize=4096)
def _remembered_descriptor(descriptor: str) -> str:
    return _readable_descriptor(descriptor)


def _readable_descriptor(descriptor: str) -> str:
    return " ".join(_TOPIC_PREFIX.sub("", descriptor).replace("_", " ").split())


def best_name(texts: Sequence[str]) -> str:
    """The most informative mention: a proper name before a description, a
    description before a pronoun; then the longer (up to five words), then the more
    frequent, then the earlier."""
    counts: dict[str, int] = {}
    for text in texts:
        words = " ".join(text.split())
        if words:
            counts[words] = counts.get(words, 0) + 1
    if not counts:
        return ""
    order = {words: index for index, words in enumerate(counts)}

    def rank(words: str) -> tuple[bool, bool, bool, int, int, int]:
        tokens = words.split()
        content = [t for t in tokens if t.lower() not in _SMALL_WORDS]
        proper = bool(content) and all(t[:1].isupper() or t[:1].isdigit() for t in content)
        return (
            words.lower() not in _PRONOUNS,
            words[:1].isupper(),
            proper,
            min(len(tokens), 5),
            counts[words],
            -order[words],
        )

    return shortened(max(counts, key=rank))


def shortened(words: str) -> str:
    """``words``, cut at a word boundary with an ellipsis when longer than a name may be."""
    return shorten_at_word(words, _LONGEST_NAME)


_remembered_slug = functools.lru_cache(maxsize=8192)(slugify)


def slug(name: str) -> str:
    """Ids are slugs of names and trigger words, which repeat across a corpus ("said"):
    each short one is worked out once (a long one, a whole passage, each time)."""
    return _remembered_slug(name) if len(name) <= 200 else slugify(name)
