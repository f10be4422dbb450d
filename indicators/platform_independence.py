"""Indicator 4: Platform independence.

Runtime dependencies and container images are matched against the shipped catalogue of closed
and source-available components (``dpgcheck/data/closed_components.yaml``). The Standard asks
that a mandatory closed dependency have an open alternative, and exempts development tooling:
dev-only and transitive hits are shown as evidence, not gaps. The maintainer answers in
``dpg.yml`` under ``platform_independence.closed_dependencies``.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Any

from dpgcheck_indicators.platform_licenses import (
    LICENSE_SPECS,
    dependency_records,
    license_findings,
)

from dpgcheck.api import (
    STANDARD_URL,
    Category,
    Context,
    Evidence,
    Finding,
    FindingSpec,
    FindingTable,
    Indicator,
    Result,
    Status,
    deps,
    load_closed_catalogue,
)

ClosedHit = deps.closed.ClosedHit

DECLARATION_KEY = "platform_independence.closed_dependencies"
DECLARE_HINT = ("declare it in dpg.yml under platform_independence.closed_dependencies "
                "(name, mandatory, alternative, explanation)")

FINDINGS = FindingTable(
    "platform-independence",
    *LICENSE_SPECS,
    FindingSpec("closed/{component}", "Closed or source-available runtime dependency", {
        "undeclared": "Show that {name} is optional or replaceable (open alternatives: "
                      "{alternatives}), and " + DECLARE_HINT + ".",
        "unexplained": "Add 'alternative' or 'explanation' to the declaration of {declared}.",
    }),
    FindingSpec("mandatory-closed", "Closed dependency declared mandatory with no alternative",
                "Make {name} optional or support an open alternative ({alternatives}), then "
                "update the declaration."),
    FindingSpec("declared", "Closed dependency declared in dpg.yml",
                "Make {name} optional or support an open alternative, then update the "
                "declaration."),
    FindingSpec("unparsed-manifest", "Manifest that could not be read",
                "Fix {path} so that it parses, or list its closed dependencies in dpg.yml."),
    FindingSpec("dependencies-checked", "Runtime dependencies checked, none closed"),
    FindingSpec("no-manifests", "No dependency manifest or container file",
                "List closed or source-available dependencies in dpg.yml under "
                "platform_independence.closed_dependencies (an empty list if there are none)."),
)


def _version(hit: ClosedHit) -> str:
    dep = hit.dependency
    if dep.resolved and dep.version and dep.resolved != dep.version:
        return f"{dep.version} (locked {dep.resolved})"
    return dep.best_version or "version not stated"


def _hit_evidence(hit: ClosedHit, prefix: str = "") -> Evidence:
    dep, comp = hit.dependency, hit.component
    may = f" ({hit.reason})" if hit.reason else ""
    return Evidence(
        f"{prefix}{dep.name} {_version(hit)} [{dep.ecosystem}]{may}: {comp.name}, "
        f"{comp.license}; open alternative: {comp.alternatives[0]}",
        path=dep.path, line=dep.line, url=comp.sources[0])


def _record(hit: ClosedHit) -> dict[str, Any]:
    dep = hit.dependency
    return {"component": hit.component.id, "name": dep.name, "ecosystem": dep.ecosystem,
            "version": dep.version, "resolved": dep.resolved, "path": dep.path,
            "line": dep.line, "certain": hit.certain, "declared": False,
            "alternatives": list(hit.component.alternatives)}


def _declarations(ctx: Context) -> tuple[list[dict[str, Any]], bool]:
    value = ctx.declarations.get(DECLARATION_KEY)
    if isinstance(value, list):
        return [d for d in value if isinstance(d, dict) and d.get("name")], True
    return [], False


def _norm(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def _declared(hit: ClosedHit, declared: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The declaration naming this hit: the package or image name (or a glob), the catalogue
    id or a prefix of it (``mongodb`` covers ``mongodb-server``), or the component's name."""
    dep, comp = hit.dependency, hit.component
    for decl in declared:
        want = _norm(str(decl["name"]))
        if not want:
            continue
        if (want in (dep.name.lower(), _norm(comp.name), comp.id)
                or comp.id.startswith(f"{want}-")
                or fnmatch.fnmatchcase(dep.name.lower(), want)):
            return decl
    return None


