"""Python: ``requirements*.txt`` (files named for dev/test/docs/lint count as dev)."""

from __future__ import annotations

import re

from dpgcheck.deps.interface import DEV, RUNTIME, Dependency

_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;#]*)")
_DEV_WORDS = ("dev", "test", "doc", "lint", "ci", "build", "tox", "type", "check")


class RequirementsParser:
    ecosystem = "pypi"

    def matches(self, path: str) -> bool:
        name = path.rpartition("/")[2].lower()
        return name.startswith("requirements") and name.endswith((".txt", ".in"))

    def parse(self, path: str, text: str) -> list[Dependency]:
        stem = path.lower().rpartition("/")[2]
        folder = path.lower().rpartition("/")[0]
        scope = DEV if any(w in stem or w in folder.split("/") for w in _DEV_WORDS) else RUNTIME
        deps = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith(("#", "-", "git+", "http:", "https:")):
                continue
            match = _REQ.match(line)
            if match:
                version = match.group(2).strip() or None
                deps.append(Dependency(match.group(1), self.ecosystem, version, scope, path,
                                       number))
        return deps
