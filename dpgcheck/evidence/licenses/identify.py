"""Identify licence texts against the SPDX reference texts (a licensee-style matcher).

Steps: normalise (``normalize.py``), rank every reference by word-set Dice similarity with a
length penalty, refuse candidates whose distinctive words (NonCommercial, Affero, Pixar...)
the text lacks or adds, compare the best one word by word to name what was added, and split
files that hold several licences. Notices decide GPL-family "only" versus "or later".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from dpgcheck.evidence.licenses import reference
from dpgcheck.evidence.licenses.clauses import (
    added_passages,
    restricts,
    rules,
    split_rider,
    trim,
)
from dpgcheck.evidence.licenses.normalize import cut_terms, words
from dpgcheck.evidence.licenses.notices import find_notices, flatten
from dpgcheck.evidence.licenses.parts import MIN_WORDS, SegmentWords, may_score, segments
from dpgcheck.evidence.licenses.parts import similarity as _similarity
from dpgcheck.evidence.licenses.restricted import modified_title, restricted

#: At or above: the text is that licence. Between NEAR and MATCH: a modified copy.
MATCH = 0.92
NEAR = 0.80
_FAMILY = re.compile(r"^((?:A|L)?GPL-\d\.\d|GFDL-\d\.\d(?:-[a-z-]+)?)-only$")


@dataclass(frozen=True)
class Identified:
    """One licence found in one text."""

    spdx: str
    confidence: float
    method: str  # "text" or "notice"
    line: int | None = None
    #: Words the text adds to the licence (a modified copy), for the warning.
    added: str | None = None
    name: str = ""
    #: The modification restricts or removes a grant (or the title says it is modified):
    #: the text is not the approved licence.
    restricts: bool = False


@dataclass
class TextResult:
    """Everything one text says: the licences, how they combine, and what is left unknown."""

    found: list[Identified] = field(default_factory=list)
    operator: str = "AND"
    #: Best guess when nothing reached the threshold (for "unrecognised" messages).
    best_guess: tuple[str, float] | None = None

    @property
    def recognised(self) -> bool:
        return bool(self.found)


def _guards() -> list[str]:
    return list(rules()["guard_words"])  # type: ignore[call-overload]


class _Holds(dict[str, bool]):
    """Which words a text holds (as substrings), each looked for once: ``rank`` asks the
    same guard words of one text for every reference it tries."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def __missing__(self, word: str) -> bool:
        found = self[word] = word in self.text
        return found


def _guarded(joined: str, ref: reference.Reference, holds: _Holds | None = None) -> bool:
    """The text has no distinctive word (NonCommercial, Affero...) the reference lacks, and
    lacks none the reference uses in its body (more than once: a title alone may be cut).
    ``holds`` remembers what ``joined`` holds, across the references tried against it."""
    holds = holds if holds is not None else _Holds(joined)
    for token in _name_tokens(ref.id):
        if not holds[token]:
            return False  # "MVT", "Pixar", "OSET": the licence names itself, the text does not
    counts = _guard_counts(ref.id)
    for word in _guards():
        in_text, in_ref = holds[word], counts[word]
        if (in_text and not in_ref) or (in_ref >= 2 and not in_text):
            return False
    return True


@cache
def _name_stopwords() -> frozenset[str]:
    return frozenset(rules()["name_stopwords"])  # type: ignore[arg-type]


@cache
def _name_tokens(ref_id: str) -> tuple[str, ...]:
    """Distinctive words of a licence's name that its own text repeats (a name guard)."""
    ref = reference.load().ids[ref_id]
    tokens = []
    for token in words(ref.name):
        if len(token) < 3 or token.isdigit() or token in _name_stopwords():
            continue
        if ref.words.count(token) >= 2:
            tokens.append(token)
    return tuple(tokens)


@cache
def _guard_counts(ref_id: str) -> dict[str, int]:
    joined = reference.load().ids[ref_id].joined
    return {word: joined.count(word) for word in _guards()}


