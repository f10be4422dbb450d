"""The monthly reassessment workflow users copy is a valid GitHub workflow using real options."""

from __future__ import annotations

import re
from pathlib import Path

from tests.schemas import GITHUB_WORKFLOW, load_yaml, validation_errors

WORKFLOW = Path(__file__).resolve().parents[2] / "examples" / "reassess-monthly.yml"


def test_workflow_is_valid_against_the_schemastore_schema():
    assert validation_errors(load_yaml(WORKFLOW.read_text()), GITHUB_WORKFLOW) == []


def test_workflow_uses_only_options_reassess_has(cli):
    text = WORKFLOW.read_text()
    used = set(re.findall(r"(--[a-z-]+)", " ".join(
        line for line in text.splitlines() if "dpgcheck reassess" in line or ("--" in line
        and "dpgcheck" not in line and not line.strip().startswith("#")))))
    helped = cli("reassess", "--help").stdout
    assert used and all(option in helped for option in used - {"--body-file", "--title"}), used


def test_workflow_shards_merge_and_open_an_issue():
    doc = load_yaml(WORKFLOW.read_text())
    jobs = doc["jobs"]
    assert jobs["reassess"]["strategy"]["matrix"]["shard"] == [1, 2, 3, 4]
    publish = " ".join(str(s.get("run", "")) + str(s.get("uses", ""))
                       for s in jobs["publish"]["steps"])
    assert "--merge shard-4.jsonl" in publish and "--breaks breaks.md" in publish
    assert "gh issue create" in publish and "actions/deploy-pages" in publish
