"""Dependency rules written by ecosystem and name, whatever parser produced the dependency.

The dependency layer grows ecosystem by ecosystem; parsers may spell an ecosystem ``gem`` or
``rubygems``, ``gradle`` or ``maven``. Rules name a canonical ecosystem and name globs
(``@dhis2/*``, ``org.openmrs*``), so they keep working as parsers arrive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from dpgcheck.repo.globs import glob_matcher

if TYPE_CHECKING:
    from dpgcheck.evidence.deps.interface import Dependency

_ALIASES = {
    "npm": "npm", "yarn": "npm", "pnpm": "npm", "node": "npm", "javascript": "npm",
    "pypi": "pypi", "python": "pypi", "pip": "pypi", "poetry": "pypi",
    "maven": "maven", "gradle": "maven", "android": "maven", "java": "maven",
    "go": "go", "golang": "go", "gomod": "go",
    "cargo": "cargo", "crates": "cargo", "crates.io": "cargo", "rust": "cargo",
    "composer": "composer", "packagist": "composer", "php": "composer",
    "rubygems": "rubygems", "gem": "rubygems", "gems": "rubygems", "bundler": "rubygems",
    "ruby": "rubygems",
    "nuget": "nuget", "dotnet": "nuget", ".net": "nuget",
    "cran": "cran", "r": "cran",
    "pub": "pub", "dart": "pub", "flutter": "pub",
    "hex": "hex", "elixir": "hex", "mix": "hex",
    "docker": "docker", "container": "docker", "image": "docker", "oci": "docker",
    "helm": "docker",
}


def canonical_ecosystem(name: str) -> str:
    return _ALIASES.get(name.lower(), name.lower())


def _pep503(name: str) -> str:
    """PyPI names compare with runs of ``-``, ``_`` and ``.`` as one ``-`` (PEP 503):
    ``drf_spectacular`` is ``drf-spectacular``."""
    return re.sub(r"[-_.]+", "-", name)


def _names(dep: Dependency) -> list[str]:
    """The spellings a rule may match: the full name, and Maven's artifact alone."""
    name = dep.name.lower()
    if canonical_ecosystem(dep.ecosystem) == "pypi":
        name = _pep503(name)
    names = [name]
    if ":" in name:
        names.append(name.rpartition(":")[2])
    return names


def dependency_matches(dep: Dependency, rules: Mapping[str, Iterable[str]]) -> bool:
    """True when ``dep`` matches one of ``rules`` (canonical ecosystem -> name globs)."""
    globs = rules.get(canonical_ecosystem(dep.ecosystem))
    if not globs:
        return False
    names = _names(dep)
    pypi = canonical_ecosystem(dep.ecosystem) == "pypi"
    for glob in globs:
        pattern = _pep503(glob.lower()) if pypi else glob.lower()
        for name in names:
            if name == pattern or glob_matcher(pattern)(name):
                return True
    return False


def matching(deps: Iterable[Dependency], rules: Mapping[str, Iterable[str]]) -> list[Dependency]:
    """Every dependency matching the rules, first occurrence of each name kept."""
    seen: set[tuple[str, str]] = set()
    found: list[Dependency] = []
    for dep in deps:
        key = (canonical_ecosystem(dep.ecosystem), dep.name.lower())
        if key not in seen and dependency_matches(dep, rules):
            seen.add(key)
            found.append(dep)
    return found
