"""Indicator 8: open standards and practices from files, content, dependencies and tags."""

from __future__ import annotations

import re

import yaml

from dpgcheck.datafile import load_data
from tests.conftest import git
from tests.evidence_helpers import dpg_yml, finding_ids, indicator

OPENAPI = "openapi: 3.0.3\ninfo:\n  title: Clinic API\n  version: 1.0.0\npaths: {}\n"


def names(ind, key):
    return [s["name"] for s in ind[key]]


def test_standards_and_practices_found_and_listed(repo, cli):
    root = repo({
        "api/openapi.yaml": OPENAPI,
        "package.json": ('{"dependencies": {"i18next": "^23.0.0"},\n'
                         ' "devDependencies": {"eslint-plugin-jsx-a11y": "^6.8.0"}}\n'),
        "requirements.txt": "fhir.resources==7.1.0\n",
        "locale/fr/LC_MESSAGES/django.po": 'msgid "Hello"\nmsgstr "Bonjour"\n',
        "publiccode.yml": "publiccodeYmlVersion: '0.4'\n",
        "CITATION.cff": "cff-version: 1.2.0\n",
        ".github/workflows/ci.yml": "on: push\n",
        ".github/dependabot.yml": "version: 2\n",
        "tests/test_api.py": "def test_a():\n    assert True\n",
        "tests/test_models.py": "def test_b():\n    assert True\n",
        "SECURITY.md": "Report vulnerabilities to security@example.org\n",
        "CHANGELOG.md": "# Changelog\n",
        "CONTRIBUTING.md": "# Contributing\n",
        "README.md": "[![OpenSSF](https://www.bestpractices.dev/projects/1/badge)](x)\n",
    })
    ind = indicator(cli, root, "8")
    assert ind["status"] == "pass"
    standards = names(ind, "standards")
    for expected in ("OpenAPI Specification", "HL7 FHIR", "GNU gettext (PO/POT)", "i18next",
                     "WCAG 2 (automated accessibility testing)", "publiccode.yml",
                     "Citation File Format (CITATION.cff)"):
        assert expected in standards
    practices = names(ind, "practices")
    for expected in ("Continuous integration", "Automated test suite",
                     "Security policy (SECURITY.md)", "Changelog", "Automated dependency updates",
                     "Contributor guide", "OpenSSF Best Practices / Scorecard"):
        assert expected in practices
    openapi = next(s for s in ind["standards"] if s["name"] == "OpenAPI Specification")
    assert openapi["evidence"][0]["path"] == "api/openapi.yaml"
    assert openapi["evidence"][0]["line"] == 1
    wcag = next(s for s in ind["standards"] if s["id"] == "wcag")
    assert "(dev)" in wcag["evidence"][0]["message"]
    assert finding_ids(ind) == {"standards/open-standards": "pass",
                                "standards/best-practices": "pass"}


def test_nothing_found_needs_declaration(repo, cli):
    root = repo({"README.md": "# Tool\n", "main.py": "print('hi')\n"})
    ind = indicator(cli, root, "8")
    assert ind["status"] == "needs-declaration"
    assert finding_ids(ind) == {"standards/no-open-standards": "needs-declaration",
                                "standards/no-best-practices": "needs-declaration"}
    assert any("Featured Standards" in r for r in ind["remediation"])


def test_declared_standards_and_practices_count(repo, cli):
    root = repo({"dpg.yml": dpg_yml(
        standards="  - name: HL7 FHIR R4\n    evidence_url: https://example.org/fhir\n",
        best_practices="  - Principles for Digital Development\n")})
    ind = indicator(cli, root, "8")
    assert ind["status"] == "pass"
    assert ind["declared_standards"] == [{"name": "HL7 FHIR R4",
                                          "evidence_url": "https://example.org/fhir"}]
    assert ind["declared_best_practices"][0]["name"] == "Principles for Digital Development"
    messages = [e["message"] for e in ind["evidence"]]
    assert "declared standard: HL7 FHIR R4" in messages


