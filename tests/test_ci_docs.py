"""The CI snippets users copy (README, pre-commit hook, example workflow) are valid and work."""

from __future__ import annotations

import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.schemas import (
    GITHUB_WORKFLOW,
    GITLAB_CI,
    PRE_COMMIT_CONFIG,
    load_yaml,
    validation_errors,
)

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = re.compile(r"```yaml\n# (\S+)\n(.*?)```", re.S)


def snippets() -> dict[str, str]:
    return {name: body for name, body in SNIPPET.findall((ROOT / "README.md").read_text())}


def hooks() -> list[dict]:
    return load_yaml((ROOT / ".pre-commit-hooks.yaml").read_text())


@pytest.mark.parametrize(("name", "schema"), [
    (".github/workflows/dpgcheck.yml", GITHUB_WORKFLOW),
    (".gitlab-ci.yml", GITLAB_CI),
    (".pre-commit-config.yaml", PRE_COMMIT_CONFIG),
])
def test_readme_snippets_are_valid(name, schema):
    assert validation_errors(load_yaml(snippets()[name]), schema) == []


def test_action_inputs_used_in_examples_exist():
    inputs = set(load_yaml((ROOT / "action.yml").read_text())["inputs"])
    workflows = [load_yaml(snippets()[".github/workflows/dpgcheck.yml"]),
                 load_yaml((ROOT / "examples" / "github-workflow.yml").read_text())]
    for workflow in workflows:
        (step,) = [s for job in workflow["jobs"].values() for s in job["steps"]
                   if "dpgcheck" in s.get("uses", "")]
        assert set(step["with"]) <= inputs


def test_readme_pre_commit_snippet_names_a_defined_hook():
    config = load_yaml(snippets()[".pre-commit-config.yaml"])
    used = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert used <= {hook["id"] for hook in hooks()}


def test_pre_commit_hook_definition():
    (hook,) = hooks()
    assert hook["pass_filenames"] is False and hook["always_run"] is True
    assert hook["language"] == "python"
    assert set(hook) >= {"id", "name", "entry", "language"}
    assert shlex.split(hook["entry"])[0] == "dpgcheck"


@pytest.mark.parametrize(("word", "code"), [("pass", 0), ("fail", 1), ("error", 0),
                                            ("online", 0), ("needs-declaration", 0)])
def test_pre_commit_entry_blocks_only_failures(cli, repo, hello_plugin, word, code):
    (hook,) = hooks()
    root = repo({"HELLO.txt": word})
    # pre-commit runs the entry at the repository root, with the hook's args appended.
    out = cli(*shlex.split(hook["entry"])[1:], "--only", "hello-file", root)
    assert out.exit_code == code, out.stdout + out.stderr
    if word == "online":
        assert "not checked: needs example.org, and the run is --offline" in out.stdout


def test_gitlab_snippet_command_writes_its_reports(cli, repo, hello_plugin, monkeypatch):
    script = load_yaml(snippets()[".gitlab-ci.yml"])["dpgcheck"]["script"]
    (command,) = [line for line in script if line.startswith("dpgcheck ")]
    root = repo({"HELLO.txt": "needs-declaration"})
    monkeypatch.chdir(root)
    out = cli(*shlex.split(command)[1:], "--only", "hello-file")
    assert out.exit_code == 1  # --fail-on needs-declaration
    suite = ET.parse(root / "dpgcheck-junit.xml").getroot().find("testsuite")
    assert suite.get("failures") == "1"
    assert "## DPG Standard check" in (root / "dpgcheck.md").read_text()
