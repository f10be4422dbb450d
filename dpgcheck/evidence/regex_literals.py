"""The literal text every match of a regular expression holds, for exact pre-filters.

A pattern that starts with ``\\b`` or is case-insensitive gives the regex engine no literal to
skip ahead by, so it is tried at every character of every text. Where the parsed pattern shows
runs of plain characters that any match must contain, a text without them cannot match and
the regex need not run on it; the answer is the same, only cheaper. Everything here reads
Python's own parse of the pattern (``re._parser``), and answers "no filter" when it cannot.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

try:
    from re import _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python whose re keeps its parser elsewhere
    _constants = _parser = None


def _runs(sequence: Any) -> tuple[str, ...]:
    """The runs of consecutive plain characters in one parsed sequence (its top level only:
    what sits inside a group, a class, a repeat or an alternative may be absent)."""
    runs, run = [], ""
    for op, arg in sequence:
        if op is _constants.LITERAL:
            run += chr(arg)
            continue
        runs.append(run)
        run = ""
    return tuple(r for r in (*runs, run) if r)


def _parsed(pattern: str, flags: int) -> Any:
    if _parser is None:
        return None
    try:
        return _parser.parse(pattern, flags)
    except Exception:  # an error is the compiler's to report, not this filter's
        return None


def required_runs(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Runs of literal characters every match holds as they are (case-sensitive patterns)."""
    parsed = _parsed(pattern, flags)
    return () if parsed is None else _runs(parsed)


def _ways(pattern: str, flags: int) -> list[tuple[str, ...]] | None:
    """The runs all matches through one branch of the pattern's top-level ``|`` hold (the
    runs around it, and that branch's own); one way when there is no such ``|``. ``None``
    when some way needs no literal."""
    parsed = _parsed(pattern, flags)
    if parsed is None:
        return None
    around = _runs(parsed)
    branches = [arg[1] for op, arg in parsed if op is _constants.BRANCH]
    ways = [(*around, *_runs(branch)) for branch in branches[0]] if len(branches) == 1 \
        else [around]
    return None if any(not runs for runs in ways) else ways


def required_words(pattern: str, flags: int = 0) -> tuple[tuple[str, ...], ...] | None:
    """For a case-insensitive pattern: alternatives (``_ways``), each the lower-cased runs
    that all occur in any match through it. A text whose ``lowered`` form holds every run of
    no alternative cannot match. ``None`` when some way through needs no literal, or a run
    is not ASCII (no filter)."""
    ways = _ways(pattern, flags)
    if ways is None or not all(run.isascii() for runs in ways for run in runs):
        return None
    return tuple(tuple(run.lower() for run in runs) for runs in ways)


def leading_runs(pattern: str, flags: int = 0) -> tuple[tuple[str, bool], ...] | None:
    """Literal runs one of which every match starts with, after zero-width assertions
    (``\\b``), each with whether it is matched in any case (then lower-cased): such a
    pattern need only be tried where one of them occurs. ``None`` when a match may start
    otherwise, a run has fewer than 3 characters, or a run matched in any case is not
    ASCII."""
    parsed = _parsed(pattern, flags)
    runs = _leading(list(parsed), bool(flags & re.IGNORECASE)) if parsed is not None else None
    if not runs or any(len(run) < 3 or (folded and not run.isascii()) for run, folded in runs):
        return None
    return tuple(dict.fromkeys((run.lower() if folded else run, folded)
                               for run, folded in runs))



