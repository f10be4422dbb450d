"""The category guessed from a tree: code share, manifests, prose, data and model files."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dpgcheck.evidence.category import SIZED, _classify, _kind, infer
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


def test_json_in_a_data_folder_is_data_elsewhere_configuration(repo):
    """A dataset's metadata repository: JSON releases under datasets/, a few helper scripts.
    The same JSON files outside a data folder are configuration and count for nothing."""
    releases = {f"datasets/speech/corpus-{i}.json": '{"locales": {}}' for i in range(12)}
    helpers = {f"helpers/{n}.js": "module.exports = 1\n" for n in "abcde"}
    prose = {"README.md": "# Corpus\n", "CHANGELOG.md": "x\n", "datasets/speech/README.md": "x"}
    data = guess(Path(repo({**releases, **helpers, **prose})))
    assert data.category is Category.DATA and data.counts["data"] == 12
    config = guess(Path(repo({**{k.replace("datasets/", "config/"): v
                                 for k, v in releases.items()}, **helpers, **prose})))
    assert config.category is not Category.DATA and config.counts["data"] == 0


_PARTS = ["src", "Vendor", "node_modules", "docs", "build", "a.b", "DIST", "x", "Data",
          "datasets"]
_NAMES = ["a.py", "B.PY", "c.md", "d.csv", "e.onnx", "f", "g.tar.gz", ".env", "h.Txt", "i.pb",
          "j.json", "k.R", "l.tif", "İ.CSV"]


@given(st.lists(st.tuples(st.lists(st.sampled_from(_PARTS), max_size=3),
                          st.sampled_from(_NAMES)), max_size=60))
@settings(max_examples=200, deadline=None)
def test_the_one_pass_classification_is_the_per_path_rule(entries):
    """``_classify`` (one pass, folders decided once) counts what ``_kind`` says path by
    path, and keeps the first paths of each kind in listing order."""
    view = RepoView(Path("/nonexistent"), ["/".join([*parts, name]) for parts, name in entries])
    counts, first = _classify(view)
    kinds = [(p, _kind(p)) for p in view.files]
    for kind in ("code", "prose", "data", "model"):
        assert counts[kind] == sum(1 for _, k in kinds if k == kind)
        assert first[kind] == [p for p, k in kinds if k == kind][:SIZED]


def test_the_guess_is_made_once_per_view(repo):
    view = RepoView.from_path(Path(repo({"src/a.py": "1", "README.md": "x"})))
    assert infer(view) is infer(view)
