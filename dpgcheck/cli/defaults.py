"""Defaults kept in the checked repository: ``[tool.dpgcheck]`` in ``pyproject.toml``, else a
``dpgcheck:`` block in ``dpg.yml``. Options on the command line win over both.

Keys (both places): ``fail-on``, ``skip``, ``only``, ``category``, ``format`` and ``write``
(``FORMAT=FILE`` entries). Only a run on one local folder reads them: they belong to that
repository, not to a reviewer's batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dpgcheck.errors import ParseError, did_you_mean

MAX_PYPROJECT_BYTES = 256 * 1024
MAX_DECLARATIONS_BYTES = 256 * 1024
KEYS = ("fail-on", "skip", "only", "category", "format", "write")


@dataclass
class Defaults:
    """The repository's defaults and where they came from (``None``: there are none)."""

    source: str | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def names(self, key: str) -> list[str]:
        value = self.values.get(key)
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        return [str(v) for v in items]

    def text(self, key: str) -> str | None:
        value = self.values.get(key)
        return None if value is None else str(value)

    def note(self, overridden: list[str]) -> str | None:
        """The line the report shows, so nobody wonders why a run behaves as it does."""
        if not self.source or not self.values:
            return None
        shown = [f"{k} {_show(v)}" for k, v in self.values.items()]
        line = f"defaults from {self.source}: {'; '.join(shown)}"
        if overridden:
            line += f" (overridden on the command line: {', '.join(overridden)})"
        return line


def _show(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def load_defaults(target: str) -> Defaults:
    """The defaults of the local folder ``target``, pyproject.toml first. Read before the
    check lists the tree, so only regular files at their fixed places, never through a
    link, and bounded."""
    import tomllib

    from dpgcheck.declarations.loader import DECLARATION_PATHS, parse_yaml

    root = Path(target)
    try:
        if not root.is_dir():
            return Defaults()
    except (OSError, ValueError):  # a name the system refuses: the check says so, in one line
        return Defaults()
    text = _read(root, "pyproject.toml", MAX_PYPROJECT_BYTES)
    if text is not None:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            data = {}  # a broken manifest is the check's finding, not a reason to stop it
        block = data.get("tool", {}).get("dpgcheck") if isinstance(data.get("tool"), dict) \
            else None
        if block is not None:
            if not isinstance(block, dict):
                raise ParseError("[tool.dpgcheck] must be a table", path="pyproject.toml")
            values = {k.replace("_", "-"): v for k, v in block.items()}
            return _checked(Defaults("pyproject.toml [tool.dpgcheck]", values), "pyproject.toml")
    for rel in DECLARATION_PATHS:
        text = _read(root, rel, MAX_DECLARATIONS_BYTES)
        if text is None:
            continue
        data = parse_yaml(text, rel)
        block = data.get("dpgcheck") if isinstance(data, dict) else None
        if isinstance(block, dict) and block:
            return _checked(Defaults(f"{rel} (dpgcheck:)", dict(block)), rel)
        break  # the first declarations file found is the one the check reads
    return Defaults()


def _read(root: Path, rel: str, limit: int) -> str | None:
    """A regular file at ``root/rel`` (no link anywhere on the way), at most ``limit`` bytes."""
    import os
    import stat

    path = root / rel
    try:
        for part in [*reversed(path.relative_to(root).parents), path.relative_to(root)]:
            if str(part) != "." and (root / part).is_symlink():
                return None
        st = os.stat(path, follow_symlinks=False)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
        return None
    with open(path, "rb") as handle:
        return handle.read(limit).decode("utf-8", "replace")


def _checked(defaults: Defaults, path: str | None) -> Defaults:
    for key, value in defaults.values.items():
        if key not in KEYS:
            raise ParseError(f"unknown dpgcheck setting '{key}': use {', '.join(KEYS)}"
                             + did_you_mean(key, KEYS), path=path)
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in items) or (
                isinstance(value, list) and key in ("fail-on", "format")):
            raise ParseError(f"dpgcheck setting '{key}' must be "
                             + ("a word" if key in ("fail-on", "format") else
                                "a word or a list of words"), path=path)
    return defaults
