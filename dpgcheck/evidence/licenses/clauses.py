"""The clauses that tell a licence from a modified copy: passages a text adds or removes
against its reference, prefaces and disclaimers around it, and restriction riders."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from dpgcheck.datafile import load_json
from dpgcheck.evidence.licenses import reference
from dpgcheck.evidence.licenses.normalize import words


@lru_cache(maxsize=1)
def rules() -> dict[str, object]:
    return load_json("license-matching.json")  # type: ignore[no-any-return]


#: Removing a passage with these words from a licence takes a right away.
_GRANT_WORDS = ("grant", "patent", "royalty", "irrevocable", "perpetual", "permission",
                "free of charge", "without restriction", "sublicense", "redistribut")


def added_passages(toks: list[str], ref: reference.Reference) -> str | None:
    """Runs of words the text has and the reference lacks that read like a restriction."""
    matcher = difflib.SequenceMatcher(None, ref.words, toks)
    markers = list(rules()["restriction_markers"])  # type: ignore[call-overload]
    added = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace") and i2 - i1 >= 12 and i1 > 0 and i2 < len(ref.words):
            removed = " ".join(ref.words[i1:i2])
            if any(w in removed for w in _GRANT_WORDS):
                added.append("removed: " + removed)
                continue
        if op in ("insert", "replace") and j2 - j1 >= 6:
            passage = " ".join(toks[j1:j2])
            interior = j1 > 0 and j2 < len(toks)  # not an introduction or a closing note
            if any(m in passage for m in markers) or (interior and j2 - j1 >= 25):
                added.append(passage)
    if not added:
        return None
    text = " / ".join(added)
    return text if len(text) <= 200 else text[:197] + "..."


def trim(body: str, ref_id: str) -> tuple[str, str]:
    """Drop leading and trailing paragraphs foreign to the reference (a project's preface or
    an added disclaimer); returns the trimmed text and what was dropped."""
    vocab = reference.load().ids[ref_id].wordset
    paras = re.split(r"\n\s*\n", body)

    def foreign(para: str) -> bool:
        toks = words(para)
        return bool(toks) and sum(t in vocab for t in toks) / len(toks) < 0.75

    start, end = 0, len(paras)
    while start < end and (foreign(paras[start]) or not paras[start].strip()):
        start += 1
    while end > start and (foreign(paras[end - 1]) or not paras[end - 1].strip()):
        end -= 1
    dropped = "\n\n".join(paras[:start] + paras[end:])
    return "\n\n".join(paras[start:end]), dropped


def restricts(text: str) -> bool:
    joined = " ".join(words(text))
    return any(m in joined for m in rules()["restriction_markers"])  # type: ignore[union-attr]


def split_rider(text: str) -> tuple[str, list[str]]:
    """Cut a restriction rider (Commons Clause) off the licence it is attached to."""
    lowered = text.lower()
    riders = []
    cut = len(text)
    for phrase, rider in rules()["riders"].items():  # type: ignore[union-attr]
        idx = lowered.find(phrase)
        if idx >= 0:
            riders.append(rider)
            cut = min(cut, lowered.rfind("\n", 0, idx) + 1)
    return text[:cut], riders
