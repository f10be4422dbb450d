"""Speed changes to the listing keep reports identical: the JSON report of a benchmark tree
(benchmarks/synth.py, built here, plus case twins, vendored and skipped folders) is the same
through the view's indexes and through plain loops over the listing, with an unbounded read
cache and the category counted path by path."""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable
from pathlib import Path

import pytest

import dpgcheck.engine.runner as runner
from dpgcheck.evidence import category
from dpgcheck.repo import reads
from dpgcheck.repo.view import RepoView
from tests.identity_helpers import benchmark_tree, strip

EXTRA = {
    "docs/README.md": "# Docs\n", "docs/readme.md": "# docs, again\n",
    "Docs/Guide.MD": "# Guide\n", "LICENSE.txt": "MIT License\n", "COPYING": "see LICENSE\n",
    "node_modules/left-pad/index.js": "module.exports = 1;\n",
    "vendor/lib/Thing.php": "<?php // Copyright (c) Someone Else\n",
    "src/locale/fr/messages.po": "msgid \"x\"\nmsgstr \"y\"\n",
    "tests/fixtures/data.csv": "a,b\n1,2\n", "Data/Atlas.CSV": "x,y\n",
    "app/models/person.py": "class Person(Model):\n    email = EmailField()\n",
}


class PlainView(RepoView):
    """The view's questions answered by plain loops over the listing (the reference)."""

    def lookup(self, path: str) -> str | None:
        low = path.strip("/").lower()
        hits = [p for p in self.files if p.lower() == low]
        return (path if path in hits else hits[0]) if hits else None

    def folders(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for p in self.files:
            found.setdefault(p.lower().rpartition("/")[0], []).append(p)
        return found

    def in_dir(self, directory: str) -> list[str]:
        return list(self.folders().get(directory.strip("/").lower(), ()))

    def under(self, directory: str) -> list[str]:
        prefix = directory.strip("/").lower()
        return [p for p in self.files if p.lower().startswith(prefix + "/")] if prefix else []

    def find(self, *patterns: str, dirs: Iterable[str] = ("", ".github", "docs")) -> list[str]:
        found: list[str] = []
        for directory in dirs:
            for pattern in patterns:
                found += [p for p in self.in_dir(directory) if p not in found and
                          fnmatch.fnmatchcase(p.rpartition("/")[2].lower(), pattern.lower())]
        return found

    def named(self, *patterns: str) -> list[str]:
        return [p for p in self.files if any(fnmatch.fnmatchcase(
            p.rpartition("/")[2].lower(), pat.lower()) for pat in patterns)]

    def glob(self, pattern: str) -> list[str]:
        return [p for p in self.files if fnmatch.fnmatchcase(p.lower(), pattern.lower())]

    def containing(self, *needles: str) -> list[str]:
        return [p for p in self.files if any(
            n and (n in p.lower() or (n.startswith("/") and len(n) > 1
                                      and p.lower().startswith(n[1:]))) for n in needles)]

    def with_suffix(self, *suffixes: str) -> list[str]:
        return [p for p in self.files if p.lower().endswith(tuple(s.lower() for s in suffixes))]


def plain_classify(view: RepoView) -> tuple[dict[str, int], dict[str, list[str]]]:
    counts = {"code": 0, "prose": 0, "data": 0, "model": 0}
    first: dict[str, list[str]] = {k: [] for k in counts}
    for path in view.files:
        kind = category._kind(path)
        if kind:
            counts[kind] += 1
            first[kind] = [*first[kind], path][:category.SIZED]
    return counts, first


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return benchmark_tree(tmp_path_factory.mktemp("bench") / "tree", EXTRA, 1500)


def test_the_indexes_give_the_report_of_plain_loops(cli, tree, monkeypatch):
    fast = strip(json.loads(cli(str(tree), "--offline", "-f", "json").stdout))
    assert fast["indicators"] and fast["target"]["path"] == str(tree)
    monkeypatch.setattr(runner, "RepoView", PlainView)
    monkeypatch.setattr(reads, "CACHE_BYTES", 1 << 40)
    monkeypatch.setattr(category, "_classify", plain_classify)
    plain = strip(json.loads(cli(str(tree), "--offline", "-f", "json").stdout))
    assert plain == fast
