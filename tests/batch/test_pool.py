"""Batches in worker processes: the same entries as one job, progress, resume, a shared budget."""

from __future__ import annotations

import json
import multiprocessing

from dpgcheck.batch.pool import Checkers, merge_budget
from dpgcheck.batch.run import check_one, error_entry
from dpgcheck.batch.targets import BatchTarget
from dpgcheck.engine.plugins import load_indicators
from dpgcheck.engine.runner import RunConfig
from dpgcheck.sources.github import RateBudget
from tests.batch.test_remote_batch import PROJECT, five  # noqa: F401  (fixture)
from tests.identity_helpers import strip

FILES = {"README.md": "# Project\n\nInstall with `pip install project`.\n",
         "LICENSE": "MIT License\n\nCopyright (c) 2026 Someone\n",
         "src/app/models.py": "class Person:\n    email = models.EmailField()\n"}


def lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_two_jobs_give_the_entries_of_one_with_progress_and_resume(cli, repo, tmp_path):
    roots = [repo({**FILES, "n.txt": str(i)}) for i in range(4)]
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    cli("-f", "jsonl", "-o", one, "--jobs", "1", *roots)
    result = cli("-f", "jsonl", "-o", two, "--jobs", "2", *roots[:3])
    assert "[3/3]" in result.stderr  # one progress line per finished target
    resumed = cli("-f", "jsonl", "-o", two, "--jobs", "2", *roots)
    assert "resuming: 3 target(s)" in resumed.stderr
    by_input = {e["input"]: strip(e) for e in lines(two)}
    assert [strip(e) for e in lines(one)] == [by_input[str(r)] for r in roots]


def test_more_than_one_job_checks_in_worker_processes(repo):
    """The first target is checked in the parent (it warms what the workers fork with);
    the next ones run in worker processes."""
    roots = [repo({**FILES, "n.txt": str(i)}) for i in range(2)]
    checkers = Checkers(2, RunConfig(), load_indicators(), check_one, error_entry)
    try:
        first = checkers.submit(BatchTarget(str(roots[0])))
        assert first.done() and not multiprocessing.active_children()
        entry, report = checkers.submit(BatchTarget(str(roots[1]))).result(timeout=120)
        assert multiprocessing.active_children()  # the check ran in a worker
    finally:
        checkers.shutdown(wait=True)
    assert entry["input"] == str(roots[1]) and report is not None
    assert {i["id"] for i in entry["indicators"]} >= {"open-license", "documentation"}
    assert first.result()[0]["input"] == str(roots[0])


def test_workers_share_the_parents_budget(cli, server, five, tmp_path):  # noqa: F811
    """Workers' GitHub answers reach the parent: with --jobs 2 it stops before the budget
    runs out, as one job does, instead of starting targets the budget cannot cover."""
    server.budget = 6  # r1 and r2 leave 1
    out = tmp_path / "out.jsonl"
    result = cli("--github-url", server.url, "--cache-dir", tmp_path / "cache", "-f", "jsonl",
                 "-o", out, "--jobs", "2", *five)
    assert result.exit_code == 3
    assert sorted(e["input"] for e in lines(out)) == ["acme/r1", "acme/r2"]
    assert "stopped before 3 target(s)" in result.stderr
    assert all(r.status != 403 for r in server.log)


def test_merge_keeps_the_newest_answer():
    budget = RateBudget()
    merge_budget(budget, (40, 60, 1000.0, False))
    merge_budget(budget, (55, 60, 1000.0, False))  # an older answer of the same window
    assert (budget.remaining, budget.limit, budget.reset) == (40, 60, 1000.0)
    merge_budget(budget, (59, 60, 2000.0, False))  # the window has reset
    assert budget.remaining == 59 and budget.reset == 2000.0
    merge_budget(budget, (0, 60, 2000.0, True))
    assert budget.spent and not budget.can_start(0)


def test_workers_fork_from_a_single_threaded_parent_and_not_beside_a_thread():
    """A lone parent forks its workers (no second interpreter importing everything again);
    beside another thread it must not fork (that thread's locks would stay held in the
    child), so it takes the forkserver."""
    import threading

    from dpgcheck.batch.pool import _context, fork_is_safe

    loaded = load_indicators()
    if threading.active_count() == 1:  # pytest without workers' threads
        assert fork_is_safe() and _context(loaded).get_start_method() == "fork"
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not fork_is_safe()
        assert _context(loaded).get_start_method() == "forkserver"
    finally:
        release.set()
        thread.join()


def test_a_forked_batch_gives_the_entries_of_one_job(repo, tmp_path):
    """The console command (one thread: its workers are forked) with --jobs 2 writes the
    entries --jobs 1 writes (in the order they finish)."""
    import os
    import subprocess
    import sys

    roots = [str(repo({**FILES, "n.txt": str(i)})) for i in range(4)]
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.jsonl"
        env = {**os.environ, "NO_COLOR": "1", "DPGCHECK_CACHE_DIR": str(tmp_path / "cache")}
        done = subprocess.run([sys.executable, "-m", "dpgcheck", "-f", "jsonl", "-o", str(out),
                               "--jobs", jobs, "-q", "--offline", *roots],
                              capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode in (0, 1), done.stderr
        outputs.append(sorted((strip(e) for e in lines(out)), key=lambda e: e["input"]))
    assert outputs[0] == outputs[1] and len(outputs[0]) == 4


def test_only_a_local_first_target_is_checked_in_the_parent(repo):
    """The parent warms up on a folder, never on a forge target: the API connections it
    opened would be inherited by every forked worker."""
    from dpgcheck.batch.pool import _is_local

    config = RunConfig()
    assert _is_local(BatchTarget(str(repo(FILES))), config)
    assert not _is_local(BatchTarget("acme/r1"), config)
    assert not _is_local(BatchTarget("https://github.com/acme/r1"), config)
    assert not _is_local(BatchTarget("https://gitlab.com/group/sub/project"), config)


def test_each_worker_gets_a_local_target_queued_but_no_remote_one(repo):
    """With worker processes, a local target waits behind the one a worker runs (so the
    worker never waits for the parent); a remote one is handed out only to a free worker,
    because each one handed out counts against the API budget. The entries still come in
    input order."""
    from dpgcheck.batch import run

    local, remote = BatchTarget(str(repo(FILES))), BatchTarget("someone/project")
    assert not run.is_remote(local) and run.is_remote(remote)
    assert (run.room(1, False), run.room(2, False), run.room(3, False)) == (1, 4, 6)
    assert (run.room(1, True), run.room(2, True)) == (1, 2)
    roots = [repo({**FILES, "n.txt": str(i)}) for i in range(6)]
    result = run.run_batch([BatchTarget(str(r)) for r in roots], RunConfig(),
                           load_indicators(), jobs=2)
    assert [e["input"] for e in result.entries] == [str(r) for r in roots]
    assert all(e["verdict"] != "error" for e in result.entries)
