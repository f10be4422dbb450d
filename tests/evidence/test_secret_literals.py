"""The literals a secret pattern's heads are pre-filtered by are in every match of it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpgcheck.evidence.signals.secrets import _patterns, required_literals

PATTERNS = _patterns()[0]


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.name for p in PATTERNS])
def test_every_generated_match_holds_the_required_literals(pattern):
    literals = required_literals(pattern.regex)

    @settings(max_examples=60, deadline=None)
    @given(st.from_regex(pattern.regex, fullmatch=True))
    def check(text):
        assert all(literal in text for literal in literals), (text, literals)

    check()


def test_literals_stop_at_groups_classes_repeats_and_alternatives():
    assert required_literals(re.compile(r"\bSG\.[A-Za-z0-9_-]{22}\.x?\b")) == ("SG.", ".")
    assert required_literals(re.compile(r"(?:abc|abd)ef")) == ("ab", "ef")
    assert required_literals(re.compile(r"ab*c")) == ("a", "c")
    assert required_literals(re.compile(r"(?i)token_")) == ()
    assert required_literals(re.compile(r"[xy]z")) == ("z",)
