"""The listing: git ls-files in a work tree, else a walk; both honour .gitignore."""

from __future__ import annotations

import pytest

from dpgcheck.errors import TargetError
from dpgcheck.repo.view import RepoView


def test_git_listing_honours_gitignore_and_includes_untracked(repo):
    root = repo({".gitignore": "build/\n*.log\n", "README.md": "x", "src/a.py": "x"})
    (root / "build").mkdir()
    (root / "build" / "out.js").write_text("x")
    (root / "debug.log").write_text("x")
    (root / "new.txt").write_text("untracked")
    view = RepoView.from_path(root)
    assert view.listed_by == "git"
    assert set(view.files) == {".gitignore", "README.md", "src/a.py", "new.txt"}


def test_walk_honours_nested_gitignore_outside_git(repo):
    root = repo({".gitignore": "*.log\n!keep.log\n", "a.log": "", "keep.log": "",
                 "pkg/.gitignore": "gen/\n", "pkg/gen/x.py": "", "pkg/y.py": "",
                 ".git-not/z": ""}, git_init=False)
    view = RepoView.from_path(root)
    assert view.listed_by == "walk"
    assert set(view.files) == {".gitignore", "keep.log", "pkg/.gitignore", "pkg/y.py",
                               ".git-not/z"}


def test_not_a_folder_raises_target_error(tmp_path):
    with pytest.raises(TargetError):
        RepoView.from_path(tmp_path / "missing")
    (tmp_path / "f").write_text("x")
    with pytest.raises(TargetError):
        RepoView.from_path(tmp_path / "f")
