"""Go: ``go.mod`` (``// indirect`` requirements are transitive; ``tool`` lines are dev)."""

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
