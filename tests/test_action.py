"""The GitHub Action: action.yml is a valid composite action, and its script part really runs
dpgcheck, fills the job summary and outputs, writes SARIF, and exits by dpgcheck's code."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.schemas import GITHUB_ACTION, GITHUB_WORKFLOW, SARIF, load_yaml, validation_errors

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "action.sh"


def dpgcheck_command() -> str:
    beside = Path(sys.executable).parent / "dpgcheck"
    found = str(beside) if beside.exists() else shutil.which("dpgcheck")
    assert found, "the dpgcheck command is not installed"
    return found


def action_run(workdir: Path, plugin_site: Path, tmp_path: Path, **inputs: str):
    """``action.sh run`` as the Action's step runs it, with fake GitHub files."""
    summary, outputs = tmp_path / "summary.md", tmp_path / "github_output"
    summary.write_text("earlier step\n")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(outputs),
           "RUNNER_TEMP": str(tmp_path), "DPGCHECK": dpgcheck_command(),
           "PYTHONPATH": str(plugin_site), "NO_COLOR": "1"}
    env.update({f"INPUT_{k.upper()}": v for k, v in inputs.items()})
    proc = subprocess.run(["bash", str(SCRIPT), "run"], cwd=workdir, env=env,
                          capture_output=True, text=True, timeout=120)
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    return proc, summary.read_text(), values


def test_action_yml_is_a_valid_composite_action():
    action = load_yaml((ROOT / "action.yml").read_text())
    assert validation_errors(action, GITHUB_ACTION) == []
    assert action["runs"]["using"] == "composite"
    text = (ROOT / "action.yml").read_text()
    used = set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", text))
    assert used <= set(action["inputs"]), used - set(action["inputs"])
    assert "scripts/action.sh" in text and SCRIPT.is_file()
    uses = [step.get("uses", "") for step in action["runs"]["steps"]]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)


def test_example_workflow_is_valid():
    workflow = load_yaml((ROOT / "examples" / "github-workflow.yml").read_text())
    assert validation_errors(workflow, GITHUB_WORKFLOW) == []


def test_failing_repository_fails_the_step_and_fills_summary_and_sarif(repo, hello_site,
                                                                      tmp_path):
    root = repo({"HELLO.txt": "fail\n"})
    proc, summary, out = action_run(root, hello_site, tmp_path, args="--only hello-file",
                                    sarif="true", sarif_file="out/dpgcheck.sarif")
    assert proc.returncode == 1, proc.stderr
    assert out["exit-code"] == "1"
    assert summary.startswith("earlier step\n## DPG Standard check")  # appended, not replaced
    assert "**Verdict: FAIL**" in summary and "HELLO.txt says fail" in summary
    assert summary.endswith("**Exit code 1** (--fail-on fail): failed the policy.\n")
    assert "FAIL" in proc.stdout and "Hello file says its status" in proc.stdout  # the log
    sarif = json.loads((root / out["sarif-file"]).read_text())
    assert validation_errors(sarif, SARIF) == []
    assert sarif["runs"][0]["results"][0]["ruleId"] == "hello-file"
    report = json.loads(Path(out["json-file"]).read_text())
    assert report["verdict"] == "fail"
    assert Path(out["markdown-file"]).read_text() in summary


@pytest.mark.parametrize(("inputs", "code"), [
    ({}, 0),
    ({"fail_on": "warning"}, 1),
    ({"fail_on": "needs-declaration"}, 0),
    ({"strict": "true"}, 1),
    ({"strict": "false", "fail_on": "fail"}, 0),
])
def test_policy_inputs_decide_the_exit_code(repo, hello_site, tmp_path, inputs, code):
    root = repo({"HELLO.txt": "warning\n"})
    proc, summary, out = action_run(root, hello_site, tmp_path, args="--only hello-file",
                                    **inputs)
    assert proc.returncode == code, proc.stderr
    assert out["exit-code"] == str(code) and out["sarif-file"] == ""
    assert "**Verdict: PASS**" in summary
    policy = f"--fail-on {inputs.get('fail_on', 'fail')}"
    policy += " --strict" if inputs.get("strict") == "true" else ""
    assert f"**Exit code {code}** ({policy}): " in summary


def test_targets_categories_and_format_inputs(repo, hello_site, tmp_path):
    one, two = repo({"HELLO.txt": "pass"}), repo({"HELLO.txt": "pass"})
    proc, summary, _ = action_run(
        tmp_path, hello_site, tmp_path, targets=f"{one}\n{two}", categories="software, data",
        format="json", args="--only hello-file")
    assert proc.returncode == 0, proc.stderr
    reports = json.loads(proc.stdout)["reports"]
    assert [r["target"]["path"] for r in reports] == [str(one), str(two)]
    assert all(r["categories"] == ["software", "data"] for r in reports)
    assert summary.count("## DPG Standard check") == 2


def test_usage_error_is_reported_in_summary_and_outputs(repo, hello_site, tmp_path):
    root = repo({"HELLO.txt": "pass"})
    proc, summary, out = action_run(root, hello_site, tmp_path, fail_on="sometimes")
    assert proc.returncode == 2
    assert "unknown --fail-on level 'sometimes'" in proc.stderr
    assert "dpgcheck could not run (exit code 2)" in summary
    assert out["exit-code"] == "2" and out["json-file"] == "" and out["markdown-file"] == ""


def test_cache_step_keeps_the_cache_folder_keyed_by_version(repo, hello_site, tmp_path):
    """action.yml restores and saves dpgcheck's cache folder (actions/cache) under a key of
    dpgcheck's version, and the run step uses that folder: the next job starts warm."""
    from dpgcheck import __version__

    action = load_yaml((ROOT / "action.yml").read_text())
    steps = action["runs"]["steps"]
    named = next(s for s in steps if "cache-key" in s.get("run", ""))
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    run = next(s for s in steps if s.get("id") == "run")
    assert steps.index(named) < steps.index(cache) < steps.index(run)
    assert cache["with"]["path"] == f"${{{{ steps.{named['id']}.outputs.dir }}}}"
    assert cache["with"]["key"] == f"${{{{ steps.{named['id']}.outputs.key }}}}"
    assert run["env"]["DPGCHECK_CACHE_DIR"] == cache["with"]["path"]
    assert "inputs.cache" in cache["if"] and action["inputs"]["cache"]["default"] == "true"

    outputs = tmp_path / "github_output"
    env = {**os.environ, "GITHUB_OUTPUT": str(outputs), "RUNNER_TEMP": str(tmp_path),
           "RUNNER_OS": "Linux"}
    subprocess.run(["bash", str(SCRIPT), "cache-key"], env=env, check=True, timeout=60)
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert values["key"] == f"dpgcheck-{__version__}-Linux-py{python}"
    cache_dir = Path(values["dir"])
    assert cache_dir.parent == tmp_path

    # The run step with that folder fills it (what actions/cache then saves).
    root = repo({"README.md": "# Tool\n", "LICENSE": "MIT License\n"})
    proc = subprocess.run(["bash", str(SCRIPT), "run"], cwd=root, capture_output=True,
                          text=True, timeout=120,
                          env={**env, "DPGCHECK": dpgcheck_command(), "NO_COLOR": "1",
                               "PYTHONPATH": str(hello_site),
                               "DPGCHECK_CACHE_DIR": str(cache_dir),
                               "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")})
    assert proc.returncode in (0, 1), proc.stderr
    assert any(cache_dir.glob("*.marshal"))
