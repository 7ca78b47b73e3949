"""'Did you mean' hints for misspelt ids, keys and types."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, if one is close enough to be a likely slip."""
    pool = list(dict.fromkeys(candidates))
    if word in pool:
        return None
    by_case = {candidate.casefold(): candidate for candidate in pool}
    if word.casefold() in by_case:
        return by_case[word.casefold()]
    found = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``"; did you mean 'X'?"`` for a near miss, else an empty string."""
    close = nearest(word, candidates)
    return f"; did you mean '{close}'?" if close else ""


def family_members(code: str, codes: Iterable[str]) -> list[str]:
    """Codes of the same ``Family.`` as ``code`` (``Contact.Meeting`` → ``Contact.*``)."""
    family, dot, _rest = code.partition(".")
    if not dot:
        return []
    return sorted(other for other in codes if other.startswith(f"{family}."))


def did_you_mean_type(code: str, codes: Iterable[str]) -> str:
    """Like :func:`did_you_mean`, but a ``Family.Subtype`` code is compared by its subtype
    within its family (the shared family name would make any two look alike)."""
    pool = list(codes)
    family = family_members(code, pool)
    if not family:
        return did_you_mean(code, pool)
    prefix, _dot, subtype = code.partition(".")
    close = nearest(subtype, [member.partition(".")[2] for member in family])
    return f"; did you mean '{prefix}.{close}'?" if close else ""
