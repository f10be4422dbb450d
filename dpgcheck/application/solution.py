"""A solution of several repositories judged as one: each indicator combined by a stated rule.

The rules: the licence must be approved in every repository (for its role: the check already
judged each repository in its categories); documentation, standards and protection from
harassment are met when the solution has them, in any repository; ownership must be
consistent across repositories, or the differences are named; every other indicator is met
only if every repository meets it. Each repository's own status and evidence stay beside the
combined result. Waivers are shown, never applied (raw statuses are combined).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dpgcheck.application.observed import Observed, Quote, same_owner

RANK = {"pass": 0, "not-applicable": 0, "warning": 1, "needs-declaration": 2, "error": 3,
        "fail": 4}
EVERY = "every repository must meet it: the solution has the worst status of its repositories"
ANY = ("present for the solution: met when at least one repository meets it; each "
       "repository's evidence is shown")
RULES = {
    "2": "every repository's licence must be approved for its role (a repository whose "
         "licence fails fails the solution)",
    "3": "ownership must be met by every repository and consistent across them; "
         "differences are named",
    "5": ANY, "8": ANY, "9c": ANY,
}


@dataclass
class RepoResult:
    name: str
    input: str
    status: str
    summary: str
    evidence: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"repository": self.name, "input": self.input, "status": self.status,
                "summary": self.summary, "evidence": [q.to_dict() for q in self.evidence]}


@dataclass
class SolutionIndicator:
    number: str
    id: str
    title: str
    status: str
    rule: str
    reason: str
    repositories: list[RepoResult] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "id": self.id, "title": self.title,
                "status": self.status, "rule": self.rule, "reason": self.reason,
                "repositories": [r.to_dict() for r in self.repositories]}


@dataclass
class Solution:
    name: str
    repositories: list[tuple[str, Observed]]
    indicators: list[SolutionIndicator] = field(default_factory=list)
    facts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        statuses = {i.status for i in self.indicators}
        if "fail" in statuses:
            return "fail"
        return "incomplete" if statuses & {"needs-declaration", "error"} else "pass"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "verdict": self.verdict,
            "repositories": [{"repository": n, "input": o.input, "url": o.url,
                              "verdict": o.entry.get("verdict"), "error": o.error,
                              "waivers": o.waivers()} for n, o in self.repositories],
            "indicators": [i.to_dict() for i in self.indicators],
            "facts": self.facts,
        }


def worst(statuses: list[str]) -> str:
    return max(statuses, key=lambda s: RANK.get(s, 3)) if statuses else "error"


def best(statuses: list[str]) -> str:
    present = [s for s in statuses if s != "not-applicable"] or statuses
    return min(present, key=lambda s: RANK.get(s, 3)) if present else "error"


def combine(name: str, repos: list[tuple[str, Observed]]) -> Solution:
    """The solution's result per indicator, in the Standard's order."""
    solution = Solution(name, repos)
    order: list[tuple[str, str, str]] = []
    for _, obs in repos:
        for ind in obs.entry.get("indicators") or []:
            key = (str(ind.get("number")), str(ind.get("id")), str(ind.get("title")))
            if key not in order:
                order.append(key)
    for number, ident, title in order:
        rows = []
        for repo_name, obs in repos:
            ind = obs.indicator(number)
            if obs.error is not None:
                rows.append(RepoResult(repo_name, obs.input, "error", obs.error))
            elif ind:
                row = RepoResult(repo_name, obs.input, str(ind.get("status")),
                                 str(ind.get("summary") or ""), obs.evidence(number))
                if number == "2" and row.status == "fail" and obs.licence_role:
                    row.status = "warning"  # approved for the repository's own role
                    row.summary += f" (approved as a {obs.licence_role} licence)"
                rows.append(row)
        statuses = [r.status for r in rows]
        rule = RULES.get(number, EVERY)
        status = best(statuses) if rule == ANY else worst(statuses)
        failing = [r.name for r in rows if r.status in ("fail", "error")]
        reason = (f"{', '.join(failing)}: {rows[[r.name for r in rows].index(failing[0])].summary}"
                  if failing and rule != ANY else
                  f"met in {', '.join(r.name for r in rows if RANK.get(r.status, 3) <= 1)}"
                  if rule == ANY and status in ("pass", "warning") else
                  "; ".join(f"{r.name}: {r.status}" for r in rows))
        if number == "2" and failing:
            reason = "not approved in " + ", ".join(
                f"{r.name} ({r.summary})" for r in rows if r.status in ("fail", "error"))
        if number == "3":
            status, reason = _ownership(status, repos, reason)
        solution.indicators.append(SolutionIndicator(number, ident, title, status, rule,
                                                     reason, rows))
    solution.facts = {
        "code_of_conduct": [{"repository": n, "path": o.code_of_conduct} for n, o in repos],
        "security_policy": [{"repository": n, "path": o.security_policy} for n, o in repos],
        "documentation": [{"repository": n, "path": o.documentation} for n, o in repos],
        "owners": [{"repository": n, "owners": o.owners()[:3], "forge_owner": o.owner_login}
                   for n, o in repos],
    }
    return solution


def _ownership(status: str, repos: list[tuple[str, Observed]],
               reason: str) -> tuple[str, str]:
    named = [(n, o.owners()[0]) for n, o in repos if o.error is None and o.owners()]
    if len(named) < 2:
        return status, reason
    first = named[0][1]
    differ = [(n, owner) for n, owner in named[1:] if not same_owner(first, owner)]
    if not differ:
        return status, f"consistent: every repository names {first}"
    listing = "; ".join(f"{n} names {o}" for n, o in named)
    return worst([status, "warning"]), f"owners differ: {listing}"
