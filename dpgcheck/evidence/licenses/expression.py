"""SPDX expressions: plain names to ids, parsing, normalising, combining (license-expression).

``GPL-2.0+`` becomes ``GPL-2.0-or-later``, deprecated ``GPL-3.0`` becomes ``GPL-3.0-only``,
"Apache 2.0" becomes ``Apache-2.0`` through dpgcheck's alias table. Odd input never raises:
it gives ``None`` and the caller reports it as unrecognised.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from dpgcheck.datafile import load_json

_KEY_SPACES = re.compile(r"[\s_,\-]+")
_LICENSE_REF = re.compile(r"^LicenseRef-[A-Za-z0-9.\-]+$")


@lru_cache(maxsize=1)
def licensing() -> Any:
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def plain_id(value: str) -> str | None:
    """``value`` if it is one current SPDX licence id as written (``MIT``), else ``None``.

    Most repositories state exactly that; such a value has no structure to parse, so it
    skips building the library's full SPDX symbol table (~60 ms of a small check). Anything
    else (operators, ``+``, deprecated or mis-cased ids) goes through license-expression.
    """
    cat = _catalogue()
    return value if value in cat.ids and value not in cat.deprecated else None


def flat_expression(value: str) -> str | None:
    """``A OR B OR C`` (or all ``AND``) of distinct current SPDX ids as written, as
    license-expression renders it, else ``None``.

    Lock files state many of these (``(MIT OR Apache-2.0)``); on 8 of 12 real trees one such
    value built the library's SPDX symbol table and tokenizer (~25 ms) for nothing more
    than joining the ids again. A mix of operators, ``WITH``, ``+``, repeated or unknown
    ids go through license-expression (a test compares the two on every such shape).
    """
    parts = flat_parts(value)
    return f" {parts[0]} ".join(parts[1]) if parts is not None else None


def flat_parts(value: str) -> tuple[str, list[str]] | None:
    """The operator and the ids of a flat expression (``flat_expression``), else ``None``."""
    parts = value.split()
    if len(parts) < 3 or len(parts) % 2 == 0:
        return None
    operators = set(parts[1::2])
    if len(operators) != 1 or not operators <= {"AND", "OR"}:
        return None
    ids = parts[0::2]
    if len(set(ids)) != len(ids) or not all(plain_id(i) for i in ids):
        return None
    return operators.pop(), ids


def surely_unknown(value: str) -> bool:
    """``value`` holds a word that license-expression knows in no key or alias and that is
    no current SPDX id (in any case) nor a ``LicenseRef-``: the library could only parse it
    into an unknown key, which :func:`normalise` refuses. Answered without building the
    library (``library_words``); ``False`` whenever that cannot be told for sure."""
    from dpgcheck.evidence.licenses import library_words

    known = library_words.known_words()
    if known is None or len(value.lower()) != len(value):
        return False  # the library slices the original text by the lowered text's offsets
    ours = _lowered_ids()
    return any(word not in known and word not in ours and "licenseref" not in word
               for word in library_words.split(value))


@lru_cache(maxsize=1)
def _lowered_ids() -> frozenset[str]:
    return frozenset(i.lower() for i in known_ids())


@lru_cache(maxsize=1)
def _catalogue() -> Any:
    from dpgcheck.evidence.licenses import reference

    return reference.catalogue()


def alias_key(name: str) -> str:
    return _KEY_SPACES.sub(" ", name.strip().lower()).strip()


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    table = load_json("license-aliases.json")
    return {alias_key(k): v for k, v in table["aliases"].items()}


@lru_cache(maxsize=1)
def _cran() -> dict[str, str]:
    table = load_json("license-aliases.json")
    return {alias_key(k): v for k, v in table["cran"].items()}


def from_name(name: str) -> str | None:
    """A plain licence name ("Apache 2.0", "MIT License") as an SPDX id, if known."""
    key = alias_key(name)
    if key in _aliases():
        return _aliases()[key]
    key = re.sub(r"^(?:the |license ::(?: osi approved ::)? )", "", key)
    return _aliases().get(key)


def from_cran(value: str) -> str | None:
    """R DESCRIPTION ``License:`` ("GPL (>= 2)", "MIT + file LICENSE", "GPL-2 | GPL-3")."""
    parts = []
    for alt in value.split("|"):
        alt = re.sub(r"\+\s*file\s+licen[cs]e", "", alt, flags=re.I).strip()
        if not alt:
            continue
        ident = _cran().get(alias_key(alt)) or normalise(alt)
        if ident is None:
            return None
        parts.append(ident)
    return " OR ".join(dict.fromkeys(parts)) if parts else None


def normalise(value: str) -> str | None:
    """An SPDX expression or plain name, normalised; ``None`` if not recognisable."""
    value = value.strip().strip("()").strip() if value.count("(") == 1 else value.strip()
    if not value:
        return None
    named = from_name(value) or plain_id(value) or flat_expression(value)
    if named:
        return named
    if surely_unknown(value):
        return None
    return by_library(value)


def by_library(value: str) -> str | None:
    """What license-expression makes of ``value``: its rendering if every key is known."""
    try:
        parsed = licensing().parse(value, validate=False)
    except Exception:  # license-expression raises many kinds on odd input
        return None
    if parsed is None:
        return None
    keys = licensing().license_keys(parsed)
    known = known_ids()
    for key in keys:
        if key not in known and not _LICENSE_REF.match(key):
            return None
    try:
        return str(parsed.render())
    except Exception:
        return None


@lru_cache(maxsize=1)
def known_ids() -> frozenset[str]:
    """Every current SPDX licence and exception id (from the SPDX bundle)."""
    cat = _catalogue()
    return cat.ids | cat.exceptions  # type: ignore[no-any-return]


def combine(expressions: list[str], operator: str = "AND") -> str | None:
    """Join expressions, each parenthesised, dropping duplicates; simplified by the library."""
    parts = list(dict.fromkeys(e for e in expressions if e))
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    joined = f" {operator} ".join(f"({p})" if " " in p else p for p in parts)
    try:
        return str(licensing().parse(joined, validate=False).simplify().render())
    except Exception:
        return joined


def ids_of(expression: str) -> list[str]:
    """The licence ids (not exceptions) an expression names."""
    if plain_id(expression):
        return [expression]
    try:
        parsed = licensing().parse(expression, validate=False)
    except Exception:
        return []
    if parsed is None:
        return []
    out = []
    for sym in licensing().license_symbols(parsed, decompose=True):
        key = getattr(sym, "key", str(sym))
        if key not in reference_exceptions():
            out.append(key)
    return list(dict.fromkeys(out))


def reference_exceptions() -> frozenset[str]:
    return _catalogue().exceptions  # type: ignore[no-any-return]