def _leading(items: list[Any], folded: bool) -> list[tuple[str, bool]] | None:
    at = 0
    while at < len(items) and items[at][0] is _constants.AT:
        at += 1  # \\b, ^, $: they match no character
    if at == len(items):
        return None
    op, arg = items[at]
    if op is _constants.LITERAL:
        run = ""
        for op, arg in items[at:]:
            if op is not _constants.LITERAL:
                break
            run += chr(arg)
        return [(run, folded)]
    if op is _constants.BRANCH:
        runs: list[tuple[str, bool]] = []
        for alternative in arg[1]:
            found = _leading(list(alternative), folded)
            if found is None:
                return None
            runs += found
        return runs
    if op is _constants.SUBPATTERN:  # a group, perhaps turning ignoring case on or off
        _, add, remove, inner = arg
        return _leading(list(inner), (folded or bool(add & re.IGNORECASE))
                        and not remove & re.IGNORECASE)
    return None


#: The characters case-insensitive matching pairs with an ASCII letter that ``str.lower``
#: does not turn into that letter (``ſ`` matches ``s``; the Kelvin sign is fine: its lower
#: case is ``k``). ``tests/evidence/test_notice_prefilter.py`` recomputes them on the running
#: Python, whose Unicode tables may add some.
FOLDS_TO_ASCII = "\u0130\u0131\u017f"


def folds_to_ascii(text: str) -> bool:
    """Does ``text`` hold one of ``FOLDS_TO_ASCII``? Only then can a literal search of its
    lower case miss what a case-insensitive pattern of ASCII letters matches in it. Other
    characters, the ``©`` of a copyright line, change nothing: a character a pattern's ASCII
    letter matches either is that letter in some case or lowers to it."""
    return not text.isascii() and any(c in text for c in FOLDS_TO_ASCII)


def lowered(text: str) -> str | None:
    """``text`` in lower case, for ``may_match``; ``None`` when it ``folds_to_ascii``, where
    the lower case would hide a match (the text is always tried)."""
    return None if folds_to_ascii(text) else text.lower()


def may_match(words: tuple[tuple[str, ...], ...] | None, lowered: str | None) -> bool:
    """Can a pattern needing ``words`` (``required_words``) match the text whose
    ``lowered`` form this is (``None``: it is always tried)?"""
    if words is None or lowered is None:
        return True
    return any(all(run in lowered for run in runs) for runs in words)


@lru_cache(maxsize=64)
def _lowered_once(text: str) -> str | None:
    """``lowered``, once per text: a text is tried by many patterns (a string keeps its
    hash, so finding it again costs nothing)."""
    return lowered(text)


class Prefiltered:
    """A compiled pattern whose ``search`` and ``finditer`` skip the texts that cannot
    match it: a case-insensitive one needs its ``required_words`` in the text's lower case,
    a case-sensitive one its runs as they are. The answers are the pattern's own.

    For the catalogues' patterns, written for READMEs and workflows in any case: the
    discoverability plugin's took 44 of CKAN's 60 ms, tried at every position of ~20 texts
    and matching in few; the SDG goals (alternations of phrases) ~80% of the SDG scan."""

    __slots__ = ("ignorecase", "pattern", "ways")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.ignorecase = bool(pattern.flags & re.IGNORECASE)
        ways = (required_words(pattern.pattern, pattern.flags) if self.ignorecase
                else _ways(pattern.pattern, pattern.flags))
        # the longest run first: the rarest, so most texts are turned down by one scan
        self.ways = None if ways is None else tuple(
            tuple(sorted(runs, key=len, reverse=True)) for runs in ways)

    def may_match(self, text: str) -> bool:
        if self.ways is None:
            return True
        haystack = _lowered_once(text) if self.ignorecase else text
        if haystack is None:
            return True  # see ``lowered``
        # ways share runs (a goal's phrases end in the same word): each looked for once
        found: dict[str, bool] = {}
        for runs in self.ways:
            for run in runs:
                present = found.get(run)
                if present is None:
                    present = found[run] = run in haystack
                if not present:
                    break
            else:
                return True
        return False

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.may_match(text) else iter(())

    def __getattr__(self, name: str) -> Any:
        """Everything else (``fullmatch`` of a short tag, ``flags``) is the pattern's."""
        return getattr(self.pattern, name)