_SHORTLIST = 40


@lru_cache(maxsize=1)
def _signature_sizes() -> dict[str, int]:
    return {ref_id: size or 1 for ref_id, size in reference.signature_sizes().items()}


@lru_cache(maxsize=1)
def _signature_postings() -> dict[str, list[str]]:
    """Each signature word -> the references whose signature holds it (kept in the index).
    A text's overlap with every signature is then one pass over its words: a set
    intersection per reference (~290 of them for each block of a split licence file) was
    most of that file's check."""
    return reference.postings()


def rank(toks: list[str], top: int = 5,
         guarded: bool = True) -> list[tuple[float, reference.Reference]]:
    """The references most similar to ``toks``, best first (guards applied unless not
    ``guarded``)."""
    joined = " ".join(toks)
    holds = _Holds(joined)
    out = []
    for score, ref in _scored(tuple(toks)):
        if len(out) >= top:
            break
        if not guarded or _guarded(joined, ref, holds):
            out.append((score, ref))
    return out


@lru_cache(maxsize=8)
def _scored(toks: tuple[str, ...]) -> tuple[tuple[float, reference.Reference], ...]:
    """The shortlisted references by similarity to ``toks``, best first (remembered for a few
    texts: a text ``rank`` finds no close guarded match for is ranked again unguarded)."""
    refs = reference.load().indexed
    text_set = frozenset(toks)
    n_text = len(toks)
    lo, hi = n_text * 0.4, n_text * 2.5
    sized = [ref for ref in refs if lo <= ref.n_words <= hi]
    if len(sized) > _SHORTLIST:
        # Cheap first pass: how many of each reference's rarest words the text has (keys
        # computed in one comprehension, then a stable sort of the positions: the order of
        # ``sized.sort(key=...)``, without a Python call per reference).
        sizes = _signature_sizes()
        overlap: dict[str, int] = defaultdict(int)  # signature words the text holds
        postings = _signature_postings()
        for word in text_set:
            for ref_id in postings.get(word, ()):
                overlap[ref_id] += 1
        keys = [-overlap.get(ref.id, 0) / sizes[ref.id] for ref in sized]
        sized = [sized[i] for i in sorted(range(len(sized)), key=keys.__getitem__)[:_SHORTLIST]]
    scored = [(_similarity(text_set, n_text, ref), ref) for ref in sized]
    scored.sort(key=lambda pair: (-pair[0], pair[1].id))
    return tuple(scored)


def _identify_block(text: str) -> tuple[Identified | None, tuple[str, float] | None]:
    toks = words(text)
    if len(toks) < MIN_WORDS:
        return None, None
    ranked = rank(toks)
    score, ref = ranked[0] if ranked else (0.0, None)
    guess = (ref.id, round(score, 3)) if ref is not None else None
    if ref is None or score < NEAR:
        loose = rank(toks, top=1, guarded=False)
        if loose and loose[0][0] >= MATCH:
            # Very close to a licence whose distinctive words it lacks or adds (an Apache
            # text made "non-commercial"): that licence, modified, never another one.
            lscore, lref = loose[0]
            extra = " ".join(w for w in _guards() if w in " ".join(toks)
                             and w not in lref.joined)
            passage = added_passages(toks, lref) or f"words the licence lacks: {extra}"
            return Identified(lref.id, round(min(1.0, lscore), 3), "text", added=passage,
                              name=lref.name, restricts=True), (lref.id, round(lscore, 3))
        return None, guess
    extra = set(toks) - ref.wordset
    longer = len(toks) - len(ref.words) >= 6
    shorter = len(ref.words) - len(toks) >= 12
    added = added_passages(toks, ref) if len(extra) >= 3 or longer or shorter else None
    confidence = round(min(1.0, score), 3)
    if score < MATCH and added is None:
        return None, guess
    restricts = added is not None and (added.startswith("removed: ") or " / removed: " in added
                                       or any(m in added for m in _markers()))
    return Identified(ref.id, confidence, "text", added=added, name=ref.name,
                      restricts=restricts), guess


