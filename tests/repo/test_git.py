"""Git plumbing: the history of the checked work tree."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dpgcheck.repo.view import RepoView
from tests.conftest import git, make_repo


def test_git_history_is_available_in_a_work_tree(repo):
    root = repo({"README.md": "x"}, message="First\n\nSigned-off-by: A <a@example.org>")
    view = RepoView.from_path(root)
    assert view.git is not None and len(view.git.head or "") == 40
    (commit,) = view.git.recent_commits()
    assert commit.subject == "First" and "Signed-off-by" in commit.body


def _git_logged_to(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ``git`` first on PATH that writes its arguments to a log, then runs the real git."""
    real = shutil.which("git")
    assert real is not None
    log = folder / "git-calls.log"
    shim = folder / "bin" / "git"
    shim.parent.mkdir(parents=True)
    shim.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{real}" "$@"\n')
    shim.chmod(0o755)
    monkeypatch.setenv("PATH", f"{shim.parent}{os.pathsep}{os.environ['PATH']}")
    return log


def test_head_after_the_recent_commits_is_their_newest_without_another_git_call(
        repo, tmp_path, monkeypatch):
    root = repo({"README.md": "x"}, message="First")
    (root / "README.md").write_text("y")
    git(root, "commit", "-qam", "Second")
    expected = git(root, "rev-parse", "HEAD").strip()
    log = _git_logged_to(tmp_path / "shim", monkeypatch)

    view = RepoView.from_path(root)
    assert view.git is not None
    commits = view.git.recent_commits()
    assert [c.subject for c in commits] == ["Second", "First"]
    calls = log.read_text().splitlines()
    assert view.git.head == expected
    assert log.read_text().splitlines() == calls  # no rev-parse: log's newest is HEAD

    alone = RepoView.from_path(root)  # head asked first: git is asked for it
    assert alone.git is not None and alone.git.head == expected
    assert any("rev-parse" in call for call in log.read_text().splitlines())


def test_head_of_a_repository_without_commits_is_none(tmp_path):
    root = make_repo(tmp_path / "empty", {"README.md": "x"}, git_init=False)
    git(root, "init", "-q")
    view = RepoView.from_path(root)
    assert view.git is not None
    assert view.git.recent_commits() == [] and view.git.head is None
