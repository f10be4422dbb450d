"""Indicator 4 judges each dependency's licence: restricted runtime dependencies are
warnings with the version, the manifest line and where the licence was stated."""

from __future__ import annotations

import json

from tests.license_texts import filled
from tests.sbom_helpers import cyclonedx


def run4(cli, root):
    result = cli(root, "--only", "4", "--format", "json")
    return json.loads(result.stdout)["indicators"][0], result


PACKAGE = json.dumps({"name": "app", "dependencies": {
    "docstore-server": "^5.0.0", "queue-engine": "~2.1.0", "left-pad": "^1.3.0",
    "gpl-widget": "^1.0.0"}, "devDependencies": {"bench-tool": "^1.0.0"}}, indent=2)


def lockfile(**overrides: str) -> str:
    licences = {"docstore-server": ("5.0.3", "SSPL-1.0"), "queue-engine": ("2.1.4", "BUSL-1.1"),
                "left-pad": ("1.3.0", "MIT"), "gpl-widget": ("1.0.0", "GPL-3.0-or-later"),
                "bench-tool": ("1.0.0", "Elastic-2.0"), "deep-dep": ("0.1.0", "SSPL-1.0")}
    packages: dict[str, dict[str, object]] = {"": {"name": "app"}}
    for name, (version, licence) in licences.items():
        info: dict[str, object] = {"version": version, "license": overrides.get(name, licence)}
        if name == "bench-tool":
            info["dev"] = True
        key = f"node_modules/queue-engine/node_modules/{name}" if name == "deep-dep" \
            else f"node_modules/{name}"
        packages[key] = info
    return json.dumps({"name": "app", "lockfileVersion": 3, "packages": packages}, indent=2)


def files(**extra: str) -> dict[str, str]:
    return {"LICENSE": filled("MIT"), "package.json": PACKAGE, "package-lock.json": lockfile(),
            **extra}


def test_sspl_and_busl_runtime_dependencies_are_flagged_with_version_line_and_source(
        repo, cli):
    ind, result = run4(cli, repo(files()))
    assert ind["status"] == "warning" and result.exit_code == 0
    by_id = {}
    for finding in ind["findings"]:
        by_id.setdefault(finding["id"], []).append(finding)
    flagged = by_id["platform-independence/license/source-available"]
    assert len(flagged) == 2
    sspl = next(f for f in flagged if "docstore-server" in f["message"])
    assert "^5.0.0 (locked 5.0.3)" in sspl["message"] and "SSPL-1.0" in sspl["message"]
    first = sspl["evidence"][0]
    assert (first["path"], first["line"]) == ("package.json", 4)
    assert PACKAGE.splitlines()[3].strip().startswith('"docstore-server"')
    assert "licence stated in package-lock.json:" in first["message"]
    source = sspl["evidence"][1]
    assert source["path"] == "package-lock.json"
    assert '"node_modules/docstore-server"' in lockfile().splitlines()[source["line"] - 1]
    busl = next(f for f in flagged if "queue-engine" in f["message"])
    assert "~2.1.0 (locked 2.1.4)" in busl["message"] and "BUSL-1.1" in busl["message"]
    assert busl["evidence"][0]["line"] == 5
    assert "platform_independence.closed_dependencies" in busl["remediation"]
    # Records: every flagged dependency, with its licence evidence.
    records = {r["name"]: r for r in ind["licenses"]["flagged"]}
    assert set(records) == {"docstore-server", "queue-engine"}
    assert records["queue-engine"]["license_source"]["path"] == "package-lock.json"
    assert records["queue-engine"]["resolved"] == "2.1.4"
    assert "2 runtime dependencies under a restricted" in ind["summary"]


def test_counts_and_strong_copyleft_under_a_permissive_licence(repo, cli):
    ind, _ = run4(cli, repo(files()))
    counts = ind["licenses"]["counts"]
    # Runtime: the four direct ones and deep-dep (transitive); bench-tool is dev.
    assert counts["examined"] == 5 and counts["known"] == 5 and counts["unknown"] == 0
    assert counts["by_category"] == {"permissive": 1, "source-available": 3,
                                     "strong-copyleft": 1}
    assert ind["licenses"]["solution_license"] == "MIT"
    review = [f for f in ind["findings"]
              if f["id"] == "platform-independence/license/copyleft-review"]
    assert len(review) == 1 and review[0]["status"] == "pass"
    assert "gpl-widget" in review[0]["message"] and "a reviewer will ask" in review[0]["message"]