def _markers() -> list[str]:
    return list(rules()["restriction_markers"])  # type: ignore[call-overload]


_MAX_SEGMENTS = 120


def _split_identify(text: str) -> list[Identified]:
    """Several licences in one file: identify runs of segments greedily."""
    segs = segments(text)
    if len(segs) < 2 or len(segs) > _MAX_SEGMENTS:
        return []
    runs = SegmentWords([s for _, s in segs])
    return _greedy(segs, lambda i, j: _part_hit("\n".join(s for _, s in segs[i:j]),
                                                runs.words(i, j)))


def _greedy(segs: list[tuple[int, str]],
            hit_of: Callable[[int, int], Identified | None]) -> list[Identified]:
    """From each segment on, the best of the runs of up to 12 segments ``hit_of`` finds a
    licence in (segments ``i`` to ``j - 1``); the search goes on after it."""
    found: list[Identified] = []
    i = 0
    while i < len(segs):
        best: tuple[Identified, int] | None = None
        for j in range(i + 1, min(len(segs), i + 12) + 1):
            hit = hit_of(i, j)
            if hit and (best is None or hit.confidence > best[0].confidence):
                best = (hit, j)
            elif best is not None and hit is None and j - best[1] >= 2:
                break
        if best is None:
            i += 1
            continue
        hit, j = best
        found.append(replace(hit, line=segs[i][0]))
        i = j
    return found


#: Below this no ranked reference makes a hit of a part: ``_identify_block`` rounds a
#: confidence to 3 places before the part's test, so 0.9195 counts as ``MATCH``.
_PART_FLOOR = MATCH - 0.001


def _part_hit(chunk: str, toks: list[str] | None = None) -> Identified | None:
    """The licence a part of a file is, if it matches one well (``MATCH``); ``toks`` are
    the part's words when they are known (``parts.SegmentWords``).

    Most parts tried match nothing: OpenCRVS's and OpenMRS's MPL-2.0 with a healthcare
    disclaimer are split into ~30 parts and ~300 runs of them tried, and none scores above
    0.6. A run is identified only when some reference could score ``MATCH``
    (:func:`parts.may_score`), which costs a fraction of ranking it."""
    body = cut_terms(chunk) if toks is None else chunk
    if not may_score(words(body) if toks is None else toks, _PART_FLOOR):
        return None
    hit, _ = _identify_block(body)
    return hit if hit is not None and hit.confidence >= MATCH else None


def _line_of(text: str, flat_offset: int, flat: str) -> int:
    """Approximate line number of a position in the flattened text."""
    probe = flat[flat_offset: flat_offset + 30].split(" ")[0:3]
    needle = " ".join(probe)
    idx = text.find(needle) if needle else -1
    return text.count("\n", 0, idx) + 1 if idx >= 0 else 1


def _or_later(found: list[Identified], notices: list[str]) -> list[Identified]:
    """GPL-family "-only" from a bare text becomes "-or-later" when a notice says so."""
    out = []
    for hit in found:
        match = _FAMILY.match(hit.spdx)
        if match and f"{match.group(1)}-or-later" in notices:
            hit = replace(hit, spdx=f"{match.group(1)}-or-later")
        out.append(hit)
    return out


def _dual(text: str) -> bool:
    """A preface offering a choice ("dual licensed", "at your option"); licence bodies use
    such words too, so only the first lines are read."""
    flat = flatten(text[:600]).lower()
    markers = list(rules()["dual_markers"])  # type: ignore[call-overload]
    return any(m in flat for m in markers)


