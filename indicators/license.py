"""Indicator 2: Use of an approved open licence.

Finds every licence (files, manifests, headers, README, forge, ``dpg.yml``), takes the
project's licence from its own licence files (manifests when there is none), and judges it per
category under the DPGA's list or the current OSI list (``--license-policy``).
"""

from __future__ import annotations

import re
from typing import Any

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
    category,
    licenses,
)

SPDX_LIST = "https://spdx.org/licenses/"

#: The fix for a licence that is not approved, by what it licenses.
APPROVED_FIX = {
    "software": "License the code under an OSI-approved licence (e.g. Apache-2.0, MIT, "
                "GPL-3.0-or-later, MPL-2.0).",
    "content": "License the content under Creative Commons without NoDerivatives "
               "(CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0).",
    "data": "License the data under an Open Definition conformant licence (CC-BY-4.0, "
            "CC-BY-SA-4.0, CC0-1.0, ODbL-1.0, ODC-By-1.0, PDDL-1.0).",
}

FINDINGS = FindingTable(
    "open-license",
    FindingSpec("missing", "No licence found",
                "Add a LICENSE file with the full text of an approved open licence "
                "(e.g. Apache-2.0 or MIT for software, CC-BY-4.0 for content)."),
    FindingSpec("unrecognised", "Licence text matches no SPDX licence",
                "Use the licence's unmodified text (see spdx.org/licenses), or declare its SPDX "
                "id under `licenses:` in dpg.yml.", help_url=SPDX_LIST),
    FindingSpec("modified", "Licence text with added or removed terms",
                "Remove the added terms, or state that the licence is not plain {spdx}: "
                "an approved licence with extra restrictions is not approved."),
    FindingSpec("no-license-file", "Licence known only from a manifest, header or the forge",
                "Add a LICENSE file with the licence's full text at the repository root."),
    FindingSpec("approved", "Licence approved for the category"),
    FindingSpec("not-approved", "Licence not approved for the category", APPROVED_FIX),
    FindingSpec("approved-elsewhere", "Licence approved for another plausible category only",
                "Declare the categories (`categories:` in dpg.yml, or --category): dpgcheck "
                "assumed {assumed}; {spdx} is approved for {others}."),
    FindingSpec("uncovered", "No licence names one part of the solution",
                "Say which licence covers the {category}: add a LICENSE-{upper} file, a README "
                "line such as \"The {category} is licensed under CC-BY-4.0\", or declare it in "
                "dpg.yml: licenses: [{{component: {category}, spdx: ID}}]."),
    FindingSpec("scope", "What each licence covers"),
    FindingSpec("unversioned", "A manifest names a GNU licence without its version",
                "Name the version in {path} (e.g. {family}-2.1-only or {family}-3.0-or-later) "
                "so it matches the licence file."),
    FindingSpec("nc-data", "NonCommercial licence for data",
                "Prefer CC-BY-4.0, CC0-1.0 or ODbL-1.0 for data."),
    FindingSpec("aimodel-{part}", "Licence of an AI model's code, weights or data", {
        "undeclared": "Declare it in dpg.yml: licenses: [{component: {part}, spdx: ID, "
                      "url: ...}]",
        "code": APPROVED_FIX["software"],
        "weights": "Use an approved open licence for every part.",
        "data": APPROVED_FIX["data"],
    }),
    FindingSpec("inconsistent", "Manifests, README or forge name another licence",
                "Make every manifest, the README and the licence file name the same licence."),
)
_SUFFIX = re.compile(r"-(?:only|or-later)$|\+$")


def _family(ident: str) -> str:
    return _SUFFIX.sub("", ident)


def _families(expr: str) -> frozenset[str]:
    return frozenset(_family(i) for i in licenses.ids_of(expr))


def _where(hit: licenses.Hit) -> Evidence:
    where = f"{hit.path}:{hit.line}" if hit.path and hit.line else (hit.path or hit.method)
    return Evidence(f"{hit.method}: {hit.spdx} ({where})", path=hit.path, line=hit.line)


