"""The one parser of the values a link carries: each reader accepts exactly the ASCII form it
documents and returns None for anything else, so no URL text ever reaches `int()` unchecked.

`str.isdigit()` is not such a check: it accepts '²' and '٣', which `int()` refuses or reads as
a number the link never showed. Every form here is a full match of an ASCII-only pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

YEAR = re.compile(r"[0-9]{4}")  # a year: exactly four ASCII digits, "2026"
POSITIVE = re.compile(r"[1-9][0-9]{0,2}")  # a count from 1 to 999, no sign or leading zero
MAX_VALUE_CHARS = 100  # no code or name a link carries is longer


def read_year(text: str, low: int, high: int) -> int | None:
    """A four-digit year, moved into [low, high] (a link to 1990-2027 opens from `low`)."""
    if not YEAR.fullmatch(text):
        return None
    return min(max(int(text), low), high)


def read_positive(text: str) -> int | None:
    """A 1-based count such as a story step: 1 to 999."""
    return int(text) if POSITIVE.fullmatch(text) else None


def read_choice(text: str, allowed: Iterable[str]) -> str | None:
    """`text` if it is exactly one of the allowed codes (compared as is: no trimming or case)."""
    if len(text) > MAX_VALUE_CHARS:
        return None
    return text if text in allowed else None
