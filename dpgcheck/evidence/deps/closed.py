"""The catalogue of closed and source-available components (``data/closed_components.yaml``)
and the matching of dependencies against it.

Matching is by ecosystem, a case-insensitive glob on the normalised name, and optionally a
version range; a dependency whose version cannot be read counts as a hit unless the entry
says otherwise (``unknown_version: skip``, for components whose latest release is open).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dpgcheck.datafile import load_yaml
from dpgcheck.evidence.deps.interface import Dependency
from dpgcheck.evidence.deps.versions import range_relation
from dpgcheck.repo.globs import glob_matcher, is_glob, matches_any

CATALOGUE = "closed_components.yaml"


@dataclass(frozen=True)
class MatchRule:
    ecosystem: str
    names: tuple[str, ...]
    versions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClosedComponent:
    id: str
    name: str
    what: str
    why: str
    license: str
    kind: str
    level: str
    alternatives: tuple[str, ...]
    sources: tuple[str, ...]
    rules: tuple[MatchRule, ...]
    unknown_version: str = "hit"
    latest: str = "affected"


@dataclass(frozen=True)
class ClosedHit:
    """A dependency that matches a catalogue entry. ``certain`` is false when the version
    could not be read or allows unaffected releases too (the hit is then a "may")."""

    dependency: Dependency
    component: ClosedComponent
    certain: bool
    reason: str = ""


@dataclass(frozen=True)
class _EcosystemRules:
    """One ecosystem's rules in catalogue order, and a test of whether any of their names
    can match: most dependencies match none, and trying every rule of every component on
    each of them cost ~20 µs a dependency (81 ms for OpenCRVS's 3,883)."""

    pairs: tuple[tuple[ClosedComponent, MatchRule], ...]
    exact: frozenset[str]
    prefixes: tuple[str, ...]  # ``abc*``
    suffixes: tuple[str, ...]  # ``*abc``
    others: tuple[Callable[[str], bool], ...]  # every other glob (``*`` among them)

    @classmethod
    def of(cls, pairs: list[tuple[ClosedComponent, MatchRule]]) -> _EcosystemRules:
        exact: set[str] = set()
        prefixes: list[str] = []
        suffixes: list[str] = []
        others: list[Callable[[str], bool]] = []
        for _, rule in pairs:
            for pattern in rule.names:
                if not is_glob(pattern):
                    exact.add(pattern)
                elif "?" in pattern or "[" in pattern or pattern.count("*") != 1 \
                        or pattern == "*":
                    others.append(glob_matcher(pattern))
                elif pattern.endswith("*"):
                    prefixes.append(pattern[:-1])
                elif pattern.startswith("*"):
                    suffixes.append(pattern[1:])
                else:
                    others.append(glob_matcher(pattern))
        return cls(tuple(pairs), frozenset(exact), tuple(prefixes), tuple(suffixes),
                   tuple(others))

    def may_match(self, name: str) -> bool:
        """Does one of these rules' names match ``name`` (``fnmatchcase``)?"""
        return (name in self.exact or name.startswith(self.prefixes)
                or name.endswith(self.suffixes) or any(m(name) for m in self.others))


@dataclass
class ClosedCatalogue:
    version: str
    components: list[ClosedComponent] = field(default_factory=list)
    #: the rules by ecosystem, for the components list of that identity and length
    _by_ecosystem: tuple[tuple[int, int], dict[str, _EcosystemRules]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        # the index holds predicates that do not pickle; the next match builds it again
        return {**self.__dict__, "_by_ecosystem": None}

    def _rules(self, ecosystem: str) -> _EcosystemRules | None:
        key = (id(self.components), len(self.components))
        if self._by_ecosystem is None or self._by_ecosystem[0] != key:
            grouped: dict[str, list[tuple[ClosedComponent, MatchRule]]] = {}
            for comp in self.components:
                for rule in comp.rules:
                    grouped.setdefault(rule.ecosystem, []).append((comp, rule))
            self._by_ecosystem = key, {eco: _EcosystemRules.of(pairs)
                                       for eco, pairs in grouped.items()}
        return self._by_ecosystem[1].get(ecosystem)

    def match(self, dep: Dependency) -> ClosedHit | None:
        name = dep.name.lower()
        if dep.ecosystem == "pypi":
            name = name.replace("_", "-").replace(".", "-")
        rules = self._rules(dep.ecosystem)
        if rules is None or not rules.may_match(name):
            return None  # what the loop below gives a name that no rule's names match
        for comp, rule in rules.pairs:
            if not matches_any(name, rule.names):
                continue
            if not rule.versions:
                return ClosedHit(dep, comp, True)
            if dep.ecosystem == "docker" and (dep.best_version or "latest") == "latest":
                if comp.latest == "open":
                    continue
                return ClosedHit(dep, comp, True, "untagged or latest: the current "
                                 "release is affected")
            relation = range_relation(dep.best_version, list(rule.versions))
            if relation is None and dep.resolved and dep.version != dep.resolved:
                relation = range_relation(dep.version, list(rule.versions))
            if relation == "inside":
                return ClosedHit(dep, comp, True)
            if relation == "overlaps":
                return ClosedHit(dep, comp, False, "the declared version also allows "
                                 f"affected releases ({', '.join(rule.versions)})")
            if relation is None and comp.unknown_version == "hit":
                return ClosedHit(dep, comp, False, "version unknown: may be affected")
        return None


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def parse_catalogue(data: Any) -> ClosedCatalogue:
    """Build the catalogue from its YAML data; raises ValueError on a malformed entry."""
    if not isinstance(data, dict) or not isinstance(data.get("components"), list):
        raise ValueError("the catalogue needs a 'components' list")
    catalogue = ClosedCatalogue(version=str(data.get("version", "")))
    for entry in data["components"]:
        rules = tuple(
            MatchRule(str(r["ecosystem"]), tuple(n.lower() for n in _strings(r.get("names"))),
                      _strings(r.get("versions")))
            for r in entry.get("match") or [] if isinstance(r, dict) and r.get("ecosystem"))
        missing = [k for k in ("id", "name", "why", "alternatives", "sources") if
                   not entry.get(k)]
        if missing or not rules:
            raise ValueError(f"catalogue entry {entry.get('id')!r} lacks "
                             f"{', '.join(missing) or 'match rules'}")
        catalogue.components.append(ClosedComponent(
            id=str(entry["id"]), name=str(entry["name"]), what=str(entry.get("what", "")),
            why=" ".join(str(entry["why"]).split()), license=str(entry.get("license", "")),
            kind=str(entry.get("kind", "component")), level=str(entry.get("level", "warning")),
            alternatives=_strings(entry["alternatives"]), sources=_strings(entry["sources"]),
            rules=rules, unknown_version=str(entry.get("unknown_version", "hit")),
            latest=str(entry.get("latest", "affected"))))
    return catalogue


@lru_cache(maxsize=1)
def load_closed_catalogue() -> ClosedCatalogue:
    """The catalogue shipped in the package."""
    return parse_catalogue(load_yaml(CATALOGUE))
