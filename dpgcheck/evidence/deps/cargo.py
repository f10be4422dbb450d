"""Rust: ``Cargo.toml`` (``[dev-dependencies]`` and ``[build-dependencies]`` are dev, also
under ``[target.'cfg(...)'.*]``) and ``Cargo.lock``."""

from __future__ import annotations

import re
from typing import Any

from dpgcheck.errors import ParseError
from dpgcheck.evidence.deps.interface import DEV, RUNTIME, ByName, Dependency, LineIndex
from dpgcheck.evidence.deps.loaders import load_toml

_SECTIONS = {"dependencies": RUNTIME, "dev-dependencies": DEV, "dev_dependencies": DEV,
             "build-dependencies": DEV, "build_dependencies": DEV}


class CargoParser(ByName):
    ecosystem = "cargo"

    names = frozenset({"Cargo.toml"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        data = load_toml(path, text)
        tables: list[tuple[str, Any]] = [(scope, data.get(key)) for key, scope in
                                         _SECTIONS.items()]
        targets = data.get("target")
        if isinstance(targets, dict):
            for body in targets.values():
                if isinstance(body, dict):
                    tables.extend((scope, body.get(key)) for key, scope in _SECTIONS.items())
        deps = []
        for scope, table in tables:
            if not isinstance(table, dict):
                continue
            for alias, spec in table.items():
                name = str(alias)
                version = spec if isinstance(spec, str) else None
                if isinstance(spec, dict):
                    name = str(spec.get("package") or alias)
                    version = spec.get("version") if isinstance(spec.get("version"),
                                                                 str) else None
                match = re.search(rf"^\s*{re.escape(str(alias))}\s*[=.]", text, re.M)
                line = text.count("\n", 0, match.start()) + 1 if match else None
                deps.append(Dependency(name, self.ecosystem, version, scope, path, line))
        return deps


class CargoLockParser(ByName):
    """``Cargo.lock``: exact versions of every crate in the build. The format does not say
    which crates serve only tests or builds, so all count as runtime (and transitive);
    workspace members (no ``source``) are the project itself and are left out."""

    ecosystem = "cargo"

    names = frozenset({"Cargo.lock"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        data = load_toml(path, text)
        packages = data.get("package")
        if packages is None:
            if "version" in data or not text.strip():
                return []
            raise ParseError("no [[package]] entries: not a Cargo.lock", path=path)
        if not isinstance(packages, list):
            raise ParseError("'package' is not an array of tables", path=path)
        index = LineIndex(text)
        deps = []
        cursor = 0
        for package in packages:
            if not isinstance(package, dict) or not isinstance(package.get("name"), str):
                continue
            name = package["name"]
            found = text.find(f'name = "{name}"', cursor)
            if found >= 0:
                cursor = found
            if not package.get("source"):
                continue
            version = package.get("version") if isinstance(package.get("version"),
                                                           str) else None
            deps.append(Dependency(name, self.ecosystem, version, RUNTIME, path,
                                   index.line(found) if found >= 0 else None,
                                   resolved=version, direct=False, lockfile=True))
        return deps
