"""SARIF output: valid SARIF 2.1.0, placed on the right lines, waivers kept as suppressions."""

from __future__ import annotations

import json

from dpgcheck import __version__
from dpgcheck.engine.indicator import STANDARD_URL
from tests.schemas import SARIF, validation_errors

FINDINGS = (
    "leak fail src/app.py:3 -- the app leaks\n"
    "stale warning README.md:2 -- the README is stale\n"
    "who needs-declaration -- who owns it\n"
    "fine pass src/app.py:1\n"
    "whole warning src/app.py -- the whole file\n"
    "nofile fail -- no file at all\n"
    "spaced warning docs/résumé#1.md:1\n"
)
DPG_YML = "waivers:\n  - id: nofile\n    reason: accepted by the board\n    expires: 2099-01-01\n"


def sarif(cli, *args):
    out = cli(*args, "--format", "sarif")
    log = json.loads(out.stdout)
    assert validation_errors(log, SARIF) == []
    return out, log


def mixed_repo(repo):
    return repo({"FINDINGS.txt": FINDINGS, "HELLO.txt": "pass\n", "dpg.yml": DPG_YML,
                 "src/app.py": "a\nb\nc\n", "README.md": "# x\nold\n", "docs/résumé#1.md": "x\n"})


def test_findings_become_results_on_their_files_and_lines(cli, repo, hello_plugin):
    root = mixed_repo(repo)
    out, log = sarif(cli, "--only", "hello-findings,hello-file,broken-plugin", root)
    assert out.exit_code == 1  # the format does not change the exit code
    (run,) = log["runs"]
    assert log["version"] == "2.1.0"
    driver = run["tool"]["driver"]
    assert driver["name"] == "dpgcheck" and driver["version"] == __version__
    assert [r["id"] for r in driver["rules"]] == ["broken-plugin", "hello-file", "hello-findings"]
    assert run["automationDetails"]["id"] == "dpgcheck/"

    by_finding = {r["properties"]["findingId"]: r for r in run["results"]}
    assert set(by_finding) == {"leak", "stale", "who", "nofile", "spaced", "whole"}  # no pass
    for result in run["results"]:
        assert result["ruleId"] == "hello-findings"
        assert driver["rules"][result["ruleIndex"]]["id"] == "hello-findings"
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] \
            == "%SRCROOT%"

    def where(fid):
        loc = by_finding[fid]["locations"][0]["physicalLocation"]
        return loc["artifactLocation"]["uri"], loc["region"]["startLine"]

    assert where("leak") == ("src/app.py", 3)
    assert where("stale") == ("README.md", 2)
    assert where("spaced") == ("docs/r%C3%A9sum%C3%A9%231.md", 1)
    assert where("whole") == ("src/app.py", 1)  # a file without a line: its first line
    assert where("who") == ("dpg.yml", 1)  # a declaration goes in the declarations file
    assert {f: by_finding[f]["level"] for f in by_finding} == {
        "leak": "error", "stale": "warning", "who": "note", "nofile": "error",
        "spaced": "warning", "whole": "warning"}
    assert by_finding["leak"]["message"]["text"] == "the app leaks. Fix: Resolve leak."
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == root.resolve().as_uri() + "/"


def test_waived_results_are_suppressed_not_hidden(cli, repo, hello_plugin):
    root = mixed_repo(repo)
    _, log = sarif(cli, "--only", "hello-findings", root)
    results = {r["properties"]["findingId"]: r for r in log["runs"][0]["results"]}
    (suppression,) = results["nofile"]["suppressions"]
    assert suppression["status"] == "accepted" and suppression["kind"] == "external"
    assert suppression["justification"] == "accepted by the board (until 2099-01-01)"
    assert all("suppressions" not in r for f, r in results.items() if f != "nofile")


