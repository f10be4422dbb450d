"""Licences from services in remote mode: GitHub's dependency-graph SBOM (one call per
repository, ETag-cached) and deps.dev (batched, cached, within a call budget), both served
from 127.0.0.1."""

from __future__ import annotations

import json

import pytest

from tests.depsdev_server import FakeDepsDev
from tests.github_server import bare_copy
from tests.license_texts import filled
from tests.sbom_helpers import spdx2

PACKAGE = json.dumps({"name": "app", "dependencies": {
    "docstore-server": "5.0.3", "queue-engine": "2.1.4", "left-pad": "1.3.0",
    "mystery": "0.0.1", "ranged": "^3.0.0"}}, indent=2)
FILES = {"LICENSE": filled("MIT"), "package.json": PACKAGE, "README.md": "# App\n"}


@pytest.fixture
def depsdev(monkeypatch):
    fake = FakeDepsDev().start()
    monkeypatch.setenv("DPGCHECK_DEPSDEV_URL", fake.url)
    fake.versions[("NPM", "queue-engine", "2.1.4")] = ["BUSL-1.1"]
    fake.versions[("NPM", "left-pad", "1.3.0")] = ["MIT"]
    yield fake
    fake.stop()


@pytest.fixture
def published(server, repo, tmp_path):
    bare = bare_copy(repo(FILES), tmp_path / "remotes" / "acme" / "app.git")
    server.add_repo("acme", "app", bare)
    sbom = json.loads(spdx2([
        ("npm:docstore-server", "5.0.3", "SSPL-1.0", "pkg:npm/docstore-server@5.0.3"),
        ("npm:queue-engine", "2.1.4", None, "pkg:npm/queue-engine@2.1.4")]))
    server.routes["/repos/acme/app/dependency-graph/sbom"] = {"sbom": sbom}
    return server


def check(cli, server, tmp_path, *extra):
    result = cli("--github-url", server.url, "--cache-dir", tmp_path / "cache", "--only", "4",
                 "-f", "json", *extra, "acme/app")
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)["indicators"][0]


def test_github_sbom_then_deps_dev_fill_in_what_the_repository_does_not_say(
        cli, published, depsdev, tmp_path):
    ind = check(cli, published, tmp_path)
    flagged = {r["name"]: r for r in ind["licenses"]["flagged"]}
    assert set(flagged) == {"docstore-server", "queue-engine"}
    sspl = flagged["docstore-server"]
    assert sspl["license"] == "SSPL-1.0" and sspl["license_source"]["method"] == "github-sbom"
    assert sspl["license_source"]["path"] == (f"{published.url}/repos/acme/app/"
                                              "dependency-graph/sbom")
    assert (sspl["path"], sspl["line"]) == ("package.json", 4)
    busl = flagged["queue-engine"]
    assert busl["license_source"]["method"] == "deps.dev"
    assert busl["license_source"]["path"] == (f"{depsdev.url}/v3/systems/NPM/packages/"
                                              "queue-engine/versions/2.1.4")
    counts = ind["licenses"]["counts"]
    assert (counts["examined"], counts["known"]) == (5, 3)  # mystery and ranged unknown
    # One GitHub call for the graph; one deps.dev batch with what was still unknown and exact.
    graph_calls = [r for r in published.calls_for("acme/app")
                   if r.path.endswith("/dependency-graph/sbom")]
    assert len(graph_calls) == 1
    assert ind["licenses"]["service_calls"] == {"github-sbom": 1, "deps.dev": 1}
    assert len(depsdev.log) == 1
    asked = sorted(k["name"] for k in depsdev.log[0])
    assert asked == ["left-pad", "mystery", "queue-engine"]  # "ranged" is no exact version
    evidence = [e["message"] for e in ind["evidence"]]
    assert "licence services: GitHub dependency graph: 2 package versions with a licence" \
        not in evidence  # NOASSERTION for queue-engine says nothing
    assert any(m.startswith("licence services: deps.dev: 3 package versions asked") for m in
               evidence)


def test_a_second_run_costs_a_304_and_no_deps_dev_call(cli, published, depsdev, tmp_path):
    check(cli, published, tmp_path)
    published.log.clear()
    ind = check(cli, published, tmp_path)
    graph = [r for r in published.log if r.path.endswith("/dependency-graph/sbom")]
    assert [r.status for r in graph] == [304]
    assert len(depsdev.log) == 1  # the first run's only: versions are answered from the cache
    assert {r["name"] for r in ind["licenses"]["flagged"]} == {"docstore-server",
                                                              "queue-engine"}
    assert ind["licenses"]["service_calls"] == {"github-sbom": 1, "deps.dev": 0}


def test_no_dependency_graph_is_a_note_and_deps_dev_still_answers(
        cli, published, depsdev, tmp_path):
    del published.routes["/repos/acme/app/dependency-graph/sbom"]
    ind = check(cli, published, tmp_path)
    assert "licence services: GitHub dependency graph not available (404: Not Found)" in [
        e["message"] for e in ind["evidence"]]
    assert {r["name"] for r in ind["licenses"]["flagged"]} == {"queue-engine"}


def test_deps_dev_budget_is_kept_and_said(cli, published, depsdev, tmp_path, monkeypatch):
    import dpgcheck.sources.depsdev as client

    monkeypatch.setattr(client, "BATCH", 1)
    monkeypatch.setattr(client, "MAX_CALLS", 2)
    ind = check(cli, published, tmp_path)
    assert len(depsdev.log) == 2 and all(len(batch) == 1 for batch in depsdev.log)
    notes = ind["licenses"]["services"]
    assert "deps.dev: call budget of 2 batches reached; 1 package versions not asked" in notes


def test_unreachable_deps_dev_is_a_note_not_an_error(cli, published, monkeypatch, tmp_path):
    monkeypatch.setenv("DPGCHECK_DEPSDEV_URL", "http://127.0.0.1:9")
    ind = check(cli, published, tmp_path)
    assert ind["status"] == "warning"  # the SSPL one from GitHub still counts
    assert any(n.startswith("deps.dev not reachable (http://127.0.0.1:9)")
               for n in ind["licenses"]["services"])


def test_local_folders_are_not_looked_up(cli, repo, depsdev):
    result = cli(repo(FILES), "--only", "4", "-f", "json")
    ind = json.loads(result.stdout)["indicators"][0]
    assert ind["licenses"]["services"] == [
        "not asked for a local folder (remote checks ask GitHub's dependency graph and "
        "deps.dev)"]
    assert depsdev.log == []
