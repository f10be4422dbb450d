"""The sources, in the order they are asked to claim a target: the only list of them.

A folder that exists always wins (``dpgcheck owner/repo`` inside a folder holding
``owner/repo`` checks that folder); then each forge in turn. Modules are imported only when
asked, so a local check never imports a forge client.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from typing import Any

from dpgcheck.errors import TargetError
from dpgcheck.sources.interface import ForgeInfo, NeedsReview, Prepared, Source, TargetInfo

__all__ = ["SOURCES", "ForgeInfo", "NeedsReview", "Prepared", "Source", "TargetInfo",
           "resolve", "source_classes"]

#: "module:class" of every source, in claiming order.
SOURCES: tuple[str, ...] = (
    "dpgcheck.sources.local:LocalSource",
    "dpgcheck.sources.github:GitHubSource",
    "dpgcheck.sources.gitlab:GitLabSource",
    "dpgcheck.sources.forgejo:ForgejoSource",
    "dpgcheck.sources.huggingface:HuggingFaceSource",
    "dpgcheck.sources.ckan:CkanSource",
    # Last: every other http(s) address (a plain git server, or a website to review).
    "dpgcheck.sources.giturl:GitUrlSource",
)


def source_classes(names: tuple[str, ...] = SOURCES) -> Iterator[type[Source]]:
    """The source classes in claiming order, each imported when reached."""
    for spec in names:
        module, _, attr = spec.partition(":")
        yield getattr(import_module(module), attr)


def resolve(target: str, options: Mapping[str, Any] | None = None) -> Source:
    """The first source that claims ``target``; a TargetError when none does."""
    for cls in source_classes():
        source = cls.claim(target, options or {})
        if source is not None:
            return source
    shown = target if len(target) <= 200 else target[:200] + "…"
    raise TargetError(f"no such file or folder: {shown}")
