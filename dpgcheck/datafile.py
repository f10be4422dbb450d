"""Shipped data files (``dpgcheck/data/``), parsed once per process.

YAML is for people editing the catalogues; parsing it costs ten times what reading a stored
copy does, so a parsed YAML file is kept in the cache folder (``cachedir``), keyed by the
file's content and dpgcheck's version, and read back from there while it is unchanged.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from dpgcheck import __version__
from dpgcheck.cachedir import content_key, load_derived, store_derived


@cache
def load_json(name: str) -> Any:
    """The parsed JSON file ``dpgcheck/data/<name>``; shared and read-only by convention."""
    text = resources.files("dpgcheck").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def load_yaml(name: str) -> Any:
    """The parsed YAML file ``dpgcheck/data/<name>`` (our own, trusted data)."""
    raw = resources.files("dpgcheck").joinpath("data", name).read_bytes()
    key = f"{__version__}-{content_key(raw)}"
    cache_name = f"data-{name}"
    cached = load_derived(cache_name, key)
    if cached is not None:
        return cached
    import yaml

    # libyaml's loader when present (ten times faster than pure Python)
    data = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    store_derived(cache_name, key, data)  # not stored if it holds dates or objects
    return data


def load_data(name: str) -> Any:
    """A data file by name: YAML or JSON, by its extension."""
    return load_yaml(name) if name.endswith((".yml", ".yaml")) else load_json(name)
