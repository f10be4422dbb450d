"""Targets handed to worker processes largest first, the smallest warming the workers."""

from __future__ import annotations

import json
import os

from dpgcheck.batch.order import dispatch_order, index_size
from dpgcheck.batch.targets import BatchTarget


def _tree(repo, files: int, **kwargs):
    return repo({"README.md": "# Project\n",
                 **{f"src/m{i}.py": f"x = {i}\n" for i in range(files)}}, **kwargs)


def test_the_smallest_work_tree_first_then_the_largest_then_the_unsized(repo):
    small, large, medium = _tree(repo, 2), _tree(repo, 120), _tree(repo, 40)
    plain = _tree(repo, 300, git_init=False)  # no git: no estimate
    targets = [BatchTarget("github.com/acme/remote"), BatchTarget(str(small)),
               BatchTarget(str(plain)), BatchTarget(str(large)), BatchTarget(str(medium)),
               BatchTarget("missing", problem="no such file or folder: missing")]
    assert [i for i, _ in dispatch_order(targets, 2)] == [1, 3, 4, 0, 2, 5]
    assert [i for i, _ in dispatch_order(targets, 1)] == [0, 1, 2, 3, 4, 5]
    assert index_size(targets[3]) > index_size(targets[4]) > index_size(targets[1]) > 0  # type: ignore[operator]


def test_a_git_link_or_a_linked_worktree_gives_no_estimate(repo, tmp_path):
    real = _tree(repo, 5)
    linked = tmp_path / "linked"
    linked.mkdir()
    os.symlink(real / ".git", linked / ".git")  # the index it leads to is not this folder's
    worktree = tmp_path / "worktree"
    worktree.mkdir()
    (worktree / ".git").write_text(f"gitdir: {real}/.git\n")
    assert index_size(BatchTarget(str(real))) is not None
    assert index_size(BatchTarget(str(linked))) is None
    assert index_size(BatchTarget(str(worktree))) is None
    assert index_size(BatchTarget("bad\0name")) is None


def test_two_jobs_check_the_smallest_first_and_report_in_input_order(cli, repo, tmp_path):
    """The smallest, listed last, is checked first (in the parent, before the workers fork):
    JSON Lines follow the checks; the summary formats keep the input order."""
    small, large = _tree(repo, 2), _tree(repo, 150)
    mid1, mid2 = _tree(repo, 30), _tree(repo, 31)
    roots = [str(mid1), str(large), str(mid2), str(small)]
    out = tmp_path / "out.jsonl"
    result = cli("-f", "jsonl", "-o", out, "--jobs", "2", "-q", *roots)
    assert result.exit_code in (0, 1), result.stderr
    written = [json.loads(line)["input"] for line in out.read_text().splitlines()]
    assert written[0] == str(small) and sorted(written) == sorted(roots)
    table = cli("-f", "csv", "--jobs", "2", "-q", *roots)
    rows = table.stdout.splitlines()[1:]
    assert [next(r for r in roots if r in row) for row in rows] == roots
