"""PHP: ``composer.json`` (``require`` vs ``require-dev``; PHP itself and extensions skipped)."""

from __future__ import annotations

from dpgcheck.errors import ParseError
from dpgcheck.evidence.deps.interface import (
    DEV,
    RUNTIME,
    ByName,
    Dependency,
    LineIndex,
    StatedLicense,
    line_of,
)
from dpgcheck.evidence.deps.loaders import load_json


class ComposerParser(ByName):
    ecosystem = "composer"

    names = frozenset({"composer.json"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        data = load_json(path, text)
        if not isinstance(data, dict):
            raise ParseError("composer.json is not a JSON object", path=path)
        deps = []
        for section, scope in (("require", RUNTIME), ("require-dev", DEV)):
            block = data.get(section)
            if not isinstance(block, dict):
                continue
            start = text.find(f'"{section}"')
            for name, version in block.items():
                low = str(name).lower()
                if low in ("php", "hhvm") or low.startswith(("ext-", "lib-", "composer-")):
                    continue
                deps.append(Dependency(str(name), self.ecosystem,
                                       version if isinstance(version, str) else None, scope,
                                       path, line_of(text, f'"{name}"', start)))
        return deps


class ComposerLockParser(ByName):
    """``composer.lock``: exact versions (``packages`` ship, ``packages-dev`` do not) and each
    package's ``license`` list (any of them applies)."""

    ecosystem = "composer"

    names = frozenset({"composer.lock"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        data = load_json(path, text)
        if not isinstance(data, dict):
            raise ParseError("composer.lock is not a JSON object", path=path)
        deps = []
        cursor = 0
        lines = LineIndex(text)  # a line per package: counting from the top for each one
        # was quadratic (Ushahidi's 0.5 MB composer.lock: 31 -> 5 ms)
        for section, scope in (("packages", RUNTIME), ("packages-dev", DEV)):
            for package in data.get(section) or []:
                if not isinstance(package, dict) or not isinstance(package.get("name"), str):
                    continue
                name = package["name"]
                found = text.find(f'"name": "{name}"', cursor)
                cursor = max(cursor, found)
                version = package.get("version")
                version = version.lstrip("v") if isinstance(version, str) else None
                line = lines.find(f'"{name}"', max(found, 0))
                deps.append(Dependency(name, self.ecosystem, version, scope, path, line,
                                       resolved=version, direct=False, lockfile=True,
                                       license=StatedLicense.of(package.get("license"), path,
                                                                line)))
        return deps
