"""Indicator 2: Use of an approved open licence.

Finds every licence (files, manifests, headers, README, forge, ``dpg.yml``), takes the
project's licence from its own licence files (manifests when there is none), and judges it per
category under the DPGA's list or the current OSI list (``--license-policy``).
"""

from __future__ import annotations

import re
from typing import Any

from dpgcheck_indicators.license_scopes import Judge, Scopes, where

from dpgcheck.api import (
    STANDARD_URL,
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
        # A model hub's card licence is the licence of the model (its weights).
        model = getattr(ctx.forge, "kind", None) == "model"
        norm = None
        if forge_id and forge_id.upper() not in ("NOASSERTION", "OTHER"):
            norm = licenses.normalise(forge_id)
            if norm:
                hits.append(licenses.Hit(norm, None, None, "forge", 0.8,
                                         component="weights" if model else None))
        declared = self._declared(ctx, hits)
        if model and norm:
            declared.setdefault("weights", norm)
        categories = sorted(c.value for c in ctx.categories)
        findings: list[Finding] = []

        expr, basis = self._project_expression(scanned, hits, declared)
        ctx.notes.extend(scanned.problems)  # manifests too large or broken to read
        for bad in scanned.unrecognised:
            closest = (f" (closest: {bad.guess}, similarity {bad.score:.2f})"
                       if bad.guess and bad.score else "")
            findings.append(self.finding(
                "unrecognised", Status.NEEDS_DECLARATION if expr is None else Status.WARNING,
                f"unrecognised licence text at {bad.path}{closest}"
                if not bad.too_large else f"{bad.path} is too large to read "
                f"({bad.too_large // 1024} KiB; dpgcheck reads the first "
                f"{licenses.MAX_LICENSE_FILE // 1024} KiB)",
                (Evidence("licence file whose text matches no SPDX licence", path=bad.path),)))
        for hit in hits:
            if hit.added:
                findings.append(self.finding(
                    "modified", Status.FAIL if hit.restricts else Status.WARNING,
                    f"{hit.path} is {hit.spdx} with "
                    f"{'changed' if hit.restricts else 'added'} text: \"{hit.added}\""
                    + (": not the approved licence" if hit.restricts else ""),
                    (*_added_at(ctx, hit), where(hit)), spdx=hit.spdx))
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
                tuple(where(h) for h in hits if h.method == basis)[:3]))
        scopes = Scopes.build(hits, expr)
        tree = ctx.memo("category.guess", lambda: category.infer(ctx.view))
        judge = Judge(self, ctx, policy, declared, hits, scopes, expr, tree)
        findings += judge.run(categories)
        findings += self._consistency(expr, hits)
        covers = scopes.describe()
        if covers:
            findings.append(self.finding(
                "scope", Status.PASS, "licences by scope: " + "; ".join(covers),
                tuple(where(h) for h in hits if h.scope and h.primary)[:4]))
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
        shown = [Evidence(f"licence files: {expr}")] + [where(h) for h in disagree]
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
        evidence = [where(h) for h in hits if h.primary][:5]
        return Result.from_findings(findings, summary, evidence=evidence,
                                    data={"licenses": entries, "expression": expr,
                                          "license_policy": policy, **data_extra})


_TOKEN = re.compile(r"[a-z0-9]+")


def _added_at(ctx: Context, hit: licenses.Hit) -> tuple[Evidence, ...]:
    """Where the added text of a modified licence starts (its first words, found across line
    breaks), so the report quotes that line; nothing when it cannot be placed."""
    passage = _TOKEN.findall((hit.added or "").lower())
    if not hit.path or len(passage) < 3 or (hit.added or "").startswith(("removed", "title:",
                                                                         "words the")):
        return ()
    text = ctx.view.read_text(hit.path) or ""
    tokens = [(t, n) for n, line in enumerate(text.splitlines(), 1)
              for t in _TOKEN.findall(line.lower())]
    head = passage[:4]
    for i in range(len(tokens) - len(head) + 1):
        if all(tokens[i + k][0] == word for k, word in enumerate(head)):
            return (Evidence("added text", path=hit.path, line=tokens[i][1]),)
    return ()
