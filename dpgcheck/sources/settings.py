"""Run-wide settings of remote checks, kept apart from the GitHub client so that a local
check never imports PyGithub, the HTTP cache or the clone code."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dpgcheck.cachedir import cache_root
from dpgcheck.sources.clone import DEFAULT_BLOB_LIMIT, DEFAULT_TIMEOUT
from dpgcheck.sources.spec import DEFAULT_API_URL

if TYPE_CHECKING:
    from dpgcheck.sources.github import ApiSession


@dataclass
class GitHubSettings:
    """Run-wide remote settings; one shared API session is created on first use."""

    api_url: str = DEFAULT_API_URL
    token: str | None = field(default=None, repr=False)
    cache_dir: Path | None = None
    ref: str | None = None
    blob_limit: int = DEFAULT_BLOB_LIMIT
    clone_timeout: float = DEFAULT_TIMEOUT
    request_timeout: int = 30
    _session: ApiSession | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def session(self) -> ApiSession:
        with self._lock:
            if self._session is None:
                from dpgcheck.sources.github import ApiSession

                self._session = ApiSession(self)
            return self._session

    @property
    def cache_root(self) -> Path:
        return self.cache_dir or cache_root()
