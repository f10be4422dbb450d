"""Catalogue dependency rules match what the plain per-glob loop matched."""

from __future__ import annotations

import fnmatch
import random
import re

from dpgcheck.datafile import load_data
from dpgcheck.evidence.deps.interface import Dependency
from dpgcheck.evidence.signals.depmatch import canonical_ecosystem, dependency_matches, matching


def plain_matches(dep: Dependency, rules) -> bool:
    """The rule as it was written first: every glob tried on every spelling."""
    globs = rules.get(canonical_ecosystem(dep.ecosystem))
    if not globs:
        return False
    pypi = canonical_ecosystem(dep.ecosystem) == "pypi"
    name = dep.name.lower()
    if pypi:
        name = re.sub(r"[-_.]+", "-", name)
    names = [name, name.rpartition(":")[2]] if ":" in name else [name]
    for glob in globs:
        pattern = re.sub(r"[-_.]+", "-", glob.lower()) if pypi else glob.lower()
        if any(n == pattern or fnmatch.fnmatchcase(n, pattern) for n in names):
            return True
    return False


def _rules() -> list[dict[str, list[str]]]:
    out = []
    for name in ("extraction-signals.yml", "standards.yml", "pii-fields.yml"):
        data = load_data(name)
        out += [e["deps"] for e in data.get("entries", []) if e.get("deps")]
    return out


def _deps(rules, rng: random.Random) -> list[Dependency]:
    """Names from the rules themselves (globs filled in), in other cases and spellings, and
    names no rule has, in every alias of each ecosystem."""
    aliases = {"npm": ["npm", "yarn", "NPM"], "pypi": ["pypi", "pip", "python"],
               "maven": ["maven", "gradle"], "go": ["go", "golang"], "rubygems": ["gem"],
               "cargo": ["cargo"], "composer": ["composer"], "nuget": ["nuget"]}
    deps = []
    for rule in rules:
        for ecosystem, globs in rule.items():
            for glob in globs:
                name = glob.replace("*", rng.choice(["", "x", "core-utils", ".ext"]))
                for alias in aliases.get(ecosystem, [ecosystem]):
                    for spelled in (name, name.upper(), name.replace("-", "_"),
                                    f"group.id:{name}", name + "-extra", "other-" + name):
                        deps.append(Dependency(name=spelled, ecosystem=alias, version="1.0",
                                               scope="runtime", path="manifest"))
    return deps


def test_rules_match_what_the_plain_loop_matched():
    rng = random.Random(17)
    rules = _rules()
    assert len(rules) > 20
    deps = _deps(rules, rng)
    matched = 0
    for rule in rules:
        for dep in deps:
            expected = plain_matches(dep, rule)
            assert dependency_matches(dep, rule) == expected, (rule, dep)
            matched += expected
        assert matching(deps, rule) == [d for d in _first_of_each(deps) if plain_matches(d, rule)]
    assert matched > 500 and matched < len(rules) * len(deps) // 2


def _first_of_each(deps):
    seen, out = set(), []
    for dep in deps:
        key = (canonical_ecosystem(dep.ecosystem), dep.name.lower())
        if key not in seen:
            seen.add(key)
            out.append(dep)
    return out
