"""The category guessed from a tree: code share, manifests, prose, data and model files."""

from __future__ import annotations

from pathlib import Path

from dpgcheck.evidence.category import infer
from dpgcheck.model import Category
from dpgcheck.repo.view import RepoView


def guess(root: Path):
    return infer(RepoView.from_path(root))


def test_software_content_data_and_model_trees(repo):
    software = guess(Path(repo({"package.json": '{"name": "x"}', "src/a.ts": "1",
                                "README.md": "x"})))
    assert software.category is Category.SOFTWARE and "package.json" in software.reason
    content = guess(Path(repo({f"lessons/{i}.md": "# Lesson\n" for i in range(12)})))
    assert content.category is Category.CONTENT
    data = guess(Path(repo({"README.md": "# Atlas\n", "a.csv": "x,y\n" * 500,
                            "b.csv": "x\n", "c.geojson": "{}"})))
    assert data.category is Category.DATA and "data files outweigh prose" in data.reason
    model = guess(Path(repo({"README.md": "---\npipeline_tag: text-classification\n---\n# M\n",
                             "model.safetensors": "x"})))
    assert model.category is Category.AIMODEL


def test_a_content_site_with_a_gemfile_is_still_content(repo):
    files = {"Gemfile": "gem 'jekyll'\n", "_config.yml": "title: x\n",
             **{f"_posts/{i}.md": "# Post\n" for i in range(20)}, "scripts/build.rb": "1"}
    found = guess(Path(repo(files)))
    assert found.category is Category.CONTENT
    assert "mostly prose" in found.reason and Category.SOFTWARE not in found.plausible
