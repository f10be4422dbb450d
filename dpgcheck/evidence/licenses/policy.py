"""Which licences are approved for which DPG category, under the DPGA or the OSI policy.

Software: the DPGA's frozen list (``dpga``) or the current OSI list from the SPDX data
(``osi``). Content: Creative Commons without NoDerivatives (NC accepted). Data: the Open
Definition conformant list; NC licences for data are accepted with a warning. Facts come from
``dpgcheck/data/license-policy.json``, which names its sources.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from dpgcheck.datafile import load_json
from dpgcheck.evidence.licenses import expression

POLICIES = ("dpga", "osi")


@lru_cache(maxsize=1)
def _policy() -> dict[str, Any]:
    return load_json("license-policy.json")  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _expanded(kind: str) -> frozenset[str]:
    """A DPGA list with its deprecated spellings expanded to the current ids."""
    families = _policy()["deprecated_families"]
    out: set[str] = set()
    for ident in _policy()[kind]:
        out.add(ident)
        out.update(families.get(ident, []))
    return frozenset(out)


def osi_ids() -> frozenset[str]:
    from dpgcheck.evidence.licenses import reference

    return reference.catalogue().osi


def approved_id(ident: str, category: str, policy: str = "dpga") -> bool:
    """One licence id (never an expression) approved for one category."""
    if ident.startswith("LicenseRef-"):
        return False
    if category == "software":
        return ident in (_expanded("software") if policy == "dpga" else osi_ids())
    if category == "content":
        return ident in _expanded("content")
    if category == "data":
        return ident in _expanded("data") or ident in _policy()["data_warning"]
    if category in ("aimodel", "weights"):
        return any(approved_id(ident, c, policy) for c in ("software", "content", "data"))
    return False


def data_warning(ident: str) -> bool:
    """NC licences on data: the registry holds such data, reviewers ask about it."""
    return ident in _policy()["data_warning"]


def approved(expr: str, category: str, policy: str = "dpga") -> bool:
    """An expression approved for a category: OR needs one branch, AND needs every part."""
    if expression.plain_id(expr):
        return approved_id(expr, category, policy)
    flat = expression.flat_parts(expr)
    if flat is not None:  # ``A OR B OR C``: what ``_evaluate`` gives, without the parser
        operator, ids = flat
        return (any if operator == "OR" else all)(
            approved_id(i, category, policy) for i in ids)
    try:
        parsed = expression.licensing().parse(expr, validate=False)
    except Exception:
        return False
    if parsed is None:
        return False
    return _evaluate(parsed, category, policy)


def _evaluate(node: Any, category: str, policy: str) -> bool:
    from license_expression import LicenseSymbol, LicenseWithExceptionSymbol

    lic = expression.licensing()
    if isinstance(node, LicenseWithExceptionSymbol):
        # An exception only adds permissions: the licence decides.
        return approved_id(node.license_symbol.key, category, policy)
    if isinstance(node, LicenseSymbol):
        return approved_id(node.key, category, policy)
    if isinstance(node, lic.AND):
        return all(_evaluate(arg, category, policy) for arg in node.args)
    if isinstance(node, lic.OR):
        return any(_evaluate(arg, category, policy) for arg in node.args)
    return False


def approved_anywhere(ident: str, policy: str = "dpga") -> bool | None:
    """For the ``approved`` field of one found licence: approved for any category."""
    return any(approved_id(ident, c, policy) for c in ("software", "content", "data"))


@lru_cache(maxsize=1)
def _restricted() -> dict[str, str]:
    return load_json("use-restricted-licenses.json")["restricted"]  # type: ignore[no-any-return]


def restriction(expr: str) -> str | None:
    """Why a licence in ``expr`` is not open although it is published as one (RAIL, Llama,
    Gemma: use restrictions), from ``dpgcheck/data/use-restricted-licenses.json``."""
    for ident in expression.ids_of(expr):
        if ident in _restricted():
            return _restricted()[ident]
    return None
