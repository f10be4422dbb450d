"""A pattern behind its literal pre-filter finds what the pattern finds, in any case and script."""

from __future__ import annotations

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpgcheck.datafile import load_data
from dpgcheck.evidence.regex_literals import Prefiltered


def _data_patterns() -> list[re.Pattern[str]]:
    """The discoverability catalogues' patterns, as the plugin compiles them."""
    out = []
    for name in ("discover_deposits.yml", "discover_tags.yml"):
        for value in load_data(name).values():
            items = value.values() if isinstance(value, dict) else value
            if isinstance(items, list) or isinstance(value, dict):
                out += [re.compile(p, re.IGNORECASE) for p in items
                        if isinstance(p, str) and any(ch in p for ch in "\\[(|?")]
    return out


PATTERNS = [
    *_data_patterns(),
    re.compile(r"zenodo\.org/(?:badge|record)", re.IGNORECASE),
    re.compile(r"\bnpm publish\b|\byarn (?:npm )?publish\b|changesets/action", re.IGNORECASE),
    re.compile(r"Sustainable Development Goal\s*#?\s*(\d{1,2})"),  # case-sensitive
    re.compile(r"(?x) dpg [-_]? badge   # verbose", re.IGNORECASE),
    re.compile(r"kiss|skill|Straße", re.IGNORECASE),
]


def test_each_alternative_needs_its_runs_lowered_when_case_is_ignored():
    assert Prefiltered(PATTERNS[-5]).ways == (("zenodo.org/", "badge"),
                                             ("zenodo.org/", "record"))
    assert Prefiltered(PATTERNS[-4]).ways == (("npm publish",), ("publish", "yarn "),
                                             ("changesets/action",))
    assert Prefiltered(PATTERNS[-3]).ways == (("Sustainable Development Goal",),)
    assert Prefiltered(PATTERNS[-2]).ways == (("badge", "dpg"),)
    assert Prefiltered(re.compile(r"a|\d+")).ways is None  # one way needs no literal


def test_a_text_without_the_runs_is_not_searched_and_with_them_it_is():
    badge = Prefiltered(re.compile(r"dpg[-_]?badge", re.IGNORECASE))
    assert badge.search("no such thing here") is None
    assert badge.search("see the DPG-BADGE") is not None
    assert list(badge.finditer("a dpg_badge and a dpgbadge")) != []
    assert badge.fullmatch("dpg-badge") is not None  # the pattern's other methods


def _variants(text: str, rng: random.Random) -> list[str]:
    """The text in other cases, and with the characters that ignoring case takes for
    ``i``, ``s`` and ``k`` in place of those letters."""
    back = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}
    odd = "".join(rng.choice(back[ch.lower()]) if ch.lower() in back and rng.random() < 0.5
                  else ch for ch in text)
    return [text, text.upper(), text.swapcase(), odd, f"\u00e9t\u00e9 {odd} \u0130"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_text_a_pattern_matches_passes_its_test(data):
    pattern = data.draw(st.sampled_from(PATTERNS))
    text = data.draw(st.from_regex(pattern, fullmatch=False))
    wrapped = Prefiltered(pattern)
    for variant in _variants(text, random.Random(len(text))):
        assert [m.span() for m in wrapped.finditer(variant)] == \
            [m.span() for m in pattern.finditer(variant)], (pattern.pattern, variant)
        found, expected = wrapped.search(variant), pattern.search(variant)
        assert (found and found.span()) == (expected and expected.span())
