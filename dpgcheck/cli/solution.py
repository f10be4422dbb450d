"""``dpgcheck check A B --solution NAME``: several repositories judged as one solution."""

from __future__ import annotations

from pathlib import Path

from dpgcheck.engine.plugins import LoadedIndicator
from dpgcheck.engine.runner import RunConfig
from dpgcheck.errors import EXIT_FAILED, EXIT_INCOMPLETE, EXIT_OK, DpgcheckError


def run_solution(name: str, targets: list[str], config: RunConfig,
                 loaded: list[LoadedIndicator], fmt: str, output: Path | None,
                 jobs: int = 1) -> int:
    """Check every target, combine them, render; 1 when an indicator of the solution fails,
    3 when a repository could not be checked."""
    from dpgcheck.application.checking import check_repositories
    from dpgcheck.application.review_render import FORMATS, render_solution
    from dpgcheck.application.solution import combine
    from dpgcheck.formats.output import write_output

    if fmt not in FORMATS:
        raise DpgcheckError(f"--solution renders {', '.join(FORMATS)}, not '{fmt}'")
    if len(targets) < 2:
        raise DpgcheckError("--solution needs two or more repositories")
    repos = check_repositories([(t, t) for t in targets], config, loaded, jobs=max(1, jobs))
    solution = combine(name, repos)
    write_output(render_solution(solution, fmt), output)
    if solution.verdict == "fail":
        return EXIT_FAILED
    if any(o.error for _, o in repos) or any(i.status == "error" for i in solution.indicators):
        return EXIT_INCOMPLETE
    return EXIT_OK
