"""The licence ranking gives what the plain per-reference sort gave, guarded or not."""

from __future__ import annotations

from dpgcheck.evidence.licenses import identify, reference
from dpgcheck.evidence.licenses.normalize import words


def plain_rank(toks, top=5, guarded=True):
    refs = reference.load().indexed
    text_set, n_text, joined = frozenset(toks), len(toks), " ".join(toks)
    sized = [ref for ref in refs if n_text * 0.4 <= ref.n_words <= n_text * 2.5]
    if len(sized) > identify._SHORTLIST:
        signatures = reference.signatures()
        sized.sort(key=lambda r: -len(signatures[r.id].intersection(text_set))
                   / (len(signatures[r.id]) or 1))
        sized = sized[:identify._SHORTLIST]
    scored = sorted(((identify._similarity(text_set, n_text, ref), ref) for ref in sized),
                    key=lambda pair: (-pair[0], pair[1].id))
    out = []
    for score, ref in scored:
        if len(out) >= top:
            break
        if not guarded or identify._guarded(joined, ref):
            out.append((score, ref))
    return out


def test_ranking_matches_the_plain_sort_for_reference_texts_and_their_parts():
    lics = reference.load().ids
    ids = ("MIT", "Apache-2.0", "MPL-2.0", "GPL-3.0-only", "BSD-3-Clause")
    texts = [lics[i].joined for i in ids if i in lics]
    assert len(texts) == len(ids)
    texts += [t[: len(t) // 3] for t in texts] + ["permission is hereby granted free of charge "
                                                  "to any person non commercial use only " * 5]
    for text in texts:
        toks = words(text)
        for top, guarded in ((5, True), (1, False), (5, True)):  # the third from the memo
            got = identify.rank(toks, top=top, guarded=guarded)
            assert [(s, r.id) for s, r in got] == [
                (s, r.id) for s, r in plain_rank(toks, top, guarded)]