def test_copyleft_under_a_copyleft_solution_is_no_question(repo, cli):
    ind, _ = run4(cli, repo(files(LICENSE=filled("GPL-3.0-only"))))
    assert not [f for f in ind["findings"] if f["id"].endswith("/copyleft-review")]


def test_dev_only_and_transitive_are_evidence_only(repo, cli):
    ind, _ = run4(cli, repo(files()))
    messages = [e["message"] for e in ind["evidence"]]
    assert any(m.startswith("(development only, exempt) bench-tool") for m in messages)
    assert any(m.startswith("(pulled in by another dependency) deep-dep") for m in messages)
    flagged_names = {r["name"] for r in ind["licenses"]["flagged"]}
    assert "bench-tool" not in flagged_names and "deep-dep" not in flagged_names


def test_declared_alternatives_work_as_for_the_catalogue(repo, cli):
    dpg = ("platform_independence:\n  closed_dependencies:\n"
           "    - name: docstore-server\n      mandatory: false\n"
           "      alternative: PostgreSQL with the JSONB store\n"
           "    - name: queue-*\n      mandatory: true\n")
    ind, result = run4(cli, repo(files(**{"dpg.yml": dpg})))
    assert ind["status"] == "fail" and result.exit_code == 1
    statuses = {(f["id"], f["status"]) for f in ind["findings"]}
    assert ("platform-independence/license/source-available", "pass") in statuses
    assert ("platform-independence/license/mandatory-restricted", "fail") in statuses
    assert not any(f["id"] == "platform-independence/declared" for f in ind["findings"])


def test_proprietary_and_no_licence_and_sbom_sources(repo, cli):
    lock = lockfile(**{"docstore-server": "UNLICENSED", "queue-engine": "MIT",
                       "gpl-widget": "MIT"})
    bom = cyclonedx([("pkg:npm/left-pad@1.3.0", "1.3.0", None, "Commons Clause")])
    ind, _ = run4(cli, repo(files(**{"package-lock.json": json.dumps(
        {**json.loads(lock), "packages": {k: {kk: vv for kk, vv in v.items()
                                                if not (k == "node_modules/left-pad"
                                                        and kk == "license")}
                                           for k, v in json.loads(lock)["packages"].items()}}),
        "bom.json": bom})))
    ids = sorted(f["id"] for f in ind["findings"] if f["status"] == "warning")
    assert ids == ["platform-independence/license/proprietary",
                   "platform-independence/license/source-available"]
    pad = next(f for f in ind["findings"] if "left-pad" in f["message"])
    assert "licence stated in bom.json:" in pad["evidence"][0]["message"]
    assert "(sbom)" in pad["evidence"][0]["message"]


def test_catalogue_hits_are_not_reported_twice(repo, cli):
    package = json.dumps({"name": "app", "dependencies": {"mapbox-gl": "^2.3.0"}}, indent=2)
    lock = json.dumps({"lockfileVersion": 3, "packages": {
        "": {}, "node_modules/mapbox-gl": {"version": "2.15.0",
                                           "license": "SEE LICENSE IN LICENSE.txt"}}})
    ind, _ = run4(cli, repo({"package.json": package, "package-lock.json": lock}))
    ids = [f["id"] for f in ind["findings"]]
    assert ids == ["platform-independence/closed/mapbox-gl"]


def test_local_checks_say_services_were_not_asked(repo, cli):
    ind, _ = run4(cli, repo(files()))
    # Every runtime licence is known from the lockfile: no service is asked at all.
    assert ind["licenses"]["service_calls"] == {} and ind["licenses"]["services"] == []
    result = cli(repo(files()), "--only", "4", "--format", "json", "--offline")
    ind = json.loads(result.stdout)["indicators"][0]
    assert ind["licenses"]["services"] == ["licence services not asked: --offline"]
