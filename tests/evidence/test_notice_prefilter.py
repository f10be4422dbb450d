"""The words a notice pattern's texts are pre-filtered by are in every text it matches.

``find_notices`` skips a case-insensitive pattern on an ASCII text that lacks the words
``required_words`` found in it; that is exact only if every match holds them, which is
checked here on generated matches of every shipped pattern, in mixed case.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpgcheck.evidence.licenses.notices import _compiled, _patterns, find_notices
from dpgcheck.evidence.regex_literals import FOLDS_TO_ASCII, lowered, may_match, required_words

PATTERNS = [(_compiled(source), spdx, words) for source, spdx, words in _patterns()]


@pytest.mark.parametrize("pattern, spdx, words", PATTERNS,
                         ids=[f"{n}-{spdx}" for n, (_, spdx, _) in enumerate(PATTERNS)])
def test_every_generated_match_passes_the_filter(pattern, spdx, words):
    assert words is not None  # every shipped pattern needs some words: all are filtered

    @settings(max_examples=40, deadline=None)
    @given(st.from_regex(pattern, fullmatch=False), st.randoms())
    def check(text, rng):
        mixed = "".join(c.upper() if rng.random() < 0.5 else c for c in text)
        for sample in (text, mixed):
            if pattern.search(sample):
                assert may_match(words, lowered(sample)), (sample, words)

    check()


def test_words_per_top_level_branch_and_around_it():
    assert required_words(r"\bapache (?:licen[cs]e )?2\.0\b") == (("apache ", "2.0"),)
    assert required_words(r"\bcc0\b|creative commons zero") == (("cc0",), ("creative commons "
                                                                           "zero",))
    assert required_words(r"x(?:ab|cd)y") == (("x", "y", "ab"), ("x", "y", "cd"))
    assert required_words(r"mit|\w+ licence") == (("mit",), (" licence",))
    assert required_words(r"mit|\d+") is None  # a way through with no literal: no filter
    assert required_words(r"licen[cs]e é") is None  # not ASCII: str.lower cannot judge it
    assert required_words(r"(unclosed") is None
    assert may_match((("apache", "2.0"),), "the apache license 2.0")
    assert not may_match((("apache", "2.0"),), "the apache license 1.1")
    assert may_match((("apache",),), None)  # a text that lowered() gives up on is tried


def test_folds_to_ascii_are_all_the_characters_str_lower_misses():
    """Recomputed on this Python: every non-ASCII character that case-insensitive matching
    pairs with a printable ASCII character, whose lower case is not that character's."""
    printable = [chr(c) for c in range(32, 127)]
    others = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    any_ascii = re.compile("[" + re.escape("".join(printable)) + "]", re.IGNORECASE)
    missed = {found.group(0) for found in any_ascii.finditer(others)
              if any(re.fullmatch(re.escape(a), found.group(0), re.IGNORECASE)
                     and found.group(0).lower() != a.lower() for a in printable)}
    assert missed == set(FOLDS_TO_ASCII)


def test_notices_found_in_any_case_and_through_case_folding():
    for text in ("Licensed under the Apache License, Version 2.0",
                 "LICENSED UNDER THE APACHE LICENSE, VERSION 2.0",
                 "licensed under the apache license, version 2.0"):
        assert [n.spdx for n in find_notices(text)] == ["Apache-2.0"]
    # "ſ" (long s) matches "s" case-insensitively and str.lower keeps it: such a text is
    # tried by every pattern, as before. A "©" changes nothing.
    folded = "Licen\u017fed under the Apache Licen\u017fe, Ver\u017fion 2.0"
    assert [n.spdx for n in find_notices(folded)] == ["Apache-2.0"]
    assert lowered(folded) is None and lowered("\u00a9 2024 ACME") == "\u00a9 2024 acme"
    # The Kelvin sign matches "k" too, and lowers to it: filtered like any other text.
    kelvin = "\u212aelvin scale"
    assert re.search("kelvin", kelvin, re.IGNORECASE)
    assert may_match(required_words("kelvin"), lowered(kelvin))
    assert find_notices("Copyright 2024 Example; all rights reserved.") == []


def test_the_words_are_kept_in_the_cache_folder(tmp_path, monkeypatch):
    from dpgcheck.cachedir import load_derived
    from dpgcheck.datafile import load_json
    from dpgcheck.evidence.licenses.notices import _needed_words

    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path))
    items = load_json("license-notices.json")["notices"]
    words = _needed_words(items)
    assert words == [required_words(item["re"]) for item in items]
    assert (tmp_path / "notice-words.marshal").exists()
    assert _needed_words(items) == words  # read back: the same words
    changed = [{**items[0], "re": "changed pattern"}, *items[1:]]
    assert _needed_words(changed)[0] == (("changed pattern",),)  # another text: not reused
    assert load_derived("notice-words", "0-00000000") is None
