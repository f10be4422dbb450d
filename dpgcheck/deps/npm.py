"""npm: ``package.json`` (runtime ``dependencies``; dev, peer-optional and bundled apart)."""

from __future__ import annotations

import json

from dpgcheck.deps.interface import DEV, RUNTIME, Dependency, line_of
from dpgcheck.errors import ParseError

_SECTIONS = {
    "dependencies": RUNTIME,
    "optionalDependencies": RUNTIME,
    "peerDependencies": RUNTIME,
    "devDependencies": DEV,
}


class PackageJsonParser:
    ecosystem = "npm"

    def matches(self, path: str) -> bool:
        return path.rpartition("/")[2] == "package.json" and "node_modules/" not in path

    def parse(self, path: str, text: str) -> list[Dependency]:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise ParseError(f"invalid JSON: {exc}", path=path) from None
        if not isinstance(data, dict):
            raise ParseError("package.json is not a JSON object", path=path)
        deps = []
        for section, scope in _SECTIONS.items():
            block = data.get(section)
            if not isinstance(block, dict):
                continue
            start = text.find(f'"{section}"')
            for name, version in block.items():
                deps.append(Dependency(
                    name=str(name), ecosystem=self.ecosystem,
                    version=str(version) if isinstance(version, str) else None,
                    scope=scope, path=path, line=line_of(text, f'"{name}"', max(start, 0)),
                ))
        return deps
