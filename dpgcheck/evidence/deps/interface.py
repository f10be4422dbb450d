"""What a manifest parser is and what it yields.

One module per ecosystem implements :class:`ManifestParser`; ``dpgcheck.evidence.deps.collect`` runs
them all over the repository view. Parsers read text only: nothing is ever executed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

RUNTIME = "runtime"
DEV = "dev"

#: Words that mark a file, group, extra or stage as development tooling (the Standard exempts
#: development, test and CI tools). Matched against whole words of a name.
DEV_WORDS = frozenset({
    "dev", "develop", "development", "test", "tests", "testing", "doc", "docs", "lint",
    "linting", "ci", "build", "tox", "typing", "types", "typecheck", "check", "checks",
    "style", "format", "fmt", "qa", "e2e", "bench", "benchmark", "benchmarks", "mypy",
    "pytest", "coverage", "cov", "tools", "tooling", "debug", "local", "spec", "example",
    "examples", "sample", "samples", "fixture", "fixtures",
})
_WORD = re.compile(r"[a-z0-9]+")


_NOT_TESTS = frozenset({"latest", "contest", "attest", "protest", "greatest"})


def is_dev_name(name: str) -> bool:
    """True when a name (``requirements-dev.txt``, ``test``, ``perftest``) reads as dev."""
    return any(w in DEV_WORDS or (w.endswith(("test", "tests")) and w not in _NOT_TESTS)
               for w in _WORD.findall(name.lower()))


#: The longest licence statement kept (a lockfile's or SBOM's text is untrusted).
MAX_LICENSE_TEXT = 300


@dataclass(frozen=True)
class StatedLicense:
    """A dependency's licence as a file or a service states it, and where.

    ``text`` is what was written (an SPDX expression, a name, ``UNLICENSED``...), bounded;
    ``method`` says what kind of place it came from: ``lockfile``, ``vendored`` (a manifest
    or licence file committed with the dependency's code), ``sbom`` (a committed SBOM),
    ``github-sbom`` or ``deps.dev``. ``path``/``line`` locate it in the repository, or name
    the service's URL.
    """

    text: str
    path: str
    line: int | None = None
    method: str = "lockfile"

    @classmethod
    def of(cls, value: object, path: str, line: int | None = None,
           method: str = "lockfile") -> StatedLicense | None:
        """From a lockfile's ``license`` value: a string, a list (any of them: Composer,
        npm's legacy ``licenses``) or an object with ``type``; ``None`` when it states none."""
        if isinstance(value, dict):
            value = value.get("type") or value.get("name")
        if isinstance(value, list):
            parts = [str(v.get("type") if isinstance(v, dict) else v) for v in value[:20]
                     if v]
            value = " OR ".join(f"({p})" if " " in p.strip() else p for p in parts)
        if not isinstance(value, str) or not value.strip():
            return None
        return cls(" ".join(value.split())[:MAX_LICENSE_TEXT], path, line, method)


@dataclass(frozen=True)
class Dependency:
    """One dependency.

    ``scope`` is ``runtime`` or ``dev`` (dev/test/build/CI). ``version`` is what the file
    declares (a range, a pin, an image tag); ``resolved`` is the exact version a lockfile
    records, when one does. ``direct`` is false for what only a lockfile (or ``// indirect``)
    names: pulled in by another dependency rather than declared by the project.
    """

    name: str
    ecosystem: str
    version: str | None
    scope: str
    path: str
    line: int | None = None
    resolved: str | None = None
    direct: bool = True
    lockfile: bool = False
    #: The licence a lockfile states for it (Composer, npm v2/v3), when one does.
    license: StatedLicense | None = None

    @property
    def runtime(self) -> bool:
        return self.scope == RUNTIME

    @property
    def best_version(self) -> str | None:
        """The exact version when known, else the declared one."""
        return self.resolved or self.version


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
        """Direct runtime dependencies: what the project itself declares it needs to run."""
        return [d for d in self.dependencies if d.runtime and d.direct]

    @property
    def dev(self) -> list[Dependency]:
        """Direct development, test, build and CI dependencies."""
        return [d for d in self.dependencies if not d.runtime and d.direct]

    @property
    def transitive(self) -> list[Dependency]:
        """What only lockfiles (or ``// indirect``) name, runtime and dev alike."""
        return [d for d in self.dependencies if not d.direct]

    def names(self, *, runtime_only: bool = True) -> set[str]:
        deps = self.runtime if runtime_only else self.dependencies
        return {d.name.lower() for d in deps}


class ByName:
    """For parsers whose manifests are known by exact file name (``names``); ``collect``
    looks those names up instead of asking the parser about every path."""

    names: frozenset[str] = frozenset()

    def matches(self, path: str) -> bool:
        return basename(path) in self.names


class ManifestParser(Protocol):
    """Parses one kind of manifest. ``parse`` raises ``ParseError`` on malformed input."""

    ecosystem: str

    def matches(self, path: str) -> bool: ...

    def parse(self, path: str, text: str) -> list[Dependency]: ...


def basename(path: str) -> str:
    return path.rpartition("/")[2]


def line_of(text: str, needle: str, start: int = 0) -> int | None:
    """1-based line where ``needle`` first occurs at or after offset ``start``."""
    index = text.find(needle, max(start, 0))
    return None if index < 0 else text.count("\n", 0, index) + 1


class LineIndex:
    """Offsets to line numbers in O(log n), for parsers that locate many names in big files."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def line(self, offset: int) -> int:
        from bisect import bisect_right

        return bisect_right(self._starts, offset)

    def find(self, needle: str, start: int = 0) -> int | None:
        index = self.text.find(needle, max(start, 0))
        return None if index < 0 else self.line(index)
