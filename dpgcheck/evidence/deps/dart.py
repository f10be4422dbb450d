"""Dart and Flutter: ``pubspec.yaml`` (``dev_dependencies`` apart; SDK packages skipped)."""

from __future__ import annotations

import re

from dpgcheck.errors import ParseError
from dpgcheck.evidence.deps.interface import DEV, RUNTIME, ByName, Dependency
from dpgcheck.evidence.deps.loaders import load_yaml


class PubspecParser(ByName):
    ecosystem = "pub"

    names = frozenset({"pubspec.yaml"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        data = load_yaml(path, text)
        if data is None:
            return []
        if not isinstance(data, dict):
            raise ParseError("pubspec.yaml is not a mapping", path=path)
        deps = []
        for section, scope in (("dependencies", RUNTIME), ("dev_dependencies", DEV)):
            block = data.get(section)
            if not isinstance(block, dict):
                continue
            start = text.find(f"\n{section}:")
            for name, spec in block.items():
                if isinstance(spec, dict) and "sdk" in spec:
                    continue
                version = spec if isinstance(spec, str | int | float) else (
                    spec.get("version") if isinstance(spec, dict) else None)
                match = re.compile(rf"^\s+{re.escape(str(name))}\s*:", re.M).search(
                    text, max(start, 0))
                deps.append(Dependency(str(name), self.ecosystem,
                                       str(version) if version is not None else None, scope,
                                       path,
                                       text.count("\n", 0, match.start()) + 1 if match else None))
        return deps
