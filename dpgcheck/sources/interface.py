"""Where a check's files come from: a local folder or a forge.

A source claims a target string and turns it into a folder on disk plus what is known about
it; everything after that (repository view, indicators, report) is the same for every source.
Adding a forge is one module with a :class:`Source` subclass plus one line in
:data:`dpgcheck.sources.SOURCES`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from dpgcheck.errors import EXIT_INCOMPLETE, TargetError


@dataclass
class TargetInfo:
    """The target as reported: what the user gave, and where it was resolved to."""

    name: str
    path: str | None = None
    url: str | None = None
    commit: str | None = None
    ref: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "path": self.path, "url": self.url, "commit": self.commit,
                "ref": self.ref}


@dataclass
class ForgeInfo:
    """What only the forge knows; ``None`` fields were not available."""

    host: str
    full_name: str
    description: str | None = None
    homepage: str | None = None
    topics: list[str] = field(default_factory=list)
    license_spdx: str | None = None
    owner_login: str | None = None
    owner_type: str | None = None  # "Organization" or "User"
    archived: bool | None = None
    fork: bool | None = None
    parent: str | None = None
    default_branch: str | None = None
    html_url: str | None = None
    #: Community files inherited from the owner's ``.github`` repository: path -> text.
    inherited_files: dict[str, str] = field(default_factory=dict)
    #: The community profile as the forge reports it (raw, for evidence).
    community: dict[str, Any] = field(default_factory=dict)
    #: What the target is on its forge: "repository", "model", "dataset" (a hub or portal).
    kind: str = "repository"
    #: The DPG categories the forge's kind implies ("aimodel" for a model, "data" for a
    #: dataset); used when neither ``--category`` nor ``dpg.yml`` names one.
    categories: list[str] = field(default_factory=list)
    #: Forge-specific facts, as the forge states them (visibility, gated, base model, card
    #: tags, resource formats...).
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Prepared:
    """A target ready to check: a folder on disk and what is known about it."""

    root: Path
    target: TargetInfo
    forge: ForgeInfo | None = None
    #: What the source wants the report to say (files it did not download...).
    notes: list[str] = field(default_factory=list)
    #: Called once the check is done with ``root`` (a source's lock on a cached clone).
    release: Callable[[], None] | None = field(default=None, repr=False, compare=False)

    def close(self) -> None:
        """The check is done with the folder: let the source release what it holds."""
        release, self.release = self.release, None
        if release is not None:
            release()
        from dpgcheck.sources.cacheslot import release_path

        release_path(self.root)  # a cached clone's lock (sources that claim by folder)

    def forge_dict(self) -> dict[str, Any] | None:
        """The forge facts a report shows (inherited files by path only, not their text)."""
        if self.forge is None:
            return None
        from dataclasses import asdict

        out = asdict(self.forge)
        out["inherited_files"] = sorted(self.forge.inherited_files)
        out["community"] = {k: self.forge.community[k] for k in ("health_percentage",)
                            if k in self.forge.community}
        return out


class NeedsReview(TargetError):
    """Not a repository or dataset dpgcheck can read (a website, a short link, a group page):
    reported as an entry that needs a manual review, never as a failed check."""

    exit_code = EXIT_INCOMPLETE

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: not a repository or dataset: needs a manual review "
                         f"({reason})")
        self.url = url
        self.reason = reason


class Source(ABC):
    """One kind of place a target can name (a folder, a forge's repository, a data portal).

    ``claim`` must be cheap and must not touch the network: the registry asks each source in
    turn and the first that claims a target prepares it.
    """

    #: A short name for messages and docs ("local", "github").
    name: ClassVar[str]
    #: Does preparing it spend the network and a forge's API budget? (Batch budgeting and
    #: ``--offline`` read this; it is decided here only.)
    remote: ClassVar[bool] = True

    @classmethod
    @abstractmethod
    def claim(cls, target: str, options: Mapping[str, Any]) -> Source | None:
        """A source for ``target`` if it is one of ours, else ``None``.

        Raises TargetError for a target that is ours but malformed.
        """

    @abstractmethod
    def prepare(self) -> Prepared:
        """The folder to check and what is known about it; raises DpgcheckError subclasses."""
