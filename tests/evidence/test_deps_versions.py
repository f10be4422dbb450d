"""The version-range comparator and the closed-component catalogue's matching."""

from __future__ import annotations

import fnmatch

import pytest

from dpgcheck.evidence.deps.closed import load_closed_catalogue, parse_catalogue
from dpgcheck.evidence.deps.interface import Dependency
from dpgcheck.evidence.deps.versions import range_relation


@pytest.mark.parametrize(("declared", "ranges", "expected"), [
    ("^2.1.0", [">=2.0.0"], "inside"),
    ("^1.13.0", [">=2.0.0"], "no"),
    ("~1.13.3", [">=2.0.0"], "no"),
    ("2.x", [">=2"], "inside"),
    ("7.4.1-alpine", [">=7.4,<8"], "inside"),
    ("7", [">=7.4,<8"], "overlaps"),
    ("7.2", [">=7.4,<8"], "no"),
    ("8.15.1", [">=7.11,<8.16"], "inside"),
    ("8.16.0", [">=7.11,<8.16"], "no"),
    ("7.10.2", [">=7.11,<8.16"], "no"),
    ("4.0.2", [">=4.0.3", ">=3.6.9,<3.7"], "no"),
    ("4.0.3", [">=4.0.3", ">=3.6.9,<3.7"], "inside"),
    ("3.6.9", [">=4.0.3", ">=3.6.9,<3.7"], "inside"),
    ("v2.3.0", [">=2"], "inside"),
    (">=1.0 <2", [">=2"], "no"),
    ("^1.0.0 || ^2.0.0", [">=2"], "overlaps"),
    ("1.0.0 - 1.9.0", [">=2"], "no"),
    ("~> 7.1", [">=7.11,<8.16"], "overlaps"),
    ("~=8.15.0", [">=7.11,<8.16"], "inside"),
    ("==4.2", [">=4.0.3"], "inside"),
    ("latest", [">=1"], None),
    (None, [">=1"], None),
    ("*", [">=1"], None),
])
def test_range_relation(declared, ranges, expected):
    assert range_relation(declared, ranges) == expected


def dep(name, ecosystem, version=None, resolved=None):
    return Dependency(name, ecosystem, version, "runtime", "x", 1, resolved=resolved)


def test_shipped_catalogue_entries_have_sources_and_alternatives():
    catalogue = load_closed_catalogue()
    ids = {c.id for c in catalogue.components}
    assert {"mongodb-server", "firebase", "elasticsearch-server", "redis-server",
            "mapbox-gl", "google-maps", "google-play-services", "commercial-llm-apis",
            "twilio", "sendgrid", "highcharts", "oban-pro", "whatsapp-business",
            "seq-server", "seq-client"} <= ids
    for comp in catalogue.components:
        assert comp.sources and all(s.startswith("https://") for s in comp.sources)
        assert comp.alternatives and comp.why


@pytest.mark.parametrize(("dependency", "component", "certain"), [
    (dep("mongo", "docker", "6.0"), "mongodb-server", True),
    (dep("mongo", "docker", None), "mongodb-server", True),
    (dep("mongo", "docker", "latest"), "mongodb-server", True),
    (dep("elasticsearch", "docker", "latest"), None, None),
    (dep("@elastic/elasticsearch", "npm", "*"), "elasticsearch-client", False),
    (dep("mapbox-gl", "npm", "^2.3.0"), "mapbox-gl", True),
    (dep("mapbox-gl", "npm", "^1.13.0", resolved="1.13.3"), None, None),
    (dep("redis", "docker", "7.4.2"), "redis-server", True),
    (dep("redis", "docker", "7"), "redis-server", False),
    (dep("redis", "docker", None), None, None),
    (dep("redis", "docker", "7.2.4"), None, None),
    (dep("redis", "docker", "8.0.1"), None, None),
    (dep("docker.elastic.co/elasticsearch/elasticsearch", "docker", "8.15.1"),
     "elasticsearch-server", True),
    (dep("elasticsearch", "docker", "8.17.0"), None, None),
    (dep("@elastic/elasticsearch", "npm", "^8.17.0"), None, None),
    (dep("@elastic/elasticsearch", "npm", "^7.10.0"), "elasticsearch-client", True),
    (dep("@firebase/app", "npm", "0.9.0"), "firebase", True),
    (dep("Firebase_Admin", "pypi", ">=6"), "firebase", True),
    (dep("com.google.android.gms:play-services-maps", "maven", "18.2.0"), "google-maps", True),
    (dep("com.google.android.gms:play-services-location", "maven", "21.0.1"),
     "google-play-services", True),
    (dep("openai", "pypi", ">=1.0"), "commercial-llm-apis", True),
    (dep("@anthropic-ai/sdk", "npm", "^0.30"), "commercial-llm-apis", True),
    (dep("xai-sdk", "pypi", "1.0"), "commercial-llm-apis", True),
    (dep("any-llm-sdk", "pypi", ">=1.14"), "llm-gateways", True),
    (dep("twilio-ruby", "rubygems", "~> 5.62"), "twilio", True),
    (dep("@sendgrid/mail", "npm", "^8"), "sendgrid", True),
    (dep("dogstatsd-ruby", "rubygems", "~> 5.2"), "apm-agents", True),
    (dep("highcharts", "npm", "^12.5.0"), "highcharts", True),
    (dep("oban_pro", "hex", "~> 1.5"), "oban-pro", True),
    (dep("oban", "hex", "~> 2.19"), None, None),
    (dep("pywa", "pypi", "2"), "whatsapp-business", True),
    (dep("datalust/seq", "docker", "latest"), "seq-server", True),
    (dep("Serilog.Sinks.Seq", "nuget", "8.0.0"), "seq-client", True),
    (dep("chart.js", "npm", "^4"), None, None),
    (dep("react", "npm", "^18"), None, None),
    (dep("maplibre-gl", "npm", "^4"), None, None),
])
def test_catalogue_matching(dependency, component, certain):
    hit = load_closed_catalogue().match(dependency)
    if component is None:
        assert hit is None
    else:
        assert hit is not None and hit.component.id == component and hit.certain is certain


