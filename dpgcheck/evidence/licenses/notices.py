"""Short licence notices ("Licensed under the Apache License, Version 2.0 ...").

A notice names a licence without carrying its text; it is also where "or later" lives for the
GPL family, never in the GPL's own how-to-apply appendix (callers pass the text cut at
"END OF TERMS AND CONDITIONS").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dpgcheck import __version__
from dpgcheck.cachedir import content_key, load_derived, store_derived
from dpgcheck.datafile import load_json
from dpgcheck.evidence.regex_literals import lowered, may_match, required_words

_COMMENT = re.compile(r"^[ \t]*(?:#+|//+|/?\*+/?|;+|--|%+|rem\b|'|!)[ \t]?", re.M | re.I)
_SPACES = re.compile(r"\s+")
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\([^)\s]{1,500}\)")


@dataclass(frozen=True)
class Notice:
    spdx: str
    offset: int  # character offset in the flattened text
    text: str


Words = tuple[tuple[str, ...], ...] | None


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, str, Words], ...]:
    """Each notice pattern (its source: ``_compiled`` when a text may match it), its
    licence, and the words a match needs (``required_words``): a text holding none of them
    is not searched, and most patterns meet no such text (compiling all 41: ~5 ms a run)."""
    items = load_json("license-notices.json")["notices"]
    return tuple((item["re"], item["spdx"], words)
                 for item, words in zip(items, _needed_words(items), strict=True))


@lru_cache(maxsize=128)
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source, re.I)


def _needed_words(items: list[dict[str, str]]) -> list[Words]:
    """``required_words`` of each pattern, kept in the cache folder: reading Python's parse of
    41 patterns costs ~5 ms a run, about what the filter saves on a tree with few notices."""
    # dpgcheck's version is part of the key: the words are derived by its code, not only
    # from the patterns, and another version may derive them differently.
    patterns = "\0".join(item["re"] for item in items).encode("utf-8")
    key = f"{__version__}-{content_key(patterns)}"
    cached = load_derived("notice-words", key)
    if isinstance(cached, list) and len(cached) == len(items):
        return cached
    words = [required_words(item["re"]) for item in items]
    store_derived("notice-words", key, words)
    return words


def flatten(text: str) -> str:
    """Comment markers dropped, Markdown emphasis dropped, whitespace collapsed."""
    text = _COMMENT.sub("", text.replace("\r\n", "\n"))
    text = _MD_LINK.sub(r"\1", text)
    text = text.replace("*", "").replace("_", " ").replace("`", "")
    return _SPACES.sub(" ", text)


def find_notices(text: str, flat: str | None = None) -> list[Notice]:
    """Every licence a notice in ``text`` names, first occurrence first, one per id."""
    flat = flatten(text) if flat is None else flat
    hits: dict[str, Notice] = {}
    covered: list[tuple[int, int]] = []
    # Each case-insensitive pattern is tried at every character (no literal to skip by):
    # 41 of them over every distinct header comment cost a tree whose headers name their
    # contributors 0.15 s. Most texts hold the words of one or two of them.
    lower = lowered(flat)
    for source, spdx, words in _patterns():
        if not may_match(words, lower):
            continue
        for match in _compiled(source).finditer(flat):
            if any(s <= match.start() < e for s, e in covered):
                continue  # a more specific pattern already claimed this place
            ident = spdx
            if "{1}" in ident and match.groups():
                version = match.group(1)
                ident = ident.replace("{1}", version if "." in version else f"{version}.0")
            covered.append((match.start(), match.end()))
            if ident not in hits:
                hits[ident] = Notice(ident, match.start(), match.group(0))
    return sorted(hits.values(), key=lambda n: n.offset)
