"""Shipped data files (``dpgcheck/data/``), parsed once per process.

YAML is for people editing the catalogues; parsing it costs ten times what reading a stored
copy does, so a parsed YAML file is kept in the cache folder (``cachedir``), keyed by the
file's content and dpgcheck's version, and read back from there while it is unchanged.

A run with an empty cache folder (every CI job's) would still parse them all: importing PyYAML
and parsing the eleven catalogues cost ~35 ms of a small repository's ~300 ms. ``setup.py``'s
build hook therefore writes them parsed, as JSON, into the wheel (``PARSED_NAME``), each with
the content key of the YAML it came from; a catalogue is read from there only while its key
matches the installed YAML (an editable checkout has no such file and parses as before).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
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
    digest = content_key(raw)
    key = f"{__version__}-{digest}"
    cache_name = f"data-{name}"
    cached = load_derived(cache_name, key)
    if cached is not None:
        return cached
    shipped = _shipped_parsed().get(name)
    if isinstance(shipped, dict) and shipped.get("key") == digest:
        data = shipped.get("data")
    else:
        data = _parse_yaml(raw)
    store_derived(cache_name, key, data)  # not stored if it holds dates or objects
    return data


def _parse_yaml(raw: bytes) -> Any:
    import yaml

    # libyaml's loader when present (ten times faster than pure Python)
    return yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


#: The file the wheel ships the parsed catalogues in (``write_parsed``).
PARSED_NAME = "parsed-yaml.json"


@cache
def _shipped_parsed() -> dict[str, Any]:
    try:
        raw = resources.files("dpgcheck").joinpath("data", PARSED_NAME).read_bytes()
        stored = json.loads(raw)
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


def write_parsed(path: Path) -> None:
    """For ``setup.py``'s build hook: every shipped YAML catalogue parsed, with the content
    key of its text, into the JSON file ``path``. A catalogue JSON would not give back as it
    is (keys that are not texts, dates) is left out: it is parsed at run time."""
    parsed: dict[str, Any] = {}
    folder = resources.files("dpgcheck").joinpath("data")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith((".yml", ".yaml")):
            continue
        raw = entry.read_bytes()
        data = _parse_yaml(raw)
        if json.loads(json.dumps(data)) == data:
            parsed[entry.name] = {"key": content_key(raw), "data": data}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(parsed, separators=(",", ":")), encoding="utf-8")


def load_data(name: str) -> Any:
    """A data file by name: YAML or JSON, by its extension."""
    return load_yaml(name) if name.endswith((".yml", ".yaml")) else load_json(name)
