"""Every content rule the shipped catalogues hold compiles, and names hints in lower case.

A rule's pattern is compiled only when a head first needs it, so a broken one would otherwise
surface only on the repositories that reach it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from dpgcheck.datafile import load_data


def content_rules(value: Any) -> list[dict[str, Any]]:
    """Every ``content:`` rule anywhere in a catalogue, however its entries are nested."""
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "content" and isinstance(child, list):
                found += [rule for rule in child if isinstance(rule, dict)]
            else:
                found += content_rules(child)
    elif isinstance(value, list):
        for child in value:
            found += content_rules(child)
    return found


@pytest.mark.parametrize("name", ["standards.yml", "extraction-signals.yml",
                                  "content-signals.yml"])
def test_shipped_content_rules_compile(name: str) -> None:
    rules = content_rules(load_data(name))
    assert rules, name
    for rule in rules:
        re.compile(rule["pattern"])
        assert all(hint == hint.lower() for hint in rule.get("hints", ())), rule["pattern"]
