"""Git plumbing: the history of the checked work tree."""

from __future__ import annotations

from dpgcheck.repo.view import RepoView


def test_git_history_is_available_in_a_work_tree(repo):
    root = repo({"README.md": "x"}, message="First\n\nSigned-off-by: A <a@example.org>")
    view = RepoView.from_path(root)
    assert view.git is not None and len(view.git.head or "") == 40
    (commit,) = view.git.recent_commits()
    assert commit.subject == "First" and "Signed-off-by" in commit.body
