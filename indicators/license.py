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
    Context,
    Evidence,
    Finding,
    Indicator,
    Result,
    Status,
    licenses,
)

SPDX_LIST = "https://spdx.org/licenses/"
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
            findings.append(Finding(
                "open-license/unrecognised", Status.NEEDS_DECLARATION if expr is None
                else Status.WARNING, f"unrecognised licence text at {bad.path}{closest}"
                if not bad.too_large else f"{bad.path} is too large to read "
                f"({bad.too_large // 1024} KiB; dpgcheck reads the first "
                f"{licenses.MAX_LICENSE_FILE // 1024} KiB)",
                (Evidence("licence file whose text matches no SPDX licence", path=bad.path),),
                "Use the licence's unmodified text (see spdx.org/licenses), or declare its SPDX "
                "id under `licenses:` in dpg.yml."))
        for hit in hits:
            if hit.added:
                findings.append(Finding(
                    "open-license/modified", Status.WARNING,
                    f"{hit.path} is {hit.spdx} with added text: \"{hit.added}\"",
                    (_where(hit),),
                    f"Remove the added terms, or state that the licence is not plain {hit.spdx}: "
                    "an approved licence with extra restrictions is not approved."))
        if expr is None:
            if not scanned.unrecognised:
                findings.append(Finding(
                    "open-license/missing", Status.FAIL, "no licence found",
                    (), "Add a LICENSE file with the full text of an approved open licence "
                    "(e.g. Apache-2.0 or MIT for software, CC-BY-4.0 for content)."))
            return self._result(findings, "no licence found" if not scanned.unrecognised else
                                "licence not recognised", hits, None, policy, ctx,
                                scanned.unrecognised)
        if basis != "text":
            findings.append(Finding(
                "open-license/no-license-file", Status.WARNING,
                f"no licence file; the licence {expr} comes from {basis}",
                tuple(_where(h) for h in hits if h.method == basis)[:3],
                "Add a LICENSE file with the licence's full text at the repository root."))
        findings += self._judge(expr, categories, policy, declared, hits)
        findings += self._consistency(expr, hits)
        summary = f"{expr} ({', '.join(categories)}; policy {policy})"
        return self._result(findings, summary, hits, expr, policy, ctx, scanned.unrecognised)

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

    @staticmethod
    def _judge(expr: str, categories: list[str], policy: str, declared: dict[str, str],
               hits: list[licenses.Hit]) -> list[Finding]:
        findings = []
        for category in categories:
            if category == "aimodel":
                findings += OpenLicense._judge_aimodel(expr, policy, declared)
                continue
            subject = declared.get({"software": "code"}.get(category, category), expr)
            if licenses.approved(subject, category, policy):
                ids = licenses.ids_of(subject)
                if category == "data" and any(licenses.data_warning(i) for i in ids):
                    findings.append(Finding(
                        "open-license/nc-data", Status.WARNING,
                        f"{subject} is NonCommercial: accepted for data, but reviewers ask",
                        (), "Prefer CC-BY-4.0, CC0-1.0 or ODbL-1.0 for data."))
                else:
                    findings.append(Finding(
                        "open-license/approved", Status.PASS,
                        f"{subject} is approved for {category} ({policy} policy)"))
            else:
                why = licenses.restriction(subject)
                findings.append(Finding(
                    "open-license/not-approved", Status.FAIL,
                    f"{subject} is not approved for {category} ({policy} policy)"
                    + (f": {why}" if why else ""),
                    tuple(_where(h) for h in hits if h.primary)[:3],
                    OpenLicense._fix(category)))
        return findings

    @staticmethod
    def _judge_aimodel(expr: str, policy: str, declared: dict[str, str]) -> list[Finding]:
        findings = []
        parts = {"code": declared.get("code", expr), "weights": declared.get("weights"),
                 "data": declared.get("data")}
        kinds = {"code": "software", "weights": "aimodel", "data": "data"}
        for part, subject in parts.items():
            if subject is None:
                findings.append(Finding(
                    f"open-license/aimodel-{part}", Status.NEEDS_DECLARATION,
                    f"the licence of the model's {part} is not known",
                    (), f"Declare it in dpg.yml: licenses: [{{component: {part}, spdx: ID, "
                    "url: ...}]"))
            elif licenses.approved(subject, kinds[part], policy):
                findings.append(Finding(f"open-license/aimodel-{part}", Status.PASS,
                                        f"{part}: {subject} is approved"))
            else:
                why = licenses.restriction(subject)
                findings.append(Finding(
                    f"open-license/aimodel-{part}", Status.FAIL,
                    f"{part}: {subject} is not an approved open licence"
                    + (f": {why}" if why else ""), (), OpenLicense._fix(kinds[part])))
        return findings

    @staticmethod
    def _fix(category: str) -> str:
        return {
            "software": "License the code under an OSI-approved licence (e.g. Apache-2.0, MIT, "
                        "GPL-3.0-or-later, MPL-2.0).",
            "content": "License the content under Creative Commons without NoDerivatives "
                       "(CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0).",
            "data": "License the data under an Open Definition conformant licence (CC-BY-4.0, "
                    "CC-BY-SA-4.0, CC0-1.0, ODbL-1.0, ODC-By-1.0, PDDL-1.0).",
        }.get(category, "Use an approved open licence for every part.")

    @staticmethod
    def _consistency(expr: str, hits: list[licenses.Hit]) -> list[Finding]:
        """Manifests, README and forge that name other licences than the licence files."""
        project = _families(expr)
        disagree = [h for h in hits
                    if h.method in ("manifest", "forge", "notice") and not h.primary
                    and not (h.weak and h.method == "manifest")
                    and not _families(h.spdx) & project]
        if not disagree:
            return []
        shown = [Evidence(f"licence files: {expr}")] + [_where(h) for h in disagree]
        names = ", ".join(dict.fromkeys(f"{h.spdx} in {h.path or h.method}" for h in disagree))
        return [Finding("open-license/inconsistent", Status.WARNING,
                        f"sources disagree: licence files say {expr}, but {names}",
                        tuple(shown), "Make every manifest, the README and the licence file "
                        "name the same licence.")]

    @staticmethod
    def _result(findings: list[Finding], summary: str, hits: list[licenses.Hit],
                expr: str | None, policy: str, ctx: Context,
                unrecognised: list[licenses.Unrecognised]) -> Result:
        cats = [c.value for c in ctx.categories]
        entries: list[dict[str, Any]] = []
        for h in hits:
            approved: bool | None
            if h.added:
                approved = None  # a modified licence: a reviewer must read the difference
            elif h.spdx.startswith("LicenseRef-"):
                approved = False
            else:
                cat_list = ["aimodel"] if h.component == "weights" else cats
                approved = any(licenses.approved(h.spdx, c, policy) for c in cat_list)
            entries.append({"spdx": h.spdx, "path": h.path, "line": h.line, "method": h.method,
                            "confidence": h.confidence, "approved": approved})
        # Unrecognised files are findings, not entries: consumers (the DPGA export) read every
        # entry as a licence the project has.
        data_extra = {"unrecognised": [u.path for u in unrecognised]} if unrecognised else {}
        evidence = [_where(h) for h in hits if h.primary][:5]
        return Result.from_findings(findings, summary, evidence=evidence,
                                    data={"licenses": entries, "expression": expr,
                                          "license_policy": policy, **data_extra})
