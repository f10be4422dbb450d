"""Ruby: ``Gemfile`` (``group :development, :test`` blocks and ``group:`` options are dev) and
``Gemfile.lock`` (exact versions). A Gemfile is Ruby code: it is read as text, never run."""

from __future__ import annotations

import re

from dpgcheck.errors import ParseError
from dpgcheck.evidence.deps.interface import DEV, RUNTIME, ByName, Dependency, basename, is_dev_name

_GEM = re.compile(r"""^\s*gem\s*\(?\s*["']([^"']+)["']\s*(.*)$""")
_VERSION = re.compile(r"""^,\s*["']([^"']+)["'](?:\s*,\s*["']([^"']+)["'])?""")
_GROUP = re.compile(r"^\s*group\s*\(?\s*(.+?)\)?\s+do\b")
_OPEN = re.compile(r"^\s*(?:if|unless|case|while|begin)\b|\bdo(\s*\|[^|]*\|)?\s*$")


class GemfileParser(ByName):
    ecosystem = "rubygems"

    names = frozenset({"Gemfile", "gems.rb"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        deps = []
        stack: list[bool] = []  # one entry per open block: is it a dev group?
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            group = _GROUP.match(line)
            if group:
                names = re.findall(r"[\w]+", group.group(1))
                stack.append(bool(names) and all(is_dev_name(n) for n in names))
                continue
            if line.strip() == "end":
                if stack:
                    stack.pop()
                continue
            gem = _GEM.match(line)
            if gem:
                rest = gem.group(2)
                version_match = _VERSION.match(rest)
                version = ", ".join(v for v in version_match.groups() if v) \
                    if version_match else None
                option = re.search(r"group(?:s)?\s*(?::|=>)\s*\[?([^\]\n]+)", rest)
                dev = any(stack) or bool(option and all(
                    is_dev_name(n) for n in re.findall(r"\w+", option.group(1))))
                deps.append(Dependency(gem.group(1), self.ecosystem, version,
                                       DEV if dev else RUNTIME, path, number))
                continue
            if _OPEN.search(line):
                stack.append(False)
        return deps


_SPEC = re.compile(r"^    ([^\s(]+) \(([^)]+)\)$")


class GemfileLockParser(ByName):
    ecosystem = "rubygems"

    names = frozenset({"Gemfile.lock", "gems.locked"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        if text.strip() and not re.search(r"^(GEM|PATH|GIT|PLATFORMS|DEPENDENCIES)\s*$", text,
                                          re.M):
            raise ParseError("no GEM/DEPENDENCIES sections: not a Gemfile.lock", path=path)
        deps = []
        section = ""
        for number, raw in enumerate(text.splitlines(), start=1):
            if raw and not raw[0].isspace():
                section = raw.strip()
                continue
            if section in ("GEM", "PATH", "GIT"):
                match = _SPEC.match(raw)
                if match:
                    version = match.group(2).split("-")[0]  # drop the platform suffix
                    deps.append(Dependency(match.group(1), self.ecosystem, version, RUNTIME,
                                           path, number, resolved=version, direct=False,
                                           lockfile=True))
        return deps


_GEMSPEC_DEP = re.compile(
    r"""\.add_(runtime_dependency|dependency|development_dependency)\s*\(?\s*["']([^"']+)["']"""
    r"""((?:\s*,\s*["'][^"']*["'])*)""")


class GemspecParser:
    """``*.gemspec``: ``add_dependency``/``add_runtime_dependency`` ship,
    ``add_development_dependency`` does not. Read as text, never evaluated."""

    ecosystem = "rubygems"
    #: Base-name globs covering every path ``matches`` accepts (pre-selection on big trees).
    name_globs = ("*.gemspec",)

    def matches(self, path: str) -> bool:
        return basename(path).endswith(".gemspec")

    def parse(self, path: str, text: str) -> list[Dependency]:
        deps = []
        for m in _GEMSPEC_DEP.finditer(text):
            versions = re.findall(r"""["']([^"']*)["']""", m.group(3))
            deps.append(Dependency(
                m.group(2), self.ecosystem, ", ".join(versions) or None,
                DEV if m.group(1) == "development_dependency" else RUNTIME, path,
                text.count("\n", 0, m.start()) + 1))
        return deps
