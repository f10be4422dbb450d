"""Indicator 4, the licence of each dependency (called by ``platform_independence``).

Judgement, documented in docs/dependencies.md:

- a direct runtime dependency whose licence is source-available (SSPL, BUSL, Elastic,
  Commons Clause, PolyForm, non-commercial), proprietary, "no licence", or recognised but not
  approved is a ``warning``: a reviewer will ask whether it is mandatory and what the open
  alternative is. It becomes a ``fail`` only when ``dpg.yml`` declares it mandatory with no
  alternative, and a ``pass`` when the declaration gives an alternative or explanation (the
  same rules as the closed-component catalogue). Without a declaration dpgcheck cannot know
  whether the dependency is mandatory, so it never fails on the licence alone;
- strong copyleft (GPL, AGPL...) under a permissive solution licence is named as a question
  reviewers ask (a passing finding with the evidence), never a gap;
- dev-only, test and transitive dependencies are evidence only, as for the catalogue.
"""

from __future__ import annotations

from typing import Any

from dpgcheck.api import (
    Context,
    Evidence,
    Finding,
    FindingSpec,
    FindingTable,
    Status,
    deps,
    licenses,
)

#: The dependency-licence findings, declared in indicator 4's table (``LICENSE_SPECS`` is
#: spread into it): one spec per kind of finding, the fix chosen by the licence category.
LICENSE_SPECS = (
    FindingSpec("license/{category}", "A runtime dependency's licence restricts the solution", {
        "source-available":
            "Show that {name} is optional or replaceable by an open alternative, and declare it "
            "in dpg.yml under platform_independence.closed_dependencies (name, mandatory, "
            "alternative, explanation).",
        "proprietary":
            "Replace {name} with an openly licensed package, or show that it is optional and "
            "declare it in dpg.yml under platform_independence.closed_dependencies.",
        "no-license":
            "Ask {name}'s authors for a licence, or replace it; declare it in dpg.yml under "
            "platform_independence.closed_dependencies meanwhile.",
        "not-approved":
            "Check {name}'s licence terms; declare it in dpg.yml under "
            "platform_independence.closed_dependencies with its alternative or an explanation.",
        "unexplained": "Add 'alternative' or 'explanation' to the declaration of {name}.",
    }),
    FindingSpec("license/mandatory-restricted",
                "A restricted runtime dependency is declared mandatory with no alternative",
                "Make {name} optional or support an open alternative, then update the "
                "declaration."),
    FindingSpec("license/copyleft-review",
                "Strong copyleft under a permissive licence: a reviewer will ask"),
)


def _version(dep: deps.Dependency) -> str:
    if dep.resolved and dep.version and dep.resolved != dep.version:
        return f"{dep.version} (locked {dep.resolved})"
    return dep.best_version or "version not stated"


def entry_evidence(entry: deps.licensing.Licensed, prefix: str = "") -> list[Evidence]:
    """Where the dependency is declared, and where its licence is stated."""
    dep, stated = entry.dependency, entry.stated
    shown = entry.expression or (stated.text if stated else "no licence found")
    where = ""
    if stated is not None:
        where = f"; licence stated in {stated.path}" + (f":{stated.line}" if stated.line
                                                          else "") + f" ({stated.method})"
        if entry.stated_for:
            where += f" for version {entry.stated_for}"
    out = [Evidence(f"{prefix}{dep.name} {_version(dep)} [{dep.ecosystem}]: {shown} "
                    f"({entry.category}){where}", path=dep.path, line=dep.line)]
    if stated is not None and stated.path != dep.path and stated.method not in (
            "github-sbom", "deps.dev"):
        out.append(Evidence(f"licence of {dep.name}: {stated.text}", path=stated.path,
                            line=stated.line))
    return out


def _solution_license(ctx: Context) -> str | None:
    scanned = ctx.memo("licenses.scan", lambda: licenses.scan(ctx.view))
    return scanned.primary_expression


