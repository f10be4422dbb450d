"""R: a package's ``DESCRIPTION`` (``Depends``/``Imports``/``LinkingTo`` are runtime,
``Suggests`` development)."""

from __future__ import annotations

import re

from dpgcheck.errors import ParseError
from dpgcheck.evidence.deps.interface import DEV, RUNTIME, ByName, Dependency

_FIELDS = {"depends": RUNTIME, "imports": RUNTIME, "linkingto": RUNTIME, "suggests": DEV}
_ENTRY = re.compile(r"^\s*([A-Za-z][A-Za-z0-9.]*)\s*(?:\(([^)]*)\))?\s*$")


class DescriptionParser(ByName):
    ecosystem = "cran"

    names = frozenset({"DESCRIPTION"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        fields: list[tuple[str, str, int]] = []  # (field, value, first line)
        for number, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            if raw[0].isspace():
                if not fields:
                    raise ParseError("continuation line before any field", path=path,
                                     line=number)
                name, value, first = fields[-1]
                fields[-1] = (name, f"{value}\n{raw}", first)
                continue
            key, sep, value = raw.partition(":")
            if not sep or not re.fullmatch(r"[A-Za-z][A-Za-z0-9/@._-]*", key):
                raise ParseError("expected 'Field: value'", path=path, line=number)
            fields.append((key.lower(), value, number))
        if fields and not any(f[0] == "package" for f in fields):
            raise ParseError("no Package field: not an R package DESCRIPTION", path=path)
        deps = []
        for key, value, first in fields:
            scope = _FIELDS.get(key)
            if scope is None:
                continue
            for offset, chunk in enumerate(value.split("\n")):
                for item in chunk.split(","):
                    match = _ENTRY.match(item)
                    if match and match.group(1) != "R":
                        deps.append(Dependency(match.group(1), self.ecosystem,
                                               (match.group(2) or "").strip() or None, scope,
                                               path, first + offset))
        return deps
