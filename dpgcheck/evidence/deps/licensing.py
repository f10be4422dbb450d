"""Every dependency's licence: from lockfiles, what the repository holds, then services.

The order of trust: the lockfile entry's own ``license`` (Composer, npm), a vendored
manifest or licence file, a committed SBOM, then, when the run may use the network, GitHub's
dependency graph and deps.dev (:class:`LicenseService`, given by the caller through the run
option ``license_services``). Each entry keeps the statement and where it was found, and its
category (:mod:`dpgcheck.evidence.deps.categories`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from dpgcheck.evidence.deps.categories import FLAGGED, UNKNOWN, sort_statement
from dpgcheck.evidence.deps.interface import Dependency, DependencySet, StatedLicense

if TYPE_CHECKING:
    from dpgcheck.engine.context import Context
    from dpgcheck.repo.view import RepoView

OPTION = "license_services"
MEMO_KEY = "deps.licenses"


@dataclass
class ServiceAnswer:
    """What services said: statements by (ecosystem, name key, version), what was asked."""

    found: dict[tuple[str, str, str | None], StatedLicense] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: Requests made per service (``github-sbom``, ``deps.dev``), cached answers included.
    calls: dict[str, int] = field(default_factory=dict)


class LicenseService(Protocol):
    """Looks up licences the repository does not state (network; the caller decides)."""

    def lookup(self, forge: Any, wanted: list[Dependency]) -> ServiceAnswer: ...


@dataclass(frozen=True)
class Licensed:
    """One dependency with its licence. ``stated_for`` is set when the statement is for
    another version of the same package (a vendored copy, an older SBOM)."""

    dependency: Dependency
    stated: StatedLicense | None
    expression: str | None
    category: str
    stated_for: str | None = None

    @property
    def known(self) -> bool:
        return self.category != UNKNOWN

    @property
    def flagged(self) -> bool:
        return self.category in FLAGGED

    def to_dict(self) -> dict[str, Any]:
        dep, stated = self.dependency, self.stated
        return {"name": dep.name, "ecosystem": dep.ecosystem, "version": dep.version,
                "resolved": dep.resolved, "scope": dep.scope, "direct": dep.direct,
                "path": dep.path, "line": dep.line, "license": self.expression,
                "license_stated": stated.text if stated else None,
                "license_source": None if stated is None else {
                    "method": stated.method, "path": stated.path, "line": stated.line},
                "license_stated_for": self.stated_for, "category": self.category}


@dataclass
class DependencyLicenses:
    entries: list[Licensed] = field(default_factory=list)
    #: Files read for licences; files that could not be read, with why.
    sources: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    #: What happened with the services (asked, skipped and why), one line each.
    service_notes: list[str] = field(default_factory=list)
    service_calls: dict[str, int] = field(default_factory=dict)

    @property
    def runtime(self) -> list[Licensed]:
        """Runtime dependencies, direct and transitive (distinct by name and version)."""
        seen: set[tuple[str, str, str | None]] = set()
        out = []
        for entry in self.entries:
            dep = entry.dependency
            ident = (dep.ecosystem, dep.name.lower(), dep.best_version)
            if dep.runtime and ident not in seen:
                seen.add(ident)
                out.append(entry)
        return out

    def counts(self) -> dict[str, Any]:
        """Runtime dependencies examined, licence known or not, and by category."""
        runtime = self.runtime
        known = [e for e in runtime if e.known]
        return {"examined": len(runtime), "known": len(known),
                "unknown": len(runtime) - len(known),
                "by_category": dict(sorted(Counter(e.category for e in runtime).items())),
                "coverage": round(len(known) / len(runtime), 4) if runtime else None}


def resolve(view: RepoView, deps: DependencySet, *, policy: str = "dpga",
            services: LicenseService | None = None, forge: Any = None,
            skipped_because: str | None = None,
            held: Any = None) -> DependencyLicenses:
    if held is None:
        from dpgcheck.evidence.deps.held import HeldLicenses, read_vendored
        from dpgcheck.evidence.deps.sboms import read_sboms

        held = HeldLicenses()
        read_vendored(view, held)
        read_sboms(view, held)
    result = DependencyLicenses(sources=sorted(set(held.sources)), problems=list(held.problems))
    stated: dict[int, tuple[StatedLicense | None, str | None]] = {}
    for dep in deps.dependencies:
        if dep.license is not None:
            stated[id(dep)] = (dep.license, None)
            continue
        found = held.find(dep.ecosystem, dep.name, (dep.resolved, dep.version))
        stated[id(dep)] = found if found else (None, None)
    if skipped_because:
        result.service_notes.append(f"licence services not asked: {skipped_because}")
    elif services is not None and (wanted := [d for d in deps.dependencies
                                              if d.runtime and stated[id(d)][0] is None]):
        answer = services.lookup(forge, wanted)
        result.service_notes.extend(answer.notes)
        result.service_calls = dict(answer.calls)
        from dpgcheck.evidence.deps.held import key

        for dep in wanted:
            for version in (dep.resolved, dep.version, None):
                hit = answer.found.get((dep.ecosystem, key(dep.ecosystem, dep.name), version))
                if hit is not None:
                    stated[id(dep)] = (hit, None if version else "any")
                    break
    for dep in deps.dependencies:
        statement, stated_for = stated[id(dep)]
        sorted_ = sort_statement(statement.text, policy) if statement else None
        result.entries.append(Licensed(
            dep, statement if sorted_ else None, sorted_.expression if sorted_ else None,
            sorted_.category if sorted_ else UNKNOWN, stated_for if sorted_ else None))
    return result


def for_context(ctx: Context) -> DependencyLicenses:
    """The licences of ``ctx``'s dependencies, computed once per target."""
    def compute() -> DependencyLicenses:
        services = ctx.option(OPTION)
        skipped = None
        if ctx.option("offline", False):
            skipped = "--offline"
        elif services is None:
            skipped = "no service configured for this run"
        policy = str(ctx.option("license_policy", "dpga") or "dpga").lower()
        return resolve(ctx.view, ctx.dependencies, policy=policy, services=services,
                       forge=ctx.forge, skipped_because=skipped)

    return ctx.memo(MEMO_KEY, compute)
