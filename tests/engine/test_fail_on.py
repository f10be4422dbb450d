"""Exit codes by policy: --fail-on LEVEL, --strict, --ignore-errors, waivers, --offline."""

from __future__ import annotations

import json

import pytest

# status the indicator gives -> exit code under each policy
MATRIX = {
    #                     default fail nd  warning strict
    "pass":              (0,      0,   0,  0,      0),
    "warning":           (0,      0,   0,  1,      1),
    "needs-declaration": (0,      0,   1,  1,      1),
    "fail":              (1,      1,   1,  1,      1),
    "error":             (3,      3,   3,  3,      3),
    "not-applicable":    (0,      0,   0,  0,      0),
}
POLICIES = ([], ["--fail-on", "fail"], ["--fail-on", "needs-declaration"],
            ["--fail-on", "warning"], ["--strict"])


@pytest.mark.parametrize("status", MATRIX)
def test_exit_code_matrix(cli, repo, hello_plugin, status):
    root = repo({"HELLO.txt": status})
    got = tuple(cli(*policy, "-q", "--only", "hello-file", root).exit_code
                for policy in POLICIES)
    assert got == MATRIX[status]


def test_strict_and_fail_on_join_the_stricter_wins(cli, repo, hello_plugin):
    root = repo({"HELLO.txt": "warning"})
    assert cli("--strict", "--fail-on", "fail", "--only", "hello-file", root).exit_code == 1
    assert cli("--fail-on", "WARNING", "--only", "hello-file", root).exit_code == 1


def test_fail_on_counts_the_worst_indicator(cli, repo, hello_plugin):
    root = repo({"HELLO.txt": "pass", "FINDINGS.txt": "a pass\nb needs-declaration\n"})
    args = ("--only", "hello-file,hello-findings", root)
    assert cli(*args).exit_code == 0
    assert cli("--fail-on", "needs-declaration", *args).exit_code == 1


def test_a_failure_outranks_an_error(cli, repo, hello_plugin):
    root = repo({"HELLO.txt": "fail"})
    assert cli("--only", "hello-file,broken-plugin", root).exit_code == 1


def test_waived_gap_does_not_break_the_build_at_any_level(cli, repo, hello_plugin):
    root = repo({"HELLO.txt": "warning",
                 "dpg.yml": "waivers:\n  - id: hello-file\n    reason: known\n"})
    for policy in POLICIES:
        out = cli(*policy, "--only", "hello-file", root)
        assert out.exit_code == 0, policy
        assert "waived: known" in out.stdout


def test_partly_waived_findings_still_fail(cli, repo, hello_plugin):
    root = repo({"FINDINGS.txt": "a fail\nb fail\n",
                 "dpg.yml": "waivers:\n  - id: a\n    reason: known\n"})
    out = cli("--only", "hello-findings", "-f", "json", root)
    assert out.exit_code == 1
    (ind,) = json.loads(out.stdout)["indicators"]
    assert ind["waiver"] is None
    assert [f.get("waiver", {}).get("reason") for f in ind["findings"]] == ["known", None]
    fully = repo({"FINDINGS.txt": "a fail\nb fail\n",
                  "dpg.yml": "waivers:\n  - {id: a, reason: known}\n  - {id: b, reason: too}\n"})
    assert cli("--only", "hello-findings", fully).exit_code == 0


def test_ignore_errors_turns_exit_3_into_0_but_keeps_failures(cli, repo, hello_plugin):
    broken = repo({"HELLO.txt": "error"})
    out = cli("--ignore-errors", "--only", "hello-file", broken)
    assert out.exit_code == 0 and "ERROR" in out.stdout
    failing = repo({"HELLO.txt": "fail"})
    assert cli("--ignore-errors", "--only", "hello-file,broken-plugin", failing).exit_code == 1


def test_unknown_level_is_a_usage_error(cli, repo):
    out = cli("--fail-on", "sometimes", repo({"README.md": "x"}))
    assert out.exit_code == 2 and out.stdout == ""
    assert out.stderr.strip() == ("dpgcheck: error: unknown --fail-on level 'sometimes': use "
                                  "fail, needs-declaration, warning")


def test_help_documents_the_levels(cli):
    out = cli("check", "--help")
    assert out.exit_code == 0
    text = " ".join(out.stdout.split())
    assert "--fail-on" in text and "warning < needs-declaration < fail" in text


def test_offline_check_that_needs_the_network_says_so(cli, repo, hello_plugin):
    root = repo({"HELLO.txt": "online"})
    online = cli("--only", "hello-file", "-f", "json", root)
    assert online.exit_code == 0
    offline = cli("--offline", "--only", "hello-file", "-f", "json", root)
    assert offline.exit_code == 3
    (ind,) = json.loads(offline.stdout)["indicators"]
    assert ind["status"] == "error"
    assert ind["summary"] == "not checked: needs example.org, and the run is --offline"


@pytest.mark.parametrize("target", ["https://github.com/example/project", "example/project",
                                    "git@github.com:example/project.git",
                                    "github.com/example/project"])
def test_offline_refuses_remote_targets(cli, target):
    out = cli("--offline", target)
    assert out.exit_code == 2 and out.stdout == ""
    assert out.stderr.count("\n") == 1
    assert out.stderr.startswith(f"dpgcheck: error: --offline: '{target}' is a remote")


def test_offline_accepts_a_local_folder_named_like_owner_repo(cli, repo, monkeypatch, tmp_path):
    root = repo({"README.md": "x"})
    (tmp_path / "example").mkdir()
    root.rename(tmp_path / "example" / "project")
    monkeypatch.chdir(tmp_path)
    out = cli("--offline", "--only", "2", "example/project")
    assert out.exit_code in (0, 1, 3), out.stderr  # checked, not refused
    assert "remote" not in out.stderr


def test_partly_waived_findings_are_shown_in_terminal_and_markdown(cli, repo, hello_plugin):
    root = repo({"FINDINGS.txt": "a fail\nb fail\n",
                 "dpg.yml": "waivers:\n  - id: a\n    reason: known gap\n"})
    text = cli("--only", "hello-findings", root).stdout
    assert "waived: a: known gap" in text
    markdown = cli("--only", "hello-findings", "-f", "markdown", root).stdout
    assert "- **Waived:** `a`: known gap" in markdown