def license_findings(ctx: Context, declared_for: Any, describe: Any,
                     catalogued: set[tuple[str, str]], table: FindingTable
                     ) -> tuple[list[Finding], list[Evidence], dict[str, Any]]:
    """Findings, exempt evidence and the report data for every dependency's licence.

    ``declared_for(name)`` returns the dpg.yml declaration naming a package, ``describe``
    renders it; ``catalogued`` holds (ecosystem, name) already reported by the catalogue.
    """
    result = deps.licensing.for_context(ctx)
    policy = str(ctx.option("license_policy", "dpga") or "dpga").lower()
    own = _solution_license(ctx)
    own_sorted = deps.categories.sort_statement(own, policy) if own else None
    permissive = own_sorted is not None and own_sorted.category == "permissive"
    findings: list[Finding] = []
    evidence: list[Evidence] = []
    flagged: list[dict[str, Any]] = []
    exempt: dict[str, list[deps.licensing.Licensed]] = {}
    seen: set[tuple[str, str, str | None]] = set()
    for entry in result.entries:
        dep = entry.dependency
        ident = (dep.ecosystem, dep.name.lower(), dep.best_version)
        if ident in seen:
            continue
        seen.add(ident)
        if (dep.ecosystem, dep.name.lower()) in catalogued:
            continue
        if entry.flagged and not (dep.runtime and dep.direct):
            why = "development only, exempt" if not dep.runtime else \
                "pulled in by another dependency"
            exempt.setdefault(why, []).append(entry)
            continue
        if entry.flagged:
            decl = declared_for(dep.name)
            findings.append(_flag(table, entry, decl, describe, ctx.declarations.path))
            flagged.append({**entry.to_dict(), "declared": decl is not None})
        elif (permissive and entry.category == "strong-copyleft" and dep.runtime
              and dep.direct):
            findings.append(table.create(
                "license/copyleft-review", Status.PASS,
                f"{dep.name} is {entry.expression}, strong copyleft, under the solution's "
                f"{own}: a reviewer will ask how the two combine (not a failure)",
                tuple(entry_evidence(entry))))
    for why, entries in exempt.items():
        for entry in entries[:20]:
            evidence.extend(entry_evidence(entry, f"({why}) ")[:1])
        if len(entries) > 20:
            evidence.append(Evidence(f"({why}) and {len(entries) - 20} more"))
    counts = result.counts()
    unknown = [e for e in result.runtime if not e.known and e.dependency.direct]
    if unknown:
        names = ", ".join(e.dependency.name for e in unknown[:5])
        evidence.append(Evidence(
            f"{len(unknown)} direct runtime dependencies with no licence found in the "
            f"repository or the services asked (e.g. {names})"))
    evidence.extend(Evidence(f"licence services: {n}") for n in result.service_notes)
    evidence.extend(Evidence(f"could not read licences from {p}: {m}", path=p)
                    for p, m in result.problems[:10])
    data = {"counts": counts, "solution_license": own,
            "flagged": flagged, "exempt": {w: [e.to_dict() for e in es[:200]]
                                           for w, es in exempt.items()},
            "sources": result.sources[:200], "problems": [
                {"path": p, "message": m} for p, m in result.problems],
            "services": result.service_notes, "service_calls": result.service_calls}
    return findings, evidence, data


def _flag(table: FindingTable, entry: deps.licensing.Licensed, decl: dict[str, Any] | None,
          describe: Any, declarations_path: str | None) -> Finding:
    dep = entry.dependency
    shown = tuple(entry_evidence(entry))
    licence = entry.expression or (entry.stated.text if entry.stated else "")
    fields = {"category": entry.category, "name": dep.name}
    if decl is None:
        return table.create("license/{category}", Status.WARNING,
                            f"{dep.name} {_version(dep)} is a runtime dependency licensed "
                            f"{licence} ({entry.category}). A reviewer will ask: is it "
                            "mandatory, and what is the open alternative?", shown,
                            case=entry.category, **fields)
    declared = (Evidence(describe(decl), path=declarations_path), *shown)
    if decl.get("mandatory") is True and not str(decl.get("alternative") or "").strip():
        return table.create("license/mandatory-restricted", Status.FAIL,
                            f"{dep.name} ({licence}, {entry.category}) is declared mandatory "
                            "with no open alternative", declared, name=dep.name)
    if not (str(decl.get("alternative") or "").strip()
            or str(decl.get("explanation") or "").strip()):
        return table.create("license/{category}", Status.WARNING,
                            f"{dep.name} ({licence}) is declared but neither an alternative "
                            "nor an explanation is given", declared, case="unexplained",
                            **fields)
    return table.create("license/{category}", Status.PASS,
                        f"{dep.name} ({licence}, {entry.category}): explained in the "
                        "declarations file", declared, **fields)


#: Most dependencies listed in the report's data (what the SBOM formats write).
MAX_RECORDS = 50_000


def dependency_records(ctx: Context) -> list[dict[str, Any]]:
    """Every dependency with its licence, for the SBOM formats (``cyclonedx``, ``spdx``)."""
    entries = deps.licensing.for_context(ctx).entries
    return [e.to_dict() for e in entries[:MAX_RECORDS]]
