"""A local folder: checked in place, never modified."""

from __future__ import annotations

from pathlib import Path

from dpgcheck.errors import TargetError
from dpgcheck.sources.interface import Prepared, TargetInfo


class LocalSource:
    def __init__(self, target: str) -> None:
        self.target = target

    def prepare(self) -> Prepared:
        path = Path(self.target).expanduser()
        if not path.exists():
            raise TargetError(f"no such file or folder: {self.target}")
        if not path.is_dir():
            raise TargetError(f"not a folder: {self.target} (give the repository's folder)")
        return Prepared(root=path.resolve(),
                        target=TargetInfo(name=self.target, path=str(path.resolve())))
