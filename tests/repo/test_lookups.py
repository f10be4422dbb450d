"""Look-ups over the listing: case-insensitive names, the usual folders, anywhere in the tree."""

from __future__ import annotations

from dpgcheck.repo.view import RepoView


def test_case_insensitive_lookups_in_root_github_and_docs(repo):
    root = repo({"License.md": "x", ".github/CODE_OF_CONDUCT.md": "x", "docs/licence.txt": "x",
                 "src/LICENSE": "not a project licence location"})
    view = RepoView.from_path(root)
    assert view.lookup("license.MD") == "License.md"
    assert view.find("license*", "licence*") == ["License.md", "docs/licence.txt"]
    assert view.find("code_of_conduct*") == [".github/CODE_OF_CONDUCT.md"]
    assert view.named("license") == ["src/LICENSE"]
    assert view.has_dir("DOCS") and not view.has_dir("nope")