def _describe(decl: dict[str, Any]) -> str:
    parts = [f"declared closed dependency '{decl['name']}'",
             "mandatory" if decl.get("mandatory") is True else "optional"]
    if decl.get("alternative"):
        parts.append(f"alternative: {decl['alternative']}")
    if decl.get("explanation"):
        parts.append(str(decl["explanation"]).strip())
    return "; ".join(parts)


class PlatformIndependence(Indicator):
    number = "4"
    id = "platform-independence"
    title = "Platform independence"
    url = f"{STANDARD_URL}#4-platform-independence"
    findings = FINDINGS
    after = ("open-license",)  # the licence scan: the solution's own licence

    def check(self, ctx: Context) -> Result:
        catalogue = load_closed_catalogue()
        deps = ctx.dependencies
        runtime = deps.runtime
        declared, has_declaration = _declarations(ctx)
        findings: list[Finding] = []
        evidence: list[Evidence] = []
        records: list[dict[str, Any]] = []

        for problem in deps.problems:
            findings.append(self.finding(
                "unparsed-manifest", Status.WARNING,
                f"could not read {problem.path}: {problem.message}; its dependencies were "
                "not checked",
                (Evidence(problem.message, path=problem.path, line=problem.line),),
                path=problem.path))

        by_component: dict[str, list[ClosedHit]] = {}
        exempt: dict[tuple[str, str, str], list[ClosedHit]] = {}
        for dep in deps.dependencies:
            hit = catalogue.match(dep)
            if hit is None:
                continue
            if dep.runtime and dep.direct and hit.component.level != "info":
                by_component.setdefault(hit.component.id, []).append(hit)
                continue
            why = ("for information" if dep.runtime and dep.direct else
                   "development only, exempt" if not dep.runtime else
                   "pulled in by another dependency")
            exempt.setdefault((why, hit.component.id, dep.path), []).append(hit)

        for (why, comp_id, path), hits in exempt.items():
            first = hits[0]
            if len(hits) == 1:
                evidence.append(_hit_evidence(first, f"({why}) "))
            else:
                names = ", ".join(sorted({h.dependency.name for h in hits})[:5])
                evidence.append(Evidence(
                    f"({why}) {len(hits)} {first.component.name} packages in {path}, e.g. "
                    f"{names}", path=path, line=first.dependency.line,
                    url=first.component.sources[0]))
            records.append({"component": comp_id, "reason": why, "path": path,
                            "count": len(hits),
                            "names": sorted({h.dependency.name for h in hits}),
                            "declared": False})

        used_declarations: set[int] = set()
        for comp_id, hits in by_component.items():
            comp = hits[0].component
            hit_evidence = [_hit_evidence(h) for h in hits]
            decl = next((d for d in (_declared(h, declared) for h in hits) if d), None)
            records.extend({**_record(h), "declared": decl is not None} for h in hits)
            alternatives = "; ".join(comp.alternatives)
            if decl is None:
                findings.append(self.finding(
                    "closed/{component}", Status.WARNING,
                    f"{comp.name} is a runtime dependency: {comp.why} A reviewer will ask: "
                    "show the open alternative.",
                    tuple(hit_evidence), case="undeclared", component=comp_id, name=comp.name,
                    alternatives=alternatives))
                continue
            used_declarations.add(id(decl))
            shown = Evidence(_describe(decl), path=ctx.declarations.path)
            mandatory = decl.get("mandatory") is True
            alternative = str(decl.get("alternative") or "").strip()
            explained = bool(alternative or str(decl.get("explanation") or "").strip())
            if mandatory and not alternative:
                findings.append(self.finding(
                    "mandatory-closed", Status.FAIL,
                    f"{comp.name} is declared mandatory with no open alternative: the "
                    "Standard requires that the core works without it or that an open "
                    "alternative swaps in.",
                    (shown, *hit_evidence), name=comp.name, alternatives=alternatives))
            elif not explained:
                findings.append(self.finding(
                    "closed/{component}", Status.WARNING,
                    f"{comp.name} is declared but neither an alternative nor an explanation "
                    "is given.", (shown, *hit_evidence),
                    case="unexplained", component=comp_id, declared=decl["name"]))
            else:
                findings.append(self.finding(
                    "closed/{component}", Status.PASS,
                    f"{comp.name}: explained in the declarations file", (shown, *hit_evidence),
                    component=comp_id))

        def declared_for(name: str) -> dict[str, Any] | None:
            low = name.lower()
            for decl in declared:
                want = _norm(str(decl["name"]))
                if want and (want == low or fnmatch.fnmatchcase(low, want)):
                    used_declarations.add(id(decl))
                    return decl
            return None

        catalogued = {(r["ecosystem"], r["name"].lower()) for r in records if "ecosystem" in r}
        catalogued |= {(h.dependency.ecosystem, h.dependency.name.lower())
                       for hits in exempt.values() for h in hits}
        lic_findings, lic_evidence, lic_data = license_findings(ctx, declared_for, _describe,
                                                                catalogued, FINDINGS)
        findings.extend(lic_findings)
        evidence.extend(lic_evidence)

        for decl in declared:
            if id(decl) in used_declarations:
                continue
            status = Status.FAIL if decl.get("mandatory") is True and not decl.get(
                "alternative") else Status.PASS
            findings.append(self.finding(
                "declared", status, _describe(decl),
                (Evidence(_describe(decl), path=ctx.declarations.path),), name=decl["name"]))

        open_hits = sum(1 for f in findings if f.id.startswith(f"{self.id}/closed/")
                        and f.status is not Status.PASS)
        restricted = sum(1 for f in lic_findings if f.status is Status.WARNING)
        distinct = len({(d.ecosystem, _norm(d.name)) for d in runtime})
        data = {"runtime_dependencies": distinct, "runtime_declarations": len(runtime),
                "manifests": len(deps.manifests),
                "catalogue_version": catalogue.version, "closed": records,
                "manifest_problems": [{"path": p.path, "message": p.message, "line": p.line}
                                      for p in deps.problems],
                "licenses": lic_data, "dependencies": dependency_records(ctx)}
        counts = lic_data["counts"]
        counted = (f"{distinct} runtime dependencies in {len(deps.manifests)} manifests "
                   f"checked against the closed-component catalogue {catalogue.version}; "
                   f"licence known for {counts['known']} of {counts['examined']} runtime "
                   "packages")

        if not deps.manifests and not deps.problems and not declared:
            if Category.SOFTWARE in ctx.categories and not has_declaration:
                message = ("no dependency manifest or container file found: dpgcheck cannot "
                           "see what the software depends on")
                return Result.from_findings(
                    [self.finding("no-manifests", Status.NEEDS_DECLARATION, message)],
                    message, evidence=evidence, data=data)
            return Result(Status.PASS, "no dependency manifests; nothing closed found",
                          evidence=evidence, data=data)
        if open_hits:
            summary = (f"{open_hits} closed or source-available runtime "
                       f"{'component' if open_hits == 1 else 'components'} without an "
                       f"explanation: a reviewer will ask for the open alternative ({counted})")
        elif restricted:
            summary = (f"{restricted} runtime {'dependency' if restricted == 1 else 'dependencies'}"
                       " under a restricted or unapproved licence: a reviewer will ask for "
                       f"the open alternative ({counted})")
        elif any(f.status is Status.FAIL for f in findings):
            summary = f"a closed dependency is declared mandatory with no alternative ({counted})"
        elif by_component:
            summary = f"closed runtime components are explained in the declarations ({counted})"
        else:
            summary = f"no closed or source-available runtime dependency ({counted})"
            # The decisive evidence of the pass: what was examined, where.
            findings.insert(0, self.finding(
                "dependencies-checked", Status.PASS, summary,
                (Evidence(f"{distinct} runtime dependencies in {len(deps.manifests)} manifests, "
                          f"none closed or source-available (catalogue {catalogue.version})",
                          path=deps.manifests[0] if deps.manifests else None),)))
        # Gaps first, then what is explained, then what is exempt (dev-only, transitive).
        ordered = sorted(findings, key=lambda f: -f.status.severity)
        shown = [e for f in ordered for e in f.evidence] + evidence
        return Result.from_findings(findings, summary, evidence=shown, data=data)
