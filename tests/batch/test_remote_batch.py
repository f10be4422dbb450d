"""Remote batches: the rate limit reached mid-batch, resume after it, the DPGA registry."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest

from tests.github_server import bare_copy

PROJECT = {"README.md": "# Tool\n", "LICENSE": "MIT License\n"}


@pytest.fixture
def five(server, repo, tmp_path):
    names = [f"r{i}" for i in range(1, 6)]
    for name in names:
        root = repo({**PROJECT, "name.txt": name})
        server.add_repo("acme", name, bare_copy(root, tmp_path / "remotes" / f"{name}.git"))
    return [f"acme/{n}" for n in names]


def lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_rate_limit_mid_batch_stops_cleanly_then_resumes(cli, server, five, tmp_path):
    # r1 costs 3 (with the owner's .github): 4 left, what a start keeps in hand (a repository
    # may also need its dependency graph), so r2 starts; it costs 2: 2 left, r3 waits.
    server.budget = 7
    out = tmp_path / "out.jsonl"
    args = ("--github-url", server.url, "--cache-dir", tmp_path / "cache", "-f", "jsonl",
            "-o", out)
    started = time.monotonic()
    result = cli(*args, *five)
    assert time.monotonic() - started < 30  # never sleeps waiting for the reset
    assert result.exit_code == 3
    assert [e["input"] for e in lines(out)] == ["acme/r1", "acme/r2"]
    assert "stopped before 3 target(s)" in result.stderr
    assert f"resets at {time.strftime('%H:%M', time.gmtime(server.reset_at))} UTC" \
        in result.stderr
    assert "same --output to resume" in result.stderr
    assert all(r.status != 403 for r in server.log)  # stopped before running out

    server.budget = None  # the budget has reset
    server.log.clear()
    resumed = cli(*args, *five)
    assert "resuming: 2 target(s)" in resumed.stderr
    assert sorted(e["input"] for e in lines(out)) == five
    asked = {r.path.split("/")[3] for r in server.log if r.path.count("/") >= 3}
    assert asked == {"r3", "r4", "r5"}  # the missing .github repository is remembered


def test_budget_spent_by_a_request_in_flight(cli, server, five, tmp_path):
    server.budget = 1  # the first repository answer uses it; its profile gets a 403
    out = tmp_path / "out.jsonl"
    result = cli("--github-url", server.url, "--cache-dir", tmp_path / "cache", "-f", "jsonl",
                 "-o", out, "--jobs", "2", *five)
    assert result.exit_code == 3
    assert "budget spent" in result.stderr
    assert "stopped before" in result.stderr
    assert not out.read_text().strip()  # nothing half-checked is recorded as done


def test_single_target_rate_limited_is_one_line_exit_3(cli, server, five, tmp_path):
    server.budget = 0
    result = cli("--github-url", server.url, "--cache-dir", tmp_path / "cache", five[0])
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1
    assert "rate limit" in result.stderr and "resets at" in result.stderr


def test_registry_targets_carry_declared_licence_and_categories(cli, server, repo, tmp_path):
    root = repo(PROJECT)
    server.add_repo("acme", "tool", bare_copy(root, tmp_path / "tool.git"),
                    license_spdx="Apache-2.0")
    registry = tmp_path / "registry.json"
    registry.write_text(json.dumps([
        {"id": "1", "name": "Tool", "categories": ["Open Software", ""],
         "openlicenses": [{"openLicense": "MIT", "openLicenseEvidenceURLs": "x"}],
         "repositories": [{"name": "main", "url": f"{server.url}/acme/tool"}]},
        {"id": "2", "name": "Elsewhere", "categories": ["Open Content"],
         "openlicenses": [{"openLicense": "CC-BY-4.0"}],
         "repositories": [{"name": "main", "url": "https://gitlab.invalid/acme/site"}]},
        {"id": "3", "name": "No repository", "categories": [], "repositories": []},
        {"id": "4", "name": "Two parts", "categories": ["Open Software"],
         "repositories": [{"name": "main", "url": "Backend - https://gitlab.invalid/x/api , "
                                                  "Frontend: https://gitlab.invalid/x/web/"},
                          {"name": "site", "url": "www.example.org"}]},
    ]))
    out = tmp_path / "out.jsonl"
    cli("--github-url", server.url, "--cache-dir", tmp_path / "cache",
        "--from-registry", registry, "-f", "jsonl", "-o", out)
    entries = {e["input"]: e for e in lines(out)}
    tool = entries[f"{server.url}/acme/tool"]
    assert tool["declared"] == {"name": "Tool", "registry_id": "1", "licenses": ["MIT"],
                                "categories": ["software"]}
    assert tool["forge"]["license_spdx"] == "Apache-2.0"
    # a reviewer's batch judges each DPG by the categories its registry entry declares
    assert tool["categories"] == ["software"]
    assert tool["category_basis"] == {"source": "registry"}
    elsewhere = entries["https://gitlab.invalid/acme/site"]
    # gitlab.* is GitLab's (unreachable from the tests: an error entry, not GitHub's).
    assert elsewhere["verdict"] == "error" and "gitlab.invalid" in elsewhere["error"]
    assert elsewhere["declared"]["categories"] == ["content"]
    assert {"https://gitlab.invalid/x/api", "https://gitlab.invalid/x/web"} <= set(entries)
    assert entries["www.example.org"]["verdict"] == "needs-review"
    assert entries["www.example.org"]["review"] == (
        "not a repository or dataset: needs a manual review: the registry's repository "
        "'www.example.org' is not a URL")
    nothing = entries["registry entry 3 (No repository)"]
    assert nothing["verdict"] == "needs-review"
    assert nothing["review"].endswith("the registry lists no repository for it")
    assert len(entries) == 6
    page = cli("merge", "-f", "html", out).stdout
    assert "<strong>Registry declared:</strong> Tool: licences MIT · categories software" in page
    assert "<strong>Forge:</strong> licence Apache-2.0 · topics health" in page
    table = list(csv.DictReader(io.StringIO(cli("merge", "-f", "csv", out).stdout)))
    row = next(r for r in table if r["target"].endswith("/acme/tool"))
    assert (row["declared licence"], row["found licence"]) == ("MIT", "Apache-2.0")


def test_same_repository_twice_in_parallel_gets_separate_work_trees(cli, server, five,
                                                                     tmp_path):
    out = tmp_path / "out.jsonl"
    result = cli("--github-url", server.url, "--cache-dir", tmp_path / "cache", "-f", "jsonl",
                 "-o", out, "--jobs", "2", "acme/r1", f"{server.url}/acme/r1")
    entries = lines(out)
    assert len(entries) == 2, result.stderr
    assert not any(e.get("error") for e in entries)
    assert len({e["target"]["commit"] for e in entries}) == 1
    assert (tmp_path / "cache" / "repos").exists()
