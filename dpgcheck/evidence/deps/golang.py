"""Go: ``go.mod`` (``// indirect`` requirements are transitive; ``tool`` lines are dev) and
``go.sum``."""

from __future__ import annotations

import re

from dpgcheck.errors import ParseError
from dpgcheck.evidence.deps.interface import DEV, RUNTIME, ByName, Dependency

_MODULE = re.compile(r"^([^\s\"]+|\"[^\"]+\")\s+(v[^\s/]+)\s*(//.*)?$")
_DIRECTIVES = ("module", "go", "toolchain", "require", "replace", "exclude", "retract",
               "tool", "godebug", "ignore")


class GoModParser(ByName):
    ecosystem = "go"

    names = frozenset({"go.mod"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        deps: list[Dependency] = []
        block: str | None = None
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("//"):
                continue
            if block is not None:
                if line == ")":
                    block = None
                    continue
                if block == "require":
                    self._require(path, line, number, deps)
                continue
            word, _, rest = line.partition(" ")
            word = word.rstrip("(")
            if word not in _DIRECTIVES:
                raise ParseError(f"unknown go.mod directive '{word[:40]}'", path=path,
                                 line=number)
            rest = rest.strip()
            if line.endswith("("):
                block = word
            elif word == "require":
                self._require(path, rest, number, deps)
            elif word == "tool" and rest:
                deps.append(Dependency(rest.split()[0], self.ecosystem, None, DEV, path,
                                       number))
        return deps

    def _require(self, path: str, line: str, number: int, deps: list[Dependency]) -> None:
        match = _MODULE.match(line)
        if not match:
            raise ParseError(f"malformed require line: {line[:60]!r}", path=path, line=number)
        comment = match.group(3) or ""
        deps.append(Dependency(match.group(1).strip('"'), self.ecosystem, match.group(2),
                               RUNTIME, path, number, direct="indirect" not in comment))


class GoSumLockParser(ByName):
    """``go.sum``: the checksums of every module version the build may read. A version with
    only a ``/go.mod`` line had just its go.mod consulted (graph pruning), so it is left out.
    The format does not say which modules serve only tests: all count as runtime, transitive
    (``go.mod`` says which are direct)."""

    ecosystem = "go"

    names = frozenset({"go.sum"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        deps: list[Dependency] = []
        seen: set[tuple[str, str]] = set()
        for number, raw in enumerate(text.splitlines(), start=1):
            parts = raw.split()
            if not parts:
                continue
            if len(parts) != 3 or not parts[2].startswith("h1:") or \
                    not parts[1].startswith("v"):
                raise ParseError(f"malformed go.sum line: {raw[:60]!r}", path=path,
                                 line=number)
            module, version = parts[0], parts[1]
            if version.endswith("/go.mod") or (module, version) in seen:
                continue
            seen.add((module, version))
            deps.append(Dependency(module, self.ecosystem, version, RUNTIME, path, number,
                                   resolved=version, direct=False, lockfile=True))
        return deps
