"""Pick a source for a target string: an existing folder, else a forge repository."""

from __future__ import annotations

from typing import Any

from dpgcheck.sources.interface import ForgeInfo, Prepared, Source, TargetInfo

__all__ = ["ForgeInfo", "Prepared", "Source", "TargetInfo", "resolve"]


def resolve(target: str, options: dict[str, Any] | None = None) -> Source:
    """A local folder that exists always wins; then a URL or ``owner/repo`` names GitHub."""
    from dpgcheck.sources.spec import parse_remote

    spec = parse_remote(target)
    if spec is None:
        from dpgcheck.sources.local import LocalSource

        return LocalSource(target)
    from dpgcheck.sources.github import GitHubSource

    return GitHubSource(target, spec, options or {})