class OpenLicense(Indicator):
    number = "2"
    id = "open-license"
    title = "Use of an approved open licence"
    url = f"{STANDARD_URL}#2-use-of-approved-open-licenses"
    findings = FINDINGS

    def check(self, ctx: Context) -> Result:
        policy = str(ctx.option("license_policy", "dpga") or "dpga").lower()
        if policy not in licenses.POLICIES:
            return Result(Status.ERROR, f"unknown licence policy '{policy}': use dpga or osi")
        scanned: licenses.ScanResult = ctx.memo("licenses.scan", lambda: licenses.scan(ctx.view))
        hits = list(scanned.hits)
        forge_id = getattr(ctx.forge, "license_spdx", None) if ctx.forge else None
        if forge_id and forge_id.upper() not in ("NOASSERTION", "OTHER"):
            norm = licenses.normalise(forge_id)
            if norm:
                hits.append(licenses.Hit(norm, None, None, "forge", 0.8))
        declared = self._declared(ctx, hits)
        categories = sorted(c.value for c in ctx.categories)
        findings: list[Finding] = []

        expr, basis = self._project_expression(scanned, hits, declared)
        for bad in scanned.unrecognised:
            closest = (f" (closest: {bad.guess}, similarity {bad.score:.2f})"
                       if bad.guess and bad.score else "")
            findings.append(self.finding(
                "unrecognised", Status.NEEDS_DECLARATION if expr is None else Status.WARNING,
                f"unrecognised licence text at {bad.path}{closest}",
                (Evidence("licence file whose text matches no SPDX licence", path=bad.path),)))
        for hit in hits:
            if hit.added:
                findings.append(self.finding(
                    "modified", Status.FAIL if hit.restricts else Status.WARNING,
                    f"{hit.path} is {hit.spdx} with "
                    f"{'changed' if hit.restricts else 'added'} text: \"{hit.added}\""
                    + (": not the approved licence" if hit.restricts else ""),
                    (_where(hit),), spdx=hit.spdx))
        for decl in scanned.manifests:
            if decl.unversioned:
                findings.append(self.finding(
                    "unversioned", Status.WARNING if expr else Status.NEEDS_DECLARATION,
                    f"{decl.path} names the {decl.raw.strip('() ')} without a version "
                    f"({decl.unversioned}, version not stated)",
                    (Evidence(f"manifest: {decl.raw.strip('() ')}", path=decl.path,
                              line=decl.line),),
                    path=decl.path, family=decl.unversioned))
        if expr is None:
            if not scanned.unrecognised and not any(m.unversioned for m in scanned.manifests):
                findings.append(self.finding("missing", Status.FAIL, "no licence found"))
            return self._result(findings, "no licence found" if not scanned.unrecognised else
                                "licence not recognised", hits, None, policy, ctx,
                                scanned.unrecognised)
        if basis != "text":
            findings.append(self.finding(
                "no-license-file", Status.WARNING,
                f"no licence file; the licence {expr} comes from {basis}",
                tuple(_where(h) for h in hits if h.method == basis)[:3]))
        scopes = Scopes.build(hits, expr)
        tree = ctx.memo("category.guess", lambda: category.infer(ctx.view))
        judge = _Judge(self, ctx, policy, declared, hits, scopes, expr, tree)
        findings += judge.run(categories)
        findings += self._consistency(expr, hits)
        covers = scopes.describe()
        if covers:
            findings.append(self.finding(
                "scope", Status.PASS, "licences by scope: " + "; ".join(covers),
                tuple(_where(h) for h in hits if h.scope and h.primary)[:4]))
        shown = "; ".join(covers) if covers else expr
        summary = f"{shown} ({', '.join(categories)}; policy {policy})"
        if ctx.categories_assumed:
            summary += f"; category assumed: {', '.join(categories)}"
        result = self._result(findings, summary, hits, expr, policy, ctx, scanned.unrecognised)
        if covers:
            result.data["scopes"] = scopes.as_data()
        return result

    # ---------------------------------------------------------------- parts
    @staticmethod
    def _declared(ctx: Context, hits: list[licenses.Hit]) -> dict[str, str]:
        """``licenses:`` entries of dpg.yml: component -> expression (and hits for each)."""
        out: dict[str, str] = {}
        entries = ctx.declarations.get("licenses") or []
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict) or not entry.get("spdx"):
                continue
            norm = licenses.normalise(str(entry["spdx"]))
            component = str(entry.get("component") or "code").lower()
            if norm:
                out[component] = norm
                hits.append(licenses.Hit(norm, ctx.declarations.path, None, "declared", 1.0,
                                         component=component))
        return out

    @staticmethod
    def _project_expression(scanned: licenses.ScanResult, hits: list[licenses.Hit],
                            declared: dict[str, str]) -> tuple[str | None, str]:
        if scanned.primary_expression:
            return scanned.primary_expression, "text"
        for method, weak in (("manifest", False), ("header", False), ("manifest", True),
                             ("notice", True), ("forge", False)):
            if method == "forge" and scanned.unrecognised:
                continue  # the forge read the same unrecognised file: not a second opinion
            exprs = [h.spdx for h in hits if h.method == method and h.weak == weak]
            if exprs:
                return licenses.combine(list(dict.fromkeys(exprs))[:1], "AND"), method
        if "code" in declared:
            return declared["code"], "declared"
        return None, ""

    def _consistency(self, expr: str, hits: list[licenses.Hit]) -> list[Finding]:
        """Manifests, README and forge that name other licences than the licence files."""
        project = _families(expr)
        disagree = [h for h in hits
                    if h.method in ("manifest", "forge", "notice") and not h.primary
                    and not (h.weak and h.method == "manifest") and not h.scope
                    and not _families(h.spdx) & project]
        if not disagree:
            return []
        shown = [Evidence(f"licence files: {expr}")] + [_where(h) for h in disagree]
        names = ", ".join(dict.fromkeys(f"{h.spdx} in {h.path or h.method}" for h in disagree))
        return [self.finding("inconsistent", Status.WARNING,
                             f"sources disagree: licence files say {expr}, but {names}",
                             tuple(shown))]

    @staticmethod
    def _result(findings: list[Finding], summary: str, hits: list[licenses.Hit],
                expr: str | None, policy: str, ctx: Context,
                unrecognised: list[licenses.Unrecognised]) -> Result:
        cats = [c.value for c in ctx.categories]
        entries: list[dict[str, Any]] = []
        for h in hits:
            approved: bool | None
            if h.added:
                # a modified licence: a reviewer must read the difference; never approved
                approved = False if h.restricts else None
            elif h.spdx.startswith("LicenseRef-"):
                approved = False
            else:
                cat_list = ["aimodel"] if h.component == "weights" else cats
                approved = any(licenses.approved(h.spdx, c, policy) for c in cat_list)
            entry: dict[str, Any] = {"spdx": h.spdx, "path": h.path, "line": h.line,
                                     "method": h.method, "confidence": h.confidence,
                                     "approved": approved}
            if h.scope:
                entry["scope"] = h.scope
            entries.append(entry)
        # Unrecognised files are findings, not entries: consumers (the DPGA export) read every
        # entry as a licence the project has.
        data_extra = {"unrecognised": [u.path for u in unrecognised]} if unrecognised else {}
        evidence = [_where(h) for h in hits if h.primary][:5]
        return Result.from_findings(findings, summary, evidence=evidence,
                                    data={"licenses": entries, "expression": expr,
                                          "license_policy": policy, **data_extra})


