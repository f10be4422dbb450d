"""What a manifest parser is and what it yields.

One module per ecosystem implements :class:`ManifestParser`; ``dpgcheck.deps.collect`` runs
them all over the repository view. Parsers read text only: nothing is ever executed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

RUNTIME = "runtime"
DEV = "dev"


@dataclass(frozen=True)
class Dependency:
    """One declared dependency. ``scope`` is ``runtime`` or ``dev`` (dev/test/build/CI)."""

    name: str
    ecosystem: str
    version: str | None
    scope: str
    path: str
    line: int | None = None

    @property
    def runtime(self) -> bool:
        return self.scope == RUNTIME


@dataclass(frozen=True)
class ManifestProblem:
    """A manifest that could not be parsed; reported as a warning, the rest still runs."""

    path: str
    message: str
    line: int | None = None


@dataclass
class DependencySet:
    dependencies: list[Dependency] = field(default_factory=list)
    problems: list[ManifestProblem] = field(default_factory=list)
    manifests: list[str] = field(default_factory=list)

    @property
    def runtime(self) -> list[Dependency]:
        return [d for d in self.dependencies if d.runtime]

    def names(self, *, runtime_only: bool = True) -> set[str]:
        deps = self.runtime if runtime_only else self.dependencies
        return {d.name.lower() for d in deps}


class ManifestParser(Protocol):
    """Parses one kind of manifest. ``parse`` raises ``ParseError`` on malformed input."""

    ecosystem: str

    def matches(self, path: str) -> bool: ...

    def parse(self, path: str, text: str) -> list[Dependency]: ...


def line_of(text: str, needle: str, start: int = 0) -> int | None:
    """1-based line where ``needle`` first occurs at or after offset ``start``."""
    index = text.find(needle, start)
    return None if index < 0 else text.count("\n", 0, index) + 1
