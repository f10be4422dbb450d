"""dpgcheck's cache folder: remote answers and clones, and data derived from shipped files.

Derived data (the licence index, parsed YAML catalogues) is only ever a faster copy of
something dpgcheck can rebuild, so every failure to read or write it is silent: a read-only
home costs time, never a wrong answer. ``DPGCHECK_CACHE_DIR=-`` turns the derived copies off.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any


def cache_root() -> Path:
    """``DPGCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/dpgcheck``, ``~/.cache/dpgcheck`` or the
    platform's equivalent."""
    given = os.environ.get("DPGCHECK_CACHE_DIR")
    if given and given != "-":
        return Path(given).expanduser()
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "dpgcheck"
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "dpgcheck" / "Cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dpgcheck"


def derived_path(name: str) -> Path | None:
    """Where derived data called ``name`` is kept; ``None`` when such copies are off."""
    if os.environ.get("DPGCHECK_CACHE_DIR") in ("", "-"):
        return None
    return cache_root() / name


def load_derived(name: str, key: str) -> Any | None:
    """The data stored under ``name`` if it was derived from ``key``, else ``None``."""
    path = derived_path(name)
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            stored = json.load(fh)
    except (OSError, ValueError):
        return None
    if isinstance(stored, dict) and stored.get("key") == key:
        return stored.get("data")
    return None


def store_derived(name: str, key: str, data: Any) -> None:
    """Keep ``data`` (plain JSON values) under ``name``; atomic, and silent on failure."""
    path = derived_path(name)
    if path is None:
        return
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({"key": key, "data": data}, fh)
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink()
