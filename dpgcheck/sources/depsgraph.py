"""GitHub's dependency-graph SBOM: one call per repository.

``GET /repos/{owner}/{repo}/dependency-graph/sbom`` answers an SPDX 2.3 document with the
licences of the whole dependency graph; it goes through the run's API session, so it is
conditional on the ETag of the last answer and counted in the run's budget.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from dpgcheck.evidence.deps.services import LicenseServices
    from dpgcheck.sources.settings import GitHubSettings

#: GitHub calls one licence lookup makes for one repository.
GITHUB_CALLS = 1


def github_sbom(settings: GitHubSettings, forge: Any
                ) -> tuple[dict[str, Any] | None, str, str | None, int]:
    """(the SPDX document or None, its URL, why not, calls made) for a forge's repository."""
    from dpgcheck.sources.clone import RemoteError
    from dpgcheck.sources.github import session_for

    session = session_for(settings)
    full_name = getattr(forge, "full_name", None)
    if getattr(forge, "host", None) != session.host or not full_name:
        return None, "", None, 0
    path = f"/repos/{quote(full_name, safe='/')}/dependency-graph/sbom"
    url = f"{session.api_url}{path}"
    try:
        status, data = session.get(path)
    except RemoteError as exc:
        return None, url, f"GitHub dependency graph not read: {exc}", GITHUB_CALLS
    sbom = data.get("sbom") if isinstance(data, dict) else None
    if status != 200 or not isinstance(sbom, dict):
        message = data.get("message") if isinstance(data, dict) else None
        return None, url, (f"GitHub dependency graph not available ({status}"
                           + (f": {str(message)[:120]}" if message else "") + ")"), GITHUB_CALLS
    return sbom, url, None, GITHUB_CALLS


def license_services(settings: GitHubSettings) -> LicenseServices:
    """The run's licence services: GitHub's dependency graph, then deps.dev, sharing the
    GitHub session's ETag cache."""
    from dpgcheck.evidence.deps.services import LicenseServices
    from dpgcheck.sources.depsdev import SYSTEMS, DepsDev, exact_version
    from dpgcheck.sources.httpcache import HttpCache

    client = DepsDev(HttpCache(settings.cache_root, None))
    # partial, not a lambda: batch workers are processes and receive the run's options pickled
    return LicenseServices(partial(github_sbom, settings), client.lookup,
                           exact_version, frozenset(SYSTEMS))
