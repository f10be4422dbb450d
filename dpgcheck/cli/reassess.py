"""``dpgcheck reassess REGISTRY``: re-check every DPG and report what changed.

Exit codes: 0 no change breaks the Standard; 1 a change breaks the Standard (with --previous:
a new one); 2 usage or input error; 3 stopped by the API rate limit (resume with the same
--output) or a repository could not be checked.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dpgcheck.cli.options import CacheDir, GithubUrl, Jobs, Token

EPILOG = ("Exit codes: 0 no change breaks the Standard; 1 a change breaks the Standard (with "
          "--previous: a new one since then); 2 usage or input error; 3 stopped by the API "
          "rate limit (run again with the same --output to resume) or a repository could "
          "not be checked.")


def reassess(
    registry: Annotated[Path, typer.Argument(help="The DPGA registry export (JSON list of "
                                                  "DPGs with their accepted answers).")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="JSON Lines results, one line per repository; appended, so "
        "the same --output resumes an interrupted run.")] = Path("reassess.jsonl"),
    previous: Annotated[list[Path] | None, typer.Option(
        "--previous", help="Results of the last reassessment (JSON Lines; repeatable for "
        "shards): also report what changed since then.")] = None,
    csv: Annotated[Path | None, typer.Option("--csv", help="Also write one row per change "
                                                           "as CSV.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Also write the self-contained "
                                                             "HTML dashboard.")] = None,
    stale_months: Annotated[int, typer.Option(
        "--stale-months", help="A repository without a commit for this many months is "
        "stale.")] = 12,
    merge: Annotated[list[Path] | None, typer.Option(
        "--merge", help="Check nothing: combine these results (shards; repeatable) into "
        "--csv, --html and --breaks, with the exit code of a run.")] = None,
    breaks: Annotated[Path | None, typer.Option(
        "--breaks", help="Also write, as Markdown, the changes that break the Standard (with "
        "--previous: the new ones); empty when there are none (for an issue).")] = None,
    shard: Annotated[str | None, typer.Option(
        "--shard", help="Only the K-th of N slices of the repositories (K/N).")] = None,
    jobs: Jobs = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")
                     ] = False,
    token: Token = None,
    github_url: GithubUrl = None,
    cache_dir: CacheDir = None,
) -> None:
    """Reassess the registry: every DPG's repositories re-checked; changes since acceptance
    (and since --previous) with evidence and severity."""
    from dpgcheck.batch.reassess.dashboard import render_dashboard
    from dpgcheck.batch.reassess.run import Settings, dpg_rows, render_csv
    from dpgcheck.batch.reassess.run import reassess as run
    from dpgcheck.cli.batch_check import github_settings
    from dpgcheck.engine.plugins import load_indicators
    from dpgcheck.engine.runner import RunConfig
    from dpgcheck.formats.output import write_output

    config = RunConfig(options={"github": github_settings(token, github_url, None, cache_dir),
                                "license_policy": "dpga"})
    settings = Settings(output=output, previous=list(previous or []), shard=shard, jobs=jobs,
                        stale_months=stale_months, quiet=quiet)
    if merge:
        from dpgcheck.batch.reassess.run import merged

        outcome = merged(registry, list(merge))
    else:
        outcome = run(registry, config, load_indicators(), settings)
    if breaks is not None:
        from dpgcheck.batch.reassess.run import breaks_markdown

        write_output(breaks_markdown(outcome), breaks)
    if csv is not None:
        write_output(render_csv(outcome.lines), csv)
    if html is not None:
        write_output(render_dashboard(outcome.lines), html)
    if not quiet:
        rows = dpg_rows(outcome.lines)
        for row in rows:
            if row["changes"] or row["new"]:
                new = f", {len(row['new'])} new" if row["new"] else ""
                print(f"{row['severity']:<20} {row['name']}: {', '.join(row['kinds'])}"
                      f" ({len(row['changes']) + len(row['new'])} change(s){new})")
        changed = sum(1 for r in rows if r["changes"] or r["new"])
        print(f"{len(rows)} DPGs reassessed, {changed} with changes"
              + (f"; resumed: {outcome.skipped} repositories already in {output}"
                 if outcome.skipped else ""))
    if outcome.batch.rate_limit_message:
        print(f"dpgcheck: {outcome.batch.rate_limit_message}", file=sys.stderr)
    raise typer.Exit(outcome.exit_code())
