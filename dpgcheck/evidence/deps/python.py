"""Python: requirements files, ``pyproject.toml`` (PEP 621, PEP 735, Poetry), ``setup.cfg``,
``Pipfile``, and the ``poetry.lock`` / ``uv.lock`` / ``Pipfile.lock`` lockfiles.

Extras and groups named for development (``dev``, ``test``, ``docs``, ``lint``...) and tool
sections other than Poetry's main dependencies count as development tooling.
"""

from __future__ import annotations

import configparser
import re
from typing import Any

from dpgcheck.errors import ParseError
from dpgcheck.evidence.deps.interface import (
    DEV,
    RUNTIME,
    ByName,
    Dependency,
    LineIndex,
    basename,
    is_dev_name,
    line_of,
)
from dpgcheck.evidence.deps.loaders import load_json, load_toml

ECOSYSTEM = "pypi"

#: A PEP 508 requirement: name, optional extras, the rest (version specifier, URL, markers).
_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")


def parse_requirement(text: str) -> tuple[str, str | None] | None:
    """``"Django[argon2]>=4.2,<5; python_version>'3.8'"`` -> (``Django``, ``>=4.2,<5``)."""
    match = _REQ.match(text.split(";", 1)[0])
    if not match:
        return None
    rest = match.group(2).strip()
    if rest.startswith("@"):
        rest = rest[1:].strip()
    rest = rest.strip("()").strip()
    return match.group(1), rest or None


def _scope_for(name: str, default: str = RUNTIME) -> str:
    return DEV if is_dev_name(name) else default


class RequirementsParser:
    """``requirements*.txt`` / ``*.in``, and ``.txt`` files in a ``requirements/`` folder."""

    ecosystem = ECOSYSTEM
    #: Base-name globs covering every path ``matches`` accepts (pre-selection on big trees).
    name_globs = ("*.txt", "*.in")

    def matches(self, path: str) -> bool:
        name = basename(path).lower()
        if not name.endswith((".txt", ".in")):
            return False
        return name.startswith("requirements") or "/requirements/" in f"/{path.lower()}"

    def parse(self, path: str, text: str) -> list[Dependency]:
        stem = basename(path).lower().rsplit(".", 1)[0].removeprefix("requirements")
        folder = path.lower().rpartition("/")[0].rpartition("/")[2]
        scope = DEV if is_dev_name(stem) or is_dev_name(folder) else RUNTIME
        deps = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split(" #", 1)[0].strip().rstrip("\\").strip()
            if not line or line.startswith(("#", "-", "git+", "http:", "https:", "file:", ".",
                                             "/")):
                continue
            parsed = parse_requirement(line)
            if parsed is None:
                raise ParseError(f"not a requirement: {line[:60]!r}", path=path, line=number)
            name, version = parsed
            if version and version.startswith("--"):
                version = None
            deps.append(Dependency(name, self.ecosystem, version, scope, path, number))
        return deps


