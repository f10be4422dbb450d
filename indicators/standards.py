"""Indicator 8: Adherence to standards and best practices.

Open standards and practices are recognised from the catalogue in
``dpgcheck/data/standards.yml`` (files, content, dependencies, tags), listed under the names
the standards bodies use, and shown next to what ``dpg.yml`` declares (``standards``,
``best_practices``).
"""

from __future__ import annotations

from typing import Any

from dpgcheck.api import (
    STANDARD_URL,
    Context,
    Evidence,
    FindingSpec,
    FindingTable,
    Indicator,
    Result,
    Status,
    load_data,
    signals,
    source_scan,
)

match_catalogue = signals.catalogue.match_catalogue
rule_hints = signals.catalogue.rule_hints

FINDINGS = FindingTable(
    "standards",
    FindingSpec("open-standards", "Open standards evidenced or declared"),
    FindingSpec("no-open-standards", "No open standard evidenced or declared",
                "Name the open standards the solution implements under `standards:` in "
                "dpg.yml (pick from the DPGA's Featured Standards), each with an "
                "evidence_url."),
    FindingSpec("best-practices", "Best practices evidenced or declared"),
    FindingSpec("no-best-practices", "No best practice evidenced or declared",
                "Add the practices reviewers look for (CI, tests, SECURITY.md, "
                "CHANGELOG, dependency updates) or list yours under `best_practices:` "
                "in dpg.yml, each with an evidence_url."),
)


def declared_items(ctx: Context, key: str) -> list[dict[str, str | None]]:
    """``standards`` / ``best_practices`` entries of dpg.yml as name + evidence URL."""
    raw = ctx.declarations.get(key) or []
    items: list[dict[str, str | None]] = []
    for entry in raw if isinstance(raw, list) else [raw]:
        if isinstance(entry, dict) and entry.get("name"):
            url = entry.get("evidence_url")
            items.append({"name": str(entry["name"]), "evidence_url": str(url) if url else None})
        elif isinstance(entry, str) and entry.strip():
            items.append({"name": entry.strip(), "evidence_url": None})
    return items


def _declared_evidence(ctx: Context, items: list[dict[str, str | None]],
                       what: str) -> list[Evidence]:
    return [Evidence(f"declared {what}: {item['name']}", path=ctx.declarations.path,
                     url=item["evidence_url"]) for item in items]


class Standards(Indicator):
    number = "8"
    id = "standards"
    title = "Adherence to standards and best practices"
    url = f"{STANDARD_URL}#8-adherence-to-standards--best-practices"
    findings = FINDINGS

    def scan_hints(self) -> list[str]:
        """The catalogue's words, answered by the source scan in one pass."""
        return rule_hints(load_data("standards.yml")["entries"])

    def check(self, ctx: Context) -> Result:
        matches = match_catalogue(ctx, load_data("standards.yml")["entries"])
        standards = [m for m in matches if m.kind == "standard"]
        practices = [m for m in matches if m.kind == "practice"]
        declared_standards = declared_items(ctx, "standards")
        declared_practices = declared_items(ctx, "best_practices")
        found = _group(ctx, "open standard", standards, declared_standards)
        seen = _group(ctx, "best practice", practices, declared_practices)
        findings = [
            self.finding("open-standards", Status.PASS, *found) if found else
            self.finding("no-open-standards", Status.NEEDS_DECLARATION,
                         "no open standard evidenced in the repository or declared"),
            self.finding("best-practices", Status.PASS, *seen) if seen else
            self.finding("no-best-practices", Status.NEEDS_DECLARATION,
                         "no best practice evidenced in the repository or declared"),
        ]
        evidence = [Evidence(f"{m.kind}: {m.name}" + (f" ({m.count} signs)" if m.count > 1
                                                     else ""),
                             m.evidence[0].path, m.evidence[0].line, m.evidence[0].url)
                    for m in matches if m.evidence]
        evidence += _declared_evidence(ctx, declared_standards, "standard")
        evidence += _declared_evidence(ctx, declared_practices, "best practice")
        summary = (f"{len(standards)} open standard(s), {len(practices)} practice(s) evidenced"
                   + (f"; {len(declared_standards) + len(declared_practices)} declared"
                      if declared_standards or declared_practices else ""))
        if standards:
            summary += ": " + ", ".join(m.name for m in standards[:5])
            if len(standards) > 5:
                summary += ", …"
        data: dict[str, Any] = {
            "standards": [m.to_dict() for m in standards],
            "practices": [m.to_dict() for m in practices],
            "declared_standards": declared_standards,
            "declared_best_practices": declared_practices,
            "scan": source_scan(ctx).figures(),
        }
        return Result.from_findings(findings, summary, evidence=evidence, data=data)


def _group(ctx: Context, what: str, found: list[Any],
           declared: list[dict[str, str | None]]) -> tuple[str, tuple[Evidence, ...]] | None:
    """The message and evidence of what was found or declared, ``None`` when nothing was."""
    if not found and not declared:
        return None
    evidence = tuple(e for m in found for e in m.evidence)
    evidence += tuple(_declared_evidence(ctx, declared, what))
    names = [m.name for m in found] + [str(d["name"]) for d in declared]
    return f"{what}s: " + ", ".join(dict.fromkeys(names)), evidence
