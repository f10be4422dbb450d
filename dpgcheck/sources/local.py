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
        return cls(target) if Path(target.strip()).expanduser().exists() else None

    def prepare(self) -> Prepared:
        path = Path(self.target).expanduser()
        if not path.exists():
            raise TargetError(f"no such file or folder: {self.target}")
        if not path.is_dir():
            raise TargetError(f"not a folder: {self.target} (give the repository's folder)")
        return Prepared(root=path.resolve(),
                        target=TargetInfo(name=self.target, path=str(path.resolve())))
