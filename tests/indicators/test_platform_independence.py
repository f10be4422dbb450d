"""Indicator 4 on small repositories: hits, exemptions, declarations, problems."""

from __future__ import annotations

import json

from dpgcheck.model import Status


def run4(cli, root):
    result = cli(root, "--only", "4", "--format", "json")
    return json.loads(result.stdout)["indicators"][0], result


def package(deps, dev=None):
    return json.dumps({"name": "app", "dependencies": deps, "devDependencies": dev or {}},
                      indent=2)


COMPOSE = "services:\n  db:\n    image: mongo:6.0\n  web:\n    image: nginx:1.25\n"


def test_no_hits_passes_with_count(repo, cli):
    root = repo({"package.json": package({"react": "^18", "maplibre-gl": "^4.0.0"}),
                 "web/package.json": package({"react": "^18"}),
                 "requirements.txt": "django==4.2\n"})
    ind, result = run4(cli, root)
    assert ind["status"] == "pass" and result.exit_code == 0
    assert "3 runtime dependencies" in ind["summary"]
    assert ind["runtime_dependencies"] == 3 and ind["runtime_declarations"] == 4
    assert ind["closed"] == []


def test_named_cases_are_warnings_with_manifest_line_version_and_alternative(repo, cli):
    root = repo({"package.json": package({"mapbox-gl": "^2.3.0", "firebase": "^10.7.0"}),
                 "docker-compose.yml": COMPOSE})
    ind, _ = run4(cli, root)
    assert ind["status"] == "warning"
    ids = {f["id"] for f in ind["findings"]}
    assert ids == {"platform-independence/closed/mapbox-gl",
                   "platform-independence/closed/firebase",
                   "platform-independence/closed/mongodb-server"}
    mongo = next(f for f in ind["findings"] if f["id"].endswith("mongodb-server"))
    assert "A reviewer will ask: show the open alternative" in mongo["message"]
    assert mongo["evidence"][0]["path"] == "docker-compose.yml"
    assert mongo["evidence"][0]["line"] == 3
    assert "mongo 6.0" in mongo["evidence"][0]["message"]
    assert "FerretDB" in mongo["evidence"][0]["message"]
    assert "FerretDB" in mongo["remediation"]
    mapbox = next(r for r in ind["closed"] if r["component"] == "mapbox-gl")
    assert mapbox["version"] == "^2.3.0" and mapbox["line"] == 4


def test_versions_outside_the_ranges_pass(repo, cli):
    root = repo({"package.json": package({"mapbox-gl": "^1.13.0"}),
                 "docker-compose.yml": "services:\n  r:\n    image: redis:7.2.4\n"
                                       "  e:\n    image: elasticsearch:8.16.1\n"
                                       "  m:\n    image: mongo:4.0.2\n"})
    ind, _ = run4(cli, root)
    assert ind["status"] == "pass", ind


def test_lockfile_resolved_version_decides(repo, cli):
    lock = json.dumps({"lockfileVersion": 3, "packages": {
        "": {}, "node_modules/mapbox-gl": {"version": "2.15.0"}}})
    root = repo({"package.json": package({"mapbox-gl": "*"}), "package-lock.json": lock})
    ind, _ = run4(cli, root)
    assert ind["status"] == "warning"
    assert "(locked 2.15.0)" in ind["findings"][0]["evidence"][0]["message"]


def test_dev_only_and_transitive_hits_are_exempt_but_shown(repo, cli):
    lock = json.dumps({"lockfileVersion": 3, "packages": {
        "": {}, "node_modules/react": {"version": "18.2.0"},
        "node_modules/@firebase/app": {"version": "0.9.0"}}})
    root = repo({"package.json": package({"react": "^18"}, dev={"firebase-tools": "^13",
                                                                "mapbox-gl": "^3"}),
                 "package-lock.json": lock,
                 "Dockerfile": "FROM mongo:7 AS fixtures\nFROM nginx:1.25\n"})
    ind, _ = run4(cli, root)
    assert ind["status"] == "pass"
    messages = " ".join(e["message"] for e in ind["evidence"])
    assert "(development only, exempt) mapbox-gl" in messages
    assert "(development only, exempt) mongo 7" in messages
    assert "(pulled in by another dependency) @firebase/app" in messages


