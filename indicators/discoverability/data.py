"""Loading the discoverability data files shipped in ``dpgcheck/data/``."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from dpgcheck.api import load_data, signals


def load(name: str) -> dict[str, Any]:
    """A YAML data file of ``dpgcheck/data/`` (read once per process)."""
    data = load_data(name)
    if not isinstance(data, dict):
        raise ValueError(f"data file {name} is not a mapping")
    return data


@cache
def patterns(name: str, key: str) -> tuple[signals.Prefiltered, ...]:
    """The regular expressions listed under ``key`` of a data file, compiled once (each
    skips the texts that cannot match it: ``dpgcheck.evidence.regex_literals``)."""
    values = load(name)[key]
    items = values.values() if isinstance(values, dict) else values
    return tuple(signals.Prefiltered(re.compile(p, re.IGNORECASE)) for p in items)


@cache
def named_patterns(name: str, key: str) -> tuple[tuple[str, signals.Prefiltered], ...]:
    """``label -> regex`` pairs of a data file mapping, compiled once (as ``patterns``)."""
    return tuple((label, signals.Prefiltered(re.compile(p, re.IGNORECASE)))
                 for label, p in load(name)[key].items())