def identify_text(text: str, _tail: bool = False) -> TextResult:
    """Every licence in one licence file's text (full texts first, then notices)."""
    text, riders = split_rider(text)
    special = restricted(text) if not _tail else None
    if special is not None:
        found = [Identified(special, 0.95, "text", 1, name=special)]
        found += [Identified(r, 0.95, "text", text.count("\n") + 1) for r in riders]
        return TextResult(found=found, best_guess=(special, 0.95))
    body = cut_terms(text)
    tail = text[len(body):]
    result = TextResult()
    hit, guess = _identify_block(body)
    result.best_guess = guess
    if hit is None and guess is not None and guess[1] >= NEAR:
        trimmed, extra = trim(body, guess[0])
        if trimmed != body:
            hit, _ = _identify_block(trimmed)
            if hit is not None and hit.added is None and restricts(extra):
                hit = replace(hit, added=" ".join(words(extra))[:200], restricts=True)
    n_ref = len(reference.load().ids[hit.spdx].words) if hit is not None else 0
    if hit is not None and hit.confidence >= MATCH and (
            (hit.added is None and hit.confidence >= 0.97)
            or (hit.added is not None and len(words(body)) < 1.3 * n_ref)):
        # One licence (perhaps modified): the added words are the modification, not another
        # licence to look for.
        found = [replace(hit, method="text", line=1)]
    else:
        found = _split_identify(text)
        if len(found) < 2 and hit is not None:
            found = [replace(hit, method="text", line=1)]
    flat = flatten(body)
    # Notices matter when no full text was found, or to read "or later" beside a GPL text.
    gpl_family = any(_FAMILY.match(f.spdx) for f in found)
    lowered = flat.lower().replace("(", "").replace(")", "")
    modified = any(f.added for f in found)
    if not found and len(flat) > 3000:
        notices = find_notices(body[:1500])  # a long unknown text: only its head's notices
    elif not found or (gpl_family and "at your option any later" in lowered):
        notices = find_notices(body, flat)
    elif modified:  # a notice above a licence text kept for one part (CKAN)
        head = body[:1200]
        notices = find_notices(head)
    else:
        notices = []
    notice_ids = [n.spdx for n in notices]
    found = _or_later(found, notice_ids)
    drops = rules()["pairs_drop"]
    ids = {f.spdx.replace("-or-later", "-only") for f in found}
    for keep, dropped in drops.items():  # type: ignore[union-attr]
        if keep in ids:
            found = [f for f in found if f.spdx.replace("-or-later", "-only") not in dropped]
    if found and len(tail.split()) > 250:
        # Another licence after the first one's END OF TERMS (its appendix alone never matches).
        after = tail.split("\n", 1)[1] if "\n" in tail else ""
        more = _split_identify(after) or identify_text(after, _tail=True).found
        offset = text.count("\n", 0, len(body)) + 1
        found += [replace(f, line=(f.line or 1) + offset) for f in more if f.method == "text"]
    if (not found or modified) and not _tail:
        # A short file, a notice in front of no text, or a notice beside a licence for a part
        # (CKAN: an AGPL notice, then a BSD text for one module): the notices count.
        n_words = len(words(body))
        have = {f.spdx for f in found}
        for notice in notices:
            if notice.spdx in have or notice.spdx not in _known():
                continue
            conf = 0.9 if n_words <= 150 else 0.75
            at = len([f for f in found if f.method == "notice"])
            found.insert(at, Identified(notice.spdx, conf, "notice",
                                        _line_of(text, notice.offset, flat)))
    retitled = modified_title(text)
    if retitled and len(found) == 1 and found[0].method == "text" and not found[0].added:
        one = found[0]
        found = [replace(one, added=f"title: {retitled}", restricts=True)]
    for rider in riders:
        found.append(Identified(rider, 0.95, "text", text.count("\n") + 1))
    result.found = _dedupe(found)
    if len(result.found) > 1 and _dual(text):
        result.operator = "OR"
    return result


def _known() -> frozenset[str]:
    return reference.catalogue().ids


def _dedupe(found: list[Identified]) -> list[Identified]:
    seen: dict[str, Identified] = {}
    for hit in found:
        if hit.spdx not in seen or hit.confidence > seen[hit.spdx].confidence:
            seen[hit.spdx] = hit
    return list(seen.values())
