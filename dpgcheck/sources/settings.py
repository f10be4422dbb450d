"""Run-wide settings of remote checks, kept apart from the GitHub client so that a local
check never imports PyGithub, the HTTP cache or the clone code."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dpgcheck.cachedir import cache_root
from dpgcheck.sources.clone import DEFAULT_BLOB_LIMIT, DEFAULT_TIMEOUT
from dpgcheck.sources.spec import DEFAULT_API_URL


@dataclass(eq=False)  # compared and hashed by identity: the GitHub source keys its session on it
class GitHubSettings:
    """Run-wide remote settings (the API session belongs to the GitHub source)."""

    api_url: str = DEFAULT_API_URL
    token: str | None = field(default=None, repr=False)
    cache_dir: Path | None = None
    ref: str | None = None
    blob_limit: int = DEFAULT_BLOB_LIMIT
    clone_timeout: float = DEFAULT_TIMEOUT
    request_timeout: int = 30
    #: The most one target may wait for API answers, all requests together (seconds).
    api_deadline: float = 60.0

    @property
    def cache_root(self) -> Path:
        return self.cache_dir or cache_root()