def test_malformed_catalogue_entry_is_refused():
    with pytest.raises(ValueError, match="lacks"):
        parse_catalogue({"components": [{"id": "x", "name": "X", "match": [
            {"ecosystem": "npm", "names": ["x"]}]}]})


def plain_match(catalogue, dep):
    """The catalogue's answer by trying every rule of every component in order, each name
    with ``fnmatchcase`` (``ClosedCatalogue.match`` before it indexed the rules)."""
    name = dep.name.lower()
    if dep.ecosystem == "pypi":
        name = name.replace("_", "-").replace(".", "-")
    for comp in catalogue.components:
        for rule in comp.rules:
            if rule.ecosystem != dep.ecosystem or not any(
                    fnmatch.fnmatchcase(name, pattern) for pattern in rule.names):
                continue
            if not rule.versions:
                return comp.id, True, ""
            if dep.ecosystem == "docker" and (dep.best_version or "latest") == "latest":
                if comp.latest == "open":
                    continue
                return comp.id, True, "untagged or latest: the current release is affected"
            relation = range_relation(dep.best_version, list(rule.versions))
            if relation is None and dep.resolved and dep.version != dep.resolved:
                relation = range_relation(dep.version, list(rule.versions))
            if relation == "inside":
                return comp.id, True, ""
            if relation == "overlaps":
                return comp.id, False, ("the declared version also allows affected releases "
                                        f"({', '.join(rule.versions)})")
            if relation is None and comp.unknown_version == "hit":
                return comp.id, False, "version unknown: may be affected"
    return None


#: A catalogue with every kind of glob, which the shipped one (names and ``prefix*`` only)
#: does not all use.
EVERY_GLOB = parse_catalogue({"components": [
    {"id": f"c{n}", "name": f"C{n}", "why": "closed", "alternatives": ["o"], "sources": ["s"],
     "latest": "open" if n % 2 else "affected", "unknown_version": "skip" if n % 3 else "hit",
     "match": [{"ecosystem": ecosystem, "names": names, **({"versions": [">=2"]} if n % 2
                                                           else {})}]}
    for n, (ecosystem, names) in enumerate([
        ("npm", ["exact-name", "@scope/*"]), ("npm", ["*-suffix"]), ("npm", ["a*b"]),
        ("npm", ["*middle*"]), ("npm", ["x?z", "[ab]-lib"]), ("pypi", ["*", "multi*star*s"]),
        ("docker", ["org/*", "*/img"]), ("npm", ["@scope/*"])])]})


@pytest.mark.parametrize("catalogue", [load_closed_catalogue(), EVERY_GLOB],
                         ids=["shipped", "every-glob"])
def test_the_indexed_catalogue_answers_as_trying_every_rule(catalogue):
    names: set[tuple[str, str]] = set()
    for comp in catalogue.components:
        for rule in comp.rules:
            for pattern in rule.names:
                stem = pattern.replace("*", "").replace("?", "y").replace("[ab]", "a")
                for name in (pattern, stem, stem + "-extra", "pre-" + stem, stem.upper(),
                             pattern.replace("*", "abc"), stem[:-1], stem[1:], "zz"):
                    for ecosystem in {rule.ecosystem, "npm", "pypi", "docker"}:
                        names.add((name, ecosystem))
    checked = hits = 0
    for name, ecosystem in sorted(names):
        for version, resolved in (("1.0.0", None), ("latest", None), (None, None),
                                  ("^8", "8.1.0")):
            dependency = dep(name, ecosystem, version, resolved=resolved)
            hit = catalogue.match(dependency)
            got = (hit.component.id, hit.certain, hit.reason) if hit is not None else None
            assert got == plain_match(catalogue, dependency), (name, ecosystem, version)
            checked += 1
            hits += got is not None
    assert checked > 400 and hits > 100  # the comparison saw hits of every kind


def test_a_catalogue_pickles_after_matching():
    import pickle

    catalogue = parse_catalogue({"components": [{
        "id": "x", "name": "X", "why": "closed", "alternatives": ["y"], "sources": ["z"],
        "match": [{"ecosystem": "npm", "names": ["x-*", "exact", "*-x", "a*b"]}]}]})
    assert catalogue.match(dep("x-client", "npm", "1.0")) is not None
    again = pickle.loads(pickle.dumps(catalogue))
    for name in ("x-client", "exact", "the-x", "a-to-b", "other"):
        assert (again.match(dep(name, "npm", "1.0")) is None) == \
            (catalogue.match(dep(name, "npm", "1.0")) is None), name
    assert again.match(dep("other", "npm", "1.0")) is None
