"""The repository view: one listing, case-insensitive look-ups, bounded and confined reads."""

from __future__ import annotations

import os
import threading

import pytest

from dpgcheck.errors import TargetError
from dpgcheck.repo.reads import decode
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


def test_case_insensitive_lookups_in_root_github_and_docs(repo):
    root = repo({"License.md": "x", ".github/CODE_OF_CONDUCT.md": "x", "docs/licence.txt": "x",
                 "src/LICENSE": "not a project licence location"})
    view = RepoView.from_path(root)
    assert view.lookup("license.MD") == "License.md"
    assert view.find("license*", "licence*") == ["License.md", "docs/licence.txt"]
    assert view.find("code_of_conduct*") == [".github/CODE_OF_CONDUCT.md"]
    assert view.named("license") == ["src/LICENSE"]
    assert view.has_dir("DOCS") and not view.has_dir("nope")


def test_symlink_out_of_tree_is_never_read(repo, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    root = repo({"README.md": "x"}, git_init=False)
    os.symlink(secret, root / "LICENSE")
    os.symlink("/etc/passwd", root / "COPYING")
    os.symlink("README.md", root / "README-link.md")
    os.symlink("loop-b", root / "loop-a")
    os.symlink("loop-a", root / "loop-b")
    os.symlink("missing-target", root / "dangling")
    view = RepoView.from_path(root)
    assert view.read_text("LICENSE") is None
    assert view.read_text("COPYING") is None
    assert view.read_text("../secret.txt") is None
    assert view.read_text("/etc/passwd") is None
    assert view.read_text("README-link.md") == "x"
    assert view.read_text("loop-a") is None and view.read_text("dangling") is None
    assert view.size("LICENSE") is None


def test_fifo_named_readme_does_not_hang(repo):
    root = repo({"a.txt": "x"}, git_init=False)
    os.mkfifo(root / "README.md")
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(
        RepoView.from_path(root).read_text("README.md")))
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "reading a FIFO hung"
    assert result == [None]


def test_reads_are_bounded(repo):
    root = repo({"big.txt": "a" * 5000}, git_init=False)
    view = RepoView.from_path(root)
    assert view.read_text("big.txt", limit=100) == "a" * 100
    assert len(view.read_text("big.txt") or "") == 5000
    assert view.read_text("big.txt", limit=10) == "a" * 10  # from the cache, still bounded


def test_sparse_huge_file_costs_only_the_bound(repo):
    root = repo({"x": ""}, git_init=False)
    with open(root / "LICENSE", "wb") as fh:
        fh.truncate(10 * 1024**3)
    view = RepoView.from_path(root)
    assert view.size("LICENSE") == 10 * 1024**3
    assert view.read_bytes("LICENSE", 4096) == b"\0" * 4096
    assert view.read_text("LICENSE", 4096) is None  # NUL bytes: binary


def test_decoding_fallbacks():
    assert decode("naïve".encode("latin-1")) == "naïve"
    assert decode("\ufeffhello".encode("utf-8")) == "hello"
    assert decode("hello".encode("utf-16")) == "hello"
    assert decode(b"\x89PNG\r\n\x1a\n\x00\x00") is None
    assert decode("é".encode() * 3 + "é".encode()[:1]) == "ééé"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_reads_as_none(repo):
    root = repo({"README.md": "x"}, git_init=False)
    (root / "README.md").chmod(0)
    assert RepoView.from_path(root).read_text("README.md") is None


def test_not_a_folder_raises_target_error(tmp_path):
    with pytest.raises(TargetError):
        RepoView.from_path(tmp_path / "missing")
    (tmp_path / "f").write_text("x")
    with pytest.raises(TargetError):
        RepoView.from_path(tmp_path / "f")


def test_git_history_is_available_in_a_work_tree(repo):
    root = repo({"README.md": "x"}, message="First\n\nSigned-off-by: A <a@example.org>")
    view = RepoView.from_path(root)
    assert view.git is not None and len(view.git.head or "") == 40
    (commit,) = view.git.recent_commits()
    assert commit.subject == "First" and "Signed-off-by" in commit.body