def test_declaration_with_alternative_passes_and_is_shown(repo, cli):
    dpg = ("platform_independence:\n  closed_dependencies:\n    - name: mapbox-gl\n"
           "      mandatory: false\n      alternative: maplibre-gl\n"
           "      explanation: Tiles come from any OpenMapTiles server.\n")
    root = repo({"package.json": package({"mapbox-gl": "^2.3.0"}), "dpg.yml": dpg})
    ind, _ = run4(cli, root)
    assert ind["status"] == "pass"
    finding = ind["findings"][0]
    assert finding["status"] == "pass"
    assert "alternative: maplibre-gl" in finding["evidence"][0]["message"]
    assert finding["evidence"][0]["path"] == "dpg.yml"


def test_declared_mandatory_without_alternative_fails(repo, cli):
    dpg = ("platform_independence:\n  closed_dependencies:\n    - name: firebase\n"
           "      mandatory: true\n      explanation: Push notifications need it.\n")
    root = repo({"package.json": package({"firebase": "^10"}), "dpg.yml": dpg})
    ind, result = run4(cli, root)
    assert ind["status"] == "fail" and result.exit_code == 1
    assert ind["findings"][0]["id"] == "platform-independence/mandatory-closed"


def test_declaration_without_explanation_stays_a_warning(repo, cli):
    dpg = "platform_independence:\n  closed_dependencies:\n    - name: mongodb-server\n"
    root = repo({"docker-compose.yml": COMPOSE, "dpg.yml": dpg})
    ind, _ = run4(cli, root)
    assert ind["status"] == "warning"
    assert "neither an alternative nor an explanation" in ind["findings"][0]["message"]


def test_malformed_manifest_is_a_warning_and_the_rest_still_runs(repo, cli):
    root = repo({"pyproject.toml": "[project\n", "docker-compose.yml": COMPOSE})
    ind, _ = run4(cli, root)
    assert ind["status"] == "warning"
    ids = [f["id"] for f in ind["findings"]]
    assert "platform-independence/unparsed-manifest" in ids
    assert "platform-independence/closed/mongodb-server" in ids
    assert ind["manifest_problems"][0]["path"] == "pyproject.toml"


def test_software_without_manifests_needs_declaration(repo, cli):
    ind, _ = run4(cli, repo({"main.c": "int main(void) { return 0; }\n"}))
    assert ind["status"] == Status.NEEDS_DECLARATION.value
    root = repo({"main.c": "int main(void) { return 0; }\n",
                 "dpg.yml": "platform_independence:\n  closed_dependencies: []\n"})
    ind, _ = run4(cli, root)
    assert ind["status"] == "pass"


def test_content_without_manifests_passes(repo, cli):
    root = repo({"book/chapter.md": "# One\n", "dpg.yml": "categories: [content]\n"})
    ind, _ = run4(cli, root)
    assert ind["status"] == "pass"


def test_terminal_report_shows_the_hit(repo, cli):
    root = repo({"docker-compose.yml": COMPOSE})
    result = cli(root, "--only", "platform-independence")
    assert "mongo 6.0 [docker]" in result.stdout and "docker-compose.yml:3" in result.stdout


def test_declaration_by_catalogue_prefix_covers_server_and_client(repo, cli):
    dpg = ("platform_independence:\n  closed_dependencies:\n    - name: MongoDB\n"
           "      mandatory: true\n      alternative: FerretDB\n")
    root = repo({"docker-compose.yml": COMPOSE, "package.json": package({"mongoose": "^8"}),
                 "dpg.yml": dpg})
    ind, _ = run4(cli, root)
    assert ind["status"] == "pass"
    assert {f["id"] for f in ind["findings"]} == {
        "platform-independence/closed/mongodb-server",
        "platform-independence/closed/mongodb-client"}