def test_semver_tags_need_three_release_tags(repo, cli):
    root = repo({"README.md": "x\n"})
    for tag in ("v1.0.0", "v1.1.0"):
        git(root, "tag", tag)
    git(root, "tag", "nightly")
    assert "Semantic Versioning (release tags)" not in names(indicator(cli, root, "8"),
                                                             "practices")
    git(root, "tag", "2.0.0-rc.1")
    practices = indicator(cli, root, "8")["practices"]
    semver = next(p for p in practices if p["id"] == "semver")
    assert semver["count"] == 3
    assert "v1.1.0" in semver["evidence"][0]["message"]


def test_fixtures_and_lookalikes_are_not_standards(repo, cli):
    root = repo({
        "tests/fixtures/openapi.yaml": OPENAPI,
        "api.yaml": "name: not a spec\nopenapi_enabled: true\n",
        "test/mock-server/package.json": '{"dependencies": {"graphql": "16.0.0"}}\n',
        "docs/example.graphql": "type Query { a: Int }\n",
        "README.md": "x\n",
    })
    ind = indicator(cli, root, "8")
    assert ind["standards"] == []


def test_content_rules_find_standards_in_source(repo, cli):
    root = repo({
        "app/fhir_client.py": 'BASE = "https://hl7.org/fhir/R4"\n',
        "app/views.py": '# SPDX-License-Identifier: MIT\n',
        "app/payments.py": "MESSAGE = 'pacs.008.001.08'\n",
        "app/map.js": "const data = {\"type\": \"FeatureCollection\", \"features\": []}\n",
    })
    ind = indicator(cli, root, "8")
    found = {s["id"]: s for s in ind["standards"]}
    assert {"fhir", "spdx", "iso20022", "geojson"} <= set(found)
    assert found["iso20022"]["evidence"][0] == {
        "message": "ISO 20022: 'pacs.008.001'", "path": "app/payments.py", "line": 1,
        "url": None, "excerpt": None, "basis": "observed"}


def test_catalogue_entries_are_complete_and_valid():
    data = load_data("standards.yml")
    ids = [e["id"] for e in data["entries"]]
    assert len(ids) == len(set(ids))
    rule_keys = {"files", "paths", "content", "deps", "tags", "readme"}
    for entry in data["entries"]:
        assert entry["name"] and entry["url"].startswith("https://"), entry["id"]
        assert entry["kind"] in ("standard", "practice")
        assert rule_keys & set(entry), entry["id"]
        for rule in entry.get("content", []):
            re.compile(rule["pattern"])
            assert all(h == h.lower() for h in rule.get("hints", ()))
    # The file is plain, safe YAML (no tags or aliases).
    yaml.safe_load(yaml.safe_dump(data))


def test_dependency_rules_work_across_ecosystems(repo, cli):
    pom = """<project>
  <dependencies>
    <dependency>
      <groupId>org.springdoc</groupId>
      <artifactId>springdoc-openapi-starter-webmvc-ui</artifactId>
      <version>2.5.0</version>
    </dependency>
    <dependency>
      <groupId>ca.uhn.hapi.fhir</groupId>
      <artifactId>hapi-fhir-base</artifactId>
      <version>7.0.0</version>
    </dependency>
  </dependencies>
</project>
"""
    root = repo({"pom.xml": pom,
                 "Gemfile": "source 'https://rubygems.org'\ngem 'doorkeeper', '~> 5.6'\n"})
    found = {s["id"]: s for s in indicator(cli, root, "8")["standards"]}
    assert {"openapi", "fhir", "oauth2"} <= set(found)
    assert found["fhir"]["evidence"][0]["path"] == "pom.xml"
    assert found["oauth2"]["evidence"][0]["path"] == "Gemfile"


def test_transitive_lockfile_entries_are_not_standards(repo, cli):
    lock = {"name": "web", "lockfileVersion": 3, "packages": {
        "": {"name": "web", "dependencies": {"react": "^18.0.0"}},
        "node_modules/react": {"version": "18.2.0"},
        "node_modules/ajv": {"version": "8.12.0"},
        "node_modules/graphql": {"version": "16.8.1"}}}
    import json

    root = repo({"package.json": '{"name": "web", "dependencies": {"react": "^18.0.0"}}\n',
                 "package-lock.json": json.dumps(lock, indent=2)})
    assert indicator(cli, root, "8")["standards"] == []


