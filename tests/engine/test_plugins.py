"""A separately installed plugin package runs exactly like a built-in indicator."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_repo


@pytest.fixture(scope="module")
def plugin_dir(hello_site: Path) -> Path:
    """The plugin installed once per session (tests/conftest.py), built from a copy."""
    return hello_site


def dpgcheck(plugin_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(plugin_dir), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "dpgcheck", *args], capture_output=True,
                          text=True, env=env)


def test_plugin_appears_in_indicator_list_with_its_origin(plugin_dir):
    out = dpgcheck(plugin_dir, "indicators", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = {r["id"]: r for r in json.loads(out.stdout)}
    assert rows["hello-file"]["origin"] == "dpgcheck-hello 1.2.3"
    assert rows["hello-file"]["title"] == "Hello file says its status"
    assert "cannot load plugin" in rows["broken-plugin"]["error"]


@pytest.mark.parametrize(("word", "code", "verdict"), [
    ("pass", 0, "pass"), ("fail", 1, "fail"), ("warning", 0, "pass"),
    ("needs-declaration", 0, "incomplete"), ("error", 3, "incomplete"),
])
def test_plugin_result_drives_report_and_exit_code(plugin_dir, tmp_path, word, code, verdict):
    root = make_repo(tmp_path / "r", {"HELLO.txt": word + "\n"})
    out = dpgcheck(plugin_dir, "--only", "hello-file", "--format", "json", str(root))
    assert out.returncode == code, out.stderr
    report = json.loads(out.stdout)
    (ind,) = report["indicators"]
    assert ind["status"] == word
    assert ind["origin"] == "dpgcheck-hello 1.2.3"
    assert report["verdict"] == verdict


@pytest.mark.parametrize(("word", "code"), [("pass", 0), ("warning", 1),
                                            ("needs-declaration", 1), ("error", 3)])
def test_strict_fails_on_anything_not_passed(plugin_dir, tmp_path, word, code):
    root = make_repo(tmp_path / "r", {"HELLO.txt": word})
    assert dpgcheck(plugin_dir, "--strict", "--only", "hello-file", str(root)).returncode == code


def test_waiver_in_declarations_turns_failure_into_waived(plugin_dir, tmp_path):
    root = make_repo(tmp_path / "r", {
        "HELLO.txt": "fail",
        "dpg.yml": "waivers:\n  - id: hello-file\n    reason: tracked in issue 12\n",
    })
    out = dpgcheck(plugin_dir, "--only", "hello-file", "--format", "json", str(root))
    assert out.returncode == 0
    (ind,) = json.loads(out.stdout)["indicators"]
    assert ind["status"] == "fail"
    assert ind["waiver"]["reason"] == "tracked in issue 12"
    text = dpgcheck(plugin_dir, "--only", "hello-file", str(root)).stdout
    assert "waived: tracked in issue 12" in text


def test_expired_waiver_is_not_applied_and_says_so(plugin_dir, tmp_path):
    root = make_repo(tmp_path / "r", {
        "HELLO.txt": "fail",
        "dpg.yml": "waivers:\n  - id: hello-file\n    reason: old\n    expires: 2001-01-01\n",
    })
    out = dpgcheck(plugin_dir, "--only", "hello-file", "--format", "json", str(root))
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert report["indicators"][0]["waiver"] is None
    assert any("expired" in n for n in report["notes"])


def test_broken_plugin_is_reported_as_error_not_crash(plugin_dir, tmp_path):
    root = make_repo(tmp_path / "r", {"HELLO.txt": "pass"})
    out = dpgcheck(plugin_dir, "--only", "broken-plugin", "--format", "json", str(root))
    assert out.returncode == 3
    (ind,) = json.loads(out.stdout)["indicators"]
    assert ind["status"] == "error" and "cannot load plugin" in ind["summary"]
