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


def _shape(pattern: str) -> tuple[str, str, str]:
    """What a glob asks for: ``("exact", name, "")``, ``("prefix", head, "")`` (``abc*``),
    ``("suffix", "", tail)`` (``*abc``), ``("both", head, tail)`` (``a*b``), ``("contains",
    part, "")`` (``*abc*``), ``("anything", "", "")`` (``*``), or ``("regex", "", "")``."""
    if not is_glob(pattern):
        return "exact", pattern, ""
    if "?" not in pattern and "[" not in pattern:
        parts = pattern.split("*")
        head, tail = parts[0], parts[-1]
        middle = [p for p in parts[1:-1] if p]
        if not middle:
            if not tail:
                return ("prefix", head, "") if head else ("anything", "", "")
            if not head:
                return "suffix", "", tail
            return "both", head, tail
        if len(middle) == 1 and not head and not tail:
            return "contains", middle[0], ""
    return "regex", "", ""


@lru_cache(maxsize=4096)
def glob_matcher(pattern: str) -> Callable[[str], bool]:
    """A predicate equal to ``fnmatch.fnmatchcase(name, pattern)`` (case-sensitive)."""
    kind, head, tail = _shape(pattern)
    if kind == "exact":
        return pattern.__eq__
    if kind == "prefix":
        return _starts(head)
    if kind == "anything":
        return _anything
    if kind == "suffix":
        return _ends(tail)
    if kind == "both":
        return _both(head, tail)
    if kind == "contains":
        return _contains(head)
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
    return any_matcher(tuple(patterns))(name)


@lru_cache(maxsize=1024)
def any_matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """``matches_any`` for one tuple of globs, as one predicate: exact names are one set
    look-up, prefixes and suffixes one ``startswith`` and one ``endswith`` each, and only
    the other globs a predicate each. A catalogue with a hundred names per ecosystem, asked
    about every dependency, tried each glob in turn (~20 us a dependency)."""
    exact: set[str] = set()
    prefixes: list[str] = []
    suffixes: list[str] = []
    others: list[Callable[[str], bool]] = []
    for pattern in patterns:
        kind, head, tail = _shape(pattern)
        if kind == "exact":
            exact.add(pattern)
        elif kind == "prefix":
            prefixes.append(head)
        elif kind == "suffix":
            suffixes.append(tail)
        else:
            others.append(glob_matcher(pattern))
    starts, ends, rest = tuple(prefixes), tuple(suffixes), tuple(others)

    def matches(name: str) -> bool:
        return (name in exact or name.startswith(starts) or name.endswith(ends)
                or any(m(name) for m in rest))

    return matches
