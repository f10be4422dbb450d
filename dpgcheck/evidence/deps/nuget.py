""".NET: ``PackageReference`` items in ``*.csproj``/``*.fsproj``/``*.vbproj`` and
``Directory.Packages.props``, and legacy ``packages.config``. Test projects, analyzers and
``PrivateAssets="all"`` references are development tooling."""

from __future__ import annotations

from dpgcheck.evidence.deps.interface import (
    DEV,
    RUNTIME,
    Dependency,
    basename,
    is_dev_name,
    line_of,
)
from dpgcheck.evidence.deps.loaders import load_xml, local_name

_PROJECT_SUFFIXES = (".csproj", ".fsproj", ".vbproj")


def _attr(node: object, name: str) -> str | None:
    attrib = getattr(node, "attrib", {})
    for key, value in attrib.items():
        if key.lower() == name.lower():
            return str(value)
    for child in node:  # type: ignore[attr-defined]
        if local_name(child.tag).lower() == name.lower():
            return (child.text or "").strip() or None
    return None


class CsprojParser:
    ecosystem = "nuget"
    #: Base-name globs covering every path ``matches`` accepts (pre-selection on big trees).
    name_globs = (*(f"*{s}" for s in _PROJECT_SUFFIXES), "directory.packages.props")

    def matches(self, path: str) -> bool:
        name = basename(path)
        return name.lower().endswith(_PROJECT_SUFFIXES) or name == "Directory.Packages.props"

    def parse(self, path: str, text: str) -> list[Dependency]:
        root = load_xml(path, text)
        project_dev = is_dev_name(basename(path).rsplit(".", 1)[0])
        deps = []
        for node in root.iter():
            if local_name(node.tag) not in ("PackageReference", "PackageVersion"):
                continue
            name = _attr(node, "Include") or _attr(node, "Update")
            if not name:
                continue
            private = (_attr(node, "PrivateAssets") or "").lower() == "all"
            dev = project_dev or private or "analyzer" in name.lower() or is_dev_name(name)
            deps.append(Dependency(name, self.ecosystem, _attr(node, "Version"),
                                   DEV if dev else RUNTIME, path, line_of(text, f'"{name}"')))
        return deps


class PackagesConfigParser:
    ecosystem = "nuget"
    #: Base-name globs covering every path ``matches`` accepts (pre-selection on big trees).
    name_globs = ("packages.config",)

    def matches(self, path: str) -> bool:
        return basename(path).lower() == "packages.config"

    def parse(self, path: str, text: str) -> list[Dependency]:
        root = load_xml(path, text)
        folder_dev = is_dev_name(path.rpartition("/")[0].rpartition("/")[2])
        deps = []
        for node in root.iter():
            if local_name(node.tag) != "package":
                continue
            name = node.attrib.get("id")
            if not name:
                continue
            dev = folder_dev or node.attrib.get("developmentDependency") == "true"
            deps.append(Dependency(name, self.ecosystem, node.attrib.get("version"),
                                   DEV if dev else RUNTIME, path, line_of(text, f'"{name}"')))
        return deps
