"""Check the repositories an application or a solution lists, as one batch.

The batch machinery (``batch/run.py``) does the work: threads, the API budget, per-target
errors. What comes back is each repository's entry read as :class:`Observed`, in the order
given, so a repository that could not be checked is still named with its reason.
"""

from __future__ import annotations

from dataclasses import replace

from dpgcheck.application.observed import Observed
from dpgcheck.batch.run import run_batch
from dpgcheck.batch.targets import BatchTarget
from dpgcheck.engine.plugins import LoadedIndicator
from dpgcheck.engine.runner import RunConfig


def check_repositories(repositories: list[tuple[str, str]], config: RunConfig,
                       loaded: list[LoadedIndicator], *, categories: list[str] | None = None,
                       jobs: int = 1) -> list[tuple[str, Observed]]:
    """``(name, Observed)`` for each ``(name, target)``; unchecked targets carry the reason."""
    if categories and not config.categories:
        config = replace(config, categories=list(categories))
    targets = [BatchTarget(spec) for _, spec in repositories]
    result = run_batch(targets, config, loaded, jobs=jobs)
    by_input = {e.get("input"): e for e in result.entries}
    out = []
    for name, spec in repositories:
        entry = by_input.get(spec) or {
            "input": spec, "verdict": "error", "indicators": [],
            "error": result.rate_limit_message or "not checked"}
        out.append((name, Observed.from_entry(entry)))
    return out
