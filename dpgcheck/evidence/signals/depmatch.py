"""Dependency rules written by ecosystem and name, whatever parser produced the dependency.

The dependency layer grows ecosystem by ecosystem; parsers may spell an ecosystem ``gem`` or
``rubygems``, ``gradle`` or ``maven``. Rules name a canonical ecosystem and name globs
(``@dhis2/*``, ``org.openmrs*``), so they keep working as parsers arrive.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from dpgcheck.repo.globs import glob_matcher, is_glob

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
    return _PEP503_RUN.sub("-", name)


_PEP503_RUN = re.compile(r"[-_.]+")


@lru_cache(maxsize=65536)
def _spellings(ecosystem: str, name: str) -> tuple[str, tuple[str, ...]]:
    """A dependency's canonical ecosystem and the spellings a rule may match: the full
    name, and Maven's artifact alone. Kept per name: ~40 catalogue entries ask about
    each of a tree's dependencies (CodeCarbon: 6,500 questions)."""
    canonical = canonical_ecosystem(ecosystem)
    lowered = name.lower()
    if canonical == "pypi":
        lowered = _pep503(lowered)
    if ":" in lowered:
        return canonical, (lowered, lowered.rpartition(":")[2])
    return canonical, (lowered,)


#: One ecosystem's rules: the exact names, and matchers for the globs.
_Compiled = dict[str, tuple[frozenset[str], tuple[Callable[[str], bool], ...]]]
#: Each rules mapping (a catalogue entry's, read once per process) compiled; the mapping is
#: kept with it, so its id stays its own.
_COMPILED: dict[int, tuple[Mapping[str, Iterable[str]], _Compiled]] = {}


def _compiled(rules: Mapping[str, Iterable[str]]) -> _Compiled:
    held = _COMPILED.get(id(rules))
    if held is not None and held[0] is rules:
        return held[1]
    compiled = {}
    for ecosystem, globs in rules.items():
        pypi = ecosystem == "pypi"
        patterns = [_pep503(g.lower()) if pypi else g.lower() for g in globs]
        compiled[ecosystem] = (frozenset(p for p in patterns if not is_glob(p)),
                               tuple(glob_matcher(p) for p in patterns if is_glob(p)))
    _COMPILED[id(rules)] = (rules, compiled)
    return compiled


def dependency_matches(dep: Dependency, rules: Mapping[str, Iterable[str]]) -> bool:
    """True when ``dep`` matches one of ``rules`` (canonical ecosystem -> name globs)."""
    ecosystem, names = _spellings(dep.ecosystem, dep.name)
    if not rules.get(ecosystem):
        return False
    exact, globs = _compiled(rules)[ecosystem]
    return any(name in exact for name in names) or any(
        match(name) for match in globs for name in names)


def matching(deps: Iterable[Dependency], rules: Mapping[str, Iterable[str]]) -> list[Dependency]:
    """Every dependency matching the rules, first occurrence of each name kept."""
    seen: set[tuple[str, str]] = set()
    found: list[Dependency] = []
    for dep in deps:
        key = (_spellings(dep.ecosystem, dep.name)[0], dep.name.lower())
        if key not in seen and dependency_matches(dep, rules):
            seen.add(key)
            found.append(dep)
    return found
