"""Licence files in parts: segments, the words of runs of segments, and which runs could
match a reference at all (``identify._split_identify`` searches them).

Most runs tried match nothing: OpenCRVS's and OpenMRS's MPL-2.0 with a healthcare
disclaimer are split into ~30 segments and ~300 runs of up to 12 of them tried, and none
scores above 0.6. Each segment is normalised once (``SegmentWords``), and a run is ranked
only when some reference could reach the score a part needs (``may_score``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from dpgcheck.evidence.licenses import reference
from dpgcheck.evidence.licenses.normalize import END_OF_TERMS, words

#: Texts with fewer words are notices or mentions, never matched as full texts.
MIN_WORDS = 20
_SEPARATOR = re.compile(r"^\s*(?:[-=*_~#]{3,}\s*|#{1,6}\s.*|.{0,80}\blicen[cs]e\b.{0,40})$",
                        re.I)


def segments(text: str) -> list[tuple[int, str]]:
    """Split at separator lines and licence-title lines: (first line number, text) pairs."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: list[tuple[int, list[str]]] = [(1, [])]
    for number, line in enumerate(lines, start=1):
        if _SEPARATOR.match(line) and len(line.split()) <= 12 and found[-1][1]:
            prev = " ".join(found[-1][1]).split()
            if len(prev) >= MIN_WORDS:
                found.append((number, []))
        found[-1][1].append(line)
    return [(start, "\n".join(body)) for start, body in found]


def similarity(text_set: frozenset[str], n_text: int, ref: reference.Reference) -> float:
    """Word-set Dice, lowered when the lengths differ (licensee's length penalty)."""
    common = len(ref.wordset.intersection(text_set))
    dice = 2.0 * common / (len(text_set) + ref.n_unique)
    n_ref = len(ref.words)
    delta = abs(n_text - n_ref) / max(n_text, n_ref)
    return dice - max(0.0, delta - 0.05) * 0.5


class SegmentWords:
    """The words of runs of segments, from each segment's words normalised once.

    A run's words are its segments' words one after the other, except where the
    normalisation reaches across a segment's end: a line ending in a hyphen joins the next
    word ("non-\\ncommercial"), and "END OF TERMS AND CONDITIONS" cuts the text. A segment
    whose end would join is found by normalising it with a word after it; a text holding
    the words that cut is never composed. Such runs are normalised whole, as before.
    """

    def __init__(self, texts: list[str]) -> None:
        self.segments = texts
        self.composable = END_OF_TERMS.search("\n".join(texts).lower()) is None
        self._words: list[list[str] | None] = [None] * len(texts)
        self._joins: list[bool | None] = [None] * len(texts)

    def words(self, i: int, j: int) -> list[str] | None:
        """The words of segments ``i`` to ``j - 1``, or ``None`` when they must be
        normalised as one text."""
        if not self.composable or any(self._joins_next(k) for k in range(i, j - 1)):
            return None
        out: list[str] = []
        for k in range(i, j):
            out += self._segment(k)
        return out

    def _segment(self, k: int) -> list[str]:
        toks = self._words[k]
        if toks is None:
            toks = self._words[k] = words(self.segments[k])
        return toks

    def _joins_next(self, k: int) -> bool:
        joins = self._joins[k]
        if joins is None:
            joins = self._joins[k] = words(self.segments[k] + "\nx") != [*self._segment(k), "x"]
        return joins


@lru_cache(maxsize=1)
def _by_length() -> tuple[list[int], list[reference.Reference]]:
    refs = sorted(reference.load().indexed, key=lambda ref: ref.n_words)
    return [ref.n_words for ref in refs], refs


def may_score(toks: list[str], floor: float) -> bool:
    """Could any reference score ``floor`` against ``toks``? A necessary test of a hit:
    only references of about the text's length can (the length penalty: at a Dice of 1,
    a length difference above ``0.05 + (1 - floor) / 0.5`` already costs too much), of
    those only the ones whose unique-word counts allow the Dice score, and those few are
    scored as the ranking scores them. Every reference the ranking may shortlist is among
    them."""
    n_text = len(toks)
    if n_text < MIN_WORDS:
        return False
    largest = 0.05 + (1.0 - floor) / 0.5
    text_set = frozenset(toks)
    n_set = len(text_set)
    lengths, refs = _by_length()
    lo = bisect_left(lengths, n_text * (1.0 - largest) - 1)
    hi = bisect_right(lengths, n_text / (1.0 - largest) + 1)
    for ref in refs[lo:hi]:
        n_ref = ref.n_words
        delta = abs(n_text - n_ref) / max(n_text, n_ref)
        if delta > largest:
            continue
        n_unique = ref.n_unique
        bound = 2.0 * min(n_set, n_unique) / (n_set + n_unique) - max(0.0, delta - 0.05) * 0.5
        if bound >= floor and similarity(text_set, n_text, ref) >= floor:
            return True
    return False
