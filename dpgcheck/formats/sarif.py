"""SARIF 2.1.0 for GitHub code scanning and other SARIF readers.

One rule per indicator; one result per failing, warning or needs-declaration finding (or per
indicator when it has no findings), placed on the file and line of its evidence. A gap with no
file (no licence at all) is placed on the declarations file, where its declaration or waiver
goes. Waived results stay in the log with a ``suppressions`` entry. Checks that could not run
are tool notifications, not results. Levels: fail -> error, warning -> warning,
needs-declaration -> note; checks beyond the Standard (never in the verdict) are always notes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from dpgcheck import __version__
from dpgcheck.formats.interface import FormatOptions, Formatter
from dpgcheck.model import Evidence, Finding, Status

if TYPE_CHECKING:
    from dpgcheck.declarations.loader import Waiver
    from dpgcheck.engine.report import IndicatorReport, Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
DEFAULT_DECLARATIONS = "dpg.yml"
LEVELS = {Status.FAIL: "error", Status.WARNING: "warning", Status.NEEDS_DECLARATION: "note"}
MAX_RELATED = 20


class SarifFormat(Formatter):
    """One run per target, so batch checks upload as one file."""
    sink = "json"

    def render(self, reports: list[Report], options: FormatOptions) -> str:
        runs = [_run(r, several=len(reports) > 1) for r in reports]
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": runs}
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _run(report: Report, several: bool) -> dict[str, Any]:
    indicators = [*report.indicators, *report.extras]
    rule_index = {ind.id: i for i, ind in enumerate(indicators)}
    anchor = report.declarations_path or DEFAULT_DECLARATIONS
    results = [result for ind in indicators
               for result in _results(ind, rule_index[ind.id], anchor)]
    notifications = [_notification(ind, rule_index[ind.id]) for ind in indicators
                     if ind.status is Status.ERROR]
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "dpgcheck",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_rule(ind) for ind in indicators],
        }},
        "automationDetails": {"id": _automation_id(report, several)},
        "invocations": [{
            "executionSuccessful": True,
            "toolExecutionNotifications": notifications,
        }],
        "results": results,
        "properties": {
            "standardVersion": report.standard_version,
            "categories": list(report.categories),
            "verdict": report.verdict,
            "notes": list(report.notes),
        },
    }
    if report.target.path:
        root = Path(report.target.path).as_uri().rstrip("/") + "/"
        run["originalUriBaseIds"] = {SRCROOT: {"uri": root}}
    if report.target.commit:
        vcs: dict[str, Any] = {"revisionId": report.target.commit}
        if report.target.url:
            vcs["repositoryUri"] = report.target.url
        if report.target.ref:
            vcs["branch"] = report.target.ref
        if report.target.url:
            run["versionControlProvenance"] = [vcs]
        else:
            run["properties"]["revisionId"] = report.target.commit
    return run


def _automation_id(report: Report, several: bool) -> str:
    """``dpgcheck/`` (a category), or one category per target in a batch."""
    if not several:
        return "dpgcheck/"
    name = report.target.url or report.target.name
    return "dpgcheck/" + re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") + "/"


def _rule(ind: IndicatorReport) -> dict[str, Any]:
    label = f"{ind.number} {ind.title}" if ind.number else ind.title
    fixes = list(ind.remediation) or ["Nothing to fix in this run."]
    link = ind.url or "the DPG Standard"
    more = "Read the requirement in the DPG Standard" if ind.number else "Read more"
    text = "\n".join([f"{label}.", "", "How to fix:", *(f"- {f}" for f in fixes), "",
                      f"Requirement: {link}"])
    markdown = "\n".join([f"**{label}**", "", "How to fix:", "", *(f"- {f}" for f in fixes), "",
                          f"[{more}]({ind.url})" if ind.url else ""]).rstrip()
    rule: dict[str, Any] = {
        "id": ind.id,
        "name": "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", ind.id)),
        "shortDescription": {"text": label},
        "fullDescription": {"text": f"DPG Standard indicator {label}" if ind.number
                            else f"{label} (a check beyond the DPG Standard)"},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": "error" if ind.affects_verdict else "note"},
        "properties": {
            "tags": ["dpg-standard"] + ([f"indicator-{ind.number}"] if ind.number else []),
            "indicator": ind.number,
            "affectsVerdict": ind.affects_verdict,
            "origin": ind.origin,
        },
    }
    if ind.url:
        rule["helpUri"] = ind.url
    return rule


def _results(ind: IndicatorReport, index: int, anchor: str) -> list[dict[str, Any]]:
    open_findings = [f for f in ind.findings if f.status in LEVELS]
    if open_findings:
        return [_result(ind, index, anchor, f.status, f.message, list(f.evidence),
                        [f.remediation] if f.remediation else [], ind.waiver_for(f), f)
                for f in open_findings]
    if ind.status in LEVELS:
        evidence = ind.evidence or [e for f in ind.findings for e in f.evidence]
        return [_result(ind, index, anchor, ind.status, ind.summary, evidence,
                        list(ind.remediation), ind.waiver, None)]
    return []


def _result(ind: IndicatorReport, index: int, anchor: str, status: Status, message: str,
            evidence: list[Evidence], fixes: list[str], waiver: Waiver | None,
            finding: Finding | None) -> dict[str, Any]:
    text = message.rstrip(".") + "."
    if fixes:
        text += " Fix: " + " ".join(fixes)
    placed = [e for e in evidence if e.path]
    if placed:
        first, related = placed[0], placed[1:MAX_RELATED + 1]
        location = _location(first.path or "", first.line, first.message)
    else:
        related = []
        where = ("the declarations file: declare it here" if status is Status.NEEDS_DECLARATION
                 else "no single file: a repository-level gap (a waiver would go here)")
        location = _location(anchor, 1, where)
    result: dict[str, Any] = {
        "ruleId": ind.id,
        "ruleIndex": index,
        # Checks beyond the Standard never change the verdict: advice, not alerts.
        "level": LEVELS[status] if ind.affects_verdict else "note",
        "kind": "fail",
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {
            "dpgcheckFinding/v1": f"{finding.id if finding else ind.id}:"
                                  f"{location['physicalLocation']['artifactLocation']['uri']}"
        },
        "properties": {
            "status": status.value,
            "findingId": finding.id if finding else None,
            "evidence": [e.to_dict() for e in evidence[:MAX_RELATED]],
        },
    }
    if related:
        result["relatedLocations"] = [
            {"id": i, **_location(e.path or "", e.line, e.message)}
            for i, e in enumerate(related, start=1)]
    if waiver is not None:
        justification = waiver.reason + (f" (until {waiver.expires.isoformat()})"
                                          if waiver.expires else "")
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": justification,
                                   "properties": {"waiver": waiver.id}}]
    return result


def _location(path: str, line: int | None, message: str) -> dict[str, Any]:
    """A file-level location gets line 1: code scanning wants a region with a start line."""
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": quote(path.lstrip("/")), "uriBaseId": SRCROOT},
        "region": {"startLine": line if line and line > 0 else 1},
    }
    return {"physicalLocation": physical, "message": {"text": message}}


def _notification(ind: IndicatorReport, index: int) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"{ind.title}: could not check: {ind.summary}"},
        "associatedRule": {"id": ind.id, "index": index},
    }
