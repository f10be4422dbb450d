"""What each licence of a repository covers (its scope) and the judgement of each part by
its category's policy: the half of indicator 2 that turns licences found into findings."""

from __future__ import annotations

import re
from typing import Any

from dpgcheck.api import (
    Category,
    Context,
    Evidence,
    Finding,
    Indicator,
    Status,
    category,
    licenses,
)

#: How each way of finding a licence reads in evidence ("MIT, full text, 100% match").
_HOW = {"notice": "licence notice", "manifest": "package manifest", "forge": "the forge's API",
        "declared": "declared in dpg.yml"}


def where(hit: licenses.Hit) -> Evidence:
    """The licence, how it was found and how well its text matched; the place is the
    evidence's path and line (the formats print it once)."""
    if hit.method == "text":
        how = ("modified text" if hit.added else "full text" if hit.confidence >= 0.95
               else "licence text") + f", {round(hit.confidence * 100)}% match"
    elif hit.method == "header":
        how = f"licence header in {hit.count} files" if hit.count > 1 else "licence header"
    else:
        how = _HOW.get(hit.method, hit.method)
    message = f"{hit.spdx}, {how}"
    return Evidence(message if hit.path else f"{message} ({hit.method})", path=hit.path,
                    line=hit.line)



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


class Judge:
    """Judge each category by the licence that covers it."""

    def __init__(self, ind: Indicator, ctx: Context, policy: str, declared: dict[str, str],
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
            return tuple(where(h) for h in self.scopes.by_scope.get(cat, []))[:3]
        return tuple(where(h) for h in self.hits if h.primary and not h.scope)[:3]

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
        why = licenses.restriction(subject)
        return [self.ind.finding(
            "not-approved", Status.FAIL,
            f"{subject}{where} is not approved for {cat} ({self.policy} policy)"
            + (f": {why}" if why else ""),
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
                why = licenses.restriction(subject)
                findings.append(self.ind.finding(
                    "aimodel-{part}", Status.FAIL,
                    f"{part}: {subject} is not an approved open licence"
                    + (f": {why}" if why else ""), case=part, part=part))
        return findings
