"""The API budget of a remote check, measured against the recorded services on 127.0.0.1:
every request the GitHub and deps.dev stand-ins receive is counted per repository, for a
full check (every indicator) of repositories with and without dependencies whose licences
the repository does not state. README and docs/remote-and-batch.md quote these figures."""

from __future__ import annotations

import json

import pytest

from dpgcheck.sources import depsdev as depsdev_client
from dpgcheck.sources.github import MAX_CALLS_PER_REPOSITORY
from tests.depsdev_server import FakeDepsDev
from tests.github_server import bare_copy
from tests.license_texts import filled
from tests.sbom_helpers import spdx2

NO_DEPS = {"README.md": "# Tool\n", "LICENSE": filled("MIT")}
LOCKED = {**NO_DEPS, "package.json": json.dumps({"name": "lib", "dependencies":
                                                 {"left-pad": "^1.3.0"}}),
          "package-lock.json": json.dumps({"name": "lib", "lockfileVersion": 3, "packages": {
              "": {"name": "lib"},
              "node_modules/left-pad": {"version": "1.3.0", "license": "MIT"}}})}


def unknown(count: int) -> dict[str, str]:
    """A package.json whose ``count`` runtime dependencies state no licence anywhere."""
    deps = {f"dep-{i}": f"1.0.{i}" for i in range(count)}
    return {**NO_DEPS, "package.json": json.dumps({"name": "app", "dependencies": deps})}


@pytest.fixture
def depsdev(monkeypatch):
    fake = FakeDepsDev().start()
    monkeypatch.setenv("DPGCHECK_DEPSDEV_URL", fake.url)
    yield fake
    fake.stop()


def publish(server, repo, tmp_path, name: str, files: dict[str, str]) -> None:
    server.add_repo("acme", name, bare_copy(repo(files), tmp_path / "remotes" / f"{name}.git"))


def test_calls_per_repository_in_a_full_remote_check(cli, server, repo, depsdev, tmp_path):
    publish(server, repo, tmp_path, "app", unknown(3))
    publish(server, repo, tmp_path, "tool", NO_DEPS)
    publish(server, repo, tmp_path, "lib", LOCKED)
    server.routes["/repos/acme/app/dependency-graph/sbom"] = {"sbom": json.loads(spdx2([
        ("npm:dep-0", "1.0.0", "MIT", "pkg:npm/dep-0@1.0.0")]))}
    result = cli("--github-url", server.url, "--cache-dir", tmp_path / "cache", "-f", "jsonl",
                 "acme/app", "acme/tool", "acme/lib")
    assert result.exit_code in (0, 1), result.stderr
    calls = {name: [r.path.removeprefix(f"/repos/acme/{name}") or "/"
                    for r in server.calls_for(f"acme/{name}")]
             for name in ("app", "tool", "lib", ".github")}
    # The repository and its community profile, always; the dependency graph only when the
    # repository leaves runtime licences unknown; the owner's .github once per owner and run.
    assert calls == {"app": ["/", "/community/profile", "/dependency-graph/sbom"],
                     "tool": ["/", "/community/profile"],
                     "lib": ["/", "/community/profile"],
                     ".github": ["/"]}
    assert len(server.log) == 8
    worst = len(calls["app"]) + len(calls[".github"])
    assert worst == MAX_CALLS_PER_REPOSITORY == 4  # what a batch keeps in hand per start
    # deps.dev: one batch, with what GitHub's graph left unknown (dep-0 it answered).
    assert len(depsdev.log) == 1
    assert sorted(k["name"] for k in depsdev.log[0]) == ["dep-1", "dep-2"]


def test_deps_dev_never_exceeds_its_batches(cli, server, repo, depsdev, tmp_path):
    """More unknown versions than the batches hold: at most MAX_CALLS batches of BATCH, and
    the report says how many were left unasked."""
    over = depsdev_client.MAX_CALLS * depsdev_client.BATCH + 150
    publish(server, repo, tmp_path, "big", unknown(over))
    result = cli("--github-url", server.url, "--cache-dir", tmp_path / "cache", "-f", "json",
                 "--only", "4", "acme/big")
    assert result.exit_code in (0, 1), result.stderr
    assert len(depsdev.log) == depsdev_client.MAX_CALLS == 4
    assert sum(len(batch) for batch in depsdev.log) == 4000
    github = [r.path for r in server.calls_for("acme/big")]
    assert github.count("/repos/acme/big/dependency-graph/sbom") == 1
    assert len(github) + len(server.calls_for("acme/.github")) <= MAX_CALLS_PER_REPOSITORY
    evidence = " ".join(e["message"] for e in json.loads(result.stdout)["indicators"][0]
                        ["evidence"])
    assert "deps.dev: call budget of 4 batches reached; 150 package versions not asked" \
        in evidence
