""""Did you mean ...?" for mistyped commands and option values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to ``word`` when one is close enough, else ``None``."""
    found = difflib.get_close_matches(word.strip().lower(), list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def closest_hint(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean `x`?)`` or nothing: to append to an error line."""
    match = closest(word, choices)
    return f" (did you mean `{match}`?)" if match else ""
