"""The version-range comparator and the closed-component catalogue's matching."""

from __future__ import annotations

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