#: Licences written for works and data rather than programs (Creative Commons, Open Data
#: Commons and the like): beside a software licence they cover the non-code part.
_NON_CODE = re.compile(r"^(?:CC-|CC0|ODbL|ODC-|PDDL|OGL-|GFDL|DL-DE|etalab|OGDL|CDLA|OPUBL|"
                       r"LicenseRef-.*(?:data|content))", re.I)


def _non_code(ident: str) -> bool:
    return bool(_NON_CODE.match(ident))


class Scopes:
    """What each licence covers: from file names (LICENSE-DATA), README sections, and,
    for several unscoped licence files mixing a software licence with a Creative Commons
    or Open Data one, the kind of each licence."""

    def __init__(self) -> None:
        self.by_scope: dict[str, list[licenses.Hit]] = {}
        self.whole: str | None = None

    @classmethod
    def build(cls, hits: list[licenses.Hit], expr: str | None) -> Scopes:
        out = cls()
        primary = [h for h in hits if h.primary and h.method == "text"]
        for h in primary:
            if h.scope:
                out.by_scope.setdefault(h.scope, []).append(h)
        unscoped = [h for h in primary if not h.scope]
        kinds = {_non_code(h.spdx) for h in unscoped}
        if len({h.spdx for h in unscoped}) >= 2 and kinds == {True, False}:
            for h in unscoped:
                if _non_code(h.spdx):
                    for scope in ("content", "data"):
                        out.by_scope.setdefault(scope, []).append(h)
                else:
                    out.by_scope.setdefault("software", []).append(h)
            unscoped = []
        for h in hits:  # README sections and sentences: only where no file says more
            if h.scope and not h.primary and h.scope not in out.by_scope:
                out.by_scope.setdefault(h.scope, []).append(h)
        file_scoped = any(h.primary for hs in out.by_scope.values() for h in hs)
        if not file_scoped:
            out.whole = expr
        elif unscoped:
            out.whole = licenses.combine(list(dict.fromkeys(h.spdx for h in unscoped)), "AND")
        return out

    def of(self, scope: str) -> str | None:
        found = self.by_scope.get(scope)
        if not found:
            return None
        return licenses.combine(list(dict.fromkeys(h.spdx for h in found)), "AND")

    def paths(self, scope: str) -> str:
        return ", ".join(dict.fromkeys(h.path or h.method for h in self.by_scope.get(scope, [])))

    def describe(self) -> list[str]:
        out = [f"{scope}: {self.of(scope)} ({self.paths(scope)})"
               for scope in ("software", "content", "data") if self.by_scope.get(scope)]
        if out and self.whole:
            out.append(f"everything else: {self.whole}")
        return out

    def as_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {scope: {"expression": self.of(scope),
                                        "paths": self.paths(scope).split(", ")}
                                for scope in ("software", "content", "data")
                                if self.by_scope.get(scope)}
        if self.whole:
            data["whole"] = {"expression": self.whole}
        return data


