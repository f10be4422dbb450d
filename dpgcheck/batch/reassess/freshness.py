"""The last commit's date, recorded by reassessments as an extra result (never a verdict).

The shallow clone holds the head commit, so its committer date costs one local git call and
no API call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from dpgcheck.application.observed import FRESHNESS_ID
from dpgcheck.engine.indicator import Indicator
from dpgcheck.engine.plugins import LoadedIndicator
from dpgcheck.model import Result, Status
from dpgcheck.repo.git import run_git

if TYPE_CHECKING:
    from dpgcheck.engine.context import Context


class Freshness(Indicator):
    id: ClassVar[str] = FRESHNESS_ID
    title: ClassVar[str] = "Last commit (reassessment)"
    affects_verdict: ClassVar[bool] = False

    def check(self, ctx: Context) -> Result:
        out = run_git(ctx.view.root, "log", "-1", "--format=%cI") if ctx.view.git else None
        when = out.strip() if out else None
        if not when:
            return Result(Status.NOT_APPLICABLE, "no git history to date the last commit")
        return Result(Status.PASS, f"last commit {when}", data={"last_commit": when})


def with_freshness(loaded: list[LoadedIndicator]) -> list[LoadedIndicator]:
    return [*loaded, LoadedIndicator(Freshness(), FRESHNESS_ID, "dpgcheck (reassess)")]