def test_a_catalogue_of_standards_is_not_evidence_of_using_them(repo, cli):
    """A file that lists many standards (a checker's rules) says nothing about the solution."""
    catalogue = "\n".join(f"- name: {n}\n  pattern: '{n.lower()}'" for n in (
        "FHIR", "OpenAPI", "AsyncAPI", "GraphQL", "OAuth", "OpenID", "SAML", "GeoJSON",
        "LOINC", "SNOMED"))
    root = repo({"README.md": "# Tool\n", "rules/standards.yml": catalogue,
                 "app/fhir_client.py": "BASE = 'https://hl7.org/fhir/R4'\n"})
    import json

    report = json.loads(cli("--only", "standards", "--format", "json", root).stdout)
    paths = {e["path"] for f in report["indicators"][0]["findings"] for e in f["evidence"]}
    assert "rules/standards.yml" not in paths
    assert "app/fhir_client.py" in paths


HF_CARD = ("---\nlicense: apache-2.0\nlanguage: [sw]\npipeline_tag: text-classification\n"
           "library_name: transformers\n---\n\n# Kiswahili sentiment\n\nA small model.\n")


def test_open_data_and_model_formats_held_as_files_count_unless_fixtures(repo, cli):
    root = repo({
        "data/rainfall_2024.csv": "date,mm\n2024-01-01,3.2\n",
        "data/stations.nc": b"CDF\x01",
        "models/classifier.onnx": b"\x08\x07",
        "models/classifier.safetensors": b"\x00",
        "models/classifier.gguf": b"GGUF",
        "README.md": HF_CARD,
        "tests/fixtures/sample.parquet": b"PAR1",
        "docs/example.hdf5": b"\x89HDF",
    })
    ind = indicator(cli, root, "8")
    found = {s["id"]: s for s in ind["standards"]}
    assert {"csv", "netcdf", "onnx", "safetensors", "gguf", "model-card"} <= set(found)
    assert "parquet" not in found and "hdf5" not in found  # a test fixture, a docs example
    assert found["csv"]["name"] == "CSV (RFC 4180)"
    assert found["csv"]["evidence"][0]["path"] == "data/rainfall_2024.csv"
    assert found["model-card"]["evidence"][0]["path"] == "README.md"


def test_a_readme_front_matter_without_card_keys_is_no_model_card(repo, cli):
    root = repo({"README.md": "---\ntitle: Site\nlayout: home\n---\n\n# Site\n"})
    assert "model-card" not in {s["id"] for s in indicator(cli, root, "8")["standards"]}


def test_json_api_and_odata_from_content_and_dependencies(repo, cli):
    root = repo({
        "app/serializers.rb": 'MEDIA = "application/vnd.api+json"\n',
        "Gemfile": 'source "https://rubygems.org"\ngem "jsonapi-serializer"\n',
        "Api/Controllers/FacilitiesController.cs": (
            "public class FacilitiesController : ODataController {\n"
            "  // responds with @odata.context and OData-Version: 4.0\n}\n"),
        "Api/Api.csproj": ('<Project><ItemGroup><PackageReference '
                           'Include="Microsoft.AspNetCore.OData" Version="8.2.5" />'
                           '</ItemGroup></Project>'),
    })
    ind = indicator(cli, root, "8")
    found = {s["id"]: s for s in ind["standards"]}
    assert found["json-api"]["name"] == "JSON:API" and found["json-api"]["count"] == 2
    assert found["odata"]["count"] == 2
    odata = [e["path"] for e in found["odata"]["evidence"]]
    assert odata == ["Api/Controllers/FacilitiesController.cs", "Api/Api.csproj"]
    extraction = indicator(cli, root, "6")
    assert extraction["status"] == "pass"
    assert "JSON:API" in extraction["summary"] and "OData" in extraction["summary"]


def test_geojson_named_in_an_extension_list_is_no_evidence(repo, cli):
    root = repo({"license-config.json": '{"ignore": ["**/*.@(md|csv|geojson|woff2)"]}\n',
                 "tools/paths.py": 'SKIP = ("*.geojson", "*.woff")\n'})
    assert "geojson" not in {s["id"] for s in indicator(cli, root, "8")["standards"]}
    used = repo({"api/areas.py": "import geojson\n\nFEATURES = geojson.FeatureCollection([])\n"})
    found = {s["id"]: s for s in indicator(cli, used, "8")["standards"]}
    assert found["geojson"]["evidence"][0]["path"] == "api/areas.py"