def test_waived_indicator_without_findings_is_suppressed(cli, repo, hello_plugin):
    root = repo({"HELLO.txt": "fail\n",
                 "dpg.yml": "waivers:\n  - id: hello-file\n    reason: issue 12\n"})
    out, log = sarif(cli, "--only", "hello-file", root)
    assert out.exit_code == 0
    (result,) = log["runs"][0]["results"]
    assert result["level"] == "error" and result["properties"]["findingId"] is None
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "HELLO.txt"
    assert result["suppressions"][0]["justification"] == "issue 12"


def test_passing_run_has_rules_but_no_results(cli, repo, hello_plugin):
    out, log = sarif(cli, "--only", "hello-file", repo({"HELLO.txt": "pass\n"}))
    assert out.exit_code == 0
    (run,) = log["runs"]
    assert run["results"] == [] and [r["id"] for r in run["tool"]["driver"]["rules"]] \
        == ["hello-file"]


def test_checks_that_could_not_run_are_notifications(cli, repo, hello_plugin):
    out, log = sarif(cli, "--only", "broken-plugin,hello-file", repo({"HELLO.txt": "error\n"}))
    assert out.exit_code == 3
    (invocation,) = log["runs"][0]["invocations"]
    notes = {n["associatedRule"]["id"]: n for n in invocation["toolExecutionNotifications"]}
    assert set(notes) == {"broken-plugin", "hello-file"}
    assert "cannot load plugin" in notes["broken-plugin"]["message"]["text"]
    assert log["runs"][0]["results"] == []