class PyprojectParser(ByName):
    ecosystem = ECOSYSTEM

    names = frozenset({"pyproject.toml"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        data = load_toml(path, text)
        deps: list[Dependency] = []

        def add(req: Any, scope: str) -> None:
            if not isinstance(req, str):
                return
            parsed = parse_requirement(req)
            if parsed:
                deps.append(Dependency(parsed[0], self.ecosystem, parsed[1], scope, path,
                                       line_of(text, req)))

        project = data.get("project")
        if isinstance(project, dict):
            for req in _list(project.get("dependencies")):
                add(req, RUNTIME)
            extras = project.get("optional-dependencies")
            if isinstance(extras, dict):
                for extra, reqs in extras.items():
                    for req in _list(reqs):
                        add(req, _scope_for(str(extra)))
        groups = data.get("dependency-groups")  # PEP 735: development groups by design
        if isinstance(groups, dict):
            for reqs in groups.values():
                for req in _list(reqs):
                    add(req, DEV)
        tool = data.get("tool")
        if isinstance(tool, dict):
            deps.extend(self._poetry(path, text, tool.get("poetry")))
            for name, section in tool.items():
                if name == "poetry" or not isinstance(section, dict):
                    continue
                for key in ("dev-dependencies", "dev_dependencies"):  # uv, pdm, rye
                    block = section.get(key)
                    for req in _list(block):
                        add(req, DEV)
                    if isinstance(block, dict):
                        for reqs in block.values():
                            for req in _list(reqs):
                                add(req, DEV)
        return deps

    def _poetry(self, path: str, text: str, poetry: Any) -> list[Dependency]:
        if not isinstance(poetry, dict):
            return []
        tables: list[tuple[str, Any]] = [(RUNTIME, poetry.get("dependencies")),
                                          (DEV, poetry.get("dev-dependencies"))]
        groups = poetry.get("group")
        if isinstance(groups, dict):
            for group, body in groups.items():
                if isinstance(body, dict):
                    scope = RUNTIME if group == "main" else DEV
                    tables.append((scope, body.get("dependencies")))
        deps = []
        for scope, table in tables:
            if not isinstance(table, dict):
                continue
            for name, spec in table.items():
                if str(name).lower() == "python":
                    continue
                version = spec if isinstance(spec, str) else (
                    spec.get("version") if isinstance(spec, dict) else None)
                deps.append(Dependency(str(name), self.ecosystem,
                                       version if isinstance(version, str) else None, scope,
                                       path, _key_line(text, str(name))))
        return deps


def _key_line(text: str, key: str) -> int | None:
    match = re.search(rf'^\s*"?{re.escape(key)}"?\s*=', text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


class SetupCfgParser(ByName):
    ecosystem = ECOSYSTEM

    names = frozenset({"setup.cfg"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        cfg = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            cfg.read_string(text, source=path)
        except configparser.Error as exc:
            raise ParseError(f"invalid setup.cfg: {str(exc).splitlines()[0]}",
                             path=path, line=getattr(exc, "lineno", None)) from None
        deps: list[Dependency] = []

        def add(value: str, scope: str) -> None:
            for item in value.splitlines():
                item = item.split("#", 1)[0].strip()
                if not item or item.startswith(("file:", "attr:")):
                    continue
                parsed = parse_requirement(item)
                if parsed:
                    deps.append(Dependency(parsed[0], self.ecosystem, parsed[1], scope, path,
                                           line_of(text, item)))

        if cfg.has_section("options"):
            add(cfg.get("options", "install_requires", fallback=""), RUNTIME)
            add(cfg.get("options", "tests_require", fallback=""), DEV)
            add(cfg.get("options", "setup_requires", fallback=""), DEV)
        if cfg.has_section("options.extras_require"):
            for extra, value in cfg.items("options.extras_require"):
                add(value, _scope_for(extra))
        return deps


_SETUP_LIST = re.compile(
    r"\b(install_requires|tests_require|setup_requires|extras_require)\s*=\s*([\[{])")
_STRING = re.compile(r"""(?:^|[\[,{:\s])(["'])([^"'\n]+)\1""")


class SetupPyParser(ByName):
    """``setup.py``: the literal lists given to ``install_requires`` and friends, read as text
    (setup.py is a program and is never run; computed lists are not seen)."""

    ecosystem = ECOSYSTEM
    names = frozenset({"setup.py"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        deps = []
        for m in _SETUP_LIST.finditer(text):
            close = "]" if m.group(2) == "[" else "}"
            end = _matching(text, m.end() - 1, m.group(2), close)
            body = text[m.end():end]
            keyword = m.group(1)
            scope = RUNTIME if keyword in ("install_requires", "extras_require") else DEV
            extra = None
            for s in _STRING.finditer(body):
                value = s.group(2).strip()
                offset = m.end() + s.start(2)
                after = body[s.end():s.end() + 3].lstrip()
                if keyword == "extras_require" and after.startswith(":"):
                    extra = value  # a key of the extras mapping
                    continue
                parsed = parse_requirement(value)
                if not parsed:
                    continue
                dep_scope = _scope_for(extra or "", scope) if keyword == "extras_require" \
                    else scope
                deps.append(Dependency(parsed[0], self.ecosystem, parsed[1], dep_scope, path,
                                       text.count("\n", 0, offset) + 1))
        return deps


def _matching(text: str, start: int, opening: str, closing: str) -> int:
    """Offset of the bracket closing the one at ``start`` (strings not considered)."""
    depth = 0
    for i in range(start, min(len(text), start + 200_000)):
        if text[i] == opening:
            depth += 1
        elif text[i] == closing:
            depth -= 1
            if depth == 0:
                return i
    return min(len(text), start + 200_000)


class PipfileParser(ByName):
    ecosystem = ECOSYSTEM

    names = frozenset({"Pipfile"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        data = load_toml(path, text)
        deps = []
        for section, scope in (("packages", RUNTIME), ("dev-packages", DEV)):
            table = data.get(section)
            if not isinstance(table, dict):
                continue
            start = text.find(f"[{section}]")
            for name, spec in table.items():
                version = spec if isinstance(spec, str) else (
                    spec.get("version") if isinstance(spec, dict) else None)
                version = version if isinstance(version, str) and version != "*" else None
                deps.append(Dependency(str(name), self.ecosystem, version, scope, path,
                                       line_of(text, f"{name}", start)))
        return deps


_PACKAGE = re.compile(r"^\[\[package\]\][ \t]*\r?$", re.M)
_FIELDS = ("name", "version", "category", "source")


class TomlLockParser(ByName):
    """``poetry.lock`` and ``uv.lock``, read block by block: a full TOML parse of a big
    lockfile takes seconds, and only names and versions are needed. The fields read are the
    plain ``key = value`` lines at the head of each ``[[package]]`` block."""

    ecosystem = ECOSYSTEM

    names = frozenset({"poetry.lock", "uv.lock"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        starts = [m.end() for m in _PACKAGE.finditer(text)]
        if not starts:
            if re.search(r"^\s*(version|lock-version)\s*=", text, re.M) or not text.strip():
                return []
            raise ParseError("no [[package]] entries: not a poetry.lock or uv.lock", path=path)
        deps = []
        line, previous = 1, 0
        for start in starts:
            line += text.count("\n", previous, start)
            previous = start
            end = text.find("\n[", start)
            head = text[start:end if end >= 0 else len(text)]
            fields: dict[str, str] = {}
            for row in head.split("\n"):
                key, sep, value = row.partition("=")
                key = key.strip()
                if sep and key in _FIELDS and key not in fields:
                    fields[key] = value.strip()
            name = fields.get("name", "").strip("\"'")
            if not name:
                raise ParseError("[[package]] without a name", path=path, line=line)
            source = fields.get("source", "")
            if "editable" in source or "virtual" in source:
                continue  # the project itself (uv)
            version = fields.get("version", "").strip("\"'") or None
            scope = DEV if fields.get("category", "").strip("\"'") == "dev" else RUNTIME
            deps.append(Dependency(name, self.ecosystem, version, scope, path, line,
                                   resolved=version, direct=False, lockfile=True))
        return deps


class PipfileLockParser(ByName):
    """``Pipfile.lock``: exact pins; ``default`` ships, ``develop`` does not."""

    ecosystem = ECOSYSTEM

    names = frozenset({"Pipfile.lock"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        data = load_json(path, text)
        if not isinstance(data, dict) or not any(k in data for k in ("default", "develop",
                                                                        "_meta")):
            raise ParseError("not a Pipfile.lock (no default, develop or _meta)", path=path)
        index = LineIndex(text)
        deps = []
        for section, scope in (("default", RUNTIME), ("develop", DEV)):
            table = data.get(section)
            if not isinstance(table, dict):
                continue
            start = text.find(f'"{section}"')
            for name, spec in table.items():
                pin = spec.get("version") if isinstance(spec, dict) else None
                version = pin.lstrip("=") if isinstance(pin, str) and pin.startswith(
                    "==") else None
                found = text.find(f'"{name}"', max(start, 0))
                deps.append(Dependency(str(name), self.ecosystem, version, scope, path,
                                       index.line(found) if found >= 0 else None,
                                       resolved=version, direct=False, lockfile=True))
        return deps
