"""Sort a dependency's stated licence into a category (``data/dependency-licenses.yaml``).

An SPDX expression is parsed by license-expression: ``OR`` takes the least restrictive
branch (the user may choose it), ``AND`` the most restrictive part, ``WITH`` the licence's
own category. A text that is no expression (``SEE LICENSE IN EULA.md``, "Commons Clause") is
sorted by the data file's patterns, else it is ``unrecognised``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import Any

from dpgcheck.datafile import load_yaml

DATA = "dependency-licenses.yaml"
#: From least to most restrictive; the order AND and OR combine by.
ORDER = ("permissive", "weak-copyleft", "strong-copyleft", "not-approved", "source-available",
         "proprietary", "no-license")
UNRECOGNISED = "unrecognised"
UNKNOWN = "unknown"
#: What indicator 4 flags on a runtime dependency (a reviewer will ask for the alternative).
FLAGGED = frozenset({"not-approved", "source-available", "proprietary", "no-license"})
#: Statements that say nothing (SPDX NOASSERTION, PyPI's UNKNOWN).
_SILENT = frozenset({"noassertion", "unknown", "other", "see license", "n/a", "-"})


@dataclass(frozen=True)
class Sorted:
    """A statement's normalised expression (``None`` when not an SPDX expression) and
    category."""

    expression: str | None
    category: str


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data = load_yaml(DATA)
    for name in ("source-available", "proprietary", "no-license"):
        data[name]["compiled"] = [re.compile(p, re.I) for p in data[name].get("patterns", [])]
    return data  # type: ignore[no-any-return]


def _in(ident: str, globs: list[str]) -> bool:
    return any(fnmatchcase(ident, g) for g in globs)


def category_of_id(ident: str, policy: str = "dpga") -> str:
    """One licence id (``GPL-3.0-only``, ``LicenseRef-Proprietary``)."""
    from dpgcheck.evidence.licenses.policy import approved_anywhere, osi_ids

    data = _data()
    for name in ("no-license", "proprietary", "source-available"):
        if _in(ident, data[name]["ids"]):
            return name
    if _in(ident, data["strong-copyleft"]):
        return "strong-copyleft"
    if _in(ident, data["weak-copyleft"]):
        return "weak-copyleft"
    if ident.startswith("LicenseRef-"):
        return _by_pattern(ident.removeprefix("LicenseRef-").replace("-", " ")) or UNRECOGNISED
    if ident in data["open_extra"] or approved_anywhere(ident, policy) or ident in osi_ids():
        return "permissive"
    return "not-approved"


def _by_pattern(text: str) -> str | None:
    data = _data()
    for name in ("no-license", "source-available", "proprietary"):
        if any(p.search(text) for p in data[name]["compiled"]):
            return name
    return None


@lru_cache(maxsize=4096)
def sort_statement(text: str, policy: str = "dpga") -> Sorted | None:
    """The category of one stated licence; ``None`` when the statement says nothing."""
    from dpgcheck.evidence.licenses.expression import normalise

    stripped = text.strip()
    if stripped.lower() in _SILENT:
        return None
    if stripped.upper() == "NONE":
        return Sorted(None, "no-license")
    expr = normalise(stripped)
    if expr is None:
        return Sorted(None, _by_pattern(stripped) or UNRECOGNISED)
    # A rider that is no SPDX id (``Apache-2.0 WITH Commons-Clause``) fails to normalise
    # above, so the patterns decide it; a valid expression is judged part by part.
    return Sorted(expr, _evaluate_expression(expr, policy))


def _evaluate_expression(expr: str, policy: str) -> str:
    from dpgcheck.evidence.licenses.expression import flat_parts, licensing, plain_id

    if plain_id(expr) or " " not in expr:
        return category_of_id(expr, policy)
    flat = flat_parts(expr)
    if flat is not None:  # ``A OR B OR C``: what ``_walk`` gives, without the parser
        operator, ids = flat
        return (min if operator == "OR" else max)(
            (category_of_id(i, policy) for i in ids), key=_rank)
    try:
        parsed = licensing().parse(expr, validate=False)
    except Exception:
        return UNRECOGNISED
    return _walk(parsed, policy) if parsed is not None else UNRECOGNISED


def _rank(category: str) -> int:
    # Unrecognised parts rank between copyleft and the flagged ones: unknown, not known bad.
    return ORDER.index(category) if category in ORDER else 2.5  # type: ignore[return-value]


def _walk(node: Any, policy: str) -> str:
    from license_expression import LicenseSymbol, LicenseWithExceptionSymbol

    from dpgcheck.evidence.licenses.expression import licensing

    lic = licensing()
    if isinstance(node, LicenseWithExceptionSymbol):
        return category_of_id(node.license_symbol.key, policy)
    if isinstance(node, LicenseSymbol):
        return category_of_id(node.key, policy)
    parts = [_walk(arg, policy) for arg in getattr(node, "args", ())]
    if not parts:
        return UNRECOGNISED
    if isinstance(node, lic.OR):
        return min(parts, key=_rank)
    return max(parts, key=_rank)