def test_rule_help_has_the_standard_link(cli, repo):
    _, log = sarif(cli, "--only", "2", repo({"README.md": "x\n"}))
    rule = log["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["id"] == "open-license" and rule["name"] == "OpenLicense"
    assert rule["helpUri"].startswith(STANDARD_URL)
    assert rule["helpUri"] in rule["help"]["text"] and "How to fix" in rule["help"]["text"]
    assert rule["shortDescription"]["text"].startswith("2 ")
    assert "- open-license/not-approved: " in rule["help"]["text"]


def _rules(log):
    return {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}


def test_one_rule_per_declared_finding_from_the_table(cli, repo):
    from dpgcheck_indicators.license import FINDINGS

    _, log = sarif(cli, "--only", "2", repo({"README.md": "x\n"}))
    rules = _rules(log)
    assert list(rules) == ["open-license", *(spec.id for spec in FINDINGS.values())]
    for spec in FINDINGS.values():
        rule = rules[spec.id]
        assert rule["name"] != rule["id"] and rule["name"].isalnum()
        assert rule["shortDescription"]["text"] == spec.title
        assert rule["properties"]["indicatorId"] == "open-license"
        for fix in spec.fixes.values():
            assert f"- {fix}" in rule["help"]["text"] and f"- {fix}" in rule["help"]["markdown"]
        assert rule["helpUri"] == spec.help_url or rule["helpUri"].startswith(STANDARD_URL)
    missing = rules["open-license/missing"]
    assert missing["name"] == "OpenLicenseMissing"
    assert missing["help"]["text"].startswith("No licence found.\n\nHow to fix:\n- Add a LICENSE")
    assert missing["defaultConfiguration"]["level"] == "error"
    # a finding that is never a gap has no fix and no level
    assert rules["open-license/approved"]["defaultConfiguration"]["level"] == "none"
    assert "nothing to fix" in rules["open-license/approved"]["help"]["text"]
    # cases are all listed; placeholders are named, filled in each result
    aimodel = rules["open-license/aimodel-{part}"]
    assert aimodel["name"] == "OpenLicenseAimodelPart"
    assert aimodel["help"]["text"].count("\n- ") == 4 and "{part} filled in" in \
        aimodel["help"]["text"]
    assert rules["open-license/unrecognised"]["helpUri"] == "https://spdx.org/licenses/"


def test_rules_are_the_same_whatever_the_run_found(cli, repo):
    bare = repo({"README.md": "x\n"})
    rich = repo({"LICENSE": "MIT License\n", "README.md": "# A\n\nAn app for clinics.\n",
                 "package.json": '{"name": "a", "dependencies": {"mongodb": "5"}}'})
    _, one = sarif(cli, bare)
    _, two = sarif(cli, rich)
    assert one["runs"][0]["tool"] == two["runs"][0]["tool"]
    assert one["runs"][0]["results"] != two["runs"][0]["results"]


def test_results_name_their_declared_rule(cli, repo):
    root = repo({"README.md": "# A\n\nAn app for clinics.\n",
                 "package.json": '{"name": "a", "dependencies": {"mongodb": "5"}}'})
    _, log = sarif(cli, "--only", "2,4", root)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    by_finding = {r["properties"]["findingId"]: r for r in log["runs"][0]["results"]}
    closed = by_finding["platform-independence/closed/mongodb-client"]
    assert closed["ruleId"] == "platform-independence/closed/{component}"
    assert rules[closed["ruleIndex"]]["id"] == closed["ruleId"]
    assert "Fix: Show that MongoDB" in closed["message"]["text"]  # the filled-in fix
    missing = by_finding["open-license/missing"]
    assert missing["ruleId"] == "open-license/missing"
    assert rules[missing["ruleIndex"]]["id"] == "open-license/missing"
    for result in log["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_several_targets_are_runs_with_distinct_categories(cli, repo, hello_plugin):
    one, two = repo({"HELLO.txt": "fail\n"}), repo({"HELLO.txt": "warning\n"})
    out, log = sarif(cli, "--only", "hello-file", one, two)
    assert out.exit_code == 1
    ids = [run["automationDetails"]["id"] for run in log["runs"]]
    assert len(ids) == 2 and len(set(ids)) == 2
    assert [run["results"][0]["level"] for run in log["runs"]] == ["error", "warning"]


def test_sarif_written_to_a_file(cli, repo, hello_plugin, tmp_path):
    target = tmp_path / "out.sarif"
    out = cli("--only", "hello-file", "-f", "sarif", "-o", target, repo({"HELLO.txt": "fail"}))
    assert out.exit_code == 1 and out.stdout == ""
    assert validation_errors(json.loads(target.read_text()), SARIF) == []


def test_checks_beyond_the_standard_are_notes(cli, repo, hello_plugin):
    root = repo({"ADVICE.txt": "cite fail README.md:1\n", "README.md": "x\n"})
    out, log = sarif(cli, "--only", "hello-advice", root)
    assert out.exit_code == 0  # never in the verdict
    (run,) = log["runs"]
    (rule,) = run["tool"]["driver"]["rules"]
    assert rule["defaultConfiguration"]["level"] == "note"
    assert rule["properties"]["affectsVerdict"] is False
    (result,) = run["results"]
    assert result["level"] == "note" and result["properties"]["status"] == "fail"


def test_every_rule_of_a_full_run_has_a_name_and_a_help_uri(cli, repo):
    """All built-in indicators: each rule's name is not its id and is unique, each has a
    helpUri on the Standard (its indicator's section) or the finding's own page; the driver's
    informationUri names the Standard (SARIF rules have no informationUri of their own)."""
    _, log = sarif(cli, repo({"README.md": "# Tool\n"}))
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == STANDARD_URL
    rules = driver["rules"]
    assert len(rules) > 50
    names = [r["name"] for r in rules]
    assert len(set(names)) == len(names)
    by_id = {r["id"]: r for r in rules}
    for rule in rules:
        assert rule["name"] != rule["id"] and rule["name"].isalnum(), rule["id"]
        assert rule["name"][0].isupper(), rule["id"]
        assert rule["helpUri"].startswith("https://"), rule["id"]
        indicator = by_id[rule["id"].split("/")[0]]
        if rule["helpUri"].startswith(STANDARD_URL) and indicator["properties"]["indicator"]:
            assert rule["helpUri"] == indicator["helpUri"]  # the indicator's own section
            assert "#" in rule["helpUri"]
