"""Options that several commands share, declared once so their names and help stay the same."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

Jobs = Annotated[int, typer.Option(
    "--jobs", "-j", min=1, help="Check this many targets at once (1 or more).")]
Token = Annotated[str | None, typer.Option(
    "--token", help="GitHub token (default: GITHUB_TOKEN or GH_TOKEN); never printed.",
    show_default=False)]
GithubUrl = Annotated[str | None, typer.Option(
    "--github-url", help="GitHub API base URL, e.g. https://ghe.example.org/api/v3 "
    "(default: GITHUB_API_URL, else https://api.github.com).")]
CacheDir = Annotated[Path | None, typer.Option(
    "--cache-dir", help="Where clones and API answers are cached (default: the user's "
    "cache folder, e.g. ~/.cache/dpgcheck).")]
