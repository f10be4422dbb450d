"""Issue 17, the forge and the cache: a misbehaving API (the fault-injecting stand-in of
tests/github_server.py) ends its target with a one-line error within the deadline and bounded
memory, or succeeds after retries; a batch killed with SIGKILL five times resumes to every
target checked exactly once with no broken cache entry; two batches share a cache safely."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dpgcheck.sources import cacheslot
from tests.conftest import make_repo
from tests.github_server import bare_copy
from tests.hardening import hostile_repos as h

PROJECT = {"README.md": "# Tool\n\nInstall with `pip install tool`.\n",
           "LICENSE": "MIT License\n\nCopyright (c) 2026 Acme\n", "src/app.py": "x = 1\n"}
API_SECONDS = 120
API_MB = 500


@pytest.fixture
def published(server, tmp_path):
    """``acme/tool`` on the stand-in, cloned from a local bare repository."""
    root = make_repo(tmp_path / "work", PROJECT)
    server.add_repo("acme", "tool", bare_copy(root, tmp_path / "remotes" / "tool.git"))
    return server


def check_remote(server, tmp_path: Path, *extra: str, timeout: float = 300) -> h.Measured:
    return h.run_measured(["--github-url", server.url, "--cache-dir", str(tmp_path / "cache"),
                           "--format", "json", *extra, "acme/tool"],
                          env={"GITHUB_TOKEN": server.token}, timeout=timeout)


def assert_clean(run: h.Measured, server) -> None:
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert server.token not in run.stdout + run.stderr


def assert_one_line(run: h.Measured, code: int = 3) -> str:
    assert run.returncode == code, (run.returncode, run.stderr)
    assert run.stderr.startswith("dpgcheck: error:") and run.stderr.count("\n") == 1, run.stderr
    return run.stderr


@pytest.mark.parametrize(("fault", "message"), [
    (("huge", 3000), "larger than"),
    (("truncated", None), "incomplete answer"),
    (("invalid", None), "invalid JSON"),
    (("wrong-types", {"owner": None}), "'owner' should be an object"),
    (("wrong-types", {"owner": "acme", "topics": "x"}), "'owner' should be an object"),
    (("wrong-types", {"topics": {"a": 1}}), "'topics' should be a list"),
    (("wrong-types", {"full_name": 5}), "'full_name' should be a string"),
    (("redirect", "evil.example:1"), "redirected to another host (evil.example)"),
], ids=["huge-body", "truncated", "invalid-json", "owner-null", "owner-string", "topics-dict",
        "name-number", "redirect-elsewhere"])
def test_a_broken_api_answer_is_a_one_line_error(published, tmp_path, fault, message):
    published.faults["/repos/acme/tool"] = fault
    run = check_remote(published, tmp_path)
    assert message in assert_one_line(run)
    assert_clean(run, published)
    assert run.seconds < API_SECONDS and run.peak_mb < API_MB, (run.seconds, run.peak_mb)


def test_a_dripping_answer_ends_its_target_within_the_default_deadline(published, tmp_path):
    published.faults["/repos/acme/tool"] = ("drip", 400)
    run = check_remote(published, tmp_path, timeout=API_SECONDS + 30)
    assert_one_line(run)
    assert_clean(run, published)
    assert 55 < run.seconds < API_SECONDS, run.seconds
    assert run.peak_mb < API_MB


def test_dripping_headers_end_their_target_at_the_deadline(published, tmp_path):
    published.faults["/repos/acme/tool"] = ("drip-headers", 400)
    run = check_remote(published, tmp_path, "--api-deadline", "8")
    assert "headers at the deadline" in assert_one_line(run)
    assert_clean(run, published)
    assert run.seconds < 30, run.seconds


def test_a_configured_deadline_is_kept(published, tmp_path):
    published.faults["/repos/acme/tool"] = ("drip", 400)
    run = check_remote(published, tmp_path, "--api-deadline", "5")
    assert "deadline" in assert_one_line(run)
    assert run.seconds < 30


@pytest.mark.parametrize("fault", [("5xx", 2), ("secondary", 1)], ids=["5xx", "secondary"])
def test_server_errors_and_secondary_rate_limits_are_retried(published, tmp_path, fault):
    published.faults["/repos/acme/tool"] = fault
    run = check_remote(published, tmp_path)
    assert_clean(run, published)
    assert run.returncode in (0, 1, 3), run.stderr
    report = json.loads(run.stdout)
    assert report["forge"]["full_name"] == "acme/tool"
    tries = [r for r in published.log if r.path == "/repos/acme/tool"]
    assert len(tries) == fault[1] + 1


def test_the_token_reaches_no_output_and_no_other_host(published, tmp_path):
    run = check_remote(published, tmp_path, "--verbose")
    assert_clean(run, published)
    for fmt in ("markdown", "sarif", "junit", "jsonl", "csv", "html", "terminal"):
        other = check_remote(published, tmp_path, "--format", fmt)
        assert_clean(other, published)


# ------------------------------------------------------------------------------ the cache
def publish_many(server, tmp_path: Path, count: int) -> list[str]:
    names = []
    for i in range(count):
        root = make_repo(tmp_path / "work" / f"t{i}", {**PROJECT, "README.md": f"# Tool {i}\n"})
        server.add_repo("acme", f"t{i}", bare_copy(root, tmp_path / "remotes" / f"t{i}.git"))
        names.append(f"acme/t{i}")
    return names


def batch_argv(server, tmp_path: Path, targets: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "dpgcheck", "--github-url", server.url, "--cache-dir",
            str(tmp_path / "cache"), "--from-file", str(targets), "--format", "jsonl",
            "-o", str(out), "--jobs", "2", "-q"]


def cache_entries(tmp_path: Path) -> list[Path]:
    return [p for p in (tmp_path / "cache" / "repos").glob("*/*/*") if p.is_dir()]


def assert_cache_healthy(tmp_path: Path) -> None:
    for entry in cache_entries(tmp_path):
        assert ".tmp-" not in entry.name, f"left-over work folder {entry}"
        assert cacheslot.healthy(entry), f"broken cache entry {entry}"
        slot = cacheslot.claim(entry)  # nobody holds it any more
        assert slot.path == entry
        slot.release()


def test_a_batch_killed_five_times_resumes_to_every_target_once(server, tmp_path):
    names = publish_many(server, tmp_path, 30)
    targets = tmp_path / "targets.txt"
    targets.write_text("\n".join(names) + "\n")
    out = tmp_path / "out.jsonl"
    argv = batch_argv(server, tmp_path, targets, out)
    env = {**os.environ, "NO_COLOR": "1"}
    rng = random.Random(17)
    for _ in range(5):
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.5, 4.0))
        os.killpg(proc.pid, signal.SIGKILL)  # dpgcheck and the git it is running
        proc.wait()
    final = subprocess.run([*argv, "--retry-errors"], env=env, capture_output=True, text=True,
                           timeout=600)
    assert final.returncode in (0, 1), final.stderr
    lines = out.read_text().splitlines()
    entries = [json.loads(line) for line in lines]  # every line valid on its own
    inputs = [e["input"] for e in entries]
    assert sorted(inputs) == sorted(names), "each target exactly once"
    assert not [e for e in entries if e.get("error")], [e["error"] for e in entries
                                                       if e.get("error")]
    assert_cache_healthy(tmp_path)


def test_a_stale_lock_and_a_half_made_clone_are_rebuilt(published, tmp_path):
    first = check_remote(published, tmp_path)
    assert first.returncode in (0, 1, 3), first.stderr
    [entry] = cache_entries(tmp_path)
    # What a SIGKILL during a fetch leaves: git's lock, an unfinished work tree, no marker.
    (entry / ".git" / "shallow.lock").write_text("")
    (entry / ".git" / "index.lock").write_text("")
    (entry / ".git" / cacheslot.MARKER).unlink()
    (entry / "README.md").unlink()
    stale_work = entry.parent / f".{entry.name}.tmp-1-deadbeef"
    stale_work.mkdir()
    second = check_remote(published, tmp_path)
    assert second.returncode == first.returncode, second.stderr
    assert json.loads(second.stdout)["indicators"] == json.loads(first.stdout)["indicators"]
    assert not stale_work.exists()
    assert_cache_healthy(tmp_path)


def test_two_batches_share_a_cache_folder_without_racing(server, tmp_path):
    names = publish_many(server, tmp_path, 6)
    targets = tmp_path / "targets.txt"
    targets.write_text("\n".join(names) + "\n")
    env = {**os.environ, "NO_COLOR": "1"}
    procs = [subprocess.Popen(batch_argv(server, tmp_path, targets, tmp_path / f"out{i}.jsonl"),
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True) for i in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode in (0, 1), err
    verdicts = []
    for i in range(2):
        entries = [json.loads(line) for line in (tmp_path / f"out{i}.jsonl").read_text()
                   .splitlines()]
        assert sorted(e["input"] for e in entries) == sorted(names)
        assert not [e for e in entries if e.get("error")]
        verdicts.append(sorted((e["input"], e["verdict"]) for e in entries))
    assert verdicts[0] == verdicts[1]
    assert_cache_healthy(tmp_path)
