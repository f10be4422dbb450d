"""One discoverability signal: present, missing (with its fix) or not applicable.

Each signal is a ``Finding`` declared in ``findings.py``: pass when present, warning when
missing (with its declared fix), not-applicable when it cannot apply (forge facts in local
mode, accessibility without a user interface).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from dpgcheck_indicators.discoverability.findings import FINDINGS

from dpgcheck.api import Evidence, Finding, Status, signals


def present(signal: str, message: str, evidence: Iterable[Evidence] = ()) -> Finding:
    return FINDINGS.create(signal, Status.PASS, message, evidence)


def missing(signal: str, message: str, evidence: Iterable[Evidence] = (), *,
            case: str | None = None, **fields: Any) -> Finding:
    """A missing signal with its declared fix (for ``case``, placeholders from ``fields``)."""
    return FINDINGS.create(signal, Status.WARNING, message, evidence, case=case, **fields)


def not_applicable(signal: str, message: str) -> Finding:
    return FINDINGS.create(signal, Status.NOT_APPLICABLE, message)


def line_of(text: str, match: re.Match[str]) -> int:
    """The 1-based line where a match starts."""
    return text.count("\n", 0, match.start()) + 1


def first_match(text: str, regexes: Iterable[re.Pattern[str] | signals.Prefiltered]
                ) -> re.Match[str] | None:
    """The earliest match of any of the regexes in the text."""
    best: re.Match[str] | None = None
    for regex in regexes:
        m = regex.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    return best


def first_quoted(texts: Iterable[tuple[str, str]],
                 regexes: Iterable[re.Pattern[str] | signals.Prefiltered]
                 ) -> tuple[str, Evidence] | None:
    """The first ``(path, text)`` where a regex matches, with the match quoted as evidence."""
    regexes = tuple(regexes)
    for path, text in texts:
        m = first_match(text, regexes)
        if m:
            return path, Evidence(m.group(0)[:120], path=path, line=line_of(text, m))
    return None
