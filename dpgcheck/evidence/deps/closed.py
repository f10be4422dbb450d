"""The catalogue of closed and source-available components (``data/closed_components.yaml``)
and the matching of dependencies against it.

Matching is by ecosystem, a case-insensitive glob on the normalised name, and optionally a
version range; a dependency whose version cannot be read counts as a hit unless the entry
says otherwise (``unknown_version: skip``, for components whose latest release is open).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dpgcheck.datafile import load_yaml
from dpgcheck.evidence.deps.interface import Dependency
from dpgcheck.evidence.deps.versions import range_relation
from dpgcheck.repo.globs import matches_any

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


#: one ecosystem's (component, rule) pairs in catalogue order, and all their names
_Indexed = tuple[tuple[tuple[ClosedComponent, MatchRule], ...], tuple[str, ...]]


@dataclass
class ClosedCatalogue:
    version: str
    components: list[ClosedComponent] = field(default_factory=list)
    #: each ecosystem's rules in catalogue order and all their names, for the components
    #: list of that identity and length: most dependencies match no name, and trying every
    #: rule of every component on each of them cost ~20 us a dependency (81 ms for
    #: OpenCRVS's 3,883)
    _by_ecosystem: tuple[tuple[int, int], dict[str, _Indexed]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def _rules(self, ecosystem: str) -> _Indexed:
        key = (id(self.components), len(self.components))
        if self._by_ecosystem is None or self._by_ecosystem[0] != key:
            grouped: dict[str, list[tuple[ClosedComponent, MatchRule]]] = {}
            for comp in self.components:
                for rule in comp.rules:
                    grouped.setdefault(rule.ecosystem, []).append((comp, rule))
            self._by_ecosystem = key, {
                eco: (tuple(pairs), tuple(n for _, rule in pairs for n in rule.names))
                for eco, pairs in grouped.items()}
        return self._by_ecosystem[1].get(ecosystem, ((), ()))

    def match(self, dep: Dependency) -> ClosedHit | None:
        name = dep.name.lower()
        if dep.ecosystem == "pypi":
            name = name.replace("_", "-").replace(".", "-")
        pairs, names = self._rules(dep.ecosystem)
        if not matches_any(name, names):
            return None  # what the loop below gives a name that no rule's names match
        for comp, rule in pairs:
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
