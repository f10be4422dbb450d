"""Helpers for the dependency-layer tests: collect from a real repository built in tmp."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dpgcheck.evidence.deps import DependencySet, collect
from dpgcheck.evidence.deps.interface import Dependency
from dpgcheck.repo.view import RepoView


def collect_from(repo: Callable[..., Path], files: dict[str, str | bytes]) -> DependencySet:
    return collect(RepoView.from_path(repo(files)))


def by_name(deps: DependencySet) -> dict[str, Dependency]:
    return {d.name: d for d in deps.dependencies}
