"""Indicator 2 end to end: real repositories, the real CLI, the JSON machine fields."""

from __future__ import annotations

import json

from dpgcheck_indicators.license import OpenLicense

from dpgcheck.engine.context import Context
from dpgcheck.repo.view import RepoView
from dpgcheck.sources.interface import ForgeInfo, TargetInfo
from tests.license_texts import filled, spdx_text


def indicator(cli, root, *args):
    result = cli("--only", "2", "-f", "json", *args, root)
    assert result.exit_code in (0, 1, 3), result.stderr
    return json.loads(result.stdout)["indicators"][0]


def finding_ids(ind) -> set[str]:
    return {f["id"] for f in ind["findings"]}


def test_mit_licence_passes_with_machine_fields(cli, repo):
    ind = indicator(cli, repo({"LICENSE": filled("MIT")}))
    assert ind["status"] == "pass"
    assert ind["expression"] == "MIT"
    assert ind["licenses"] == [{"spdx": "MIT", "path": "LICENSE", "line": 1, "method": "text",
                                "confidence": 1.0, "approved": True}]


def test_no_licence_fails_as_missing(cli, repo):
    ind = indicator(cli, repo({"README.md": "# Tool\n"}))
    assert ind["status"] == "fail"
    assert "open-license/missing" in finding_ids(ind)
    assert ind["expression"] is None


def test_unrecognised_text_is_named_never_missing(cli, repo):
    ind = indicator(cli, repo({"LICENSE": "You may use this if you ask me nicely first. " * 20}))
    assert "open-license/missing" not in finding_ids(ind)
    messages = [f["message"] for f in ind["findings"]]
    assert any(m.startswith("unrecognised licence text at LICENSE") for m in messages)
    assert ind["status"] == "needs-declaration"
    assert ind["licenses"] == []
    assert ind["unrecognised"] == ["LICENSE"]


def test_licence_file_and_manifest_disagree_shows_both_sources(cli, repo):
    ind = indicator(cli, repo({"LICENSE": filled("MIT"),
                               "package.json": '{\n  "name": "x",\n  "license": "Apache-2.0"\n}'}))
    assert ind["status"] == "warning"
    finding = next(f for f in ind["findings"] if f["id"] == "open-license/inconsistent")
    places = {(e["path"], e["line"]) for e in finding["evidence"]}
    assert ("package.json", 3) in places
    assert "MIT" in finding["message"] and "Apache-2.0" in finding["message"]


def test_non_approved_licence_fails(cli, repo):
    ind = indicator(cli, repo({"LICENSE": spdx_text("SSPL-1.0")}))
    assert ind["status"] == "fail"
    assert ind["expression"] == "SSPL-1.0"
    assert ind["licenses"][0]["approved"] is False


def test_commons_clause_fails(cli, repo):
    text = (filled("MIT") + "\n\n\"Commons Clause\" License Condition v1.0\n\nThe License "
            "does not grant to you the right to Sell the Software.\n")
    ind = indicator(cli, repo({"LICENSE": text}))
    assert ind["status"] == "fail"
    assert "LicenseRef-Commons-Clause" in ind["expression"]


def test_content_category_rejects_nd_and_accepts_nc(cli, repo):
    nd = indicator(cli, repo({"LICENSE": spdx_text("CC-BY-ND-4.0")}), "-c", "content")
    assert nd["status"] == "fail"
    nc = indicator(cli, repo({"LICENSE": spdx_text("CC-BY-NC-4.0")}), "-c", "content")
    assert nc["status"] == "pass"


def test_nc_data_is_a_warning(cli, repo):
    ind = indicator(cli, repo({"LICENSE": spdx_text("CC-BY-NC-4.0")}), "-c", "data")
    assert ind["status"] == "warning"
    assert "open-license/nc-data" in finding_ids(ind)


def test_license_policy_switch(cli, repo):
    root = repo({"LICENSE": spdx_text("EUPL-1.1")})
    assert indicator(cli, root)["status"] == "fail"
    osi = indicator(cli, root, "--license-policy", "osi")
    assert osi["status"] == "pass"
    assert osi["license_policy"] == "osi"
    bad = cli("--license-policy", "fsf", root)
    assert bad.exit_code == 2


def test_dual_licence_files_take_or_from_cargo(cli, repo):
    ind = indicator(cli, repo({
        "LICENSE-MIT": filled("MIT"), "LICENSE-APACHE": spdx_text("Apache-2.0"),
        "Cargo.toml": '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n'}))
    assert ind["status"] == "pass"
    assert ind["expression"] == "MIT OR Apache-2.0"


def test_npm_unlicensed_is_proprietary_not_unlicense(cli, repo):
    ind = indicator(cli, repo({"package.json": '{"name": "x", "license": "UNLICENSED"}'}))
    assert ind["status"] == "fail"
    assert ind["expression"] == "LicenseRef-Proprietary"


