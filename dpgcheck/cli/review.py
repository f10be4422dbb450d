"""``dpgcheck review APPLICATION``: judge each answer of an application against its repositories.

Exit codes: 0 no answer contradicted; 1 an answer is contradicted; 2 the application cannot
be read (the field is named); 3 a repository could not be checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dpgcheck.cli.options import CacheDir, GithubUrl, Jobs, Token
from dpgcheck.errors import DpgcheckError

EPILOG = ("Exit codes: 0 no answer is contradicted; 1 an answer is contradicted by the "
          "repositories; 2 usage or input error (the application's field is named); 3 a "
          "repository could not be checked.")


def review(
    application: Annotated[list[Path], typer.Argument(
        help="DPGA application JSON: a nominee record and/or a screening questionnaire "
        "(as submitted, or written by 'dpgcheck export'), or a registry export (--id).")],
    registry_id: Annotated[str | None, typer.Option(
        "--id", help="The registry entry to review (its id or dpgid).")] = None,
    repo: Annotated[list[str] | None, typer.Option(
        "--repo", help="A repository of the solution (folder, owner/repo or URL), instead "
        "of the ones the application lists (repeatable).")] = None,
    format: Annotated[str, typer.Option(
        "--format", "-f", help="terminal, markdown, json or html.")] = "terminal",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the review to FILE.")] = None,
    jobs: Jobs = 1,
    token: Token = None,
    github_url: GithubUrl = None,
    cache_dir: CacheDir = None,
) -> None:
    """Review a DPGA application: each answer consistent, contradicted or unverifiable."""
    from dpgcheck.application.checking import check_repositories
    from dpgcheck.application.claims import load_claims
    from dpgcheck.application.review import build_review
    from dpgcheck.application.review_render import FORMATS, render
    from dpgcheck.cli.batch_check import github_settings
    from dpgcheck.engine.plugins import load_indicators
    from dpgcheck.engine.runner import RunConfig
    from dpgcheck.formats.output import write_output

    if format not in FORMATS:
        raise DpgcheckError(f"unknown review format '{format}': use {', '.join(FORMATS)}")
    claims = load_claims(application, registry_id, list(repo or []))
    # Waivers are read so the review can show them; it judges every answer without them
    # (build_review never takes a waived status).
    config = RunConfig(options={"github": github_settings(token, github_url, None, cache_dir),
                                "license_policy": "dpga", "waivers": True})
    repositories = check_repositories(claims.repositories, config, load_indicators(),
                                      categories=_categories(claims.categories), jobs=jobs)
    result = build_review(claims, repositories)
    write_output(render(result, format), output)
    raise typer.Exit(result.exit_code())


def _categories(types: list[str]) -> list[str]:
    known = {"software", "data", "content", "aimodel"}
    return [t for t in types if t in known]
