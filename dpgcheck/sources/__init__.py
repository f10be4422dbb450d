"""Pick a source for a target string."""

from __future__ import annotations

from typing import Any

from dpgcheck.sources.interface import ForgeInfo, Prepared, Source, TargetInfo

__all__ = ["ForgeInfo", "Prepared", "Source", "TargetInfo", "resolve"]


def resolve(target: str, options: dict[str, Any] | None = None) -> Source:
    """A local folder unless the target names a forge repository."""
    from dpgcheck.sources.local import LocalSource

    return LocalSource(target)