def test_restricted_licence_fails_naming_the_difference(cli, repo):
    """An approved licence with an added restriction is not that licence: never approved."""
    text = spdx_text("MPL-2.0").replace(
        "1.1. \"Contributor\"", "0. You may not use the Covered Software for commercial "
        "purposes without prior written permission.\n\n1.1. \"Contributor\"")
    ind = indicator(cli, repo({"LICENSE": text}))
    assert ind["status"] == "fail"
    modified = next(f for f in ind["findings"] if f["id"] == "open-license/modified")
    assert "commercial purposes" in modified["message"]
    assert ind["licenses"][0]["approved"] is False


def test_reuse_layout_and_headers(cli, repo):
    ind = indicator(cli, repo({
        "LICENSES/EUPL-1.2.txt": spdx_text("EUPL-1.2"),
        "LICENSES/CC0-1.0.txt": spdx_text("CC0-1.0"),
        "src/app.py": "# SPDX-License-Identifier: EUPL-1.2\nprint('hi')\n"}))
    methods = {(x["spdx"], x["method"]) for x in ind["licenses"]}
    assert ("EUPL-1.2", "text") in methods and ("EUPL-1.2", "header") in methods
    header = next(x for x in ind["licenses"] if x["method"] == "header")
    assert (header["path"], header["line"]) == ("src/app.py", 1)


def test_aimodel_needs_weights_and_data_licences(cli, repo):
    bare = indicator(cli, repo({"LICENSE": spdx_text("Apache-2.0")}), "-c", "aimodel")
    assert bare["status"] == "needs-declaration"
    declared = indicator(cli, repo({
        "LICENSE": spdx_text("Apache-2.0"),
        "dpg.yml": "dpg: 1\nlicenses:\n  - component: weights\n    spdx: Apache-2.0\n"
                   "  - component: data\n    spdx: CC-BY-4.0\n"}), "-c", "aimodel")
    assert declared["status"] == "pass"
    assert {x["method"] for x in declared["licenses"]} >= {"text", "declared"}


def test_forge_licence_is_reported(repo):
    root = repo({"LICENSE": filled("MIT")})
    forge = ForgeInfo(host="github.com", full_name="example/x", license_spdx="MIT")
    ctx = Context(RepoView.from_path(root), TargetInfo("x"), forge=forge)
    result = OpenLicense().check(ctx)
    assert {"spdx": "MIT", "path": None, "line": None, "method": "forge", "confidence": 0.8,
            "approved": True} in result.data["licenses"]


def test_large_tree_reads_only_candidates(repo):
    root = repo({"LICENSE": filled("Apache-2.0")})
    listed = ["LICENSE"] + [f"pkg{i // 1000}/mod{i}.py" for i in range(100_000)]
    view = RepoView(root, listed, listed_by="walk")
    result = OpenLicense().check(Context(view, TargetInfo("big")))
    assert result.data["expression"] == "Apache-2.0"
    # Licence files, manifests and a bounded sample of source headers: never the whole tree.
    assert 1 <= view.reads <= 450, view.reads


def test_readme_licence_section_is_weak_evidence(cli, repo):
    ind = indicator(cli, repo({"README.md": "# Tool\n\nDoes things.\n\n## License\n\nThis "
                                            "project is licensed under the MIT License.\n"}))
    assert ind["expression"] == "MIT"
    assert ind["status"] == "warning"
    assert "open-license/no-license-file" in finding_ids(ind)
    readme = next(x for x in ind["licenses"] if x["path"] == "README.md")
    assert (readme["method"], readme["line"], readme["confidence"]) == ("notice", 5, 0.5)


def test_licence_in_github_folder_and_deprecated_manifest_id(cli, repo):
    ind = indicator(cli, repo({".github/LICENSE.md": filled("GPL-3.0-only"),
                               "package.json": '{"name": "x", "license": "GPL-3.0"}'}))
    assert ind["status"] == "pass"
    assert ind["expression"] == "GPL-3.0-only"
    assert {(x["path"], x["spdx"]) for x in ind["licenses"]} == {
        (".github/LICENSE.md", "GPL-3.0-only"), ("package.json", "GPL-3.0-only")}


def test_forge_does_not_overrule_an_unrecognised_licence_file(repo):
    root = repo({"LICENSE": "MIT License\n\nCopyright (c) 2026 Acme\n"})
    forge = ForgeInfo(host="github.com", full_name="acme/tool", license_spdx="MIT")
    result = OpenLicense().check(Context(RepoView.from_path(root), TargetInfo("x"), forge=forge))
    assert result.status.value == "needs-declaration"
    assert result.data["expression"] is None
    alone = repo({"README.md": "# Tool\n"})
    result = OpenLicense().check(Context(RepoView.from_path(alone), TargetInfo("y"), forge=forge))
    assert result.data["expression"] == "MIT"
    assert "open-license/no-license-file" in {f.id for f in result.findings}
