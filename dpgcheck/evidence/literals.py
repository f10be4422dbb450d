"""The literal text a regular expression needs, to skip the texts it cannot match.

Python's regex engine scans for a pattern's literal prefix quickly only when the pattern is
case-sensitive; a pattern with ``re.IGNORECASE`` (the catalogues' patterns, written for
READMEs and workflows in any case) is tried at every position of the text. On CKAN's 20
README and doc texts the discoverability patterns took 44 ms that way, and matched in few of
them. Every match of a pattern holds, for one of its top-level alternatives, that
alternative's longest run of literal characters; a text holding none of these runs is not
searched. A substring test is a fast scan in C.

Under ``IGNORECASE`` a literal letter also matches its other cases: the runs are lower-cased
and looked for in the text's :func:`fold`, which lowers it and maps the four characters
outside ASCII that the engine takes for an ASCII letter (a test finds them over every code
point). Runs that hold another character outside ASCII are not used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

#: Shorter runs are found in nearly every text: testing them costs more than it saves.
MIN_RUN = 3
#: The characters outside ASCII that ``re.IGNORECASE`` matches with an ASCII letter, and the
#: letter. ``İ`` lowers to two characters (``i`` and a combining dot), so it is mapped first.
FOLDS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def fold(text: str) -> str:
    """``text`` as an ``IGNORECASE`` literal sees it: lower-cased, the :data:`FOLDS` mapped.
    Lengths may change; only substring tests use it."""
    if not text.isascii():
        for char, letter in FOLDS.items():  # str.translate is ~10 times slower here
            if char in text:
                text = text.replace(char, letter)
    return text.lower()


@lru_cache(maxsize=64)
def _folded(text: str) -> str:
    """One fold per text: a text is tested by many patterns (a string keeps its hash)."""
    return fold(text)


def _runs(items: Any, ignorecase: bool) -> list[str]:
    """The runs of literal characters of one parsed sequence, in order."""
    runs: list[str] = []
    current: list[str] = []
    for op, arg in items:
        char = chr(arg) if op is sre.LITERAL else None
        if char is not None and ignorecase and not char.isascii():
            char = None  # its case equivalents are not worth working out here
        if char is None:
            if current:
                runs.append("".join(current))
            current = []
            continue
        current.append(char.lower() if ignorecase else char)
    if current:
        runs.append("".join(current))
    return runs


def required_runs(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """One literal run for each top-level alternative of ``pattern``, which every match of
    that alternative holds; ``None`` when some alternative has no run of ``MIN_RUN``
    characters (such a pattern is always searched)."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # the engine's private parser changed: no shortcut, same answers
        return None
    ignorecase = bool(pattern.flags & re.IGNORECASE)
    items = list(parsed)
    alternatives = items[0][1][1] if len(items) == 1 and items[0][0] is sre.BRANCH else [items]
    chosen = []
    for alternative in alternatives:
        runs = _runs(alternative, ignorecase)
        best = max(runs, key=len, default="")
        if len(best) < MIN_RUN:
            return None
        chosen.append(best)
    return tuple(dict.fromkeys(chosen))


class Prefiltered:
    """A compiled pattern whose ``search`` and ``finditer`` skip the texts that hold none
    of its :func:`required_runs`; the answers are the pattern's own."""

    __slots__ = ("ignorecase", "pattern", "runs")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.runs = required_runs(pattern)
        self.ignorecase = bool(pattern.flags & re.IGNORECASE)

    def may_match(self, text: str) -> bool:
        if self.runs is None:
            return True
        haystack = _folded(text) if self.ignorecase else text
        return any(run in haystack for run in self.runs)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.may_match(text) else iter(())

    def __getattr__(self, name: str) -> Any:
        """Everything else (``fullmatch`` of a short tag, ``flags``) is the pattern's."""
        return getattr(self.pattern, name)


def prefiltered(pattern: str | re.Pattern[str], flags: int = 0) -> Prefiltered:
    """``pattern`` (compiled with ``flags`` if given as text) behind its literal test."""
    compiled = re.compile(pattern, flags) if isinstance(pattern, str) else pattern
    return Prefiltered(compiled)
