"""JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines).

One test suite per target, one test case per indicator. A status that breaks the build in this
run (``--fail-on``/``--strict``; by default only ``fail``) is a ``<failure>``; a check that
could not run is an ``<error>``; a waived gap, a not-applicable indicator and a
``needs-declaration`` that does not break the build are ``<skipped>`` with the reason, so none
is hidden behind a green tick; a warning that does not break the build passes, with the warning
in the suite's ``<system-out>``. Checks beyond the Standard never fail (they never change the
exit code): their gaps pass with the advice in the suite's ``<system-out>``.

The document is valid against both common JUnit schemas, Jenkins xunit's ``junit-10.xsd`` and
the Apache Ant one (windyroad's ``JUnit.xsd``), which the tests validate it with. What that
asks: ``<testsuites>`` without attributes; each ``<testsuite>`` with ``package`` and ``id``,
``name``, ``timestamp`` (UTC, no zone), ``hostname``, ``tests``, ``failures``, ``errors``,
``skipped`` and ``time``, and its children in the order ``properties``, the cases,
``system-out``, ``system-err``; each ``<testcase>`` with ``name``, ``classname`` and ``time``
and at most one child (``failure``, ``error`` or ``skipped``), so a passing case's notes go
to the suite's ``system-out``. ``hostname`` is ``localhost``: dpgcheck does not put the
machine's name in a report.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from dpgcheck import __version__
from dpgcheck.formats import reasons
from dpgcheck.formats.interface import FormatOptions, Formatter
from dpgcheck.model import Status

if TYPE_CHECKING:
    from dpgcheck.engine.report import IndicatorReport, Report

#: Characters XML 1.0 cannot carry.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_EVIDENCE = 50


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _token(text: str, fallback: str) -> str:
    """A value for an ``xs:token`` attribute of at least one character."""
    return " ".join(_clean(text).split()) or fallback


def _seconds(value: float) -> str:
    """Seconds as both schemas read them (a decimal with no exponent)."""
    return f"{max(value, 0.0):.3f}"


class JunitFormat(Formatter):
    def render(self, reports: list[Report], options: FormatOptions) -> str:
        root = ET.Element("testsuites")  # the Ant schema allows it no attribute
        for number, report in enumerate(reports):
            root.append(_suite(report, options.fail_on, number))
        ET.indent(root)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                + ET.tostring(root, encoding="unicode") + "\n")


def _suite(report: Report, fail_on: frozenset[Status], number: int) -> ET.Element:
    target = report.target.url or report.target.path or report.target.name
    name = _token(f"dpgcheck: {target}", "dpgcheck")
    classname = _token(report.target.name, "target")
    started = report.started_at or datetime.now(UTC)
    suite = ET.Element("testsuite", name=name, package=classname, id=str(number),
                       timestamp=started.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
                       hostname="localhost")
    props = ET.SubElement(suite, "properties")
    for key, value in (("dpgcheck.version", __version__),
                       ("standard.version", report.standard_version),
                       ("categories", ",".join(report.categories)),
                       ("verdict", report.verdict),
                       ("commit", report.target.commit or ""),
                       ("declarations", report.declarations_path or "")):
        ET.SubElement(props, "property", name=key, value=_clean(value))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    notes = list(report.notes)
    seconds = 0.0
    for ind in [*report.indicators, *report.extras]:
        case, outcome, note = _case(ind, classname, fail_on)
        suite.append(case)
        counts["tests"] += 1
        seconds += ind.seconds
        if outcome:
            counts[outcome] += 1
        if note:
            notes.append(f"{case.get('name')}: {note}")
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", _seconds(seconds))
    ET.SubElement(suite, "system-out").text = _clean("\n\n".join(notes))
    ET.SubElement(suite, "system-err").text = ""
    return suite


def _case(ind: IndicatorReport, classname: str,
          fail_on: frozenset[Status]) -> tuple[ET.Element, str | None, str | None]:
    """The test case, its outcome (a count's key, ``None`` for a pass) and, for a pass with
    something to say, the note for the suite's ``system-out``."""
    label = f"{ind.number} {ind.title}" if ind.number else f"{ind.title} (beyond the Standard)"
    case = ET.Element("testcase", name=_token(f"{label} [{ind.id}]", ind.id or "indicator"),
                      classname=classname, time=_seconds(ind.seconds))
    status, details = ind.status, _details(ind)
    summary = _clean(f"{status.value}: {ind.summary}")
    if ind.waiver is not None and ind.effective_status is not status:
        skipped = ET.SubElement(case, "skipped",
                                message=_clean(f"waived: {ind.waiver.reason} (was {summary})"))
        skipped.text = details
        return case, "skipped", None
    if status is Status.ERROR:
        ET.SubElement(case, "error", message=summary, type=status.value).text = details
        return case, "errors", None
    if status in fail_on and ind.affects_verdict:
        ET.SubElement(case, "failure", message=summary, type=status.value).text = details
        return case, "failures", None
    if status in (Status.NOT_APPLICABLE, Status.NEEDS_DECLARATION):
        ET.SubElement(case, "skipped", message=summary).text = details
        return case, "skipped", None
    if status is not Status.PASS or ind.findings or ind.evidence:
        return case, None, summary + ("\n" + details if details else "")
    return case, None, None


def _details(ind: IndicatorReport) -> str:
    """As the terminal report says it: a pass's decisive evidence; each rule that fired with
    its evidence and fix; then what else was seen, each line once."""
    data = ind.to_dict()
    lines: list[str] = []
    decisive = reasons.decisive(data)
    if decisive is not None:
        lines.append(f"Evidence: {reasons.evidence_line(decisive)}")
    shown = reasons.reasons(data)
    fixes: set[str] = set()
    for reason in shown:
        mark = f" (waived: {reason.waived})" if reason.waived else ""
        lines.append(f"[{reason.status}] {reason.rule}: {reason.message}{mark}")
        lines += [f"  - {reasons.evidence_line(e)}" for e in reason.evidence[:MAX_EVIDENCE]]
        if reason.fix and reason.fix not in fixes:
            fixes.add(reason.fix)
            lines.append(f"  Fix: {reason.fix}")
    seen = {reasons.evidence_line(decisive)} if decisive is not None else set()
    rest = (reasons.context(data, shown) if shown
            else reasons.unique(reasons.all_evidence(data), seen))
    lines += [f"- {reasons.evidence_line(e)}" for e in rest[:MAX_EVIDENCE]]
    lines += [f"Fix: {fix}" for fix in reasons.other_fixes(data, shown) if fix not in fixes]
    if ind.url:
        lines.append(f"Standard: {ind.url}")
    return _clean("\n".join(lines))