def test_helm_subchart_is_a_hit(repo, cli):
    chart = ("apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n"
             "  - name: mongodb\n    version: 13.6.2\n")
    ind, _ = run4(cli, repo({"chart/Chart.yaml": chart}))
    assert ind["status"] == "warning"
    assert ind["findings"][0]["evidence"][0]["path"] == "chart/Chart.yaml"


def test_closed_services_accepted_dpgs_declare_are_warnings_with_alternatives(repo, cli):
    """Commercial LLM APIs, Twilio, SendGrid, Datadog, Highcharts, Oban Pro and Seq, in the
    manifests of five ecosystems; the open edition (Oban) and open charting are no hits."""
    mix = ('defmodule Q.MixProject do\n  defp deps do\n    [\n      {:oban, "~> 2.19"},\n'
           '      {:oban_pro, "~> 1.5", repo: "oban"}\n    ]\n  end\nend\n')
    root = repo({
        "requirements.txt": "openai>=1.40\nanthropic==0.34.0\nsendgrid==6.11\n",
        "Gemfile": 'source "https://rubygems.org"\ngem "twilio-ruby", "~> 5.62"\n'
                   'gem "dogstatsd-ruby", "~> 5.2"\n',
        "web/package.json": package({"highcharts": "^12.5.0", "chart.js": "^4"}),
        "mix.exs": mix,
        "docker-compose.yml": "services:\n  logs:\n    image: datalust/seq:2024.3\n"})
    ind, _ = run4(cli, root)
    assert ind["status"] == "warning"
    found = {f["id"].rpartition("/")[2]: f for f in ind["findings"]
             if f["id"].startswith("platform-independence/closed/")}
    assert set(found) == {"commercial-llm-apis", "sendgrid", "twilio", "apm-agents",
                          "highcharts", "oban-pro", "seq-server"}
    assert all(f["status"] == "warning" for f in found.values())
    oban = found["oban-pro"]["evidence"][0]
    assert (oban["path"], oban["line"]) == ("mix.exs", 5) and "[hex]" in oban["message"]
    assert "Oban (Apache-2.0)" in found["oban-pro"]["remediation"]
    assert "Ollama" in found["commercial-llm-apis"]["remediation"]
    assert "ECharts" in found["highcharts"]["evidence"][0]["message"]


def test_cloud_storage_adapters_name_the_cloud_they_need(repo, cli):
    """fog-aws (Ruby), Flysystem's S3 adapter (PHP) and multer-s3 (npm) store files only in
    S3 or its API; fog-google only in Google Cloud Storage. fog-local stores on disk: no hit."""
    root = repo({
        "Gemfile": 'source "https://rubygems.org"\ngem "fog-local"\n'
                   'gem "fog-aws"                        # supports AWS file storage\n'
                   'gem "fog-google", "~> 1.24"\n',
        "composer.json": json.dumps({"require": {"league/flysystem-aws-s3-v3": "^3.0"}}),
        "upload/package.json": package({"multer-s3": "^3.0.1"})})
    ind, _ = run4(cli, root)
    assert ind["status"] == "warning"
    found = {f["id"].rpartition("/")[2]: f for f in ind["findings"]
             if f["id"].startswith("platform-independence/closed/")}
    assert set(found) == {"aws-services", "gcp-services"}
    aws = {(e["path"], e["line"]) for e in found["aws-services"]["evidence"]}
    assert {p for p, _ in aws} == {"Gemfile", "composer.json", "upload/package.json"}
    assert ("Gemfile", 3) in aws
    assert "MinIO" in found["aws-services"]["remediation"]
    assert [e["path"] for e in found["gcp-services"]["evidence"]] == ["Gemfile"]