_NAMES = {"software": "code", "content": "content", "data": "data"}


class _Judge:
    """Judge each category by the licence that covers it."""

    def __init__(self, ind: OpenLicense, ctx: Context, policy: str, declared: dict[str, str],
                 hits: list[licenses.Hit], scopes: Scopes, expr: str,
                 tree: category.CategoryGuess) -> None:
        self.ind, self.ctx, self.policy, self.declared = ind, ctx, policy, declared
        self.hits, self.scopes, self.expr, self.tree = hits, scopes, expr, tree
        self.restricted = {h.spdx for h in hits if h.restricts}

    def run(self, categories: list[str]) -> list[Finding]:
        findings: list[Finding] = []
        for cat in categories:
            if cat == "aimodel":
                findings += self.aimodel()
            else:
                findings += self.one(cat)
        return findings

    def subject(self, cat: str) -> tuple[str | None, str]:
        """(expression covering ``cat``, where it comes from: declared|scoped|whole|none)."""
        declared = self.declared.get({"software": "code"}.get(cat, cat))
        if declared:
            return declared, "declared"
        scoped = self.scopes.of(cat)
        from_files = any(h.primary for h in self.scopes.by_scope.get(cat, []))
        if scoped and from_files:
            return scoped, "scoped"
        whole = self.scopes.whole
        if whole and (not scoped or licenses.approved(whole, cat, self.policy)):
            return whole, "whole"  # the licence files cover everything, this part too
        if scoped:
            return scoped, "scoped"  # a README names this part's licence
        if not self.scopes.by_scope:
            return self.expr, "whole"
        return None, "none"

    def evidence(self, cat: str, how: str) -> tuple[Evidence, ...]:
        if how == "scoped":
            return tuple(_where(h) for h in self.scopes.by_scope.get(cat, []))[:3]
        return tuple(_where(h) for h in self.hits if h.primary and not h.scope)[:3]

    def one(self, cat: str) -> list[Finding]:
        subject, how = self.subject(cat)
        name = _NAMES[cat]
        if subject is None:
            covered = "; ".join(self.scopes.describe())
            return [self.ind.finding(
                "uncovered", Status.NEEDS_DECLARATION,
                f"no licence names the {name} ({covered})", self.evidence(cat, "whole"),
                category=name, upper=name.upper())]
        if set(licenses.ids_of(subject)) & self.restricted:
            return []  # the "modified" finding already fails it
        where = f" ({self.scopes.paths(cat)})" if how == "scoped" else ""
        if licenses.approved(subject, cat, self.policy):
            ids = licenses.ids_of(subject)
            if cat == "data" and any(licenses.data_warning(i) for i in ids):
                return [self.ind.finding(
                    "nc-data", Status.WARNING,
                    f"{subject} is NonCommercial: accepted for data, but reviewers ask")]
            covers = f" covers the {name}{where} and" if how == "scoped" else ""
            return [self.ind.finding(
                "approved", Status.PASS,
                f"{subject}{covers} is approved for {cat} ({self.policy} policy)",
                self.evidence(cat, how))]
        has_code = Category.SOFTWARE in self.tree.plausible
        if (cat != "software" and how == "whole" and has_code
                and licenses.approved(subject, "software", self.policy)
                and not self.ctx.categories_assumed):
            return [self.ind.finding(
                "uncovered", Status.NEEDS_DECLARATION,
                f"{subject} is a software licence: it covers the code; no licence names the "
                f"{name}", self.evidence(cat, how), category=name, upper=name.upper())]
        others = self.approved_elsewhere(subject, cat)
        if others and self.ctx.categories_assumed:
            basis = self.ctx.category_basis
            return [self.ind.finding(
                "approved-elsewhere", Status.WARNING,
                f"{subject} is approved for {', '.join(others)}, not {cat}; dpgcheck assumed "
                f"{cat} because {basis.get('reason', 'nothing was declared')}",
                self.evidence(cat, how), assumed=cat, spdx=subject,
                others=", ".join(others))]
        return [self.ind.finding(
            "not-approved", Status.FAIL,
            f"{subject}{where} is not approved for {cat} ({self.policy} policy)",
            self.evidence(cat, how), case=cat)]

    def approved_elsewhere(self, subject: str, cat: str) -> list[str]:
        plausible = {c.value for c in self.ctx.plausible_categories} - {cat, "aimodel"}
        return [c for c in ("software", "content", "data")
                if c in plausible and licenses.approved(subject, c, self.policy)]

    def aimodel(self) -> list[Finding]:
        findings = []
        counts = self.tree.counts
        non_code = self.scopes.of("data") or self.scopes.of("content")
        whole = self.scopes.whole or (self.expr if not self.scopes.by_scope else None)
        code = self.declared.get("code") or self.scopes.of("software") or whole
        weights = self.declared.get("weights") or self.scopes.of("weights") or non_code or (
            whole if counts.get("model") else None)
        data = self.declared.get("data") or non_code or (whole if counts.get("data") else None)
        parts = {"code": code, "weights": weights, "data": data}
        kinds = {"code": "software", "weights": "aimodel", "data": "data"}
        for part, subject in parts.items():
            if subject is None:
                findings.append(self.ind.finding(
                    "aimodel-{part}", Status.NEEDS_DECLARATION,
                    f"the licence of the model's {part} is not known",
                    case="undeclared", part=part))
            elif licenses.approved(subject, kinds[part], self.policy):
                findings.append(self.ind.finding("aimodel-{part}", Status.PASS,
                                                 f"{part}: {subject} is approved", part=part))
            elif (part == "data" and subject == whole and not self.declared.get("data")
                  and licenses.approved(subject, "aimodel", self.policy)):
                findings.append(self.ind.finding(
                    "aimodel-{part}", Status.WARNING,
                    f"data: the repository's licence {subject} covers the model's data in the "
                    f"tree ({counts.get('data', 0)} data files); it is not an open data "
                    "licence", case=part, part=part))
            else:
                findings.append(self.ind.finding(
                    "aimodel-{part}", Status.FAIL,
                    f"{part}: {subject} is not an approved open licence", case=part, part=part))
        return findings
