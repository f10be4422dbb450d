"""A small version-range comparator that reads npm, PEP 440, Maven, Go and image-tag styles.

It answers one question: could the declared version (a pin, a range or a floating tag such as
``redis:7``) be inside a given range? A declared spec becomes an interval of release tuples;
pre-release and build suffixes are ignored. ``None`` means "cannot tell".
"""

from __future__ import annotations

import re

Version = tuple[int, ...]
#: [low, high): ``None`` as high means unbounded.
Interval = tuple[Version, Version | None]

_NUM = re.compile(r"v?(\d+(?:\.\d+)*)(?:\.[xX*])?")
_CLAUSE = re.compile(r"(\^|~=|~>|~|>=|<=|==|!=|=|>|<)?\s*v?(\d+(?:\.(?:\d+|[xX*]))*)")
_UNKNOWN = {"", "*", "latest", "stable", "lts", "main", "master", "edge", "nightly", "x"}


def parse_version(text: str) -> Version | None:
    match = _NUM.match(text.strip())
    return tuple(int(p) for p in match.group(1).split(".")) if match else None


def _bump(version: Version, index: int) -> Version:
    """The next release at ``index``: bump((1, 2, 3), 0) == (2,)."""
    return (*version[:index], version[index] + 1)


def _clause(op: str, raw: str) -> Interval | None:
    parts = raw.split(".")
    digits = [int(p) for p in parts if p.isdigit()]
    if not digits:
        return None
    version = tuple(digits)
    partial = len(digits) < 3 or any(not p.isdigit() for p in parts)
    if op in ("", "=", "=="):
        return (version, _bump(version, len(version) - 1)) if partial else (version,
                                                                             (*version, 1))
    if op == "^":
        first = next((i for i, v in enumerate(version) if v), len(version) - 1)
        return version, _bump(version, min(first, len(version) - 1))
    if op in ("~", "~>", "~="):
        # npm ~1.2.3 -> <1.3; Ruby ~> and PEP 440 ~= free the last given component.
        keep = (1 if len(version) > 1 else 0) if op == "~" else max(len(version) - 2, 0)
        return version, _bump(version, keep)
    if op in (">=", ">"):
        return version, None
    if op == "<":
        return (0,), version
    if op == "<=":
        return (0,), _bump(version, len(version) - 1)
    return None  # != excludes a point: ignore


def _intersect(a: Interval, b: Interval) -> Interval | None:
    low = max(a[0], b[0])
    highs = [h for h in (a[1], b[1]) if h is not None]
    high = min(highs) if highs else None
    return None if high is not None and low >= high else (low, high)


def spec_intervals(spec: str | None) -> list[Interval] | None:
    """Intervals a declared spec allows; ``None`` when it cannot be read."""
    if spec is None:
        return None
    text = spec.strip().lower()
    if text.startswith("npm:") and "@" in text[4:]:
        text = text.rpartition("@")[2]
    if text in _UNKNOWN:
        return None
    result: list[Interval] = []
    for alternative in text.split("||"):
        alternative = alternative.strip()
        if " - " in alternative:  # npm hyphen range
            low, _, high = alternative.partition(" - ")
            alternative = f">={low.strip()} <={high.strip()}"
        clauses = _CLAUSE.findall(alternative)
        if not clauses:
            continue
        interval: Interval | None = ((0,), None)
        if len(clauses) == 1 and not clauses[0][0]:
            # A bare tag or pin: "7.4.1-alpine", "4", "2.x"
            interval = _clause("", clauses[0][1])
        else:
            for op, raw in clauses:
                part = _clause(op, raw)
                if part is not None and interval is not None:
                    interval = _intersect(interval, part)
        if interval is not None:
            result.append(interval)
    return result or None


def _within(inner: Interval, outer: Interval) -> bool:
    if inner[0] < outer[0]:
        return False
    return outer[1] is None or (inner[1] is not None and inner[1] <= outer[1])


def may_satisfy(declared: str | None, ranges: list[str]) -> bool | None:
    """Could ``declared`` fall in any of ``ranges``? ``None`` when the version is unknown."""
    found = range_relation(declared, ranges)
    return None if found is None else found != "no"


def range_relation(declared: str | None, ranges: list[str]) -> str | None:
    """``"inside"`` (every version the spec allows is in a range), ``"overlaps"`` (some are:
    a floating tag such as ``redis:7``), ``"no"``, or ``None`` when the spec is unreadable."""
    mine = spec_intervals(declared)
    if mine is None:
        return None
    theirs = [iv for rng in ranges for iv in spec_intervals(rng) or []]
    if all(any(_within(m, t) for t in theirs) for m in mine):
        return "inside"
    if any(_intersect(m, t) is not None for m in mine for t in theirs):
        return "overlaps"
    return "no"
