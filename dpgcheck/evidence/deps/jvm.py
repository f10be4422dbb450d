"""JVM: Maven ``pom.xml`` and Gradle build scripts (Groovy and Kotlin, Android included),
plus Gradle version catalogs (``gradle/libs.versions.toml``).

Gradle scripts are programs; they are read as text with patterns for the usual dependency
notations, never evaluated. Names are ``group:artifact``.
"""

from __future__ import annotations

import re
from typing import Any

from dpgcheck.errors import ParseError
from dpgcheck.evidence.deps.interface import (
    DEV,
    RUNTIME,
    ByName,
    Dependency,
    basename,
    is_dev_name,
    line_of,
)
from dpgcheck.evidence.deps.loaders import load_toml, load_xml, local_name

ECOSYSTEM = "maven"

_PROPERTY = re.compile(r"\$\{([^}]+)\}")


class PomParser(ByName):
    """Maven: ``test`` and ``provided`` scopes and build plugins are development tooling;
    ``dependencyManagement`` only pins versions and declares nothing."""

    ecosystem = ECOSYSTEM

    names = frozenset({"pom.xml"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        root = load_xml(path, text)
        if local_name(root.tag) != "project":
            raise ParseError("pom.xml has no <project> root", path=path)
        props = {"project.version": _child(root, "version") or ""}
        for node in _children(root, "properties"):
            for prop in node:
                props[local_name(prop.tag)] = (prop.text or "").strip()
        deps: list[Dependency] = []
        containers = [(root, RUNTIME)]
        for profiles in _children(root, "profiles"):
            containers.extend((p, RUNTIME) for p in _children(profiles, "profile"))
        for container, _ in containers:
            for block in _children(container, "dependencies"):
                for dep in _children(block, "dependency"):
                    scope = (_child(dep, "scope") or "compile").lower()
                    deps.append(self._dependency(path, text, dep, props,
                                                 DEV if scope in ("test", "provided") else
                                                 RUNTIME))
            for build in _children(container, "build"):
                for plugins in [*_children(build, "plugins"),
                                *(p for pm in _children(build, "pluginManagement")
                                  for p in _children(pm, "plugins"))]:
                    for plugin in _children(plugins, "plugin"):
                        deps.append(self._dependency(path, text, plugin, props, DEV))
        return [d for d in deps if d.name != ":"]

    def _dependency(self, path: str, text: str, node: Any, props: dict[str, str],
                    scope: str) -> Dependency:
        group = _child(node, "groupId") or ("org.apache.maven.plugins"
                                            if local_name(node.tag) == "plugin" else "")
        artifact = _child(node, "artifactId") or ""
        version = _child(node, "version")
        if version:
            version = _PROPERTY.sub(lambda m: props.get(m.group(1), m.group(0)), version)
        return Dependency(f"{group}:{artifact}", self.ecosystem, version, scope, path,
                          line_of(text, f"<artifactId>{artifact}</artifactId>"))


def _children(node: Any, name: str) -> list[Any]:
    return [c for c in node if local_name(c.tag) == name]


def _child(node: Any, name: str) -> str | None:
    for c in node:
        if local_name(c.tag) == name:
            return (c.text or "").strip() or None
    return None


#: Gradle configurations that end up in what ships. ``compileOnly`` (like Maven's
#: ``provided``), ``kapt``, ``annotationProcessor``, test and debug variants do not.
_RUNTIME_CONFIGS = {"implementation", "api", "compile", "runtime", "runtimeonly",
                    "releaseimplementation", "embed", "shadow", "bundle",
                    "wearapp", "coreLibraryDesugaring".lower()}
_GRADLE_DEP = re.compile(
    r"""^[ \t]*([A-Za-z][A-Za-z0-9_]*)[ \t]*(?:\(|[ \t])[ \t]*(?:platform\(|enforcedPlatform\()?
        [ \t]*["']([^"'$\s:]+):([^"'$\s:]+)(?::([^"'\s@]+))?(?:@\w+)?["']""",
    re.M | re.X)
_GRADLE_MAP = re.compile(
    r"""^[ \t]*([A-Za-z][A-Za-z0-9_]*)[ \t]*\(?[ \t]*group[ \t]*[:=][ \t]*["']([^"']+)["'][ \t]*,
        [ \t]*name[ \t]*[:=][ \t]*["']([^"']+)["'](?:[ \t]*,[ \t]*version[ \t]*[:=][ \t]*
        ["']([^"']+)["'])?""", re.M | re.X)
_NOT_CONFIGS = {"id", "version", "group", "name", "classpath", "apply", "plugin", "maven",
                "url", "include", "exclude", "project", "files", "fileTree", "kotlin",
                "def", "val", "var", "ext", "set", "println", "if", "return"}


def gradle_scope(config: str) -> str:
    """``implementation`` -> runtime; ``debugImplementation``, ``kapt``, ``testApi`` -> dev."""
    low = config.lower()
    if low in _RUNTIME_CONFIGS:
        return RUNTIME
    words = re.findall(r"[a-z0-9]+|[A-Z][a-z0-9]*", config)
    if low.endswith(("implementation", "api", "runtimeonly")) and not any(
            is_dev_name(w) for w in words[:-1]):
        return RUNTIME
    return DEV


class GradleParser(ByName):
    """``build.gradle`` / ``build.gradle.kts`` (``buildscript`` classpath and plugins are
    development tooling)."""

    ecosystem = ECOSYSTEM

    names = frozenset({"build.gradle", "build.gradle.kts"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        deps: list[Dependency] = []
        for regex in (_GRADLE_DEP, _GRADLE_MAP):
            for m in regex.finditer(text):
                config = m.group(1)
                if config in _NOT_CONFIGS:
                    continue
                scope = DEV if config == "classpath" else gradle_scope(config)
                deps.append(Dependency(f"{m.group(2)}:{m.group(3)}", self.ecosystem,
                                       m.group(4), scope, path,
                                       text.count("\n", 0, m.start(1)) + 1))
        for m in re.finditer(r"""^[ \t]*classpath[ \t]*\(?[ \t]*["']([^"'$\s:]+):([^"'$\s:]+)"""
                             r"""(?::([^"'\s]+))?["']""", text, re.M):
            deps.append(Dependency(f"{m.group(1)}:{m.group(2)}", self.ecosystem, m.group(3),
                                   DEV, path, text.count("\n", 0, m.start()) + 1))
        return deps


#: Catalog entries that are test libraries or Gradle plugins (used on the build classpath).
_CATALOG_DEV = ("junit", "espresso", "mockito", "robolectric", "truth", "leakcanary", "gradle",
                "-plugin", "plugin:", "detekt", "ktlint", "lint-")


class VersionCatalogParser:
    """``gradle/libs.versions.toml``: libraries keyed by alias (``libs.firebase.bom`` in build
    scripts). The catalog does not say how a library is used; names read as test tooling are
    development, the rest runtime."""

    ecosystem = ECOSYSTEM
    #: Base-name globs covering every path ``matches`` accepts (pre-selection on big trees).
    name_globs = ("*.versions.toml",)

    def matches(self, path: str) -> bool:
        return basename(path).endswith(".versions.toml")

    def parse(self, path: str, text: str) -> list[Dependency]:
        data = load_toml(path, text)
        versions = data.get("versions") if isinstance(data.get("versions"), dict) else {}
        libraries = data.get("libraries")
        deps: list[Dependency] = []
        if not isinstance(libraries, dict):
            return deps
        for alias, spec in libraries.items():
            module, version = None, None
            if isinstance(spec, str):
                module, _, version = spec.rpartition(":") if spec.count(":") >= 2 else (
                    spec, "", None)
            elif isinstance(spec, dict):
                module = spec.get("module") or (
                    f"{spec.get('group')}:{spec.get('name')}" if spec.get("group") else None)
                ver = spec.get("version")
                if isinstance(ver, dict):
                    ref = ver.get("ref")
                    version = versions.get(ref) if isinstance(ref, str) else ver.get("strictly")
                else:
                    version = ver
            if not isinstance(module, str):
                continue
            scope = DEV if is_dev_name(str(alias)) or is_dev_name(module) or any(
                w in module.lower() for w in _CATALOG_DEV) else RUNTIME
            deps.append(Dependency(module, self.ecosystem,
                                   version if isinstance(version, str) else None, scope, path,
                                   line_of(text, str(alias))))
        return deps
