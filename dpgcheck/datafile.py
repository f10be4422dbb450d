"""Shipped data files (``dpgcheck/data/``), parsed once per process."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_json(name: str) -> Any:
    """The parsed JSON file ``dpgcheck/data/<name>``; shared and read-only by convention."""
    text = resources.files("dpgcheck").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)
