"""Indicator 1: declared SDGs, with what the repository says about them beside each."""

from __future__ import annotations

import json
from pathlib import Path

from dpgcheck.engine.plugins import load_indicators
from dpgcheck.engine.runner import RunConfig, check_prepared
from dpgcheck.sources.interface import ForgeInfo, Prepared, TargetInfo


def indicator(cli, root: Path) -> dict:
    result = cli("--only", "sdg-relevance", "-f", "json", root)
    assert result.exit_code in (0, 1), result.stderr
    (ind,) = json.loads(result.stdout)["indicators"]
    return ind


def finding(ind: dict, ident: str) -> dict:
    return next(f for f in ind["findings"] if f["id"] == ident)


def test_no_declaration_lists_the_hints_found(cli, repo):
    root = repo({"README.md": "# Farm\n\nHelps farmers end hunger (SDG 2, Zero Hunger).\n",
                 "docs/impact.md": "Contributes to Quality Education and target 4.1 of the "
                                   "Sustainable Development Goals.\n"})
    ind = indicator(cli, root)
    assert ind["status"] == "needs-declaration"
    assert ind["summary"] == "no SDG declared in dpg.yml; the repository mentions SDG 2, 4"
    assert sorted(ind["sdg_hints"]) == ["2", "4"]
    messages = [e["message"] for e in ind["evidence"]]
    assert "SDG 2 (Zero Hunger): mentions 'SDG 2'" in messages
    assert any(e["path"] == "docs/impact.md" and e["line"] == 1 for e in ind["evidence"])
    assert "number: 2" in ind["remediation"][0] and "dpgcheck init" in ind["remediation"][0]


def test_no_declaration_and_no_hints(cli, repo):
    ind = indicator(cli, repo({"README.md": "# Tool\n\nPython 3.8 or newer.\n"}))
    assert ind["status"] == "needs-declaration"
    assert ind["summary"].endswith("the repository mentions no SDG") and ind["sdg_hints"] == {}


def test_version_numbers_are_not_targets_but_targets_near_sdg_context_are(cli, repo):
    root = repo({"README.md": "Requires Node 3.8 and Goal 4.\n\nSDG target 16.10 is ours.\n"})
    assert sorted(indicator(cli, root)["sdg_hints"]) == ["16"]


def test_declared_and_mentioned_passes(cli, repo):
    root = repo({
        "README.md": "# Clinic\n\nSupports Good Health and Well-being.\n",
        "dpg.yml": "sdgs:\n  - number: 3\n    relevance: Patient records for clinics.\n"
                   "    evidence: [https://example.org/impact]\n"})
    ind = indicator(cli, root)
    assert ind["status"] == "pass" and ind["sdgs_declared"] == [3]
    found = finding(ind, "sdg-relevance/sdg-3")
    assert found["evidence"][0] == {"message": "declared: SDG 3 (Good Health and Well-being)",
                                    "path": "dpg.yml", "line": 2, "url": None,
                                    "excerpt": "- number: 3", "basis": "declared"}
    assert {"message": "names the goal 'Good Health and Well-being'", "path": "README.md",
            "line": 3, "url": None, "excerpt": "Supports Good Health and Well-being.",
            "basis": "observed"} in found["evidence"]


def test_declared_but_unmentioned_is_a_warning_and_says_urls_are_not_read(cli, repo):
    root = repo({
        "README.md": "SDG 3 matters.\n",
        "dpg.yml": "sdgs:\n  - number: 3\n    relevance: Health.\n  - number: 13\n"
                   "    relevance: Climate.\n    evidence: https://example.org/climate\n"})
    ind = indicator(cli, root)
    assert ind["status"] == "warning"
    warn = finding(ind, "sdg-relevance/sdg-13-unsupported")
    assert warn["status"] == "warning"
    assert "nothing in the repository mentions it" in warn["message"]
    assert "not read" in warn["remediation"] and "offline" in warn["remediation"]
    assert finding(ind, "sdg-relevance/sdg-3")["status"] == "pass"


def test_the_declarations_file_is_not_evidence_for_itself(cli, repo):
    root = repo({"README.md": "# x\n",
                 "dpg.yml": "# SDG 5 Gender Equality\nsdgs:\n  - number: 5\n"
                            "    relevance: SDG 5, Gender Equality.\n"})
    ind = indicator(cli, root)
    assert ind["status"] == "warning" and ind["sdg_hints"] == {}


def test_evidence_url_naming_the_goal_counts(cli, repo):
    root = repo({"README.md": "# x\n", "dpg.yml": (
        "sdgs:\n  - number: 4\n    relevance: Schools.\n"
        "    evidence: [https://sdgs.un.org/goals/goal4]\n")})
    ind = indicator(cli, root)
    assert ind["status"] == "pass"
    assert finding(ind, "sdg-relevance/sdg-4")["evidence"][1]["url"] == \
        "https://sdgs.un.org/goals/goal4"


def test_declared_without_relevance_needs_declaration(cli, repo):
    root = repo({"README.md": "SDG 6\n", "dpg.yml": "sdgs:\n  - number: 6\n"})
    ind = indicator(cli, root)
    assert ind["status"] == "needs-declaration"
    assert ind["summary"] == "SDG 6 declared without a relevance text"
    assert finding(ind, "sdg-relevance/sdg-6-no-relevance")["status"] == "warning"


def test_dpg_badge_and_forge_topics(repo):
    root = repo({"README.md": "[![DPG Badge](https://img.shields.io/badge/Verified-DPG-3333AB)]"
                              "(https://digitalpublicgoods.net/r/example)\n"})
    forge = ForgeInfo(host="github.com", full_name="o/r", topics=["sdg-11", "sdgs", "python"])
    prepared = Prepared(root=root, target=TargetInfo(name="o/r"), forge=forge)
    report = check_prepared(prepared, RunConfig(only=["1"]), load_indicators())
    ind = report.indicators[0]
    assert ind.status.value == "needs-declaration"
    assert ind.data["sdg_hints"] == {"11": [{"message": "repository topic 'sdg-11'", "path": None,
                                             "line": None, "url": None,
                                             "excerpt": None, "basis": "observed"}]}
    markers = [e["message"] for e in ind.data["dpg_markers"]]
    assert "repository topic 'sdgs'" in markers
    assert "mentions 'digitalpublicgoods.net' (Digital Public Goods)" in markers


def test_only_whole_words_count(cli, repo):
    root = repo({"README.md": "BSDG 7 and MSDGs 8 are not goals; noclimate action neither.\n"
                              "But Life-on-Land is.\n"})
    ind = indicator(cli, root)
    assert ind["sdg_hints"] == {"15": [{"message": "names the goal 'Life on Land'",
                                        "path": "README.md", "line": 2, "url": None,
                                        "excerpt": None, "basis": "observed"}]}
