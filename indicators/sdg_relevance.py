"""Indicator 1: Relevance to the SDGs.

Only the maintainer can say which Goals the solution serves and why (``sdgs`` in dpg.yml);
what the repository itself says about the SDGs is shown beside each declared Goal. dpgcheck
works offline, so the pages behind the declared evidence URLs are not read: a declared Goal
that nothing in the repository mentions is a warning a reviewer will ask about.
"""

from __future__ import annotations

from typing import Any

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
    sdg_hints,
)

SdgHints = sdg_hints.SdgHints
find_sdg_hints = sdg_hints.find_sdg_hints
goal_name = sdg_hints.goal_name
goals_in_url = sdg_hints.goals_in_url

SAY_HOW = "Say in the README or docs how the solution serves {label} (e.g. 'SDG {number}: ...')"

FINDINGS = FindingTable(
    "sdg-relevance",
    FindingSpec("not-declared", "No SDG declared",
                "Declare the Goals the solution serves in dpg.yml, each with why and a link, "
                "e.g. 'sdgs: [{example}]' (run 'dpgcheck init' for a pre-filled file)."),
    FindingSpec("no-relevance-text", "No declared SDG says why",
                "Add 'relevance:' (a sentence or two) to each SDG in dpg.yml."),
    FindingSpec("sdg-{number}", "Declared SDG the repository mentions too"),
    FindingSpec("sdg-{number}-no-relevance", "Declared SDG without a relevance text",
                "Say in dpg.yml why the solution serves {label} ('relevance:' under that SDG)."),
    FindingSpec("sdg-{number}-unsupported", "Declared SDG nothing in the repository mentions", {
        "urls-not-read": SAY_HOW + ". The declared URLs were not read: dpgcheck works offline "
                         "and only the repository's text counts.",
        "no-url": SAY_HOW + ", and add an evidence URL for reviewers.",
    }),
)


def _urls(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return []


def declared_sdgs(ctx: Context) -> list[dict[str, Any]]:
    """Declared SDG entries with a valid number (the schema has checked the rest)."""
    value = ctx.declarations.get("sdgs") or []
    return [e for e in value if isinstance(e, dict) and isinstance(e.get("number"), int)]


def _hint_lines(hints: SdgHints) -> list[Evidence]:
    evidence: list[Evidence] = []
    for number in hints.numbers:
        first = hints.by_goal[number][0]
        evidence.append(Evidence(f"SDG {number} ({goal_name(number)}): {first.message}",
                                 path=first.path, line=first.line))
    return evidence + hints.general


def _example(hints: SdgHints) -> str:
    """``sdgs`` entries to copy: the Goals the repository mentions, or a blank one."""
    numbers = hints.numbers[:3] or [0]
    items = " ".join(f"{{number: {n}, relevance: '...', evidence: [https://...]}}"
                     if n else "{number: N, relevance: '...', evidence: [https://...]}"
                     for n in numbers)
    return items.replace("} {", "}, {")


class SdgRelevance(Indicator):
    number = "1"
    id = "sdg-relevance"
    title = "Relevance to the SDGs"
    url = f"{STANDARD_URL}#1-relevance-to-sustainable-development-goals-sdgs"
    findings = FINDINGS

    def check(self, ctx: Context) -> Result:
        topics = ctx.forge.topics if ctx.forge is not None else []
        hints = find_sdg_hints(ctx.view, topics)
        data: dict[str, Any] = {
            "sdg_hints": {str(n): [e.to_dict() for e in ev] for n, ev in hints.by_goal.items()},
            "dpg_markers": [e.to_dict() for e in hints.general],
        }
        declared = declared_sdgs(ctx)
        data["sdgs_declared"] = [e["number"] for e in declared]
        if not declared:
            found = (f"; the repository mentions SDG {', '.join(map(str, hints.numbers))}"
                     if hints.numbers else "; the repository mentions no SDG")
            finding = self.finding("not-declared", Status.NEEDS_DECLARATION,
                                   "no SDG declared" + found, tuple(_hint_lines(hints)),
                                   example=_example(hints))
            return Result.from_findings([finding], "no SDG declared in dpg.yml" + found,
                                        evidence=_hint_lines(hints), data=data)
        findings = [self._judge(ctx, i, entry, hints) for i, entry in enumerate(declared)]
        with_text = [e["number"] for e in declared if str(e.get("relevance") or "").strip()]
        if not with_text:
            findings.append(self.finding(
                "no-relevance-text", Status.NEEDS_DECLARATION,
                "no declared SDG says why the solution is relevant to it",
                (Evidence("sdgs", path=ctx.declarations.path),)))
        extra = [n for n in hints.numbers if n not in data["sdgs_declared"]]
        evidence = [ctx.declarations.evidence("sdgs", "declared: SDG " + ", ".join(
            str(e["number"]) for e in declared))]
        evidence += [Evidence(f"also mentioned in the repository, not declared: SDG {n} "
                              f"({goal_name(n)})", path=hints.by_goal[n][0].path,
                              line=hints.by_goal[n][0].line) for n in extra]
        evidence += hints.general
        if with_text:
            summary = "SDGs declared with relevance: " + ", ".join(map(str, with_text))
        else:
            summary = ("SDG " + ", ".join(str(e["number"]) for e in declared)
                       + " declared without a relevance text")
        return Result.from_findings(findings, summary,
                                    evidence=evidence, data=data)

    def _judge(self, ctx: Context, index: int, entry: dict[str, Any],
               hints: SdgHints) -> Finding:
        number = entry["number"]
        label = f"SDG {number} ({goal_name(number)})"
        where = ctx.declarations.evidence(f"sdgs.{index}", f"declared: {label}")
        relevance = str(entry.get("relevance") or "").strip()
        urls = _urls(entry.get("evidence"))
        seen = list(hints.by_goal.get(number, []))
        seen += [Evidence(f"evidence URL names {label}", url=u) for u in urls
                 if number in goals_in_url(u)]
        if not relevance:
            return self.finding("sdg-{number}-no-relevance", Status.WARNING,
                                f"{label} is declared without a relevance text",
                                (where, *seen), number=number, label=label)
        if seen:
            return self.finding("sdg-{number}", Status.PASS,
                                f"{label} declared; the repository mentions it too",
                                (where, *seen[:5]), number=number)
        return self.finding(
            "sdg-{number}-unsupported", Status.WARNING,
            f"{label} is declared but nothing in the repository mentions it",
            (where, *(Evidence("evidence URL (not fetched)", url=u, basis="declared")
                      for u in urls)),
            case="urls-not-read" if urls else "no-url", number=number, label=label)
