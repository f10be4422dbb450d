"""``fnmatch.fnmatchcase`` without a regular expression for the globs catalogues really use.

Catalogues name hundreds of globs (``@dhis2/*``, ``org.openmrs*``, ``*.graphql``); compiling
each with ``fnmatch.translate`` + ``re.compile`` cost a fifth of a full check of a small
repository. Globs made of literals and ``*`` alone become string tests (equality, prefix,
suffix, substring); anything else (``?``, ``[...]``, several inner stars) still gets the
regular expression. Same answers as ``fnmatchcase`` (a property test compares them).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from functools import lru_cache


def is_glob(pattern: str) -> bool:
    return "*" in pattern or "?" in pattern or "[" in pattern


@lru_cache(maxsize=4096)
def glob_matcher(pattern: str) -> Callable[[str], bool]:
    """A predicate equal to ``fnmatch.fnmatchcase(name, pattern)`` (case-sensitive)."""
    if not is_glob(pattern):
        return pattern.__eq__
    if "?" not in pattern and "[" not in pattern:
        parts = pattern.split("*")
        head, tail = parts[0], parts[-1]
        middle = [p for p in parts[1:-1] if p]
        if not middle:
            if not tail:
                return _starts(head) if head else _anything  # "abc*", "*"
            if not head:
                return _ends(tail)  # "*abc"
            return _both(head, tail)  # "a*b"
        if len(middle) == 1 and not head and not tail:
            return _contains(middle[0])  # "*abc*"
    match = re.compile(fnmatch.translate(pattern)).match
    return lambda name: match(name) is not None


def _anything(name: str) -> bool:
    return True


def _starts(head: str) -> Callable[[str], bool]:
    return lambda name: name.startswith(head)


def _ends(tail: str) -> Callable[[str], bool]:
    return lambda name: name.endswith(tail)


def _contains(part: str) -> Callable[[str], bool]:
    return lambda name: part in name


def _both(head: str, tail: str) -> Callable[[str], bool]:
    least = len(head) + len(tail)
    return lambda name: len(name) >= least and name.startswith(head) and name.endswith(tail)


def matches_any(name: str, patterns: tuple[str, ...] | list[str]) -> bool:
    """``fnmatchcase`` against any of ``patterns``."""
    return any(glob_matcher(p)(name) for p in patterns)
