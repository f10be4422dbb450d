"""The shared dependency layer: every manifest parser run once over the repository view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dpgcheck.deps.interface import Dependency, DependencySet, ManifestParser, ManifestProblem
from dpgcheck.errors import ParseError

if TYPE_CHECKING:
    from dpgcheck.repoview import RepoView

__all__ = ["Dependency", "DependencySet", "ManifestParser", "collect", "parsers"]

#: Largest manifest read; lockfiles of big monorepos run to a few MiB.
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
_SKIP_DIRS = ("node_modules/", "vendor/", "third_party/", ".git/")


def parsers() -> list[ManifestParser]:
    from dpgcheck.deps.npm import PackageJsonParser
    from dpgcheck.deps.python import RequirementsParser

    return [PackageJsonParser(), RequirementsParser()]


def collect(view: RepoView) -> DependencySet:
    result = DependencySet()
    active = parsers()
    for path in view.files:
        if any(part in f"/{path}" for part in ("/" + d for d in _SKIP_DIRS)):
            continue
        for parser in active:
            if not parser.matches(path):
                continue
            text = view.read_text(path, MAX_MANIFEST_BYTES)
            if text is None:
                result.problems.append(ManifestProblem(path, "cannot read the file as text"))
                continue
            result.manifests.append(path)
            try:
                result.dependencies.extend(parser.parse(path, text))
            except ParseError as exc:
                result.problems.append(ManifestProblem(path, str(exc.args[0]), exc.line))
    return result
