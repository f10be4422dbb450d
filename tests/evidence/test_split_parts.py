"""A licence file searched in parts gives what identifying every run of parts gave, and a
run's words composed from its segments are the words of the run normalised whole."""

from __future__ import annotations

import random

from dpgcheck.evidence.licenses import identify, parts
from dpgcheck.evidence.licenses.normalize import cut_terms, words
from tests.license_texts import filled, rewrapped

DISCLAIMER = """Health care disclaimer

1.    No warranties of any kind are made as to the results You will obtain
      from relying upon the covered code, including but not limited to
      compliance with privacy laws or clinical care protocols. Use of the
      covered code is no substitute for a provider's professional judg-
      ment, and each provider must verify every treatment plan.

2.    Under no circumstances shall any Contributor be liable to You for
      any damages of any character arising from the use of the covered
      content, even if informed of the possibility of such damages.

Copyright (c) Example Health Inc.
Example is a registered trademark of Example Health Inc.
"""


def plain_split(text: str) -> list[identify.Identified]:
    """The search as it was: every run of up to 12 segments identified whole."""
    segs = parts.segments(text)
    if len(segs) < 2 or len(segs) > identify._MAX_SEGMENTS:
        return []

    def whole(i: int, j: int) -> identify.Identified | None:
        hit, _ = identify._identify_block(cut_terms("\n".join(s for _, s in segs[i:j])))
        return hit if hit is not None and hit.confidence >= identify.MATCH else None

    return identify._greedy(segs, whole)


def _files() -> list[str]:
    """Files of one or several licences, with disclaimers, notes, separators, hyphenated
    line ends and copyright lines where segments meet, and the Apache appendix."""
    mit, bsd, isc = filled("MIT"), filled("BSD-3-Clause"), filled("ISC")
    mpl, apache = filled("MPL-2.0"), filled("Apache-2.0")
    note = ("Portions of this soft-\nware are licensed as follows; see the NOTICE file "
            "and https://example.org/licence & its FAQ.\n")
    # licences cut short, so that their parts score on either side of MATCH
    shortened = [" ".join(filled(ident).split(" ")[:-cut]) + "\n\n----\n\n" + mit
                 for ident in ("BSD-3-Clause", "BSD-2-Clause", "Zlib")
                 for cut in range(8, 30, 2)]
    return [
        *shortened,
        mpl + "\n\nHealthcare addendum incorporated into the terms of MPL 2.0:\n\n" + DISCLAIMER,
        mit + "\n\n----\n\n" + bsd,
        "Dual licence\n\n" + isc + "\n\n====\n\nLicense for the viewer\n\n" + mit,
        bsd + "\n\n" + note + "\n" + rewrapped(isc),
        apache + "\n\n# Third-party licence\n\n" + mit + "\n" + DISCLAIMER,
        DISCLAIMER + "\n\n-----\n\n" + mit + "-\n" + "License of the icons\n\n" + bsd,
        "Copyright 2024 Example\n\nLicense\n\n" + isc + "\nCopyright 2024 Other\n"
        "---\n\n" + mit,
    ]


def test_parts_are_found_as_every_run_was_identified():
    several = 0
    for text in _files():
        got = identify._split_identify(text)
        assert got == plain_split(text), text[:80]
        several += len(got) >= 2
    assert several >= 3  # files whose parts are found, not only files where none is


def test_whole_files_are_identified_as_before():
    for text in _files():
        found = identify.identify_text(text).found
        assert found, text[:80]


def _runs(text: str):
    segs = [s for _, s in parts.segments(text)]
    runs = parts.SegmentWords(segs)
    for i in range(len(segs)):
        for j in range(i + 1, min(len(segs), i + 12) + 1):
            yield "\n".join(segs[i:j]), runs.words(i, j)


def test_composed_words_are_the_words_of_the_whole_run():
    rng = random.Random(3)
    pieces = ["Licen-", "se", "non-", "commercial", "Copyright (c) 2020 Foo -",
              "see http://example.org/x -", "A & B", "www.example.org", "END OF",
              "TERMS AND CONDITIONS", "İstanbul Straße", "----", "# License", "MIT License",
              "Permission is hereby granted", "", "   ", "- item", "(c) Bar Inc.", "-"]
    texts = _files()
    for _ in range(300):
        texts.append("\n".join(rng.choice(pieces) for _ in range(rng.randint(5, 40))))
    composed = whole = 0
    for text in texts:
        for chunk, toks in _runs(text):
            if toks is None:
                whole += 1
                continue
            composed += 1
            assert toks == words(cut_terms(chunk)), chunk
    assert composed > 1000 and whole > 100, (composed, whole)


def test_a_hyphen_at_a_segment_end_or_end_of_terms_is_normalised_whole():
    runs = parts.SegmentWords(["Permission is granted to use this soft-",
                               "ware freely and to copy it."])
    assert runs.words(0, 2) is None
    assert runs.words(0, 1) == words("Permission is granted to use this soft-")
    cut = parts.SegmentWords(["Some terms", "END OF TERMS AND CONDITIONS", "appendix"])
    assert cut.words(0, 2) is None and cut.words(2, 3) is None


def may(toks: list[str]) -> bool:
    return parts.may_score(toks, identify._PART_FLOOR)


def test_a_part_is_identified_only_when_some_reference_could_match():
    mit = words(filled("MIT"))
    assert may(mit)
    assert not may(words(DISCLAIMER))
    assert not may(mit[: len(mit) // 2])  # too short to score MATCH
