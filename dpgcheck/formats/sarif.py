"""SARIF 2.1.0 for GitHub code scanning and other SARIF readers.

Rules are the same whatever a run found: one per indicator, then one per finding the indicator
declares (``dpgcheck.engine.findings``: id, title, fix, help URL). One result per failing,
warning or needs-declaration finding, under its declared rule (the indicator's rule for a
finding a plugin built by hand), or one per indicator when it has no findings, placed on the
file and line of its evidence. A gap with no
file (no licence at all) is placed on the declarations file, where its declaration or waiver
goes. Waived results stay in the log with a ``suppressions`` entry. Checks that could not run
are tool notifications, not results. Levels: fail -> error, warning -> warning,
needs-declaration -> note; checks beyond the Standard (never in the verdict) are always notes.
Each rule has a ``name`` that is not its id (``OpenLicenseMissing`` for
``open-license/missing``, as SARIF's names are) and a ``helpUri`` (its indicator's section of
the Standard, or the finding's own help page); SARIF has no ``informationUri`` on a rule, so the
driver's names the Standard.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from dpgcheck import __version__
from dpgcheck.engine.indicator import STANDARD_URL
from dpgcheck.formats import jsontext, reasons
from dpgcheck.formats.interface import FormatOptions, Formatter
from dpgcheck.model import Evidence, Finding, Status

if TYPE_CHECKING:
    from dpgcheck.declarations.loader import Waiver
    from dpgcheck.engine.findings import FindingSpec
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
        return jsontext.dumps(log) + "\n"


def _run(report: Report, several: bool) -> dict[str, Any]:
    indicators = [*report.indicators, *report.extras]
    rules: list[dict[str, Any]] = []
    for ind in indicators:
        rules.append(_rule(ind))
        rules.extend(_finding_rule(ind, spec) for spec in _specs(ind))
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    anchor = report.declarations_path or DEFAULT_DECLARATIONS
    results = [result for ind in indicators for result in _results(ind, rule_index, anchor)]
    notifications = [_notification(ind, rule_index[ind.id]) for ind in indicators
                     if ind.status is Status.ERROR]
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "dpgcheck",
            "fullName": f"dpgcheck {__version__}: checks against the DPG Standard",
            "version": __version__,
            "semanticVersion": __version__,
            # What the rules check against; each rule's helpUri is its indicator's section.
            "informationUri": STANDARD_URL,
            "rules": rules,
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
            # What each pass rests on, so a reviewer reading only this log can sign it.
            "passes": [{"indicator": ind.id, "number": ind.number,
                        "evidence": None if ind.decisive is None else ind.decisive.to_dict()}
                       for ind in indicators if ind.status is Status.PASS],
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


def _specs(ind: IndicatorReport) -> list[FindingSpec]:
    return list(ind.finding_table.values()) if ind.finding_table is not None else []


def _name(rule_id: str) -> str:
    """``open-license/not-approved`` -> ``OpenLicenseNotApproved`` (SARIF's rule name)."""
    return "".join(part[:1].upper() + part[1:].lower()
                   for part in re.split(r"[^A-Za-z0-9]+", rule_id) if part)


def _label(ind: IndicatorReport) -> str:
    return f"{ind.number} {ind.title}" if ind.number else ind.title


def _properties(ind: IndicatorReport) -> dict[str, Any]:
    return {
        "tags": ["dpg-standard"] + ([f"indicator-{ind.number}"] if ind.number else []),
        "indicator": ind.number,
        "affectsVerdict": ind.affects_verdict,
        "origin": ind.origin,
    }


def _rule(ind: IndicatorReport) -> dict[str, Any]:
    """The indicator's rule: its results when it reports no finding, and its notifications."""
    label = _label(ind)
    specs = _specs(ind)
    link = ind.url or "the DPG Standard"
    more = "Read the requirement in the DPG Standard" if ind.number else "Read more"
    text = [f"{label}.", "", "How to fix: each result's message says what to do."]
    markdown = [f"**{label}**", "", "How to fix: each result's message says what to do."]
    if specs:
        head = "Its findings, each a rule of its own with its fix:"
        text += ["", head, *(f"- {spec.id}: {spec.title}" for spec in specs)]
        markdown += ["", head, "", *(f"- `{spec.id}`: {spec.title}" for spec in specs)]
    text += ["", f"Requirement: {link}"]
    markdown += ["", f"[{more}]({ind.url})" if ind.url else ""]
    rule: dict[str, Any] = {
        "id": ind.id,
        "name": _name(ind.id),
        "shortDescription": {"text": label},
        "fullDescription": {"text": f"DPG Standard indicator {label}" if ind.number
                            else f"{label} (a check beyond the DPG Standard)"},
        "help": {"text": "\n".join(text), "markdown": "\n".join(markdown).rstrip()},
        "defaultConfiguration": {"level": "error" if ind.affects_verdict else "note"},
        "properties": _properties(ind),
    }
    if ind.url:
        rule["helpUri"] = ind.url
    return rule


def _finding_rule(ind: IndicatorReport, spec: FindingSpec) -> dict[str, Any]:
    """One declared finding: its title, its fix (every case), its help URL. A finding that is
    never a gap has no fix and the level ``none``."""
    fixes = list(spec.fixes.values())
    if fixes:
        body = ["How to fix:", *(f"- {fix}" for fix in fixes)]
        if spec.fields:
            body += ["", "Each result's message gives the fix with "
                     + ", ".join(f"{{{name}}}" for name in spec.fields) + " filled in."]
        level = "error" if ind.affects_verdict else "note"
    else:
        body = ["Reported when the check finds this: nothing to fix."]
        level = "none"
    url = spec.help_url or ind.url or None
    more = ("Read the requirement in the DPG Standard" if ind.number and not spec.help_url
            else "Read more")
    text = [f"{spec.title}.", "", *body] + (["", f"Read more: {url}"] if url else [])
    markdown = [f"**{spec.title}**", "", *(["How to fix:", "", *body[1:]] if fixes else body)]
    markdown += ["", f"[{more}]({url})"] if url else []
    where = (f"DPG Standard indicator {_label(ind)}" if ind.number
             else f"{_label(ind)} (a check beyond the DPG Standard)")
    rule: dict[str, Any] = {
        "id": spec.id,
        "name": _name(spec.id),
        "shortDescription": {"text": spec.title},
        "fullDescription": {"text": f"{spec.title}: a finding of {where}"},
        "help": {"text": "\n".join(text), "markdown": "\n".join(markdown)},
        "defaultConfiguration": {"level": level},
        "properties": {**_properties(ind), "indicatorId": ind.id, "finding": spec.name},
    }
    if url:
        rule["helpUri"] = url
    return rule


def _rule_of(ind: IndicatorReport, finding: Finding) -> str:
    """The declared rule a finding came from, else its indicator's rule."""
    if finding.rule is not None:
        return finding.rule
    spec = ind.finding_table.spec_for(finding.id) if ind.finding_table is not None else None
    return spec.id if spec is not None else ind.id


def _results(ind: IndicatorReport, rule_index: dict[str, int],
             anchor: str) -> list[dict[str, Any]]:
    open_findings = [f for f in ind.findings if f.status in LEVELS]
    if open_findings:
        out = []
        for f in open_findings:
            rule = _rule_of(ind, f)
            rule = rule if rule in rule_index else ind.id
            out.append(_result(ind, rule, rule_index[rule], anchor, f.status, f.message,
                               list(f.evidence), [f.remediation] if f.remediation else [],
                               ind.waiver_for(f), f))
        return out
    if ind.status in LEVELS:
        evidence = ind.evidence or [e for f in ind.findings for e in f.evidence]
        return [_result(ind, ind.id, rule_index[ind.id], anchor, ind.status, ind.summary,
                        evidence, list(ind.remediation), ind.waiver, None)]
    return []


def _result(ind: IndicatorReport, rule: str, index: int, anchor: str, status: Status,
            message: str, evidence: list[Evidence], fixes: list[str], waiver: Waiver | None,
            finding: Finding | None) -> dict[str, Any]:
    text = message.rstrip(".") + "."
    # Each piece of evidence once; the first placed one is the location (its message there,
    # the line's text as the region's snippet), the others related locations.
    evidence = [Evidence(**e) for e in reasons.unique([e.to_dict() for e in evidence])]
    if fixes:
        text += " Fix: " + " ".join(fixes)
    placed = [e for e in evidence if e.path]
    if placed:
        first, related = placed[0], placed[1:MAX_RELATED + 1]
        location = _location(first.path or "", first.line, _said(first), first.excerpt)
    else:
        related = []
        where = ("the declarations file: declare it here" if status is Status.NEEDS_DECLARATION
                 else "no single file: a repository-level gap (a waiver would go here)")
        location = _location(anchor, 1, where)
    result: dict[str, Any] = {
        "ruleId": rule,
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
            {"id": i, **_location(e.path or "", e.line, _said(e), e.excerpt)}
            for i, e in enumerate(related, start=1)]
    if waiver is not None:
        justification = waiver.reason + (f" (until {waiver.expires.isoformat()})"
                                          if waiver.expires else "")
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": justification,
                                   "properties": {"waiver": waiver.id}}]
    return result


def _said(item: Evidence) -> str:
    """The evidence's message, labelled when the maintainer declared it (not verified)."""
    label = reasons.basis_label(item.to_dict())
    return f"[{label}] {item.message}" if label else item.message


def _location(path: str, line: int | None, message: str,
              excerpt: str | None = None) -> dict[str, Any]:
    """A file-level location gets line 1: code scanning wants a region with a start line.
    The excerpt of the line, when there is one, is the region's snippet."""
    region: dict[str, Any] = {"startLine": line if line and line > 0 else 1}
    if excerpt and line:
        region["snippet"] = {"text": excerpt}
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": quote(path.lstrip("/")), "uriBaseId": SRCROOT},
        "region": region,
    }
    return {"physicalLocation": physical, "message": {"text": message}}


def _notification(ind: IndicatorReport, index: int) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"{ind.title}: could not check: {ind.summary}"},
        "associatedRule": {"id": ind.id, "index": index},
    }
