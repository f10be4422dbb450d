"""A local folder: checked in place, never modified."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dpgcheck.errors import TargetError
from dpgcheck.sources.interface import Prepared, Source, TargetInfo


class LocalSource(Source):
    name = "local"
    remote = False

    def __init__(self, target: str) -> None:
        self.target = target

    @classmethod
    def claim(cls, target: str, options: Mapping[str, Any]) -> LocalSource | None:
        """Any path that exists (a file is refused when prepared, with its reason)."""
        return cls(target) if path_exists(target.strip()) else None

    def prepare(self) -> Prepared:
        path = Path(self.target).expanduser()
        if not path_exists(self.target):
            raise TargetError(f"no such file or folder: {self.target}")
        if not path.is_dir():
            raise TargetError(f"not a folder: {self.target} (give the repository's folder)")
        return Prepared(root=path.resolve(),
                        target=TargetInfo(name=self.target, path=str(path.resolve())))


def path_exists(target: str) -> bool:
    """Does ``target`` name something on disk? A name the system refuses (too long, a NUL
    byte) names nothing, instead of raising."""
    try:
        return Path(target).expanduser().exists()
    except (OSError, ValueError):
        return False
