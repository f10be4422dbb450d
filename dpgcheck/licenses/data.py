"""Load dpgcheck's own licence data files (``dpgcheck/data/license-*.json``) once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def data_file(name: str) -> Any:
    """A JSON data file shipped in ``dpgcheck/data`` (each names its source in ``_source``)."""
    return json.loads((resources.files("dpgcheck") / "data" / name).read_text("utf-8"))
