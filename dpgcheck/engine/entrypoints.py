"""The entries of one entry-point group, read from installed distributions' metadata files.

``importlib.metadata`` answers the same question but its import alone (email, csv, zipfile)
costs ~30 ms of every run, a tenth of checking a small repository. Installed distributions
are folders named ``*.dist-info`` or ``*.egg-info`` on ``sys.path`` holding
``entry_points.txt``; this module reads exactly those files, in ``sys.path`` order, the first
distribution of a name winning, as ``importlib.metadata`` does. Anything it does not model
(a zip on the path, a finder that supplies its own distributions) hands the question to
``importlib.metadata``, and a test compares both readers on the installed environment.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import dataclass
from typing import Any

_PLAIN_FINDERS = ("BuiltinImporter", "FrozenImporter", "PathFinder")


@dataclass(frozen=True)
class PluginEntry:
    """One ``name = module:attr`` line, with the distribution that declared it."""

    name: str
    value: str
    dist_name: str
    dist_version: str

    def load(self) -> Any:
        """``module:attr.path`` imported; ``[extras]`` after it are ignored, as by pip."""
        module, _, attr = self.value.split("[", 1)[0].partition(":")
        obj: Any = importlib.import_module(module.strip())
        for part in attr.strip().split("."):
            if part:
                obj = getattr(obj, part)
        return obj


def group_entries(group: str) -> list[PluginEntry]:
    """Every entry of ``group`` from the distributions importable now."""
    if not _plain_environment():
        return _from_importlib(group)
    found: list[PluginEntry] = []
    seen: set[str] = set()
    for folder in sys.path:
        folder = folder or "."
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            # Distributions are told apart by the name in the folder's name, as in
            # importlib.metadata; the metadata file is read only for those with entries.
            key = _normalise(name.rsplit(".", 1)[0].partition("-")[0])
            if key in seen:
                continue
            seen.add(key)
            meta = os.path.join(folder, name)
            text = _read(os.path.join(meta, "entry_points.txt"))
            entries = _section(text, group) if text else []
            if entries:
                dist_name, version = _name_and_version(meta, name)
                found += [PluginEntry(n, v, dist_name, version) for n, v in entries]
    return found


def _plain_environment() -> bool:
    """Only folders on ``sys.path`` and only the standard finders that supply distributions."""
    if any(os.path.isfile(p) for p in sys.path if p):
        return False
    return all(type(f).__name__ in _PLAIN_FINDERS or getattr(f, "__name__", "") in _PLAIN_FINDERS
               or not hasattr(f, "find_distributions") for f in sys.meta_path)


def _from_importlib(group: str) -> list[PluginEntry]:
    from importlib.metadata import entry_points

    out = []
    for ep in entry_points(group=group):
        dist = ep.dist
        name = (dist.metadata["Name"] or "?") if dist is not None else ep.value
        out.append(PluginEntry(ep.name, ep.value, name, dist.version if dist else ""))
    return out


def _name_and_version(meta: str, folder: str) -> tuple[str, str]:
    """``Name`` and ``Version`` from the metadata headers; the folder name if unreadable."""
    text = _read(os.path.join(meta, "METADATA")) or _read(os.path.join(meta, "PKG-INFO"))
    fields: dict[str, str] = {}
    for line in (text or "").splitlines():
        if not line.strip():
            break  # the headers end at the first blank line
        key, sep, value = line.partition(":")
        if sep and key in ("Name", "Version") and key not in fields:
            fields[key] = value.strip()
    stem = folder.rsplit(".", 1)[0]
    guess_name, _, guess_version = stem.partition("-")
    return (fields.get("Name") or guess_name,
            fields.get("Version") or guess_version.split("-", 1)[0])


def _section(text: str, group: str) -> list[tuple[str, str]]:
    """``name = value`` lines under ``[group]`` of an entry_points.txt (INI syntax)."""
    entries: list[tuple[str, str]] = []
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            continue
        if current == group and "=" in line:
            name, _, value = line.partition("=")
            entries.append((name.strip(), value.strip()))
    return entries


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _read(path: str, limit: int = 256 * 1024) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read(limit)
    except OSError:
        return None
