"""Windows around hints are searched only where a match can start, with the same answers."""

from __future__ import annotations

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpgcheck.datafile import load_data
from dpgcheck.evidence.regex_literals import leading_runs
from dpgcheck.evidence.signals import catalogue
from dpgcheck.evidence.signals.catalogue import WINDOW_AFTER, search_near


def window_search(pattern, text, lower, hints):
    """The search as it was: every window searched at each of its characters."""
    for begin, end in catalogue.windows(text, lower, hints):
        found = pattern.search(text, begin, end)
        if found:
            return found
    return None


def _rules() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    """The scan rules of the shipped catalogues: pattern and hints."""
    out = []
    for name in ("extraction-signals.yml", "standards.yml"):
        for entry in load_data(name)["entries"]:
            for rule in entry.get("content", []):
                if rule.get("scan"):
                    out.append((re.compile(rule["pattern"]),
                                tuple(h.lower() for h in rule.get("hints", ()))))
    return out


RULES = _rules()
NOISE = ["import os\n", "from x import y\n", "export default {}\n", "IMPORT CSV data\n",
         "read_csv(path)\n", "Import GeoJSON\n", "csv.DictReader(f)\n", "\u017fkip ", "İmport ",
         "download as csv\n", "GET /api/v1/items\n", "x" * 300, "\n", "Straße "]


def _same(pattern, text, hints):
    lower = text.lower()
    fast, plain = search_near(pattern, text, lower, hints), window_search(pattern, text,
                                                                          lower, hints)
    assert (fast and fast.span()) == (plain and plain.span()), (pattern.pattern[:60], text)
    return plain is not None


def test_the_catalogues_patterns_mostly_have_leading_runs():
    with_runs = [p for p, _ in RULES if leading_runs(p.pattern, p.flags) is not None]
    assert len(with_runs) >= len(RULES) * 3 // 4
    assert leading_runs(r"\bimport(?:ed)?\s+csv", re.IGNORECASE) == (("import", True),)
    assert leading_runs(r"(?-i:\bImport)|\bcsv\.", re.IGNORECASE) == (("Import", False),
                                                                     ("csv.", True))
    assert leading_runs(r"\w+import") is None and leading_runs(r"ab|abc") is None


def test_heads_made_of_real_patterns_lines_give_the_window_search_answers():
    rng = random.Random(13)
    found = 0
    for pattern, hints in RULES:
        for _ in range(40):
            text = "".join(rng.choice(NOISE) for _ in range(rng.randint(1, 30)))
            found += _same(pattern, text, hints)
    assert found > 50  # matches found as well as missed


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_drawn_matches_anywhere_near_the_windows_give_the_window_search_answers(data):
    """A match drawn from the pattern, put before, inside or across the end of the window
    of a hint written before it."""
    pattern, hints = data.draw(st.sampled_from(RULES))
    match = data.draw(st.from_regex(pattern, fullmatch=True))
    hint = hints[0] if hints else "import"
    gap = data.draw(st.integers(0, WINDOW_AFTER + 40))
    before = data.draw(st.sampled_from(NOISE)) * data.draw(st.integers(0, 3))
    text = before + hint + " " + "y" * gap + " " + match + data.draw(st.sampled_from(NOISE))
    _same(pattern, text, hints or (hint,))


def test_a_match_running_past_a_windows_end_is_found_or_missed_as_before():
    pattern = re.compile(r"(?i)\bimport(?:ed|ing)?\s+(?:data\s+)?csv\b")
    for gap in range(WINDOW_AFTER - 30, WINDOW_AFTER + 5):
        text = "import " + "y" * gap + " imported data csv"
        _same(pattern, text, ("import",))
