"""Git plumbing: the history of the checked work tree."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from dpgcheck.repo.view import RepoView


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
    subprocess.run(["git", "commit", "-qam", "Second"], cwd=root, check=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org",
                        "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"})
    expected = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, check=True,
                              capture_output=True, text=True).stdout.strip()
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
    root = tmp_path / "empty"
    root.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    (root / "README.md").write_text("x")
    view = RepoView.from_path(root)
    assert view.git is not None
    assert view.git.recent_commits() == [] and view.git.head is None
