"""What an indicator reads: the repository view plus shared, lazily computed layers.

Each layer (declarations, dependencies, ...) is computed at most once per target, and only
if some indicator asks for it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from dpgcheck.declarations.loader import Declarations, load_declarations
from dpgcheck.model import Category

if TYPE_CHECKING:
    from dpgcheck.evidence.deps import DependencySet
    from dpgcheck.evidence.publiccode import PublicCode
    from dpgcheck.evidence.signals.scan import ScanCandidates
    from dpgcheck.repo.view import RepoView
    from dpgcheck.sources.interface import ForgeInfo, TargetInfo

T = TypeVar("T")

DEFAULT_STANDARD_VERSION = "1.1.7"
STANDARD_VERSIONS = ("1.1.6", "1.1.7")


class Context:
    def __init__(
        self,
        view: RepoView,
        target: TargetInfo,
        *,
        categories: frozenset[Category] = frozenset({Category.SOFTWARE}),
        standard_version: str = DEFAULT_STANDARD_VERSION,
        forge: ForgeInfo | None = None,
        declarations: Declarations | None = None,
        options: dict[str, Any] | None = None,
        category_basis: dict[str, Any] | None = None,
    ) -> None:
        self.view = view
        self.target = target
        self.categories = categories
        #: Where the categories came from: ``{"source": "command line" | "registry" |
        #: "declarations" | "inferred", ...}``; an inferred one also names the plausible others.
        self.category_basis: dict[str, Any] = dict(category_basis or {"source": "command line"})
        self.standard_version = standard_version
        self.forge = forge
        self.options: dict[str, Any] = dict(options or {})
        if declarations is not None:
            self.__dict__["declarations"] = declarations
        self._memo: dict[str, Any] = {}
        #: What a layer or indicator wants the report to say about the run itself ("file too
        #: complex to read"); shown as report notes, once each.
        self.notes: list[str] = []
        #: Words the selected indicators will ask the source scan about (set by the runner).
        self.scan_hints: frozenset[str] = frozenset()

    @cached_property
    def declarations(self) -> Declarations:
        return load_declarations(self.view)

    @cached_property
    def dependencies(self) -> DependencySet:
        from dpgcheck.evidence.deps import collect

        return collect(self.view)

    @cached_property
    def scan_candidates(self) -> ScanCandidates:
        """The files the source scan may read, ranked (``evidence/signals/scan.py``)."""
        from dpgcheck.evidence.signals.scan import rank_candidates

        return rank_candidates(self.view)

    @cached_property
    def publiccode(self) -> PublicCode:
        """Facts from the repository's publiccode.yml (empty when it has none)."""
        from dpgcheck.evidence.publiccode import read_publiccode

        return read_publiccode(self.view)

    @property
    def categories_assumed(self) -> bool:
        """True when nobody declared the categories: dpgcheck guessed them from the tree."""
        return self.category_basis.get("source") == "inferred"

    @property
    def plausible_categories(self) -> frozenset[Category]:
        """The categories judged, plus (when guessed) the others the tree makes plausible."""
        names = self.category_basis.get("plausible") or []
        return self.categories | frozenset(Category(n) for n in names)

    def option(self, name: str, default: Any = None) -> Any:
        """A run option (``license_policy``, ``offline``...), or ``default``."""
        return self.options.get(name, default)

    def branch(self) -> Context:
        """A copy that shares the view and every layer computed so far, and computes its
        later layers and notes on its own: what a process forked now starts from."""
        twin = copy.copy(self)
        twin._memo = dict(self._memo)
        twin.notes = list(self.notes)
        return twin

    def memo(self, key: str, factory: Callable[[], T]) -> T:
        """Compute a shared value once per target (for layers plugins share among themselves)."""
        if key not in self._memo:
            self._memo[key] = factory()
        return self._memo[key]  # type: ignore[no-any-return]
