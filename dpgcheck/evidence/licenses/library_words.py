"""The words license-expression's tokenizer knows, read from its data without importing it.

The library's first parse costs ~75 ms: 40 ms to import it, 10 ms to read its index, 18 ms
to build the SPDX symbol table and 7 ms for the tokenizer. On real trees the values that
reached it were mostly ones it cannot make anything known of: a Maven licence name
("Mozilla Public License 2.0 with Healthcare Disclaimer"), a version written as a licence
(``sbom-v19.14.0``). Its tokenizer splits a value at spaces and parentheses; a word that is
in no key or alias it knows stays in an unknown symbol, which
:func:`dpgcheck.evidence.licenses.expression.normalise` refuses unless that symbol is a
current SPDX id (newer than the library's list) or a ``LicenseRef-``. Such values are
refused here without the library. A test builds the library's tokenizer and checks that
these are exactly its words.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from dpgcheck.cachedir import content_key, load_derived, store_derived

#: How the library's tokenizer splits (``license_expression._pyahocorasick.get_tokens``).
_WORD = re.compile(r"[^\s()]+")
#: The library's keywords besides the parentheses.
_OPERATORS = ("and", "or", "with")
CACHE_NAME = "license-expression-words"
CACHE_VERSION = 1


def split(value: str) -> list[str]:
    """The words of ``value`` as the library's tokenizer sees them (lower-cased)."""
    return _WORD.findall(value.lower())


def index_path() -> Path | None:
    """The library's vendored licence index (what ``get_spdx_licensing`` reads)."""
    try:
        spec = find_spec("license_expression")
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        return None
    return Path(locations[0]) / "data" / "scancode-licensedb-index.json"


def words_of_index(entries: list[dict[str, object]]) -> frozenset[str]:
    """Every word of the keys and aliases ``build_spdx_licensing`` makes of ``entries``,
    with the operators."""
    known: set[str] = set(_OPERATORS)
    for entry in entries:
        key = entry.get("spdx_license_key")
        if not key or not isinstance(key, str):
            continue
        known.update(split(key))
        for alias in entry.get("other_spdx_license_keys") or []:  # type: ignore[attr-defined]
            if isinstance(alias, str):
                known.update(split(alias))
    return frozenset(known)


@lru_cache(maxsize=1)
def known_words() -> frozenset[str] | None:
    """The library's words, or ``None`` when its index cannot be read (then every value
    goes to the library, as before). Derived once per index and kept in the cache folder:
    reading the index costs ~10 ms, the kept copy well under 1."""
    path = index_path()
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    key = f"{CACHE_VERSION}-{content_key(data)}"
    cached = load_derived(CACHE_NAME, key)
    if isinstance(cached, list):
        return frozenset(cached)
    try:
        entries = json.loads(data)
    except ValueError:
        return None
    if not isinstance(entries, list):
        return None
    known = words_of_index([e for e in entries if isinstance(e, dict)])
    store_derived(CACHE_NAME, key, sorted(known))
    return known
